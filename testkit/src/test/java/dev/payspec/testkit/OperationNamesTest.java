package dev.payspec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payspec.ServerException;
import dev.payspec.spec.ApiSpec;
import dev.payspec.stancer.StancerClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every method of the fake that takes an operation's name takes its operation id or the wrapper's
 * method name, and refuses any other name listing the valid ones: an assertion on a misspelt name
 * cannot pass by finding nothing.
 */
class OperationNamesTest {

  /** Each method of the fake that takes an operation's name. */
  private static Map<String, Consumer<String>> nameTakers(FakeApi fake) {
    Map<String, Consumer<String>> takers = new LinkedHashMap<>();
    takers.put("requests(name)", fake::requests);
    takers.put("nextCall(name)", fake::nextCall);
    return takers;
  }

  /** Whether the operation's method name picks it alone: no other operation has it as id or method name. */
  private static boolean unique(List<ApiSpec.Operation> operations, ApiSpec.Operation operation) {
    return operations.stream().noneMatch(other -> !other.id().equals(operation.id())
        && (other.javaName().equals(operation.javaName()) || other.id().equals(operation.javaName())));
  }

  @Test
  void anUnknownOperationNameIsRefusedWhereverANameIsTakenListingTheValidNames() throws Exception {
    for (String api : EveryOperationIsServedTest.apis()) {
      List<ApiSpec.Operation> operations = ApiSpec.load(api).operations();
      try (FakeApi fake = FakeApi.start(api)) {
        // "retrieveCustomer" is what a new user tries; the other is no name of the spec by construction.
        String unknown = "retrieveCustomer";
        String invented = operations.get(0).id() + "Everything";
        for (Map.Entry<String, Consumer<String>> taker : nameTakers(fake).entrySet()) {
          for (String name : List.of(unknown, invented)) {
            assertThatThrownBy(() -> taker.getValue().accept(name)).as("%s %s(\"%s\")", api, taker.getKey(), name)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .satisfies(e -> operations.forEach(operation -> assertThat(e.getMessage())
                    .contains(unique(operations, operation) && !operation.id().equals(operation.javaName()) ? operation.id() + " or " + operation.javaName() : operation.id())));
          }
          assertThatThrownBy(() -> taker.getValue().accept(null)).as("%s %s(null)", api, taker.getKey())
              .isInstanceOf(NullPointerException.class).hasMessageContaining(operations.get(0).id());
        }
      }
    }
  }

  @Test
  void theWrappersMethodNamesWorkBesideOperationIdsForEveryOperation() throws Exception {
    int checked = 0;
    for (String api : EveryOperationIsServedTest.apis()) {
      SpecDocument spec = SpecDocument.load(api);
      List<ApiSpec.Operation> operations = ApiSpec.load(api).operations();
      try (FakeApi fake = FakeApi.start(api)) {
        for (ApiSpec.Operation operation : operations) {
          String method = operation.javaName();
          if (!unique(operations, operation)) {
            continue; // a method name two operations share is given as an id: aMethodNameSharedByTwoTags... proves it
          }
          SpecDocument.Operation served = spec.operations.stream().filter(o -> o.id.equals(operation.id())).findFirst().orElseThrow();
          // Scripted, so any value reaches the operation: what is checked is which operation the name picks.
          String path = served.path.replaceAll("\\{[^}]+}", "any");
          fake.reset();

          fake.nextCall(method).respond(418, "{\"scripted\":true}");
          var answer = FakeApiTest.send(fake, served.method, path, null);

          assertThat(answer.statusCode()).as("%s %s scripted as %s", api, operation.id(), method).isEqualTo(418);
          assertThat(fake.requests(method)).as("%s requests(\"%s\")", api, method).hasSize(1)
              .isEqualTo(fake.requests(operation.id()));
          checked++;
        }
      }
    }
    assertThat(checked).as("operations checked by their method name").isPositive();
  }

  @Test
  void aScriptedAnswerNamedByTheWrappersMethodReachesThatMethod() {
    try (FakeApi fake = FakeApi.start("stancer")) {
      StancerClient stancer = StancerClient.builder().apiKey("stest_abcdefghijklmnopqrstuvwx").baseUrl(fake.baseUrl())
          .maxRetries(0).build();
      String method = ApiSpec.load("stancer").operation("getCustomer").javaName();

      fake.nextCall(method).respond(503);

      assertThatThrownBy(() -> stancer.customers().retrieve("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
          .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.getHttpStatus()).isEqualTo(503));
      assertThat(fake.requests(method)).hasSize(1);
      assertThat(fake.requests(method).get(0).operationId()).isEqualTo("getCustomer");
    }
  }

  @Test
  void aMethodNameSharedByTwoTagsMustBeGivenAsTheOperationId() {
    // A real spec with one operation copied under another tag and id: two operations, one method name.
    ApiSpec real = ApiSpec.load("stancer-v2");
    ApiSpec.Operation original = real.operation("getCustomer");
    var root = real.root().deepCopy();
    var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) root.at(original.pointer()).deepCopy())
        .put("operationId", "getSubscription").put("x-payspec-method", original.javaName());
    copy.putArray("tags").add("Subscriptions");
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("paths")).putObject("/subscriptions/{customer_id}")
        .set("get", copy);
    SpecDocument spec = SpecDocument.of(ApiSpec.of("stancer-v2", root));

    assertThatThrownBy(() -> spec.operation(original.javaName()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + original.javaName() + "'")
        .hasMessageContaining("getCustomer").hasMessageContaining("getSubscription")
        .hasMessageContaining("operation id");
    assertThat(spec.operation("getCustomer").id).isEqualTo("getCustomer");
    assertThat(spec.operation("getSubscription").id).isEqualTo("getSubscription");
  }
}
