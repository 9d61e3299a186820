package dev.payspec.examplepay;

import dev.payspec.ClientBuilder;
import dev.payspec.internal.ApiRuntime;
import dev.payspec.internal.BuilderAccess;
import dev.payspec.internal.ErrorBody;
import dev.payspec.internal.Transport;

/**
 * The one class a maintainer writes for a new API: how its credentials are given. Its services
 * ({@code refunds()}) are generated from the spec (see {@code ExamplePayServices}).
 */
public final class ExamplePayClient extends ExamplePayServices implements AutoCloseable {

  private final ApiRuntime runtime;

  private ExamplePayClient(ApiRuntime runtime) {
    super(runtime);
    this.runtime = runtime;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void close() {
    runtime.close();
  }

  /** Builds an {@link ExamplePayClient}; {@link #apiKey(String)} is required. */
  public static final class Builder extends ClientBuilder<Builder> {

    private String apiKey;

    private Builder() {
      super(java.net.URI.create("https://api.example-pay.test/v1"));
    }

    /** The account's secret key, sent as the Basic user name. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public ExamplePayClient build() {
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is not set: call apiKey(...) before build()");
      }
      var settings = BuilderAccess.settings(this, "examplepay", apiKey, "");
      return new ExamplePayClient(new ApiRuntime("examplepay", new Transport(settings, body -> ErrorBody.EMPTY),
          unexpectedAnswerListener()));
    }
  }
}
