package dev.payspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.payspec.ConnectionException.Phase;
import dev.payspec.FaultServer.Behaviour;
import dev.payspec.stancer.StancerClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A network failure says where it happened, at a real local server that misbehaves: the host and
 * port (never the path, which may hold a customer's id), the phase the exchange had reached, and
 * whether the request may have reached the provider. Refused connections and TLS are shown by
 * {@code FaultsAndRetriesTest} and {@code UserHttpClientTest}.
 */
class NetworkFailuresSayWhereTest {

  private static FaultServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new FaultServer();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"STALLED_HEADERS, WAITING_FOR_THE_ANSWER", "STALLED_BODY, READING_THE_BODY", "DRIPPED_BODY, READING_THE_BODY",
      "CLOSED_BEFORE_ANSWER, WAITING_FOR_THE_ANSWER", "RESET_BEFORE_ANSWER, WAITING_FOR_THE_ANSWER"})
  void aFailureNamesTheHostThePortAndThePhaseButNeverThePath(Behaviour behaviour, Phase phase) {
    server.reset(behaviour);
    server.okBody = Fixtures.STANCER_CUSTOMER;
    StancerClient client = Fixtures.engine(StancerClient.builder()).apiKey(Fixtures.STANCER_KEY).baseUrl(server.baseUrl() + "/v1")
        .connectTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofMillis(300)).maxRetries(0).build();

    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e).as("a connection failure").isNotNull();
    assertThat(e.getPhase()).isEqualTo(phase);
    assertThat(e.isRequestSent()).isTrue();
    String hostAndPort = server.baseUrl().replaceFirst("^http://", "");
    assertThat(e.getMessage()).contains(hostAndPort).contains(phase.words()).doesNotContain(Fixtures.STANCER_ID);
    assertThat(e.getPath()).isEqualTo("/v1/customers/" + Fixtures.STANCER_ID);
    client.close();
  }
}
