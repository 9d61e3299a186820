package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.AuthenticationException;
import dev.payspec.ConflictException;
import dev.payspec.InvalidRequestException;
import dev.payspec.NotFoundException;
import dev.payspec.PayspecException;
import dev.payspec.ServerException;
import dev.payspec.SpecOperation;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import dev.payspec.stancer.v2.StancerV2Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wrapper against Prism mocks of the specs: every operation answers with the docs' example,
 * decoded to the docs' values (bePaid and eComCharge both), and every documented error status maps
 * to its exception with the provider's details parsed. Prism validates every request the wrapper
 * sends, so a request that breaks the spec fails here.
 */
class WrapperOnPrismTest {

  @RegisterExtension
  static PrismMock stancerMock = PrismMock.of("stancer");

  @RegisterExtension
  static PrismMock beGatewayMock = PrismMock.of("begateway");

  @RegisterExtension
  static PrismMocks mocks = PrismMocks.ofEveryApi();

  static final String STANCER_KEY = "stest_A1b2C3d4E5f6G7h8I9j0K1l2";
  static final String STANCER_ID = "cust_9Cle7TXKkjhwqcWx4Kl5cQYk";
  static final String BEGATEWAY_ID = "cst_7aee5afb954c7ef7";
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  static StancerClient stancer() {
    return StancerClient.builder().apiKey(STANCER_KEY).baseUrl(stancerMock.baseUri().toString()).maxRetries(0).build();
  }

  static StancerV2Client stancerV2() {
    return StancerV2Client.builder().apiKey(STANCER_KEY).baseUrl(mocks.of("stancer-v2").baseUri().toString()).maxRetries(0).build();
  }

  /**
   * The wrapper's client of an API, against its Prism mock: a new spec needs its client named here,
   * and the tests below then cover every operation and status of it.
   */
  static Object client(String api) {
    return clientAt(api, mocks.of(api).baseUri().toString());
  }

  /** As {@link #client(String)}, against any server of the API's spec (Prism, the testkit's fake). */
  static Object clientAt(String api, String baseUrl) {
    return switch (api) {
      case "stancer" -> StancerClient.builder().apiKey(STANCER_KEY).baseUrl(baseUrl).maxRetries(0).build();
      case "stancer-v2" -> StancerV2Client.builder().apiKey(STANCER_KEY).baseUrl(baseUrl).maxRetries(0).build();
      case "begateway" -> BeGatewayClient.builder().baseUrl(baseUrl).shopId("361").secretKey("bePaid-secret")
          .userAgentSuffix("bePaid").maxRetries(0).build();
      default -> throw new IllegalArgumentException("no wrapper client for the " + api + " spec: add it to WrapperOnPrismTest.client");
    };
  }

  /** A client of one brand; against the mock both brands point at Prism, their real hosts are checked below. */
  static BeGatewayClient brand(String name) {
    return BeGatewayClient.builder().baseUrl(beGatewayMock.baseUri().toString())
        .shopId("361").secretKey(name + "-secret").userAgentSuffix(name).maxRetries(0).build();
  }

  static CustomerCreateRequest docsBeGatewayRequest() {
    return new CustomerCreateRequest().firstName("John").lastName("Doe").address("1st Street").country("US")
        .city("Denver").zip("92006").state("CO").phone("+1-555-555-5555").email("customer@example.com").ip("127.0.0.1");
  }

  @Test
  void stancerCreateGetUpdateDeleteAnswerWithTheDocsCustomer() {
    StancerClient stancer = stancer();

    Customer created = stancer.customers().create(new dev.payspec.stancer.generated.model.CustomerCreateRequest()
        .name("David Coaster").email("david@coaster.net").mobile("+33684858687"));
    Customer retrieved = stancer.customers().retrieve(STANCER_ID);
    stancer.customers().update(STANCER_ID, new CustomerUpdateRequest().email("david@coaster.com"));
    stancer.customers().delete(STANCER_ID);

    for (Customer customer : List.of(created, retrieved)) {
      assertThat(customer.getId()).isEqualTo(STANCER_ID);
      assertThat(customer.getEmail()).isEqualTo("david@example.net");
      assertThat(customer.getMobile()).isEqualTo("+33639980102");
      assertThat(customer.getName()).isEqualTo("David Coaster");
      assertThat(customer.getCreated()).isEqualTo(1538562174L);
      assertThat(customer.getLiveMode()).isFalse();
    }
  }

