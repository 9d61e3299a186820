package dev.payspec.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule of every spec names its source: each constraint keyword of each schema has an entry
 * in that schema's {@code x-provenance} ({@code {source: doc|sdk|observed|unknown, ref}}), and
 * every documented response status carries one. A subschema written inline in an {@code anyOf},
 * {@code oneOf} or {@code if}/{@code then}/{@code else} is covered by the provenance of that
 * keyword. Entries must be well-formed and name a constraint the schema has.
 */
class ProvenanceTest {

  static final Set<String> CONSTRAINTS = Set.of("minLength", "maxLength", "pattern", "format", "required", "enum",
      "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "anyOf", "oneOf",
      "if", "additionalProperties", "uniqueItems");
  static final Set<String> SOURCES = Set.of("doc", "sdk", "observed", "unknown");

  @TestFactory
  Stream<DynamicTest> everyConstraintAndStatusNamesItsSource() {
    return BundledSpec.apis().stream().flatMap(api -> {
      BundledSpec spec = BundledSpec.load(api);
      return Stream.of(
          dynamicTest(api + ": every constraint has a well-formed x-provenance entry",
              () -> assertThat(problems(spec.root)).isEmpty()),
          dynamicTest(api + ": every documented status has a well-formed x-provenance",
              () -> assertThat(statusProblems(spec)).isEmpty()));
    });
  }

  @Test
  void aConstraintWithoutProvenanceIsFound() {
    BundledSpec spec = BundledSpec.load("stancer");
    JsonNode copy = spec.root.deepCopy();
    ((ObjectNode) copy.at("/components/schemas/Mobile/x-provenance")).remove("maxLength");
    ((ObjectNode) copy.at("/components/schemas/CustomerCreateRequest")).remove("x-provenance");

    // Without the if's entry, the rule "email or mobile" has no source, nor does what its branches require.
    assertThat(problems(copy)).contains(
        "/components/schemas/Mobile: maxLength has no x-provenance",
        "/components/schemas/CustomerCreateRequest: if has no x-provenance");
    assertThat(problems(spec.root)).isEmpty();
  }

  @Test
  void aStaleOrMalformedEntryIsFound() {
    BundledSpec spec = BundledSpec.load("stancer");
    JsonNode copy = spec.root.deepCopy();
    ObjectNode provenance = (ObjectNode) copy.at("/components/schemas/Mobile/x-provenance");
    provenance.putObject("pattern").put("source", "doc").put("ref", "a pattern Mobile does not have");
    ((ObjectNode) provenance.get("minLength")).put("source", "hearsay");

    assertThat(problems(copy)).containsExactlyInAnyOrder(
        "/components/schemas/Mobile: x-provenance names pattern, which the schema does not have",
        "/components/schemas/Mobile: x-provenance of minLength must be {source: doc|sdk|observed|unknown, ref}");
  }

  /** Every missing, stale or malformed provenance entry of the document's schemas. */
  static List<String> problems(JsonNode root) {
    List<String> problems = new ArrayList<>();
    root.path("components").path("schemas").properties()
        .forEach(schema -> walk(schema.getValue(), "/components/schemas/" + schema.getKey(), false, problems));
    findSchemaRoots(root.path("paths"), "/paths", problems);
    for (String section : List.of("parameters", "responses", "requestBodies", "headers")) {
      findSchemaRoots(root.path("components").path(section), "/components/" + section, problems);
    }
    return problems;
  }

  /** Walks the schemas under every {@code schema} key, outside examples and extensions. */
  private static void findSchemaRoots(JsonNode node, String pointer, List<String> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findSchemaRoots(node.get(i), pointer + "/" + i, problems);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
      if (key.equals("schema")) {
        walk(entry.getValue(), at, false, problems);
      } else if (!key.equals("example") && !key.equals("examples") && !key.startsWith("x-")) {
        findSchemaRoots(entry.getValue(), at, problems);
      }
    }
  }

  private static void walk(JsonNode schema, String pointer, boolean covered, List<String> problems) {
    if (!schema.isObject()) {
      return;
    }
    JsonNode provenance = schema.path("x-provenance");
    for (String keyword : CONSTRAINTS) {
      if (isConstraint(schema, keyword) && !covered && !provenance.has(keyword)) {
        problems.add(pointer + ": " + keyword + " has no x-provenance");
      }
    }
    provenance.properties().forEach(entry -> {
      if (!isConstraint(schema, entry.getKey())) {
        problems.add(pointer + ": x-provenance names " + entry.getKey() + ", which the schema does not have");
      }
      if (!wellFormed(entry.getValue())) {
        problems.add(pointer + ": x-provenance of " + entry.getKey() + " must be {source: doc|sdk|observed|unknown, ref}");
      }
    });
    schema.path("properties").properties()
        .forEach(property -> walk(property.getValue(), pointer + "/properties/" + property.getKey(), covered, problems));
    for (String single : List.of("items", "additionalProperties", "not", "contains")) {
      walk(schema.path(single), pointer + "/" + single, covered, problems);
    }
    for (String composition : List.of("anyOf", "oneOf", "allOf")) {
      boolean branchesCovered = covered || provenance.has(composition);
      JsonNode branches = schema.path(composition);
      for (int i = 0; i < branches.size(); i++) {
        walk(branches.get(i), pointer + "/" + composition + "/" + i, branchesCovered, problems);
      }
    }
    for (String conditional : List.of("if", "then", "else")) {
      walk(schema.path(conditional), pointer + "/" + conditional, covered || provenance.has("if"), problems);
    }
  }

  private static boolean isConstraint(JsonNode schema, String keyword) {
    JsonNode value = schema.get(keyword);
    if (value == null) {
      return false;
    }
    return switch (keyword) {
      case "required" -> value.isArray();
      case "additionalProperties" -> value.isObject() || value.isBoolean() && !value.asBoolean();
      default -> true;
    };
  }

  static boolean wellFormed(JsonNode entry) {
    return entry.isObject() && SOURCES.contains(entry.path("source").asText())
        && !entry.path("ref").asText().isBlank();
  }

  private static List<String> statusProblems(BundledSpec spec) {
    List<String> problems = new ArrayList<>();
    for (BundledSpec.Operation operation : spec.operations()) {
      operation.node().path("responses").properties().forEach(response -> {
        JsonNode provenance = spec.deref(response.getValue()).get("x-provenance");
        if (provenance == null || !wellFormed(provenance)) {
          problems.add(operation.id() + " " + response.getKey() + ": no well-formed x-provenance {source, ref}");
        }
      });
    }
    return problems;
  }
}
