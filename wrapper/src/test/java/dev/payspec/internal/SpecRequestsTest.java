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

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.UnreadableAnswerException;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wrapper sends what the spec describes, read by the runtime from the spec alone: the path with
 * each parameter encoded as one segment, query parameters by their style and explode, header
 * parameters, the body's media type, the credentials and the JSON body; and it refuses, before
 * sending anything, what it does not implement.
 */
class SpecRequestsTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "stest_A1b2C3d4E5f6G7h8I9j0K1l2";
  private static final String CUSTOMER = "{\"id\":\"cust_9Cle7TXKkjhwqcWx4Kl5cQYk\",\"name\":\"David Coaster\","
      + "\"email\":\"david@coaster.net\",\"live_mode\":false,\"created\":1538562174}";

  private static ApiRuntime runtime(String api, String baseUrl) {
    return new ApiRuntime(api, new Transport(new HttpSettings(api, URI.create(baseUrl), Duration.ofSeconds(2),
        Duration.ofSeconds(2), 0, null, KEY, "", null, false), body -> ErrorBody.EMPTY), null);
  }

  private final ApiRuntime stancer = runtime("stancer", server.baseUrl() + "/v1");

  private static Arguments customer(String id) {
    return Arguments.none().with("customer_id", id);
  }

  @Test
  void aPathParameterIsPercentEncodedAsOneSegment() {
    server.stubFor(get(anyUrl()).willReturn(okJson("{}")));

    runtime("filtered-test", server.baseUrl() + "/v1").operation("getById", JsonNode.class)
        .call(Arguments.none().with("id", "a b/c?d%é"));

    server.verify(getRequestedFor(urlEqualTo("/v1/customers/a%20b%2Fc%3Fd%25%C3%A9")));
  }

  @Test
  void aGetSendsTheSpecsAcceptHeaderTheCredentialsAndTheUserAgentButNoBody() {
    server.stubFor(get(anyUrl()).willReturn(okJson(CUSTOMER)));

    Customer customer = stancer.<Customer>operation("getCustomer", Customer.class).call(customer("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"));

    assertThat(customer.getName()).isEqualTo("David Coaster");
    String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    server.verify(getRequestedFor(urlEqualTo("/v1/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("Authorization", equalTo(basic))
        .withHeader("User-Agent", matching("payspec-java/\\S+ \\(stancer; Java .*"))
        .withHeader("Content-Type", absent()));
  }

  @Test
  void aCreateSendsOnlyTheSetFieldsAsJsonWithTheSpecsMediaType() {
    server.stubFor(post(anyUrl()).willReturn(okJson(CUSTOMER)));

    stancer.<Customer>operation("createCustomer", Customer.class)
        .call(Arguments.none().body(new CustomerCreateRequest().name("David Coaster").email("david@coaster.net")));

    server.verify(postRequestedFor(urlEqualTo("/v1/customers/"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"name\":\"David Coaster\",\"email\":\"david@coaster.net\"}")));
  }

  @Test
  void anOperationAnsweringNothingIgnoresTheAnswersBody() {
    server.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(204)));

    assertThat(stancer.<Void>operation("deleteCustomer", void.class).call(customer("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))).isNull();

    server.verify(deleteRequestedFor(urlEqualTo("/v1/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk")));
  }

  @Test
  void aSuccessWithoutABodyIsAnUnreadableAnswerNamingTheCall() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)));

    assertThatThrownBy(() -> stancer.<Customer>operation("getCustomer", Customer.class).call(customer("cust_9Cle7TXKkjhwqcWx4Kl5cQYk")))
        .isInstanceOf(UnreadableAnswerException.class)
        .hasMessageContaining("GET /v1/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk answered 200")
        .hasMessageContaining("the body empty");
  }

  @Test
  void aBaseUrlEndingWithASlashIsNotDoubled() {
    server.stubFor(get(anyUrl()).willReturn(okJson(CUSTOMER)));

    runtime("stancer", server.baseUrl() + "/v1/").<Customer>operation("getCustomer", Customer.class)
        .call(customer("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"));

    server.verify(getRequestedFor(urlEqualTo("/v1/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk")));
  }

  @Test
  void queryParametersAreSentByTheirStyleAndExplodePercentEncodedAndLeftOutWhenNull() {
    server.stubFor(get(anyUrl()).willReturn(okJson("{}")));
    Operation<JsonNode> filtered = runtime("filtered-test", server.baseUrl() + "/v1").operation("listFiltered", JsonNode.class);

    filtered.call(Arguments.none().with("start", 0).with("email", "a b&c=d+é/?").with("tag", List.of("x", "y"))
        .with("ids", List.of("1", "2")).with("X-Version", "v 1"));
    filtered.call(Arguments.none().with("start", 10));

    server.verify(getRequestedFor(urlEqualTo(
        "/v1/customers?start=0&email=a%20b%26c%3Dd%2B%C3%A9%2F%3F&tag=x&tag=y&ids=1%2C2"))
        .withHeader("X-Version", equalTo("v 1")));
    server.verify(getRequestedFor(urlEqualTo("/v1/customers?start=10")).withHeader("X-Version", absent()));
  }

  @Test
  void aHeaderValueWithALineBreakIsRefusedBeforeSending() {
    Operation<JsonNode> filtered = runtime("filtered-test", server.baseUrl()).operation("listFiltered", JsonNode.class);

    assertThatThrownBy(() -> filtered.call(Arguments.none().with("X-Version", "v1\r\nX-Injected: 1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Version");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anOperationTheTransportCannotSendFailsAloneAndTheOthersWork() {
    server.stubFor(get(anyUrl()).willReturn(okJson("{}")));
    ApiRuntime runtime = runtime("filtered-test", server.baseUrl());

    assertThatThrownBy(() -> runtime.operation("listByCookie", JsonNode.class).call(Arguments.none()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cookie parameter session");
    runtime.operation("listFiltered", JsonNode.class).call(Arguments.none().with("start", 1));

    server.verify(1, anyRequestedFor(anyUrl()));
    server.verify(getRequestedFor(urlEqualTo("/customers?start=1")));
  }
}
