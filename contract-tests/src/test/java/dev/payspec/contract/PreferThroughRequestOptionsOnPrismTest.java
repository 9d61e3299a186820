package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.PayspecException;
import dev.payspec.RequestOptions;
import dev.payspec.specs.BundledSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prism's {@code Prefer} header sent by the wrapper itself, per request
 * ({@code client.withOptions(RequestOptions...header("Prefer", "code=404"))}), with no proxy in
 * between: every documented error status of every operation comes back as its exception, with the
 * spec's example as raw body, while the client's other calls keep getting the success.
 */
class PreferThroughRequestOptionsOnPrismTest {

  @RegisterExtension
  static PrismMock stancerMock = PrismMock.of("stancer");

  @RegisterExtension
  static PrismMock beGatewayMock = PrismMock.of("begateway");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyDocumentedErrorStatusComesBackThroughPerRequestOptions() {
    List<DynamicTest> tests = new ArrayList<>();
    var stancer = dev.payspec.stancer.StancerClient.builder().apiKey(WrapperOnPrismTest.STANCER_KEY)
        .baseUrl(stancerMock.baseUri().toString()).maxRetries(0).build();
    var beGateway = dev.payspec.begateway.BeGatewayClient.builder().baseUrl(beGatewayMock.baseUri().toString())
        .shopId("361").secretKey("bepaid-secret").maxRetries(0).build();
    add(tests, "stancer", code -> stancer.withOptions(prefer(code)), stancer);
    add(tests, "begateway", code -> beGateway.withOptions(prefer(code)), beGateway);
    return tests.stream();
  }

  private static RequestOptions prefer(int code) {
    return RequestOptions.builder().header("Prefer", "code=" + code).build();
  }

  private static void add(List<DynamicTest> tests, String api, java.util.function.IntFunction<Object> view, Object client) {
    BundledSpec spec = BundledSpec.load(api);
    for (BundledSpec.Operation operation : spec.operations()) {
      operation.node().path("responses").fieldNames().forEachRemaining(code -> {
        if (code.startsWith("2") || code.equals("default")) {
          return;
        }
        int status = Integer.parseInt(code);
        JsonNode example = spec.firstExample(operation.node().path("responses").path(code));
        tests.add(dynamicTest(api + " " + operation.id() + " Prefer: code=" + status, () -> {
          PayspecException e = catchThrowableOfType(PayspecException.class,
              WrapperOnPrismTest.callFromExamples(view.apply(status), spec, operation)::run);

          assertThat(e).as("%s %s with Prefer: code=%d", api, operation.id(), status).isNotNull();
          assertThat(e.getHttpStatus()).isEqualTo(status);
          assertThat(JSON.readTree(e.getRawBody())).isEqualTo(example);
          // The client itself sends no Prefer: the same call succeeds.
          WrapperOnPrismTest.callFromExamples(client, spec, operation).run();
        }));
      });
    }
  }
}
