package dev.payspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.payspec.ConnectionException.Phase;
import dev.payspec.FaultServer.Behaviour;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;

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

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyOperationAtEveryFault() {
    return java.util.stream.Stream.of(
            new Object[] {Behaviour.STALLED_HEADERS, Phase.WAITING_FOR_THE_ANSWER},
            new Object[] {Behaviour.STALLED_BODY, Phase.READING_THE_BODY},
            new Object[] {Behaviour.DRIPPED_BODY, Phase.READING_THE_BODY},
            new Object[] {Behaviour.CLOSED_BEFORE_ANSWER, Phase.WAITING_FOR_THE_ANSWER},
            new Object[] {Behaviour.RESET_BEFORE_ANSWER, Phase.WAITING_FOR_THE_ANSWER})
        .flatMap(fault -> SpecClients.everyOperation().stream()
            .map(operation -> org.junit.jupiter.params.provider.Arguments.of(fault[0], fault[1], operation)));
  }

  /** Every operation of every API read from the bundles, through its client's service method. */
  @ParameterizedTest(name = "{0}: {2}")
  @org.junit.jupiter.params.provider.MethodSource("everyOperationAtEveryFault")
  void aFailureNamesTheHostThePortAndThePhaseButNeverThePath(Behaviour behaviour, Phase phase,
      dev.payspec.spec.ApiSpec.Operation operation) throws Exception {
    server.reset(behaviour);
    server.okBody = SpecClients.successBody(operation);
    try (AutoCloseable client = SpecClients.client(operation.spec().api(),
        new SpecClients.Settings(server.baseUrl(), Duration.ofMillis(300), Duration.ofMillis(300), 0))) {
      SpecClients.Call call = SpecClients.call(client, operation, false);

      ConnectionException e = catchThrowableOfType(ConnectionException.class, call::run);

      assertThat(e).as("a connection failure").isNotNull();
      assertThat(e.getPhase()).isEqualTo(phase);
      String hostAndPort = server.baseUrl().replaceFirst("^http://", "");
      assertThat(e.getMessage()).contains(hostAndPort).contains(phase.words());
      String path = SpecClients.examplePath(operation);
      assertThat(e.getPath()).isEqualTo(path);
      // The path's segments after the base (ids) never reach the message.
      for (String segment : path.split("/")) {
        if (segment.length() > 12) {
          assertThat(e.getMessage()).doesNotContain(segment);
        }
      }
    }
  }
}
