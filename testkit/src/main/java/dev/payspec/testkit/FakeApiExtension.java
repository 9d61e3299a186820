package dev.payspec.testkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;

/**
 * A {@link FakeApi} for a JUnit 5 test class: started before the first test, emptied before each
 * test (customers, scripted calls and received requests), stopped after the last. Scripted answers
 * belong to the test that sets them (in the test or a {@code @BeforeEach} method): those it leaves
 * unused (a {@code times(5)} of which the client used two) are dropped after it, and never fire in
 * the next test. Each dynamic test of a {@code @TestFactory} is a test here too. An answer scripted
 * outside any test ({@code @BeforeAll}, a {@code @TestFactory}'s body) fails the next test, naming
 * it, rather than being dropped unseen.
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
public final class FakeApiExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, InvocationInterceptor {

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
    startTest();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    fake().discardScripts();
  }

  /** Each dynamic test of a {@code @TestFactory} starts with an empty fake, and leaves no scripted answer behind. */
  @Override
  public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    startTest();
    try {
      invocation.proceed();
    } finally {
      fake().discardScripts();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fake != null && context.getParent().map(parent -> parent.getParent().isEmpty()).orElse(true)) {
      fake.close();
      fake = null;
    }
  }

  /** Empties the fake; fails if answers were scripted since the last test ended, outside any test. */
  private void startTest() {
    List<String> outside = fake().pendingScripts();
    fake().reset();
    if (!outside.isEmpty()) {
      Map<String, Long> counts = outside.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new,
          Collectors.counting()));
      throw new IllegalStateException("the fake " + api + " API was scripted outside a test (in @BeforeAll, a static"
          + " initializer or a @TestFactory's body): " + counts.entrySet().stream()
              .map(entry -> entry.getKey() + (entry.getValue() > 1 ? " x" + entry.getValue() : ""))
              .collect(Collectors.joining(", "))
          + ". Scripted answers belong to the test that sets them and the fake is emptied before each test,"
          + " so these would never fire: script them in the test or in a @BeforeEach method");
    }
  }
}
