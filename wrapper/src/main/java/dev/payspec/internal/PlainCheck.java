package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a request value plainly holds to a schema of the spec: the schema's keywords compiled once
 * into plain Java tests over the JSON tree, for the common case of a valid request. Its verdict is
 * {@link #HOLDS}, {@link #FAILS} or {@link #UNSURE}; only {@code HOLDS} is acted upon (the request is
 * sent without more checks); for anything else {@link SchemaCheck} (the full JSON Schema 2020-12
 * validator) judges the value and words each broken rule.
 *
 * <p>Why two: the validator costs several microseconds per request (3.3 µs alone for a beGateway
 * create, 10-14 µs of the caller's CPU inside a call) and about 400 classes at start-up, where
 * these tests cost a fraction of that; but the validator has every keyword and the words. Both are
 * read from the same schema, so no rule is written twice. A keyword, format or value this class
 * does not know makes it {@code UNSURE}, never {@code HOLDS}: it may only be stricter than the
 * validator, which then decides. {@code PlainCheckTest} proves the two agree on every sample of
 * {@code rule-samples.yaml} and on the edge cases of each keyword. Not part of the public API.
 */
public final class PlainCheck {

  static final int FAILS = 0;
  static final int HOLDS = 1;
  static final int UNSURE = 2;

  /** Keywords that assert nothing in the specs' dialect, as the validator is configured. */
  private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default", "examples", "example",
      "deprecated", "readOnly", "writeOnly", "$comment", "$defs", "definitions", "contentMediaType", "contentEncoding",
      "externalDocs", "xml");

  /** One keyword of a schema, compiled: the verdict on one value. */
  private interface Rule {
    int judge(JsonNode value);
  }

  private static final Rule UNKNOWN = value -> UNSURE;

  private Rule[] rules = new Rule[0];

  private PlainCheck() {
  }

  /** The plain check of the schema at {@code pointer} of {@code spec}, compiled once per spec. */
  public static PlainCheck of(SpecDocument spec, String pointer) {
    return spec.compiled("plain:" + pointer, key -> compile(spec, spec.root().at(pointer), new IdentityHashMap<>()));
  }

  /** True only where the validator would find no broken rule. */
  public boolean holds(JsonNode value) {
    return judge(value) == HOLDS;
  }

  /** {@link #HOLDS}, {@link #FAILS} or {@link #UNSURE}. */
  int judge(JsonNode value) {
    int verdict = HOLDS;
    for (Rule rule : rules) {
      int one = rule.judge(value);
      if (one == FAILS) {
        return FAILS;
      }
      if (one == UNSURE) {
        verdict = UNSURE;
      }
    }
    return verdict;
  }

  private static PlainCheck compile(SpecDocument spec, JsonNode schema, Map<JsonNode, PlainCheck> done) {
    PlainCheck known = done.get(schema);
    if (known != null) {
      return known; // a recursive schema: its rules are filled in below
    }
    PlainCheck check = new PlainCheck();
    done.put(schema, check);
    List<Rule> rules = new ArrayList<>();
    if (schema.isBoolean()) {
      boolean allowed = schema.booleanValue();
      rules.add(value -> allowed ? HOLDS : FAILS);
    } else if (!schema.isObject()) {
      rules.add(UNKNOWN);
    } else {
      schema.fields().forEachRemaining(keyword -> {
        if (keyword.getKey().equals("allOf")) {
          // Each part is one more rule of this schema, judged by the same loop as its other keywords.
          for (PlainCheck part : compileAll(spec, keyword.getValue(), done)) {
            rules.add(part::judge);
          }
          return;
        }
        Rule rule = rule(spec, schema, keyword.getKey(), keyword.getValue(), done);
        if (rule != null) {
          rules.add(rule);
        }
      });
    }
    check.rules = rules.toArray(Rule[]::new);
    return check;
  }

  /** The rule of one keyword; null for one that asserts nothing by itself. */
  private static Rule rule(SpecDocument spec, JsonNode schema, String keyword, JsonNode argument, Map<JsonNode, PlainCheck> done) {
    if (keyword.startsWith("x-") || ANNOTATIONS.contains(keyword)) {
      return null;
    }
    switch (keyword) {
      case "$ref": {
        String ref = argument.asText();
        if (!ref.startsWith("#")) {
          return UNKNOWN;
        }
        PlainCheck target = compile(spec, spec.root().at(ref.substring(1)), done);
        return target::judge;
      }
      case "type":
        return types(argument);
      case "enum":
        return value -> oneOf(argument, value);
      case "const": {
        List<JsonNode> one = List.of(argument);
        return value -> oneOf(one, value);
      }
      case "minLength": {
        int min = argument.intValue();
        return value -> !value.isTextual() ? HOLDS : verdict(length(value.textValue()) >= min);
      }
      case "maxLength": {
        int max = argument.intValue();
        return value -> !value.isTextual() ? HOLDS : verdict(length(value.textValue()) <= max);
      }
      case "pattern": {
        // As the validator runs it: java.util.regex, unanchored (find).
        Pattern pattern = Pattern.compile(argument.asText());
        return value -> !value.isTextual() ? HOLDS : verdict(pattern.matcher(value.textValue()).find());
      }
      case "format":
        return format(argument.asText());
      case "minimum":
        return bound(argument, +1, true);
      case "exclusiveMinimum":
        return bound(argument, +1, false);
      case "maximum":
        return bound(argument, -1, true);
      case "exclusiveMaximum":
        return bound(argument, -1, false);
      case "required": {
        String[] names = new String[argument.size()];
        for (int i = 0; i < names.length; i++) {
          names[i] = argument.get(i).asText();
        }
        return value -> {
          if (!value.isObject()) {
            return HOLDS;
          }
          for (String name : names) {
            if (!value.has(name)) {
              return FAILS;
            }
          }
          return HOLDS;
        };
      }
      case "properties": {
        Map<String, PlainCheck> properties = new HashMap<>();
        argument.fields().forEachRemaining(p -> properties.put(p.getKey(), compile(spec, p.getValue(), done)));
        JsonNode additional = schema.get("additionalProperties");
        PlainCheck others = additional == null ? null : compile(spec, additional, done);
        return value -> properties(value, properties, others);
      }
      case "additionalProperties": {
        if (schema.has("properties")) {
          return null; // judged with the properties
        }
        PlainCheck others = compile(spec, argument, done);
        return value -> properties(value, Map.of(), others);
      }
      case "items": {
        if (schema.has("prefixItems") || !argument.isObject() && !argument.isBoolean()) {
          return UNKNOWN;
        }
        PlainCheck items = compile(spec, argument, done);
        return value -> {
          if (!value.isArray()) {
            return HOLDS;
          }
          int verdict = HOLDS;
          for (JsonNode item : value) {
            int one = items.judge(item);
            if (one == FAILS) {
              return FAILS;
            }
            verdict = Math.max(verdict, one);
          }
          return verdict;
        };
      }
      case "contains": {
        if (schema.has("minContains") || schema.has("maxContains")) {
          return UNKNOWN;
        }
        PlainCheck wanted = compile(spec, argument, done);
        return value -> {
          if (!value.isArray()) {
            return HOLDS;
          }
          int verdict = FAILS;
          for (JsonNode item : value) {
            int one = wanted.judge(item);
            if (one == HOLDS) {
              return HOLDS;
            }
            verdict = Math.max(verdict, one);
          }
          return verdict;
        };
      }
      case "minItems": {
        int min = argument.intValue();
        return value -> !value.isArray() ? HOLDS : verdict(value.size() >= min);
      }
      case "maxItems": {
        int max = argument.intValue();
        return value -> !value.isArray() ? HOLDS : verdict(value.size() <= max);
      }
      case "uniqueItems":
        return !argument.asBoolean() ? null : value -> unique(value);
      case "minProperties": {
        int min = argument.intValue();
        return value -> !value.isObject() ? HOLDS : verdict(value.size() >= min);
      }
      case "maxProperties": {
        int max = argument.intValue();
        return value -> !value.isObject() ? HOLDS : verdict(value.size() <= max);
      }
      case "anyOf": {
        PlainCheck[] branches = compileAll(spec, argument, done);
        return value -> {
          int verdict = FAILS;
          for (PlainCheck branch : branches) {
            int one = branch.judge(value);
            if (one == HOLDS) {
              return HOLDS;
            }
            verdict = Math.max(verdict, one);
          }
          return verdict;
        };
      }
      case "oneOf": {
        PlainCheck[] branches = compileAll(spec, argument, done);
        return value -> {
          int holding = 0;
          for (PlainCheck branch : branches) {
            int one = branch.judge(value);
            if (one == UNSURE) {
              return UNSURE;
            }
            holding += one == HOLDS ? 1 : 0;
          }
          return verdict(holding == 1);
        };
      }
      case "not": {
        PlainCheck negated = compile(spec, argument, done);
        return value -> {
          int one = negated.judge(value);
          return one == UNSURE ? UNSURE : one == HOLDS ? FAILS : HOLDS;
        };
      }
      case "if": {
        PlainCheck condition = compile(spec, argument, done);
        PlainCheck then = schema.has("then") ? compile(spec, schema.get("then"), done) : null;
        PlainCheck otherwise = schema.has("else") ? compile(spec, schema.get("else"), done) : null;
        return value -> {
          int applies = condition.judge(value);
          if (applies == UNSURE) {
            return UNSURE;
          }
          PlainCheck branch = applies == HOLDS ? then : otherwise;
          return branch == null ? HOLDS : branch.judge(value);
        };
      }
      case "then", "else":
        return null; // judged with the if (alone, they assert nothing)
      default:
        // A keyword not compiled here (patternProperties, dependentRequired, unevaluatedProperties,
        // multipleOf, $dynamicRef...): the validator judges every value of this schema.
        return UNKNOWN;
    }
  }

  private static PlainCheck[] compileAll(SpecDocument spec, JsonNode schemas, Map<JsonNode, PlainCheck> done) {
    PlainCheck[] compiled = new PlainCheck[schemas.size()];
    for (int i = 0; i < compiled.length; i++) {
      compiled[i] = compile(spec, schemas.get(i), done);
    }
    return compiled;
  }

  private static Rule types(JsonNode argument) {
    List<String> names = new ArrayList<>();
    if (argument.isArray()) {
      argument.forEach(name -> names.add(name.asText()));
    } else {
      names.add(argument.asText());
    }
    boolean string = names.contains("string");
    boolean integer = names.contains("integer");
    boolean number = names.contains("number");
    boolean bool = names.contains("boolean");
    boolean object = names.contains("object");
    boolean array = names.contains("array");
    boolean nothing = names.contains("null");
    return value -> {
      if (value.isTextual()) {
        return verdict(string);
      }
      if (value.isNumber()) {
        if (number || integer && value.isIntegralNumber()) {
          return HOLDS;
        }
        // 1.0 is an integer to JSON Schema; which of its forms the validator takes as one is its to say.
        return integer ? UNSURE : FAILS;
      }
      if (value.isBoolean()) {
        return verdict(bool);
      }
      if (value.isObject()) {
        return verdict(object);
      }
      if (value.isArray()) {
        return verdict(array);
      }
      if (value.isNull()) {
        return verdict(nothing);
      }
      return UNSURE;
    };
  }

  /**
   * enum and const: equal to one of {@code allowed}. A string, boolean or null equals only the
   * same; numbers are equal by value there (1 and 1.0), and containers by their members: left to
   * the validator unless no candidate is of that kind.
   */
  private static int oneOf(Iterable<JsonNode> allowed, JsonNode value) {
    boolean comparable = false;
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return HOLDS;
      }
      comparable |= value.isNumber() && candidate.isNumber() || value.isContainerNode() && candidate.isContainerNode();
    }
    return comparable ? UNSURE : FAILS;
  }

  private static Rule format(String format) {
    switch (format) {
      case "email", "idn-email":
        // The same test the validator is given (SchemaCheck's dialect).
        return value -> !value.isTextual() ? HOLDS : verdict(EmailAddresses.isEmailAddress(value.textValue()));
      case "date":
        return value -> !value.isTextual() ? HOLDS : isDate(value.textValue()) ? HOLDS : UNSURE;
      case "int32":
        return value -> value.isInt() || value.isTextual() ? HOLDS : UNSURE;
      case "int64":
        return value -> value.isInt() || value.isLong() || value.isTextual() ? HOLDS : UNSURE;
      default:
        // date-time, uri, ipv4... are the validator's: a value of the format's kind is judged there.
        return value -> value.isTextual() || value.isNumber() ? UNSURE : HOLDS;
    }
  }

  /** YYYY-MM-DD that is a day of the calendar; anything else is left to the validator. */
  private static boolean isDate(String text) {
    // Year 0000 and the like are valid to RFC 3339 but left to the validator, whose reading decides.
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (i != 4 && i != 7 && (text.charAt(i) < '0' || text.charAt(i) > '9')) {
        return false;
      }
    }
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** minimum and the like: {@code sign} +1 for a lower bound, -1 for an upper one. */
  private static Rule bound(JsonNode limit, int sign, boolean inclusive) {
    if (!limit.isNumber()) {
      return UNKNOWN;
    }
    java.math.BigDecimal bound = limit.decimalValue();
    return value -> {
      if (!value.isNumber()) {
        return HOLDS;
      }
      int compared = value.decimalValue().compareTo(bound) * sign;
      return verdict(compared > 0 || inclusive && compared == 0);
    };
  }

  private static int properties(JsonNode value, Map<String, PlainCheck> properties, PlainCheck others) {
    if (!value.isObject()) {
      return HOLDS;
    }
    int verdict = HOLDS;
    for (var it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      PlainCheck check = properties.get(field.getKey());
      if (check == null) {
        check = others;
      }
      if (check != null) {
        int one = check.judge(field.getValue());
        if (one == FAILS) {
          return FAILS;
        }
        verdict = Math.max(verdict, one);
      }
    }
    return verdict;
  }

  private static int unique(JsonNode value) {
    if (!value.isArray()) {
      return HOLDS;
    }
    Set<JsonNode> seen = new HashSet<>();
    for (JsonNode item : value) {
      if (item.isNumber() || item.isContainerNode()) {
        return UNSURE; // numeric equality (1 and 1.0) is the validator's
      }
      if (!seen.add(item)) {
        return FAILS;
      }
    }
    return HOLDS;
  }

  /** Length as JSON Schema counts it: in code points (an emoji is one character). */
  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static int verdict(boolean holds) {
    return holds ? HOLDS : FAILS;
  }
}
