package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.payspec.http.HttpEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire log: each request and each answer as one SLF4J record at DEBUG, on one line, with
 * headers and body. Credentials are replaced by {@code (redacted)}; the values of the JSON fields
 * that the spec marks {@code x-personal} (read from the generated models' {@code PERSONAL_PROPERTIES})
 * by {@code (personal)}, as is every string of an error answer (its free text may echo what was
 * sent); a body that is not JSON is left out. All of this unless the user opted in to full bodies. While DEBUG is off it builds nothing. Not part of the public API.
 */
final class WireLog {

  static final String REDACTED = "(redacted)";
  static final String PERSONAL = "(personal)";

  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  private final Logger log;
  private final boolean fullBodies;
  private final Set<String> personal = ConcurrentHashMap.newKeySet();

  WireLog(String name, boolean fullBodies) {
    this.log = LoggerFactory.getLogger(name);
    this.fullBodies = fullBodies;
  }

  boolean enabled() {
    return log.isDebugEnabled();
  }

  /** Adds JSON field names whose values are masked. */
  void learnPersonalFields(Set<String> names) {
    personal.addAll(names);
  }

  /** The JSON field names whose values are masked. */
  Set<String> personalFields() {
    return Set.copyOf(personal);
  }

  void request(HttpEngine.Request request) {
    StringBuilder line = new StringBuilder(256).append("---> ").append(request.method()).append(' ').append(request.url());
    line.append(" headers {");
    for (int i = 0, n = request.headerCount(); i < n; i++) {
      appendHeader(line, i == 0, request.headerName(i), request.headerValue(i));
    }
    line.append('}');
    appendBody(line, request.body(), false);
    log.debug(line.toString());
  }

  void response(String method, String url, int status, Map<String, List<String>> headers, byte[] body, long startNanos) {
    StringBuilder line = new StringBuilder(256).append("<--- ").append(status).append(' ').append(method).append(' ')
        .append(url).append(" (").append(millisSince(startNanos)).append(" ms)");
    appendHeaders(line, headers);
    appendBody(line, body, status >= 300);
    log.debug(line.toString());
  }

  void failure(String method, String url, String what, long startNanos) {
    log.debug("<--- {} {} failed after {} ms: {}", method, url, millisSince(startNanos), oneLine(what));
  }

  private static void appendHeaders(StringBuilder line, Map<String, List<String>> headers) {
    line.append(" headers {");
    boolean first = true;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        appendHeader(line, first, header.getKey(), value);
        first = false;
      }
    }
    line.append('}');
  }

  private static void appendHeader(StringBuilder line, boolean first, String name, String value) {
    boolean secret = SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    line.append(first ? "" : ", ").append(name).append(": ").append(secret ? REDACTED : oneLine(value));
  }

  /**
   * @param errorAnswer an error's free text (a message such as "x@example.com already exists") can
   *     echo personal data in fields no spec marks: all its strings are masked
   */
  private void appendBody(StringBuilder line, byte[] body, boolean errorAnswer) {
    int length = body == null ? 0 : body.length;
    line.append(" body (").append(length).append(" bytes)");
    if (length == 0) {
      return;
    }
    line.append(": ");
    if (fullBodies) {
      line.append(oneLine(new String(body, StandardCharsets.UTF_8)));
      return;
    }
    try {
      JsonNode tree = Json.MAPPER.readTree(body);
      line.append(tree == null ? "(not JSON, shown only with full bodies)" : Json.MAPPER.writeValueAsString(mask(tree, errorAnswer)));
    } catch (IOException notJson) {
      // An HTML page from a proxy, a truncated body: it may hold anything, so it is not written.
      line.append("(not JSON, shown only with full bodies)");
    }
  }

  private JsonNode mask(JsonNode node, boolean allText) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (personal.contains(field.getKey()) && !field.getValue().isNull() || allText && field.getValue().isTextual()) {
          field.setValue(TextNode.valueOf(PERSONAL));
        } else {
          mask(field.getValue(), allText);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (allText && array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(PERSONAL));
        } else {
          mask(array.get(i), allText);
        }
      }
    }
    return node;
  }

  /** Line breaks escaped, so that one record is one line whatever a value holds. */
  private static String oneLine(String text) {
    if (text == null || text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
