package dev.payspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.payspec.FaultServer.Behaviour;
import dev.payspec.spec.ApiSpec;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import java.time.Duration;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against a real server that stalls, drips, closes or resets: no call outlives its deadline
 * (connectTimeout + readTimeout per attempt, body included), and the requests that reach the server
 * for one call are exactly the documented number, the JDK client's own resend included. Every
 * operation of every API in the bundles is called, as a user calls it: its client's generated method
 * ({@link SpecOperation}), plain and async, with the spec's example arguments ({@link SpecClients}),
 * the server's body being the spec's success example.
 */
class DeadlineAndAttemptsTest {

  private static final Duration CONNECT = Duration.ofMillis(100);
  /** Short: every case waits for it at least once (a stalled body), and there are cases for every operation of every API. */
  private static final Duration READ = Duration.ofMillis(100);
  private static final Duration ATTEMPT = CONNECT.plus(READ);
  /** Scheduling slack on 2 shared cores; a stalled body would otherwise last for ever, a dripped one 20 s. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  private static FaultServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new FaultServer();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static AutoCloseable client(String api, int maxRetries) {
    return SpecClients.client(api, new SpecClients.Settings(server.baseUrl(), CONNECT, READ, maxRetries));
  }

  @Test
  void everyOperationOfEveryApiInTheBundlesIsUnderTestThroughItsClient() throws Exception {
    TreeSet<String> inBundles = BundledSpec.apis().stream()
        .flatMap(api -> BundledSpec.load(api).operations().stream().map(operation -> api + ":" + operation.id()))
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(inBundles).as("operations in the bundles").isNotEmpty();
    assertThat(underTest(slowBodies())).as("operations whose slow bodies are tested").isEqualTo(inBundles);
    assertThat(underTest(faultsPerOperation())).as("operations whose attempts are counted").isEqualTo(inBundles);
    // Each has its method on its API's client, plain and async, and takes the spec's examples.
    for (ApiSpec.Operation operation : SpecClients.everyOperation()) {
      try (AutoCloseable client = client(operation.spec().api(), 0)) {
        assertThat(SpecClients.call(client, operation, false).method().getAnnotation(SpecOperation.class).value())
            .isEqualTo(operation.id());
        assertThat(SpecClients.call(client, operation, true).method().getReturnType())
            .isEqualTo(java.util.concurrent.CompletableFuture.class);
      }
    }
  }

  /** The operations of a parameter source, {@code api:operationId}. */
  private static TreeSet<String> underTest(Stream<Arguments> cases) {
    return cases.map(arguments -> (ApiSpec.Operation) arguments.get()[1])
        .map(operation -> operation.spec().api() + ":" + operation.id()).collect(Collectors.toCollection(TreeSet::new));
  }

  static Stream<Arguments> slowBodies() {
    return Stream.of(false, true).flatMap(async -> Stream.of(Behaviour.STALLED_BODY, Behaviour.DRIPPED_BODY).flatMap(behaviour ->
        SpecClients.everyOperation().stream().map(operation -> Arguments.of(behaviour, operation, async))));
  }

