package dev.payspec.stancer;

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
 * A client of Stancer's API, built once and shared: it is immutable and safe for many threads.
 * Close it when the application no longer needs it (see {@link #close()}).
 * Its services ({@link #customers()}, ...) are generated from the spec, one per tag, with one
 * method per operation (see {@link StancerServices}).
 *
 * <pre>{@code
 * StancerClient stancer = StancerClient.builder().apiKey(System.getenv("STANCER_API_KEY")).build();
 * Customer customer = stancer.customers().create(new CustomerCreateRequest().email("david@example.net"));
 * }</pre>
 */
public final class StancerClient extends StancerServices implements AutoCloseable {

  /** Stancer's API, version 1. */
  public static final String DEFAULT_BASE_URL = "https://api.stancer.com/v1";

  private final HttpSettings settings;
  private final ApiRuntime runtime;
  private final boolean liveMode;

  private StancerClient(HttpSettings settings, boolean liveMode, Consumer<UnexpectedAnswer> unexpectedAnswers) {
    this(settings, liveMode, new ApiRuntime("stancer", new Transport(settings, StancerErrors::parse), unexpectedAnswers));
  }

  private StancerClient(HttpSettings settings, boolean liveMode, ApiRuntime runtime) {
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
    return "StancerClient[" + (liveMode ? "live" : "test") + " mode, " + settings.baseUrl() + "]";
  }

  /** Builds a {@link StancerClient}; {@link #apiKey(String)} is required. */
  public static final class Builder extends ClientBuilder<Builder> {

    private String apiKey;

    private Builder() {
      super(URI.create(DEFAULT_BASE_URL));
    }

    /**
     * The account's secret key: {@code stest_…} for test mode, {@code sprod_…} for live mode.
     * Public keys ({@code ptest_}, {@code pprod_}) cannot manage customers and are refused.
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = StancerKeys.secretKey(apiKey);
      return this;
    }

    public StancerClient build() {
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is not set: call apiKey(\"stest_...\") or apiKey(\"sprod_...\") before build()");
      }
      // HTTP Basic with the key as user name and an empty password, as Stancer's own SDKs do.
      return new StancerClient(BuilderAccess.settings(this, "stancer", apiKey, ""), apiKey.startsWith("sprod_"), unexpectedAnswerListener());
    }

    @Override
    public String toString() {
      return "StancerClient.Builder[apiKey=" + (apiKey == null ? "unset" : "(redacted)") + "]";
    }
  }
}
