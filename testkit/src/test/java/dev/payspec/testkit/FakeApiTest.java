package dev.payspec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.ConflictException;
import dev.payspec.ConnectionException;
import dev.payspec.NotFoundException;
import dev.payspec.ServerException;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fakes as a user's test meets them: through the wrapper where it has the call, raw HTTP elsewhere. */
class FakeApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STANCER_KEY = "stest_abcdefghijklmnopqrstuvwx";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final FakeApi stancerFake = FakeApi.start("stancer");
  private static final FakeApi stancerV2Fake = FakeApi.start("stancer-v2");
  private static final FakeApi beGatewayFake = FakeApi.start("begateway");

  private final StancerClient stancer = StancerClient.builder().apiKey(STANCER_KEY).baseUrl(stancerFake.baseUrl())
      .maxRetries(0).readTimeout(Duration.ofMillis(500)).build();
  private final BeGatewayClient beGateway = BeGatewayClient.builder().baseUrl(beGatewayFake.baseUrl())
      .shopId("361").secretKey("secret").maxRetries(0).build();

  @BeforeEach
  void emptyTheFakes() {
    List.of(stancerFake, stancerV2Fake, beGatewayFake).forEach(FakeApi::reset);
  }

  @AfterAll
  static void stopTheFakes() {
    List.of(stancerFake, stancerV2Fake, beGatewayFake).forEach(FakeApi::close);
  }

  @Test
  void aCreatedCustomerCanBeRetrievedUpdatedAndDeletedThroughTheWrapper() {
    Customer created = stancer.customers().create(new CustomerCreateRequest().email("david@example.net").name("David"));
    assertThat(stancer.customers().retrieve(created.getId()).getEmail()).isEqualTo("david@example.net");

    stancer.customers().update(created.getId(), new CustomerUpdateRequest().email("david@example.org"));
    assertThat(stancer.customers().retrieve(created.getId()).getEmail()).isEqualTo("david@example.org");
    assertThat(stancer.customers().retrieve(created.getId()).getName()).isEqualTo("David");

    stancer.customers().delete(created.getId());
    assertThatThrownBy(() -> stancer.customers().retrieve(created.getId()))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((NotFoundException) e).getRawBody()).contains(created.getId()));
    assertThat(stancerFake.requests()).extracting(RecordedRequest::operationId)
        .containsExactly("createCustomer", "getCustomer", "updateCustomer", "getCustomer", "getCustomer",
            "deleteCustomer", "getCustomer");
  }

  @Test
  void idsFollowThePatternOfEachSpec() throws Exception {
    Customer stancerCustomer = stancer.customers().create(new CustomerCreateRequest().email("david@example.net"));
    var beGatewayCustomer = beGateway.customers().create(new dev.payspec.begateway.generated.model.CustomerCreateRequest()
        .email("customer@example.com").ip("127.0.0.1"));
    JsonNode v2Customer = JSON.readTree(send(stancerV2Fake, "POST", "/customers/", "{\"email\":\"a@example.com\"}").body());

    assertThat(stancerCustomer.getId()).matches(idPattern("stancer"));
    assertThat(beGatewayCustomer.getId()).matches(idPattern("begateway"));
    assertThat(v2Customer.path("id").asText()).matches(idPattern("stancer-v2"));
    assertThat(v2Customer.path("deleted").asBoolean(true)).isFalse();
    assertThat(v2Customer.has("created")).isTrue();
  }

  @Test
  void stancerRefusesASecondIdenticalCustomerNamingTheFirst() {
    CustomerCreateRequest request = new CustomerCreateRequest().email("david@example.net").name("David").externalId("a1");
    Customer first = stancer.customers().create(request);

    assertThatThrownBy(() -> stancer.customers().create(request))
        .isInstanceOf(ConflictException.class)
        .satisfies(e -> assertThat(((ConflictException) e).getExistingId()).contains(first.getId()));
    Customer other = stancer.customers().create(request.externalId("a2"));
    assertThat(other.getId()).isNotEqualTo(first.getId());
  }

  @Test
  void aRequestTheSpecRefusesGetsTheProvidersStatusAndBody() throws Exception {
    HttpResponse<String> stancerAnswer = send(stancerFake, "POST", "/customers/", "{\"email\":\"not-an-email\"}");
    HttpResponse<String> beGatewayAnswer = send(beGatewayFake, "POST", "/customers", "{\"email\":\"customer@example.com\"}");
    HttpResponse<String> v2Answer = send(stancerV2Fake, "POST", "/customers/", "{\"name\":\"Al\"}");

    assertThat(stancerAnswer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(stancerAnswer.body()).at("/error/message").asText()).contains("email");
    assertThat(beGatewayAnswer.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(beGatewayAnswer.body()).at("/errors/ip").isArray()).isTrue();
    assertThat(v2Answer.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(v2Answer.body()).at("/detail/0/loc").toString()).isEqualTo("[\"body\",\"name\"]");
    assertThat(stancerFake.customers()).isEmpty();
  }

  @Test
  void aRequestWithoutCredentialsIsRefusedWithTheDocumented401() throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(stancerFake.baseUrl() + "/customers/cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("error");
  }

  @Test
  void theStancerV2ListFiltersAndPagesForReal() throws Exception {
    for (int i = 0; i < 23; i++) {
      send(stancerV2Fake, "POST", "/customers/", "{\"email\":\"c" + i + "@example.com\",\"external_id\":\"shop-" + (i % 2) + "\"}");
    }
    List<String> seen = new ArrayList<>();
    int start = 0;
    boolean more = true;
    while (more) {
      JsonNode page = JSON.readTree(send(stancerV2Fake, "GET", "/customers/?external_id=shop-1&limit=5&start=" + start, null).body());
      page.path("customers").forEach(customer -> seen.add(customer.path("email").asText()));
      assertThat(page.at("/range/count").asInt()).isEqualTo(11);
      more = page.at("/range/has_more").asBoolean();
      start = page.at("/range/end").asInt();
    }
    assertThat(seen).hasSize(11).allMatch(email -> Integer.parseInt(email.replaceAll("\\D", "")) % 2 == 1);
    assertThat(send(stancerV2Fake, "GET", "/customers/?limit=101", null).statusCode()).isEqualTo(422);
  }

  @Test
  void theBeGatewayListIsABareArrayOfEveryCustomer() {
    for (String email : List.of("a@example.com", "b@example.com")) {
      beGateway.customers().create(new dev.payspec.begateway.generated.model.CustomerCreateRequest().email(email).ip("10.0.0.1"));
    }
    assertThat(beGateway.customers().list()).extracting(dev.payspec.begateway.generated.model.Customer::getEmail)
        .containsExactly("a@example.com", "b@example.com");
  }

  @Test
  void aScriptedStatusIsAnsweredWithTheDocumentedBody() {
    stancerFake.nextCall("getCustomer").respond(503);
    assertThatThrownBy(() -> stancer.customers().retrieve("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
        .isInstanceOf(ServerException.class)
        .satisfies(e -> assertThat(((ServerException) e).getHttpStatus()).isEqualTo(503))
        .satisfies(e -> assertThat(((ServerException) e).getRawBody()).contains("error"));
  }

  @Test
  void aScriptedConflictNamesTheGivenCustomer() {
    stancerFake.nextCall("createCustomer").conflictWith("cust_AAAAAAAAAAAAAAAAAAAAAAAA");
    assertThatThrownBy(() -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")))
        .isInstanceOf(ConflictException.class)
        .satisfies(e -> assertThat(((ConflictException) e).getExistingId()).contains("cust_AAAAAAAAAAAAAAAAAAAAAAAA"));
  }

  @Test
  void aScriptedDelayOutlastsTheClientsTimeout() {
    stancerFake.nextCall("getCustomer").delay(Duration.ofMillis(1500)).proceed();
    assertThatThrownBy(() -> stancer.customers().retrieve("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"))
        .isInstanceOf(ConnectionException.class);
  }

  @Test
  void aScriptedDropIsAConnectionFailureAndTheNextCallIsServed() {
    stancerFake.nextCall("createCustomer").dropConnection();
    assertThatThrownBy(() -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")))
        .isInstanceOf(ConnectionException.class);
    assertThat(stancer.customers().create(new CustomerCreateRequest().email("david@example.net")).getId()).isNotNull();
    assertThat(stancerFake.requests("createCustomer")).hasSize(2);
  }

  @Test
  void aDelayedCallOfAnEarlierTestChangesNothingAfterAReset() throws Exception {
    StancerClient impatient = StancerClient.builder().apiKey(STANCER_KEY).baseUrl(stancerFake.baseUrl())
        .maxRetries(0).readTimeout(Duration.ofMillis(200)).build();
    stancerFake.nextCall("createCustomer").delay(Duration.ofMillis(1000)).proceed();
    assertThatThrownBy(() -> impatient.customers().create(new CustomerCreateRequest().email("david@example.net")))
        .isInstanceOf(ConnectionException.class);

    stancerFake.reset(); // the next test starts while the fake still holds the slow call
    Thread.sleep(1500); // the slow call ends meanwhile

    assertThat(stancerFake.customers()).as("the customer of the earlier test's slow call").isEmpty();
  }

  @Test
  void recordedRequestsKeepWhatTheClientSentButPrintNoCredentials() {
    stancer.customers().create(new CustomerCreateRequest().email("david@example.net"));
    RecordedRequest request = stancerFake.requests().get(0);
    assertThat(request.header("Authorization")).get().asString().startsWith("Basic ");
    assertThat(request.body()).contains("david@example.net");
    assertThat(request.toString()).doesNotContain("david@example.net").doesNotContain("Basic");
  }

  @Test
  void nextCallOfAnUnknownOperationIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> stancerFake.nextCall("listCustomers"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("createCustomer");
  }

  /** The spec's id pattern, or, where the spec states none (beGateway), the shape of its example id. */
  static Pattern idPattern(String api) {
    SpecDocument spec = SpecDocument.load(api);
    JsonNode pattern = spec.deref(spec.root.at("/components/schemas/CustomerId")).path("pattern");
    if (!pattern.isMissingNode()) {
      return Pattern.compile(pattern.asText());
    }
    String example = spec.root.at("/paths/~1customers~1{customer_id}/get/parameters/0/example").asText();
    assertThat(example).as("the example id of %s", api).isNotEmpty();
    return Pattern.compile(IdGenerator.likeExample(example).pattern());
  }

  static HttpResponse<String> send(FakeApi fake, String method, String path, String body) throws Exception {
    String credentials = fake.api().startsWith("stancer") ? STANCER_KEY + ":" : "361:secret";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
