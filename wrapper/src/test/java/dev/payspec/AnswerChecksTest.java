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
 * A success is read as liberally as it can be bound: what the spec does not allow but does not stop
 * the binding (a missing required property, a null element, an extra property) reaches the listener,
 * and the answer is returned; only a body that cannot be bound is an {@link UnreadableAnswerException}
 * keeping it. Every operation of every API is covered by {@code internal.LiberalReadingTest}.
 */
class AnswerChecksTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aNullBodyCannotBeBoundAndIsAnUnreadableAnswerKeepingIt() {
    server.stubFor(get(anyUrl()).willReturn(okJson("null")));

    UnreadableAnswerException e = catchThrowableOfType(UnreadableAnswerException.class,
        () -> Fixtures.stancer(server).build().customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getRawBody()).isEqualTo("null");
    assertThat(e.getHttpStatus()).isEqualTo(200);
  }

  @Test
  void anAnswerMissingRequiredPropertiesIsReturnedWithNullGettersAndEachIsReported() {
    server.stubFor(get(anyUrl()).willReturn(okJson("{}")));
    List<UnexpectedAnswer> reported = new ArrayList<>();

    var answer = Fixtures.stancer(server).onUnexpectedAnswer(reported::add).build().customers().retrieve(Fixtures.STANCER_ID);

    assertThat(answer.getId()).isNull();
    assertThat(reported).extracting(UnexpectedAnswer::field).contains("id", "created");
    assertThat(reported).allSatisfy(finding -> assertThat(finding.description()).contains("is required"));
  }

  @Test
  void aListWithANullElementIsReturnedAndTheElementReported() {
    server.stubFor(get(anyUrl()).willReturn(okJson("[" + Fixtures.BEGATEWAY_CUSTOMER + ",null]")));
    List<UnexpectedAnswer> reported = new ArrayList<>();

    var customers = Fixtures.beGateway(server).onUnexpectedAnswer(reported::add).build().customers().list();

    assertThat(customers).hasSize(2);
    assertThat(customers.get(1)).isNull();
    assertThat(reported).extracting(UnexpectedAnswer::field).anySatisfy(field -> assertThat(field).contains("[1]"));
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
