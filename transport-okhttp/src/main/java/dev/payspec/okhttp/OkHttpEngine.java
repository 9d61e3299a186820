package dev.payspec.okhttp;

import dev.payspec.http.HttpEngine;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;

/**
 * Sends a payspec client's requests with OkHttp: give it to any client's builder,
 * {@code StancerClient.builder().httpEngine(OkHttpEngine.create())}. The retries, each attempt's
 * deadline, the errors, the checks, the wire log and the listener stay payspec's, the same as with
 * the JDK's client.
 *
 * <p>From the user's {@link OkHttpClient} (its connection pool, dispatcher, TLS, proxy,
 * interceptors and event listener are kept), payspec derives one with {@code newBuilder()} that
 * overrides:
 * <ul>
 *   <li>{@code followRedirects(false)}, {@code followSslRedirects(false)}: a redirect is an answer,
 *       never followed, so that a create is never sent twice;
 *   <li>{@code retryOnConnectionFailure(false)}: OkHttp's silent resend would send a POST twice and
 *       make payspec's count of attempts false; payspec retries as its {@code maxRetries} says;
 *   <li>{@code connectTimeout}: the payspec client's {@code connectTimeout};
 *   <li>{@code readTimeout}, {@code writeTimeout}: the payspec client's {@code readTimeout}, or the
 *       call's {@code RequestOptions} timeout, until the headers: a server silent for that long
 *       ends the attempt, as with the JDK's client (the body is bounded by the deadline below);
 *   <li>{@code callTimeout}: off, since payspec cancels each attempt ({@link Call#cancel()}) at its
 *       deadline, {@code connectTimeout + readTimeout}, the whole body included (a dripped body
 *       too), and when a waiting caller's thread is interrupted.
 * </ul>
 * Interceptors of the user's client must not resend requests either.
 *
 * <p>Calls run {@code Call.enqueue()} on the dispatcher's threads (a sync call waits for them).
 * Closing the payspec client closes this engine: an engine from
 * {@link #create()} then ends the client it built (dispatcher threads, pooled connections), so it
 * belongs to one payspec client; one from {@link #create(OkHttpClient)} leaves the user's client
 * open, and may be shared by many payspec clients.
 */
public final class OkHttpEngine implements HttpEngine {

  private static final AtomicInteger ENGINES = new AtomicInteger();
  private static final byte[] EMPTY = new byte[0];
  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

  private final OkHttpClient base;
  private final boolean owned;
  /**
   * The derived client per connect and read timeout, built on first use: one per payspec client's
   * settings, and one per {@code RequestOptions} timeout in use. Past {@link #MAX_DERIVED}
   * (timeouts computed per call), each call derives its own, which costs a few objects.
   */
  private final Map<Timeouts, OkHttpClient> derived = new ConcurrentHashMap<>();
  private static final int MAX_DERIVED = 32;

  private record Timeouts(Duration connect, Duration read) {
  }

  private OkHttpEngine(OkHttpClient from, boolean owned) {
    this.owned = owned;
    this.base = from.newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .callTimeout(Duration.ZERO)
        .addNetworkInterceptor(OkHttpEngine::bodyWithoutReadTimeout)
        .build();
  }

  /**
   * Once the headers are read, an HTTP/1 connection's socket waits for the body without a read
   * timeout (OkHttp sets it again for the connection's next exchange): payspec's deadline bounds the
   * body, so that a stalled or dripped body ends at the deadline, as with the JDK's client.
   */
  private static okhttp3.Response bodyWithoutReadTimeout(Interceptor.Chain chain) throws IOException {
    okhttp3.Response response = chain.proceed(chain.request());
    Connection connection = chain.connection();
    if (connection != null && connection.protocol() != Protocol.HTTP_2 && connection.protocol() != Protocol.H2_PRIOR_KNOWLEDGE) {
      connection.socket().setSoTimeout(0);
    }
    return response;
  }

