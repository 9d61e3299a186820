package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.begateway.generated.model.Customer;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A create whose answer was lost (the request reached the server) is settled without a duplicate:
 * Stancer by sending it again and following its 409 to the existing customer, beGateway by a lookup.
 */
class UnknownOutcomeTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Test
  void aStancerCreateWhoseAnswerWasLostIsSettledByTheConflictNamingTheCustomerItCreated() {
    // The first create reaches Stancer, which creates the customer, but its answer is lost; Stancer
    // answers the same request again with 409 naming that customer, as its API does.
    server.stubFor(post("/v1/customers/").inScenario("lost").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
    server.stubFor(post("/v1/customers/").inScenario("lost").whenScenarioStateIs("created")
        .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":{\"error\":\"Customer already exists, you may want to update it instead creating a new one\","
                + "\"id\":\"" + Fixtures.STANCER_ID + "\"},\"type\":\"invalid_request_error\"}}")));
    server.stubFor(get("/v1/customers/" + Fixtures.STANCER_ID).willReturn(okJson(Fixtures.STANCER_CUSTOMER)));
    StancerClient stancer = Fixtures.stancer(server).build();
    CustomerCreateRequest request = new CustomerCreateRequest().email("david@example.net").name("David Coaster")
        .externalId("order-2026-0001");

    ConnectionException lost = catchThrowableOfType(ConnectionException.class, () -> stancer.customers().create(request));
    assertThat(lost.isRequestSent()).isTrue();

    assertThat(stancer.customers().createOrFindExisting(request).getId()).isEqualTo(Fixtures.STANCER_ID);
    server.verify(2, postRequestedFor(urlEqualTo("/v1/customers/")));
    server.verify(1, getRequestedFor(urlEqualTo("/v1/customers/" + Fixtures.STANCER_ID)));
  }

  @Test
  void aStancerCreateThatNeverHappenedIsMadeByTheSecondRequest() {
    server.stubFor(post("/v1/customers/").willReturn(okJson(Fixtures.STANCER_CUSTOMER)));

    var customer = Fixtures.stancer(server).build().customers()
        .createOrFindExisting(new CustomerCreateRequest().email("david@example.net"));

    assertThat(customer.getId()).isEqualTo(Fixtures.STANCER_ID);
    server.verify(1, postRequestedFor(urlEqualTo("/v1/customers/")));
  }

  @Test
  void aBeGatewayCreateIsFoundByItsFieldsAndAnUnknownOneIsNot() throws Exception {
    server.stubFor(get("/customers").willReturn(okJson(Fixtures.BEGATEWAY_LIST)));
    BeGatewayClient beGateway = Fixtures.beGateway(server).build();
    Customer second = JSON.readValue(Fixtures.BEGATEWAY_LIST, Customer[].class)[1];
    var sent = JSON.readValue(JSON.writeValueAsString(second), dev.payspec.begateway.generated.model.CustomerCreateRequest.class);

    assertThat(beGateway.customers().findMatching(sent)).extracting(Customer::getId).containsExactly(second.getId());
    assertThat(beGateway.customers().findMatching(sent.email("someone.else@example.com"))).isEmpty();
    server.verify(0, postRequestedFor(urlEqualTo("/customers")));
  }
}
