package dev.payspec.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a provider words the refusal of an invalid request: the one piece of each provider's behaviour
 * that its spec documents by shape (a schema and an example) rather than by rule. A new provider
 * adds its style here.
 */
enum ErrorStyle {

  /** Stancer v1: {@code {"error": {"message": "...", "type": "invalid_request_error"}}}. */
  STANCER_V1 {
    @Override
    JsonNode invalid(List<Violation> violations) {
      ObjectNode error = NODES.objectNode()
          .put("message", violations.stream().map(Violation::sentence).collect(Collectors.joining("; ")))
          .put("type", "invalid_request_error");
      return NODES.objectNode().set("error", error);
    }
  },

  /** Stancer v2: FastAPI's {@code {"detail": [{"loc": ["body", "email"], "msg": "...", "type": "..."}]}}. */
  STANCER_V2 {
    @Override
    JsonNode invalid(List<Violation> violations) {
      ArrayNode detail = NODES.arrayNode();
      for (Violation violation : violations) {
        ObjectNode item = detail.addObject();
        ArrayNode loc = item.putArray("loc").add(violation.in());
        if (!violation.field().isEmpty()) {
          loc.add(violation.field());
        }
        item.put("msg", violation.message()).put("type", "value_error");
      }
      return NODES.objectNode().set("detail", detail);
    }
  },

  /** beGateway: {@code {"message": "...", "errors": {"ip": ["..."], "base": ["..."]}}}. */
  BEGATEWAY {
    @Override
    JsonNode invalid(List<Violation> violations) {
      ObjectNode errors = NODES.objectNode();
      for (Violation violation : violations) {
        String field = violation.field().isEmpty() ? "base" : violation.field();
        ((ArrayNode) (errors.has(field) ? errors.get(field) : errors.putArray(field))).add(violation.message());
      }
      ObjectNode body = NODES.objectNode()
          .put("message", violations.stream().map(Violation::sentence).collect(Collectors.joining(". ")));
      body.set("errors", errors);
      return body;
    }
  };

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The body of the answer to a request that breaks the spec's rules. */
  abstract JsonNode invalid(List<Violation> violations);

  /** The status of that answer: the operation's documented 422 or 400, as Prism picks it. */
  int invalidStatus(SpecDocument.Operation operation) {
    if (operation.documents(422)) {
      return 422;
    }
    return operation.documents(400) ? 400 : 422;
  }

  static ErrorStyle of(String api) {
    String name = api.toLowerCase(Locale.ROOT);
    if (name.startsWith("stancer-v2")) {
      return STANCER_V2;
    }
    if (name.startsWith("stancer")) {
      return STANCER_V1;
    }
    if (name.startsWith("begateway")) {
      return BEGATEWAY;
    }
    throw new IllegalArgumentException("no error style is known for the API '" + api + "': add one to ErrorStyle");
  }

  /** One broken rule: where ({@code body}, {@code query}, {@code path}), which field, and the rule in words. */
  record Violation(String in, String field, String message) {
    String sentence() {
      return field.isEmpty() ? message : field + " " + message;
    }
  }
}
