package dev.payspec;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Options of the calls made through one view of a client ({@code client.withOptions(options)}):
 * a read timeout, a number of retries and extra headers, for these calls only. The view shares the
 * client's connections, threads and spec checks; building one costs a few objects. Immutable.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder().timeout(Duration.ofSeconds(5)).maxRetries(0)
 *     .header("Idempotency-Key", "order-42").build();
 * Customer customer = stancer.withOptions(options).customers().retrieve("cust_...");
 * }</pre>
 */
public final class RequestOptions {

  /** No option: the client's own settings. */
  public static final RequestOptions NONE = builder().build();

  /** Headers the client sets itself (credentials, identity) or the JDK client forbids: refused here. */
  private static final Set<String> REFUSED = Set.of("authorization", "proxy-authorization", "cookie", "user-agent",
      "host", "connection", "content-length", "expect", "upgrade", "te", "trailer", "transfer-encoding");

  private final Duration timeout;
  private final Duration callTimeout;
  private final Integer maxRetries;
  private final Map<String, String> headers;

  private RequestOptions(Builder builder) {
    this.timeout = builder.timeout;
    this.callTimeout = builder.callTimeout;
    this.maxRetries = builder.maxRetries;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The read timeout of each attempt instead of the client's, or empty. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The bound of the whole call (its retries and their delays included) instead of the client's, or empty. */
  public Optional<Duration> callTimeout() {
    return Optional.ofNullable(callTimeout);
  }

  /** The retries allowed instead of the client's, or empty. */
  public Optional<Integer> maxRetries() {
    return Optional.ofNullable(maxRetries);
  }

  /** The extra headers, by name, in the order given. */
  public Map<String, String> headers() {
    return headers;
  }

  /** These options, overridden by those {@code other} sets. */
  public RequestOptions merge(RequestOptions other) {
    Builder merged = new Builder();
    merged.timeout = other.timeout != null ? other.timeout : timeout;
    merged.callTimeout = other.callTimeout != null ? other.callTimeout : callTimeout;
    merged.maxRetries = other.maxRetries != null ? other.maxRetries : maxRetries;
    merged.headers.putAll(headers);
    merged.headers.putAll(other.headers);
    return new RequestOptions(merged);
  }

  /** Header values are left out: they may hold a key of the caller's. */
  @Override
  public String toString() {
    return "RequestOptions[timeout=" + timeout + ", callTimeout=" + callTimeout + ", maxRetries=" + maxRetries + ", headers=" + headers.keySet() + "]";
  }

  /** Builds {@link RequestOptions}; each setter checks its argument at once. */
  public static final class Builder {

    private Duration timeout;
    private Duration callTimeout;
    private Integer maxRetries;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * How long each attempt waits for the answer once the request is sent (for the headers, then
     * for the whole body once they came), instead of the client's read timeout (1 ms to 10 minutes).
     */
    public Builder timeout(Duration timeout) {
      this.timeout = ClientBuilder.bounded(timeout, "timeout");
      return this;
    }

    /**
     * The bound of the whole call, its retries and the delays between them included, instead of
     * the client's (1 ms to 10 minutes): when it passes, the call ends with a
     * {@link ConnectionException}, and no retry starts that could not finish inside it.
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = ClientBuilder.bounded(callTimeout, "callTimeout");
      return this;
    }

    /** How often an idempotent call is retried, instead of the client's (0 to {@value ClientBuilder#MAX_RETRIES_LIMIT}). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > ClientBuilder.MAX_RETRIES_LIMIT) {
        throw new IllegalArgumentException("maxRetries must be between 0 and " + ClientBuilder.MAX_RETRIES_LIMIT + "; got " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * A header sent with each request, such as {@code Prefer} for a mock server or a tracing
     * header. Headers that carry credentials or that the client sets itself ({@code Authorization},
     * {@code Proxy-Authorization}, {@code Cookie}, {@code User-Agent}) and those the JDK's client
     * forbids ({@code Host}, {@code Connection}, {@code Content-Length}...) are refused: credentials
     * come from the client's builder only.
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name is null");
      Objects.requireNonNull(value, "the value of header " + name + " is null");
      if (name.isBlank() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
        throw new IllegalArgumentException("header name must be an HTTP token (letters, digits, - and the like); got \"" + name + "\"");
      }
      if (REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("the header " + name + " cannot be set per request: it would override the"
            + " client's credentials or identity, or the JDK client sets it itself; credentials are set on the client's builder");
      }
      if (value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
        throw new IllegalArgumentException("the header " + name + " must not hold a line break");
      }
      headers.put(name, value);
      return this;
    }

    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
