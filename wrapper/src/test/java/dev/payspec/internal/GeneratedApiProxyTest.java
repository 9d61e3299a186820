package dev.payspec.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.ServerException;
import dev.payspec.stancer.generated.api.CustomersApi;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import feign.Param;
import feign.RequestLine;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wrapper's transport sends what the generated interfaces' annotations describe: the path with
 * each variable encoded as one segment, the interface's headers, the credentials and the JSON body;
 * and it refuses, before sending anything, what it does not implement.
 */
class GeneratedApiProxyTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "stest_A1b2C3d4E5f6G7h8I9j0K1l2";
  private static final String CUSTOMER = "{\"id\":\"cust_9Cle7TXKkjhwqcWx4Kl5cQYk\",\"name\":\"David Coaster\","
      + "\"email\":\"david@coaster.net\",\"live_mode\":false,\"created\":1538562174}";

  private static Transport transport(String baseUrl) {
    return new Transport(new HttpSettings("stancer", URI.create(baseUrl), Duration.ofSeconds(2), Duration.ofSeconds(2),
        0, null, KEY, "", null, false), body -> ErrorBody.EMPTY);
  }

  private final CustomersApi api = transport(server.baseUrl() + "/v1").target(CustomersApi.class);

  @Test
  void aPathVariableIsPercentEncodedAsOneSegment() {
    server.stubFor(get(anyUrl()).willReturn(okJson(CUSTOMER)));

    api.getCustomer("a b/c?d%é");

    server.verify(getRequestedFor(urlEqualTo("/v1/customers/a%20b%2Fc%3Fd%25%C3%A9")));
  }

  @Test
  void aGetSendsTheInterfacesAcceptHeaderTheCredentialsAndTheUserAgentButNoBody() {
    server.stubFor(get(anyUrl()).willReturn(okJson(CUSTOMER)));

    Customer customer = api.getCustomer("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");

    assertThat(customer.getName()).isEqualTo("David Coaster");
    String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    server.verify(getRequestedFor(urlEqualTo("/v1/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("Authorization", equalTo(basic))
        .withHeader("User-Agent", matching("payspec-java/\\S+ \\(stancer; Java .*"))
        .withHeader("Content-Type", absent()));
  }

  @Test
  void aCreateSendsOnlyTheSetFieldsAsJsonWithTheInterfacesContentType() {
    server.stubFor(post(anyUrl()).willReturn(okJson(CUSTOMER)));

    api.createCustomer(new CustomerCreateRequest().name("David Coaster").email("david@coaster.net"));

    server.verify(postRequestedFor(urlEqualTo("/v1/customers/"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"name\":\"David Coaster\",\"email\":\"david@coaster.net\"}")));
  }

  @Test
  void aMethodReturningNothingIgnoresTheAnswersBody() {
    server.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(204)));

    api.deleteCustomer("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");

    server.verify(deleteRequestedFor(urlEqualTo("/v1/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk")));
  }

  @Test
  void aSuccessWithoutABodyIsAServerExceptionNamingTheCall() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)));

    assertThatThrownBy(() -> api.getCustomer("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
        .isInstanceOf(ServerException.class)
        .hasMessageContaining("GET /v1/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk answered 200")
        .hasMessageContaining("the body empty");
  }

  @Test
  void aBaseUrlEndingWithASlashIsNotDoubled() {
    server.stubFor(get(anyUrl()).willReturn(okJson(CUSTOMER)));

    transport(server.baseUrl() + "/v1/").target(CustomersApi.class).getCustomer("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");

    server.verify(getRequestedFor(urlEqualTo("/v1/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk")));
  }

  @Test
  void theWithHttpInfoVariantsAreRefusedWithoutSending() {
    assertThatThrownBy(() -> api.getCustomerWithHttpInfo("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("CustomersApi.getCustomerWithHttpInfo");
    assertThat(api.toString()).isEqualTo("payspec CustomersApi");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void queryParametersAreSentPercentEncodedAndLeftOutWhenNull() {
    server.stubFor(get(anyUrl()).willReturn(okJson(CUSTOMER)));
    FilteredApi filtered = transport(server.baseUrl() + "/v1").target(FilteredApi.class);

    filtered.list(0, "a b&c=d+é/?", java.util.List.of("x", "y"), null, "v 1");
    filtered.list(10, null, null, null, null);

    server.verify(getRequestedFor(urlEqualTo(
        "/v1/customers?start=0&email=a%20b%26c%3Dd%2B%C3%A9%2F%3F&tag=x&tag=y"))
        .withHeader("X-Version", equalTo("v 1")));
    server.verify(getRequestedFor(urlEqualTo("/v1/customers?start=10")).withHeader("X-Version", absent()));
  }

  @Test
  void aHeaderValueWithALineBreakIsRefusedBeforeSending() {
    FilteredApi filtered = transport(server.baseUrl()).target(FilteredApi.class);

    assertThatThrownBy(() -> filtered.list(0, null, null, null, "v1\r\nX-Injected: 1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Version");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aMethodTheTransportCannotSendFailsAloneAndTheOthersWork() {
    server.stubFor(get(anyUrl()).willReturn(okJson(CUSTOMER)));
    FilteredApi filtered = transport(server.baseUrl()).target(FilteredApi.class);

    assertThatThrownBy(() -> filtered.listByMap(java.util.Map.of("start", 1)))
        .isInstanceOf(UnsupportedOperationException.class);
    filtered.list(1, null, null, null, null);

    server.verify(getRequestedFor(urlEqualTo("/customers?start=1")));
  }

  /** What a spec with query and header parameters generates (the feign generator's shapes). */
  interface FilteredApi {
    @RequestLine("GET /customers?start={start}&email={email}&tag={tag}&ignored={ignored}")
    @feign.Headers({"Accept: application/json", "X-Version: {version}"})
    Customer list(@Param("start") Integer start, @Param("email") String email, @Param("tag") java.util.List<String> tag,
        @Param("ignored") String ignored, @Param("version") String version);

    @RequestLine("GET /customers")
    Customer listByMap(@feign.QueryMap java.util.Map<String, Object> query);
  }
}