  @Test
  void stancerV2ListCreateGetUpdateDeleteAndSubListsAnswerWithTheDocsExamples() {
    StancerV2Client stancer = stancerV2();
    BundledSpec spec = BundledSpec.load("stancer-v2");
    JsonNode customer = spec.root.at("/components/examples/Customer/value");
    JsonNode page = spec.root.at("/components/examples/CustomerPage/value");

    var listed = stancer.customers().list(null, "UniqueId123", null, null, null, null, null, 10);
    var created = stancer.customers().create(new dev.payspec.stancer.v2.generated.model.CustomerCreateRequest()
        .name("Arthur Martin").email("arthur.martin@example.com").externalId("UniqueId123"));
    String id = customer.path("id").asText();
    var retrieved = stancer.customers().retrieve(id);
    var updated = stancer.customers().update(id, new dev.payspec.stancer.v2.generated.model.CustomerUpdateRequest().name("Arthur Martin"));
    var deleted = stancer.customers().delete(id);

    assertThat(listed.items()).extracting(c -> c.getId())
        .containsExactly(page.at("/customers/0/id").asText(), page.at("/customers/1/id").asText());
    assertThat(listed.hasMore()).isEqualTo(page.at("/range/has_more").asBoolean());
    JsonNode gone = spec.root.at("/components/examples/DeletedCustomer/value");
    assertThat(deleted.getId()).isEqualTo(gone.path("id").asText());
    assertThat(deleted.getDeleted()).isEqualTo(gone.path("deleted").asBoolean()).isTrue();
    for (var c : List.of(created, retrieved, updated)) {
      assertThat(c.getId()).isEqualTo(id);
      assertThat(c.getDeleted()).isFalse();
      assertThat(c.getEmail()).isEqualTo(customer.path("email").asText());
      assertThat(c.getExternalId()).isEqualTo(customer.path("external_id").asText());
      assertThat(c.getCountry()).isEqualTo(customer.path("country").asText());
    }
    assertThat(stancer.customers().listSubscriptions(id, null, null).items()).isNotEmpty()
        .allSatisfy(s -> assertThat(s.getCustomer()).isEqualTo(id));
    assertThat(stancer.customers().listPaymentIntents(id, null, null).items()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bePaid", "eComCharge"})
  void beGatewayCreateGetListAnswerWithTheDocsCustomers(String brand) {
    BeGatewayClient client = brand(brand);

    var created = client.customers().create(docsBeGatewayRequest());
    var retrieved = client.customers().retrieve(BEGATEWAY_ID);
    var all = client.customers().list();

    for (var customer : List.of(created, retrieved)) {
      assertThat(customer.getId()).isEqualTo(BEGATEWAY_ID);
      assertThat(customer.getFirstName()).isEqualTo("John");
      assertThat(customer.getCountry()).isEqualTo("US");
      assertThat(customer.getIp()).isEqualTo("127.0.0.1");
    }
    assertThat(all).extracting(c -> c.getId()).containsExactly("cst_5ca4fab9dfc7fcbf", "cst_9f65045c1f4c3676");
    assertThat(all.get(1).getEmail()).isEqualTo("customer.mark@example.com");
  }

  @Test
  void theWrappersDefaultHostsAreTheSpecsServers() {
    assertThat(servers("stancer")).containsExactly(StancerClient.DEFAULT_BASE_URL);
    assertThat(servers("begateway")).containsExactly(BeGatewayClient.BEPAID_BASE_URL, BeGatewayClient.ECOMCHARGE_BASE_URL);
    assertThat(BeGatewayClient.bePaid("361", "s").toString()).contains(BeGatewayClient.BEPAID_BASE_URL);
    assertThat(BeGatewayClient.ecomCharge("361", "s").toString()).contains(BeGatewayClient.ECOMCHARGE_BASE_URL);
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedErrorStatusMapsToItsException() {
    StancerClient stancer = stancer();
    BeGatewayClient beGateway = brand("bePaid");
    Map<String, Runnable> stancerCalls = Map.of(
        "createCustomer", () -> stancer.customers().create(new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net")),
        "getCustomer", () -> stancer.customers().retrieve(STANCER_ID),
        "updateCustomer", () -> stancer.customers().update(STANCER_ID, new CustomerUpdateRequest().name("Dave")),
        "deleteCustomer", () -> stancer.customers().delete(STANCER_ID));
    Map<String, Runnable> beGatewayCalls = Map.of(
        "createCustomer", () -> beGateway.customers().create(docsBeGatewayRequest()),
        "getCustomer", () -> beGateway.customers().retrieve(BEGATEWAY_ID),
        "listCustomers", () -> beGateway.customers().list());

    Map<String, Map<String, Runnable>> tailored = Map.of("stancer", stancerCalls, "begateway", beGatewayCalls);
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : mocks.apis()) {
      Object client = switch (api) {
        case "stancer" -> stancer;
        case "begateway" -> beGateway;
        default -> client(api);
      };
      addStatusTests(tests, api, mocks.of(api), tailored.getOrDefault(api, Map.of()), client);
    }
    assertThat(tests).anySatisfy(test -> assertThat(test.getDisplayName()).startsWith("stancer-v2 "));
    return tests.stream();
  }

  private static void addStatusTests(List<DynamicTest> tests, String api, PrismMock mock, Map<String, Runnable> calls,
      Object client) {
    BundledSpec spec = BundledSpec.load(api);
    for (BundledSpec.Operation found : spec.operations()) {
      JsonNode operation = found.node();
      String operationId = found.id();
      // An operation without a tailored call (one just added to the spec) is called from the spec's examples.
      Runnable call = calls.getOrDefault(operationId, callFromExamples(client, spec, found));
      operation.path("responses").fieldNames().forEachRemaining(code -> {
        if (code.startsWith("2")) {
          return;
        }
        // The default response stands for every other status; 500 is one Prism can produce from it.
        int status = code.equals("default") ? 500 : Integer.parseInt(code);
        JsonNode example = spec.firstExample(operation.path("responses").path(code));
        tests.add(dynamicTest(api + " " + operationId + " " + code, () -> {
          PayspecException e;
          try (AutoCloseable ignored = mock.preferring("code=" + status)) {
            e = catchThrowableOfType(PayspecException.class, call::run);
          }
          assertThat(e).as("exception for %s", status).isInstanceOf(expectedClass(status));
          assertThat(e.getHttpStatus()).isEqualTo(status);
          assertThat(JSON.readTree(e.getRawBody())).isEqualTo(example);
          assertThat(e.getProviderMessage()).isNotBlank();
          // The provider's text can echo personal data: it stays out of the message that reaches logs.
          assertThat(e.getMessage()).contains(String.valueOf(status)).doesNotContain(e.getProviderMessage());
          if (e instanceof ConflictException conflict) {
            assertThat(conflict.getExistingId()).contains(example.at("/error/message/id").asText());
          }
          if (e instanceof InvalidRequestException invalid && example.has("errors")) {
            assertThat(invalid.getFieldErrors()).containsKeys(iterable(example.path("errors").fieldNames()));
          }
          if (e instanceof InvalidRequestException invalid && example.has("detail")) {
            // v2's 422: each entry of detail names its field by its loc after the location (body, query, path).
            List<String> fields = new ArrayList<>();
            example.path("detail").forEach(d -> {
              List<String> loc = new ArrayList<>();
              d.path("loc").forEach(part -> loc.add(part.asText()));
              fields.add(String.join(".", loc.subList(1, loc.size())));
            });
            assertThat(invalid.getFieldErrors()).containsKeys(fields.toArray(String[]::new));
          }
        }));
      });
    }
  }

  /**
   * Calls the service method of an operation (found by its {@link SpecOperation}) with the spec's
   * examples: its path parameters' examples in order, the first example of its request body, and no
   * optional parameter.
   */
  static Runnable callFromExamples(Object client, BundledSpec spec, BundledSpec.Operation operation) {
    java.util.function.Supplier<Object> call = answerFromExamples(client, spec, operation);
    return call::get;
  }

  /** As {@link #callFromExamples}, giving what the service method returned. */
  static java.util.function.Supplier<Object> answerFromExamples(Object client, BundledSpec spec, BundledSpec.Operation operation) {
    return answerFromExamples(client, spec, operation, null);
  }

  /**
   * As {@link #answerFromExamples(Object, BundledSpec, BundledSpec.Operation)}, with every path
   * parameter given by {@code pathValue} when the call is made (the id of a customer a stateful
   * server holds), when it is not null.
   */
  static java.util.function.Supplier<Object> answerFromExamples(Object client, BundledSpec spec, BundledSpec.Operation operation,
      java.util.function.Supplier<String> pathValue) {
    Object service = null;
    java.lang.reflect.Method method = null;
    for (java.lang.reflect.Method accessor : client.getClass().getMethods()) {
      if (accessor.getParameterCount() == 0 && accessor.getReturnType().getPackageName().equals(client.getClass().getPackageName())) {
        for (java.lang.reflect.Method candidate : accessor.getReturnType().getMethods()) {
          SpecOperation id = candidate.getAnnotation(SpecOperation.class);
          if (id != null && id.value().equals(operation.id())) {
            try {
              service = accessor.invoke(client);
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(e);
            }
            method = candidate;
          }
        }
      }
    }
    assertThat(method).as("a service method for %s %s", spec.api, operation.id()).isNotNull();
    List<String> pathExamples = new ArrayList<>();
    for (JsonNode parameter : operation.node().path("parameters")) {
      JsonNode p = parameter.has("$ref") ? spec.root.at(parameter.get("$ref").asText().substring(1)) : parameter;
      if (p.path("in").asText().equals("path")) {
        pathExamples.add(p.path("example").asText());
      }
    }
    JsonNode pathItem = spec.root.path("paths").path(operation.path());
    for (JsonNode parameter : pathItem.path("parameters")) {
      JsonNode p = parameter.has("$ref") ? spec.root.at(parameter.get("$ref").asText().substring(1)) : parameter;
      if (p.path("in").asText().equals("path")) {
        pathExamples.add(p.path("example").asText());
      }
    }
    JsonNode body = operation.node().has("requestBody") ? spec.firstExample(operation.node().path("requestBody")) : null;
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    List<Integer> pathPositions = new ArrayList<>();
    int path = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == String.class && path < pathExamples.size()) {
        pathPositions.add(i);
        args[i] = pathExamples.get(path++);
      } else if (body != null && types[i].getPackageName().endsWith(".generated.model")) {
        args[i] = JSON.convertValue(body, types[i]);
      }
    }
    Object target = service;
    java.lang.reflect.Method chosen = method;
    return () -> {
      Object[] actual = args.clone();
      if (pathValue != null) {
        pathPositions.forEach(i -> actual[i] = pathValue.get());
      }
      return invoke(chosen, target, actual);
    };
  }

  /** Calls a service method found by reflection, throwing what it throws (a PayspecException) as itself. */
  static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyOperationCanBeCalledFromTheSpecsExamplesAlone() {
    for (String api : mocks.apis()) {
      Object client = client(api);
      BundledSpec spec = BundledSpec.load(api);
      for (BundledSpec.Operation operation : spec.operations()) {
        callFromExamples(client, spec, operation).run();
      }
    }
  }

  private static Class<? extends PayspecException> expectedClass(int status) {
    return switch (status) {
      case 400, 422 -> InvalidRequestException.class;
      case 401 -> AuthenticationException.class;
      case 404 -> NotFoundException.class;
      case 409 -> ConflictException.class;
      case 500 -> ServerException.class;
      default -> throw new IllegalArgumentException("the specs document " + status + ": add its exception here");
    };
  }

  private static List<String> servers(String api) {
    List<String> urls = new ArrayList<>();
    BundledSpec.load(api).root.path("servers").forEach(server -> urls.add(server.path("url").asText()));
    return urls;
  }

  private static String[] iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list.toArray(String[]::new);
  }
}
