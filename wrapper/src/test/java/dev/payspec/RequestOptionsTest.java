package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.StancerServices;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Options for some calls ({@code client.withOptions(...)}), against a real local server. */
class RequestOptionsTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String PATH = "/v1/customers/" + Fixtures.STANCER_ID;

  private final StancerClient stancer = Fixtures.stancer(server).build();

  @Test
  void extraHeadersOfAViewAreSentWithTheClientsCredentials() {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER)));

    stancer.withOptions(RequestOptions.builder().header("Prefer", "code=200").header("X-Trace", "t-1").build())
        .customers().retrieve(Fixtures.STANCER_ID);
    stancer.customers().retrieve(Fixtures.STANCER_ID);

    server.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("Prefer", equalTo("code=200"))
        .withHeader("X-Trace", equalTo("t-1")).withHeader("Authorization", equalTo(stancerBasic())));
    server.verify(1, getRequestedFor(urlEqualTo(PATH)).withoutHeader("Prefer"));
  }

  @Test
  void aViewsMaxRetriesReplacesTheClientsForItsCallsOnly() {
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> stancer.withOptions(RequestOptions.builder().maxRetries(0).build()).customers()
        .retrieve(Fixtures.STANCER_ID)).isInstanceOf(ServerException.class);
    server.verify(1, anyRequestedFor(anyUrl()));

    server.resetRequests();
    assertThatThrownBy(() -> stancer.customers().retrieve(Fixtures.STANCER_ID)).isInstanceOf(ServerException.class);
    server.verify(1 + ClientBuilder.DEFAULT_MAX_RETRIES, anyRequestedFor(anyUrl()));
  }

  @Test
  void aViewsTimeoutEndsItsCallsSoonerThanTheClientsWould() {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER).withFixedDelay(1000)));
    StancerServices hurried = stancer.withOptions(RequestOptions.builder().timeout(Duration.ofMillis(200)).maxRetries(0).build());

    long start = System.nanoTime();
    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> hurried.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e).isNotNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    // The client's own read timeout (2 s) lets the same call through.
    assertThat(stancer.customers().retrieve(Fixtures.STANCER_ID).getId()).isEqualTo(Fixtures.STANCER_ID);
  }

  @Test
  void viewsMergeTheirOptionsAndRefuseNothingElseTheClientChecks() {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER)));
    StancerServices view = stancer.withOptions(RequestOptions.builder().header("A", "1").build())
        .withOptions(RequestOptions.builder().header("B", "2").build());

    view.customers().retrieve(Fixtures.STANCER_ID);
    server.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("A", equalTo("1")).withHeader("B", equalTo("2")));

    assertThatThrownBy(() -> view.customers().retrieve("not an id")).isInstanceOf(ValidationException.class);
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void aViewSharesTheClientsConnectionsSoClosingTheClientEndsIt() {
    StancerServices view = stancer.withOptions(RequestOptions.builder().header("A", "1").build());
    stancer.close();

    assertThatThrownBy(() -> view.customers().retrieve(Fixtures.STANCER_ID)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void headersThatWouldOverrideCredentialsAreRefusedWithTheReason() {
    for (String name : new String[] {"Authorization", "authorization", "Proxy-Authorization", "Cookie", "User-Agent", "Host"}) {
      assertThatThrownBy(() -> RequestOptions.builder().header(name, "Basic x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name).hasMessageContaining("credentials");
    }
    assertThatThrownBy(() -> RequestOptions.builder().header("X-A", "a\r\nAuthorization: b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> RequestOptions.builder().maxRetries(11)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRetries");
    assertThat(RequestOptions.builder().header("Idempotency-Key", "secret-ish").build().toString()).doesNotContain("secret-ish");
  }

  private static String stancerBasic() {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((Fixtures.STANCER_KEY + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
