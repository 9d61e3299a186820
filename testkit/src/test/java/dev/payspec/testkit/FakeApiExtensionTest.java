package dev.payspec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as a user registers it: one fake for the class, emptied before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeApiExtensionTest {

  @RegisterExtension
  static FakeApiExtension beGateway = FakeApiExtension.of("begateway");

  private BeGatewayClient client() {
    return BeGatewayClient.builder().baseUrl(beGateway.baseUrl()).shopId("361").secretKey("secret").build();
  }

  @Test
  @Order(1)
  void aTestCreatesACustomer() {
    client().customers().create(new CustomerCreateRequest().email("customer@example.com").ip("127.0.0.1"));
    assertThat(beGateway.fake().customers()).hasSize(1);
    assertThat(beGateway.fake().requests("createCustomer")).hasSize(1);
  }

  @Test
  @Order(2)
  void theNextTestStartsWithNoCustomerAndNoRequest() {
    assertThat(client().customers().list()).isEmpty();
    assertThat(beGateway.fake().requests()).hasSize(1);
  }
}
