package dev.payspec.usedjars;

import dev.payspec.NotFoundException;
import dev.payspec.RequestOptions;
import dev.payspec.ValidationException;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.v2.StancerV2Client;
import dev.payspec.stancer.v2.StancerV2Customers;
import java.util.List;

/**
 * Every customer operation of every client, as a user of payspec-wrapper alone calls them, against
 * the URLs of the system properties {@code payspec.stancer.url}, {@code payspec.stancer-v2.url} and
 * {@code payspec.begateway.url} (Prism mocks): create, retrieve, update, delete and list where the
 * API has them, the hand-written extras, the async and raw views, a request refused before sending
 * and an error answer. tools/check-used-jars.sh runs it with class loading logged; any failure
 * throws, so the check never judges a class path from a run that did not finish.
 */
public final class WrapperFlows {

  /** Printed last, once every flow has run: the check requires it. */
  static final String DONE = "used-jars: every flow ran";

  private static final RequestOptions NOT_FOUND = RequestOptions.builder().header("Prefer", "code=404").build();

  private WrapperFlows() {}

  public static void main(String[] args) throws Exception {
    stancer(url("payspec.stancer.url"));
    stancerV2(url("payspec.stancer-v2.url"));
    beGateway(url("payspec.begateway.url"));
    System.out.println(DONE);
  }

  private static void stancer(String url) throws Exception {
    try (StancerClient client = StancerClient.builder().apiKey("stest_A1b2C3d4E5f6G7h8I9j0K1l2").baseUrl(url).build()) {
      var customers = client.customers();
      var created = customers.create(new dev.payspec.stancer.generated.model.CustomerCreateRequest()
          .name("David Coaster").email("david@coaster.net").mobile("+33684858687"));
      check(created.getId() != null, "Stancer create");
      check(customers.retrieve(created.getId()).getId() != null, "Stancer retrieve");
      customers.update(created.getId(), new dev.payspec.stancer.generated.model.CustomerUpdateRequest().email("david@coaster.com"));
      customers.delete(created.getId());
      check(customers.createOrFindExisting(new dev.payspec.stancer.generated.model.CustomerCreateRequest()
          .email("david@coaster.net").externalId("order-0001")).getId() != null, "Stancer createOrFindExisting");
      check(client.async().customers().retrieve(created.getId()).get().getId() != null, "Stancer async retrieve");
      check(client.withRawResponse().customers().retrieve(created.getId()).statusCode() == 200, "Stancer raw retrieve");
      refused(() -> customers.create(new dev.payspec.stancer.generated.model.CustomerCreateRequest().name("David Coaster")));
      notFound(() -> client.withOptions(NOT_FOUND).customers().retrieve(created.getId()));
      System.out.println("used-jars: Stancer v1 create, retrieve, update, delete (v1 has no list), createOrFindExisting, async, raw, refused, 404");
    }
  }

  private static void stancerV2(String url) throws Exception {
    try (StancerV2Client client = StancerV2Client.builder().apiKey("stest_A1b2C3d4E5f6G7h8I9j0K1l2").baseUrl(url).build()) {
      var customers = client.customers();
      var created = customers.create(new dev.payspec.stancer.v2.generated.model.CustomerCreateRequest()
          .name("Arthur Martin").email("arthur.martin@example.com").externalId("UniqueId123"));
      check(created.getId() != null, "Stancer v2 create");
      check(customers.retrieve(created.getId()).getId() != null, "Stancer v2 retrieve");
      check(customers.update(created.getId(), new dev.payspec.stancer.v2.generated.model.CustomerUpdateRequest()
          .email("arthur@example.com")).getId() != null, "Stancer v2 update");
      check(Boolean.TRUE.equals(customers.delete(created.getId()).getDeleted()), "Stancer v2 delete");
      List<?> all = customers.list(new StancerV2Customers.ListCustomersQueryParams().externalId("UniqueId123").limit(50)).stream().toList();
      check(!all.isEmpty(), "Stancer v2 list");
      customers.listSubscriptions(created.getId(), 0, 10).stream().toList();
      customers.listPaymentIntents(created.getId(), 0, 10).stream().toList();
      check(client.async().customers().retrieve(created.getId()).get().getId() != null, "Stancer v2 async retrieve");
      check(client.withRawResponse().customers().retrieve(created.getId()).statusCode() == 200, "Stancer v2 raw retrieve");
      refused(() -> customers.create(new dev.payspec.stancer.v2.generated.model.CustomerCreateRequest().email("not an email")));
      notFound(() -> client.withOptions(NOT_FOUND).customers().retrieve(created.getId()));
      System.out.println("used-jars: Stancer v2 create, retrieve, update, delete, list (" + all.size()
          + "), listSubscriptions, listPaymentIntents, async, raw, refused, 404");
    }
  }

  private static void beGateway(String url) throws Exception {
    try (BeGatewayClient client = BeGatewayClient.builder().baseUrl(url).shopId("361").secretKey("shop-secret").build()) {
      var customers = client.customers();
      var request = new dev.payspec.begateway.generated.model.CustomerCreateRequest()
          .firstName("John").lastName("Doe").address("1st Street").country("US").city("Denver")
          .zip("92006").state("CO").phone("+1-555-555-5555").email("customer@example.com").ip("127.0.0.1");
      var created = customers.create(request);
      check(created.getId() != null, "beGateway create");
      check(customers.retrieve(created.getId()).getId() != null, "beGateway retrieve");
      check(!customers.list().isEmpty(), "beGateway list");
      check(!customers.findMatching(request).isEmpty(), "beGateway findMatching");
      check(client.async().customers().retrieve(created.getId()).get().getId() != null, "beGateway async retrieve");
      check(client.withRawResponse().customers().retrieve(created.getId()).statusCode() == 200, "beGateway raw retrieve");
      refused(() -> customers.create(new dev.payspec.begateway.generated.model.CustomerCreateRequest().email("not an email")));
      notFound(() -> client.withOptions(NOT_FOUND).customers().retrieve(created.getId()));
      System.out.println("used-jars: beGateway create, retrieve, list, findMatching (beGateway has no update or delete), async, raw, refused, 404");
    }
  }

  private static void refused(Runnable call) {
    try {
      call.run();
    } catch (ValidationException expected) {
      return;
    }
    throw new IllegalStateException("failed: an invalid request was not refused before sending");
  }

  private static void notFound(Runnable call) {
    try {
      call.run();
    } catch (NotFoundException expected) {
      return;
    }
    throw new IllegalStateException("failed: a 404 answer did not raise NotFoundException");
  }

  private static String url(String property) {
    String url = System.getProperty(property);
    check(url != null && !url.isBlank(), "the system property " + property + " is set");
    return url;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("failed: " + what);
    }
  }
}
