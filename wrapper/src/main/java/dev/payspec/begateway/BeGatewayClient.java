package dev.payspec.begateway;

import dev.payspec.ClientBuilder;
import dev.payspec.UnexpectedAnswer;
import dev.payspec.internal.ApiRuntime;
import dev.payspec.internal.BuilderAccess;
import dev.payspec.internal.HttpSettings;
import dev.payspec.internal.Transport;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A client of a beGateway shop, on bePaid, eComCharge or any other beGateway brand. Built once and
 * shared: it is immutable and safe for many threads. Its services ({@link #customers()}, ...) are
 * generated from the spec, one per tag, with one method per operation (see {@link BeGatewayServices}).
 *
 * <pre>{@code
 * BeGatewayClient bePaid = BeGatewayClient.bePaid(shopId, secretKey);
 * List<Customer> customers = bePaid.customers().list();
 * }</pre>
 */
public final class BeGatewayClient extends BeGatewayServices implements AutoCloseable {

  /** bePaid's API. */
  public static final String BEPAID_BASE_URL = "https://api.bepaid.by";
  /** eComCharge's API. */
  public static final String ECOMCHARGE_BASE_URL = "https://api.ecomcharge.com";

  private final HttpSettings settings;
  private final ApiRuntime runtime;

  private BeGatewayClient(HttpSettings settings, Consumer<UnexpectedAnswer> unexpectedAnswers) {
    this(settings, new ApiRuntime("begateway", new Transport(settings, BeGatewayErrors::parse), unexpectedAnswers));
  }

  private BeGatewayClient(HttpSettings settings, ApiRuntime runtime) {
    super(runtime);
    this.settings = settings;
    this.runtime = runtime;
  }

  /** A client of a bePaid shop, with every other option at its default. */
  public static BeGatewayClient bePaid(String shopId, String secretKey) {
    return builder().baseUrl(BEPAID_BASE_URL).shopId(shopId).secretKey(secretKey).build();
  }

  /** A client of an eComCharge shop, with every other option at its default. */
  public static BeGatewayClient ecomCharge(String shopId, String secretKey) {
    return builder().baseUrl(ECOMCHARGE_BASE_URL).shopId(shopId).secretKey(secretKey).build();
  }

  /** A builder for any beGateway brand: set {@link Builder#baseUrl(String)}, the shop id and the secret key. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Ends this client: its HTTP threads stop and later calls throw {@link IllegalStateException}.
   * Calls under way end with a {@link dev.payspec.ConnectionException}, at their deadline at the latest. A JDK client given to
   * {@link ClientBuilder#httpClient(java.net.http.HttpClient)} stays open; an engine given to
   * {@link ClientBuilder#httpEngine(dev.payspec.http.HttpEngine)} is closed, which ends only what it
   * built itself. Closing twice does nothing more.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "BeGatewayClient[shop " + settings.username() + ", " + settings.baseUrl() + "]";
  }

  /** Builds a {@link BeGatewayClient}; the base URL, the shop id and the secret key are required. */
  public static final class Builder extends ClientBuilder<Builder> {

    private String shopId;
    private String secretKey;
    private boolean baseUrlSet;

    private Builder() {
      super(null);
    }

    @Override
    public Builder baseUrl(String baseUrl) {
      baseUrlSet = true;
      return super.baseUrl(baseUrl);
    }

    /** The shop's id, as shown in the brand's back office. */
    public Builder shopId(String shopId) {
      Objects.requireNonNull(shopId, "shopId is null: pass your shop's id from the back office");
      if (shopId.isBlank()) {
        throw new IllegalArgumentException("shopId is blank: pass your shop's id from the back office");
      }
      if (shopId.contains(":")) {
        throw new IllegalArgumentException("shopId must not contain ':' (it is the user name of HTTP Basic authentication)");
      }
      this.shopId = shopId.strip();
      return this;
    }

    /** The shop's secret key. */
    public Builder secretKey(String secretKey) {
      Objects.requireNonNull(secretKey, "secretKey is null: pass your shop's secret key from the back office");
      if (secretKey.isBlank()) {
        throw new IllegalArgumentException("secretKey is blank: pass your shop's secret key from the back office");
      }
      this.secretKey = secretKey.strip();
      return this;
    }

    public BeGatewayClient build() {
      if (!baseUrlSet) {
        throw new IllegalStateException("baseUrl is not set: use BeGatewayClient.bePaid(...) or ecomCharge(...),"
            + " or baseUrl(\"https://api.<your brand>\")");
      }
      if (shopId == null) {
        throw new IllegalStateException("shopId is not set: call shopId(...) before build()");
      }
      if (secretKey == null) {
        throw new IllegalStateException("secretKey is not set: call secretKey(...) before build()");
      }
      return new BeGatewayClient(BuilderAccess.settings(this, "begateway", shopId, secretKey), unexpectedAnswerListener());
    }

    @Override
    public String toString() {
      return "BeGatewayClient.Builder[shopId=" + shopId + ", secretKey=" + (secretKey == null ? "unset" : "(redacted)") + "]";
    }
  }
}
