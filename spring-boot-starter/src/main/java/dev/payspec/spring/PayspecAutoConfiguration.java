package dev.payspec.spring;

import dev.payspec.ClientBuilder;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes a {@link StancerClient} when {@code payspec.stancer.api-key} is set and a
 * {@link BeGatewayClient} when {@code payspec.begateway.shop-id} is set, from the {@code payspec.*}
 * properties and then every customizer bean, unless the application defines its own client. A wrong
 * value stops the start-up with the builder's message, which names the property's option and never
 * the secret.
 */
@AutoConfiguration
@EnableConfigurationProperties(PayspecProperties.class)
public class PayspecAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "payspec.stancer", name = "api-key")
  public StancerClient stancerClient(PayspecProperties properties, ObjectProvider<StancerClientBuilderCustomizer> customizers) {
    PayspecProperties.Stancer stancer = properties.getStancer();
    StancerClient.Builder builder = StancerClient.builder().apiKey(stancer.getApiKey());
    apply(stancer, builder);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "payspec.begateway", name = "shop-id")
  public BeGatewayClient beGatewayClient(PayspecProperties properties,
      ObjectProvider<BeGatewayClientBuilderCustomizer> customizers) {
    PayspecProperties.BeGateway beGateway = properties.getBegateway();
    BeGatewayClient.Builder builder = BeGatewayClient.builder()
        .baseUrl(beGateway.getBrand() == PayspecProperties.Brand.ECOMCHARGE
            ? BeGatewayClient.ECOMCHARGE_BASE_URL : BeGatewayClient.BEPAID_BASE_URL)
        .shopId(beGateway.getShopId());
    if (beGateway.getSecretKey() == null) {
      throw new IllegalStateException("payspec.begateway.secret-key is not set: a beGateway client needs the shop's"
          + " secret key with payspec.begateway.shop-id");
    }
    builder.secretKey(beGateway.getSecretKey());
    apply(beGateway, builder);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  private static void apply(PayspecProperties.Client options, ClientBuilder<?> builder) {
    if (options.getBaseUrl() != null) {
      builder.baseUrl(options.getBaseUrl());
    }
    if (options.getConnectTimeout() != null) {
      builder.connectTimeout(options.getConnectTimeout());
    }
    if (options.getReadTimeout() != null) {
      builder.readTimeout(options.getReadTimeout());
    }
    if (options.getMaxRetries() != null) {
      builder.maxRetries(options.getMaxRetries());
    }
    if (options.getUserAgentSuffix() != null) {
      builder.userAgentSuffix(options.getUserAgentSuffix());
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
    BeGatewayClientBuilderCustomizer payspecBeGatewayObservations(
        ObjectProvider<io.micrometer.observation.ObservationRegistry> registry) {
      return builder -> registry.ifAvailable(r -> builder.listener(new dev.payspec.micrometer.PayspecObservation(r)));
    }
  }

  /**
   * Masks payspec's secrets in the actuator's {@code configprops} and {@code env} endpoints, even
   * when an application shows their values ({@code management.endpoint.*.show-values=always}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SanitizingFunction.class)
  static class SecretsInTheActuator {

    // Compared without case or separators, so that api-key, apiKey and PAYSPEC_STANCER_API_KEY all match.
    private static final Set<String> SECRETS = Set.of("payspecstancerapikey", "payspecbegatewaysecretkey");

    @Bean
    SanitizingFunction payspecSecretsSanitizer() {
      return data -> SECRETS.contains(data.getKey().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT))
          ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }
  }
}
