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
  static PrismMocks mocks = PrismMocks.ofEveryApi();

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Api(String name, PrismMock mock, String user, String password) {}

  /** Every API the build bundled, v2 included: a new spec is tested here without an edit. */
  private static List<Api> apis() {
    List<Api> apis = new ArrayList<>();
    for (String api : mocks.apis()) {
      String[] credentials = PrismMocks.credentials(api);
      apis.add(new Api(api, mocks.of(api), credentials[0], credentials[1]));
    }
    return apis;
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
    assertThat(tests).as("one test per operation of every spec")
        .hasSize(apis().stream().mapToInt(api -> BundledSpec.load(api.name()).operations().size()).sum())
        .anySatisfy(test -> assertThat(test.getDisplayName()).startsWith("stancer-v2 "));
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

  /**
   * Sends one sample of a rule to the first operation of the spec that takes that schema: as its
   * JSON request body, or as its path parameter.
   */
  private static HttpResponse<String> sendSample(Api api, String schema, JsonNode sample) throws Exception {
    return sendSample(api.name(), api.mock().baseUri(), schema, sample);
  }

  /** As above, to any server of the API's spec (Prism, the testkit's fake), with the API's test credentials. */
  static HttpResponse<String> sendSample(String apiName, URI base, String schema, JsonNode sample) throws Exception {
    String[] credentials = PrismMocks.credentials(apiName);
    Api api = new Api(apiName, null, credentials[0], credentials[1]);
    BundledSpec spec = BundledSpec.load(api.name());
    String ref = "#/components/schemas/" + schema;
    for (BundledSpec.Operation operation : spec.operations()) {
      JsonNode body = spec.deref(operation.node().path("requestBody")).path("content").path("application/json").path("schema");
      if (ref.equals(body.path("$ref").asText())) {
        return RawHttp.send(operation.method().toUpperCase(), uri(base, spec, operation), api.user(), api.password(),
            JSON.writeValueAsString(sample));
      }
    }
    for (BundledSpec.Operation operation : spec.operations()) {
      for (JsonNode parameter : parameters(spec, operation)) {
        if (operation.method().equals("get") && parameter.path("in").asText().equals("path")
            && ref.equals(parameter.path("schema").path("$ref").asText())) {
          String path = uri(base, spec, operation).getRawPath();
          String value = java.net.URLEncoder.encode(sample.asText(), java.nio.charset.StandardCharsets.UTF_8);
          URI target = base.resolve(path.replace(
              java.net.URLEncoder.encode(parameter.path("example").asText(), java.nio.charset.StandardCharsets.UTF_8), value));
          return RawHttp.send("GET", target, api.user(), api.password(), null);
        }
      }
    }
    throw new IllegalArgumentException("no operation of " + api.name() + " takes " + schema);
  }

  /** The parameters of an operation and of its path, dereferenced. */
  private static List<JsonNode> parameters(BundledSpec spec, BundledSpec.Operation operation) {
    List<JsonNode> all = new ArrayList<>();
    JsonNode pathItem = spec.root.path("paths").path(operation.path());
    for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.node().path("parameters"))) {
      parameters.forEach(p -> all.add(spec.deref(p)));
    }
    return all;
  }

  private static String violations(HttpResponse<String> response) {
    return response.headers().firstValue("sl-violations").orElse("");
  }

  /** The operation's path with each path parameter replaced by its example. */
  private static URI uri(Api api, BundledSpec spec, BundledSpec.Operation operation) {
    return uri(api.mock().baseUri(), spec, operation);
  }

  private static URI uri(URI base, BundledSpec spec, BundledSpec.Operation operation) {
    String resolved = operation.path();
    for (JsonNode p : parameters(spec, operation)) {
      resolved = resolved.replace("{" + p.path("name").asText() + "}", p.path("example").asText());
    }
    return base.resolve(resolved);
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
