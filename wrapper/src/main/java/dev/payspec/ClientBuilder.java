package dev.payspec;

import dev.payspec.http.HttpEngine;
import dev.payspec.internal.HttpSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.function.Consumer;

/**
 * The options every payspec client shares, with their defaults in one place. Each setter checks its
 * argument at once and says what is wrong; {@code build()} checks the whole.
 *
 * @param <B> the provider's own builder
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {

  static {
    // payspec's clients read these settings through BuilderAccess: no protected member names an internal type.
    dev.payspec.internal.BuilderAccess.register((builder, provider, username, password) ->
        builder.settings(provider, username, password));
  }

  /** Connect timeout unless set: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Read timeout unless set: 30 seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  /** Retries of an idempotent call unless set: 2 (so 3 attempts at most). */
  public static final int DEFAULT_MAX_RETRIES = 2;
  /** The most retries allowed, to keep a call's total time bounded. */
  public static final int MAX_RETRIES_LIMIT = 10;
  /** The longest connect or read timeout accepted: 10 minutes. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  /** The shortest connect or read timeout accepted: 1 millisecond (the JDK client counts in milliseconds). */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)?[^/?#]*@");

  private URI baseUrl;
  private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private Duration readTimeout = DEFAULT_READ_TIMEOUT;
  private int maxRetries = DEFAULT_MAX_RETRIES;
  private String userAgentSuffix;
  private HttpClient sharedHttpClient;
  private HttpEngine engine;
  private CallClock clock;
  private Duration callTimeout;
  private boolean logFullBodies;
  private Consumer<UnexpectedAnswer> unexpectedAnswers;
  private CallListener listener;

  protected ClientBuilder(URI defaultBaseUrl) {
    this.baseUrl = defaultBaseUrl;
  }

  /**
   * The URL of the API, such as a test server's. It must be HTTPS, unless its host is the loopback
   * interface ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) for local tests, and it must not
   * carry a user name or password ({@code user:password@}): credentials have their own options.
   */
  public B baseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl is null: pass the API's URL, such as https://api.example.com");
    // A URL is echoed in messages only without its user-info part, which may hold a password.
    String shown = USER_INFO.matcher(baseUrl).replaceFirst("$1(redacted)@");
    if (!shown.equals(baseUrl)) {
      throw new IllegalArgumentException("baseUrl must not carry a user name or password (user:password@ before the host):"
          + " pass the credentials to the builder's key options instead; got " + shown);
    }
    URI uri;
    try {
      uri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("baseUrl is not a URL: " + shown, e);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("baseUrl must not carry a user name or password (user:password@ before the host)");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute URL with a host, such as https://api.example.com; got " + shown);
    }
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && HttpSettings.isLoopback(uri.getHost());
    if (!https && !loopbackHttp) {
      throw new IllegalArgumentException("baseUrl must use https (plain http is allowed only for a loopback host such as localhost); got " + shown);
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("baseUrl must have no query or fragment; got " + shown);
    }
    this.baseUrl = uri;
    return self();
  }

  /** How long to wait for a connection to open (default 10 s; 1 ms to 10 minutes). */
  public B connectTimeout(Duration connectTimeout) {
    this.connectTimeout = bounded(connectTimeout, "connectTimeout");
    return self();
  }

  /**
   * How long to wait for the answer once the request is sent (default 30 s; 1 ms to 10 minutes):
   * for its headers, then for its whole body once they came, however slowly the server sends it,
   * whatever {@link #connectTimeout(Duration)} is. An attempt also ends after
   * {@code connectTimeout + readTimeout} at the latest.
   */
  public B readTimeout(Duration readTimeout) {
    this.readTimeout = bounded(readTimeout, "readTimeout");
    return self();
  }

  /**
   * The bound of a whole call, its retries and the delays between them included (default: none,
   * each attempt being bounded by the two timeouts above): when it passes, the call ends with a
   * {@link ConnectionException}, and no retry starts that could not finish inside it.
   */
  public B callTimeout(Duration callTimeout) {
    this.callTimeout = bounded(callTimeout, "callTimeout");
    return self();
  }

  /**
   * A JDK HTTP client to share with other payspec clients (its connection pool, selector thread and
   * executor), such as one per application when there is one payspec client per merchant key. You
   * own it: closing a payspec client leaves it open. Its connect timeout applies instead of
   * {@link #connectTimeout(Duration)}, which still counts in each attempt's deadline. It must not
   * follow redirects, so that a create is never sent twice.
   */
  public B httpClient(HttpClient httpClient) {
    Objects.requireNonNull(httpClient, "httpClient is null: leave it unset for a client of payspec's own");
    if (engine != null) {
      throw new IllegalStateException("httpClient cannot be given with httpEngine (" + engine.getClass().getSimpleName()
          + "): they are two ways to send; give one of them");
    }
    if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("httpClient must not follow redirects (HttpClient.Redirect.NEVER); it follows "
          + httpClient.followRedirects() + ", which could send a create again");
    }
    this.sharedHttpClient = httpClient;
    return self();
  }

  /**
   * What sends the requests instead of the JDK's {@code HttpClient}, such as {@code OkHttpEngine}
   * of the {@code payspec-transport-okhttp} module. Retries, deadlines, errors, checks, the wire log
   * and the listener stay payspec's, the same for every engine. Closing the payspec client closes
   * the engine, which ends only what it built itself (a client you gave it stays open). An engine
   * belongs to one payspec client unless it is over a client of yours.
   */
  public B httpEngine(HttpEngine engine) {
    Objects.requireNonNull(engine, "httpEngine is null: leave it unset to send with the JDK's HttpClient");
    if (sharedHttpClient != null) {
      throw new IllegalStateException("httpEngine cannot be given with httpClient (a JDK HttpClient): they are two ways"
          + " to send; give one of them");
    }
    this.engine = engine;
    return self();
  }

  /**
   * Whether the wire log (DEBUG) writes request and response bodies as they are, customers'
   * personal data included (default false: the values of the fields the spec marks personal are
   * written as {@code (personal)} and bodies that are not JSON are left out). For debugging only.
   */
  public B logFullBodies(boolean logFullBodies) {
    this.logFullBodies = logFullBodies;
    return self();
  }

  /**
   * How often an idempotent call (GET, PATCH, DELETE) is retried after a connection failure, a 429
   * or a 5xx, with exponential backoff and jitter (default 2; 0 turns retries off). A create is
   * never retried once it may have reached the server. The JDK's HTTP client resends a GET once by
   * itself when its connection closes before any answer; that resend counts as one of these retries.
   */
  public B maxRetries(int maxRetries) {
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw new IllegalArgumentException("maxRetries must be between 0 and " + MAX_RETRIES_LIMIT + "; got " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return self();
  }

  /** Text appended to the User-Agent header, such as {@code my-shop/2.1}, to tell your application's calls apart. */
  public B userAgentSuffix(String userAgentSuffix) {
    Objects.requireNonNull(userAgentSuffix, "userAgentSuffix is null: leave it unset for none");
    if (userAgentSuffix.isBlank() || userAgentSuffix.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new IllegalArgumentException("userAgentSuffix must be printable ASCII, not blank, with no line breaks; got \"" + userAgentSuffix + "\"");
    }
    this.userAgentSuffix = userAgentSuffix.strip();
    return self();
  }

  /**
   * Called, on the calling thread (an HTTP thread for async calls), for each thing in a successful answer that the spec does not
   * describe but that does not stop the SDK from reading it (an unknown property, an unknown enum
   * value): the answer is returned all the same. Unset, nothing is reported. A listener must not
   * throw.
   */
  public B onUnexpectedAnswer(Consumer<UnexpectedAnswer> listener) {
    this.unexpectedAnswers = Objects.requireNonNull(listener, "listener is null: leave it unset for none");
    return self();
  }

  /**
   * Told of each call (request, response, retry, failure) for metrics or tracing, such as
   * {@code PayspecObservation} of the {@code payspec-micrometer} module. It never sees credentials,
   * arguments or bodies. Unset, nothing is told.
   */
  public B listener(CallListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener is null: leave it unset for none");
    return self();
  }

  /**
   * How the client waits before a retry (default: a timer that holds no thread). Give your own in
   * tests of retries and backoff, to run them without real sleeps.
   */
  public B clock(CallClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock is null: leave it unset for the default timers");
    return self();
  }

  /** The listener of {@link #onUnexpectedAnswer(Consumer)}, or null. */
  protected Consumer<UnexpectedAnswer> unexpectedAnswerListener() {
    return unexpectedAnswers;
  }

  /** The shared settings with this provider's name (for the User-Agent) and credentials. */
  private HttpSettings settings(String provider, String username, String password) {
    return new HttpSettings(provider, baseUrl, connectTimeout, readTimeout, maxRetries, userAgentSuffix, username, password,
        sharedHttpClient, logFullBodies, listener, engine, clock, callTimeout);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** {@code duration}, refused with a message naming {@code name} unless it is 1 ms to 10 minutes. */
  static Duration bounded(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " is null: pass a Duration such as Duration.ofSeconds(10)");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive; got " + duration);
    }
    if (duration.compareTo(MIN_TIMEOUT) < 0 || duration.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(name + " must be between 1 ms and 10 minutes (a call that waits longer is better"
          + " cancelled by the caller); got " + (duration.getSeconds() > 1_000_000 ? duration.getSeconds() + " s" : duration));
    }
    return duration;
  }
}
