package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payspec.begateway.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generated clients, as a user would configure them, against Prism: every operation decodes the docs' examples. */
class GeneratedClientOnPrismTest {

  @RegisterExtension
  static PrismMock stancerMock = PrismMock.of("stancer");

  @RegisterExtension
  static PrismMock beGatewayMock = PrismMock.of("begateway");

  @Test
  void everyStancerOperationDecodesTheDocsExample() {
    var customers = new dev.payspec.stancer.generated.ApiClient()
        .setBasePath(stancerMock.baseUri().toString())
        .setCredentials(WrapperOnPrismTest.STANCER_KEY, "")
        .buildClient(dev.payspec.stancer.generated.api.CustomersApi.class);

    var created = customers.createCustomer(new CustomerCreateRequest().name("David Coaster").email("david@coaster.net").mobile("+33684858687"));
    var retrieved = customers.getCustomer(WrapperOnPrismTest.STANCER_ID);
    customers.updateCustomer(WrapperOnPrismTest.STANCER_ID, new CustomerUpdateRequest().email("david@coaster.com"));
    customers.deleteCustomer(WrapperOnPrismTest.STANCER_ID);

    for (var customer : List.of(created, retrieved)) {
      assertThat(customer.getId()).isEqualTo(WrapperOnPrismTest.STANCER_ID);
      assertThat(customer.getEmail()).isEqualTo("david@example.net");
      assertThat(customer.getCreated()).isEqualTo(1538562174L);
    }
  }

  @Test
  void everyBeGatewayOperationDecodesTheDocsExample() {
    var customers = new dev.payspec.begateway.generated.ApiClient()
        .setBasePath(beGatewayMock.baseUri().toString())
        .setCredentials("361", "secret")
        .buildClient(dev.payspec.begateway.generated.api.CustomersApi.class);

    Customer created = customers.createCustomer(WrapperOnPrismTest.docsBeGatewayRequest());
    Customer retrieved = customers.getCustomer(WrapperOnPrismTest.BEGATEWAY_ID);
    List<Customer> all = customers.listCustomers();

    for (Customer customer : List.of(created, retrieved)) {
      assertThat(customer.getId()).isEqualTo(WrapperOnPrismTest.BEGATEWAY_ID);
      assertThat(customer.getZip()).isEqualTo("92006");
      assertThat(customer.getPhone()).isEqualTo("+1-555-555-5555");
    }
    assertThat(all).extracting(Customer::getFirstName).containsExactly("John", "Mark");
  }
}
