package dev.payspec.stancer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.internal.ErrorBody;
import java.util.Map;

/** Reads Stancer's error envelope: {@code {"error": {"message": <text or {"error", "id"}>, "type": ...}}}. */
final class StancerErrors {

  private StancerErrors() {}

  static ErrorBody parse(JsonNode body) {
    JsonNode error = body.path("error");
    JsonNode message = error.path("message");
    String text = message.isTextual() ? message.asText() : textOrNull(message.path("error"));
    String existingId = message.isObject() ? textOrNull(message.path("id")) : null;
    return new ErrorBody(textOrNull(error.path("type")), text, existingId, Map.of());
  }

  private static String textOrNull(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
