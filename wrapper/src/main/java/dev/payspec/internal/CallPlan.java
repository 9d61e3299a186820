package dev.payspec.internal;

import com.fasterxml.jackson.databind.JavaType;
import feign.MethodMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One method of a generated API interface, read once from its Feign annotations by Feign's own
 * contract: the HTTP method, the path template, the fixed headers, which argument is the body and
 * what a success decodes to. Each call then only fills in the path and serializes the body. Not
 * part of the public API.
 *
 * @param method the HTTP method
 * @param literals the path's fixed parts, one more than {@code pathArguments}
 * @param pathArguments for each path variable, in order, the index of the argument that fills it
 * @param headers the fixed headers as name, value, name, value...
 * @param bodyIndex the index of the body argument, or -1
 * @param result what a success decodes to, or null when the method returns nothing
 */
record CallPlan(String method, String[] literals, int[] pathArguments, String[] headers, int bodyIndex,
    JavaType result) {

  /**
   * Reads the plan of one method, refusing what this transport does not send (query parameters,
   * forms, header maps): a spec change that needs them fails here, when the client is built, rather
   * than sending a request without them.
   */
  static CallPlan of(MethodMetadata metadata, JavaType result) {
    String where = metadata.configKey();
    String url = metadata.template().url();
    if (url.contains("?") || !metadata.template().queries().isEmpty() || metadata.queryMapIndex() != null
        || metadata.headerMapIndex() != null || metadata.urlIndex() != null || !metadata.formParams().isEmpty()) {
      throw new IllegalStateException(where + " uses query parameters, a form, a header map or a URL argument,"
          + " which the wrapper's transport does not send: extend CallPlan before using it");
    }
    Map<String, Integer> arguments = new HashMap<>();
    metadata.indexToName().forEach((index, names) -> names.forEach(name -> arguments.put(name, index)));

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

    List<String> headers = new ArrayList<>();
    for (Map.Entry<String, Collection<String>> header : metadata.template().headers().entrySet()) {
      for (String value : header.getValue()) {
        if (value.contains("{")) {
          throw new IllegalStateException(where + ": the header " + header.getKey() + " takes an argument,"
              + " which the wrapper's transport does not send: extend CallPlan before using it");
        }
        headers.add(header.getKey());
        headers.add(value);
      }
    }
    return new CallPlan(metadata.template().method(), literals.toArray(String[]::new),
        pathArguments.stream().mapToInt(Integer::intValue).toArray(), headers.toArray(String[]::new),
        metadata.bodyIndex() == null ? -1 : metadata.bodyIndex(), result);
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
      appendSegment(path, value.toString()).append(literals[i + 1]);
    }
    return path.toString();
  }

  /** The body argument, or null. */
  Object body(Object[] args) {
    return bodyIndex < 0 ? null : args[bodyIndex];
  }

  // RFC 3986 unreserved characters stay as they are; everything else, '/' included, is encoded.
  private static StringBuilder appendSegment(StringBuilder path, String value) {
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~') {
        path.append(c);
      } else {
        path.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return path;
  }
}
