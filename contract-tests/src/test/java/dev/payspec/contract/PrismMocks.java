package dev.payspec.contract;

import dev.payspec.specs.BundledSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link PrismMock} of every API the build bundled ({@link BundledSpec#apis()}), for tests that
 * walk the specs rather than a list: {@code @RegisterExtension static PrismMocks mocks = PrismMocks.ofEveryApi();}.
 * The Prism processes are the run's shared ones, the same a {@link PrismMock} of one API gets.
 */
final class PrismMocks implements BeforeAllCallback {

  private final Map<String, PrismMock> mocks = new LinkedHashMap<>();

  private PrismMocks() {
    for (String api : BundledSpec.apis()) {
      mocks.put(api, PrismMock.of(api));
    }
  }

  static PrismMocks ofEveryApi() {
    return new PrismMocks();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    for (PrismMock mock : mocks.values()) {
      mock.beforeAll(context);
    }
  }

  /** The APIs, in the order of {@link BundledSpec#apis()}. */
  List<String> apis() {
    return List.copyOf(mocks.keySet());
  }

  PrismMock of(String api) {
    PrismMock mock = mocks.get(api);
    if (mock == null) {
      throw new IllegalArgumentException("no bundle for " + api + ": the APIs are " + mocks.keySet());
    }
    return mock;
  }

  /**
   * The test credentials of an API, as {user, password} of HTTP Basic: Stancer's (every version)
   * take the secret key as user name; beGateway takes the shop id and its secret.
   */
  static String[] credentials(String api) {
    if (api.startsWith("stancer")) {
      return new String[] {"stest_abcdefghijklmnopqrstuvwx", ""};
    }
    if (api.equals("begateway")) {
      return new String[] {"361", "b8647b68898b084b836474ed8d61ffe117c9a01168d867f24953b776ddcb134d"};
    }
    throw new IllegalArgumentException("no test credentials for " + api + ": add them to PrismMocks.credentials");
  }
}
