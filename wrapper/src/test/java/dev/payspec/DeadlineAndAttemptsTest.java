package dev.payspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.payspec.FaultServer.Behaviour;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * for one call are exactly the documented number, the JDK client's own resend included.
 */
class DeadlineAndAttemptsTest {

  private static final Duration CONNECT = Duration.ofMillis(100);
  private static final Duration READ = Duration.ofMillis(200);
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

  private static StancerClient stancer(int maxRetries) {
    return Fixtures.engine(StancerClient.builder()).apiKey(Fixtures.STANCER_KEY).baseUrl(server.baseUrl() + "/v1")
        .connectTimeout(CONNECT).readTimeout(READ).maxRetries(maxRetries).build();
  }

  private static BeGatewayClient beGateway(int maxRetries) {
    return Fixtures.engine(BeGatewayClient.builder()).baseUrl(server.baseUrl()).shopId(Fixtures.SHOP_ID).secretKey(Fixtures.SHOP_SECRET)
        .connectTimeout(CONNECT).readTimeout(READ).maxRetries(maxRetries).build();
  }

  /** Every operation of every spec, keyed {@code api:operationId}, with its HTTP method, called as the plain services do. */
  private static Map<String, Call> operations(int maxRetries) {
    return operations(maxRetries, false);
  }

  /**
   * Every operation of every spec, keyed {@code api:operationId}, with its HTTP method; {@code async}
   * calls it through {@code client.async()} and waits for the future, throwing what it completed with.
   */
  private static Map<String, Call> operations(int maxRetries, boolean async) {
    StancerClient stancer = stancer(maxRetries);
    BeGatewayClient beGateway = beGateway(maxRetries);
    var stancerAsync = stancer.async().customers();
    var beGatewayAsync = beGateway.async().customers();
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("stancer:createCustomer", new Call("POST", async
        ? () -> join(stancerAsync.create(new CustomerCreateRequest().email("david@example.net")))
        : () -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net"))));
    calls.put("stancer:getCustomer", new Call("GET", async ? () -> join(stancerAsync.retrieve(Fixtures.STANCER_ID))
        : () -> stancer.customers().retrieve(Fixtures.STANCER_ID)));
    calls.put("stancer:updateCustomer", new Call("PATCH", async
        ? () -> join(stancerAsync.update(Fixtures.STANCER_ID, new CustomerUpdateRequest().name("Dave Coaster")))
        : () -> stancer.customers().update(Fixtures.STANCER_ID, new CustomerUpdateRequest().name("Dave Coaster"))));
    calls.put("stancer:deleteCustomer", new Call("DELETE", async ? () -> join(stancerAsync.delete(Fixtures.STANCER_ID))
        : () -> stancer.customers().delete(Fixtures.STANCER_ID)));
    var beGatewayCreate = new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1");
    calls.put("begateway:createCustomer", new Call("POST", async ? () -> join(beGatewayAsync.create(beGatewayCreate))
        : () -> beGateway.customers().create(beGatewayCreate)));
    calls.put("begateway:getCustomer", new Call("GET", async ? () -> join(beGatewayAsync.retrieve(Fixtures.BEGATEWAY_ID))
        : () -> beGateway.customers().retrieve(Fixtures.BEGATEWAY_ID)));
    calls.put("begateway:listCustomers", new Call("GET", async ? () -> join(beGatewayAsync.list())
        : () -> beGateway.customers().list()));
    return calls;
  }

  /** Waits for an async call, throwing the exception it completed with, as the plain call throws it. */
  static void join(java.util.concurrent.CompletableFuture<?> future) {
    try {
      future.get(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException thrown) {
        throw thrown;
      }
      throw new AssertionError(e);
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the future did not complete", e);
    }
  }

  record Call(String method, Runnable run) {}

  @Test
  void theOperationsUnderTestAreEveryOperationOfTheSpecs() {
    TreeSet<String> inSpecs = Stream.of("stancer", "begateway")
        .flatMap(api -> BundledSpec.load(api).operations().stream().map(operation -> api + ":" + operation.id()))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(operations(0).keySet())).isEqualTo(inSpecs);
  }

  static Stream<Arguments> slowBodies() {
    return Stream.of(false, true).flatMap(async -> Stream.of(Behaviour.STALLED_BODY, Behaviour.DRIPPED_BODY).flatMap(behaviour ->
        operations(0).keySet().stream().map(operation -> Arguments.of(behaviour, operation, async))));
  }

  @ParameterizedTest(name = "{0}: {1}, async {2}")
  @MethodSource("slowBodies")
  void noCallOutlivesItsDeadlineWhateverTheBody(Behaviour behaviour, String operation, boolean async) {
    server.reset(behaviour);
    server.okBody = operation.startsWith("stancer") ? Fixtures.STANCER_CUSTOMER : Fixtures.BEGATEWAY_LIST;

    long start = System.nanoTime();
    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> operations(0, async).get(operation).run().run());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e).as("a slow body ends the call").isNotNull();
    assertThat(e.isRequestSent()).isTrue();
    assertThat(e.getMessage()).contains("body included");
    assertThat(took).isLessThan(ATTEMPT.plus(SLACK));
    assertThat(server.requests).hasSize(1);
    // The JDK engine ends a slow body by interrupting the waiting caller: that interrupt is not left behind.
    assertThat(Thread.interrupted()).as("the caller's thread is not left interrupted").isFalse();
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

