package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.internal.Json;
import dev.payspec.internal.SchemaCheck;
import dev.payspec.internal.SpecDocument;
import dev.payspec.spec.ApiSpec;
import dev.payspec.specs.BundledSpec;
import dev.payspec.specs.RuleSamples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One mistake, one violation, spec-wide: every invalid sample of {@code rule-samples.yaml} breaks
 * exactly the rule it is listed under, so the wrapper refuses it with exactly one violation, naming
 * the rule's field. Checked on every API of the bundles, through the real client's operation that
 * takes the rule's schema (as its request body or its path parameter), and on the schema's own check
 * for the samples that the typed models cannot carry (a null, an unknown field, a wrongly typed value).
 */
class OneViolationPerMistakeTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @AfterEach
  void nothingWasSent() {
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @TestFactory
  Stream<DynamicNode> everyInvalidSampleOfEveryApiIsOneViolationNamingItsField() {
    List<DynamicNode> apis = new ArrayList<>();
    for (String api : BundledSpec.apis()) {
      List<DynamicTest> tests = new ArrayList<>();
      for (RuleSamples rule : RuleSamples.of(api)) {
        for (JsonNode sample : rule.invalid()) {
          tests.add(dynamicTest(rule.rule() + ": " + sample + " is one violation of the schema's check", () -> {
            SchemaCheck check = SchemaCheck.of(SpecDocument.of(api), "/components/schemas/" + rule.schema());
            assertThat(check.violations(sample, sample.isObject() ? null : rule.field()))
                .as("violations of %s", sample).singleElement().extracting(Violation::field)
                .isIn(fields(rule, sample, rule.field()));
          }));
          Target target = target(api, rule.schema());
          Object argument = expressible(sample, target);
          if (argument != null) {
            tests.add(dynamicTest(rule.rule() + ": " + sample + " is one violation through " + target.operation, () -> {
              try (AutoCloseable client = SpecClients.client(api, new SpecClients.Settings(server.baseUrl(),
                  Duration.ofSeconds(5), Duration.ofSeconds(5), 0))) {
                SpecClients.Call call = SpecClients.call(client, target.operation, false);
                Object[] arguments = call.arguments().clone();
                arguments[target.index(call)] = argument;
                SpecClients.Call bad = new SpecClients.Call(call.operation(), call.target(), call.method(), arguments, false);
                ValidationException e = catchThrowableOfType(ValidationException.class, bad::run);
                assertThat(e).as("refusal of %s", sample).isNotNull();
                assertThat(e.getViolations()).as("violations of %s", sample).singleElement()
                    .extracting(Violation::field).isIn(fields(rule, sample, target.field(rule.field())));
              }
            }));
          }
        }
      }
      assertThat(tests).as("%s: invalid samples", api).isNotEmpty();
      apis.add(dynamicContainer(api, tests));
    }
    assertThat(apis).extracting(DynamicNode::getDisplayName).contains("stancer", "stancer-v2", "begateway");
    return apis.stream();
  }

  /**
   * The fields a sample's one violation may name: the rule's field; or, when the sample does not
   * carry it (a rule such as "no null, no unknown field" lists one field for samples that each break
   * it with another), the one field of its own that breaks the rule: a top-level field of the sample.
   */
  private static List<String> fields(RuleSamples rule, JsonNode sample, String field) {
    List<String> fields = new ArrayList<>(List.of(field));
    if (sample.isObject() && !sample.has(rule.field())) {
      sample.fieldNames().forEachRemaining(fields::add);
    }
    return fields;
  }

  /** The operation that takes a schema, as its body or its path parameter (then named by the parameter). */
  private record Target(ApiSpec.Operation operation, ApiSpec.Parameter parameter, String schema) {

    int index(SpecClients.Call call) {
      Class<?>[] types = call.method().getParameterTypes();
      for (int i = 0; i < types.length; i++) {
        boolean match = parameter == null ? types[i].getSimpleName().equals(schema)
            : types[i] == String.class && call.arguments()[i] != null;
        if (match) {
          return i;
        }
      }
      throw new AssertionError(operation + ": no argument of " + call.method() + " takes " + schema);
    }

    String field(String field) {
      return parameter == null ? field : parameter.name();
    }
  }

  private static Target target(String api, String schema) {
    String pointer = "/components/schemas/" + schema;
    List<ApiSpec.Operation> operations = BundledSpec.load(api).model().operations();
    for (ApiSpec.Operation operation : operations) {
      if (operation.body() != null && pointer.equals(pointerOf(operation.body().schema()))) {
        return new Target(operation, null, schema);
      }
    }
    for (ApiSpec.Operation operation : operations) {
      List<ApiSpec.Parameter> path = operation.parameters("path");
      if (operation.body() == null && path.size() == 1 && pointer.equals(pointerOf(path.get(0).schema()))) {
        return new Target(operation, path.get(0), schema);
      }
    }
    throw new AssertionError("no operation of " + api + " takes " + schema + ": rule-samples.yaml names it");
  }

  private static String pointerOf(String schema) {
    return schema == null ? null : schema.replaceFirst("^.*#", "");
  }

  /** The sample as the argument the typed method takes, or null when the model cannot carry it as it is. */
  private static Object expressible(JsonNode sample, Target target) {
    if (target.parameter != null) {
      return sample.isTextual() ? sample.asText() : null;
    }
    Class<?> model = modelClass(target);
    try {
      Object value = Json.MAPPER.treeToValue(sample, model);
      return Json.MAPPER.valueToTree(value).equals(sample) ? value : null;
    } catch (Exception wrongType) {
      return null;
    }
  }

  private static Class<?> modelClass(Target target) {
    try (AutoCloseable client = SpecClients.client(target.operation.spec().api(),
        new SpecClients.Settings("http://localhost:1", Duration.ofSeconds(1), Duration.ofSeconds(1), 0))) {
      for (Class<?> type : SpecClients.call(client, target.operation, false).method().getParameterTypes()) {
        if (type.getSimpleName().equals(target.schema)) {
          return type;
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError(target.operation + ": no model named " + target.schema);
  }
}
