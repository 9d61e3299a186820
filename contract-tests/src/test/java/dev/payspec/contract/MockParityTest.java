package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.PayspecException;
import dev.payspec.specs.BundledSpec;
import dev.payspec.specs.RuleSamples;
import dev.payspec.testkit.FakeApi;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wrapper's contract scenarios, for every spec, against both mocks: Prism (the reference) and
 * the testkit's in-JVM fake. Each operation succeeds through the wrapper; each documented error
 * status (asked of Prism with {@code Prefer}, scripted on the fake) becomes the same exception with
 * the same status; each rule's invalid sample, sent raw, is refused by both with a 4xx. The two
 * mocks must agree on every case; where they would not, users testing with the testkit would learn
 * something Prism, and the provider, contradict.
 */
class MockParityTest {

  @RegisterExtension
  static PrismMocks mocks = WrapperOnPrismTest.mocks;

  private static final Map<String, FakeApi> FAKES = new ConcurrentHashMap<>();

  @AfterAll
  static void stopFakes() {
    FAKES.values().forEach(FakeApi::close);
    FAKES.clear();
  }

  private static FakeApi fake(String api) {
    return FAKES.computeIfAbsent(api, FakeApi::start);
  }

  @TestFactory
  Stream<DynamicNode> prismAndTheTestkitAgreeOnEveryScenarioOfEverySpec() {
    List<DynamicNode> specs = new ArrayList<>();
    for (String api : mocks.apis()) {
      BundledSpec spec = BundledSpec.load(api);
      List<DynamicNode> cases = new ArrayList<>();
      for (BundledSpec.Operation operation : spec.operations()) {
        cases.add(dynamicTest(operation.id() + " succeeds", () -> {
          String onPrism = outcome(() -> WrapperOnPrismTest.answerFromExamples(WrapperOnPrismTest.client(api), spec, operation).get());
          String onFake = outcome(() -> onAHeldCustomer(api, spec, operation));
          assertThat(onPrism).as("Prism, the reference").isEqualTo("ok");
          assertThat(onFake).as("the testkit").isEqualTo(onPrism);
        }));
        operation.node().path("responses").fieldNames().forEachRemaining(code -> {
          if (code.startsWith("2")) {
            return;
          }
          int status = code.equals("default") ? 500 : Integer.parseInt(code);
          cases.add(dynamicTest(operation.id() + " " + code + " is the same exception", () -> {
            String onPrism;
            try (AutoCloseable ignored = mocks.of(api).preferring("code=" + status)) {
              onPrism = outcome(() -> WrapperOnPrismTest.answerFromExamples(WrapperOnPrismTest.client(api), spec, operation).get());
            }
            FakeApi fake = fake(api);
            fake.reset();
            fake.nextCall(operation.id()).respond(status);
            String onFake = outcome(() -> WrapperOnPrismTest.answerFromExamples(
                WrapperOnPrismTest.clientAt(api, fake.baseUrl()), spec, operation).get());
            assertThat(onPrism).as("Prism, the reference").endsWith(" " + status);
            assertThat(onFake).as("the testkit").isEqualTo(onPrism);
          }));
        });
      }
      for (RuleSamples rule : RuleSamples.of(api)) {
        for (JsonNode sample : rule.invalid()) {
          cases.add(dynamicTest(rule.rule() + ": both refuse " + sample + " with a 4xx", () -> {
            int onPrism = SpecsOnPrismTest.sendSample(api, mocks.of(api).baseUri(), rule.schema(), sample).statusCode();
            FakeApi fake = fake(api);
            fake.reset();
            int onFake = SpecsOnPrismTest.sendSample(api, URI.create(fake.baseUrl()), rule.schema(), sample).statusCode();
            assertThat(onPrism / 100).as("Prism's status %s", onPrism).isEqualTo(4);
            assertThat(onFake / 100).as("%s %s: the testkit's status %s, Prism's %s", rule.rule(), sample, onFake, onPrism).isEqualTo(onPrism / 100);
          }));
          cases.add(dynamicTest(rule.rule() + ": the wrapper refuses " + sample + " before sending, on both", () -> {
            RuleParityTest.Outcome onPrism = RuleParityTest.fromSpec(WrapperOnPrismTest.client(api), spec, rule.schema(), sample);
            FakeApi fake = fake(api);
            fake.reset();
            RuleParityTest.Outcome onFake = RuleParityTest.fromSpec(
                WrapperOnPrismTest.clientAt(api, fake.baseUrl()), spec, rule.schema(), sample);
            assertThat(onFake.expressible()).isEqualTo(onPrism.expressible());
            if (onPrism.expressible()) {
              assertThat(onPrism.refusal()).as("the wrapper's refusal").isNotNull();
              assertThat(onFake.refusal()).as("the wrapper's refusal").isNotNull();
              assertThat(onFake.refusal().getViolations()).isEqualTo(onPrism.refusal().getViolations());
              assertThat(fake.requests()).as("what reached the testkit").isEmpty();
            }
          }));
        }
      }
      specs.add(dynamicContainer(api, cases));
    }
    return specs.stream();
  }

  /**
   * Calls the operation on the fake, emptied first, from the spec's examples; an operation on one
   * customer is called on one the fake holds, made by the spec's create operation with its example.
   */
  private static Object onAHeldCustomer(String api, BundledSpec spec, BundledSpec.Operation operation) {
    FakeApi fake = fake(api);
    fake.reset();
    Object client = WrapperOnPrismTest.clientAt(api, fake.baseUrl());
    if (!operation.path().contains("{")) {
      return WrapperOnPrismTest.answerFromExamples(client, spec, operation).get();
    }
    BundledSpec.Operation create = spec.operations().stream()
        .filter(o -> o.method().equals("post") && !o.path().contains("{")).findFirst()
        .orElseThrow(() -> new AssertionError(api + " has no create operation to make a customer the fake holds"));
    Object created = WrapperOnPrismTest.answerFromExamples(client, spec, create).get();
    Supplier<String> id = () -> {
      try {
        return (String) created.getClass().getMethod("getId").invoke(created);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
    return WrapperOnPrismTest.answerFromExamples(client, spec, operation, id).get();
  }

  /** "ok", or the exception's type and status. */
  private static String outcome(Supplier<Object> call) {
    try {
      call.get();
      return "ok";
    } catch (PayspecException e) {
      return e.getClass().getSimpleName() + " " + e.getHttpStatus();
    }
  }
}
