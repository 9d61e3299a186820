package dev.payspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.payspec.FaultServer.Behaviour;
import dev.payspec.stancer.StancerClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Timeouts mean what their names say, at a real local server, over the engine under test (the JDK's
 * here; OkHttp's when transport-okhttp runs this class again): {@code readTimeout} bounds the wait
 * for the whole answer once the request is sent, whatever {@code connectTimeout} is; {@code callTimeout}
 * bounds the whole call, retries and their delays included, and no retry starts that cannot finish
 * inside it.
 */
class TimeoutsAsUsersReadThemTest {

  private static final Duration READ = Duration.ofMillis(400);
  private static final Duration CONNECT = Duration.ofSeconds(10);
  /** readTimeout + 100 ms: what an attempt may take, as the users read it. */
  private static final Duration ATTEMPT_BOUND = READ.plusMillis(100);

  private static FaultServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new FaultServer();
    server.okBody = Fixtures.STANCER_CUSTOMER;
    // The first exchange of a JVM is slow (class loading): made here, so that the timings below time only the faults.
    server.reset(Behaviour.OK);
    client(0).customers().retrieve(Fixtures.STANCER_ID);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static StancerClient client(int maxRetries) {
    return Fixtures.engine(StancerClient.builder()).apiKey(Fixtures.STANCER_KEY).baseUrl(server.baseUrl() + "/v1")
        .connectTimeout(CONNECT).readTimeout(READ).maxRetries(maxRetries).build();
  }

  @ParameterizedTest
  @EnumSource(value = Behaviour.class, names = {"STALLED_HEADERS", "STALLED_BODY", "DRIPPED_BODY"})
  void eachAttemptEndsWithinTheReadTimeoutWhateverTheConnectTimeout(Behaviour behaviour) throws Exception {
    server.reset(behaviour);
    StancerClient client = client(2);

    long start = System.nanoTime();
    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.customers().retrieve(Fixtures.STANCER_ID));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e).as("the call ends").isNotNull();
    assertThat(server.requestsOnceAtLeast(3)).as("requests: the GET and its two retries").hasSize(3);
    // Three attempts and two backoff delays (at most 250 ms, then 500 ms).
    assertThat(took).as("three attempts of at most readTimeout + 100 ms, and the delays")
        .isLessThan(ATTEMPT_BOUND.multipliedBy(3).plusMillis(250 + 500));
    client.close();
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyOperationAtEverySlowServer() {
    return java.util.stream.Stream.of(Behaviour.STALLED_HEADERS, Behaviour.STALLED_BODY, Behaviour.DRIPPED_BODY)
        .flatMap(behaviour -> SpecClients.everyOperation().stream()
            .map(operation -> org.junit.jupiter.params.provider.Arguments.of(behaviour, operation)));
  }

  /** Every operation of every API read from the bundles, through its client's service method. */
  @ParameterizedTest(name = "{0}: {1}")
  @org.junit.jupiter.params.provider.MethodSource("everyOperationAtEverySlowServer")
  void oneAttemptEndsWithinTheReadTimeoutPlusATenthOfASecond(Behaviour behaviour, dev.payspec.spec.ApiSpec.Operation operation)
      throws Exception {
    server.reset(behaviour);
    server.okBody = SpecClients.successBody(operation);
    try (AutoCloseable client = SpecClients.client(operation.spec().api(),
        new SpecClients.Settings(server.baseUrl(), CONNECT, READ, 0))) {
      SpecClients.Call call = SpecClients.call(client, operation, false);

      // The shorter of two attempts: a loaded machine (2 cores, a build beside) can delay one by tens of
      // milliseconds; a timeout that does not work makes both long.
      Duration took = null;
      for (int run = 0; run < 2 && (took == null || took.compareTo(ATTEMPT_BOUND) >= 0); run++) {
        long start = System.nanoTime();
        ConnectionException e = catchThrowableOfType(ConnectionException.class, call::run);
        Duration once = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).as("a slow answer ends the call").isNotNull();
        assertThat(e.isRequestSent()).isTrue();
        assertThat(once).as("not before the read timeout").isGreaterThanOrEqualTo(READ.minusMillis(20));
        took = took == null || once.compareTo(took) < 0 ? once : took;
      }
      assertThat(took).isLessThan(ATTEMPT_BOUND);
    }
  }

  @Test
  void theCallTimeoutBoundsTheWholeCallRetriesIncluded() throws Exception {
    server.reset(Behaviour.STALLED_BODY);
    StancerClient client = Fixtures.engine(StancerClient.builder()).apiKey(Fixtures.STANCER_KEY).baseUrl(server.baseUrl() + "/v1")
        .connectTimeout(CONNECT).readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(600)).maxRetries(5).build();

    long start = System.nanoTime();
    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.customers().retrieve(Fixtures.STANCER_ID));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("callTimeout of 600 ms");
    assertThat(took).isBetween(Duration.ofMillis(580), Duration.ofMillis(700));
    assertThat(server.requestsOnceAtLeast(1)).as("one attempt: no retry could finish inside the bound").hasSize(1);
    client.close();
  }

  @Test
  void noRetryStartsThatCannotFinishInsideTheCallTimeout() throws Exception {
    server.reset(Behaviour.STATUS_503);
    // Each attempt may take connectTimeout + readTimeout: far more than the call may.
    StancerClient client = Fixtures.engine(StancerClient.builder()).apiKey(Fixtures.STANCER_KEY).baseUrl(server.baseUrl() + "/v1")
        .connectTimeout(CONNECT).readTimeout(READ).callTimeout(Duration.ofSeconds(5)).maxRetries(3).build();

    ServerException e = catchThrowableOfType(ServerException.class, () -> client.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e).as("the 503 itself, at once").isNotNull();
    assertThat(server.requestsOnceAtLeast(1)).hasSize(1);
    client.close();
  }

  @Test
  void aCallTimeoutPerRequestReplacesTheClients() throws Exception {
    server.reset(Behaviour.STALLED_HEADERS);
    StancerClient client = client(0);
    RequestOptions options = RequestOptions.builder().callTimeout(Duration.ofMillis(200)).build();

    long start = System.nanoTime();
    ConnectionException e = catchThrowableOfType(ConnectionException.class,
        () -> client.withOptions(options).customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getMessage()).contains("callTimeout of 200 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
    client.close();
  }
}
