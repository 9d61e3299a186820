package dev.payspec.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.v2.StancerV2Client;
import dev.payspec.testkit.FakeApiExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application, started as users start theirs (auto-configuration found on the class
 * path), that configures the three clients from properties alone and calls each one's fake.
 */
class ThreeClientsInOneApplicationTest {

  @RegisterExtension
  static FakeApiExtension stancer = FakeApiExtension.of("stancer");
  @RegisterExtension
  static FakeApiExtension stancerV2 = FakeApiExtension.of("stancer-v2");
  @RegisterExtension
  static FakeApiExtension beGateway = FakeApiExtension.of("begateway");

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class CheckoutApplication {
  }

  @Test
  void theThreeClientsComeFromPropertiesAndEachCallsItsApi() {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CheckoutApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.main.banner-mode=off",
            "payspec.stancer.api-key=stest_abcdefghijklmnopqrstuvwx",
            "payspec.stancer.base-url=" + stancer.baseUrl(),
            "payspec.stancer.read-timeout=5s",
            "payspec.stancer-v2.api-key=sprod_abcdefghijklmnopqrstuvwx",
            "payspec.stancer-v2.base-url=" + stancerV2.baseUrl(),
            "payspec.stancer-v2.call-timeout=20s",
            "payspec.stancer-v2.user-agent-suffix=checkout/1.0",
            "payspec.begateway.shop-id=361",
            "payspec.begateway.secret-key=b8647b68898b084b836474ed8d61ffe1",
            "payspec.begateway.base-url=" + beGateway.baseUrl(),
            "payspec.begateway.max-retries=1")
        .run()) {
      var v1 = context.getBean(StancerClient.class).customers()
          .create(new dev.payspec.stancer.generated.model.CustomerCreateRequest().email("david@example.net"));
      assertThat(stancer.fake().customers()).containsKey(v1.getId());

      StancerV2Client v2Client = context.getBean(StancerV2Client.class);
      assertThat(v2Client.isLiveMode()).isTrue();
      var v2 = v2Client.customers().create(new dev.payspec.stancer.v2.generated.model.CustomerCreateRequest()
          .name("David").email("david@example.net").externalId("order-42"));
      assertThat(stancerV2.fake().customers()).containsKey(v2.getId());
      assertThat(stancerV2.fake().requests("createCustomer").get(0).header("User-Agent")).get().asString()
          .endsWith("checkout/1.0");

      context.getBean(BeGatewayClient.class).customers()
          .create(new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("customer@example.com")
              .ip("127.0.0.1"));
      assertThat(beGateway.fake().requests("createCustomer")).hasSize(1);
    }
  }
}
