package dev.payspec.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.specs.BundledSpec;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.payspec.stancer.generated.ApiClient;
import dev.payspec.stancer.generated.api.CustomersApi;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import dev.payspec.stancer.generated.model.StancerError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every Stancer operation through the generated client, against a real HTTP server. */
class StancerGeneratedClientTest {

  private static final String KEY = "stest_abcdefghijklmnopqrstuvwx";
  private static final String ID = "cust_9Cle7TXKkjhwqcWx4Kl5cQYk";
  private static final BundledSpec SPEC = BundledSpec.load("stancer");
  private static final String DOCS_CUSTOMER = SPEC.json("/components/examples/CustomerFromDocs/value");

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private CustomersApi customers;

  @BeforeEach
  void buildClient() {
    customers = new ApiClient()
        .setBasePath(server.baseUrl() + "/v1")
        .setCredentials(KEY, "")
        .buildClient(CustomersApi.class);
  }

  @Test
  void createPostsOnlyTheSetFieldsAndDecodesTheDocsCustomer() {
    server.stubFor(post("/v1/customers/").willReturn(okJson(DOCS_CUSTOMER)));

    Customer created = customers.createCustomer(new CustomerCreateRequest()
        .name("David Coaster").email("david@coaster.net").mobile("+33684858687"));

    server.verify(1, authenticated(postRequestedFor(urlEqualTo("/v1/customers/")))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson(
            SPEC.json("/paths/~1customers~1/post/requestBody/content/application~1json/examples/docs/value"))));
    assertThat(created.getId()).isEqualTo(ID);
    assertThat(created.getEmail()).isEqualTo("david@example.net");
    assertThat(created.getMobile()).isEqualTo("+33639980102");
    assertThat(created.getName()).isEqualTo("David Coaster");
    assertThat(created.getCreated()).isEqualTo(1538562174L);
    assertThat(created.getLiveMode()).isFalse();
  }

  @Test
  void createAcceptsAnyTwoHundredStatus() {
    server.stubFor(post("/v1/customers/").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(DOCS_CUSTOMER)));

    assertThat(customers.createCustomer(new CustomerCreateRequest().email("david@example.net")).getId()).isEqualTo(ID);
    server.verify(postRequestedFor(urlEqualTo("/v1/customers/")).withRequestBody(equalToJson("{\"email\":\"david@example.net\"}")));
  }

  @Test
  void getDecodesTheDocsCustomer() {
    server.stubFor(get("/v1/customers/" + ID).willReturn(okJson(DOCS_CUSTOMER)));

    Customer customer = customers.getCustomer(ID);

    server.verify(1, authenticated(getRequestedFor(urlEqualTo("/v1/customers/" + ID))));
    assertThat(customer.getId()).isEqualTo(ID);
    assertThat(customer.getEmail()).isEqualTo("david@example.net");
    assertThat(customer.getCreated()).isEqualTo(1538562174L);
  }

  @Test
  void updateAcceptsATwoHundredWithTheCustomer() {
    server.stubFor(patch(urlEqualTo("/v1/customers/" + ID)).willReturn(okJson(
        SPEC.json("/paths/~1customers~1{customer_id}/patch/responses/200/content/application~1json/examples/updated/value"))));

    assertThat(customers.updateCustomer(ID, new CustomerUpdateRequest().email("david@coaster.com")).getEmail())
        .isEqualTo("david@coaster.com");
  }

  @Test
  void updateSendsPatchWithExactlyTheChangedField() {
    server.stubFor(patch(urlEqualTo("/v1/customers/" + ID)).willReturn(aResponse().withStatus(204)));

    customers.updateCustomer(ID, new CustomerUpdateRequest().email("david@coaster.com"));

    server.verify(1, authenticated(patchRequestedFor(urlEqualTo("/v1/customers/" + ID)))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"email\":\"david@coaster.com\"}")));
  }

  @Test
  void deleteSendsDelete() {
    server.stubFor(delete(urlEqualTo("/v1/customers/" + ID)).willReturn(aResponse().withStatus(204)));

    customers.deleteCustomer(ID);

    server.verify(1, authenticated(deleteRequestedFor(urlEqualTo("/v1/customers/" + ID))));
  }

  @Test
  void unknownPropertiesInAResponseAreIgnored() {
    String withExtras = DOCS_CUSTOMER.replace("{", "{\"loyalty_tier\":\"gold\",\"tags\":[1,2],");
    server.stubFor(get("/v1/customers/" + ID).willReturn(okJson(withExtras)));

    assertThat(customers.getCustomer(ID).getName()).isEqualTo("David Coaster");
  }

  @Test
  void errorEnvelopeDecodesWithAStringOrAnObjectMessage() throws Exception {
    var mapper = new ApiClient().getObjectMapper();
    StancerError notFound = mapper.readValue(
        SPEC.json("/components/responses/NotFound/content/application~1json/examples/observed/value"), StancerError.class);
    StancerError conflict = mapper.readValue(SPEC.json("/paths/~1customers~1/post/responses/409/content/application~1json/examples/observed/value"), StancerError.class);

    assertThat(notFound.getError().getType()).isEqualTo("invalid_request_error");
    assertThat(notFound.getError().getMessage().asText()).isEqualTo("No such customer " + ID);
    assertThat(conflict.getError().getMessage().path("id").asText()).isEqualTo(ID);
  }

  private static RequestPatternBuilder authenticated(RequestPatternBuilder request) {
    String basic = Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    return request.withHeader("Authorization", equalTo("Basic " + basic))
        .withHeader("Accept", equalTo("application/json"));
  }
}
