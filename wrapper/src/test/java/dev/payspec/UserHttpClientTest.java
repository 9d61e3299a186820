package dev.payspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.payspec.stancer.StancerClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own JDK client ({@code ClientBuilder.httpClient(...)}) with its settings: a custom
 * {@link SSLContext} that trusts a real local HTTPS server's self-signed certificate, and a proxy
 * that every request goes through.
 */
class UserHttpClientTest {

  static final char[] PASSWORD = "changeit".toCharArray();
  private static final String PATH = "/v1/customers/" + Fixtures.STANCER_ID;

  @TempDir
  static Path dir;

  private static KeyStore keys;
  private static HttpsServer https;
  private static HttpServer origin;
  private static HttpServer proxy;
  private static final List<String> proxied = new CopyOnWriteArrayList<>();
  private static final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    keys = selfSigned(dir.resolve("server.p12"));
    https = httpsServer(keys, UserHttpClientTest::customer);

    origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    origin.createContext("/", UserHttpClientTest::customer);
    origin.start();

    proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", UserHttpClientTest::forward);
    proxy.start();
  }

  /** A started loopback HTTPS server presenting the certificate of {@code keys}, answering with {@code handler}. */
  static HttpsServer httpsServer(KeyStore keys, com.sun.net.httpserver.HttpHandler handler) throws Exception {
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext("/", handler);
    server.start();
    return server;
  }

  @AfterAll
  static void stop() {
    https.stop(0);
    origin.stop(0);
    proxy.stop(0);
  }

  @Test
  void aClientWithTheUsersSslContextReachesAServerWithASelfSignedCertificate() throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(context).followRedirects(HttpClient.Redirect.NEVER).build();
    String baseUrl = "https://localhost:" + https.getAddress().getPort() + "/v1";

    StancerClient stancer = StancerClient.builder().apiKey(Fixtures.STANCER_KEY).baseUrl(baseUrl).httpClient(http).build();

    assertThat(stancer.customers().retrieve(Fixtures.STANCER_ID).getId()).isEqualTo(Fixtures.STANCER_ID);
    assertThat(stancer.async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS).getId())
        .isEqualTo(Fixtures.STANCER_ID);
    // Without it, the JDK's default trust refuses the certificate: the test is not passing by accident.
    StancerClient defaults = StancerClient.builder().apiKey(Fixtures.STANCER_KEY).baseUrl(baseUrl).maxRetries(0).build();
    ConnectionException refused = catchThrowableOfType(ConnectionException.class,
        () -> defaults.customers().retrieve(Fixtures.STANCER_ID));
    assertThat(refused).isNotNull();
    assertThat(refused.getMessage()).containsIgnoringCase("SSL");
    assertThat(refused.getPhase()).isEqualTo(ConnectionException.Phase.TLS);
  }

  @Test
  void aClientWithTheUsersProxySendsEveryCallThroughIt() throws Exception {
    proxied.clear();
    authorizations.clear();
    HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.of(proxy.getAddress()))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String baseUrl = "http://127.0.0.1:" + origin.getAddress().getPort() + "/v1";

    StancerClient stancer = StancerClient.builder().apiKey(Fixtures.STANCER_KEY).baseUrl(baseUrl).httpClient(http).build();
    stancer.customers().retrieve(Fixtures.STANCER_ID);
    stancer.async().customers().retrieve(Fixtures.STANCER_ID).get(10, TimeUnit.SECONDS);

    assertThat(proxied).containsExactly("GET " + baseUrl.replace("/v1", "") + PATH, "GET " + baseUrl.replace("/v1", "") + PATH);
    assertThat(authorizations).hasSize(2).allMatch(value -> value.startsWith("Basic "));
  }

  private static void customer(HttpExchange exchange) throws IOException {
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    byte[] body = Fixtures.STANCER_CUSTOMER.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** A forward proxy: the request line holds the absolute URL, which it fetches and answers with. */
  private static void forward(HttpExchange exchange) throws IOException {
    URI target = exchange.getRequestURI();
    proxied.add(exchange.getRequestMethod() + " " + target);
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5));
    Set<String> hopByHop = Set.of("host", "connection", "content-length", "proxy-connection", "upgrade", "http2-settings");
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!hopByHop.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    byte[] sent;
    try (InputStream in = exchange.getRequestBody()) {
      sent = in.readAllBytes();
    }
    request.method(exchange.getRequestMethod(), sent.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(sent));
    try {
      HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      answer.headers().firstValue("content-type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
      exchange.getResponseBody().write(answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(502, -1);
    }
    exchange.close();
  }

  /** A key pair and a self-signed certificate for localhost and 127.0.0.1, made by the JDK's keytool (also for the transport modules' tests). */
  static KeyStore selfSigned(Path file) throws Exception {
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as("keytool: %s", output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
