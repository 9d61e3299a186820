package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * Finds the properties of an answer that its schema does not list, where the schema leaves them
 * allowed (no {@code additionalProperties}): the answer is read all the same, and a listener
 * learns that the provider sends more than the spec knows. Not part of the public API.
 */
final class UnknownProperties {

  private UnknownProperties() {}

  static void report(SpecDocument spec, String schemaPointer, JsonNode value, Consumer<String> unknown) {
    walk(spec, spec.root().at(schemaPointer), value, "", unknown, 0);
  }

  private static void walk(SpecDocument spec, JsonNode schema, JsonNode value, String at, Consumer<String> unknown, int depth) {
    schema = spec.deref(schema);
    if (depth > 32 || schema.has("anyOf") || schema.has("oneOf") || schema.has("additionalProperties")
        || schema.has("patternProperties") || schema.has("unevaluatedProperties")) {
      return; // ambiguous or already judged by the validator
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      if (!properties.isObject()) {
        return;
      }
      value.fields().forEachRemaining(entry -> {
        String field = at.isEmpty() ? entry.getKey() : at + "." + entry.getKey();
        JsonNode declared = properties.get(entry.getKey());
        if (declared == null) {
          unknown.accept(field);
        } else {
          walk(spec, declared, entry.getValue(), field, unknown, depth + 1);
        }
      });
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(spec, schema.get("items"), value.get(i), at + "[" + i + "]", unknown, depth + 1);
      }
    }
  }
}
