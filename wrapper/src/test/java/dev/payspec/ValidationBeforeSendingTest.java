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

    // The spec's rule: when email is absent, mobile is required.
    assertThat(e.getViolations()).extracting(Violation::field).containsExactly("mobile");
    assertThat(e.getViolations().get(0).message()).contains("is required when").contains("email");
    assertThat(e.getMessage()).contains("nothing was sent");
    assertThat(e.getMethod()).isEqualTo("POST");
  }

  @Test
  void stancerCreateReportsEveryViolationAtOnceByJsonName() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> stancer.customers().create(
        new CustomerCreateRequest().email("a@b").mobile("+33").name("Da").externalId("x".repeat(37))));

    // One violation per field: "a@b" breaks the format and the length, one mistake said by its format.
    assertThat(e.getViolations()).containsExactly(
        new Violation("email", "must be an email address whose domain has a dot, such as david@example.net"),
        new Violation("external_id", "must be at most 36 characters long"),
        new Violation("mobile", "must be at least 8 characters long"),
        new Violation("name", "must be at least 3 characters long"));
  }

  @Test
  void aPresentButInvalidEmailIsReportedByItsOwnRuleNotAsAnAbsentOne() {
    // The spec's "when email is absent, mobile is required" reads a present email as absent when it
    // is invalid (its if carries Email's schema): the email's own rule says the mistake, alone.
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().name("David Coaster").email("david.example.net")));

    assertThat(e.getViolations()).containsExactly(
        new Violation("email", "must be an email address whose domain has a dot, such as david@example.net"));
  }

  @Test
  void oneMistakeIsOneViolation() {
    // "nope" breaks email's format and its minimum length, and made "mobile is required when email is absent" hold.
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().email("nope")));

    assertThat(e.getViolations()).containsExactly(
        new Violation("email", "must be an email address whose domain has a dot, such as david@example.net"));
    // The same on an update, and an id that is too short and of the wrong shape: its pattern, alone.
    ValidationException update = catchThrowableOfType(ValidationException.class,
        () -> stancer.customers().update("cust_123", new CustomerUpdateRequest().email("nope")));
    assertThat(update.getViolations()).extracting(Violation::field).containsExactly("customer_id", "email");
  }

  @Test
  void aPatternIsSaidInWordsWithoutTheSpecsProvenanceNotes() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> stancer.customers().retrieve("cust_123"));

    // The description reads "... 29 in all (*doc*: "String, fixed size = 29"; *sdk*: lib-perl `Char[29]`). ...".
    assertThat(e.getViolations()).containsExactly(new Violation("customer_id",
        "must match the pattern ^cust_.{24}$ (A customer's id: cust_ and 24 characters, 29 in all)"));
    assertThat(e.getMessage()).doesNotContain("*doc*", "*sdk*", "lib-perl", "`");
  }

  @Test
  void lengthsAreCountedInCodePointsAsJsonSchemaCountsThem() {
    // 40 emoji are 80 UTF-16 chars but 40 characters: a name of 4 to 64 characters.
    String emoji = "\uD83D\uDE00".repeat(40);
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> stancer.customers().create(
        new CustomerCreateRequest().email("david@example.net").name(emoji).externalId("\uD83D\uDE00".repeat(37))));

    assertThat(e.getViolations()).containsExactly(new Violation("external_id", "must be at most 36 characters long"));
  }

  @Test
  void stancerIdIsCheckedBeforeEveryCallThatTakesOne() {
    for (Runnable call : new Runnable[] {
        () -> stancer.customers().retrieve("cust_123"),
        () -> stancer.customers().delete("cst_7aee5afb954c7ef7"),
        () -> stancer.customers().update("cuss_9Cle7TXKkjhwqcWx4Kl5cQYk", new CustomerUpdateRequest().name("Dave")),
        () -> stancer.customers().retrieve(null)}) {
      assertThatThrownBy(call::run).isInstanceOf(ValidationException.class).hasMessageContaining("customer_id:");
    }
  }

  @Test
  void stancerUpdateChecksTheFieldRules() {
    assertThatThrownBy(() -> stancer.customers().update(Fixtures.STANCER_ID, new CustomerUpdateRequest().email("david.coaster.com")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("email: must be an email address");
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
  void beGatewayCreateReportsEveryRuleAtOnce() throws Exception {
    var request = new dev.payspec.begateway.generated.model.CustomerCreateRequest()
        .email("customer.example.com").ip("999.1.1.1").country("US").zip("9200");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> beGateway.customers().create(request));

    assertThat(e.getViolations()).containsExactly(
        new Violation("email", "must be an email address whose domain has a dot, such as david@example.net"),
        new Violation("ip", "must match the spec's pattern (" + firstSentence("IpAddress") + ")"),
        new Violation("state", "is required when country is US or CA"),
        new Violation("zip", "must match the pattern ^\\d{5}(?:-\\d{4})?$ when country is US"));
  }

  @Test
  void beGatewayCreateWithoutIpIsRefusedBeforeSending() {
    var request = new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example.com");

    assertThatThrownBy(() -> beGateway.customers().create(request))
        .isInstanceOf(ValidationException.class).hasMessageContaining("ip: is required");
  }

  @Test
  void beGatewayCountryAndStateRulesAreSaidInWords() throws Exception {
    var request = new dev.payspec.begateway.generated.model.CustomerCreateRequest()
        .email("customer@example.com").ip("2001:db8::1").country("uk").state("Colorado");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> beGateway.customers().create(request));

    assertThat(e.getViolations()).containsExactly(
        new Violation("country", "must match the pattern ^[A-Z]{2}$ (" + firstSentence("CountryCode") + ")"),
        new Violation("state", "must match the pattern ^[A-Za-z]{2}$ (" + firstSentence("StateCode") + ")"));
  }

  @Test
  void beGatewayIdIsRequired() {
    assertThatThrownBy(() -> beGateway.customers().retrieve(null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("customer_id: is required");
  }

  /** The words of a pattern come from the schema's own description, not from the wrapper. */
  private static String firstSentence(String schema) throws java.io.IOException {
    try (var in = ValidationBeforeSendingTest.class.getClassLoader().getResourceAsStream("openapi/begateway.json")) {
      String description = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in)
          .at("/components/schemas/" + schema + "/description").asText();
      // Without its provenance notes, such as "(*doc*)", and markdown's code marks.
      description = description.replaceAll("\\s*\\([^()]*\\*(doc|sdk|observed|unknown)\\*[^()]*\\)", "").replace("`", "");
      int end = description.indexOf(". ");
      return (end < 0 ? description.replaceFirst("\\.\\s*$", "") : description.substring(0, end)).strip().replace("\n", " ");
    }
  }

  @Test
  void nullRequestIsRefused() {
    assertThatThrownBy(() -> stancer.customers().create(null)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("request: is required");
  }
}
