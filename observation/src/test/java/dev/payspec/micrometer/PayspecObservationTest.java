package dev.payspec.micrometer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.NotFoundException;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each call of a real client against a real local server, as Micrometer records it. */
class PayspecObservationTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "stest_A1b2C3d4E5f6G7h8I9j0K1l2";
  private static final String CUSTOMER = BundledSpec.load("stancer").json("/components/examples/CustomerFromDocs/value");
  private static final String ID = BundledSpec.load("stancer").root.at("/components/examples/CustomerFromDocs/value/id").asText();
  private static final String PATH = "/v1/customers/" + ID;

  private static StancerClient client(ObservationRegistry registry) {
    return StancerClient.builder().apiKey(KEY).baseUrl(server.baseUrl() + "/v1").listener(new PayspecObservation(registry)).build();
  }

  @Test
  void aSuccessfulCallIsOneStoppedObservationTaggedWithProviderOperationStatusAndOutcome() throws Exception {
    server.stubFor(get(PATH).willReturn(okJson(CUSTOMER)));
    TestObservationRegistry registry = TestObservationRegistry.create();

    client(registry).customers().retrieve(ID);

    assertThat(registry).hasNumberOfObservationsWithNameEqualTo(PayspecObservation.NAME, 1)
        .hasObservationWithNameEqualTo(PayspecObservation.NAME).that()
        .hasContextualNameEqualTo("stancer getCustomer")
        .hasLowCardinalityKeyValue("provider", "stancer").hasLowCardinalityKeyValue("operation", "getCustomer")
        .hasLowCardinalityKeyValue("method", "GET").hasLowCardinalityKeyValue("uri", "/customers/{customer_id}")
        .hasLowCardinalityKeyValue("status", "200").hasLowCardinalityKeyValue("outcome", "SUCCESS")
        .hasBeenStarted().hasBeenStopped().doesNotHaveError();
  }

  @Test
  void aFailedAsyncCallIsRecordedWithItsStatusOutcomeAndError() throws Exception {
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(404)));
    TestObservationRegistry registry = TestObservationRegistry.create();

    assertThatThrownBy(() -> client(registry).async().customers().retrieve(ID).get(10, TimeUnit.SECONDS))
        .cause().isInstanceOf(NotFoundException.class);

    assertThat(registry).hasObservationWithNameEqualTo(PayspecObservation.NAME).that()
        .hasLowCardinalityKeyValue("status", "404").hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
        .hasBeenStopped().assertThatError().isInstanceOf(NotFoundException.class);
  }

  @Test
  void aMeterRegistryGetsATimerPerOutcomeAndACounterOfRetriesWithoutIdsOrSecrets() {
    server.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
    server.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs("ok").willReturn(okJson(CUSTOMER)));
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

    StancerClient stancer = client(registry);
    stancer.customers().retrieve(ID);
    stancer.customers().retrieve(ID);

    Timer timer = meters.get(PayspecObservation.NAME).tag("provider", "stancer").tag("operation", "getCustomer")
        .tag("status", "200").tag("outcome", "SUCCESS").timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(meters.get(PayspecObservation.NAME + ".retry").tag("operation", "getCustomer").counter().count()).isEqualTo(1);
    String everything = meters.getMeters().stream().map(m -> m.getId().toString()).reduce("", String::concat);
    assertThat(everything).doesNotContain(ID).doesNotContain(KEY);
  }
}
