package dev.payspec.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.v2.StancerV2Client;
import java.util.Map;
import dev.payspec.testkit.FakeApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter in a real Spring application context, against the testkit's fakes. */
class PayspecAutoConfigurationTest {

  private static final String KEY = "stest_abcdefghijklmnopqrstuvwx";
  private static final String V2_KEY = "sprod_zyxwvutsrqponmlkjihgfedc";
  private static final FakeApi stancerFake = FakeApi.start("stancer");
  private static final FakeApi stancerV2Fake = FakeApi.start("stancer-v2");
  private static final FakeApi beGatewayFake = FakeApi.start("begateway");

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PayspecAutoConfiguration.class));

  @org.junit.jupiter.api.BeforeEach
  void emptyTheFakes() {
    stancerFake.reset();
    stancerV2Fake.reset();
    beGatewayFake.reset();
  }

  @AfterAll
  static void stop() {
    stancerFake.close();
    stancerV2Fake.close();
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
        .doesNotHaveBean(StancerClient.class).doesNotHaveBean(StancerV2Client.class).doesNotHaveBean(BeGatewayClient.class));
  }

  @Test
  void stancerV2AloneFromItsProperties() {
    runner.withPropertyValues("payspec.stancer-v2.api-key=" + KEY, "payspec.stancer-v2.base-url=" + stancerV2Fake.baseUrl(),
            "payspec.stancer-v2.max-retries=0")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(StancerV2Client.class)
              .doesNotHaveBean(StancerClient.class).doesNotHaveBean(BeGatewayClient.class);
          var created = context.getBean(StancerV2Client.class).customers()
              .create(new dev.payspec.stancer.v2.generated.model.CustomerCreateRequest().name("David")
                  .email("david@example.net").externalId("order-42"));
          assertThat(stancerV2Fake.customers()).containsKey(created.getId());
          assertThat(stancerFake.requests()).isEmpty();
        });
  }

  @Test
  void aStancerV2CustomizerChangesTheBuilderAfterTheProperties() {
    runner.withPropertyValues("payspec.stancer-v2.api-key=" + KEY, "payspec.stancer-v2.base-url=https://api.example.com")
        .withBean(StancerV2ClientBuilderCustomizer.class, () -> builder -> builder.baseUrl(stancerV2Fake.baseUrl()))
        .run(context -> assertThat(context.getBean(StancerV2Client.class).toString()).contains(stancerV2Fake.baseUrl()));
  }

  @Test
  void callTimeoutFromPropertiesBoundsTheWholeCallOfEveryClient() {
    runner.withPropertyValues("payspec.stancer.api-key=" + KEY, "payspec.stancer.base-url=" + stancerFake.baseUrl(),
            "payspec.stancer-v2.api-key=" + KEY, "payspec.stancer-v2.base-url=" + stancerV2Fake.baseUrl(),
            "payspec.begateway.shop-id=361", "payspec.begateway.secret-key=secret",
            "payspec.begateway.base-url=" + beGatewayFake.baseUrl(),
            // The read timeout would wait for the fakes' late answers: only the call timeout stops the calls.
            "payspec.stancer.read-timeout=10s", "payspec.stancer.call-timeout=300ms",
            "payspec.stancer-v2.read-timeout=10s", "payspec.stancer-v2.call-timeout=300ms",
            "payspec.begateway.read-timeout=10s", "payspec.begateway.call-timeout=300ms")
        .run(context -> {
          for (FakeApi fake : new FakeApi[] {stancerFake, stancerV2Fake, beGatewayFake}) {
            fake.nextCall("createCustomer").delay(java.time.Duration.ofSeconds(3)).proceed();
          }
          java.util.List<Runnable> calls = java.util.List.of(
              () -> context.getBean(StancerClient.class).customers()
                  .create(new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net")),
              () -> context.getBean(StancerV2Client.class).customers()
                  .create(new dev.payspec.stancer.v2.generated.model.CustomerCreateRequest().name("David")
                      .email("david@example.net")),
              () -> context.getBean(BeGatewayClient.class).customers()
                  .create(new CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1")));
          for (Runnable call : calls) {
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(call::run).isInstanceOf(dev.payspec.ConnectionException.class);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(2));
          }
        });
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
            "payspec.begateway.secret-key=very-secret", "payspec.stancer-v2.api-key=" + V2_KEY)
        .run(context -> {
          var endpoint = new ConfigurationPropertiesReportEndpoint(
              context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
          endpoint.setApplicationContext(context);
          String report = new ObjectMapper().findAndRegisterModules()
              .writeValueAsString(endpoint.configurationProperties().getContexts());
          assertThat(report).contains("361").contains("stancerV2").doesNotContain(KEY).doesNotContain("very-secret")
              .doesNotContain(V2_KEY);
          assertThat(context.getBean(PayspecProperties.class).toString()).doesNotContain(KEY).doesNotContain("very-secret")
              .doesNotContain(V2_KEY);
        });
  }

  @Test
  void theEnvironmentVariablesTheSecretsComeFromAreMaskedToo() {
    // As a deployment sets them: the secrets in environment variables, the payspec.* properties naming them.
    Map<String, Object> variables = Map.of("STANCER_API_KEY", KEY, "STANCER_V2_KEY", " " + V2_KEY,
        "BEGATEWAY_SECRET_KEY", "very-secret", "SHOP_REGION", "eu-west");
    runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource("systemEnvironment", variables)))
        .withPropertyValues("payspec.stancer.api-key=${STANCER_API_KEY}", "payspec.stancer-v2.api-key=${STANCER_V2_KEY}",
            "payspec.begateway.shop-id=361", "payspec.begateway.secret-key=${BEGATEWAY_SECRET_KEY}")
        .run(context -> {
          assertThat(context).hasNotFailed();
          var endpoint = new EnvironmentEndpoint(context.getEnvironment(),
              context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
          String env = new ObjectMapper().findAndRegisterModules().writeValueAsString(endpoint.environment(null));
          assertThat(env).contains("STANCER_API_KEY", "STANCER_V2_KEY", "BEGATEWAY_SECRET_KEY", "payspec.stancer.api-key")
              .contains("eu-west").contains("361")
              .doesNotContain(KEY).doesNotContain(V2_KEY).doesNotContain("very-secret");
          String one = new ObjectMapper().findAndRegisterModules()
              .writeValueAsString(endpoint.environmentEntry("STANCER_API_KEY"));
          assertThat(one).contains(SanitizableData.SANITIZED_VALUE).doesNotContain(KEY);
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
          "payspec.begateway.shop-id", "payspec.begateway.brand", "payspec.begateway.max-retries",
          "payspec.stancer-v2.api-key", "payspec.stancer-v2.base-url", "payspec.stancer.call-timeout",
          "payspec.stancer-v2.call-timeout", "payspec.begateway.call-timeout"}) {
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
