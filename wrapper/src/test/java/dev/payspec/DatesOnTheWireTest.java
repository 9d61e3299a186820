package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.v2.StancerV2Client;
import dev.payspec.stancer.v2.generated.model.Customer;
import dev.payspec.stancer.v2.generated.model.CustomerCreateRequest;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The APIs whose specs hold dates (Stancer v2) send and read them as ISO 8601 text: the wrapper
 * gives their models Jackson's java.time support, which the other APIs' clients do not load.
 */
class DatesOnTheWireTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aDateOfBirthIsSentAndReadAsIsoText() throws Exception {
    ObjectNode answer = (ObjectNode) new ObjectMapper().readTree(BundledSpec.load("stancer-v2").json("/components/examples/Customer/value"));
    answer.put("date_birth", "1953-01-19");
    server.stubFor(post(urlEqualTo("/v2/customers/")).willReturn(okJson(answer.toString())));
    StancerV2Client client = StancerV2Client.builder().apiKey(Fixtures.STANCER_KEY).baseUrl(server.baseUrl() + "/v2")
        .readTimeout(Duration.ofSeconds(2)).build();

    Customer created = client.customers().create(new CustomerCreateRequest().email("arthur.martin@example.com")
        .dateBirth(LocalDate.of(1953, 1, 19)));

    server.verify(postRequestedFor(urlEqualTo("/v2/customers/"))
        .withRequestBody(equalToJson("{\"email\": \"arthur.martin@example.com\", \"date_birth\": \"1953-01-19\"}")));
    assertThat(created.getDateBirth()).isEqualTo(LocalDate.of(1953, 1, 19));
    client.close();
  }
}
