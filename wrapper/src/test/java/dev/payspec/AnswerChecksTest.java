package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A success whose body is not the documented shape is a {@link ServerException} keeping the raw
 * body; what the spec does not know but does not stop the reading (an extra property) reaches the
 * listener, and the answer is returned.
 */
class AnswerChecksTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aNullBodyIsAServerExceptionKeepingIt() {
    server.stubFor(get(anyUrl()).willReturn(okJson("null")));

    ServerException e = catchThrowableOfType(ServerException.class,
        () -> Fixtures.stancer(server).build().customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getRawBody()).isEqualTo("null");
    assertThat(e.getHttpStatus()).isEqualTo(200);
  }

  @Test
  void anEmptyObjectLacksTheRequiredPropertiesAndIsAServerException() {
    server.stubFor(get(anyUrl()).willReturn(okJson("{}")));

    ServerException e = catchThrowableOfType(ServerException.class,
        () -> Fixtures.stancer(server).build().customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getMessage()).contains("is required");
    assertThat(e.getRawBody()).isEqualTo("{}");
  }

  @Test
  void aListWithANullElementIsAServerException() {
    server.stubFor(get(anyUrl()).willReturn(okJson("[" + Fixtures.BEGATEWAY_CUSTOMER + ",null]")));

    ServerException e = catchThrowableOfType(ServerException.class,
        () -> Fixtures.beGateway(server).build().customers().list());

    assertThat(e.getMessage()).contains("[1]");
  }

  @Test
  void anUnknownPropertyIsReportedAndTheAnswerReturned() {
    String customer = Fixtures.STANCER_CUSTOMER.replaceFirst("\\{", "{\"nickname\":\"Dave\",");
    server.stubFor(get(anyUrl()).willReturn(okJson(customer)));
    List<UnexpectedAnswer> reported = new ArrayList<>();

    var answer = Fixtures.stancer(server).onUnexpectedAnswer(reported::add).build().customers().retrieve(Fixtures.STANCER_ID);

    assertThat(answer.getId()).isEqualTo(Fixtures.STANCER_ID);
    assertThat(reported).containsExactly(new UnexpectedAnswer("GET", "/v1/customers/" + Fixtures.STANCER_ID,
        "nickname", "is not a field the spec lists"));
    assertThat(reported.get(0).toString()).doesNotContain("Dave");
  }

  @Test
  void aDocumentedAnswerReportsNothing() {
    server.stubFor(get(anyUrl()).willReturn(okJson(Fixtures.BEGATEWAY_LIST)));
    List<UnexpectedAnswer> reported = new ArrayList<>();

    assertThat(Fixtures.beGateway(server).onUnexpectedAnswer(reported::add).build().customers().list()).hasSize(2);
    assertThat(reported).isEmpty();
  }
}
