package dev.payspec.internal;

import com.fasterxml.jackson.databind.JavaType;
import feign.MethodMetadata;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One method of a generated API interface, read once from its Feign annotations by Feign's own
 * contract: the HTTP method, the path template, the query parameters, the headers (fixed, or taken
 * from an argument), which argument is the body and what a success decodes to. Each call then only
 * fills in the path, the query and the headers, and serializes the body. Not part of the public API.
 *
 * @param method the HTTP method
 * @param literals the path's fixed parts, one more than {@code pathArguments}
 * @param pathArguments for each path variable, in order, the index of the argument that fills it
 * @param queryNames the query parameters' names, already percent-encoded
 * @param queryArguments for each query parameter, the index of the argument that fills it
 * @param headers the fixed headers as name, value, name, value...
 * @param headerNames the headers taken from an argument
 * @param headerArguments for each of them, the index of the argument
 * @param bodyIndex the index of the body argument, or -1
 * @param result what a success decodes to, or null when the method returns nothing
 * @param answers the check of a success's body against the spec, or null
 */
record CallPlan(String method, String[] literals, int[] pathArguments, String[] queryNames, int[] queryArguments,
    String[] headers, String[] headerNames, int[] headerArguments, int bodyIndex, JavaType result,
    AnswerCheck answers) {

  /**
   * Reads the plan of one method, refusing what this transport does not send (forms, query or
   * header maps, URL arguments): such a method fails here, alone, and the build's test over the
   * specs ({@code TransportCoversTheSpecsTest}) fails first.
   */
  static CallPlan of(MethodMetadata metadata, JavaType result) {
    return of(metadata, result, null);
  }

  static CallPlan of(MethodMetadata metadata, JavaType result, AnswerCheck answers) {
    String where = metadata.configKey();
    if (metadata.queryMapIndex() != null || metadata.headerMapIndex() != null || metadata.urlIndex() != null
        || !metadata.formParams().isEmpty()) {
      throw new IllegalStateException(where + " uses a form, a query map, a header map or a URL argument,"
          + " which the wrapper's transport does not send: extend CallPlan before using it");
    }
    Map<String, Integer> arguments = new HashMap<>();
    metadata.indexToName().forEach((index, names) -> names.forEach(name -> arguments.put(name, index)));

    String url = metadata.template().path();
    List<String> literals = new ArrayList<>();
    List<Integer> pathArguments = new ArrayList<>();
    int from = 0;
    for (int open = url.indexOf('{'); open >= 0; open = url.indexOf('{', from)) {
      int close = url.indexOf('}', open);
      String name = url.substring(open + 1, close);
      Integer index = arguments.get(name);
      if (index == null || name.contains(":")) {
        throw new IllegalStateException(where + ": no argument is named for the path variable {" + name + "}");
      }
      literals.add(url.substring(from, open));
      pathArguments.add(index);
      from = close + 1;
    }
    literals.add(url.substring(from));

    List<String> queryNames = new ArrayList<>();
    List<Integer> queryArguments = new ArrayList<>();
    metadata.template().queries().forEach((name, values) -> {
      for (String value : values) {
        queryNames.add(encode(name));
        queryArguments.add(argumentOf(value, arguments, where, "the query parameter " + name));
      }
    });

    List<String> headers = new ArrayList<>();
    List<String> headerNames = new ArrayList<>();
    List<Integer> headerArguments = new ArrayList<>();
    for (Map.Entry<String, Collection<String>> header : metadata.template().headers().entrySet()) {
      for (String value : header.getValue()) {
        if (value.contains("{")) {
          headerNames.add(header.getKey());
          headerArguments.add(argumentOf(value, arguments, where, "the header " + header.getKey()));
        } else {
          headers.add(header.getKey());
          headers.add(value);
        }
      }
    }
    return new CallPlan(metadata.template().method(), literals.toArray(String[]::new), ints(pathArguments),
        queryNames.toArray(String[]::new), ints(queryArguments), headers.toArray(String[]::new),
        headerNames.toArray(String[]::new), ints(headerArguments),
        metadata.bodyIndex() == null ? -1 : metadata.bodyIndex(), result, answers);
  }

  /** The argument behind a template that is exactly one variable, {@code {name}}. */
  private static int argumentOf(String template, Map<String, Integer> arguments, String where, String what) {
    Integer index = template.startsWith("{") && template.endsWith("}") && template.indexOf('{', 1) < 0
        ? arguments.get(template.substring(1, template.length() - 1)) : null;
    if (index == null) {
      throw new IllegalStateException(where + ": " + what + " is " + template + ", not one argument,"
          + " which the wrapper's transport does not send: extend CallPlan before using it");
    }
    return index;
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The path of this call, relative to the base URL, each variable percent-encoded as one segment. */
  String path(Object[] args) {
    if (pathArguments.length == 0) {
      return literals[0];
    }
    StringBuilder path = new StringBuilder(64).append(literals[0]);
    for (int i = 0; i < pathArguments.length; i++) {
      Object value = args[pathArguments[i]];
      if (value == null) {
        throw new IllegalArgumentException(method + " " + String.join("{}", literals)
            + ": a path variable is null; it is required");
      }
      appendEncoded(path, text(value)).append(literals[i + 1]);
    }
    return path.toString();
  }

  /**
   * The query string of this call with its {@code ?}, or "" when no query argument is set: each
   * name and value percent-encoded (RFC 3986), a collection as the name repeated (form, exploded).
   */
  String query(Object[] args) {
    if (queryArguments.length == 0) {
      return "";
    }
    StringBuilder query = null;
    for (int i = 0; i < queryArguments.length; i++) {
      Object value = args[queryArguments[i]];
      if (value == null) {
        continue;
      }
      Iterable<?> values = value instanceof Iterable<?> many ? many : List.of(value);
      for (Object one : values) {
        if (one == null) {
          continue;
        }
        query = query == null ? new StringBuilder(64).append('?') : query.append('&');
        appendEncoded(query.append(queryNames[i]).append('='), text(one));
      }
    }
    return query == null ? "" : query.toString();
  }

  /** The fixed headers and those taken from arguments that are set, as name, value, name, value... */
  String[] headers(Object[] args) {
    if (headerArguments.length == 0) {
      return headers;
    }
    List<String> all = new ArrayList<>(List.of(headers));
    for (int i = 0; i < headerArguments.length; i++) {
      Object value = args[headerArguments[i]];
      if (value != null) {
        String text = value instanceof Iterable<?> many ? String.join(",", texts(many)) : text(value);
        if (text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
          throw new IllegalArgumentException("the header " + headerNames[i] + " must not hold a line break");
        }
        all.add(headerNames[i]);
        all.add(text);
      }
    }
    return all.toArray(String[]::new);
  }

  /** The body argument, or null. */
  Object body(Object[] args) {
    return bodyIndex < 0 ? null : args[bodyIndex];
  }

  private static List<String> texts(Iterable<?> values) {
    List<String> texts = new ArrayList<>();
    values.forEach(v -> texts.add(text(v)));
    return texts;
  }

  /** A value as it goes on the wire: dates in ISO 8601, enums by their JSON value, the rest as text. */
  private static String text(Object value) {
    if (value instanceof TemporalAccessor || value instanceof Enum<?>) {
      String json = Transport.JSON.valueToTree(value).asText();
      return json.isEmpty() ? value.toString() : json;
    }
    return value.toString();
  }

  private static String encode(String text) {
    return appendEncoded(new StringBuilder(), text).toString();
  }

  // RFC 3986 unreserved characters stay as they are; everything else, '/', '&', '=' and '+' included, is encoded.
  private static StringBuilder appendEncoded(StringBuilder out, String value) {
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out;
  }
}
