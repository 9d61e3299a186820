package dev.payspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every builder argument is checked when given, with a message that says what is wrong and how to fix it. */
class ClientBuilderTest {

  @Test
  void stancerSecretKeysAreAcceptedAndSetTheMode() {
    assertThat(StancerClient.builder().apiKey(Fixtures.STANCER_KEY).build().isLiveMode()).isFalse();
    assertThat(StancerClient.builder().apiKey(Fixtures.STANCER_LIVE_KEY).build().isLiveMode()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ptest_A1b2C3d4E5f6G7h8I9j0K1l2", "pprod_A1b2C3d4E5f6G7h8I9j0K1l2"})
  void stancerPublicKeyIsRefusedWithAMessageThatASecretKeyIsNeeded(String publicKey) {
    assertThatThrownBy(() -> StancerClient.builder().apiKey(publicKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public key")
        .hasMessageContaining("secret key")
        .hasMessageNotContaining(publicKey);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "stest_", "stest_short", "stest_A1b2C3d4E5f6G7h8I9j0K1l2X", "xtest_A1b2C3d4E5f6G7h8I9j0K1l2", "stest_A1b2C3d4E5f6G7h8I9j0K1-2"})
  void malformedStancerKeyIsRefusedWithoutEchoingIt(String key) {
    assertThatThrownBy(() -> StancerClient.builder().apiKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Stancer key");
    if (key.length() > "stest_".length()) {
      assertThatThrownBy(() -> StancerClient.builder().apiKey(key)).hasMessageNotContaining(key);
    }
  }

  @Test
  void stancerBuildWithoutKeyExplainsWhatToCall() {
    assertThatThrownBy(() -> StancerClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apiKey(");
  }

  @Test
  void beGatewayBlankOrMissingCredentialsAreRefused() {
    assertThatThrownBy(() -> BeGatewayClient.bePaid(" ", "secret")).hasMessageContaining("shopId is blank");
    assertThatThrownBy(() -> BeGatewayClient.ecomCharge("361", "")).hasMessageContaining("secretKey is blank");
    assertThatThrownBy(() -> BeGatewayClient.bePaid(null, "secret")).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("shopId is null");
    assertThatThrownBy(() -> BeGatewayClient.builder().shopId("361").secretKey("s").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("baseUrl is not set");
    assertThatThrownBy(() -> BeGatewayClient.builder().baseUrl("https://api.bepaid.by").shopId("361").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("secretKey is not set");
  }

  @Test
  void brandsHaveTheirOwnHosts() {
    assertThat(BeGatewayClient.bePaid("361", "secret")).hasToString("BeGatewayClient[shop 361, https://api.bepaid.by]");
    assertThat(BeGatewayClient.ecomCharge("361", "secret")).hasToString("BeGatewayClient[shop 361, https://api.ecomcharge.com]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.stancer.com/v1", "ftp://api.stancer.com", "api.stancer.com", "http://10.0.0.1:8080",
      "http://127.attacker.example/v1", "http://127.0.0.1.nip.example", "http://localhost.example"})
  void plainHttpIsRefusedUnlessTheHostIsLoopback(String url) {
    assertThatThrownBy(() -> StancerClient.builder().baseUrl(url)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:4010/v1", "http://[::1]:4010", "https://api.example.com/v1/"})
  void httpsAndLoopbackUrlsAreAccepted(String url) {
    assertThat(StancerClient.builder().apiKey(Fixtures.STANCER_KEY).baseUrl(url).build()).isNotNull();
  }

  @Test
  void timeoutsAndRetriesAreBounded() {
    assertThatThrownBy(() -> StancerClient.builder().connectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout must be positive");
    assertThatThrownBy(() -> StancerClient.builder().readTimeout(Duration.ofSeconds(-1))).hasMessageContaining("readTimeout must be positive");
    assertThatThrownBy(() -> StancerClient.builder().maxRetries(-1)).hasMessageContaining("maxRetries must be between 0 and 10");
    assertThatThrownBy(() -> StancerClient.builder().maxRetries(11)).hasMessageContaining("maxRetries must be between 0 and 10");
    assertThatThrownBy(() -> StancerClient.builder().userAgentSuffix("bad\nline")).hasMessageContaining("userAgentSuffix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://user:s3cr3t-pa55@api.stancer.com/v1", "https://s3cr3t-pa55@api.stancer.com",
      "http://user:s3cr3t-pa55@localhost:8080", "user:s3cr3t-pa55@api.stancer.com"})
  void aBaseUrlWithUserInfoIsRefusedWithoutEchoingThePassword(String url) {
    assertThatThrownBy(() -> StancerClient.builder().baseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user name or password")
        .hasMessageNotContaining("s3cr3t-pa55");
  }

  @Test
  void oversizedOrTooSmallTimeoutsAreRefusedSayingTheRange() {
    assertThatThrownBy(() -> StancerClient.builder().readTimeout(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout must be between 1 ms and 10 minutes");
    assertThatThrownBy(() -> StancerClient.builder().connectTimeout(Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout must be between 1 ms and 10 minutes");
    assertThatThrownBy(() -> StancerClient.builder().readTimeout(Duration.ofNanos(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 ms and 10 minutes");
    assertThat(StancerClient.builder().apiKey(Fixtures.STANCER_KEY).connectTimeout(ClientBuilder.MAX_TIMEOUT)
        .readTimeout(ClientBuilder.MAX_TIMEOUT).build()).isNotNull();
  }

  @Test
  void toStringNeverShowsASecret() {
    assertThat(StancerClient.builder().apiKey(Fixtures.STANCER_KEY).toString()).doesNotContain(Fixtures.STANCER_KEY);
    assertThat(StancerClient.builder().apiKey(Fixtures.STANCER_KEY).build().toString()).doesNotContain(Fixtures.STANCER_KEY);
    assertThat(BeGatewayClient.bePaid("361", Fixtures.SHOP_SECRET).toString()).doesNotContain(Fixtures.SHOP_SECRET);
    assertThat(BeGatewayClient.builder().secretKey(Fixtures.SHOP_SECRET).toString()).doesNotContain(Fixtures.SHOP_SECRET);
  }
}
