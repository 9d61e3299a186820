package dev.payspec.examples;

import dev.payspec.Page;
import dev.payspec.stancer.v2.StancerV2Client;
import dev.payspec.stancer.v2.StancerV2Customers;
import dev.payspec.stancer.v2.generated.model.Customer;
import dev.payspec.stancer.v2.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.v2.generated.model.CustomerUpdateRequest;
import java.util.List;

/**
 * Stancer API v2, as a user writes it: create a customer, list by {@code external_id} with
 * auto-paging, update, delete. The URL comes from the system property
 * {@code payspec.stancer-v2.url} (a Prism mock of the v2 bundle, fetched by its coordinates, in CI).
 */
public final class StancerV2Flow {

  private StancerV2Flow() {}

  static void run(String url) {
    try (StancerV2Client stancer = StancerV2Client.builder().apiKey("stest_A1b2C3d4E5f6G7h8I9j0K1l2").baseUrl(url).build()) {
      Customer created = stancer.customers().create(new CustomerCreateRequest()
          .name("Arthur Martin").email("arthur.martin@example.com").externalId("UniqueId123"));
      check(created.getId().startsWith("cust_"), "Stancer v2 create returns a customer");

      Page<Customer> first = stancer.customers().list(
          new StancerV2Customers.ListCustomersQueryParams().externalId("UniqueId123").limit(50));
      List<Customer> all = first.stream().toList();
      check(!all.isEmpty(), "Stancer v2 list by external_id returns customers");

      Customer updated = stancer.customers().update(created.getId(), new CustomerUpdateRequest().email("arthur@example.com"));
      check(updated.getId().equals(created.getId()), "Stancer v2 update returns the customer");

      Customer deleted = stancer.customers().delete(created.getId());
      check(Boolean.TRUE.equals(deleted.getDeleted()), "Stancer v2 delete answers the customer, deleted");
      System.out.println("examples: Stancer v2 create, list by external_id (" + all.size() + " customers), update, delete");
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("failed: " + what);
    }
  }
}
