package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults of the network and of the server, and the retries they cause, counted at the server: an
 * idempotent call that fails twice and then succeeds makes exactly 3 requests; a create under the
 * same faults makes exactly 1.
 */
class FaultsAndRetriesTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final AtomicInteger SCENARIOS = new AtomicInteger();
  private static final String STANCER_PATH = "/v1/customers/" + Fixtures.STANCER_ID;

  /** The waits the clients ask for before each retry, run at once: no test here sleeps for a backoff. */
  private final RecordingClock clock = new RecordingClock();
  private final StancerClient stancer = Fixtures.stancer(server).readTimeout(Duration.ofMillis(500)).clock(clock).build();
  private final BeGatewayClient beGateway = Fixtures.beGateway(server).readTimeout(Duration.ofMillis(500)).clock(clock).build();

  static final class RecordingClock implements CallClock {
    final List<Duration> waits = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
      waits.add(delay);
      task.run();
    }
  }

  /** The first exchange of a JVM is slow (class loading, JIT): made here, so that 500 ms timeouts time only the faults. */
  @org.junit.jupiter.api.BeforeAll
  static void warmUp() {
    server.stubFor(get("/warm-up").willReturn(okJson("[]")));
    try {
      Fixtures.beGateway(server).maxRetries(0).build().customers().retrieve(Fixtures.BEGATEWAY_ID);
    } catch (PayspecException expected) {
      // A 404 from WireMock: only the warm-up mattered.
    }
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("503", aResponse().withStatus(503)),
        Arguments.of("500 with HTML", aResponse().withStatus(500).withBody("<html>oops</html>")),
        Arguments.of("429", aResponse().withStatus(429)),
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        Arguments.of("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE)),
        Arguments.of("garbage", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
        Arguments.of("read timeout", aResponse().withStatus(200).withFixedDelay(1500)));
  }

  @ParameterizedTest(name = "GET after two of: {0}")
  @MethodSource("faults")
  void idempotentGetFailingTwiceThenSucceedingMakesExactlyThreeRequests(String fault, ResponseDefinitionBuilder failure) {
    failTwiceThen(() -> get(STANCER_PATH), failure, okJson(Fixtures.STANCER_CUSTOMER));

    assertThat(stancer.customers().retrieve(Fixtures.STANCER_ID).getName()).isEqualTo("David Coaster");
    server.verify(3, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "POST after: {0}")
  @MethodSource("faults")
  void createUnderTheSameFaultsMakesExactlyOneRequest(String fault, ResponseDefinitionBuilder failure) {
    failTwiceThen(() -> post("/v1/customers/"), failure, okJson(Fixtures.STANCER_CUSTOMER));

    assertThatThrownBy(() -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")))
        .isInstanceOfAny(ServerException.class, RateLimitException.class, ConnectionException.class);
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void patchAndDeleteAreRetriedToo() {
    failTwiceThen(() -> patch(urlEqualTo(STANCER_PATH)), aResponse().withStatus(502), aResponse().withStatus(204));
    failTwiceThen(() -> delete(urlEqualTo(STANCER_PATH)), aResponse().withStatus(502), aResponse().withStatus(204));

    stancer.customers().update(Fixtures.STANCER_ID, new CustomerUpdateRequest().name("Dave"));
    stancer.customers().delete(Fixtures.STANCER_ID);

    server.verify(6, anyRequestedFor(anyUrl()));
  }

  @Test
  void retriesStopAfterMaxRetriesAndTheLastFailureIsThrown() {
    server.stubFor(get("/customers").willReturn(aResponse().withStatus(503).withBody("busy")));

    ServerException e = catchThrowableOfType(ServerException.class, () -> beGateway.customers().list());

    assertThat(e.getHttpStatus()).isEqualTo(503);
    assertThat(e.getRawBody()).isEqualTo("busy");
    server.verify(1 + ClientBuilder.DEFAULT_MAX_RETRIES, anyRequestedFor(anyUrl()));
  }

  @Test
  void maxRetriesZeroMakesOneRequest() {
    server.stubFor(get("/customers").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> Fixtures.beGateway(server).maxRetries(0).build().customers().list()).isInstanceOf(ServerException.class);
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void retryAfterIsHonoured() {
    failTwiceThen(() -> get("/customers"), aResponse().withStatus(429).withHeader("Retry-After", "1"), okJson(Fixtures.BEGATEWAY_LIST));

    assertThat(beGateway.customers().list()).hasSize(2);

    assertThat(clock.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    server.verify(3, anyRequestedFor(anyUrl()));
  }

  @Test
  void theBackoffDoublesFromAQuarterSecondWithJitterAndNoRetryAfter() {
    server.stubFor(get("/customers").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> Fixtures.beGateway(server).maxRetries(4).clock(clock).build().customers().list())
        .isInstanceOf(ServerException.class);

    assertThat(clock.waits).hasSize(4);
    for (int retry = 0; retry < 4; retry++) {
      long full = 250L << retry;
      assertThat(clock.waits.get(retry).toMillis()).as("wait before retry %d", retry + 1).isBetween(full / 2, full);
    }
    server.verify(5, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRetryAfterTooLongToWaitForIsThrownAtOnce() {
    server.stubFor(get("/customers").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));

    ServerException e = catchThrowableOfType(ServerException.class, () -> beGateway.customers().list());

    assertThat(e.getRetryAfter()).contains(Duration.ofHours(1));
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void readTimeoutIsAConnectionExceptionSayingTheRequestMayHaveBeenSent() {
    server.stubFor(post("/customers").willReturn(aResponse().withStatus(201).withFixedDelay(1500)));

    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> beGateway.customers().create(
        new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1")));

    assertThat(e.isRequestSent()).isTrue();
    assertThat(e.getMethod()).isEqualTo("POST");
    assertThat(e.getPath()).isEqualTo("/customers");
  }

  @Test
  void aSlowResponseWithinTheReadTimeoutSucceeds() {
    server.stubFor(get("/customers").willReturn(okJson(Fixtures.BEGATEWAY_LIST).withFixedDelay(200)));

    assertThat(beGateway.customers().list()).hasSize(2);
  }

  @Test
  void aRefusedConnectionIsRetriedEvenForACreateBecauseNothingWasSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    StancerClient unreachable = Fixtures.engine(StancerClient.builder()).apiKey(Fixtures.STANCER_KEY)
        .baseUrl("http://127.0.0.1:" + closedPort + "/v1").maxRetries(1).build();

    ConnectionException e = catchThrowableOfType(ConnectionException.class,
        () -> unreachable.customers().create(new CustomerCreateRequest().email("david@example.net")));

    assertThat(e.isRequestSent()).isFalse();
    assertThat(e.getMessage()).contains("could not connect").contains("127.0.0.1:" + closedPort).doesNotContain("/customers");
    assertThat(e.getPhase()).isEqualTo(ConnectionException.Phase.CONNECTING);
    assertThat(e.getHost()).isEqualTo("127.0.0.1");
    assertThat(e.getPort()).isEqualTo(closedPort);
    assertThat(e.getPath()).isEqualTo("/v1/customers/");
  }

  /** A request that fails twice with {@code failure}, then answers {@code success}. */
  private static void failTwiceThen(Supplier<MappingBuilder> fresh, ResponseDefinitionBuilder failure, ResponseDefinitionBuilder success) {
    String scenario = "flaky " + SCENARIOS.incrementAndGet();
    server.stubFor(fresh.get().inScenario(scenario).whenScenarioStateIs(STARTED).willReturn(failure).willSetStateTo("failed once"));
    server.stubFor(fresh.get().inScenario(scenario).whenScenarioStateIs("failed once").willReturn(failure).willSetStateTo("failed twice"));
    server.stubFor(fresh.get().inScenario(scenario).whenScenarioStateIs("failed twice").willReturn(success));
  }
}
