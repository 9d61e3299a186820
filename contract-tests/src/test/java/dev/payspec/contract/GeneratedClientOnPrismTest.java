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

  @RegisterExtension
  static PrismMocks mocks = WrapperOnPrismTest.mocks;

  @Test
  void everyStancerV2OperationDecodesTheDocsExample() {
    var customers = new dev.payspec.stancer.v2.generated.ApiClient()
        .setBasePath(mocks.of("stancer-v2").baseUri().toString())
        .setCredentials(WrapperOnPrismTest.STANCER_KEY, "")
        .buildClient(dev.payspec.stancer.v2.generated.api.CustomersApi.class);
    var spec = dev.payspec.specs.BundledSpec.load("stancer-v2");
    var example = spec.root.at("/components/examples/Customer/value");
    String id = example.path("id").asText();

    var page = customers.listCustomers(new dev.payspec.stancer.v2.generated.api.CustomersApi.ListCustomersQueryParams()
        .externalId("UniqueId123").limit(10));
    var created = customers.createCustomer(new dev.payspec.stancer.v2.generated.model.CustomerCreateRequest()
        .name("Arthur Martin").email("arthur.martin@example.com"));
    var retrieved = customers.getCustomer(id);
    var updated = customers.updateCustomer(id, new dev.payspec.stancer.v2.generated.model.CustomerUpdateRequest().name("Arthur"));
    var deleted = customers.deleteCustomer(id);
    var subscriptions = customers.listCustomerSubscriptions(id, null, null);
    var intents = customers.listCustomerPaymentIntents(id, null, null);

    assertThat(page.getCustomers()).extracting(c -> c.getId())
        .containsExactly(spec.root.at("/components/examples/CustomerPage/value/customers/0/id").asText(),
            spec.root.at("/components/examples/CustomerPage/value/customers/1/id").asText());
    // created is a date-time string or epoch seconds (the document says both): each decodes as it came.
    assertThat(page.getCustomers().get(0).getCreated()).isEqualTo("2026-01-31T12:00:00Z");
    assertThat(((Number) page.getCustomers().get(1).getCreated()).longValue()).isEqualTo(1769860800L);
    assertThat(page.getRange().getHasMore()).isFalse();
    for (var customer : List.of(created, retrieved, updated)) {
      assertThat(customer.getId()).isEqualTo(id);
      assertThat(customer.getEmail()).isEqualTo(example.path("email").asText());
      assertThat(customer.getDateBirth()).hasToString(example.path("date_birth").asText());
    }
    assertThat(deleted.getDeleted()).isTrue();
    assertThat(subscriptions.getSubscriptions()).isNotEmpty();
    assertThat(intents.getPaymentIntents()).isNotEmpty();
  }
}
