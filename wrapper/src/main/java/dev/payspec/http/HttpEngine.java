package dev.payspec.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What sends a payspec client's HTTP requests: it only moves bytes. Given to a client's builder
 * ({@code httpEngine(...)}), such as {@code OkHttpEngine} of the {@code payspec-transport-okhttp}
 * module; unset, a client sends with the JDK's {@code HttpClient}.
 *
 * <p>Everything else stays in payspec, the same for every engine: the retries and their count, each
 * attempt's deadline ({@code connectTimeout + readTimeout}, body included), which payspec enforces by
 * {@link Request#cancel() cancelling} the request, the mapping of failures to exceptions, the check
 * and decoding of the answer, the wire log and the listener. So an engine must not follow redirects
 * nor resend a request by itself (or must say so in {@link #timesSent}), and must end an exchange
 * promptly when its request is cancelled, whether it waits for the headers or reads the body.
 *
 * <p>Why an engine and not a second client type: the JDK client costs no dependency and serves a
 * user's own {@code HttpClient}; OkHttp was measured faster per call and at start-up (see the
 * docs/benchmarks.md). One small interface lets either carry the same client, as Feign's
 * {@code Client} does.
 */
public interface HttpEngine extends AutoCloseable {

  /**
   * Sends {@code request} without blocking the caller (a sync call waits for this future: one way to
   * send, whoever waits): the future completes with the whole answer,
   * or exceptionally with an {@link IOException} when no complete answer came, and when the request
   * is {@link Request#cancel() cancelled}. Callbacks on it may run on the engine's threads.
   */
  CompletableFuture<Response> sendAsync(Request request);

  /**
   * How many times {@code request}, which failed with {@code failure}, may have reached the server:
   * 0 when it surely never left (no connection was made), 1 otherwise, more when the engine itself
   * sent it again. payspec retries a create only at 0 and counts these requests against its
   * {@code maxRetries}. This default says 0 for a refused connection and an unknown host.
   */
  default int timesSent(Request request, IOException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
        return 0;
      }
    }
    return 1;
  }

  /** Where payspec runs an async call's retries once their delay passed: the engine's own threads where it has some. */
  default Executor executor() {
    return ForkJoinPool.commonPool();
  }

  /**
   * Ends what the engine owns (threads, connections); a client the user gave it stays open. Called
   * when the payspec client it was given to is closed.
   */
  @Override
  void close();

  /**
   * One request, ready to send: method, URL, headers and body as they go on the wire, the
   * timeouts that apply to it, and its cancellation. Made by payspec for each attempt.
   */
  final class Request {

    private static final Runnable CANCELLED = () -> { };

    private final String method;
    private final String url;
    private final String[] headers;
    private final byte[] body;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final AtomicReference<Runnable> onCancel = new AtomicReference<>();

    /**
     * @param headers names and values, alternating ({@code name0, value0, name1, value1...}), in the
     *     order they are sent; kept as given, not copied
     * @param body the bytes to send, or null for no body; kept as given, not copied
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the answer once the request is sent
     */
    public Request(String method, String url, String[] headers, byte[] body, Duration connectTimeout, Duration readTimeout) {
      this.method = Objects.requireNonNull(method, "method");
      this.url = Objects.requireNonNull(url, "url");
      this.headers = Objects.requireNonNull(headers, "headers");
      if (headers.length % 2 != 0) {
        throw new IllegalArgumentException("headers must alternate names and values; got an odd count, " + headers.length);
      }
      this.body = body;
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** {@code GET}, {@code POST}, {@code PATCH}, {@code DELETE}... */
    public String method() {
      return method;
    }

    /** The absolute URL, query included, percent-encoded. */
    public String url() {
      return url;
    }

    /** How many headers the request carries. */
    public int headerCount() {
      return headers.length / 2;
    }

    /** The name of header {@code index} (0 to {@link #headerCount()} - 1). */
    public String headerName(int index) {
      return headers[2 * index];
    }

    /** The value of header {@code index}. */
    public String headerValue(int index) {
      return headers[2 * index + 1];
    }

    /** The body (not a copy: do not change it), or null for none. */
    public byte[] body() {
      return body;
    }

    /** How long to wait for a connection to open. */
    public Duration connectTimeout() {
      return connectTimeout;
    }

    /**
     * How long to wait for the answer once the request is sent (the client's {@code readTimeout} or
     * the call's {@code RequestOptions.timeout}). payspec cancels the request when
     * {@code connectTimeout + readTimeout} passed, body included, so an engine needs no timer of its own.
     */
    public Duration readTimeout() {
      return readTimeout;
    }

    /**
     * Runs {@code action} when the request is cancelled, at once if it already was; it must end the
     * exchange without blocking (it may run on payspec's deadline thread). An engine registers one
     * action per exchange.
     */
    public void onCancel(Runnable action) {
      Objects.requireNonNull(action, "action");
      while (true) {
        Runnable current = onCancel.get();
        if (current == CANCELLED) {
          action.run();
          return;
        }
        Runnable next = current == null ? action : () -> {
          current.run();
          action.run();
        };
        if (onCancel.compareAndSet(current, next)) {
          return;
        }
      }
    }

    private volatile boolean headersArrived;
    private volatile Runnable onHeaders;

    /** Cancels the exchange: its deadline passed, its caller was interrupted or cancelled the call. */
    public void cancel() {
      Runnable action = onCancel.getAndSet(CANCELLED);
      if (action != null && action != CANCELLED) {
        action.run();
      }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
      return onCancel.get() == CANCELLED;
    }

    /**
     * Called by the engine when the answer's status and headers have come, before its body: a
     * failure after this is said to have happened while reading the body.
     */
    public void headersArrived() {
      headersArrived = true;
      Runnable action = onHeaders;
      if (action != null) {
        action.run();
      }
    }

    /**
     * What payspec does when the headers come ({@link #headersArrived()}): it starts the body's
     * deadline. The action is short and never blocks.
     */
    public void onHeadersArrived(Runnable action) {
      onHeaders = action;
    }

    /** Whether {@link #headersArrived()} was called. */
    public boolean hasHeaders() {
      return headersArrived;
    }

    /** The method and the URL without its query (which may hold personal data); never headers or body. */
    @Override
    public String toString() {
      int query = url.indexOf('?');
      return "Request[" + method + " " + (query < 0 ? url : url.substring(0, query)) + "]";
    }
  }

  /** A whole answer: status, headers and body. */
  final class Response {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    /**
     * @param headers every header; names looked up case-insensitively by payspec, so a map ordered
     *     case-insensitively (such as the JDK's and OkHttp's) is best; kept as given
     * @param body the body's bytes (empty for none); kept as given, not copied
     */
    public Response(int status, Map<String, List<String>> headers, byte[] body) {
      this.status = status;
      this.headers = Objects.requireNonNull(headers, "headers");
      this.body = body == null ? new byte[0] : body;
    }

    public int status() {
      return status;
    }

    public Map<String, List<String>> headers() {
      return headers;
    }

    /** The body (not a copy). */
    public byte[] body() {
      return body;
    }

    @Override
    public String toString() {
      return "Response[status=" + status + ", body=(" + body.length + " bytes)]";
    }
  }
}
