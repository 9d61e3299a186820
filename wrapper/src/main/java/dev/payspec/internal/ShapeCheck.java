package dev.payspec.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape an answer must have to be read: the {@code type} and {@code required} keywords of the
 * spec's success schema, followed through {@code properties}, {@code items}, {@code allOf} and
 * {@code $ref}, compiled once. It judges only what would make the decoded answer wrong (a null, a
 * value of another type, a required property missing); values (formats, patterns, enums) are left to
 * {@link SchemaCheck}, which runs only for a listener. A fraction of a microsecond per answer, where
 * the full validator costs several. Not part of the public API.
 */
final class ShapeCheck {

  private final String[] types;
  private final String[] required;
  private final Map<String, ShapeCheck> properties = new LinkedHashMap<>();
  private final List<ShapeCheck> allOf = new ArrayList<>();
  private ShapeCheck items;

  private ShapeCheck(JsonNode schema) {
    JsonNode type = schema.path("type");
    List<String> t = new ArrayList<>();
    if (type.isTextual()) {
      t.add(type.asText());
    } else {
      type.forEach(one -> t.add(one.asText()));
    }
    // anyOf/oneOf are not followed: which branch applies is the validator's to say.
    this.types = t.isEmpty() || schema.has("anyOf") || schema.has("oneOf") ? null : t.toArray(String[]::new);
    List<String> r = new ArrayList<>();
    schema.path("required").forEach(name -> r.add(name.asText()));
    this.required = r.toArray(String[]::new);
  }

  static ShapeCheck of(SpecDocument spec, String pointer) {
    return spec.compiled("shape:" + pointer, key -> compile(spec, spec.root().at(pointer), new IdentityHashMap<>()));
  }

  private static ShapeCheck compile(SpecDocument spec, JsonNode schema, Map<JsonNode, ShapeCheck> done) {
    JsonNode resolved = spec.deref(schema);
    ShapeCheck known = done.get(resolved);
    if (known != null) {
      return known; // a recursive schema
    }
    ShapeCheck check = new ShapeCheck(resolved);
    done.put(resolved, check);
    resolved.path("properties").fields().forEachRemaining(p -> check.properties.put(p.getKey(), compile(spec, p.getValue(), done)));
    if (resolved.path("items").isObject()) {
      check.items = compile(spec, resolved.get("items"), done);
    }
    resolved.path("allOf").forEach(part -> check.allOf.add(compile(spec, part, done)));
    return check;
  }

  /** What makes {@code value} unreadable, such as {@code customers[1] must be an object}, or null. */
  String problem(JsonNode value, String at) {
    // The words (and the paths they need) are built only for an answer that fails, not for every answer.
    return holds(value) ? null : find(value, at);
  }

  /**
   * Whether the JSON in {@code body} has this shape, read as a stream of tokens: no tree is built.
   * False when unsure (not JSON, a number that is integral only once rounded): true only where
   * {@link #problem} would find nothing.
   */
  boolean holds(byte[] body) {
    try (JsonParser parser = Json.PLAIN.getFactory().createParser(body)) {
      JsonToken first = parser.nextToken();
      return first != null && holds(parser, first);
    } catch (java.io.IOException | RuntimeException notPlainly) {
      return false;
    }
  }

  /** The value that starts at {@code token} has this shape; the parser ends on its last token. */
  private boolean holds(JsonParser parser, JsonToken token) throws java.io.IOException {
    if (!allOf.isEmpty()) {
      // Several shapes of one value: read once as a tree (no spec uses allOf in its answers today).
      JsonNode value = Json.PLAIN.readTree(parser);
      return value != null && holds(value);
    }
    if (types != null && !anyType(token, parser)) {
      return false;
    }
    if (token == JsonToken.START_OBJECT) {
      boolean[] seen = new boolean[required.length];
      for (JsonToken field = parser.nextToken(); field == JsonToken.FIELD_NAME; field = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        for (int i = 0; i < required.length; i++) {
          seen[i] |= required[i].equals(name);
        }
        ShapeCheck child = properties.get(name);
        if (child == null) {
          parser.skipChildren();
        } else if (!child.holds(parser, value)) {
          return false;
        }
      }
      for (boolean present : seen) {
        if (!present) {
          return false;
        }
      }
    } else if (token == JsonToken.START_ARRAY) {
      if (items == null) {
        parser.skipChildren();
      } else {
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
          if (item == null || !items.holds(parser, item)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private boolean anyType(JsonToken token, JsonParser parser) throws java.io.IOException {
    for (String type : types) {
      boolean matches = switch (type) {
        case "object" -> token == JsonToken.START_OBJECT;
        case "array" -> token == JsonToken.START_ARRAY;
        case "string" -> token == JsonToken.VALUE_STRING;
        // 1.0 is an integer too; exactly, not as a double rounds it (the tree's judgement stays the reference).
        case "integer" -> token == JsonToken.VALUE_NUMBER_INT
            || token == JsonToken.VALUE_NUMBER_FLOAT && parser.getDecimalValue().stripTrailingZeros().scale() <= 0;
        case "number" -> token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        case "boolean" -> token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        case "null" -> token == JsonToken.VALUE_NULL;
        default -> true;
      };
      if (matches) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code value} has this shape: {@link #find} without the words. */
  private boolean holds(JsonNode value) {
    if (types != null && !anyType(value)) {
      return false;
    }
    for (ShapeCheck part : allOf) {
      if (!part.holds(value)) {
        return false;
      }
    }
    if (value.isObject()) {
      for (String name : required) {
        if (!value.has(name)) {
          return false;
        }
      }
      for (Map.Entry<String, ShapeCheck> property : properties.entrySet()) {
        JsonNode child = value.get(property.getKey());
        if (child != null && !property.getValue().holds(child)) {
          return false;
        }
      }
    } else if (value.isArray() && items != null) {
      for (JsonNode item : value) {
        if (!items.holds(item)) {
          return false;
        }
      }
    }
    return true;
  }

  private String find(JsonNode value, String at) {
    if (types != null && !anyType(value)) {
      return (at.isEmpty() ? "the body" : at) + (value.isNull() ? " is null; it must be " : " must be ")
          + String.join(" or ", types);
    }
    for (ShapeCheck part : allOf) {
      String problem = part.find(value, at);
      if (problem != null) {
        return problem;
      }
    }
    if (value.isObject()) {
      for (String name : required) {
        if (!value.has(name)) {
          return (at.isEmpty() ? "" : at + ".") + name + " is required";
        }
      }
      for (Map.Entry<String, ShapeCheck> property : properties.entrySet()) {
        JsonNode child = value.get(property.getKey());
        if (child != null) {
          String problem = property.getValue().find(child, at.isEmpty() ? property.getKey() : at + "." + property.getKey());
          if (problem != null) {
            return problem;
          }
        }
      }
    } else if (value.isArray() && items != null) {
      for (int i = 0; i < value.size(); i++) {
        String problem = items.find(value.get(i), at + "[" + i + "]");
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  private boolean anyType(JsonNode value) {
    for (String type : types) {
      boolean matches = switch (type) {
        case "object" -> value.isObject();
        case "array" -> value.isArray();
        case "string" -> value.isTextual();
        case "integer" -> value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
        case "number" -> value.isNumber();
        case "boolean" -> value.isBoolean();
        case "null" -> value.isNull();
        default -> true;
      };
      if (matches) {
        return true;
      }
    }
    return false;
  }
}
