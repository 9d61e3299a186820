package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.specs.RuleSamples;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every rule of {@code rule-samples.yaml} holds in the wrapper, whose checks are the spec's own
 * schemas (no rule is written twice): a proof over every rule, not a cross-check of two copies.
 * For every sample (whose invalid ones {@link SpecsOnPrismTest} shows Prism refusing with a 4xx),
 * the wrapper:
 * sends a valid sample and Prism accepts it; refuses an invalid one before sending, naming the
 * rule's field. An invalid sample that the typed models cannot even express (a null, an unknown
 * field, a value of the wrong type) is shown to be unsendable: what the model would send differs.
 */
class RuleParityTest {

  @RegisterExtension
  static PrismMock stancerMock = PrismMock.of("stancer");

  @RegisterExtension
  static PrismMock beGatewayMock = PrismMock.of("begateway");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> stancerRulesAreTheSpecsRules() {
    StancerClient stancer = WrapperOnPrismTest.stancer();
    return tests("stancer", (schema, sample) -> switch (schema) {
      case "CustomerCreateRequest" -> model(sample, CustomerCreateRequest.class, stancer.customers()::create);
      case "CustomerUpdateRequest" -> model(sample, CustomerUpdateRequest.class,
          request -> stancer.customers().update(WrapperOnPrismTest.STANCER_ID, request));
      case "CustomerId" -> Outcome.of(() -> stancer.customers().retrieve(sample.asText()));
      default -> throw new IllegalArgumentException("no wrapper call takes stancer " + schema + ": add it here");
    });
  }

  @TestFactory
  Stream<DynamicTest> beGatewayRulesAreTheSpecsRules() {
    BeGatewayClient beGateway = WrapperOnPrismTest.brand("bePaid");
    return tests("begateway", (schema, sample) -> switch (schema) {
      case "CustomerCreateRequest" -> model(sample, dev.payspec.begateway.generated.model.CustomerCreateRequest.class,
          beGateway.customers()::create);
      case "CustomerId" -> Outcome.of(() -> beGateway.customers().retrieve(sample.asText()));
      default -> throw new IllegalArgumentException("no wrapper call takes begateway " + schema + ": add it here");
    });
  }

  /**
   * What happened to one sample sent through the wrapper: refused or not; or, when the typed model
   * cannot carry the sample, why not.
   */
  private record Outcome(String unsendableBecause, ValidationException refusal) {

    static Outcome of(Runnable call) {
      try {
        call.run();
        return new Outcome(null, null);
      } catch (ValidationException e) {
        return new Outcome(null, e);
      }
    }

    boolean expressible() {
      return unsendableBecause == null;
    }
  }

  private interface Sender {
    Outcome send(String schema, JsonNode sample);
  }

  /** Sends the sample as the typed model, or reports that the model cannot carry it as it is. */
  private static <T> Outcome model(JsonNode sample, Class<T> type, Consumer<T> call) {
    T request;
    try {
      request = JSON.treeToValue(sample, type);
    } catch (Exception wrongType) {
      return new Outcome("a value has a type the model's field cannot hold: " + wrongType.getMessage().lines().findFirst().orElse(""), null);
    }
    JsonNode sent = JSON.valueToTree(request);
    List<String> dropped = new ArrayList<>();
    sample.fieldNames().forEachRemaining(field -> {
      if (!sample.get(field).equals(sent.get(field))) {
        dropped.add(field + (sample.get(field).isNull() ? " (null: the model leaves unset fields out)" : " (not a field of the model)"));
      }
    });
    if (!dropped.isEmpty()) {
      return new Outcome("the model cannot send " + dropped, null);
    }
    return Outcome.of(() -> call.accept(request));
  }

  private static Stream<DynamicTest> tests(String api, Sender sender) {
    List<DynamicTest> tests = new ArrayList<>();
    for (RuleSamples rule : RuleSamples.of(api)) {
      for (JsonNode sample : rule.valid()) {
        tests.add(dynamicTest(rule.rule() + ": wrapper sends " + sample + " and Prism accepts it", () -> {
          Outcome outcome = sender.send(rule.schema(), sample);
          // The spec does not refuse unknown fields (no source says the provider does); the typed
          // models simply cannot send one. Anything else valid must be expressible.
          assumeTrue(outcome.expressible() || !outcome.unsendableBecause().contains("not a field of the model"),
              () -> "the models cannot carry an unknown field: " + outcome.unsendableBecause());
          assertThat(outcome.expressible()).as("valid sample expressible by the model").isTrue();
          assertThat(outcome.refusal()).as("refusal of a valid sample").isNull();
        }));
      }
      for (JsonNode sample : rule.invalid()) {
        tests.add(dynamicTest(rule.rule() + ": wrapper refuses " + sample + " naming " + rule.field(), () -> {
          Outcome outcome = sender.send(rule.schema(), sample);
          if (outcome.expressible()) {
            assertThat(outcome.refusal()).as("the wrapper's refusal").isNotNull();
            // A schema that is a path parameter's is named by the parameter (customer_id for CustomerId's id).
            assertThat(outcome.refusal().getViolations()).extracting(Violation::field)
                .anySatisfy(field -> assertThat(field).isIn(rule.field(), "customer_" + rule.field()));
          } else {
            // Only a null, an unknown field or a wrongly typed value may be inexpressible; each is named.
            assertThat(outcome.unsendableBecause()).containsAnyOf("null:", "not a field of the model", "type the model's field cannot hold");
          }
        }));
      }
    }
    return tests.stream();
  }
}
