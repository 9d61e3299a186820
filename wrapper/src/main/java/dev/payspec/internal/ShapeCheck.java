package dev.payspec.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.ObjectReader;
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

  /** What {@link #read} returns when the answer does not plainly hold. */
  static final Object NOT_PLAINLY = new Object();

  /**
   * The answer in {@code body}, bound by {@code reader}, when it has this shape, judged from the
   * tokens the binding reads (one pass: no tree, no second reading of the bytes); otherwise, or when
   * unsure (not JSON, a number that is integral only once rounded, an {@code allOf}), or when the
   * binding fails, {@link #NOT_PLAINLY}, and the body is then judged by {@link #problem}.
   */
  Object read(byte[] body, ObjectReader reader) {
    try (Following following = new Following(reader.createParser(body), this)) {
      Object value = reader.readValue(following);
      return following.held() ? value : NOT_PLAINLY;
    } catch (java.io.IOException | RuntimeException notPlainly) {
      return NOT_PLAINLY;
    }
  }

  /**
   * A parser that passes every token it reads to Jackson's binding and judges the shape from them on
   * the way: each open object or array keeps its shape and, for an object, the required properties
   * seen. Jackson's shortcuts ({@code nextFieldName}, {@code skipChildren}...) go through
   * {@link #nextToken} here, so that no token passes unseen.
   */
  private static final class Following extends JsonParserDelegate {

    private final ShapeCheck root;
    private final java.util.ArrayDeque<Open> open = new java.util.ArrayDeque<>();
    private boolean done;
    private boolean failed;

    /** An open object or array: its shape (null: any), and for an object the next value's and the required seen. */
    private static final class Open {
      final ShapeCheck shape;
      final boolean object;
      final boolean[] seen;
      ShapeCheck next;

      Open(ShapeCheck shape, boolean object) {
        this.shape = shape;
        this.object = object;
        this.seen = object && shape != null ? new boolean[shape.required.length] : null;
      }
    }

    Following(JsonParser parser, ShapeCheck root) {
      super(parser);
      this.root = root;
    }

    boolean held() {
      return done && !failed;
    }

    @Override
    public JsonToken nextToken() throws java.io.IOException {
      JsonToken token = delegate.nextToken();
      if (token != null && !failed && !done) {
        follow(token);
      }
      return token;
    }

    private void follow(JsonToken token) throws java.io.IOException {
      Open top = open.peek();
      if (token == JsonToken.FIELD_NAME) {
        if (top.shape != null) {
          String name = delegate.currentName();
          for (int i = 0; i < top.seen.length; i++) {
            top.seen[i] |= top.shape.required[i].equals(name);
          }
          top.next = top.shape.properties.get(name);
        }
        return;
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        open.pop();
        if (top.seen != null) {
          for (boolean present : top.seen) {
            failed |= !present;
          }
        }
        done = open.isEmpty();
        return;
      }
      // Nothing open is the root value: once it ends, nothing more is followed (done).
      ShapeCheck shape = top == null ? root : top.object ? top.next : top.shape == null ? null : top.shape.items;
      if (shape != null) {
        // Several shapes of one value (no spec uses allOf in its answers today): the tree judges it.
        if (!shape.allOf.isEmpty() || shape.types != null && !shape.anyType(token, delegate)) {
          failed = true;
          return;
        }
      }
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        open.push(new Open(shape, token == JsonToken.START_OBJECT));
      } else if (top == null) {
        done = true;
      }
    }

    @Override
    public JsonToken nextValue() throws java.io.IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public JsonParser skipChildren() throws java.io.IOException {
      JsonToken token = currentToken();
      if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
        return this;
      }
      for (int depth = 1; depth > 0; ) {
        JsonToken next = nextToken();
        if (next == null) {
          return this;
        }
        depth += next.isStructStart() ? 1 : next.isStructEnd() ? -1 : 0;
      }
      return this;
    }

    @Override
    public String nextFieldName() throws java.io.IOException {
      return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(com.fasterxml.jackson.core.SerializableString name) throws java.io.IOException {
      return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws java.io.IOException {
      return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int otherwise) throws java.io.IOException {
      return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : otherwise;
    }

    @Override
    public long nextLongValue(long otherwise) throws java.io.IOException {
      return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : otherwise;
    }

    @Override
    public Boolean nextBooleanValue() throws java.io.IOException {
      JsonToken token = nextToken();
      return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }
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
