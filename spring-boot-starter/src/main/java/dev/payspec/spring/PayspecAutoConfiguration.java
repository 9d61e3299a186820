package dev.payspec.spring;

import dev.payspec.ClientBuilder;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.v2.StancerV2Client;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConfigurationCondition.ConfigurationPhase;

/**
 * Makes a {@link StancerClient} when {@code payspec.stancer.api-key} is set, a {@link StancerV2Client}
 * when {@code payspec.stancer-v2.api-key} is set and a {@link BeGatewayClient} when
 * {@code payspec.begateway.shop-id} or {@code secret-key} is set, from the {@code payspec.*}
 * properties and then every customizer bean, unless the application defines its own client. A
 * missing or wrong value stops the start-up with a message that names the property, says how to
 * fix it, and never holds the secret; the builder's exception is its cause.
 */
@AutoConfiguration
@EnableConfigurationProperties(PayspecProperties.class)
public class PayspecAutoConfiguration {

  private static final String STANCER_KEY_FIX = "set it to the account's secret key, stest_... (test mode) or sprod_..."
      + " (live mode) followed by 24 letters or digits, such as %s=${STANCER_API_KEY}";

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "payspec.stancer", name = "api-key")
  public StancerClient stancerClient(PayspecProperties properties, ObjectProvider<StancerClientBuilderCustomizer> customizers) {
    PayspecProperties.Stancer stancer = properties.getStancer();
    StancerClient.Builder builder = StancerClient.builder();
    String apiKey = "payspec.stancer.api-key";
    set(apiKey, required(apiKey, stancer.getApiKey(), STANCER_KEY_FIX.formatted(apiKey)), builder::apiKey,
        STANCER_KEY_FIX.formatted(apiKey));
    apply("payspec.stancer", stancer, builder);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "payspec.stancer-v2", name = "api-key")
  public StancerV2Client stancerV2Client(PayspecProperties properties,
      ObjectProvider<StancerV2ClientBuilderCustomizer> customizers) {
    PayspecProperties.StancerV2 stancer = properties.getStancerV2();
    StancerV2Client.Builder builder = StancerV2Client.builder();
    String apiKey = "payspec.stancer-v2.api-key";
    set(apiKey, required(apiKey, stancer.getApiKey(), STANCER_KEY_FIX.formatted(apiKey)), builder::apiKey,
        STANCER_KEY_FIX.formatted(apiKey));
    apply("payspec.stancer-v2", stancer, builder);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean
  @Conditional(BeGatewayConfigured.class)
  public BeGatewayClient beGatewayClient(PayspecProperties properties,
      ObjectProvider<BeGatewayClientBuilderCustomizer> customizers) {
    PayspecProperties.BeGateway beGateway = properties.getBegateway();
    BeGatewayClient.Builder builder = BeGatewayClient.builder()
        .baseUrl(beGateway.getBrand() == PayspecProperties.Brand.ECOMCHARGE
            ? BeGatewayClient.ECOMCHARGE_BASE_URL : BeGatewayClient.BEPAID_BASE_URL);
    String shopIdFix = "set it to your shop's id from the beGateway back office, with payspec.begateway.secret-key";
    set("payspec.begateway.shop-id", required("payspec.begateway.shop-id", beGateway.getShopId(), shopIdFix),
        builder::shopId, shopIdFix);
    String secretKeyFix = "set it to your shop's secret key from the beGateway back office, such as"
        + " payspec.begateway.secret-key=${BEGATEWAY_SECRET_KEY}, with payspec.begateway.shop-id";
    set("payspec.begateway.secret-key", required("payspec.begateway.secret-key", beGateway.getSecretKey(), secretKeyFix),
        builder::secretKey, secretKeyFix);
    apply("payspec.begateway", beGateway, builder);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** The beGateway client is wanted as soon as one of its credentials is set: the other one missing is an error. */
  static class BeGatewayConfigured extends AnyNestedCondition {

    BeGatewayConfigured() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = "payspec.begateway", name = "shop-id")
    static class ShopId {
    }

    @ConditionalOnProperty(prefix = "payspec.begateway", name = "secret-key")
    static class SecretKey {
    }
  }

  private static void apply(String prefix, PayspecProperties.Client options, ClientBuilder<?> builder) {
    set(prefix + ".base-url", options.getBaseUrl(), builder::baseUrl, "set it to the API's https URL (plain http only"
        + " for a loopback host such as 127.0.0.1), with no user:password@, query or fragment, or remove it for the"
        + " provider's own");
    String durationFix = "set it to a duration from 1ms to 10m, such as 5s, or remove it for the default";
    set(prefix + ".connect-timeout", options.getConnectTimeout(), builder::connectTimeout, durationFix);
    set(prefix + ".read-timeout", options.getReadTimeout(), builder::readTimeout, durationFix);
    set(prefix + ".call-timeout", options.getCallTimeout(), builder::callTimeout, durationFix);
    set(prefix + ".max-retries", options.getMaxRetries(), builder::maxRetries,
        "set it to a number from 0 (no retry) to " + ClientBuilder.MAX_RETRIES_LIMIT + ", or remove it for the default ("
            + ClientBuilder.DEFAULT_MAX_RETRIES + ")");
    set(prefix + ".user-agent-suffix", options.getUserAgentSuffix(), builder::userAgentSuffix,
        "set it to printable ASCII text on one line, such as my-shop/2.1, or remove it");
  }

  /** {@code value}, or a start-up error naming {@code property} when it is unset or blank. */
  private static String required(String property, String value, String fix) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(property + " is " + (value == null ? "not set" : "empty") + ": " + fix);
    }
    return value;
  }

  /**
   * Gives {@code value}, unless null, to the builder's {@code setter}; a value the builder refuses
   * stops the start-up with {@code property}'s name, the builder's reason (which never holds a
   * secret) and {@code fix}, the builder's exception as the cause.
   */
  private static <T> void set(String property, T value, Consumer<T> setter, String fix) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new IllegalStateException(property + " is invalid (" + e.getMessage() + "): " + fix, e);
    }
  }

  /**
   * With payspec-micrometer on the class path, every client's calls are observed with the
   * application's {@code ObservationRegistry} (timer, retry counter, span), when it has one.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"dev.payspec.micrometer.PayspecObservation", "io.micrometer.observation.ObservationRegistry"})
  static class Observations {

    @Bean
    StancerClientBuilderCustomizer payspecStancerObservations(
        ObjectProvider<io.micrometer.observation.ObservationRegistry> registry) {
      return builder -> registry.ifAvailable(r -> builder.listener(new dev.payspec.micrometer.PayspecObservation(r)));
    }

    @Bean
    StancerV2ClientBuilderCustomizer payspecStancerV2Observations(
        ObjectProvider<io.micrometer.observation.ObservationRegistry> registry) {
      return builder -> registry.ifAvailable(r -> builder.listener(new dev.payspec.micrometer.PayspecObservation(r)));
    }

    @Bean
    BeGatewayClientBuilderCustomizer payspecBeGatewayObservations(
        ObjectProvider<io.micrometer.observation.ObservationRegistry> registry) {
      return builder -> registry.ifAvailable(r -> builder.listener(new dev.payspec.micrometer.PayspecObservation(r)));
    }
  }

  /**
   * Masks payspec's secrets in the actuator's {@code configprops} and {@code env} endpoints, even
   * when an application shows their values ({@code management.endpoint.*.show-values=always}): the
   * {@code payspec.*} secret properties by name, and any other property whose value is one of
   * theirs, such as the {@code STANCER_API_KEY} environment variable of
   * {@code payspec.stancer.api-key=${STANCER_API_KEY}}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SanitizingFunction.class)
  static class SecretsInTheActuator {

    // Compared without case or separators, so that api-key, apiKey and PAYSPEC_STANCER_API_KEY all match.
    private static final Set<String> SECRETS = Set.of("payspecstancerapikey", "payspecstancerv2apikey",
        "payspecbegatewaysecretkey");

    @Bean
    SanitizingFunction payspecSecretsSanitizer(ObjectProvider<PayspecProperties> properties) {
      return data -> {
        if (SECRETS.contains(data.getKey().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT))) {
          return data.withValue(SanitizableData.SANITIZED_VALUE);
        }
        Object value = data.getValue();
        PayspecProperties payspec = properties.getIfAvailable();
        if (value == null || payspec == null) {
          return data;
        }
        String shown = value.toString().strip();
        boolean secret = Stream.of(payspec.getStancer().getApiKey(), payspec.getStancerV2().getApiKey(),
                payspec.getBegateway().getSecretKey())
            .anyMatch(key -> key != null && !key.isBlank() && key.strip().equals(shown));
        return secret ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
      };
    }
  }
}
