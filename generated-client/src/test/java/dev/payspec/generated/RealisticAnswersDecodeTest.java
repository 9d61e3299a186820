package dev.payspec.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payspec.specs.BundledSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every realistic answer of the specs' corpus (examples with {@code x-fact}) decodes into the
 * generated model of its response with the generated client's own mapper, and loses nothing the
 * spec declares: written back, it is the answer without its nulls and its undeclared fields. An
 * error union that the client maps to {@code JsonNode} is decoded into the model of the shape it
 * has.
 */
class RealisticAnswersDecodeTest {

  @TestFactory
  Stream<DynamicTest> everyRealisticAnswerDecodesIntoTheGeneratedModels() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : BundledSpec.apis()) {
      BundledSpec spec = BundledSpec.load(api);
      ObjectMapper mapper = mapper(api);
      for (BundledSpec.Answer answer : spec.realisticAnswers()) {
        tests.add(dynamicTest(answer.toString(), () -> {
          JsonNode value = answer.value();
          if (value.isArray()) {
            for (JsonNode item : value) {
              assertRoundTrip(mapper, item, modelOf(spec, api, "#/components/schemas/Customer", item), answer);
            }
          } else {
            String schema = "#/components/schemas/" + answer.schemaName();
            assertRoundTrip(mapper, value, modelOf(spec, api, schema, value), answer);
          }
        }));
      }
    }
    return tests.stream();
  }

  private static void assertRoundTrip(ObjectMapper mapper, JsonNode value, Class<?> model, BundledSpec.Answer answer)
      throws Exception {
    Object decoded = mapper.treeToValue(value, model);
    JsonNode expected = withoutNulls(value.deepCopy());
    JsonNode written = mapper.valueToTree(decoded);
    List<String> undeclared = new ArrayList<>();
    expected.fieldNames().forEachRemaining(field -> {
      if (!written.has(field)) {
        undeclared.add(field);
      }
    });
    ((ObjectNode) expected).remove(undeclared);
    assertThat(undeclared).as("fields of %s that %s drops", answer, model.getSimpleName())
        .allSatisfy(field -> assertThat(declared(model, field)).as(field + " is declared by the spec").isFalse());
    // Numbers compare by value: the model writes created as a long where the example has an int.
    assertThat(expected.equals(RealisticAnswersDecodeTest::compare, written))
        .as("%s decoded into %s and written back: %s, expected %s", answer, model.getSimpleName(), written, expected)
        .isTrue();
  }

  private static int compare(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  }

  private static boolean declared(Class<?> model, String jsonName) {
    for (var field : model.getFields()) {
      try {
        if (field.getName().startsWith("JSON_PROPERTY_") && jsonName.equals(field.get(null))) {
          return true;
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return false;
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      List<String> nulls = new ArrayList<>();
      node.properties().forEach(field -> {
        if (field.getValue().isNull()) {
          nulls.add(field.getKey());
        } else {
          withoutNulls(field.getValue());
        }
      });
      ((ObjectNode) node).remove(nulls);
    } else if (node.isArray()) {
      node.forEach(RealisticAnswersDecodeTest::withoutNulls);
    }
    return node;
  }

  /** The generated sources' package of an API: {@code stancer-v2} gives {@code dev.payspec.stancer.v2.generated}. */
  private static String packageOf(String api) {
    return "dev.payspec." + api.replace('-', '.') + ".generated";
  }

  /** The generated model of a schema; for a union (mapped to JsonNode), the model of the branch the value matches. */
  private static Class<?> modelOf(BundledSpec spec, String api, String ref, JsonNode value) throws ClassNotFoundException {
    String name = ref.substring(ref.lastIndexOf('/') + 1);
    JsonNode schema = spec.root.at(ref.substring(1));
    for (String union : List.of("anyOf", "oneOf")) {
      JsonNode branches = schema.path(union);
      for (int i = 0; i < branches.size(); i++) {
        JsonNode branch = branches.get(i);
        if (branch.has("$ref") && spec.validate(ref.substring(1) + "/" + union + "/" + i, value).isEmpty()) {
          return modelOf(spec, api, branch.get("$ref").asText(), value);
        }
      }
    }
    return Class.forName(packageOf(api) + ".model." + name);
  }

  /** The mapper the API's generated client decodes answers with. */
  private static ObjectMapper mapper(String api) {
    try {
      Object client = Class.forName(packageOf(api) + ".ApiClient").getConstructor().newInstance();
      return (ObjectMapper) client.getClass().getMethod("getObjectMapper").invoke(client);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no generated client for " + api + " in " + packageOf(api), e);
    }
  }
}
