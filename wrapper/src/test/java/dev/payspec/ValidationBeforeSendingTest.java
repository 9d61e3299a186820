package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request that breaks a rule is refused on the client, naming each field and rule, and nothing is sent. */
class ValidationBeforeSendingTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final StancerClient stancer = Fixtures.stancer(server).build();
  private final BeGatewayClient beGateway = Fixtures.beGateway(server).build();

  @AfterEach
  void nothingWasSent() {
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void stancerCreateWithoutEmailOrMobileIsRefusedBeforeSending() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().name("David Coaster")));

    assertThat(e.getViolations()).extracting(Violation::field).containsExactly("email");
    assertThat(e.getMessage()).contains("email or mobile is required").contains("nothing was sent");
    assertThat(e.getMethod()).isEqualTo("POST");
  }

  @Test
  void stancerCreateReportsEveryViolationAtOnceByJsonName() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> stancer.customers().create(
        new CustomerCreateRequest().email("a@b").mobile("+33").name("Da").externalId("x".repeat(37))));

    assertThat(e.getViolations()).extracting(Violation::field)
        .containsExactly("email", "external_id", "mobile", "name");
    assertThat(e.getViolations()).anySatisfy(v -> assertThat(v.message()).contains("between 5 and 64"));
  }

  @Test
  void stancerIdIsCheckedBeforeEveryCallThatTakesOne() {
    for (Runnable call : new Runnable[] {
        () -> stancer.customers().retrieve("cust_123"),
        () -> stancer.customers().delete("cst_7aee5afb954c7ef7"),
        () -> stancer.customers().update("cuss_9Cle7TXKkjhwqcWx4Kl5cQYk", new CustomerUpdateRequest().name("Dave")),
        () -> stancer.customers().retrieve(null)}) {
      assertThatThrownBy(call::run).isInstanceOf(ValidationException.class).hasMessageContaining("id:");
    }
  }

  @Test
  void stancerUpdateChecksTheFieldRules() {
    assertThatThrownBy(() -> stancer.customers().update(Fixtures.STANCER_ID, new CustomerUpdateRequest().email("david.coaster.com")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("email: must be a well-formed email address");
  }

  @Test
  void anEmailWhoseDomainHasNoDotIsRefusedAsTheSpecsMockRefusesIt() {
    assertThatThrownBy(() -> stancer.customers().create(new CustomerCreateRequest().email("david@coaster")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("email: must be an email address whose domain has a dot");
    assertThatThrownBy(() -> stancer.customers().update(Fixtures.STANCER_ID, new CustomerUpdateRequest().email("david@coaster")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("email: must be an email address whose domain has a dot");
    var beGatewayRequest = new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example").ip("127.0.0.1");
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> beGateway.customers().create(beGatewayRequest));
    assertThat(e.getViolations()).containsExactly(new Violation("email", "must be an email address whose domain has a dot, such as david@example.net"));
  }

  @Test
  void beGatewayCreateReportsEveryRuleAtOnce() {
    var request = new dev.payspec.begateway.generated.model.CustomerCreateRequest()
        .email("customer.example.com").ip("999.1.1.1").country("US").zip("9200");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> beGateway.customers().create(request));

    assertThat(e.getViolations()).containsExactly(
        new Violation("email", "must be a well-formed email address"),
        new Violation("ip", "must be an IPv4 or IPv6 address"),
        new Violation("state", "is required when country is US or CA"),
        new Violation("zip", "must be NNNNN or NNNNN-NNNN when country is US"));
  }

  @Test
  void beGatewayCreateWithoutIpIsRefusedBeforeSending() {
    var request = new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example.com");

    assertThatThrownBy(() -> beGateway.customers().create(request))
        .isInstanceOf(ValidationException.class).hasMessageContaining("ip: is required");
  }

  @Test
  void beGatewayCountryAndStateRulesAreSaidInWords() {
    var request = new dev.payspec.begateway.generated.model.CustomerCreateRequest()
        .email("customer@example.com").ip("2001:db8::1").country("uk").state("Colorado");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> beGateway.customers().create(request));

    assertThat(e.getViolations()).containsExactly(
        new Violation("country", "must be an ISO 3166-1 alpha-2 code: two upper-case letters, such as US or BY"),
        new Violation("state", "must be two letters, such as CO"));
  }

  @Test
  void beGatewayIdIsRequired() {
    assertThatThrownBy(() -> beGateway.customers().retrieve(null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("id: is required");
  }

  @Test
  void nullRequestIsRefused() {
    assertThatThrownBy(() -> stancer.customers().create(null)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("request: is required");
  }
}
