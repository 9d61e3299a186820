package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Stancer's three error bodies, as its official libraries do:
 * {@code {"error": {"message": <text or {"error", "id"}>, "type": ...}}} ({@code type} may be absent),
 * {@code {"error": "<text>"}}, and {@code {"detail": [{"loc": [...], "msg": ..., "type": ...}]}}.
 */
public final class StancerErrors {

  // The first element of a detail's loc says where the field is, not which field it is.
  private static final Set<String> LOCATIONS = Set.of("body", "query", "path", "header");

  private StancerErrors() {}

  public static ErrorBody parse(JsonNode body) {
    JsonNode error = body.path("error");
    if (error.isTextual()) {
      return new ErrorBody(null, error.asText(), null, Map.of());
    }
    if (error.isObject()) {
      JsonNode message = error.path("message");
      String text = message.isTextual() ? message.asText() : textOrNull(message.path("error"));
      String existingId = message.isObject() ? textOrNull(message.path("id")) : null;
      return new ErrorBody(textOrNull(error.path("type")), text, existingId, Map.of());
    }
    if (body.path("detail").isArray()) {
      return details(body.path("detail"));
    }
    return ErrorBody.EMPTY;
  }

  private static ErrorBody details(JsonNode detail) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    List<String> messages = new ArrayList<>();
    String type = null;
    for (JsonNode item : detail) {
      String message = textOrNull(item.path("msg"));
      if (message == null) {
        continue;
      }
      List<String> path = new ArrayList<>();
      item.path("loc").forEach(part -> path.add(part.asText()));
      if (!path.isEmpty() && LOCATIONS.contains(path.get(0))) {
        path.remove(0);
      }
      String field = path.isEmpty() ? "base" : String.join(".", path);
      fields.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
      messages.add(path.isEmpty() ? message : field + ": " + message);
      type = type == null ? textOrNull(item.path("type")) : type;
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    fields.forEach((field, list) -> frozen.put(field, List.copyOf(list)));
    return new ErrorBody(type, messages.isEmpty() ? null : String.join("; ", messages), null, frozen);
  }

  private static String textOrNull(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
