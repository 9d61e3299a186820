package dev.payspec.buildtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the parts of a spec that a mutation changes: its first request and response objects, a
 * string property, a success status... by reading the document, never by name.
 */
final class SpecMutations {

  static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SpecMutations() {}

  /** One operation of a document: its path, method and (mutable) node. */
  record Operation(String path, String method, ObjectNode node) {
    String label() {
      return method.toUpperCase() + " " + path;
    }
  }

  static List<Operation> operations(ObjectNode doc) {
    List<Operation> ops = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (String method : METHODS) {
        if (path.getValue().has(method)) {
          ops.add(new Operation(path.getKey(), method, (ObjectNode) path.getValue().get(method)));
        }
      }
    }
    return ops;
  }

  static JsonNode resolve(ObjectNode doc, JsonNode node) {
    while (node != null && node.has("$ref")) {
      node = doc.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  /** The object schema of the first request body that has properties. */
  static ObjectNode requestObject(ObjectNode doc) {
    for (Operation op : operations(doc)) {
      JsonNode body = resolve(doc, op.node().path("requestBody"));
      JsonNode schema = resolve(doc, body.path("content").path("application/json").path("schema"));
      if (schema != null && schema.has("properties")) {
        return (ObjectNode) schema;
      }
    }
    throw new AssertionError("no request body with properties in the spec");
  }

  /**
   * The first object answered by a success that has a plain string property (not nullable), looking
   * into list items and one level of nested objects, as pages hold their items.
   */
  static ObjectNode responseObject(ObjectNode doc) {
    for (Operation op : operations(doc)) {
      for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> response = it.next();
        if (!response.getKey().startsWith("2")) {
          continue;
        }
        JsonNode schema = resolve(doc, resolve(doc, response.getValue()).path("content").path("application/json").path("schema"));
        List<JsonNode> candidates = new ArrayList<>();
        candidates.add(schema);
        if (schema != null && schema.has("items")) {
          candidates.add(resolve(doc, schema.get("items")));
        }
        if (schema != null && schema.has("properties")) {
          schema.get("properties").forEach(property -> {
            JsonNode resolved = resolve(doc, property);
            candidates.add(resolved != null && resolved.has("items") ? resolve(doc, resolved.get("items")) : resolved);
          });
        }
        for (JsonNode candidate : candidates) {
          if (candidate != null && candidate.has("properties") && !plainStrings(doc, (ObjectNode) candidate, false).isEmpty()) {
            return (ObjectNode) candidate;
          }
        }
      }
    }
    throw new NotApplicable("no success response with a string property in the spec");
  }

  /**
   * A mutation that finds nothing to change in this spec: the test of that spec fails with the
   * mutation's name (SpecChangeGateMutationTest.applyTo), never passes unapplied.
   */
  static final class NotApplicable extends RuntimeException {
    NotApplicable(String message) {
      super(message);
    }
  }

  private static List<String> plainStrings(ObjectNode doc, ObjectNode object, boolean request) {
    return properties(doc, object, request).stream()
        .filter(name -> "string".equals(resolve(doc, object.get("properties").get(name)).path("type").asText())
            && !object.get("properties").get(name).path("type").isArray())
        .collect(java.util.stream.Collectors.toList());
  }

  static String stringProperty(ObjectNode doc, ObjectNode object, boolean request) {
    return properties(doc, object, request).stream()
        .filter(name -> "string".equals(resolve(doc, object.get("properties").get(name)).path("type").asText()))
        .findFirst().orElseThrow(() -> new NotApplicable("no string property in " + object));
  }

  /** The first string property that is not required. */
  static String optionalStringProperty(ObjectNode doc, ObjectNode object, boolean request) {
    List<String> required = new ArrayList<>();
    object.path("required").forEach(r -> required.add(r.asText()));
    return properties(doc, object, request).stream()
        .filter(name -> !required.contains(name))
        .filter(name -> "string".equals(resolve(doc, object.get("properties").get(name)).path("type").asText()))
        .findFirst().orElseThrow(() -> new NotApplicable("no optional string property in " + object));
  }

  /** The first property that is not required, of any type (a response may have no plain string one). */
  static String optionalProperty(ObjectNode doc, ObjectNode object, boolean request) {
    List<String> required = new ArrayList<>();
    object.path("required").forEach(r -> required.add(r.asText()));
    return properties(doc, object, request).stream().filter(name -> !required.contains(name))
        .findFirst().orElseThrow(() -> new NotApplicable("no optional property in " + object));
  }

  private static List<String> properties(ObjectNode doc, ObjectNode object, boolean request) {
    List<String> names = new ArrayList<>();
    object.get("properties").fields().forEachRemaining(e -> {
      JsonNode effective = resolve(doc, e.getValue());
      boolean hidden = e.getValue().path("readOnly").asBoolean(false) || effective.path("readOnly").asBoolean(false);
      if (!request || !hidden) {
        names.add(e.getKey());
      }
    });
    return names;
  }

  /** The property's own node: a sibling keyword set here applies over what its {@code $ref} says. */
  static ObjectNode property(ObjectNode object, String name) {
    return (ObjectNode) object.get("properties").get(name);
  }

  /** The schema that holds the property's rules: its {@code $ref} target, or itself. */
  static ObjectNode target(ObjectNode doc, ObjectNode object, String name) {
    return (ObjectNode) resolve(doc, object.get("properties").get(name));
  }

  /** Renames a key of an object node, keeping its place. */
  static void renameKey(ObjectNode node, String from, String to) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> fields.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue()));
    node.removeAll();
    fields.forEach(node::set);
  }

  static void renameProperty(ObjectNode object, String from, String to) {
    renameKey((ObjectNode) object.get("properties"), from, to);
    ArrayNode required = (ArrayNode) object.get("required");
    if (required != null) {
      for (int i = 0; i < required.size(); i++) {
        if (required.get(i).asText().equals(from)) {
          required.set(i, JSON.textNode(to));
        }
      }
    }
  }

  static ArrayNode required(ObjectNode object) {
    return object.has("required") ? (ArrayNode) object.get("required") : object.putArray("required");
  }

  /** The first operation with a documented success status, and that status. */
  static Map.Entry<Operation, String> successStatus(ObjectNode doc) {
    for (Operation op : operations(doc)) {
      Optional<String> status = names(op.node().path("responses")).stream().filter(s -> s.startsWith("2")).findFirst();
      if (status.isPresent()) {
        return Map.entry(op, status.get());
      }
    }
    throw new AssertionError("no documented success status in the spec");
  }

  /** The first schema with an anyOf of two or more alternatives that requests carry. */
  static Optional<ObjectNode> requestAnyOf(ObjectNode doc) {
    ObjectNode object = requestObject(doc);
    if (object.path("anyOf").size() >= 2) {
      return Optional.of(object);
    }
    for (String name : names(object.get("properties"))) {
      JsonNode target = resolve(doc, object.get("properties").get(name));
      if (target.path("anyOf").size() >= 2) {
        return Optional.of((ObjectNode) target);
      }
    }
    return Optional.empty();
  }

  static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
