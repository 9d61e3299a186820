package dev.payspec.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.StancerClient;
import dev.payspec.testkit.FakeApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter in a real Spring application context, against the testkit's fakes. */
class PayspecAutoConfigurationTest {

  private static final String KEY = "stest_abcdefghijklmnopqrstuvwx";
  private static final FakeApi stancerFake = FakeApi.start("stancer");
  private static final FakeApi beGatewayFake = FakeApi.start("begateway");

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PayspecAutoConfiguration.class));

  @org.junit.jupiter.api.BeforeEach
  void emptyTheFakes() {
    stancerFake.reset();
    beGatewayFake.reset();
  }

  @AfterAll
  static void stop() {
    stancerFake.close();
    beGatewayFake.close();
  }

  @Test
  void propertiesAloneGiveWorkingClients() {
    runner.withPropertyValues("payspec.stancer.api-key=" + KEY, "payspec.stancer.base-url=" + stancerFake.baseUrl(),
            "payspec.begateway.shop-id=361", "payspec.begateway.secret-key=secret",
            "payspec.begateway.base-url=" + beGatewayFake.baseUrl())
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(StancerClient.class).hasSingleBean(BeGatewayClient.class);
          var created = context.getBean(StancerClient.class).customers()
              .create(new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net"));
          assertThat(stancerFake.customers()).containsKey(created.getId());
          context.getBean(BeGatewayClient.class).customers()
              .create(new CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1"));
          assertThat(beGatewayFake.requests("createCustomer")).isNotEmpty();
        });
  }

  @Test
  void noCredentialsNoClient() {
    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(StancerClient.class).doesNotHaveBean(BeGatewayClient.class));
  }

  @Test
  void optionsFromPropertiesReachTheClient() {
    runner.withPropertyValues("payspec.stancer.api-key=" + KEY, "payspec.stancer.base-url=" + stancerFake.baseUrl(),
            "payspec.stancer.user-agent-suffix=my-shop/2.1", "payspec.stancer.max-retries=0")
        .run(context -> {
          stancerFake.reset();
          context.getBean(StancerClient.class).customers()
              .create(new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net"));
          assertThat(stancerFake.requests().get(0).header("User-Agent")).get().asString().endsWith("my-shop/2.1");
        });
  }

  @Test
  void theBrandPicksTheBeGatewayHost() {
    runner.withPropertyValues("payspec.begateway.shop-id=361", "payspec.begateway.secret-key=secret",
            "payspec.begateway.brand=ecomcharge")
        .run(context -> assertThat(context.getBean(BeGatewayClient.class).toString())
            .contains(BeGatewayClient.ECOMCHARGE_BASE_URL));
  }

  @Test
  void aCustomizerChangesTheBuilderAfterTheProperties() {
    runner.withPropertyValues("payspec.stancer.api-key=" + KEY)
        .withUserConfiguration(Customizer.class)
        .run(context -> assertThat(context.getBean(StancerClient.class).toString()).contains(stancerFake.baseUrl()));
  }

  @Test
  void anApplicationsOwnClientWins() {
    runner.withPropertyValues("payspec.stancer.api-key=" + KEY)
        .withBean(StancerClient.class, () -> StancerClient.builder().apiKey("sprod_abcdefghijklmnopqrstuvwx").build())
        .run(context -> assertThat(context.getBean(StancerClient.class).isLiveMode()).isTrue());
  }

  @Test
  void aWrongValueStopsTheStartWithoutShowingTheSecret() {
    String wrong = "stest_short";
    runner.withPropertyValues("payspec.stancer.api-key=" + wrong)
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable failure = context.getStartupFailure();
          StringBuilder messages = new StringBuilder();
          for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
          }
          assertThat(messages.toString()).contains("apiKey is not a Stancer key").doesNotContain(wrong);
        });
    runner.withPropertyValues("payspec.begateway.shop-id=361")
        .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("payspec.begateway.secret-key"));
  }

  @Test
  void theActuatorNeverShowsTheSecretsEvenWhenValuesAreShown() {
    runner.withPropertyValues("payspec.stancer.api-key=" + KEY, "payspec.begateway.shop-id=361",
            "payspec.begateway.secret-key=very-secret")
        .run(context -> {
          var endpoint = new ConfigurationPropertiesReportEndpoint(
              context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
          endpoint.setApplicationContext(context);
          String report = new ObjectMapper().findAndRegisterModules()
              .writeValueAsString(endpoint.configurationProperties().getContexts());
          assertThat(report).contains("361").doesNotContain(KEY).doesNotContain("very-secret");
          assertThat(context.getBean(PayspecProperties.class).toString()).doesNotContain(KEY).doesNotContain("very-secret");
        });
  }

  @Test
  void callsAreObservedWithTheApplicationsObservationRegistry() {
    var observations = io.micrometer.observation.tck.TestObservationRegistry.create();
    runner.withPropertyValues("payspec.stancer.api-key=" + KEY, "payspec.stancer.base-url=" + stancerFake.baseUrl())
        .withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
        .run(context -> {
          context.getBean(StancerClient.class).customers()
              .create(new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net"));
          io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(observations)
              .hasObservationWithNameEqualTo(dev.payspec.micrometer.PayspecObservation.NAME)
              .that().hasLowCardinalityKeyValue("operation", "createCustomer").hasBeenStopped();
        });
  }

  @Test
  void withoutARegistryNothingIsObservedAndTheClientWorks() {
    runner.withPropertyValues("payspec.stancer.api-key=" + KEY, "payspec.stancer.base-url=" + stancerFake.baseUrl())
        .run(context -> assertThat(context.getBean(StancerClient.class).customers()
            .create(new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net")).getId())
            .isNotNull());
  }

  @Test
  void theStarterShipsMetadataForEveryProperty() throws Exception {
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("metadata written by the configuration processor").isNotNull();
      String metadata = new String(in.readAllBytes());
      for (String property : new String[] {"payspec.stancer.api-key", "payspec.stancer.read-timeout",
          "payspec.begateway.shop-id", "payspec.begateway.brand", "payspec.begateway.max-retries"}) {
        assertThat(metadata).contains("\"" + property + "\"");
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizer {
    @Bean
    StancerClientBuilderCustomizer toTheFake() {
      return builder -> builder.baseUrl(stancerFake.baseUrl());
    }
  }
}
