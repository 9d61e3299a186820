package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.payspec.FaultServer.Behaviour;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.okhttp.OkHttpEngine;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is OkHttp's own in {@link OkHttpEngine}, against real local servers: a user's client with its
 * own TLS, redirects left unfollowed, cancellation, what closing ends, the builder's checks and the
 * README's example. The rest (deadlines, attempts counted at the server, error mapping, async calls,
 * the wire log) is the wrapper's own tests, run again over this engine by this module's build.
 */
class OkHttpEngineTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String PATH = "/v1/customers/" + Fixtures.STANCER_ID;

  @TempDir
  static Path dir;

  private static KeyStore keys;
  private static HttpsServer https;
  private static FaultServer faults;

  @BeforeAll
  static void start() throws Exception {
    keys = UserHttpClientTest.selfSigned(dir.resolve("server.p12"));
    https = UserHttpClientTest.httpsServer(keys, OkHttpEngineTest::customer);
    faults = new FaultServer();
  }

  @AfterAll
  static void stop() throws Exception {
    https.stop(0);
    faults.close();
  }

  private static StancerClient.Builder stancer(String baseUrl) {
    return StancerClient.builder().apiKey(Fixtures.STANCER_KEY).baseUrl(baseUrl);
  }

  @Test
  void aUsersClientWithItsOwnSslSocketFactoryReachesAServerWithASelfSignedCertificate() throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    OkHttpClient okHttp = new OkHttpClient.Builder()
        .sslSocketFactory(context.getSocketFactory(), (X509TrustManager) trust.getTrustManagers()[0]).build();
    String baseUrl = "https://localhost:" + https.getAddress().getPort() + "/v1";

    StancerClient stancer = stancer(baseUrl).httpEngine(OkHttpEngine.create(okHttp)).build();

    assertThat(stancer.customers().retrieve(Fixtures.STANCER_ID).getId()).isEqualTo(Fixtures.STANCER_ID);
    assertThat(stancer.async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS).getId())
        .isEqualTo(Fixtures.STANCER_ID);
    // With OkHttp's default trust the certificate is refused, before the request could leave.
    StancerClient defaults = stancer(baseUrl).maxRetries(0).httpEngine(OkHttpEngine.create()).build();
    ConnectionException refused = catchThrowableOfType(ConnectionException.class,
        () -> defaults.customers().create(new CustomerCreateRequest().email("david@example.net")));
    assertThat(refused).isNotNull();
    assertThat(refused.getMessage()).containsIgnoringCase("SSL");
    assertThat(refused.isRequestSent()).isFalse();
    stancer.close();
    defaults.close();
  }

  @Test
  void aRedirectIsAnAnswerNeverFollowedEvenByAUsersClientThatFollowsThem() {
    server.stubFor(post("/v1/customers/").willReturn(aResponse().withStatus(307).withHeader("Location", "/v1/elsewhere")));
    OkHttpClient following = new OkHttpClient.Builder().followRedirects(true).followSslRedirects(true).build();
    StancerClient stancer = Fixtures.stancer(server).maxRetries(2).httpEngine(OkHttpEngine.create(following)).build();

    PayspecException e = catchThrowableOfType(PayspecException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")));

    assertThat(e.getHttpStatus()).isEqualTo(307);
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void aUsersClientThatRetriesOnConnectionFailureNeverSendsACreateTwice() {
    faults.reset(Behaviour.CLOSED_BEFORE_ANSWER);
    OkHttpClient retrying = new OkHttpClient.Builder().retryOnConnectionFailure(true).build();
    StancerClient stancer = stancer(faults.baseUrl() + "/v1").maxRetries(3).httpEngine(OkHttpEngine.create(retrying)).build();

    ConnectionException e = catchThrowableOfType(ConnectionException.class,
        () -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")));

    assertThat(e.isRequestSent()).isTrue();
    assertThat(faults.requests).containsExactly("POST /v1/customers/");
  }

  @Test
  void cancellingAnAsyncCallClosesItsConnectionAtOnce() throws Exception {
    faults.reset(Behaviour.STALLED_BODY);
    faults.okBody = Fixtures.STANCER_CUSTOMER;
    StancerClient stancer = stancer(faults.baseUrl() + "/v1").readTimeout(Duration.ofSeconds(60)).maxRetries(0)
        .httpEngine(OkHttpEngine.create()).build();
    int before = faults.open.get();

    CompletableFuture<Customer> future = stancer.async().customers().retrieve(Fixtures.STANCER_ID);
    awaitOpen(before + 1);
    // Cancelled once the server holds the request (its body stalled), not merely the connection.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (faults.requests.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(future.cancel(true)).isTrue();

    awaitOpen(before);
    assertThat(faults.requests).hasSize(1);
    stancer.close();
  }

  @Test
  void closingAClientEndsTheOkHttpClientItBuiltItselfItsThreadsAndConnections() throws Exception {
    faults.reset(Behaviour.OK);
    faults.okBody = Fixtures.STANCER_CUSTOMER;
    Set<String> earlier = threadNames();
    OkHttpEngine engine = OkHttpEngine.create();
    StancerClient stancer = stancer(faults.baseUrl() + "/v1").httpEngine(engine).build();
    int before = faults.open.get();
    stancer.async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS);
    stancer.customers().retrieve(Fixtures.STANCER_ID);
    assertThat(engine.ownsItsClient()).isTrue();
    assertThat(faults.open.get()).as("the pooled connection").isEqualTo(before + 1);
    String dispatcher = threadNames().stream().filter(name -> name.startsWith("payspec-okhttp-") && !earlier.contains(name))
        .findFirst().orElseThrow(() -> new AssertionError("no dispatcher thread of the engine's own"));
    String prefix = dispatcher.substring(0, dispatcher.lastIndexOf('-') + 1);
    assertThat(threads(prefix)).isPositive();

    stancer.close();

    awaitOpen(before);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (threads(prefix) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(threads(prefix)).as("%s* threads alive", prefix).isZero();
    assertThatThrownBy(() -> stancer.customers().retrieve(Fixtures.STANCER_ID)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingAClientLeavesAUsersOkHttpClientOpenForItsOtherClients() throws Exception {
    faults.reset(Behaviour.OK);
    faults.okBody = Fixtures.STANCER_CUSTOMER;
    OkHttpClient okHttp = new OkHttpClient();
    OkHttpEngine shared = OkHttpEngine.create(okHttp);
    StancerClient first = stancer(faults.baseUrl() + "/v1").httpEngine(shared).build();
    StancerClient second = stancer(faults.baseUrl() + "/v1").httpEngine(shared).build();
    first.async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS);

    first.close();

    assertThat(shared.ownsItsClient()).isFalse();
    assertThat(okHttp.dispatcher().executorService().isShutdown()).isFalse();
    assertThat(okHttp.connectionPool().connectionCount()).as("payspec's calls used the user's pool").isEqualTo(1);
    assertThat(second.customers().retrieve(Fixtures.STANCER_ID).getId()).isEqualTo(Fixtures.STANCER_ID);
    assertThat(okHttp.connectionPool().connectionCount()).isEqualTo(1);
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
  }

  @Test
  void theBuilderRefusesANullClientAndTwoWaysToSendSayingWhatToDo() {
    assertThatThrownBy(() -> OkHttpEngine.create(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("OkHttpEngine.create()");
    assertThatThrownBy(() -> StancerClient.builder().httpEngine(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("leave it unset");
    HttpClient jdk = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    assertThatThrownBy(() -> StancerClient.builder().httpClient(jdk).httpEngine(OkHttpEngine.create(new OkHttpClient())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("give one of them");
    assertThatThrownBy(() -> BeGatewayClient.builder().httpEngine(OkHttpEngine.create(new OkHttpClient())).httpClient(jdk))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("give one of them");
  }

  /** A raw response's headers are found by any case of their names, as with the JDK's client (OkHttp keeps them in lower case). */
  @Test
  void aRawResponsesHeadersAreFoundInAnyCaseAsWithTheJdkClient() {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER).withHeader("X-Request-Id", "req_42")));
    try (StancerClient stancer = stancer(server.baseUrl() + "/v1").httpEngine(OkHttpEngine.create()).build()) {
      RawResponse<Customer> raw = stancer.withRawResponse().customers().retrieve(Fixtures.STANCER_ID);

      assertThat(raw.headers().get("X-Request-Id")).containsExactly("req_42");
      assertThat(raw.headers().get("x-request-id")).containsExactly("req_42");
      assertThat(raw.headers()).containsKey("Content-Type");
      assertThat(raw.requestId()).contains("req_42");
    }
  }

  /** The README's example (Sending with OkHttp) as written there, with the tests' key, and a local server for the first. */
  @Test
  void readmeExampleSendsWithOkHttp() {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER)));
    String baseUrl = server.baseUrl() + "/v1";

    // payspec's own OkHttp client, ended when the payspec client is closed:
    try (StancerClient stancer = StancerClient.builder().apiKey(Fixtures.STANCER_KEY).baseUrl(baseUrl)
        .httpEngine(OkHttpEngine.create()).build()) {
      stancer.customers().retrieve("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");
    }

    // Or yours (TLS, proxy, interceptors...), shared between payspec clients; you close it:
    OkHttpClient okHttp = new OkHttpClient.Builder()
        .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.internal", 3128)))
        .build();
    StancerClient viaProxy = StancerClient.builder().apiKey(Fixtures.STANCER_KEY)
        .httpEngine(OkHttpEngine.create(okHttp)).build();

    server.verify(1, anyRequestedFor(anyUrl()));
    assertThat(viaProxy.toString()).contains("https://api.stancer.com/v1");
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
  }

  private static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
  }

  private static void awaitOpen(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (faults.open.get() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(faults.open.get()).as("connections open at the server").isEqualTo(expected);
  }

  private static void customer(HttpExchange exchange) throws IOException {
    byte[] body = Fixtures.STANCER_CUSTOMER.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
