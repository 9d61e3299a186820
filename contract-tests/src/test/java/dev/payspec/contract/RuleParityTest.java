package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.specs.BundledSpec;
import dev.payspec.specs.RuleSamples;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
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
  static PrismMock stancerMock = WrapperOnPrismTest.stancerMock;

  @RegisterExtension
  static PrismMock beGatewayMock = WrapperOnPrismTest.beGatewayMock;

  @RegisterExtension
  static PrismMocks mocks = WrapperOnPrismTest.mocks;

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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
   * The rules of every other spec (Stancer v2, and any spec added later), sent through its client
   * to the operation the spec says takes the rule's schema: as its request body, or as its path
   * parameter.
   */
  @TestFactory
  Stream<DynamicNode> everyOtherSpecsRulesAreTheSpecsRules() {
    List<DynamicNode> specs = new ArrayList<>();
    for (String api : mocks.apis()) {
      if (api.equals("stancer") || api.equals("begateway")) {
        continue;
      }
      Object client = WrapperOnPrismTest.client(api);
      BundledSpec spec = BundledSpec.load(api);
      specs.add(dynamicContainer(api, tests(api, (schema, sample) -> fromSpec(client, spec, schema, sample))));
    }
    assertThat(specs).extracting(DynamicNode::getDisplayName).contains("stancer-v2");
    return specs.stream();
  }

  static Outcome fromSpec(Object client, BundledSpec spec, String schema, JsonNode sample) {
    String ref = "#/components/schemas/" + schema;
    for (BundledSpec.Operation operation : spec.operations()) {
      JsonNode body = spec.deref(operation.node().path("requestBody")).path("content").path("application/json").path("schema");
      if (ref.equals(body.path("$ref").asText())) {
        Object[] target = serviceMethod(client, operation.id());
        java.lang.reflect.Method method = (java.lang.reflect.Method) target[1];
        Class<?> model = java.util.Arrays.stream(method.getParameterTypes())
            .filter(t -> t.getSimpleName().equals(schema)).findFirst().orElseThrow();
        return model(sample, model, request -> invoke(target, pathExample(spec, operation), request));
      }
    }
    for (BundledSpec.Operation operation : spec.operations()) {
      if (operation.method().equals("get") && !operation.node().has("requestBody") && pathParameter(spec, operation, ref)) {
        Object[] target = serviceMethod(client, operation.id());
        return Outcome.of(() -> invoke(target, sample.asText(), null));
      }
    }
    throw new IllegalArgumentException("no operation of " + spec.api + " takes " + schema);
  }

  private static boolean pathParameter(BundledSpec spec, BundledSpec.Operation operation, String ref) {
    JsonNode pathItem = spec.root.path("paths").path(operation.path());
    boolean found = false;
    int path = 0;
    for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.node().path("parameters"))) {
      for (JsonNode parameter : parameters) {
        JsonNode p = spec.deref(parameter);
        if (p.path("in").asText().equals("path")) {
          path++;
          found |= ref.equals(p.path("schema").path("$ref").asText());
        }
      }
    }
    return found && path == 1;
  }

  /** The example of the operation's one path parameter, or null when it has none. */
  private static String pathExample(BundledSpec spec, BundledSpec.Operation operation) {
    JsonNode pathItem = spec.root.path("paths").path(operation.path());
    for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.node().path("parameters"))) {
      for (JsonNode parameter : parameters) {
        JsonNode p = spec.deref(parameter);
        if (p.path("in").asText().equals("path")) {
          return p.path("example").asText();
        }
      }
    }
    return null;
  }

  /** {service, method} of the client's service method carrying {@code @SpecOperation(operationId)}. */
  private static Object[] serviceMethod(Object client, String operationId) {
    for (java.lang.reflect.Method accessor : client.getClass().getMethods()) {
      if (accessor.getParameterCount() == 0 && accessor.getReturnType().getPackageName().equals(client.getClass().getPackageName())) {
        for (java.lang.reflect.Method candidate : accessor.getReturnType().getMethods()) {
          dev.payspec.SpecOperation id = candidate.getAnnotation(dev.payspec.SpecOperation.class);
          if (id != null && id.value().equals(operationId)) {
            try {
              return new Object[] {accessor.invoke(client), candidate};
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(e);
            }
          }
        }
      }
    }
    throw new AssertionError("no service method of " + client + " for " + operationId);
  }

  /** Calls the method with the path value as its String argument and the body as its model argument; nothing else. */
  private static void invoke(Object[] target, String pathValue, Object body) {
    java.lang.reflect.Method method = (java.lang.reflect.Method) target[1];
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    boolean pathGiven = false;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == String.class && !pathGiven && pathValue != null) {
        args[i] = pathValue;
        pathGiven = true;
      } else if (body != null && types[i].isInstance(body)) {
        args[i] = body;
      }
    }
    WrapperOnPrismTest.invoke(method, target[0], args);
  }

  /**
   * What happened to one sample sent through the wrapper: refused or not; or, when the typed model
   * cannot carry the sample, why not.
   */
  record Outcome(String unsendableBecause, ValidationException refusal) {

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
