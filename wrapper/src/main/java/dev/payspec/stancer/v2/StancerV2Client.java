package dev.payspec.stancer.v2;

import dev.payspec.ClientBuilder;
import dev.payspec.UnexpectedAnswer;
import dev.payspec.internal.ApiRuntime;
import dev.payspec.internal.BuilderAccess;
import dev.payspec.internal.HttpSettings;
import dev.payspec.internal.StancerErrors;
import dev.payspec.internal.StancerKeys;
import dev.payspec.internal.Transport;
import java.net.URI;
import java.util.function.Consumer;

/**
 * A client of Stancer's API version 2, built once and shared: immutable, safe for many threads,
 * closed when the application no longer needs it. Its services ({@link #customers()}: list with
 * filters and auto-paging, create, retrieve, update, delete, and a customer's subscriptions and
 * payment intents) are generated from the v2 spec; requests and answers are the v2 models
 * ({@code dev.payspec.stancer.v2.generated.model}). {@link dev.payspec.stancer.StancerClient} stays
 * the client of version 1.
 *
 * <pre>{@code
 * StancerV2Client stancer = StancerV2Client.builder().apiKey(System.getenv("STANCER_API_KEY")).build();
 * for (Customer customer : stancer.customers().list(null, "order-42", null, null, null, null, null, 50).autoPaging()) {
 *   ...
 * }
 * }</pre>
 */
public final class StancerV2Client extends StancerV2Services implements AutoCloseable {

  /** Stancer's API, version 2. */
  public static final String DEFAULT_BASE_URL = "https://api.stancer.com/v2";

  private final HttpSettings settings;
  private final ApiRuntime runtime;
  private final boolean liveMode;

  private StancerV2Client(HttpSettings settings, boolean liveMode, Consumer<UnexpectedAnswer> unexpectedAnswers) {
    this(settings, liveMode, new ApiRuntime("stancer-v2", new Transport(settings, StancerErrors::parse), unexpectedAnswers));
  }

  private StancerV2Client(HttpSettings settings, boolean liveMode, ApiRuntime runtime) {
    super(runtime);
    this.settings = settings;
    this.runtime = runtime;
    this.liveMode = liveMode;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True for a live key ({@code sprod_}), false for a test key ({@code stest_}). */
  public boolean isLiveMode() {
    return liveMode;
  }

  /**
   * Ends this client: its HTTP threads stop and later calls throw {@link IllegalStateException}.
   * Closing twice does nothing more.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "StancerV2Client[" + (liveMode ? "live" : "test") + " mode, " + settings.baseUrl() + "]";
  }

  /** Builds a {@link StancerV2Client}; {@link #apiKey(String)} is required. */
  public static final class Builder extends ClientBuilder<Builder> {

    private String apiKey;

    private Builder() {
      super(URI.create(DEFAULT_BASE_URL));
    }

    /**
     * The account's secret key, the same as for version 1: {@code stest_…} for test mode,
     * {@code sprod_…} for live mode; sent as HTTP Basic user name with an empty password, as
     * Stancer's API guide says.
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = StancerKeys.secretKey(apiKey);
      return this;
    }

    public StancerV2Client build() {
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is not set: call apiKey(\"stest_...\") or apiKey(\"sprod_...\") before build()");
      }
      return new StancerV2Client(BuilderAccess.settings(this, "stancer", apiKey, ""), apiKey.startsWith("sprod_"), unexpectedAnswerListener());
    }

    @Override
    public String toString() {
      return "StancerV2Client.Builder[apiKey=" + (apiKey == null ? "unset" : "(redacted)") + "]";
    }
  }
}
