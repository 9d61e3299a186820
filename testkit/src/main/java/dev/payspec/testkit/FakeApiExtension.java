package dev.payspec.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeApi} for a JUnit 5 test class: started before the first test, emptied before each
 * test (customers, scripted calls and received requests), stopped after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeApiExtension stancer = FakeApiExtension.of("stancer");
 *
 * @Test
 * void signUpCreatesTheCustomer() {
 *   StancerClient client = StancerClient.builder().apiKey("stest_...").baseUrl(stancer.baseUrl()).build();
 *   ...
 *   assertThat(stancer.fake().requests("createCustomer")).hasSize(1);
 * }
 * }</pre>
 */
public final class FakeApiExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private final String api;
  private volatile FakeApi fake;

  private FakeApiExtension(String api) {
    this.api = api;
  }

  /** A fake of one API of the {@code payspec-specs} jar: {@code stancer}, {@code stancer-v2} or {@code begateway}. */
  public static FakeApiExtension of(String api) {
    Objects.requireNonNull(api, "api is null: pass the name of a spec, such as \"stancer\"");
    return new FakeApiExtension(api);
  }

  /** The running fake; available from {@code @BeforeAll} methods on. */
  public FakeApi fake() {
    if (fake == null) {
      throw new IllegalStateException("the fake " + api + " API is not started: register this extension with"
          + " @RegisterExtension on a static field");
    }
    return fake;
  }

  /** The fake's base URL, for a client's {@code baseUrl(...)}. */
  public String baseUrl() {
    return fake().baseUrl();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (fake == null) {
      fake = FakeApi.start(api);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    fake().reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fake != null && context.getParent().map(parent -> parent.getParent().isEmpty()).orElse(true)) {
      fake.close();
      fake = null;
    }
  }
}
