package dev.payspec.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of the bundled specs (request bodies, responses, parameters) validates against its
 * schema and uses only the properties its schema declares, and every body has an example, so that
 * a mock of the spec answers with a real one.
 */
class ExamplesTest {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

  @TestFactory
  Stream<DynamicTest> everySpecsExamplesMatchTheirSchemas() {
    return BundledSpec.apis().stream().flatMap(api -> examplesOf(BundledSpec.load(api)));
  }

  /** A node of the bundle with the JSON pointer it was found at, after following {@code $ref}s. */
  private record Located(JsonNode node, String pointer) {
    Located child(String name) {
      return new Located(node.path(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
    }

    Located item(int index) {
      return new Located(node.path(index), pointer + "/" + index);
    }
  }

  private static Located deref(BundledSpec spec, Located at) {
    JsonNode ref = at.node().get("$ref");
    return ref == null ? at : deref(spec, new Located(spec.root.at(ref.asText().substring(1)), ref.asText().substring(1)));
  }

  private static Stream<DynamicTest> examplesOf(BundledSpec spec) {
    List<DynamicTest> tests = new ArrayList<>();
    Located paths = new Located(spec.root.path("paths"), "/paths");
    for (Map.Entry<String, JsonNode> path : spec.root.path("paths").properties()) {
      Located pathItem = paths.child(path.getKey());
      parameterExamples(spec, pathItem, spec.api + " " + path.getKey(), tests);
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (!METHODS.contains(op.getKey())) {
          continue;
        }
        Located operation = pathItem.child(op.getKey());
        String name = spec.api + " " + op.getValue().path("operationId").asText();
        parameterExamples(spec, operation, name, tests);
        Located body = operation.child("requestBody");
        if (!body.node().isMissingNode()) {
          mediaExamples(spec, deref(spec, body), name + " request", tests);
        }
        Located responses = operation.child("responses");
        for (Map.Entry<String, JsonNode> response : op.getValue().path("responses").properties()) {
          mediaExamples(spec, deref(spec, responses.child(response.getKey())), name + " " + response.getKey(), tests);
        }
      }
    }
    assertThat(tests).as("examples in the %s spec", spec.api).isNotEmpty();
    return tests.stream();
  }

  private static void parameterExamples(BundledSpec spec, Located owner, String name, List<DynamicTest> tests) {
    JsonNode parameters = owner.node().path("parameters");
    for (int i = 0; i < parameters.size(); i++) {
      Located parameter = deref(spec, owner.child("parameters").item(i));
      JsonNode example = parameter.node().get("example");
      String label = name + " parameter " + parameter.node().path("name").asText();
      tests.add(dynamicTest(label + " has a valid example", () -> {
        assertThat(example).as("example of %s", label).isNotNull();
        assertThat(spec.validate(parameter.pointer() + "/schema", example)).isEmpty();
      }));
    }
  }

  private static void mediaExamples(BundledSpec spec, Located owner, String name, List<DynamicTest> tests) {
    for (Map.Entry<String, JsonNode> media : owner.node().path("content").properties()) {
      Located mediaType = owner.child("content").child(media.getKey());
      JsonNode examples = media.getValue().path("examples");
      tests.add(dynamicTest(name + " has an example", () -> assertThat(examples.size()).isPositive()));
      for (Map.Entry<String, JsonNode> example : examples.properties()) {
        JsonNode resolved = spec.deref(example.getValue());
        JsonNode value = resolved.path("value");
        // A realistic answer may carry fields the spec does not declare, on purpose: it lists them.
        List<String> expectedUndeclared = new ArrayList<>();
        resolved.path("x-undeclared").forEach(field -> expectedUndeclared.add(field.asText()));
        String label = name + " example '" + example.getKey() + "'";
        tests.add(dynamicTest(label + " matches its schema", () -> {
          assertThat(spec.validate(mediaType.pointer() + "/schema", value)).as(label).isEmpty();
          List<String> undeclared = new ArrayList<>();
          collectUndeclared(spec, media.getValue().path("schema"), value, "", undeclared);
          assertThat(undeclared).as("properties of %s that its schema does not declare (beyond its x-undeclared)", label)
              .containsExactlyInAnyOrderElementsOf(expectedUndeclared);
        }));
      }
    }
  }

  /** Adds to {@code undeclared} each property of {@code value} that no branch of {@code schema} declares. */
  private static void collectUndeclared(BundledSpec spec, JsonNode schema, JsonNode value, String at, List<String> undeclared) {
    List<JsonNode> branches = new ArrayList<>(branches(spec, schema));
    // Only the branches that can hold this kind of value declare its properties: in a union of
    // {"error": "text"} and {"error": {...}}, the string branch declares nothing of the object.
    branches.removeIf(branch -> !typeAllows(branch, value));
    if (branches.isEmpty()) {
      return; // this schema cannot hold the value at all; another branch of a union above does
    }
    // A schema that says nothing of the value's shape (no type, properties, items or composition:
    // "any JSON value", such as an error that is a sentence or an object) declares all of it.
    for (JsonNode branch : branches) {
      boolean anyValue = true;
      for (String keyword : List.of("type", "properties", "items", "additionalProperties", "anyOf", "oneOf", "allOf", "$ref", "const", "enum")) {
        anyValue &= !branch.has(keyword);
      }
      if (anyValue) {
        return;
      }
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        for (JsonNode branch : branches) {
          if (branch.has("items")) {
            collectUndeclared(spec, branch.get("items"), value.get(i), at + "[" + i + "]", undeclared);
          }
        }
      }
      return;
    }
    if (!value.isObject()) {
      return;
    }
    Set<String> declared = new HashSet<>();
    JsonNode open = null;
    for (JsonNode branch : branches) {
      branch.path("properties").fieldNames().forEachRemaining(declared::add);
      JsonNode additional = branch.get("additionalProperties");
      if (additional != null && additional.isObject()) {
        open = additional;
      }
    }
    for (Map.Entry<String, JsonNode> property : value.properties()) {
      String path = at + "/" + property.getKey();
      if (declared.contains(property.getKey())) {
        for (JsonNode branch : branches) {
          JsonNode sub = branch.path("properties").get(property.getKey());
          if (sub != null) {
            collectUndeclared(spec, sub, property.getValue(), path, undeclared);
          }
        }
      } else if (open != null) {
        collectUndeclared(spec, open, property.getValue(), path, undeclared);
      } else {
        undeclared.add(path);
      }
    }
  }

  private static boolean typeAllows(JsonNode schema, JsonNode value) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return true;
    }
    String wanted = value.isObject() ? "object" : value.isArray() ? "array" : null;
    if (wanted == null) {
      return true;
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.asText().equals(wanted)) {
          return true;
        }
      }
      return false;
    }
    return type.asText().equals(wanted);
  }

  /** The schema itself and every schema it is composed of (oneOf, anyOf, allOf), with $refs followed. */
  private static List<JsonNode> branches(BundledSpec spec, JsonNode schema) {
    List<JsonNode> all = new ArrayList<>();
    JsonNode resolved = spec.deref(schema);
    all.add(resolved);
    for (String keyword : List.of("oneOf", "anyOf", "allOf")) {
      for (JsonNode branch : resolved.path(keyword)) {
        all.addAll(branches(spec, branch));
      }
    }
    return all;
  }
}
