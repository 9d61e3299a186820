package dev.payspec.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A missing or wrong value of each client's properties stops a real Spring context's start with a
 * message that names the property the user sets and says how to fix it, never the secret, with the
 * builder's exception as its cause when the builder refused the value.
 */
class ConfigurationErrorsNameThePropertyTest {

  private static final String KEY = "stest_abcdefghijklmnopqrstuvwx";
  private static final String PUBLIC_KEY = "ptest_abcdefghijklmnopqrstuvwx";
  private static final String SECRET = "b8647b68898b084b836474ed8d61ffe1";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PayspecAutoConfiguration.class));

  static Stream<Arguments> wrongConfigurations() {
    return Stream.of(
        // property in error, the start of the message, the builder's reason (null when the starter finds it missing), properties
        Arguments.of("payspec.stancer.api-key", "is invalid (apiKey is not a Stancer key", true,
            new String[] {"payspec.stancer.api-key=stest_short"}),
        Arguments.of("payspec.stancer.api-key", "is empty: set it to the account's secret key", false,
            new String[] {"payspec.stancer.api-key="}),
        Arguments.of("payspec.stancer.base-url", "is invalid (baseUrl must use https", true,
            new String[] {"payspec.stancer.api-key=" + KEY, "payspec.stancer.base-url=http://example.com"}),
        Arguments.of("payspec.stancer.max-retries", "is invalid (maxRetries must be between 0 and 10", true,
            new String[] {"payspec.stancer.api-key=" + KEY, "payspec.stancer.max-retries=11"}),
        Arguments.of("payspec.stancer-v2.api-key", "is invalid (apiKey is a public key", true,
            new String[] {"payspec.stancer-v2.api-key=" + PUBLIC_KEY}),
        Arguments.of("payspec.stancer-v2.api-key", "is empty: set it to the account's secret key", false,
            new String[] {"payspec.stancer-v2.api-key="}),
        Arguments.of("payspec.stancer-v2.connect-timeout", "is invalid (connectTimeout must be positive", true,
            new String[] {"payspec.stancer-v2.api-key=" + KEY, "payspec.stancer-v2.connect-timeout=0s"}),
        Arguments.of("payspec.stancer-v2.user-agent-suffix", "is invalid (userAgentSuffix must be printable ASCII", true,
            new String[] {"payspec.stancer-v2.api-key=" + KEY, "payspec.stancer-v2.user-agent-suffix=café"}),
        Arguments.of("payspec.begateway.secret-key", "is not set: set it to your shop's secret key", false,
            new String[] {"payspec.begateway.shop-id=361"}),
        Arguments.of("payspec.begateway.shop-id", "is not set: set it to your shop's id", false,
            new String[] {"payspec.begateway.secret-key=" + SECRET}),
        Arguments.of("payspec.begateway.shop-id", "is invalid (shopId must not contain ':'", true,
            new String[] {"payspec.begateway.shop-id=36:1", "payspec.begateway.secret-key=" + SECRET}),
        Arguments.of("payspec.begateway.call-timeout", "is invalid (callTimeout must be between 1 ms and 10 minutes", true,
            new String[] {"payspec.begateway.shop-id=361", "payspec.begateway.secret-key=" + SECRET,
                "payspec.begateway.call-timeout=11m"}),
        Arguments.of("payspec.begateway.read-timeout", "is invalid (readTimeout must be positive", true,
            new String[] {"payspec.begateway.shop-id=361", "payspec.begateway.secret-key=" + SECRET,
                "payspec.begateway.read-timeout=-1s"}));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("wrongConfigurations")
  void theStartStopsNamingThePropertyAndHowToFixIt(String property, String message, boolean builderRefused,
      String[] properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      List<Throwable> chain = new ArrayList<>();
      for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
        chain.add(t);
      }
      Throwable named = chain.stream().filter(t -> String.valueOf(t.getMessage()).startsWith(property + " "))
          .findFirst().orElseThrow(() -> new AssertionError("no exception names " + property + " first: " + chain));
      assertThat(named).isInstanceOf(IllegalStateException.class);
      assertThat(named.getMessage()).startsWith(property + " " + message).contains(": set it to");
      if (builderRefused) {
        assertThat(named.getCause()).as("the builder's exception, kept as the cause")
            .isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class)
            .satisfies(cause -> assertThat(named.getMessage()).contains(cause.getMessage()));
      } else {
        assertThat(named.getCause()).isNull();
      }
      for (Throwable t : chain) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET).doesNotContain(PUBLIC_KEY)
            .doesNotContain("stest_short");
      }
    });
  }
}