  /**
   * An engine with an OkHttp client of its own: daemon dispatcher threads ({@code payspec-okhttp-N-M}),
   * up to 64 calls in flight per host, its own connection pool. Closing the payspec client it is
   * given to ends them; give each payspec client its own.
   */
  public static OkHttpEngine create() {
    String prefix = "payspec-okhttp-" + ENGINES.incrementAndGet() + "-";
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        task -> {
          Thread thread = new Thread(task, prefix + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    Dispatcher dispatcher = new Dispatcher(executor);
    // OkHttp's default of 5 per host would queue a payspec client's async calls to one API behind each other.
    dispatcher.setMaxRequestsPerHost(dispatcher.getMaxRequests());
    return new OkHttpEngine(new OkHttpClient.Builder().dispatcher(dispatcher).connectionPool(new ConnectionPool()).build(), true);
  }

  /**
   * An engine over {@code client}, such as one with your {@code sslSocketFactory}, proxy or
   * interceptors, shared between payspec clients: it uses the client's pool and dispatcher, with the
   * overrides listed above, and closing a payspec client leaves it open (you close it).
   *
   * @throws NullPointerException when {@code client} is null
   */
  public static OkHttpEngine create(OkHttpClient client) {
    Objects.requireNonNull(client, "client is null: pass your OkHttpClient, or call OkHttpEngine.create() for one of payspec's own");
    return new OkHttpEngine(client, false);
  }

  /** The client {@code request} goes through: the base one with the request's timeouts. */
  private OkHttpClient client(Request request) {
    Timeouts timeouts = new Timeouts(request.connectTimeout(), request.readTimeout());
    OkHttpClient client = derived.get(timeouts);
    if (client == null) {
      client = derived.size() < MAX_DERIVED ? derived.computeIfAbsent(timeouts, this::derive) : derive(timeouts);
    }
    return client;
  }

  private OkHttpClient derive(Timeouts timeouts) {
    return base.newBuilder().connectTimeout(timeouts.connect()).readTimeout(timeouts.read()).writeTimeout(timeouts.read()).build();
  }

  private Call call(Request request) {
    okhttp3.Request.Builder builder = new okhttp3.Request.Builder().url(request.url());
    for (int i = 0, n = request.headerCount(); i < n; i++) {
      builder.addHeader(request.headerName(i), request.headerValue(i));
    }
    byte[] body = request.body();
    if (body == null && METHODS_WITH_BODY.contains(request.method())) {
      body = EMPTY;
    }
    // No media type: the Content-Type header is the request's own, as the spec's operation gives it.
    builder.method(request.method(), body == null ? null : RequestBody.create(body, (okhttp3.MediaType) null));
    Call call = client(request).newCall(builder.build());
    request.onCancel(call::cancel);
    return call;
  }

  @Override
  public CompletableFuture<HttpEngine.Response> sendAsync(Request request) {
    CompletableFuture<HttpEngine.Response> result = new CompletableFuture<>();
    call(request).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        result.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, okhttp3.Response response) {
        // The status and headers have come: what fails from here fails while reading the body.
        request.headersArrived();
        try (response) {
          result.complete(answer(response));
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      }
    });
    return result;
  }

  private static HttpEngine.Response answer(okhttp3.Response response) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return new HttpEngine.Response(response.code(), new LazyHeaders(response.headers()), EMPTY);
    }
    // The read timeout bounds the wait for the headers; the body is bounded by payspec's deadline,
    // which cancels the call, so that a dripped body ends at the deadline as with the JDK's client.
    body.source().timeout().clearTimeout();
    byte[] bytes = body.bytes();
    return new HttpEngine.Response(response.code(), new LazyHeaders(response.headers()), bytes);
  }

  /**
   * 0 when no connection was made (refused, unknown host, no route, the connect timeout, a failed
   * TLS handshake: the request had not left), else 1: with {@code retryOnConnectionFailure(false)}
   * OkHttp never sends a request twice by itself.
   */
  @Override
  public int timesSent(Request request, IOException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException
          || t instanceof SocketTimeoutException && t.getMessage() != null
              && t.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out")) {
        return 0;
      }
    }
    return HttpEngine.super.timesSent(request, failure);
  }

  /** The dispatcher's threads: where payspec runs an async call's retries. */
  @Override
  public Executor executor() {
    return base.dispatcher().executorService();
  }

  /**
   * For an engine from {@link #create()}: stops its dispatcher's threads and closes its pooled
   * connections. For one over the user's client: nothing (its owner closes it).
   */
  @Override
  public void close() {
    if (!owned) {
      return;
    }
    base.dispatcher().cancelAll();
    base.dispatcher().executorService().shutdown();
    base.connectionPool().evictAll();
  }

  /** Whether this engine ends its client when closed (it built it), as opposed to a user's client. */
  public boolean ownsItsClient() {
    return owned;
  }

  @Override
  public String toString() {
    return "OkHttpEngine[" + (owned ? "own client" : "user's client") + "]";
  }

  /**
   * The answer's headers as payspec reads them (names in lower case, looked up case-insensitively),
   * made from OkHttp's only when read: most answers' headers are never read.
   */
  private static final class LazyHeaders extends AbstractMap<String, List<String>> {
    private final Headers headers;
    private Map<String, List<String>> map;

    LazyHeaders(Headers headers) {
      this.headers = headers;
    }

    private Map<String, List<String>> map() {
      if (map == null) {
        map = headers.toMultimap();
      }
      return map;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
      return map().entrySet();
    }

    // OkHttp's map holds the names in lower case: a name is looked up in any case, as in the JDK's.
    @Override
    public List<String> get(Object key) {
      return map().get(key instanceof String name ? name.toLowerCase(Locale.ROOT) : key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map().containsKey(key instanceof String name ? name.toLowerCase(Locale.ROOT) : key);
    }
  }
}
