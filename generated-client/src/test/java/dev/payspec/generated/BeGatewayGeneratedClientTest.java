package dev.payspec.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.specs.BundledSpec;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.payspec.begateway.generated.ApiClient;
import dev.payspec.begateway.generated.api.CustomersApi;
import dev.payspec.begateway.generated.model.BeGatewayError;
import dev.payspec.begateway.generated.model.Customer;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every beGateway operation through the generated client, against a real HTTP server. */
class BeGatewayGeneratedClientTest {

  private static final String SHOP_ID = "361";
  private static final String SECRET = "b8647b68898b084b836474ed8d61ffe117c9a01168d867f24953b776ddcb134d";
  private static final String ID = "cst_7aee5afb954c7ef7";
  private static final BundledSpec SPEC = BundledSpec.load("begateway");

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private CustomersApi customers;

  @BeforeEach
  void buildClient() {
    customers = new ApiClient()
        .setBasePath(server.baseUrl())
        .setCredentials(SHOP_ID, SECRET)
        .buildClient(CustomersApi.class);
  }

  @Test
  void createPostsTheDocsRequestAndDecodesTheDocsCustomer() {
    server.stubFor(post("/customers").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(SPEC.json("/components/examples/CustomerFromDocs/value"))));

    Customer created = customers.createCustomer(new CustomerCreateRequest()
        .firstName("John").lastName("Doe").address("1st Street").country("US").city("Denver")
        .zip("92006").state("CO").phone("+1-555-555-5555").email("customer@example.com").ip("127.0.0.1"));

    server.verify(1, authenticated(postRequestedFor(urlEqualTo("/customers")))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson(SPEC.json("/paths/~1customers/post/requestBody/content/application~1json/examples/docs/value"))));
    assertThat(created.getId()).isEqualTo(ID);
    assertThat(created.getFirstName()).isEqualTo("John");
    assertThat(created.getCountry()).isEqualTo("US");
    assertThat(created.getZip()).isEqualTo("92006");
    assertThat(created.getIp()).isEqualTo("127.0.0.1");
  }

  @Test
  void createWithOnlyTheRequiredFieldsSendsNoOtherField() {
    server.stubFor(post("/customers").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(SPEC.json("/components/examples/CustomerFromDocs/value"))));

    customers.createCustomer(new CustomerCreateRequest().email("customer@example.com").ip("2001:db8::1"));

    server.verify(postRequestedFor(urlEqualTo("/customers"))
        .withRequestBody(equalToJson("{\"email\":\"customer@example.com\",\"ip\":\"2001:db8::1\"}")));
  }

  @Test
  void getDecodesTheDocsCustomer() {
    server.stubFor(get("/customers/" + ID)
        .willReturn(okJson(SPEC.json("/components/examples/CustomerFromDocs/value"))));

    Customer customer = customers.getCustomer(ID);

    server.verify(1, authenticated(getRequestedFor(urlEqualTo("/customers/" + ID))));
    assertThat(customer.getEmail()).isEqualTo("customer@example.com");
    assertThat(customer.getState()).isEqualTo("CO");
  }

  @Test
  void listDecodesTheDocsArray() {
    server.stubFor(get("/customers").willReturn(okJson(SPEC.json("/paths/~1customers/get/responses/200/content/application~1json/examples/docs/value"))));

    List<Customer> all = customers.listCustomers();

    server.verify(1, authenticated(getRequestedFor(urlEqualTo("/customers"))));
    assertThat(all).extracting(Customer::getId).containsExactly("cst_5ca4fab9dfc7fcbf", "cst_9f65045c1f4c3676");
    assertThat(all.get(1).getFirstName()).isEqualTo("Mark");
    assertThat(all.get(1).getIp()).isEqualTo("10.10.0.4");
  }

  @Test
  void nestedFieldErrorsDecode() throws Exception {
    BeGatewayError error = new ApiClient().getObjectMapper().readValue(SPEC.json("/paths/~1customers/post/responses/422/content/application~1json/examples/docs/value"), BeGatewayError.class);

    assertThat(error.getMessage()).isEqualTo("Ip address is invalid. Ip can't be blank");
    // Without a type mapping: the spec states an entry so that generators read it as any JSON value.
    assertThat(error.getErrors().get("ip")).isEqualTo(java.util.List.of("address is invalid", "can't be blank"));
  }

  private static RequestPatternBuilder authenticated(RequestPatternBuilder request) {
    String basic = Base64.getEncoder().encodeToString((SHOP_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    return request.withHeader("Authorization", equalTo("Basic " + basic))
        .withHeader("Accept", equalTo("application/json"));
  }
}
