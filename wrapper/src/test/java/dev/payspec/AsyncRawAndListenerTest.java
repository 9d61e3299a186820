package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The async services, raw responses and the call listener, against a real local server. The fault
 * tests of the async path (stalled and dripped bodies, resets, 5xx counted at the server) are
 * {@link DeadlineAndAttemptsTest}'s, run on both paths.
 */
class AsyncRawAndListenerTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String PATH = "/v1/customers/" + Fixtures.STANCER_ID;

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final StancerClient stancer = Fixtures.stancer(server).listener(new CallListener() {
    @Override
    public void onRequest(ApiCall call, int attempt) {
      events.add("request " + call.operationId() + " " + call.method() + " " + call.pathTemplate() + " #" + attempt);
    }

    @Override
    public void onResponse(ApiCall call, int status, Duration elapsed) {
      events.add("response " + call.operationId() + " " + status);
    }

    @Override
    public void onRetry(ApiCall call, int attempt, Duration delay, PayspecException failure) {
      events.add("retry " + call.operationId() + " #" + attempt + " " + failure.getHttpStatus());
    }

    @Override
    public void onFailure(ApiCall call, PayspecException failure, Duration elapsed) {
      events.add("failure " + call.operationId() + " " + failure.getClass().getSimpleName() + " " + failure.getHttpStatus()
          + " " + failure.getMessage());
    }
  }).build();

  @Test
  void anAsyncCallCompletesWithTheDecodedAnswer() throws Exception {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER)));

    Customer customer = stancer.async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS);

    assertThat(customer.getId()).isEqualTo(Fixtures.STANCER_ID);
  }

  @Test
  void aRefusedAsyncCallCompletesExceptionallyWithValidationExceptionAndSendsNothing() {
    CompletableFuture<Customer> future = stancer.async().customers().create(new CustomerCreateRequest());

    assertThat(future).isCompletedExceptionally();
    assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ValidationException.class);
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anAsyncFailureIsTheSameExceptionTypeAsTheSyncOne() {
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(404).withBody("{\"error\":{\"message\":\"nope\"}}")));

    assertThatThrownBy(() -> stancer.async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS))
        .cause().isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> stancer.customers().retrieve(Fixtures.STANCER_ID)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void asyncRetriesWaitOnTimersNotOnSleepingThreads() throws Exception {
    server.stubFor(get(PATH).inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("ready"));
    server.stubFor(get(PATH).inScenario("busy").whenScenarioStateIs("ready").willReturn(okJson(Fixtures.STANCER_CUSTOMER)));

    CompletableFuture<Customer> future = stancer.async().customers().retrieve(Fixtures.STANCER_ID);
    Thread.sleep(500);

    assertThat(future).isNotDone();
    // The JVM's one deadlines watcher parks in payspec's code by design; no other thread may wait there.
    assertThat(Thread.getAllStackTraces().entrySet()).noneMatch(thread -> !thread.getKey().getName().equals("payspec-deadlines")
        && List.of(thread.getValue()).stream().anyMatch(frame -> frame.getClassName().startsWith("dev.payspec.internal")));
    assertThat(future.get(10, TimeUnit.SECONDS).getId()).isEqualTo(Fixtures.STANCER_ID);
    server.verify(2, anyRequestedFor(anyUrl()));
  }

  @Test
  void cancellingAnAsyncCallCancelsTheRetriesToCome() throws Exception {
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));

    CompletableFuture<Customer> future = stancer.async().customers().retrieve(Fixtures.STANCER_ID);
    Thread.sleep(300);
    assertThat(future.cancel(true)).isTrue();
    Thread.sleep(1500);

    assertThat(future).isCancelled();
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRawResponseHasTheStatusHeadersRequestIdBodyAndValueSyncAndAsync() throws Exception {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER).withHeader("X-Request-Id", "req_42")));

    RawResponse<Customer> sync = stancer.withRawResponse().customers().retrieve(Fixtures.STANCER_ID);
    RawResponse<Customer> async = stancer.async().withRawResponse().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS);

    for (RawResponse<Customer> raw : List.of(sync, async)) {
      assertThat(raw.statusCode()).isEqualTo(200);
      assertThat(raw.requestId()).contains("req_42");
      assertThat(raw.header("content-type")).contains("application/json");
      assertThat(raw.body()).isEqualTo(Fixtures.STANCER_CUSTOMER);
      assertThat(raw.value().getId()).isEqualTo(Fixtures.STANCER_ID);
      assertThat(raw.toString()).doesNotContain("David");
    }
    assertThat(stancer.withRawResponse().async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS).requestId())
        .contains("req_42");
  }

  @Test
  void aRawResponseOfAnOperationWithoutBodyHasItsStatus() {
    server.stubFor(delete(PATH).willReturn(aResponse().withStatus(204)));

    RawResponse<Void> raw = stancer.withRawResponse().customers().delete(Fixtures.STANCER_ID);

    assertThat(raw.statusCode()).isEqualTo(204);
    assertThat(raw.value()).isNull();
    assertThat(raw.requestId()).isEmpty();
  }

  @Test
  void theListenerIsToldOfEachRequestRetryResponseAndFailureWithoutSecretsOrPersonalValues() throws Exception {
    server.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
    server.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs("ok").willReturn(okJson(Fixtures.STANCER_CUSTOMER)));

    stancer.customers().retrieve(Fixtures.STANCER_ID);
    List<String> sync = new ArrayList<>(events);
    events.clear();
    server.resetScenarios();
    stancer.async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS);

    List<String> expected = List.of("request getCustomer GET /customers/{customer_id} #1", "retry getCustomer #1 502",
        "request getCustomer GET /customers/{customer_id} #2", "response getCustomer 200");
    assertThat(sync).isEqualTo(expected);
    assertThat(events).isEqualTo(expected);

    events.clear();
    server.resetAll();
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(401)));
    assertThatThrownBy(() -> stancer.customers().retrieve(Fixtures.STANCER_ID)).isInstanceOf(AuthenticationException.class);
    assertThat(events).hasSize(2);
    assertThat(events.get(1)).startsWith("failure getCustomer AuthenticationException 401");
    assertThat(String.join("\n", events)).doesNotContain(Fixtures.STANCER_KEY)
        .doesNotContain("david");
  }
}
