package dev.payspec.stancer;

import dev.payspec.ClientBuilder;
import dev.payspec.UnexpectedAnswer;
import dev.payspec.internal.ApiRuntime;
import dev.payspec.internal.HttpSettings;
import dev.payspec.internal.Transport;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A client of Stancer's API, built once and shared: it is immutable and safe for many threads.
 * Its services ({@link #customers()}, ...) are generated from the spec, one per tag, with one
 * method per operation (see {@link StancerServices}).
 *
 * <pre>{@code
 * StancerClient stancer = StancerClient.builder().apiKey(System.getenv("STANCER_API_KEY")).build();
 * Customer customer = stancer.customers().create(new CustomerCreateRequest().email("david@example.net"));
 * }</pre>
 */
public final class StancerClient extends StancerServices {

  /** Stancer's API, version 1. */
  public static final String DEFAULT_BASE_URL = "https://api.stancer.com/v1";

  private static final Pattern KEY = Pattern.compile("(stest|sprod|ptest|pprod)_\\w{24}");

  private final HttpSettings settings;
  private final boolean liveMode;

  private StancerClient(HttpSettings settings, boolean liveMode, Consumer<UnexpectedAnswer> unexpectedAnswers) {
    super(new ApiRuntime("stancer", () -> new Transport(settings, StancerErrors::parse), unexpectedAnswers));
    this.settings = settings;
    this.liveMode = liveMode;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True for a live key ({@code sprod_}), false for a test key ({@code stest_}). */
  public boolean isLiveMode() {
    return liveMode;
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
      Objects.requireNonNull(apiKey, "apiKey is null: pass your Stancer secret key (stest_... or sprod_...)");
      String key = apiKey.strip();
      if (!KEY.matcher(key).matches()) {
        // The key itself is never echoed: a message may end up in a log.
        throw new IllegalArgumentException("apiKey is not a Stancer key: expected a secret key, stest_ or sprod_ followed by"
            + " 24 letters or digits (" + key.length() + " characters given)");
      }
      if (key.startsWith("p")) {
        throw new IllegalArgumentException("apiKey is a public key (" + key.substring(0, 6)
            + "...): customers need the secret key of the same mode, stest_... or sprod_...");
      }
      this.apiKey = key;
      return this;
    }

    public StancerClient build() {
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is not set: call apiKey(\"stest_...\") or apiKey(\"sprod_...\") before build()");
      }
      // HTTP Basic with the key as user name and an empty password, as Stancer's own SDKs do.
      return new StancerClient(settings("stancer", apiKey, ""), apiKey.startsWith("sprod_"), unexpectedAnswerListener());
    }

    @Override
    public String toString() {
      return "StancerClient.Builder[apiKey=" + (apiKey == null ? "unset" : "(redacted)") + "]";
    }
  }
}
