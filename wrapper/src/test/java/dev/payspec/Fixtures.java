package dev.payspec;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import dev.payspec.http.HttpEngine;
import java.time.Duration;
import java.util.function.Supplier;

/** Credentials, ids and the docs' JSON shared by the wrapper's tests. */
public final class Fixtures {

  static final String STANCER_KEY = "stest_A1b2C3d4E5f6G7h8I9j0K1l2";
  static final String STANCER_LIVE_KEY = "sprod_A1b2C3d4E5f6G7h8I9j0K1l2";
  static final String STANCER_ID = "cust_9Cle7TXKkjhwqcWx4Kl5cQYk";
  static final String SHOP_ID = "361";
  static final String SHOP_SECRET = "b8647b68898b084b836474ed8d61ffe117c9a01168d867f24953b776ddcb134d";
  static final String BEGATEWAY_ID = "cst_7aee5afb954c7ef7";

  static final String STANCER_CUSTOMER = BundledSpec.load("stancer").json("/components/examples/CustomerFromDocs/value");
  static final String BEGATEWAY_CUSTOMER = BundledSpec.load("begateway").json("/components/examples/CustomerFromDocs/value");
  static final String BEGATEWAY_LIST = BundledSpec.load("begateway")
      .json("/paths/~1customers/get/responses/200/content/application~1json/examples/docs/value");

  private Fixtures() {}

  static StancerClient.Builder stancer(WireMockExtension server) {
    return engine(StancerClient.builder()).apiKey(STANCER_KEY).baseUrl(server.baseUrl() + "/v1")
        .readTimeout(Duration.ofSeconds(2));
  }

  static BeGatewayClient.Builder beGateway(WireMockExtension server) {
    return engine(BeGatewayClient.builder()).baseUrl(server.baseUrl()).shopId(SHOP_ID).secretKey(SHOP_SECRET)
        .readTimeout(Duration.ofSeconds(2));
  }

  /**
   * The class named by the system property {@code payspec.test.engine}, a {@code Supplier<HttpEngine>},
   * or null: the transport modules run these tests again with every client over their engine.
   */
  private static final String ENGINE = System.getProperty("payspec.test.engine");

  /** {@code builder} over the engine under test: a fresh one of {@link #ENGINE}, or the JDK's client when unset. */
  static <B extends ClientBuilder<B>> B engine(B builder) {
    HttpEngine engine = testEngine();
    return engine == null ? builder : builder.httpEngine(engine);
  }

  /** A fresh engine under test ({@link #ENGINE}), or null for the JDK's client: for tests below the clients. */
  @SuppressWarnings("unchecked")
  public static HttpEngine testEngine() {
    if (ENGINE == null || ENGINE.isBlank()) {
      return null;
    }
    try {
      return ((Supplier<HttpEngine>) Class.forName(ENGINE).getDeclaredConstructor().newInstance()).get();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("payspec.test.engine names no Supplier<HttpEngine> class: " + ENGINE, e);
    }
  }

  /**
   * Whether the engine under test resends a GET by itself when its connection closes before any
   * answer: the JDK's client does (once); an engine given by {@code payspec.test.engine} does not.
   */
  static boolean engineResendsAGetWhoseConnectionClosed() {
    return ENGINE == null || ENGINE.isBlank();
  }
}
