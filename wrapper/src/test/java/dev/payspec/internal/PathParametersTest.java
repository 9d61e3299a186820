package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.sun.net.httpserver.HttpServer;
import dev.payspec.PayspecException;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.spec.ApiSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * No path parameter changes the resource a call addresses, for every path parameter of every
 * operation of every API read from the bundles, at a raw local server: empty, {@code .} and
 * {@code ..} are refused before anything is sent, whatever the parameter's schema says; anything
 * else goes as exactly one percent-encoded segment.
 */
class PathParametersTest {

  private static HttpServer server;
  private static final List<String> PATHS = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      PATHS.add(exchange.getRequestURI().getRawPath());
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
  }

  private static final java.util.concurrent.atomic.AtomicInteger SENT = new java.util.concurrent.atomic.AtomicInteger();

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @AfterAll
  static void someOddValuesWereSentNotAllRefusedBySchemas() {
    // Were every value refused by a pattern, the one-segment test would have checked nothing.
    assertThat(SENT.get()).as("odd values sent as one segment").isPositive();
  }

  private static ApiRuntime runtime(String api) {
    return new ApiRuntime(api, new Transport(new HttpSettings(api, URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        Duration.ofSeconds(2), Duration.ofSeconds(2), 0, null, "user", "secret", null, false, null,
        dev.payspec.Fixtures.testEngine()), body -> ErrorBody.EMPTY), null);
  }

  /** Each path parameter of each operation, with its operation. */
  private static List<Object[]> pathParameters() {
    List<Object[]> found = new ArrayList<>();
    for (ApiSpec.Operation operation : SpecCalls.everyOperation()) {
      operation.parameters("path").forEach(p -> found.add(new Object[] {operation, p}));
    }
    assertThat(found).as("path parameters in the bundles").isNotEmpty();
    return found;
  }

  @TestFactory
  Stream<DynamicTest> anEmptyOrDotSegmentIsRefusedBeforeSending() {
    return pathParameters().stream().flatMap(pair -> Stream.of("", ".", "..").map(value -> {
      ApiSpec.Operation operation = (ApiSpec.Operation) pair[0];
      ApiSpec.Parameter parameter = (ApiSpec.Parameter) pair[1];
      return dynamicTest(operation + " " + parameter.name() + "='" + value + "'", () -> {
        PATHS.clear();
        Arguments args = SpecCalls.exampleArguments(operation).with(parameter.name(), value);

        ValidationException e = catchThrowableOfType(ValidationException.class,
            () -> runtime(operation.spec().api()).operation(operation.id(), SpecCalls.answerType(operation)).call(args));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.getViolations()).extracting(Violation::field).contains(parameter.name());
        assertThat(PATHS).as("requests that reached the server").isEmpty();
      });
    }));
  }

  @TestFactory
  Stream<DynamicTest> anyOtherValueIsSentAsExactlyOneSegment() {
    return pathParameters().stream().flatMap(pair -> Stream.of("a/b", "...", "%2e%2e", "a b?c#d", "é/..").map(value -> {
      ApiSpec.Operation operation = (ApiSpec.Operation) pair[0];
      ApiSpec.Parameter parameter = (ApiSpec.Parameter) pair[1];
      return dynamicTest(operation + " " + parameter.name() + "='" + value + "'", () -> {
        PATHS.clear();
        Arguments args = SpecCalls.exampleArguments(operation).with(parameter.name(), value);
        try {
          runtime(operation.spec().api()).operation(operation.id(), SpecCalls.answerType(operation)).call(args);
        } catch (ValidationException refusedBySchema) {
          // The parameter's own schema (a pattern) refuses it: nothing sent, which is safe too.
          assertThat(PATHS).isEmpty();
          return;
        } catch (PayspecException answered) {
          // The 404 of the local server.
        }
        assertThat(PATHS).hasSize(1);
        SENT.incrementAndGet();
        String[] template = operation.path().split("/", -1);
        String[] sent = PATHS.get(0).split("/", -1);
        assertThat(sent).as("segments of %s", PATHS.get(0)).hasSameSizeAs(template);
        for (int i = 0; i < template.length; i++) {
          if (template[i].equals("{" + parameter.name() + "}")) {
            assertThat(URLDecoder.decode(sent[i].replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(value);
          }
        }
      });
    }));
  }
}
