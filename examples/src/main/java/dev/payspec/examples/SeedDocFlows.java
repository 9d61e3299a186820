package dev.payspec.examples;

import dev.payspec.ValidationException;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.net.http.HttpClient;
import java.util.List;

/**
 * Every flow of the providers' customer docs, written as a user would. The API URLs come from the
 * system properties {@code payspec.stancer.url}, {@code payspec.stancer-v2.url} and {@code payspec.begateway.url} (Prism mocks in
 * CI). Fails with an exception when any step does not do what the docs show.
 */
public final class SeedDocFlows {

  public static void main(String[] args) {
    // A consumer build on managed versions (the Jackson floor, a Spring Boot BOM) proves which it ran with.
    String jackson = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
    System.out.println("examples: jackson-databind " + jackson);
    String expected = System.getProperty("payspec.expect.jackson", "");
    check(expected.isEmpty() || jackson.equals(expected), "the build runs on jackson-databind " + expected + ", not " + jackson);
    stancer(System.getProperty("payspec.stancer.url"));
    StancerV2Flow.run(System.getProperty("payspec.stancer-v2.url"));
    String beGatewayUrl = System.getProperty("payspec.begateway.url");
    beGateway("bePaid", beGatewayUrl);
    beGateway("eComCharge", beGatewayUrl);
    System.out.println("examples: every flow of the seed docs ran");
  }

  private static void stancer(String url) {
    try (StancerClient stancer = StancerClient.builder().apiKey("stest_A1b2C3d4E5f6G7h8I9j0K1l2").baseUrl(url).build()) {
      stancer(stancer);
    }
  }

  private static void stancer(StancerClient stancer) {

    Customer created = stancer.customers().create(new CustomerCreateRequest()
        .name("David Coaster").email("david@coaster.net").mobile("+33684858687"));
    check(created.getId().equals("cust_9Cle7TXKkjhwqcWx4Kl5cQYk"), "Stancer create returns the docs' customer");

    Customer same = stancer.customers().retrieve(created.getId());
    check("David Coaster".equals(same.getName()), "Stancer get returns the customer");

    stancer.customers().update(created.getId(), new CustomerUpdateRequest().email("david@coaster.com"));
    stancer.customers().delete(created.getId());

    try {
      stancer.customers().create(new CustomerCreateRequest().name("David Coaster"));
      throw new IllegalStateException("a customer without email or mobile was not refused");
    } catch (ValidationException expected) {
      System.out.println("examples: refused before sending: " + expected.getViolations());
    }
    CustomerCreateRequest request = new CustomerCreateRequest().email("david@coaster.net").externalId("order-0001");
    check(stancer.customers().createOrFindExisting(request).getId() != null, "Stancer createOrFindExisting returns a customer");
    System.out.println("examples: Stancer create, get, update, delete, createOrFindExisting");
  }

  private static void beGateway(String brand, String url) {
    // One JDK client shared by every merchant's payspec client: no pool or thread per merchant.
    HttpClient shared = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    BeGatewayClient client = BeGatewayClient.builder().baseUrl(url).shopId("361").secretKey("shop-secret")
        .httpClient(shared).build();

    var request = new dev.payspec.begateway.generated.model.CustomerCreateRequest()
        .firstName("John").lastName("Doe").address("1st Street").country("US").city("Denver")
        .zip("92006").state("CO").phone("+1-555-555-5555").email("customer@example.com").ip("127.0.0.1");
    var created = client.customers().create(request);
    check("cst_7aee5afb954c7ef7".equals(created.getId()), brand + " create returns the docs' customer");

    var same = client.customers().retrieve(created.getId());
    check("Denver".equals(same.getCity()), brand + " get returns the customer");

    List<dev.payspec.begateway.generated.model.Customer> all = client.customers().list();
    check(all.size() == 2, brand + " list returns the docs' two customers");
    check(client.customers().findMatching(request).size() == 1, brand + " findMatching finds the docs' customer");
    client.close();
    System.out.println("examples: " + brand + " create, get, list, findMatching");
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("failed: " + what);
    }
  }
}
