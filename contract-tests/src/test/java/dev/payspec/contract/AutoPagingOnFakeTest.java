package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payspec.Page;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.v2.StancerV2Client;
import dev.payspec.stancer.v2.StancerV2Customers;
import dev.payspec.stancer.v2.generated.model.Customer;
import dev.payspec.stancer.v2.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.v2.generated.model.Subscription;
import dev.payspec.testkit.FakeApiExtension;
import dev.payspec.testkit.RecordedRequest;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stancer v2's auto-paging against a server that pages for real (the testkit's fake, which keeps
 * customers and answers {@code start}/{@code limit} with {@code range.has_more}): pages are fetched
 * only when reached, the last page ends the walk, and every page keeps the caller's filters and
 * limit, whether they were given positionally or as the service's {@code *QueryParams}.
 */
class AutoPagingOnFakeTest {

  @RegisterExtension
  static FakeApiExtension stancer = FakeApiExtension.of("stancer-v2");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MATCHING = 23;
  private static final int LIMIT = 10;

  private StancerV2Client client;

  @BeforeEach
  void twentyThreeCustomersOfOneOrderAndFiveOthers() {
    client = StancerV2Client.builder().apiKey(WrapperOnPrismTest.STANCER_KEY).baseUrl(stancer.baseUrl()).maxRetries(0).build();
    IntStream.range(0, MATCHING).forEach(i -> client.customers().create(new CustomerCreateRequest()
        .name("Customer " + i).email("c" + i + "@example.com").externalId("order-42")));
    IntStream.range(0, 5).forEach(i -> client.customers().create(new CustomerCreateRequest()
        .name("Other " + i).email("o" + i + "@example.com").externalId("order-7")));
  }

  @Test
  void autoPagingWalksEveryPageKeepingTheFilterAndLimitAndStopsOnTheLast() {
    int before = listRequests().size();

    Page<Customer> first = client.customers().list(null, "order-42", null, null, null, null, null, LIMIT);
    assertThat(listRequests()).hasSize(before + 1);
    List<Customer> all = first.stream().toList();

    assertThat(all).hasSize(MATCHING).allSatisfy(c -> assertThat(c.getExternalId()).isEqualTo("order-42"));
    assertThat(all).extracting(Customer::getId).doesNotHaveDuplicates();
    List<RecordedRequest> pages = listRequests().subList(before, listRequests().size());
    assertThat(pages).as("one request per page, none after the last").hasSize((MATCHING + LIMIT - 1) / LIMIT);
    for (int i = 0; i < pages.size(); i++) {
      RecordedRequest page = pages.get(i);
      assertThat(page.queryParameter("external_id")).contains("order-42");
      assertThat(page.queryParameter("limit")).contains(String.valueOf(LIMIT));
      assertThat(page.queryParameter("start").map(Integer::parseInt).orElse(0)).isEqualTo(i * LIMIT);
    }
  }

  @Test
  void pagesAreFetchedOnlyWhenReached() {
    int before = listRequests().size();
    Iterator<Customer> customers = client.customers().list(null, "order-42", null, null, null, null, null, LIMIT)
        .autoPaging().iterator();

    for (int i = 0; i < LIMIT; i++) {
      customers.next();
    }
    assertThat(listRequests()).as("the first page only").hasSize(before + 1);
    customers.next();
    assertThat(listRequests()).as("the second page, when its first item is asked for").hasSize(before + 2);
  }

  @Test
  void theQueryParamsOverloadPagesAsThePositionalOne() {
    int before = listRequests().size();

    List<Customer> all = client.customers().list(new StancerV2Customers.ListCustomersQueryParams().externalId("order-42").limit(LIMIT))
        .stream().toList();

    assertThat(all).hasSize(MATCHING).allSatisfy(c -> assertThat(c.getExternalId()).isEqualTo("order-42"));
    List<RecordedRequest> pages = listRequests().subList(before, listRequests().size());
    assertThat(pages).hasSize((MATCHING + LIMIT - 1) / LIMIT)
        .allSatisfy(page -> {
          assertThat(page.queryParameter("external_id")).contains("order-42");
          assertThat(page.queryParameter("limit")).contains(String.valueOf(LIMIT));
        });
  }

  @Test
  void theQueryParamsOverloadChecksAsThePositionalOneBeforeSending() {
    int before = stancer.fake().requests().size();
    StancerV2Customers.ListCustomersQueryParams tooLong = new StancerV2Customers.ListCustomersQueryParams().externalId("x".repeat(37));

    assertThatThrownBy(() -> client.customers().list(tooLong)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.getViolations()).extracting(Violation::field).anySatisfy(f -> assertThat(f).contains("external_id")));
    assertThatThrownBy(() -> client.customers().list(null, "x".repeat(37), null, null, null, null, null, null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.customers().list((StancerV2Customers.ListCustomersQueryParams) null))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.getViolations()).extracting(Violation::field).containsExactly("queryParams"));
    assertThat(stancer.fake().requests()).as("nothing sent").hasSize(before);
  }

  @Test
  void subListsPageAcrossPagesKeepingTheirLimitAndStopOnTheLast() throws Exception {
    // The fake keeps no subscriptions: three pages are scripted, shaped as the spec's example page.
    BundledSpec spec = BundledSpec.load("stancer-v2");
    JsonNode example = spec.root.at("/components/examples/SubscriptionPage/value");
    String id = client.customers().list(null, "order-42", null, null, null, null, null, 1).items().get(0).getId();
    for (int page = 0; page < 3; page++) {
      ObjectNode answer = example.deepCopy();
      ObjectNode item = (ObjectNode) answer.withArray("subscriptions").get(0);
      item.put("id", item.path("id").asText().substring(0, item.path("id").asText().length() - 1) + page);
      answer.withObject("range").put("start", page * 1).put("limit", 1).put("has_more", page < 2);
      stancer.fake().nextCall("listCustomerSubscriptions").respond(200, JSON.writeValueAsString(answer));
    }

    List<Subscription> all = client.customers()
        .listSubscriptions(id, new StancerV2Customers.ListCustomerSubscriptionsQueryParams().limit(1)).stream().toList();

    assertThat(all).hasSize(3).extracting(Subscription::getId).doesNotHaveDuplicates();
    List<RecordedRequest> pages = stancer.fake().requests("listCustomerSubscriptions");
    assertThat(pages).hasSize(3).allSatisfy(page -> {
      assertThat(page.path()).contains(id);
      assertThat(page.queryParameter("limit")).contains("1");
    });
    assertThat(pages).extracting(page -> page.queryParameter("start").map(Integer::parseInt).orElse(0)).containsExactly(0, 1, 2);
  }

  private static List<RecordedRequest> listRequests() {
    return stancer.fake().requests("listCustomers");
  }
}
