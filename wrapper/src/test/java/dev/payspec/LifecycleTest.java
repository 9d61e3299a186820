package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.begateway.BeGatewayClient;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients are closed with their threads; clients that share one JDK client start none of their own. */
class LifecycleTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** payspec's threads alive now that were not alive before. */
  private static java.util.Set<Thread> ownThreads(java.util.Set<Thread> before) {
    java.util.Set<Thread> now = httpThreads();
    now.removeIf(t -> before.contains(t) || !t.getName().startsWith("payspec-"));
    return now;
  }

  /** The HTTP threads alive now: payspec's own and the JDK clients' selector threads. */
  private static java.util.Set<Thread> httpThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("payspec-")
            || t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void closingClientsEndsTheirThreadsAndRefusesLaterCalls() throws Exception {
    server.stubFor(get("/customers").willReturn(okJson("[]")));
    java.util.Set<Thread> before = httpThreads();
    List<BeGatewayClient> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      BeGatewayClient client = Fixtures.beGateway(server).build();
      client.customers().list();
      clients.add(client);
    }
    assertThat(httpThreads()).as("the clients started threads").isNotEqualTo(before);

    clients.forEach(BeGatewayClient::close);

    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!ownThreads(before).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ownThreads(before)).as("payspec threads started by these clients, after close").isEmpty();
    assertThatThrownBy(() -> clients.get(0).customers().list()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void clientsSharingOneJdkClientStartNoThreadsOfTheirOwnAndOutliveEachOther() {
    server.stubFor(get("/customers").willReturn(okJson("[]")));
    HttpClient shared = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    shared.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/customers")).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding()).join();
    java.util.Set<Thread> before = httpThreads();

    List<BeGatewayClient> merchants = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      merchants.add(Fixtures.beGateway(server).shopId(String.valueOf(1000 + i)).httpClient(shared).build());
    }
    merchants.forEach(client -> client.customers().list());

    // Threads of other tests' clients may end meanwhile; none of the clients' own may start (the
    // deadlines' timer is one thread per JVM, shared by every client, started again after it idled).
    java.util.Set<Thread> now = httpThreads();
    now.removeIf(t -> t.getName().equals("payspec-deadlines"));
    assertThat(now).isSubsetOf(before);
    merchants.get(0).close();
    assertThat(merchants.get(1).customers().list()).isEmpty();
  }

  @Test
  void aSharedClientThatFollowsRedirectsIsRefused() {
    assertThatThrownBy(() -> BeGatewayClient.builder().httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redirects");
  }
}
