package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets never reach a log line, an exception message or a {@code toString()}, at the most
 * verbose log level (this module's tests run SLF4J at TRACE); the User-Agent names payspec; and one
 * client serves many threads.
 */
class SecretsAndSharingTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void secretsAppearInNoLogLineAndNoExceptionAtTraceLevel() throws Exception {
    server.stubFor(get("/v1/customers/" + Fixtures.STANCER_ID).willReturn(okJson(Fixtures.STANCER_CUSTOMER)));
    server.stubFor(post("/v1/customers/").willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"You are not authorized to access that resource\"}}")));
    server.stubFor(get("/customers").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    StancerClient stancer = Fixtures.stancer(server).build();
    BeGatewayClient beGateway = Fixtures.beGateway(server).maxRetries(1).build();
    List<Object> seen = new ArrayList<>(List.of(stancer, beGateway, Fixtures.stancer(server), Fixtures.beGateway(server)));

    String log = captureStandardError(() -> {
      stancer.customers().retrieve(Fixtures.STANCER_ID);
      seen.add(caught(() -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net"))));
      seen.add(caught(() -> beGateway.customers().list()));
      seen.add(caught(() -> BeGatewayClient.bePaid(" ", Fixtures.SHOP_SECRET)));
    });

    assertThat(log).as("the wire log is on").contains("Authorization: " + "(redacted)").contains("---> GET");
    for (String secret : secrets()) {
      assertThat(log).as("log").doesNotContain(secret);
      for (Object object : seen) {
        assertThat(String.valueOf(object)).as("toString of %s", object.getClass().getSimpleName()).doesNotContain(secret);
        if (object instanceof Throwable t) {
          assertThat(t.getMessage()).doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void userAgentNamesPayspecTheProviderJavaAndTheSuffix() {
    server.stubFor(get("/customers").willReturn(okJson("[]")));

    Fixtures.beGateway(server).userAgentSuffix("my-shop/2.1").build().customers().list();

    server.verify(getRequestedFor(urlEqualTo("/customers")).withHeader("User-Agent",
        matching("payspec-java/\\S+ \\(begateway; Java \\d+; [0-9.]+\\) my-shop/2\\.1")));
  }

  @Test
  void oneClientServesManyThreadsAtOnce() throws Exception {
    server.stubFor(get("/customers/" + Fixtures.BEGATEWAY_ID).willReturn(okJson(Fixtures.BEGATEWAY_CUSTOMER)));
    server.stubFor(get("/customers").willReturn(okJson(Fixtures.BEGATEWAY_LIST)));
    BeGatewayClient shared = Fixtures.beGateway(server).build();
    int threads = 32;
    int callsEach = 25;

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(pool.submit(() -> {
        int ok = 0;
        for (int i = 0; i < callsEach; i++) {
          ok += shared.customers().retrieve(Fixtures.BEGATEWAY_ID).getId().equals(Fixtures.BEGATEWAY_ID) ? 1 : 0;
          ok += shared.customers().list().size() == 2 ? 1 : 0;
        }
        return ok;
      }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    int total = 0;
    for (Future<Integer> result : results) {
      total += result.get();
    }
    assertThat(total).isEqualTo(threads * callsEach * 2);
    server.verify(threads * callsEach * 2, anyRequestedFor(anyUrl()));
  }

  /** Each secret as given and as it travels in the Authorization header. */
  private static List<String> secrets() {
    Base64.Encoder base64 = Base64.getEncoder();
    return List.of(
        Fixtures.STANCER_KEY,
        Fixtures.SHOP_SECRET,
        base64.encodeToString((Fixtures.STANCER_KEY + ":").getBytes(StandardCharsets.UTF_8)),
        base64.encodeToString((Fixtures.SHOP_ID + ":" + Fixtures.SHOP_SECRET).getBytes(StandardCharsets.UTF_8)));
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
  private static String captureStandardError(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    original.print(log);
    return log;
  }
}
