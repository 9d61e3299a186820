package dev.payspec.begateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.internal.ErrorBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads beGateway's error body: {@code {"message": ..., "errors": {"field": ["reason", ...]}}},
 * where a field may hold the same kind of map for a nested object and {@code base} holds the errors
 * on no field; or the wrapped form seen on a 401, {@code {"response": {"status": "error", "message": ...}}}.
 */
final class BeGatewayErrors {

  private BeGatewayErrors() {}

  static ErrorBody parse(JsonNode body) {
    JsonNode message = body.has("message") ? body.path("message") : body.path("response").path("message");
    Map<String, List<String>> fields = new LinkedHashMap<>();
    collect("", body.path("errors"), fields);
    return new ErrorBody(null, message.isValueNode() && !message.isNull() ? message.asText() : null, null, fields);
  }

  /** Flattens nested errors to dotted paths: {@code {"billing": {"zip": ["invalid"]}}} gives {@code billing.zip}. */
  private static void collect(String prefix, JsonNode errors, Map<String, List<String>> into) {
    if (!errors.isObject()) {
      return;
    }
    // fields(), not properties(): the latter needs Jackson 2.15, above payspec's floor (2.14).
    errors.fields().forEachRemaining(entry -> {
      String field = prefix + entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        collect(field + ".", value, into);
      } else {
        List<String> messages = new ArrayList<>();
        if (value.isArray()) {
          value.forEach(item -> messages.add(item.asText()));
        } else if (value.isValueNode() && !value.isNull()) {
          messages.add(value.asText());
        }
        into.put(field, List.copyOf(messages));
      }
    });
  }
}
