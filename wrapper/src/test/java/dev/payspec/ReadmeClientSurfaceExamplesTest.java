package dev.payspec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.Customer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's examples of per-request options, async calls, raw responses and the user's HTTP
 * client, as written there, run against a real local server: they compile and do what the README
 * says.
 */
class ReadmeClientSurfaceExamplesTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String PATH = "/v1/customers/" + Fixtures.STANCER_ID;

  private final StancerClient stancer = Fixtures.stancer(server).build();

  @Test
  void optionsForSomeCalls() {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER)));

    RequestOptions options = RequestOptions.builder()
        .timeout(Duration.ofSeconds(5))       // this call's readTimeout; its deadline is connectTimeout + 5 s
        .maxRetries(0)                        // this call's retries
        .header("Prefer", "code=404")         // e.g. ask a Prism mock for its 404 example
        .build();
    Customer customer = stancer.withOptions(options).customers().retrieve("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");

    assertThat(customer.getId()).isEqualTo("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");
    server.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("Prefer", equalTo("code=404")));
  }

  @Test
  void asyncCalls() {
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(404)));
    String printed = printed(() -> {
      CompletableFuture<Customer> future = stancer.async().customers().retrieve("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");
      future.thenAccept(customer -> System.out.println(customer.getId()))
          .exceptionally(failure -> {
            if (failure instanceof CompletionException e && e.getCause() instanceof NotFoundException) {
              System.out.println("no such customer");
            }
            return null;
          }).join();
    });
    assertThat(printed).isEqualTo("no such customer");
  }

  @Test
  void rawResponses() {
    server.stubFor(get(PATH).willReturn(okJson(Fixtures.STANCER_CUSTOMER).withHeader("X-Request-Id", "req_1")));
    String printed = printed(() -> {
      RawResponse<Customer> raw = stancer.withRawResponse().customers().retrieve("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");
      System.out.println(raw.statusCode() + " " + raw.requestId().orElse("no request id") + " " + raw.value().getId());
    });
    assertThat(printed).isEqualTo("200 req_1 cust_9Cle7TXKkjhwqcWx4Kl5cQYk");
  }

  @Test
  void yourOwnHttpClient() throws Exception {
    SSLContext sslContext = SSLContext.getDefault();
    ExecutorService executor = Executors.newFixedThreadPool(4);
    HttpClient http = HttpClient.newBuilder()
        .sslContext(sslContext)                                    // e.g. trusting your own CA
        .proxy(ProxySelector.of(new InetSocketAddress("proxy.internal", 3128)))
        .executor(executor)
        .version(HttpClient.Version.HTTP_2)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    StancerClient viaProxy = StancerClient.builder().apiKey(Fixtures.STANCER_KEY).httpClient(http).build();

    assertThat(viaProxy.toString()).contains("https://api.stancer.com/v1");
    executor.shutdown();
  }

  private static String printed(Runnable example) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      example.run();
    } finally {
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8).strip();
  }
}