  @ParameterizedTest(name = "async {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void retriesOfAStalledGetStayWithinTheirDocumentedBound(boolean async) {
    server.reset(Behaviour.STALLED_BODY);
    server.okBody = Fixtures.BEGATEWAY_LIST;
    int maxRetries = 2;

    long start = System.nanoTime();
    catchThrowableOfType(ConnectionException.class, async ? () -> join(beGateway(maxRetries).async().customers().list())
        : () -> beGateway(maxRetries).customers().list());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Each attempt's deadline, plus the backoff delays (at most 250 ms, then 500 ms).
    Duration bound = ATTEMPT.multipliedBy(maxRetries + 1).plusMillis(250 + 500);
    assertThat(took).isLessThan(bound.plus(SLACK));
    assertThat(server.requests).hasSize(maxRetries + 1);
  }

  static Stream<Arguments> faultsPerOperation() {
    return Stream.of(false, true).flatMap(async -> Stream.of(Behaviour.CLOSED_BEFORE_ANSWER, Behaviour.RESET_BEFORE_ANSWER,
        Behaviour.STATUS_503, Behaviour.STALLED_BODY)
        .flatMap(behaviour -> operations(0).keySet().stream().map(operation -> Arguments.of(behaviour, operation, async))));
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
  void theRequestsThatReachTheServerAreExactlyTheDocumentedNumber(Behaviour behaviour, String operation, boolean async) {
    server.okBody = operation.startsWith("stancer") ? Fixtures.STANCER_CUSTOMER : Fixtures.BEGATEWAY_LIST;
    boolean closedBeforeAnswer = behaviour == Behaviour.CLOSED_BEFORE_ANSWER || behaviour == Behaviour.RESET_BEFORE_ANSWER;
    // An odd and an even maxRetries where the JDK's resend makes a difference.
    for (int maxRetries : closedBeforeAnswer ? new int[] {1, 2} : new int[] {2}) {
      Call call = operations(maxRetries, async).get(operation);
      server.reset(behaviour);

      PayspecException e = catchThrowableOfType(PayspecException.class, () -> call.run().run());

      assertThat(e).isNotNull();
      assertThat(server.requests).as("%s with maxRetries %d", operation, maxRetries)
          .hasSize(documentedRequests(call.method(), behaviour, maxRetries));
    }
  }
}
