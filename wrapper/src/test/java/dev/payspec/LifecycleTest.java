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

  private static long payspecThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("payspec-")).count();
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")).count();
  }

  @Test
  void closingClientsEndsTheirThreadsAndRefusesLaterCalls() throws Exception {
    server.stubFor(get("/customers").willReturn(okJson("[]")));
    long before = payspecThreads();
    List<BeGatewayClient> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      BeGatewayClient client = Fixtures.beGateway(server).build();
      client.customers().list();
      clients.add(client);
    }
    assertThat(payspecThreads()).isGreaterThan(before);

    clients.forEach(BeGatewayClient::close);

    long deadline = System.nanoTime() + 5_000_000_000L;
    while (payspecThreads() > before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(payspecThreads()).isEqualTo(before);
    assertThatThrownBy(() -> clients.get(0).customers().list()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void clientsSharingOneJdkClientStartNoThreadsOfTheirOwnAndOutliveEachOther() {
    server.stubFor(get("/customers").willReturn(okJson("[]")));
    HttpClient shared = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    long payspecBefore = payspecThreads();
    long selectorsBefore = selectorThreads();

    List<BeGatewayClient> merchants = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      merchants.add(Fixtures.beGateway(server).shopId(String.valueOf(1000 + i)).httpClient(shared).build());
    }
    merchants.forEach(client -> client.customers().list());

    assertThat(payspecThreads()).isEqualTo(payspecBefore);
    assertThat(selectorThreads()).isEqualTo(selectorsBefore);
    merchants.get(0).close();
    assertThat(merchants.get(1).customers().list()).isEmpty();
  }

  @Test
  void aSharedClientThatFollowsRedirectsIsRefused() {
    assertThatThrownBy(() -> BeGatewayClient.builder().httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redirects");
  }
}
