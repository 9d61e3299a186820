package dev.payspec.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.payspec.spec.ApiSpec;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * The request of one operation, read once from the spec ({@link ApiSpec.Operation}): the HTTP
 * method, the path template, each parameter with its location, style and explode, the fixed headers
 * (the body's media type, {@code Accept}) and what a success decodes to. Each call then only fills
 * in the path, the query and the headers from its {@link Arguments}. Not part of the public API.
 *
 * @param method the HTTP method
 * @param literals the path's fixed parts, one more than {@code pathNames}
 * @param pathNames the path parameters, in the template's order
 * @param query the query parameters
 * @param headers the fixed headers as name, value, name, value...
 * @param headerParameters the header parameters
 * @param result what a success decodes to, or null when the operation answers nothing
 * @param findings told what a success's body breaks of the spec, or null (no listener)
 * @param reader reads {@code result}, made once: a reader made per call costs a lookup every time
 */
record CallPlan(String method, String[] literals, String[] pathNames, ApiSpec.Parameter[] query, String[] headers,
    ApiSpec.Parameter[] headerParameters, JavaType result, Findings findings, ObjectReader reader) {

  /** Told what a success's body breaks of the spec, once it is read; never fails the call. */
  @FunctionalInterface
  interface Findings {
    void report(com.fasterxml.jackson.databind.JsonNode body, String method, String path);
  }

  /**
   * Reads the plan of {@code operation}, refusing what this transport does not send (cookies,
   * parameters with {@code content}, bodies other than JSON, query styles other than {@code form}):
   * such an operation fails here, alone, and the build's test over the specs
   * ({@code TransportCoversTheSpecsTest}) fails first.
   *
   */
  static CallPlan of(ApiSpec.Operation operation, JavaType result, Findings findings) {
    for (ApiSpec.Parameter p : operation.parameters()) {
      boolean sent = switch (p.in()) {
        case "path" -> p.style().equals("simple");
        case "query" -> p.style().equals("form");
        case "header" -> p.style().equals("simple");
        default -> false;
      };
      if (!sent || p.hasContent()) {
        throw new IllegalStateException(operation + ": the " + p.in() + " parameter " + p.name() + " (style "
            + p.style() + (p.hasContent() ? ", content" : "") + ") is not sent by the wrapper's transport: extend CallPlan"
            + " before using it");
      }
    }
    ApiSpec.Body body = operation.body();
    if (body != null && body.mediaType() != null && !body.mediaType().equals("application/json")) {
      throw new IllegalStateException(operation + ": a " + body.mediaType() + " body is not sent by the wrapper's"
          + " transport (only application/json is): extend CallPlan before using it");
    }

    String template = operation.path();
    List<String> literals = new ArrayList<>();
    List<String> pathNames = new ArrayList<>();
    int from = 0;
    for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', from)) {
      int close = template.indexOf('}', open);
      String name = template.substring(open + 1, close);
      if (operation.parameters("path").stream().noneMatch(p -> p.name().equals(name))) {
        throw new IllegalStateException(operation + ": no path parameter is named for {" + name + "}");
      }
      literals.add(template.substring(from, open));
      pathNames.add(name);
      from = close + 1;
    }
    literals.add(template.substring(from));

    // As the generated Feign client sends them: the body's media type, and JSON accepted.
    List<String> headers = new ArrayList<>();
    if (body != null && body.mediaType() != null) {
      headers.add("Content-Type");
      headers.add(body.mediaType());
    }
    boolean answersJson = operation.answers().stream().anyMatch(a -> "application/json".equals(a.mediaType()));
    if (answersJson) {
      headers.add("Accept");
      headers.add("application/json");
    }
    return new CallPlan(operation.method(), literals.toArray(String[]::new), pathNames.toArray(String[]::new),
        operation.parameters("query").toArray(ApiSpec.Parameter[]::new), headers.toArray(String[]::new),
        operation.parameters("header").toArray(ApiSpec.Parameter[]::new), result, findings,
        result == null ? null : Json.MAPPER.readerFor(result));
  }

  /** The path of this call, relative to the base URL, each parameter percent-encoded as one segment. */
  String path(Arguments args) {
    if (pathNames.length == 0) {
      return literals[0];
    }
    StringBuilder path = new StringBuilder(64).append(literals[0]);
    for (int i = 0; i < pathNames.length; i++) {
      Object value = args.get(pathNames[i]);
      if (value == null) {
        throw new IllegalArgumentException(method + " " + String.join("{}", literals)
            + ": the path parameter " + pathNames[i] + " is null; it is required");
      }
      appendEncoded(path, text(value)).append(literals[i + 1]);
    }
    return path.toString();
  }

  /**
   * The query string of this call with its {@code ?}, or "" when no query argument is set: each
   * name and value percent-encoded (RFC 3986); a collection as the name repeated (form, exploded)
   * or its values joined by commas (form, not exploded).
   */
  String query(Arguments args) {
    StringBuilder query = null;
    for (ApiSpec.Parameter parameter : this.query) {
      Object value = args.get(parameter.name());
      if (value == null) {
        continue;
      }
      List<String> values = texts(value);
      if (!parameter.explode() && values.size() > 1) {
        values = List.of(String.join(",", values));
      }
      for (String one : values) {
        query = query == null ? new StringBuilder(64).append('?') : query.append('&');
        appendEncoded(appendEncoded(query, parameter.name()).append('='), one);
      }
    }
    return query == null ? "" : query.toString();
  }

  /** The fixed headers and the header parameters that are set, as name, value, name, value... */
  String[] headers(Arguments args) {
    if (headerParameters.length == 0) {
      return headers;
    }
    List<String> all = new ArrayList<>(List.of(headers));
    for (ApiSpec.Parameter parameter : headerParameters) {
      Object value = args.get(parameter.name());
      if (value != null) {
        String text = String.join(",", texts(value));
        if (text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
          throw new IllegalArgumentException("the header " + parameter.name() + " must not hold a line break");
        }
        all.add(parameter.name());
        all.add(text);
      }
    }
    return all.toArray(String[]::new);
  }

  /** The body, or null. */
  Object body(Arguments args) {
    return args.body();
  }

  private static List<String> texts(Object value) {
    List<String> texts = new ArrayList<>();
    if (value instanceof Iterable<?> many) {
      many.forEach(v -> {
        if (v != null) {
          texts.add(text(v));
        }
      });
    } else {
      texts.add(text(value));
    }
    return texts;
  }

  /** A value as it goes on the wire: dates in ISO 8601, enums by their JSON value, the rest as text. */
  static String text(Object value) {
    if (value instanceof TemporalAccessor || value instanceof Enum<?>) {
      String json = Json.MAPPER.valueToTree(value).asText();
      return json.isEmpty() ? value.toString() : json;
    }
    return value.toString();
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
