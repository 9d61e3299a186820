package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.payspec.UnexpectedAnswer;
import dev.payspec.UnreadableAnswerException;
import dev.payspec.spec.ApiSpec;
import dev.payspec.specs.BundledSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A success is read as liberally as it can be bound, for every operation of every API read from the
 * bundles, at a real local server: the spec's own example answered with {@code null} in each optional
 * property (top level, and in a list's first item) binds and is returned, each null told to the
 * listener; a success whose body cannot be bound is an {@link UnreadableAnswerException} that keeps
 * the status and the raw body, after exactly one request (never retried).
 */
class LiberalReadingTest {

  private static HttpServer server;
  private static final AtomicReference<byte[]> ANSWER = new AtomicReference<>();
  private static final AtomicInteger STATUS = new AtomicInteger();
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      REQUESTS.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      byte[] body = ANSWER.get();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(STATUS.get(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static ApiRuntime runtime(String api, List<UnexpectedAnswer> reported) {
    // Retries allowed: an unreadable success must still be sent once only.
    return new ApiRuntime(api, new Transport(new HttpSettings(api, URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        Duration.ofSeconds(2), Duration.ofSeconds(2), 2, null, "user", "secret", null, false, null,
        dev.payspec.Fixtures.testEngine()), body -> ErrorBody.EMPTY),
        reported::add);
  }

  /** The operations that answer a JSON body on success, of every API. */
  private static List<ApiSpec.Operation> answering() {
    List<ApiSpec.Operation> operations = SpecCalls.everyOperation().stream().filter(o -> o.successSchema() != null).toList();
    assertThat(operations).as("operations answering a body in the bundles").isNotEmpty();
    return operations;
  }

  @TestFactory
  Stream<DynamicTest> aNullInAnyOptionalPropertyIsReturnedAndReported() {
    List<DynamicTest> tests = new ArrayList<>();
    for (ApiSpec.Operation operation : answering()) {
      ApiSpec spec = operation.spec();
      JsonNode example = successExample(operation);
      ObjectNode item = example.isObject() && operation.paging() == null ? (ObjectNode) example
          : example.isArray() ? (ObjectNode) example.get(0)
          : (ObjectNode) example.path(operation.paging().items()).get(0);
      String itemSchema = example.isObject() && operation.paging() == null ? operation.successSchema()
          : example.isArray() ? spec.derefPointer(operation.successSchema() + "/items") : operation.paging().itemSchema();
      List<String> required = new ArrayList<>();
      spec.at(itemSchema).path("required").forEach(r -> required.add(r.asText()));
      List<String> optional = new ArrayList<>();
      item.fieldNames().forEachRemaining(name -> {
        if (!required.contains(name)) {
          optional.add(name);
        }
      });
      for (String property : optional) {
        tests.add(dynamicTest(operation + ": " + property + " null", () -> {
          ObjectNode nulled = item.deepCopy().putNull(property);
          JsonNode answer = nulled;
          if (!example.isObject() || operation.paging() != null) {
            ArrayNode items = (ArrayNode) (example.isArray() ? example : example.path(operation.paging().items())).deepCopy();
            items.set(0, nulled);
            answer = example.isArray() ? items : ((ObjectNode) example.deepCopy()).set(operation.paging().items(), items);
          }
          // Whether the spec allows that null, by the spec tests' own validator: then there is nothing to tell.
          boolean allowed = BundledSpec.load(spec.api()).validate(itemSchema, nulled).isEmpty();
          List<UnexpectedAnswer> reported = new ArrayList<>();
          Object value = call(runtime(spec.api(), reported), operation, successStatus(operation), answer.toString());

          assertThat(value).as("the answer, bound").isNotNull();
          if (allowed) {
            assertThat(reported).as("the spec allows the null: nothing to tell").isEmpty();
          } else {
            assertThat(reported).as("the listener is told of the null").anySatisfy(finding ->
                assertThat(finding.field()).endsWith(property));
          }
          assertThat(reported.toString()).as("no value in a finding").doesNotContain("@example");
        }));
      }
    }
    assertThat(tests).as("optional properties in the examples").isNotEmpty();
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> aCreateAnsweredWithAnUnreadableBodyKeepsItAndIsNotRetried() {
    List<ApiSpec.Operation> creates = answering().stream().filter(o -> o.method().equals("POST")).toList();
    assertThat(creates).as("creates in the bundles").isNotEmpty();
    return creates.stream().flatMap(operation -> Stream.of("<html>maintenance</html>", "", "null", "[1, 2]").map(body ->
        dynamicTest(operation + " answered '" + body + "'", () -> {
          REQUESTS.set(0);
          UnreadableAnswerException e = catchThrowableOfType(UnreadableAnswerException.class,
              () -> call(runtime(operation.spec().api(), new ArrayList<>()), operation, successStatus(operation), body));

          assertThat(e).as("an UnreadableAnswerException").isNotNull();
          assertThat(e.getHttpStatus()).isEqualTo(successStatus(operation));
          assertThat(e.getRawBody()).isEqualTo(body);
          assertThat(e.getMessage()).contains("the provider accepted the call").contains("not retried");
          assertThat(REQUESTS.get()).as("requests sent").isEqualTo(1);
        })));
  }

  /** Calls {@code operation} with the spec's example arguments, the server answering {@code body}. */
  private static Object call(ApiRuntime runtime, ApiSpec.Operation operation, int status, String body) throws Exception {
    STATUS.set(status);
    ANSWER.set(body.getBytes(StandardCharsets.UTF_8));
    Arguments args = SpecCalls.exampleArguments(operation);
    return runtime.operation(operation.id(), SpecCalls.answerType(operation)).call(args);
  }

  private static JsonNode successExample(ApiSpec.Operation operation) {
    ApiSpec.Answer success = operation.answers().stream().filter(a -> a.success() && a.schema() != null).findFirst().orElseThrow();
    JsonNode response = operation.spec().deref(operation.node().path("responses").path(success.status()));
    return BundledSpec.load(operation.spec().api()).firstExample(response);
  }

  private static int successStatus(ApiSpec.Operation operation) {
    String status = operation.answers().stream().filter(a -> a.success() && a.schema() != null).findFirst().orElseThrow().status();
    return status.equalsIgnoreCase("2XX") ? 200 : Integer.parseInt(status);
  }
}
