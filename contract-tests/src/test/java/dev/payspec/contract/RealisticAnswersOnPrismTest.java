package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.PayspecException;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The corpus of realistic answers (the specs' examples with {@code x-fact}: nulls, a missing
 * {@code live_mode}, undeclared fields, every error body), served by Prism
 * ({@code Prefer: code=…, example=…}) and read through the wrapper: a success decodes to what the
 * answer says, an error becomes the exception of its status with the provider's message read
 * from whichever body shape it has.
 */
class RealisticAnswersOnPrismTest {

  @RegisterExtension
  static PrismMock stancerMock = WrapperOnPrismTest.stancerMock;

  @RegisterExtension
  static PrismMock beGatewayMock = WrapperOnPrismTest.beGatewayMock;

  @RegisterExtension
  static PrismMocks mocks = WrapperOnPrismTest.mocks;

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @TestFactory
  Stream<DynamicTest> everyRealisticAnswerIsReadByTheWrapper() {
    StancerClient stancer = WrapperOnPrismTest.stancer();
    BeGatewayClient beGateway = WrapperOnPrismTest.brand("eComCharge");
    Map<String, Supplier<Object>> stancerCalls = Map.of(
        "createCustomer", () -> stancer.customers().create(
            new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net")),
        "getCustomer", () -> stancer.customers().retrieve(WrapperOnPrismTest.STANCER_ID),
        "updateCustomer", () -> {
          stancer.customers().update(WrapperOnPrismTest.STANCER_ID, new CustomerUpdateRequest().name("Dave"));
          return null;
        },
        "deleteCustomer", () -> {
          stancer.customers().delete(WrapperOnPrismTest.STANCER_ID);
          return null;
        });
    Map<String, Supplier<Object>> beGatewayCalls = Map.of(
        "createCustomer", () -> beGateway.customers().create(WrapperOnPrismTest.docsBeGatewayRequest()),
        "getCustomer", () -> beGateway.customers().retrieve(WrapperOnPrismTest.BEGATEWAY_ID),
        "listCustomers", () -> beGateway.customers().list());

    Map<String, Map<String, Supplier<Object>>> tailored = Map.of("stancer", stancerCalls, "begateway", beGatewayCalls);
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : mocks.apis()) {
      BundledSpec spec = BundledSpec.load(api);
      Map<String, Supplier<Object>> calls = new java.util.HashMap<>(tailored.getOrDefault(api, Map.of()));
      if (!tailored.containsKey(api)) {
        // A spec without tailored calls (Stancer v2) is called from its examples, through its client.
        Object client = WrapperOnPrismTest.client(api);
        spec.operations().forEach(op -> calls.put(op.id(), WrapperOnPrismTest.answerFromExamples(client, spec, op)));
      }
      addTests(tests, api, mocks.of(api), calls);
    }
    return tests.stream();
  }

  @Test
  void stancerUpdateSucceedsOnTheDocumentedNoContent() throws Exception {
    StancerClient stancer = WrapperOnPrismTest.stancer();
    try (AutoCloseable ignored = stancerMock.preferring("code=204")) {
      stancer.customers().update(WrapperOnPrismTest.STANCER_ID, new CustomerUpdateRequest().email("david@coaster.com"));
    }
  }

  private static void addTests(List<DynamicTest> tests, String api, PrismMock mock, Map<String, Supplier<Object>> calls) {
    BundledSpec spec = BundledSpec.load(api);
    List<BundledSpec.Answer> answers = spec.realisticAnswers();
    assertThat(answers).as("realistic answers of %s", api).isNotEmpty();
    for (BundledSpec.Answer answer : answers) {
      Supplier<Object> call = calls.get(answer.operation().id());
      assertThat(call).as("a wrapper call for %s %s", api, answer.operation().id()).isNotNull();
      // A range (2XX) is served without a code: Prism answers with the operation's success.
      String preference = (answer.status().endsWith("XX") ? "" : "code=" + answer.httpStatus() + ", ")
          + "example=" + answer.name();
      tests.add(dynamicTest(answer.toString(), () -> {
        try (AutoCloseable ignored = mock.preferring(preference)) {
          if (answer.success()) {
            assertDecoded(call.get(), answer.value());
          } else {
            PayspecException e = catchThrowableOfType(PayspecException.class, call::get);
            assertThat(e).as("exception for %s", answer).isNotNull();
            assertThat(e.getHttpStatus()).isEqualTo(answer.httpStatus());
            assertThat(JSON.readTree(e.getRawBody())).isEqualTo(answer.value());
            assertThat(e.getProviderMessage()).as("provider message read from %s", answer.value()).isNotBlank();
          }
        }
      }));
    }
  }

  /** The decoded result says what the answer says: same ids, and every declared field's value. */
  private static void assertDecoded(Object result, JsonNode answer) {
    if (result instanceof dev.payspec.Page<?> page) {
      // A page is the answer's one array of items; its range becomes hasMore.
      JsonNode items = null;
      for (JsonNode value : (Iterable<JsonNode>) answer::elements) {
        items = value.isArray() ? value : items;
      }
      assertThat(items).as("the items of %s", answer).isNotNull();
      assertDecoded(page.items(), items);
      assertThat(page.hasMore()).isEqualTo(answer.at("/range/has_more").asBoolean());
      return;
    }
    if (answer.isArray()) {
      assertThat(result).isInstanceOf(List.class);
      List<?> list = (List<?>) result;
      assertThat(list).hasSize(answer.size());
      for (int i = 0; i < list.size(); i++) {
        assertDecoded(list.get(i), answer.get(i));
      }
      return;
    }
    if (result == null) {
      // update and delete return nothing; the call succeeding is what counts
      return;
    }
    JsonNode decoded = JSON.valueToTree(result);
    answer.properties().forEach(field -> {
      JsonNode value = decoded.get(field.getKey());
      if (value != null && value.isNumber() && field.getValue().isNumber()) {
        assertThat(value.decimalValue()).as(field.getKey()).isEqualByComparingTo(field.getValue().decimalValue());
      } else if (value != null || field.getValue().isNull()) {
        assertThat(value == null ? JSON.nullNode() : value).as(field.getKey()).isEqualTo(field.getValue());
      }
    });
    assertThat(decoded.path("id")).isEqualTo(answer.path("id"));
  }
}
