package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import dev.payspec.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One schema of a spec, compiled once, that checks a JSON value and says each broken rule in words
 * by the JSON field it concerns. JSON Schema 2020-12 as OpenAPI 3.1 uses it (networknt's validator):
 * lengths in code points, formats asserted, {@code anyOf}, {@code if}/{@code then}, every keyword.
 * Not part of the public API.
 */
public final class SchemaCheck {

  /**
   * {@code format: email} as Prism asserts it (ajv-formats' expression: the domain has a dot), where
   * networknt's own also accepts {@code david@coaster}; the providers answer such an address 4xx.
   */
  static final String EMAIL = "(?i)^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
      + "@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$";

  private static final class Factory {
    // Loaded on first use: a client that never checks a body never pays for it.
    // The OpenAPI 3.1 dialect; the document's own top-level fields (reached when a $ref is resolved
    // against the whole bundle) are known, so that the validator logs no warning about them.
    static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(OpenApi31.getInstance().getIri(), OpenApi31.getInstance())
        .keywords(java.util.stream.Stream.of("openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks",
            "components", "security", "tags", "externalDocs").map(NonValidationKeyword::new).toList())
        // The specs' own extensions (x-provenance, x-personal...) are annotations: no warning in users' logs.
        .unknownKeywordFactory((name, context) -> name.startsWith("x-") ? new NonValidationKeyword(name)
            : com.networknt.schema.UnknownKeywordFactory.getInstance().getKeyword(name, context))
        // format: email as Prism checks it (the domain has a dot): the validator's own accepts david@coaster.
        .format(com.networknt.schema.format.PatternFormat.of("email", EMAIL, "format"))
        .build();
    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));
    // Formats are only annotations in 2020-12 unless asserted; the providers (and Prism) assert them.
    static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  }

  private final SpecDocument document;
  private final String pointer;
  private final JsonSchema schema;

  private SchemaCheck(SpecDocument document, String pointer) {
    this.document = document;
    this.pointer = pointer;
    this.schema = Factory.FACTORY.getSchema(SchemaLocation.of(document.location() + "#" + pointer), Factory.CONFIG);
    this.schema.initializeValidators();
  }

  /** The check of the schema at {@code pointer} of {@code document}. */
  public static SchemaCheck of(SpecDocument document, String pointer) {
    return document.compiled("schema:" + pointer, key -> new SchemaCheck(document, pointer));
  }

  /**
   * The schema at {@code location} (a URI whose fragment is a JSON pointer, such as
   * {@code classpath:openapi/stancer.json#/components/schemas/Customer}), compiled in the specs'
   * dialect as the wrapper checks it: for the testkit, which must judge requests as the wrapper does.
   */
  public static JsonSchema schemaAt(String location) {
    return Factory.FACTORY.getSchema(SchemaLocation.of(location), Factory.CONFIG);
  }

  /** Every broken rule; empty when {@code value} holds to the schema. */
  public Set<ValidationMessage> messages(JsonNode value) {
    return schema.validate(value);
  }

  /**
   * Every broken rule as a violation named by its JSON field, with {@code prefix} before the field
   * (a parameter's name for a parameter).
   */
  public List<Violation> violations(JsonNode value, String name) {
    Set<ValidationMessage> messages = schema.validate(value);
    if (messages.isEmpty()) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>(messages.size());
    // Per violation: the message it says, to weigh it against the others of its field.
    List<ValidationMessage> sources = new ArrayList<>(messages.size());
    Set<String> alternatives = new java.util.HashSet<>();
    for (ValidationMessage message : messages) {
      String anyOf = anyOfLocation(message);
      int nullable = anyOf == null ? -1 : soleNonNullBranch(document.root().at(anyOf));
      if (nullable >= 0) {
        // anyOf [X, {type: null}]: a nullable X. Its rules are X's; the null branch's "must be null" says nothing.
        if (message.getSchemaLocation().getFragment().toString().startsWith(anyOf + "/" + nullable + "/")
            || message.getSchemaLocation().getFragment().toString().equals(anyOf + "/" + nullable)) {
          violations.add(new Violation(field(message, name), words(message, value)));
        }
      } else if (anyOf == null) {
        violations.add(new Violation(field(message, name), words(message, value)));
      } else if (alternatives.add(anyOf + "@" + message.getInstanceLocation())) {
        // Each failed branch of an anyOf is reported by the validator; the rule is the anyOf itself.
        JsonNode branches = document.root().at(anyOf);
        List<String> required = requiredAlternatives(branches);
        String field = field(message, name);
        if (!required.isEmpty()) {
          String base = pathOf(message.getInstanceLocation(), name);
          field = base.isEmpty() ? required.get(0) : base + "." + required.get(0);
        }
        violations.add(new Violation(field, anyOf(branches) + condition(message)));
      }
      while (sources.size() < violations.size()) {
        sources.add(message);
      }
    }
    return onePerMistake(violations, sources, value, name);
  }

  /**
   * One violation per mistake, never none for a refused value: a rule that holds "when X is absent"
   * is not reported when X is present (its {@code if} held only because X's value is invalid, which
   * X's own rule reports); then each field keeps its most telling rule ({@link #rank}).
   */
  private List<Violation> onePerMistake(List<Violation> violations, List<ValidationMessage> sources, JsonNode value,
      String name) {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < violations.size(); i++) {
      if (!absentButPresent(sources.get(i), violations, value, name)) {
        kept.add(i);
      }
    }
    java.util.Map<String, Integer> best = new java.util.LinkedHashMap<>();
    for (int i : kept) {
      best.merge(violations.get(i).field(), i, (a, b) -> weight(sources.get(b)) < weight(sources.get(a)) ? b : a);
    }
    List<Violation> one = new ArrayList<>();
    for (int i = 0; i < violations.size(); i++) {
      if (best.containsValue(i)) {
        one.add(violations.get(i));
      }
    }
    return one.isEmpty() ? violations : one;
  }

  /** Lower is more telling: the kind of value, then its exact values, shape, size; an unconditional rule first. */
  private static int weight(ValidationMessage message) {
    return rank(message.getType()) * 2 + (message.getSchemaLocation().getFragment().toString().contains("/then/") ? 1 : 0);
  }

  /**
   * How telling a broken rule is about a value that breaks several: a value of the wrong type breaks
   * nothing else worth saying; an exact list says every right answer; a format or pattern says the
   * value's shape (and implies its size: an address shorter than {@code a@b.c} is no address); sizes last.
   */
  private static int rank(String type) {
    return switch (type) {
      case "type" -> 0;
      case "required", "dependentRequired" -> 1;
      case "const", "enum" -> 2;
      case "format" -> 3;
      case "pattern" -> 4;
      case "anyOf", "oneOf", "not" -> 5;
      case "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" -> 6;
      default -> 7;
    };
  }

  /**
   * Whether a message comes from the {@code then} of an {@code if: {not: {required: [X...]}}} ("when X
   * is absent") while every X is present in the object the {@code if} judged, and X's value is
   * reported by a rule of its own. Such an {@code if} holds for a present X only when it also carries
   * X's schema and X's value breaks it: the same mistake, already said by X's rule.
   */
  private boolean absentButPresent(ValidationMessage message, List<Violation> violations, JsonNode value, String name) {
    String location = message.getSchemaLocation().getFragment().toString();
    int then = location.lastIndexOf("/then/");
    if (then < 0 || value == null) {
      return false;
    }
    JsonNode absent = document.root().at(location.substring(0, then) + "/if").path("not").path("required");
    if (!absent.isArray() || absent.isEmpty()) {
      return false;
    }
    // The object the if judged: the message's instance, less what the then's keywords descended into.
    String[] steps = location.substring(then + "/then/".length()).split("/");
    int descents = 0;
    for (int i = 0; i < steps.length - 1; i++) {
      switch (steps[i]) {
        case "properties", "patternProperties", "prefixItems", "dependentSchemas" -> {
          descents++;
          i++;
        }
        case "items", "additionalProperties", "unevaluatedProperties", "contains", "unevaluatedItems" -> descents++;
        default -> { }
      }
    }
    JsonNodePath at = message.getInstanceLocation();
    int depth = at.getNameCount() - descents;
    if (depth < 0) {
      return false;
    }
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      pointer.append('/').append(String.valueOf(at.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    JsonNode judged = value.at(pointer.toString());
    String base = pathOf(at, depth, name);
    for (JsonNode field : absent) {
      String x = field.asText();
      if (!judged.has(x)) {
        return false;
      }
      String path = base.isEmpty() ? x : base + "." + x;
      boolean said = violations.stream().map(Violation::field)
          .anyMatch(f -> f.equals(path) || f.startsWith(path + ".") || f.startsWith(path + "["));
      if (!said) {
        return false;
      }
    }
    return true;
  }

  /** {@code customers[2].country}, after the parameter's name if any. */
  private static String pathOf(JsonNodePath at, String name) {
    return pathOf(at, at.getNameCount(), name);
  }

  /** The same, of the first {@code count} elements of {@code at}. */
  private static String pathOf(JsonNodePath at, int count, String name) {
    StringBuilder field = new StringBuilder(name == null ? "" : name);
    for (int i = 0; i < count; i++) {
      Object element = at.getElement(i);
      if (element instanceof Integer index) {
        field.append('[').append(index).append(']');
      } else {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(element);
      }
    }
    return field.toString();
  }

  /** For {@code anyOf: [X, {type: null}]}, the index of X; otherwise -1. */
  private int soleNonNullBranch(JsonNode branches) {
    int sole = -1;
    for (int i = 0; i < branches.size(); i++) {
      JsonNode branch = document.deref(branches.get(i));
      boolean isNull = branch.size() == 1 && "null".equals(branch.path("type").asText());
      if (!isNull) {
        if (sole >= 0) {
          return -1;
        }
        sole = i;
      }
    }
    return branches.size() > 1 ? sole : -1;
  }

  /** The pointer of the innermost anyOf a message comes from, or null. */
  private static String anyOfLocation(ValidationMessage message) {
    String location = message.getSchemaLocation().getFragment().toString();
    int at = location.lastIndexOf("/anyOf/");
    return at < 0 ? null : location.substring(0, at) + "/anyOf";
  }

  /** The JSON field a message concerns: its instance location, with the missing property for {@code required}. */
  String field(ValidationMessage message, String name) {
    StringBuilder field = new StringBuilder(pathOf(message.getInstanceLocation(), name));
    String type = message.getType();
    if (("required".equals(type) || "additionalProperties".equals(type) || "unevaluatedProperties".equals(type)
        || "dependentRequired".equals(type)) && message.getProperty() != null) {
      if (!field.isEmpty()) {
        field.append('.');
      }
      field.append(message.getProperty());
    } else if ("anyOf".equals(type) && field.isEmpty()) {
      List<String> alternatives = requiredAlternatives(message.getSchemaNode());
      if (!alternatives.isEmpty()) {
        field.append(alternatives.get(0));
      }
    }
    return field.isEmpty() ? "request" : field.toString();
  }

  /** The broken rule in words, read from the keyword and its value in the schema. */
  String words(ValidationMessage message) {
    return words(message, null);
  }

  private String words(ValidationMessage message, JsonNode value) {
    JsonNode rule = message.getSchemaNode();
    JsonNode owner = document.root().at(parentPointer(message));
    String words = switch (message.getType()) {
      case "required" -> "is required";
      case "minLength" -> "must be at least " + rule.asInt() + " characters long";
      case "maxLength" -> "must be at most " + rule.asInt() + " characters long";
      // A long pattern (such as the list of country codes) says less than the schema's description.
      case "pattern" -> (rule.asText().length() > 40 ? "must match the spec's pattern" : "must match the pattern "
          + rule.asText()) + about(owner);
      case "format" -> "must be " + format(rule.asText());
      case "type" -> message.getInstanceNode() != null && message.getInstanceNode().isNull()
          ? (requiredAtTop(message) ? "is required" : "must not be null") : "must be " + article(rule);
      case "enum" -> "must be one of " + list(rule, " or ");
      case "const" -> "must be " + rule;
      case "minimum" -> "must be at least " + rule.asText();
      case "maximum" -> "must be at most " + rule.asText();
      case "exclusiveMinimum" -> "must be more than " + rule.asText();
      case "exclusiveMaximum" -> "must be less than " + rule.asText();
      case "multipleOf" -> "must be a multiple of " + rule.asText();
      case "minItems" -> "must hold at least " + rule.asInt() + " items";
      case "maxItems" -> "must hold at most " + rule.asInt() + " items";
      case "uniqueItems" -> "must not hold the same item twice";
      case "minProperties" -> "must hold at least " + rule.asInt() + " fields";
      case "maxProperties" -> "must hold at most " + rule.asInt() + " fields";
      case "additionalProperties", "unevaluatedProperties" -> "is not a field of this request";
      case "anyOf" -> anyOf(rule);
      case "oneOf" -> "must match exactly one of " + rule.size() + " forms" + about(owner);
      case "not" -> "must not match " + rule;
      default -> message.getMessage().replaceFirst("^\\S+: ", "");
    };
    return words + condition(message);
  }

  /** Whether a null is a top-level property that the schema requires (models send required fields even when null). */
  private boolean requiredAtTop(ValidationMessage message) {
    JsonNodePath at = message.getInstanceLocation();
    if (at.getNameCount() != 1) {
      return false;
    }
    for (JsonNode required : document.deref(document.root().at(pointer)).path("required")) {
      if (required.asText().equals(String.valueOf(at.getElement(0)))) {
        return true;
      }
    }
    return false;
  }

  /** For a rule under {@code then}, the {@code if} that applies it: "when country is US". */
  private String condition(ValidationMessage message) {
    String location = message.getSchemaLocation().getFragment().toString();
    int then = location.lastIndexOf("/then/");
    if (then < 0) {
      return "";
    }
    JsonNode condition = document.root().at(location.substring(0, then) + "/if");
    List<String> parts = new ArrayList<>();
    condition.path("properties").fields().forEachRemaining(property -> {
      JsonNode p = property.getValue();
      if (p.has("const")) {
        parts.add(property.getKey() + " is " + p.get("const").asText());
      } else if (p.has("enum")) {
        parts.add(property.getKey() + " is " + list(p.get("enum"), " or "));
      }
    });
    // "when email is absent": an if that holds when a field is not given.
    condition.path("not").path("required").forEach(field -> parts.add(field.asText() + " is absent"));
    return parts.isEmpty() ? " (a conditional rule)" : " when " + String.join(" and ", parts);
  }

  private String anyOf(JsonNode branches) {
    List<String> required = requiredAlternatives(branches);
    if (!required.isEmpty()) {
      return String.join(" or ", required) + " is required: at least one of them";
    }
    List<String> formats = new ArrayList<>();
    for (JsonNode branch : branches) {
      if (branch.has("format") && branch.size() == 1) {
        formats.add(format(branch.get("format").asText()));
      }
    }
    if (formats.size() == branches.size()) {
      return "must be " + String.join(" or ", formats);
    }
    return "must match at least one of " + branches.size() + " forms";
  }

  /** For {@code anyOf: [{required: [a]}, {required: [b]}]}: a, b; otherwise nothing. */
  private static List<String> requiredAlternatives(JsonNode branches) {
    List<String> names = new ArrayList<>();
    if (branches == null || !branches.isArray()) {
      return names;
    }
    for (JsonNode branch : branches) {
      if (branch.size() != 1 || !branch.has("required")) {
        return List.of();
      }
      branch.get("required").forEach(name -> names.add(name.asText()));
    }
    return names;
  }

  private static String parentPointer(ValidationMessage message) {
    String location = message.getSchemaLocation().getFragment().toString();
    int slash = location.lastIndexOf('/');
    return slash <= 0 ? "" : location.substring(0, slash);
  }

  /**
   * The first sentence of the owning schema's description, to say what a pattern means: in words
   * alone, without the spec's provenance notes (a parenthesis citing *doc*, *sdk*, *observed* or
   * *unknown*, which stay in the spec and its pages) nor markdown's marks.
   */
  static String about(JsonNode owner) {
    String description = withoutProvenance(owner.path("description").asText(""));
    if (description.isBlank()) {
      return "";
    }
    int end = description.indexOf(". ");
    String sentence = (end < 0 ? description : description.substring(0, end)).strip();
    if (sentence.endsWith(".")) {
      sentence = sentence.substring(0, sentence.length() - 1);
    }
    return sentence.isBlank() ? "" : " (" + sentence + ")";
  }

  private static final java.util.regex.Pattern PROVENANCE = java.util.regex.Pattern.compile("\\*(doc|sdk|observed|unknown)\\*");

  /** The description without its provenance parentheses and code marks, on one line. */
  static String withoutProvenance(String description) {
    StringBuilder kept = new StringBuilder();
    int i = 0;
    while (i < description.length()) {
      char c = description.charAt(i);
      if (c == '(') {
        int close = closing(description, i);
        if (close > 0 && PROVENANCE.matcher(description.substring(i, close)).find()) {
          // The note and the space before it go.
          while (!kept.isEmpty() && Character.isWhitespace(kept.charAt(kept.length() - 1))) {
            kept.setLength(kept.length() - 1);
          }
          i = close + 1;
          continue;
        }
      }
      kept.append(c);
      i++;
    }
    // A word of the sentence itself ("is *unknown*") stays, without its emphasis.
    return PROVENANCE.matcher(kept).replaceAll("$1").replace("`", "").replaceAll("\\s+", " ").strip();
  }

  /** The index of the parenthesis that closes the one at {@code open}, or -1. */
  private static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      if (text.charAt(i) == '(') {
        depth++;
      } else if (text.charAt(i) == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String format(String format) {
    return switch (format) {
      case "email", "idn-email" -> "an email address whose domain has a dot, such as david@example.net";
      case "ipv4" -> "an IPv4 address";
      case "ipv6" -> "an IPv6 address";
      case "date" -> "a date (YYYY-MM-DD)";
      case "date-time" -> "a date and time (RFC 3339)";
      case "time" -> "a time (RFC 3339)";
      case "uri" -> "an absolute URI";
      case "uuid" -> "a UUID";
      default -> "in the format " + format;
    };
  }

  private static String article(JsonNode type) {
    if (type.isArray()) {
      return list(type, " or ");
    }
    String t = type.asText();
    return ("object".equals(t) || "array".equals(t) || "integer".equals(t) ? "an " : "a ") + t;
  }

  private static String list(JsonNode values, String last) {
    List<String> items = new ArrayList<>();
    for (Iterator<JsonNode> it = values.elements(); it.hasNext(); ) {
      JsonNode v = it.next();
      items.add(v.isTextual() ? v.asText() : v.toString());
    }
    if (items.size() > 12) {
      return items.size() + " values (" + String.join(", ", items.subList(0, 5)) + ", ...)";
    }
    return items.size() <= 1 ? String.join("", items)
        : items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", ")) + last + items.get(items.size() - 1);
  }

  @Override
  public String toString() {
    return "SchemaCheck[" + document.api() + "#" + pointer + "]";
  }
}