  @ParameterizedTest(name = "{0}: {1}, async {2}")
  @MethodSource("slowBodies")
  void noCallOutlivesItsDeadlineWhateverTheBody(Behaviour behaviour, ApiSpec.Operation operation, boolean async) throws Exception {
    server.reset(behaviour);
    server.okBody = SpecClients.successBody(operation);

    try (AutoCloseable client = client(operation.spec().api(), 0)) {
      SpecClients.Call call = SpecClients.call(client, operation, async);
      long start = System.nanoTime();
      ConnectionException e = catchThrowableOfType(ConnectionException.class, call::run);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e).as("a slow body ends the call").isNotNull();
      assertThat(e.isRequestSent()).isTrue();
      assertThat(e.getMessage()).contains("body included");
      assertThat(took).isLessThan(ATTEMPT.plus(SLACK));
      assertThat(server.requestsOnceAtLeast(1)).containsExactly(operation.method() + " " + SpecClients.examplePath(operation));
      // The JDK engine ends a slow body by interrupting the waiting caller: that interrupt is not left behind.
      assertThat(Thread.interrupted()).as("the caller's thread is not left interrupted").isFalse();
    }
  }

  @Test
  void interruptingTheCallerEndsTheCallAtOnceAndKeepsTheInterrupt() throws Exception {
    server.reset(Behaviour.STALLED_BODY);
    server.okBody = Fixtures.STANCER_CUSTOMER;
    StancerClient client = Fixtures.engine(StancerClient.builder()).apiKey(Fixtures.STANCER_KEY).baseUrl(server.baseUrl() + "/v1")
        .connectTimeout(CONNECT).readTimeout(Duration.ofSeconds(60)).maxRetries(0).build();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        client.customers().retrieve(Fixtures.STANCER_ID);
      } catch (RuntimeException e) {
        thrown.set(e);
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    while (server.requests.isEmpty()) {
      Thread.sleep(5);
    }
    long start = System.nanoTime();
    caller.interrupt();
    caller.join(Duration.ofSeconds(10).toMillis());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(caller.isAlive()).as("the interrupted call has ended").isFalse();
    assertThat(took).isLessThan(SLACK);
    assertThat(thrown.get()).isInstanceOf(ConnectionException.class).hasMessageContaining("interrupted");
    assertThat(stillInterrupted).as("the thread's interrupt is kept for its owner").isTrue();
    client.close();
  }

  /** The first GET of the bundles, read from the specs. */
  private static ApiSpec.Operation aGet() {
    return SpecClients.everyOperation().stream().filter(operation -> operation.method().equals("GET")).findFirst()
        .orElseThrow(() -> new AssertionError("no GET operation in the bundles " + BundledSpec.apis()));
  }

  @ParameterizedTest(name = "async {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void retriesOfAStalledGetStayWithinTheirDocumentedBound(boolean async) throws Exception {
    ApiSpec.Operation get = aGet();
    server.reset(Behaviour.STALLED_BODY);
    server.okBody = SpecClients.successBody(get);
    int maxRetries = 2;

    try (AutoCloseable client = client(get.spec().api(), maxRetries)) {
      SpecClients.Call call = SpecClients.call(client, get, async);
      long start = System.nanoTime();
      ConnectionException e = catchThrowableOfType(ConnectionException.class, call::run);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e).as("%s ends in a ConnectionException", get).isNotNull();
      // Each attempt's deadline, plus the backoff delays (at most 250 ms, then 500 ms).
      Duration bound = ATTEMPT.multipliedBy(maxRetries + 1).plusMillis(250 + 500);
      assertThat(took).isLessThan(bound.plus(SLACK));
      assertThat(server.requestsOnceAtLeast(maxRetries + 1)).hasSize(maxRetries + 1);
    }
  }

  static Stream<Arguments> faultsPerOperation() {
    return Stream.of(false, true).flatMap(async -> Stream.of(Behaviour.CLOSED_BEFORE_ANSWER, Behaviour.RESET_BEFORE_ANSWER,
        Behaviour.STATUS_503, Behaviour.STALLED_BODY)
        .flatMap(behaviour -> SpecClients.everyOperation().stream().map(operation -> Arguments.of(behaviour, operation, async))));
  }

  /**
   * The README's table: a create reaches the server once; PATCH and DELETE {@code maxRetries + 1}
   * times; a GET {@code maxRetries + 1} times, except when its connection closes before any answer:
   * the JDK client resends such a GET once by itself and payspec counts that resend as a retry, so
   * it reaches the server {@code maxRetries + 1} times rounded up to an even number (an engine that
   * never resends, such as OkHttp's, exactly {@code maxRetries + 1} times).
   */
  static int documentedRequests(String method, Behaviour behaviour, int maxRetries) {
    boolean closedBeforeAnswer = (behaviour == Behaviour.CLOSED_BEFORE_ANSWER || behaviour == Behaviour.RESET_BEFORE_ANSWER)
        && Fixtures.engineResendsAGetWhoseConnectionClosed();
    return switch (method) {
      case "POST" -> 1;
      case "GET" -> closedBeforeAnswer ? 2 * ((maxRetries + 2) / 2) : maxRetries + 1;
      default -> maxRetries + 1;
    };
  }

  @ParameterizedTest(name = "{0}: {1}, async {2}")
  @MethodSource("faultsPerOperation")
  void theRequestsThatReachTheServerAreExactlyTheDocumentedNumber(Behaviour behaviour, ApiSpec.Operation operation, boolean async)
      throws Exception {
    server.okBody = SpecClients.successBody(operation);
    String request = operation.method() + " " + SpecClients.examplePath(operation);
    boolean closedBeforeAnswer = behaviour == Behaviour.CLOSED_BEFORE_ANSWER || behaviour == Behaviour.RESET_BEFORE_ANSWER;
    // An odd and an even maxRetries where the JDK's resend makes a difference.
    for (int maxRetries : closedBeforeAnswer ? new int[] {1, 2} : new int[] {2}) {
      try (AutoCloseable client = client(operation.spec().api(), maxRetries)) {
        SpecClients.Call call = SpecClients.call(client, operation, async);
        server.reset(behaviour);

        PayspecException e = catchThrowableOfType(PayspecException.class, call::run);

        assertThat(e).isNotNull();
        int documented = documentedRequests(operation.method(), behaviour, maxRetries);
        assertThat(server.requestsOnceAtLeast(documented)).as("%s with maxRetries %d", operation, maxRetries)
            .hasSize(documented)
            .allSatisfy(sent -> assertThat(sent).isEqualTo(request));
      }
    }
  }
}
