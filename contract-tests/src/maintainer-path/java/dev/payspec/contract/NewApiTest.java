package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payspec.ValidationException;
import dev.payspec.examplepay.ExamplePayClient;
import dev.payspec.examplepay.ExamplePayRefunds;
import dev.payspec.examplepay.generated.model.Refund;
import dev.payspec.examplepay.generated.model.RefundCreateRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The maintainers' path for a new API (run by tools/maintainer-path.sh, never in the normal build):
 * the fictional Example Pay spec (tools/maintainer-path/new-api/) is added to the copy as a fourth
 * API with a generator execution and its short hand-written client; after a rebuild, its generated
 * service is called as a user would, against Prism of that spec.
 */
class NewApiTest {

  @RegisterExtension
  static PrismMock examplePay = PrismMock.of("examplepay");

  @Test
  void theNewApisGeneratedServiceCreatesGetsAndPagesThroughTheHandWrittenClient() {
    try (ExamplePayClient client = ExamplePayClient.builder().apiKey("sk_test_1")
        .baseUrl(examplePay.baseUri().toString()).maxRetries(0).build()) {
      Refund created = client.refunds().create(new RefundCreateRequest().paymentId("pay_123").amount(1000));
      assertThat(created.getId()).isEqualTo("ref_1");

      assertThat(client.refunds().retrieve("ref_1").getAmount()).isEqualTo(1000);

      var page = client.refunds().list(new ExamplePayRefunds.ListRefundsQueryParams().paymentId("pay_123").limit(10));
      assertThat(page.items()).extracting(Refund::getId).containsExactly("ref_1");
      assertThat(page.hasMore()).isFalse();

      // The spec's rules are checked before anything is sent, as for every other API.
      assertThatThrownBy(() -> client.refunds().create(new RefundCreateRequest().paymentId("pay_123").amount(0)))
          .isInstanceOf(ValidationException.class).hasMessageContaining("amount: must be at least 1");
    }
  }
}
