package dev.payspec.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One method of a generated API interface, read once from its Feign annotations
 * ({@code @RequestLine}, {@code @Headers}, {@code @Param}) by plain reflection: the HTTP method,
 * the path template, the query parameters, the headers (fixed, or taken from an argument), which
 * argument is the body and what a success decodes to. Each call then only fills in the path, the
 * query and the headers, and serializes the body. Feign's own contract parser is not used: it cost
 * about 60 ms of the first call (measured), for annotations this simple. Not part of the public API.
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
 * @param reader reads {@code result}, made once: a reader made per call costs a lookup every time
 */
record CallPlan(String method, String[] literals, int[] pathArguments, String[] queryNames, int[] queryArguments,
    String[] headers, String[] headerNames, int[] headerArguments, int bodyIndex, JavaType result,
    AnswerCheck answers, ObjectMapper json, ObjectReader reader) {

  /**
   * Reads the plan of one method, refusing what this transport does not send (forms, query or
   * header maps, URL arguments): such a method fails here, alone, and the build's test over the
   * specs ({@code TransportCoversTheSpecsTest}) fails first.
   */
  static CallPlan of(Method javaMethod, JavaType result, ObjectMapper json) {
    return of(javaMethod, result, null, json);
  }

  /** @param json the mapper of the API's models ({@link Json}) */
  static CallPlan of(Method javaMethod, JavaType result, AnswerCheck answers, ObjectMapper json) {
    String where = javaMethod.getDeclaringClass().getSimpleName() + "#" + javaMethod.getName();
    RequestLine line = javaMethod.getAnnotation(RequestLine.class);
    if (line == null) {
      throw new IllegalStateException(where + " has no @RequestLine");
    }
    Map<String, Integer> arguments = arguments(javaMethod);
    int bodyIndex = bodyIndex(javaMethod, where);

    String requestLine = line.value().strip();
    int space = requestLine.indexOf(' ');
    String httpMethod = requestLine.substring(0, space);
    String uri = requestLine.substring(space + 1).strip();
    int question = uri.indexOf('?');
    String url = question < 0 ? uri : uri.substring(0, question);

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
    if (question >= 0) {
      for (String pair : uri.substring(question + 1).split("&")) {
        int equals = pair.indexOf('=');
        if (pair.isEmpty()) {
          continue;
        }
        if (equals < 0) {
          throw new IllegalStateException(where + ": the query part " + pair + " takes no argument,"
              + " which the wrapper's transport does not send: extend CallPlan before using it");
        }
        queryNames.add(encode(pair.substring(0, equals)));
        queryArguments.add(argumentOf(pair.substring(equals + 1), arguments, where, "the query parameter " + pair));
      }
    }

    List<String> headers = new ArrayList<>();
    List<String> headerNames = new ArrayList<>();
    List<Integer> headerArguments = new ArrayList<>();
    Headers declared = javaMethod.getAnnotation(Headers.class);
    for (String header : declared == null ? new String[0] : declared.value()) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException(where + ": the header " + header + " is not name: value");
      }
      String name = header.substring(0, colon).strip();
      String value = header.substring(colon + 1).strip();
      if (value.contains("{")) {
        headerNames.add(name);
        headerArguments.add(argumentOf(value, arguments, where, "the header " + name));
      } else {
        headers.add(name);
        headers.add(value);
      }
    }
    return new CallPlan(httpMethod, literals.toArray(String[]::new), ints(pathArguments),
        queryNames.toArray(String[]::new), ints(queryArguments), headers.toArray(String[]::new),
        headerNames.toArray(String[]::new), ints(headerArguments), bodyIndex, result, answers, json,
        result == null ? null : json.readerFor(result));
  }

  /** Each {@code @Param} name with the index of its argument. */
  static Map<String, Integer> arguments(Method javaMethod) {
    Map<String, Integer> arguments = new HashMap<>();
    Annotation[][] annotations = javaMethod.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Param param) {
          arguments.put(param.value(), i);
        }
      }
    }
    return arguments;
  }

  /**
   * The body, as Feign finds it: the one argument without a Feign annotation; -1 when there is none.
   * A query or header map, or a URL argument, is refused.
   */
  static int bodyIndex(Method javaMethod, String where) {
    int body = -1;
    Annotation[][] annotations = javaMethod.getParameterAnnotations();
    Class<?>[] types = javaMethod.getParameterTypes();
    for (int i = 0; i < annotations.length; i++) {
      boolean feign = false;
      for (Annotation annotation : annotations[i]) {
        String type = annotation.annotationType().getName();
        if (type.equals("feign.QueryMap") || type.equals("feign.HeaderMap")) {
          throw new IllegalStateException(where + " takes a query or header map,"
              + " which the wrapper's transport does not send: extend CallPlan before using it");
        }
        feign |= annotation instanceof Param;
      }
      if (types[i] == java.net.URI.class) {
        throw new IllegalStateException(where + " takes a URL argument,"
            + " which the wrapper's transport does not send: extend CallPlan before using it");
      }
      if (!feign) {
        if (body >= 0) {
          throw new IllegalStateException(where + " has two arguments that could be the body, such as a form,"
              + " which the wrapper's transport does not send: extend CallPlan before using it");
        }
        body = i;
      }
    }
    return body;
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
      String json = (value instanceof Enum<?> ? Json.PLAIN : Json.withDates()).valueToTree(value).asText();
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
