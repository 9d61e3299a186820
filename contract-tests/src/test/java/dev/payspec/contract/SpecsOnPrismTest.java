package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.specs.BundledSpec;
import dev.payspec.specs.RuleSamples;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The specs alone, served by Prism and called with plain HTTP: every request shown in the docs is
 * accepted and answered with the docs' example, a request without credentials is refused, and
 * every rule's violation is refused with a 4xx.
 */
class SpecsOnPrismTest {

  @RegisterExtension
  static PrismMock stancer = PrismMock.of("stancer");

  @RegisterExtension
  static PrismMock beGateway = PrismMock.of("begateway");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STANCER_KEY = "stest_abcdefghijklmnopqrstuvwx";
  private static final String STANCER_ID = "cust_9Cle7TXKkjhwqcWx4Kl5cQYk";
  private static final String SHOP_ID = "361";
  private static final String SHOP_SECRET = "b8647b68898b084b836474ed8d61ffe117c9a01168d867f24953b776ddcb134d";

  private record Api(String name, PrismMock mock, String user, String password) {}

  private static List<Api> apis() {
    return List.of(new Api("stancer", stancer, STANCER_KEY, ""), new Api("begateway", beGateway, SHOP_ID, SHOP_SECRET));
  }

  @TestFactory
  Stream<DynamicTest> everyOperationAnswersTheDocsRequestWithTheDocsExample() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Api api : apis()) {
      BundledSpec spec = BundledSpec.load(api.name());
      for (BundledSpec.Operation operation : spec.operations()) {
        tests.add(dynamicTest(api.name() + " " + operation.id(), () -> {
            JsonNode success = firstSuccess(spec, operation.node());
            HttpResponse<String> response = RawHttp.send(operation.method().toUpperCase(), uri(api, spec, operation),
                api.user(), api.password(), json(spec.firstExample(operation.node().path("requestBody"))));

            assertThat(response.statusCode()).as("status, body %s", response.body())
                .matches(status -> matchesCode(success.path("code").asText(), status));
            JsonNode expected = spec.firstExample(success.path("response"));
            if (expected == null) {
              assertThat(response.body()).isEmpty();
            } else {
              assertThat(JSON.readTree(response.body())).isEqualTo(expected);
            }
          }));
      }
    }
    assertThat(tests).hasSize(7);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyOperationRefusesARequestWithoutCredentials() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Api api : apis()) {
      BundledSpec spec = BundledSpec.load(api.name());
      for (BundledSpec.Operation operation : spec.operations()) {
        tests.add(dynamicTest(api.name() + " " + operation.id(), () -> {
            HttpResponse<String> response = RawHttp.send(operation.method().toUpperCase(), uri(api, spec, operation),
                null, null, json(spec.firstExample(operation.node().path("requestBody"))));
            assertThat(response.statusCode()).isEqualTo(401);
          }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyRuleAcceptsItsValidSamplesAndRefusesItsViolationsWithA4xx() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Api api : apis()) {
      for (RuleSamples rule : RuleSamples.of(api.name())) {
        for (JsonNode sample : rule.valid()) {
          tests.add(dynamicTest(api.name() + ": " + rule.rule() + ": accepts " + sample, () -> {
            HttpResponse<String> response = sendSample(api, rule.schema(), sample);
            assertThat(response.statusCode()).as("body %s, violations %s", response.body(), violations(response))
                .isBetween(200, 299);
          }));
        }
        for (JsonNode sample : rule.invalid()) {
          tests.add(dynamicTest(api.name() + ": " + rule.rule() + ": refuses " + sample, () -> {
            HttpResponse<String> response = sendSample(api, rule.schema(), sample);
            assertThat(response.statusCode()).as("body %s", response.body()).isBetween(400, 499);
            assertThat(violations(response)).as("Prism's reason for refusing").isNotEmpty();
          }));
        }
      }
    }
    return tests.stream();
  }

  /** Sends one sample of a rule to the operation whose input that schema describes. */
  private static HttpResponse<String> sendSample(Api api, String schema, JsonNode sample) throws Exception {
    URI base = api.mock().baseUri();
    String body = JSON.writeValueAsString(sample);
    return switch (api.name() + ":" + schema) {
      case "stancer:CustomerCreateRequest" -> RawHttp.send("POST", base.resolve("/customers/"), api.user(), api.password(), body);
      case "stancer:CustomerUpdateRequest" ->
          RawHttp.send("PATCH", base.resolve("/customers/" + STANCER_ID), api.user(), api.password(), body);
      case "begateway:CustomerCreateRequest" -> RawHttp.send("POST", base.resolve("/customers"), api.user(), api.password(), body);
      case "stancer:CustomerId", "begateway:CustomerId" ->
          RawHttp.send("GET", base.resolve("/customers/" + sample.asText().replace("!", "%21")), api.user(), api.password(), null);
      default -> throw new IllegalArgumentException("no operation takes " + schema + " of " + api.name() + ": add it here");
    };
  }

  private static String violations(HttpResponse<String> response) {
    return response.headers().firstValue("sl-violations").orElse("");
  }

  /** The operation's path with each path parameter replaced by its example. */
  private static URI uri(Api api, BundledSpec spec, BundledSpec.Operation operation) {
    String resolved = operation.path();
    JsonNode pathItem = spec.root.path("paths").path(operation.path());
    for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.node().path("parameters"))) {
      for (JsonNode parameter : parameters) {
        JsonNode p = spec.deref(parameter);
        resolved = resolved.replace("{" + p.path("name").asText() + "}", p.path("example").asText());
      }
    }
    return api.mock().baseUri().resolve(resolved);
  }

  /** The first 2xx response of an operation, as {code, response}. */
  private static JsonNode firstSuccess(BundledSpec spec, JsonNode operation) {
    Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").properties().iterator();
    while (responses.hasNext()) {
      Map.Entry<String, JsonNode> response = responses.next();
      if (response.getKey().startsWith("2")) {
        return JSON.createObjectNode().put("code", response.getKey()).set("response", spec.deref(response.getValue()));
      }
    }
    throw new AssertionError(operation.path("operationId").asText() + " documents no 2xx response");
  }

  private static boolean matchesCode(String documented, int status) {
    return documented.endsWith("XX")
        ? String.valueOf(status).charAt(0) == documented.charAt(0)
        : Integer.parseInt(documented) == status;
  }

  private static String json(JsonNode node) {
    return node == null ? null : node.toString();
  }
}
