package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every status maps to its exception class, keeping the status, the provider's details, the raw body, the method and the path. */
class ErrorMappingTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final StancerClient stancer = Fixtures.stancer(server).maxRetries(0).build();
  private final BeGatewayClient beGateway = Fixtures.beGateway(server).maxRetries(0).build();

  private static final String STANCER_PATH = "/v1/customers/" + Fixtures.STANCER_ID;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "400, InvalidRequestException",
      "401, AuthenticationException",
      "402, InvalidRequestException",
      "403, PermissionException",
      "404, NotFoundException",
      "405, InvalidRequestException",
      "409, ConflictException",
      "410, InvalidRequestException",
      "422, InvalidRequestException",
      "429, RateLimitException",
      "500, ServerException",
      "502, ServerException",
      "503, ServerException"})
  void everyStatusMapsToItsExceptionWithEveryDetailKept(int status, String exception) {
    String body = "{\"error\":{\"message\":\"Something about " + status + "\",\"type\":\"invalid_request_error\"}}";
    server.stubFor(get(STANCER_PATH).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));

    PayspecException e = catchThrowableOfType(PayspecException.class, () -> stancer.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getClass().getSimpleName()).isEqualTo(exception);
    assertThat(e.getHttpStatus()).isEqualTo(status);
    assertThat(e.getErrorType()).isEqualTo("invalid_request_error");
    assertThat(e.getProviderMessage()).isEqualTo("Something about " + status);
    assertThat(e.getRawBody()).isEqualTo(body);
    assertThat(e.getMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo(STANCER_PATH);
    assertThat(e.getMessage()).contains("GET " + STANCER_PATH, String.valueOf(status))
        .as("the provider's text can echo personal data: it stays in getProviderMessage()")
        .doesNotContain("Something about");
  }

  @Test
  void stancerConflictNamesTheExistingCustomer() {
    server.stubFor(post("/v1/customers/").willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":{\"error\":\"Customer already exists\",\"id\":\"cust_0123456789abcdefghijklmn\"},"
            + "\"type\":\"invalid_request_error\"}}")));

    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")));

    assertThat(e.getExistingId()).contains("cust_0123456789abcdefghijklmn");
    assertThat(e.getProviderMessage()).isEqualTo("Customer already exists");
  }

  @Test
  void beGatewayFieldErrorsAreParsedNestedOnesToo() {
    server.stubFor(post("/customers").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Ip address is invalid. Ip can't be blank\",\"errors\":{\"ip\":[\"address is invalid\",\"can't be blank\"],"
            + "\"billing\":{\"address\":{\"zip\":[\"is invalid\"]}}}}")));

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> beGateway.customers().create(
        new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1")));

    assertThat(e.getProviderMessage()).isEqualTo("Ip address is invalid. Ip can't be blank");
    assertThat(e.getFieldErrors()).isEqualTo(Map.of(
        "ip", List.of("address is invalid", "can't be blank"),
        "billing.address.zip", List.of("is invalid")));
    assertThat(e.getPath()).isEqualTo("/customers");
  }

  @Test
  void rateLimitKeepsTheRetryAfterDelay() {
    server.stubFor(get("/customers").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

    RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> beGateway.customers().list());

    assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.getRawBody()).isEmpty();
  }

  @ParameterizedTest(name = "{0} body")
  @CsvSource(delimiter = '|', value = {
      "html|<html><body><h1>502 Bad Gateway</h1></body></html>",
      "empty|",
      "truncated|{\"error\":{\"message\":\"No such cus",
      "malformed|{error: message = nope}",
      "array|[1,2,3]"})
  void anUnreadableErrorBodyStillGivesTheStatusClassAndKeepsTheBody(String kind, String body) {
    String raw = body == null ? "" : body;
    server.stubFor(get(STANCER_PATH).willReturn(aResponse().withStatus(404).withBody(raw)));

    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> stancer.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getRawBody()).isEqualTo(raw);
    assertThat(e.getProviderMessage()).isNull();
    assertThat(e.getHttpStatus()).isEqualTo(404);
  }

  @Test
  void aSuccessWithAnUnreadableBodyIsAnUnreadableAnswerThatKeepsTheBody() {
    server.stubFor(get(STANCER_PATH).willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));

    UnreadableAnswerException e = catchThrowableOfType(UnreadableAnswerException.class,
        () -> stancer.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getHttpStatus()).isEqualTo(200);
    assertThat(e.getRawBody()).isEqualTo("<html>maintenance</html>");
    assertThat(e.getMessage()).contains("cannot be read as Customer");
  }

  @Test
  void aSuccessWithAnEmptyBodyWhereACustomerIsExpectedIsAnUnreadableAnswer() {
    server.stubFor(get("/customers/" + Fixtures.BEGATEWAY_ID).willReturn(aResponse().withStatus(200)));

    UnreadableAnswerException e = catchThrowableOfType(UnreadableAnswerException.class,
        () -> beGateway.customers().retrieve(Fixtures.BEGATEWAY_ID));

    assertThat(e.getRawBody()).isEmpty();
  }

  @Test
  void unknownFieldsInASuccessAreIgnored() {
    server.stubFor(get("/customers").willReturn(okJson(Fixtures.BEGATEWAY_LIST.replace("\"first_name\"", "\"loyalty\":{\"tier\":2},\"first_name\""))));

    assertThat(beGateway.customers().list()).hasSize(2);
  }

  @Test
  void stancerFlatErrorTextIsTheProvidersMessage() {
    server.stubFor(get(STANCER_PATH).willReturn(aResponse().withStatus(410).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"Customer deleted\"}")));

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> stancer.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getProviderMessage()).isEqualTo("Customer deleted");
    assertThat(e.getErrorType()).isNull();
  }

  @Test
  void stancerDetailListGivesFieldErrorsAndAMessage() {
    server.stubFor(post("/v1/customers/").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
        .withBody("{\"detail\":[{\"loc\":[\"body\",\"email\"],\"msg\":\"value is not a valid email address\",\"type\":\"value_error\"},"
            + "{\"loc\":[\"body\"],\"msg\":\"email or mobile is required\",\"type\":\"value_error\"}]}")));

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")));

    assertThat(e.getFieldErrors()).isEqualTo(Map.of(
        "email", List.of("value is not a valid email address"),
        "base", List.of("email or mobile is required")));
    assertThat(e.getProviderMessage()).isEqualTo("email: value is not a valid email address; email or mobile is required");
    assertThat(e.getErrorType()).isEqualTo("value_error");
  }

  @Test
  void stancerEnvelopeWithoutTypeKeepsItsMessage() {
    server.stubFor(get(STANCER_PATH).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"No such customer " + Fixtures.STANCER_ID + "\"}}")));

    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> stancer.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(e.getProviderMessage()).isEqualTo("No such customer " + Fixtures.STANCER_ID);
    assertThat(e.getErrorType()).isNull();
  }

  @Test
  void beGatewayWrappedErrorKeepsItsMessage() {
    server.stubFor(get("/customers").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"response\":{\"status\":\"error\",\"message\":\"Access denied\"}}")));

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> beGateway.customers().list());

    assertThat(e.getProviderMessage()).isEqualTo("Access denied");
  }

  @Test
  void beGatewayErrorsOnNoFieldAreUnderBase() {
    server.stubFor(post("/customers").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Customer can't be created\",\"errors\":{\"base\":[\"Customer can't be created\"]}}")));

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> beGateway.customers().create(
        new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1")));

    assertThat(e.getFieldErrors()).isEqualTo(Map.of("base", List.of("Customer can't be created")));
  }

  @ParameterizedTest(name = "update answered {0}")
  @CsvSource({"204", "200"})
  void stancerUpdateSucceedsOnANoContentOrOnTheCustomer(int status) {
    server.stubFor(patch(urlEqualTo(STANCER_PATH)).willReturn(status == 204
        ? aResponse().withStatus(204)
        : okJson(Fixtures.STANCER_CUSTOMER)));

    stancer.customers().update(Fixtures.STANCER_ID, new CustomerUpdateRequest().email("david@coaster.com"));

    server.verify(1, patchRequestedFor(urlEqualTo(STANCER_PATH)));
  }

  @Test
  void beGatewayRetrieveSendsAnIdOfAnyShape() {
    // No source states the id format: an id of another shape is sent, and beGateway decides.
    server.stubFor(get("/customers/cst_7AEE5AFB954C7EF7").willReturn(okJson(
        "{\"id\":\"cst_7AEE5AFB954C7EF7\",\"email\":\"customer@example.com\",\"ip\":\"127.0.0.1\"}")));

    assertThat(beGateway.customers().retrieve("cst_7AEE5AFB954C7EF7").getId()).isEqualTo("cst_7AEE5AFB954C7EF7");
  }

  @Test
  void aRefusedCallAndAFailedCallNameTheSamePathBasePathIncluded() {
    server.stubFor(post("/v1/customers/").willReturn(aResponse().withStatus(500)));
    server.stubFor(get("/v1/customers/" + Fixtures.STANCER_ID).willReturn(aResponse().withStatus(404)));

    PayspecException refused = catchThrowableOfType(ValidationException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().name("David Coaster")));
    PayspecException failed = catchThrowableOfType(ServerException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")));
    PayspecException refusedId = catchThrowableOfType(ValidationException.class,
        () -> stancer.customers().retrieve("cust_123"));
    PayspecException failedId = catchThrowableOfType(NotFoundException.class,
        () -> stancer.customers().retrieve(Fixtures.STANCER_ID));

    assertThat(refused.getPath()).isEqualTo(failed.getPath()).isEqualTo("/v1/customers/");
    assertThat(refusedId.getPath()).isEqualTo("/v1/customers/cust_123");
    assertThat(failedId.getPath()).isEqualTo("/v1/customers/" + Fixtures.STANCER_ID);
  }
}
