package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The values of the fields that the specs mark {@code x-personal} (taken from the docs' customers in
 * the bundled specs) appear in no log line at TRACE, no model's {@code toString()} and no exception
 * message; each log record is one line; full bodies are logged only when asked for.
 */
class PersonalDataTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The docs' customer's values of every property the spec marks personal. */
  static List<String> personalValues(String api) {
    BundledSpec spec = BundledSpec.load(api);
    JsonNode customer = spec.root.at("/components/examples/CustomerFromDocs/value");
    List<String> values = new ArrayList<>();
    spec.root.at("/components/schemas/Customer/properties").fields().forEachRemaining(property -> {
      if (property.getValue().path("x-personal").asBoolean() && customer.hasNonNull(property.getKey())) {
        values.add(customer.get(property.getKey()).asText());
      }
    });
    assertThat(values).as("the docs' customer of %s has personal values", api).isNotEmpty();
    return values;
  }

  @Test
  void personalValuesAppearInNoLogLineNoToStringAndNoExceptionMessage() throws Exception {
    String stancerCustomer = Fixtures.STANCER_CUSTOMER;
    String beGatewayCustomer = Fixtures.BEGATEWAY_CUSTOMER;
    server.stubFor(post("/v1/customers/").willReturn(okJson(stancerCustomer)));
    server.stubFor(get("/v1/customers/" + Fixtures.STANCER_ID).willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"" + personalValues("stancer").get(0) + " already exists\",\"type\":\"invalid_request_error\"}}")));
    server.stubFor(post("/customers").willReturn(okJson(beGatewayCustomer)));
    server.stubFor(get("/customers").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"" + String.join(", ", personalValues("begateway")) + " refused\",\"errors\":{}}")));
    server.stubFor(get("/customers/" + Fixtures.BEGATEWAY_ID).willReturn(aResponse().withStatus(502)
        .withBody("<html>" + personalValues("begateway").get(0) + "\nline two</html>")));
    StancerClient stancer = Fixtures.stancer(server).maxRetries(0).build();
    BeGatewayClient beGateway = Fixtures.beGateway(server).maxRetries(0).build();
    List<Object> seen = new ArrayList<>();

    String log = captureStandardError(() -> {
      seen.add(stancer.customers().create(read(stancerCustomer, dev.payspec.stancer.generated.model.CustomerCreateRequest.class)));
      seen.add(caught(() -> stancer.customers().retrieve(Fixtures.STANCER_ID)));
      seen.add(beGateway.customers().create(read(beGatewayCustomer, dev.payspec.begateway.generated.model.CustomerCreateRequest.class)));
      seen.add(read(beGatewayCustomer, dev.payspec.begateway.generated.model.CustomerCreateRequest.class));
      seen.add(caught(() -> beGateway.customers().list()));
      seen.add(caught(() -> beGateway.customers().retrieve(Fixtures.BEGATEWAY_ID)));
    });

    assertThat(log).as("the wire log is on and masks").contains("---> POST").contains(WireLogMarks.PERSONAL);
    for (String line : log.split("\n")) {
      assertThat(line).as("one line per record").startsWith("[");
    }
    List<String> values = new ArrayList<>(personalValues("stancer"));
    values.addAll(personalValues("begateway"));
    for (String value : values) {
      assertThat(log).as("log").doesNotContain("\"" + value + "\"");
      if (value.length() >= 3) {
        // Shorter values (a state such as CO) could match unrelated text; their quoted form is checked above.
        assertThat(log).as("log").doesNotContain(value);
      }
      for (Object object : seen) {
        assertThat(String.valueOf(object)).as("toString of %s", object.getClass().getSimpleName()).doesNotContain(value);
        if (object instanceof Throwable t) {
          assertThat(t.getMessage()).as("message of %s", t.getClass().getSimpleName()).doesNotContain(value);
        }
      }
    }
    assertThat(((PayspecException) seen.get(4)).getRawBody()).as("the raw body stays available").contains(values.get(values.size() - 1));
  }

  @Test
  void fullBodiesAreLoggedOnlyWhenAskedFor() {
    server.stubFor(post("/v1/customers/").willReturn(okJson(Fixtures.STANCER_CUSTOMER)));
    String email = personalValues("stancer").stream().filter(value -> value.contains("@")).findFirst().orElseThrow();
    var request = new dev.payspec.stancer.generated.model.CustomerCreateRequest().email(email);

    String masked = captureStandardError(() -> Fixtures.stancer(server).build().customers().create(request));
    String full = captureStandardError(() -> Fixtures.stancer(server).logFullBodies(true).build().customers().create(request));

    assertThat(masked).doesNotContain(email);
    assertThat(full).contains(email);
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Throwable caught(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail");
  }

  /** slf4j-simple writes to the System.err of the moment, so replacing it captures every log line. */
  static String captureStandardError(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** The mask the wire log writes. */
  static final class WireLogMarks {
    static final String PERSONAL = "(personal)";
  }
}
