package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.begateway.generated.model.Customer;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import dev.payspec.stancer.v2.StancerV2Client;
import dev.payspec.stancer.v2.StancerV2Customers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The live drift check: the wrapper's flows against the providers' test environments, through
 * {@code prism proxy --errors}, which turns any request or response that breaks the spec into an
 * error. Runs only when credentials are in the environment (see the README); skipped, saying why,
 * otherwise.
 */
class LiveDriftTest {

  @Test
  void stancerTestModeAnswersAsTheSpecSays() throws Exception {
    String key = System.getenv("STANCER_API_KEY");
    skipUnless(key != null && key.startsWith("stest_"),
        "live drift check of Stancer skipped: set STANCER_API_KEY to a Stancer test-mode secret key (stest_...) to run it");

    try (PrismMock.Server proxy = PrismMock.Server.start("stancer", List.of("proxy", "--errors"), StancerClient.DEFAULT_BASE_URL)) {
      StancerClient stancer = StancerClient.builder().apiKey(key).baseUrl(proxy.baseUri().toString()).maxRetries(0).build();
      String email = "payspec-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

      var created = stancer.customers().create(new dev.payspec.stancer.generated.model.CustomerCreateRequest()
          .email(email).name("payspec drift check"));
      try {
        assertThat(stancer.customers().retrieve(created.getId()).getEmail()).isEqualTo(email);
        stancer.customers().update(created.getId(), new CustomerUpdateRequest().name("payspec drift check 2"));
        assertThat(stancer.customers().retrieve(created.getId()).getName()).isEqualTo("payspec drift check 2");
      } finally {
        stancer.customers().delete(created.getId());
      }
    }
  }

  /**
   * Stancer v2 with the same test key: create, list by {@code external_id} with auto-paging,
   * update, delete; Prism checks every request and answer against the v2 spec, so the bodies and
   * the {@code created} type the v2 document leaves unknown are seen here first.
   */
  @Test
  void stancerV2TestModeAnswersAsTheSpecSays() throws Exception {
    String key = System.getenv("STANCER_API_KEY");
    skipUnless(key != null && key.startsWith("stest_"),
        "live drift check of Stancer v2 skipped: set STANCER_API_KEY to a Stancer test-mode secret key (stest_...) to run it");

    try (PrismMock.Server proxy = PrismMock.Server.start("stancer-v2", List.of("proxy", "--errors"), StancerV2Client.DEFAULT_BASE_URL)) {
      StancerV2Client stancer = StancerV2Client.builder().apiKey(key).baseUrl(proxy.baseUri().toString()).maxRetries(0).build();
      String externalId = "payspec-" + UUID.randomUUID().toString().substring(0, 8);

      var created = stancer.customers().create(new dev.payspec.stancer.v2.generated.model.CustomerCreateRequest()
          .email(externalId + "@example.com").name("payspec drift check").externalId(externalId));
      try {
        assertThat(stancer.customers().list(new StancerV2Customers.ListCustomersQueryParams().externalId(externalId).limit(10)).stream())
            .extracting(c -> c.getId()).containsExactly(created.getId());
        var updated = stancer.customers().update(created.getId(),
            new dev.payspec.stancer.v2.generated.model.CustomerUpdateRequest().name("payspec drift check 2"));
        assertThat(updated.getName()).isEqualTo("payspec drift check 2");
      } finally {
        assertThat(stancer.customers().delete(created.getId()).getDeleted()).isTrue();
      }
    }
  }

  @Test
  void beGatewayTestShopAnswersAsTheSpecSays() throws Exception {
    String shopId = System.getenv("BEGATEWAY_SHOP_ID");
    String secret = System.getenv("BEGATEWAY_SECRET_KEY");
    String baseUrl = System.getenv("BEGATEWAY_BASE_URL");
    skipUnless(shopId != null && secret != null && baseUrl != null,
        "live drift check of beGateway skipped: set BEGATEWAY_SHOP_ID, BEGATEWAY_SECRET_KEY and BEGATEWAY_BASE_URL"
            + " (such as https://api.bepaid.by) of a test shop to run it");

    try (PrismMock.Server proxy = PrismMock.Server.start("begateway", List.of("proxy", "--errors"), baseUrl)) {
      BeGatewayClient beGateway = BeGatewayClient.builder().baseUrl(proxy.baseUri().toString())
          .shopId(shopId).secretKey(secret).maxRetries(0).build();
      String email = "payspec-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

      Customer created = beGateway.customers().create(new CustomerCreateRequest()
          .email(email).ip("127.0.0.1").firstName("Payspec").country("US").state("CO").zip("92006"));

      assertThat(beGateway.customers().retrieve(created.getId()).getEmail()).isEqualTo(email);
      assertThat(beGateway.customers().list()).extracting(Customer::getId).contains(created.getId());
    }
  }

  /** Skips the test unless {@code condition}, printing the reason in the build's output as well as the report. */
  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("[payspec] " + reason);
    }
    assumeTrue(condition, reason);
  }
}
