package dev.payspec.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.payspec.ApiCall;
import dev.payspec.CallClock;
import dev.payspec.CallListener;
import dev.payspec.ConnectionException;
import dev.payspec.ConnectionException.Phase;
import dev.payspec.RequestOptions;
import dev.payspec.PayspecException;
import dev.payspec.http.HttpEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP machinery of one client: sends the requests of the spec's operations ({@link CallPlan})
 * with an {@link HttpEngine} (the JDK's {@code HttpClient} unless the user gave another) and runs
 * each call's steps, each a small class of its own:
 * <ul>
 *   <li>send: every call is one exchange over the engine's {@code sendAsync}; a sync call waits for
 *       it ({@link #exchange}), so there is one way to send, deadline and retry a call;
 *   <li>deadlines ({@link Deadlines}): {@code readTimeout} for the body once the headers came,
 *       {@code connectTimeout + readTimeout} for the attempt, {@code callTimeout} for the call; a
 *       passed deadline cancels the attempt's {@link HttpEngine.Request}, body included;
 *   <li>retry decision ({@link RetryPolicy}), the same for sync and async; the wait before a retry
 *       goes through the client's {@link CallClock};
 *   <li>answers ({@link Answers}): error statuses mapped to exceptions ({@link ErrorMapper}), a
 *       success bound by Jackson and read liberally;
 *   <li>wire log ({@link WireLog}) and listener ({@link CallEvents});
 *   <li>network failures named by host, port and phase ({@link #phaseOf}).
 * </ul>
 * Why not Feign at run time: its per-call pipeline (request templates, interceptors, rebuilt
 * responses) did work the spec makes needless; here what is fixed is computed once. Immutable and
 * safe to share between threads. Not part of the public API.
 */
public final class Transport implements AutoCloseable {

  private final Answers answers;
  private final RetryPolicy retries;
  private final HttpEngine engine;
  private final String baseUrl;
  private final String basePath;
  /** Where the provider is, as network failures name it (never a path, which may hold personal data). */
  private final String host;
  private final int port;
  private final Duration readTimeout;
  private final Duration connectTimeout;
  private final CallListener listener;
  private final CallEvents events;
  private final String provider;
  private final long attemptNanos;
  private final Duration callTimeout;
  private final String[] identity;
  private final WireLog log;
  private final CallClock clock;
  private volatile boolean closed;

  public Transport(HttpSettings settings, ErrorBodyParser errorBodyParser) {
    this.engine = settings.engine() != null ? settings.engine()
        : settings.sharedHttpClient() != null ? new JdkHttpEngine(settings.sharedHttpClient())
        : new JdkHttpEngine(settings.provider(), settings.connectTimeout());
    try {
      HttpSettings.checkJackson();
    } catch (IllegalStateException tooOld) {
      close();
      throw tooOld;
    }
    this.retries = new RetryPolicy(settings.maxRetries());
    String url = settings.baseUrl().toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String path = settings.baseUrl().getRawPath() == null ? "" : settings.baseUrl().getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.host = settings.baseUrl().getHost();
    this.port = settings.baseUrl().getPort() >= 0 ? settings.baseUrl().getPort()
        : "https".equalsIgnoreCase(settings.baseUrl().getScheme()) ? 443 : 80;
    this.readTimeout = settings.readTimeout();
    this.connectTimeout = settings.connectTimeout();
    this.listener = settings.listener();
    this.events = new CallEvents(listener);
    this.provider = settings.provider();
    this.attemptNanos = settings.connectTimeout().plus(settings.readTimeout()).toNanos();
    this.callTimeout = settings.callTimeout();
    String credentials = settings.username() + ":" + settings.password();
    this.identity = new String[] {
        "Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
        "User-Agent", settings.userAgent()};
    this.log = new WireLog("dev.payspec.http." + settings.provider(), settings.logFullBodies());
    this.answers = new Answers(new ErrorMapper(Json.MAPPER, errorBodyParser), log, basePath);
    this.clock = settings.clock() != null ? settings.clock() : CallClock.system(engine.executor());
  }

  /** Tells the wire log which JSON fields of this API are personal ({@code x-personal} in the spec), to mask them. */
  void learnPersonalFields(java.util.Set<String> names) {
    log.learnPersonalFields(names);
  }

  /** The path of the base URL (such as {@code /v1}) before {@code path}: the path every exception names. */
  public String fullPath(String path) {
    return basePath + path;
  }

  /**
   * Ends this transport: later calls are refused and the engine is closed. The JDK engine's own
   * threads stop (on JDK 21 and later the JDK client's selector thread too; on JDK 17 that one ends
   * when the client is collected); a shared JDK client is left open: its owner closes it. A user's
   * engine ends what it owns itself.
   */
  @Override
  public void close() {
    closed = true;
    engine.close();
  }

  /** What one successful exchange gave: the answer as it came and its decoded value (null for none). */
  record Exchanged(int status, Map<String, List<String>> headers, byte[] body, Object value) {
  }

  /** One request, ready to send. */
  private record Attempt(String method, String path, HttpEngine.Request request, long deadlineNanos, long readNanos) {
    String url() {
      return request.url();
    }
  }

  /**
   * One call of {@code plan} with {@code options}, told to the listener as {@code call} (null for
   * none): sends the request and decodes the answer, retrying as {@link RetryPolicy} allows; every
   * failure is a {@link PayspecException}. The caller waits for {@link #exchangeAsync}: one way to
   * send, deadline and retry a call, whoever waits. An interrupt of the waiting thread cancels the
   * exchange and the retries to come; the thread keeps its interrupt for its owner.
   */
  Exchanged exchange(CallPlan plan, Arguments args, ApiCall call, RequestOptions options) {
    CompletableFuture<Exchanged> result = exchangeAsync(plan, args, call, options);
    try {
      return result.get();
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw connectionFailure(plan.method(), basePath + plan.path(args), null, "interrupted while waiting for the answer",
          true, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The call as {@link #exchange(CallPlan, Arguments, ApiCall, RequestOptions)} without blocking a
   * thread: each attempt is sent with the engine's {@code sendAsync}, its deadline is a timer and the
   * delay before a retry the {@link CallClock}'s, and cancelling the returned future cancels the
   * attempt under way and any retry to come. It completes exceptionally with the same
   * {@link PayspecException}s.
   */
  CompletableFuture<Exchanged> exchangeAsync(CallPlan plan, Arguments args, ApiCall call, RequestOptions options) {
    CompletableFuture<Exchanged> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("this payspec client is closed: build a new one"));
      return result;
    }
    AtomicReference<HttpEngine.Request> inFlight = new AtomicReference<>();
    result.whenComplete((done, error) -> {
      HttpEngine.Request attempt = inFlight.get();
      if (result.isCancelled() && attempt != null) {
        attempt.cancel();
      }
    });
    Duration bound = options.callTimeout().orElse(callTimeout);
    long callDeadline = bound == null ? Long.MAX_VALUE : System.nanoTime() + bound.toNanos();
    if (bound != null) {
      // The whole call, retries and delays included: when it passes, the call ends and so does its attempt.
      Deadlines.Watch watch = Deadlines.watch(callDeadline, () -> {
        HttpEngine.Request attempt = inFlight.get();
        ConnectionException late = connectionFailure(plan.method(), basePath + plan.path(args),
            attempt == null ? Phase.WAITING_FOR_THE_ANSWER : phaseOf(null, attempt), "the call took longer than its"
            + " callTimeout of " + bound.toMillis() + " ms (retries and their delays included)", attempt != null, null);
        if (result.completeExceptionally(late)) {
          events.failure(call, late);
          if (attempt != null) {
            attempt.cancel();
          }
        }
      });
      result.whenComplete((done, error) -> watch.done());
    }
    attemptAsync(plan, args, call, options, policy(options), 0, new int[] {0}, result, inFlight, callDeadline);
    return result;
  }

  private void attemptAsync(CallPlan plan, Arguments args, ApiCall call, RequestOptions options, RetryPolicy policy,
      int attempt, int[] requests, CompletableFuture<Exchanged> result, AtomicReference<HttpEngine.Request> inFlight,
      long callDeadline) {
    if (result.isDone()) {
      return;
    }
    Attempt sent;
    try {
      sent = attempt(plan, args, options);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    events.request(call, attempt + 1);
    boolean logged = log.enabled();
    long start = System.nanoTime();
    if (logged) {
      log.request(sent.request());
    }
    HttpEngine.Request request = sent.request();
    inFlight.set(request);
    AtomicReference<String> timedOut = new AtomicReference<>();
    // readTimeout, once the headers came, bounds the body too: whatever connectTimeout is, a stalled
    // or dripped body ends the attempt readTimeout after the headers.
    AtomicReference<Deadlines.Watch> bodyDeadline = new AtomicReference<>();
    request.onHeadersArrived(() -> bodyDeadline.set(Deadlines.watch(System.nanoTime() + sent.readNanos(), () -> {
      if (timedOut.compareAndSet(null, "within the readTimeout of " + TimeUnit.NANOSECONDS.toMillis(sent.readNanos())
          + " ms after the headers came")) {
        request.cancel();
      }
    })));
    CompletableFuture<HttpEngine.Response> answer;
    try {
      answer = engine.sendAsync(request);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    if (result.isCancelled()) {
      request.cancel();
      return;
    }
    // The expiry runs on the deadlines' thread: the engine's cancellation must not block (the JDK
    // engine hands it, and the callbacks it completes, to the client's executor).
    CompletableFuture<HttpEngine.Response> watched = answer;
    Deadlines.Watch deadline = Deadlines.watch(start + sent.deadlineNanos(), () -> {
      if (!watched.isDone() && timedOut.compareAndSet(null, "within " + TimeUnit.NANOSECONDS.toMillis(sent.deadlineNanos())
          + " ms (connectTimeout + readTimeout)")) {
        request.cancel();
      }
    });
    answer.whenComplete((response, error) -> {
      deadline.done();
      Deadlines.Watch body = bodyDeadline.get();
      if (body != null) {
        body.done();
      }
      if (result.isDone()) {
        return;
      }
      PayspecException failure;
      try {
        if (error != null && timedOut.get() != null) {
          requests[0]++;
          throw deadlinePassed(sent, timedOut.get(), logged, start);
        }
        if (error != null) {
          Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
              ? error.getCause() : error;
          throw failed(sent, cause, requests, logged, start);
        }
        requests[0]++;
        Exchanged done = answers.read(plan, sent.method(), sent.path(), sent.url(), response, logged, start);
        events.response(call, done.status());
        result.complete(done);
        return;
      } catch (PayspecException e) {
        failure = e;
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      Optional<Duration> delay = policy.delayBeforeRetry(plan.method(), failure, attempt, requests[0]);
      // No retry starts that could not finish inside the call's bound.
      boolean fits = delay.isPresent() && (callDeadline == Long.MAX_VALUE
          || callDeadline - System.nanoTime() - delay.get().toNanos() - sent.deadlineNanos() >= 0);
      if (!fits || closed || result.isDone()) {
        events.failure(call, failure);
        result.completeExceptionally(failure);
        return;
      }
      events.retry(call, attempt + 1, delay.get(), failure);
      PayspecException last = failure;
      try {
        clock.schedule(delay.get(), () -> attemptAsync(plan, args, call, options, policy, attempt + 1, requests, result, inFlight,
            callDeadline));
      } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
        result.completeExceptionally(last);
      }
    });
  }

  private RetryPolicy policy(RequestOptions options) {
    return options.maxRetries().map(RetryPolicy::new).orElse(retries);
  }

  /** The request of one attempt: URL, identity, the interface's and the options' headers, body and deadline. */
  private Attempt attempt(CallPlan plan, Arguments args, RequestOptions options) {
    String method = plan.method();
    String path = plan.path(args);
    // The query is on the wire (and in the wire log) but not in exceptions: filters may be personal data.
    String url = baseUrl + path + plan.query(args);
    byte[] body = encode(plan.body(args));
    Duration read = options.timeout().orElse(readTimeout);
    String[] headers = headers(plan.headers(args), options.headers());
    long deadline = options.timeout().isEmpty() ? attemptNanos : connectTimeout.plus(read).toNanos();
    return new Attempt(method, path, new HttpEngine.Request(method, url, headers, body, connectTimeout, read), deadline,
        read.toNanos());
  }

  /**
   * The identity's headers, then the interface's, then the options' (which replace an interface's
   * header of the same name), as names and values alternating.
   */
  private String[] headers(String[] fromPlan, Map<String, String> fromOptions) {
    if (fromOptions.isEmpty()) {
      if (fromPlan.length == 0) {
        return identity;
      }
      String[] all = new String[identity.length + fromPlan.length];
      System.arraycopy(identity, 0, all, 0, identity.length);
      System.arraycopy(fromPlan, 0, all, identity.length, fromPlan.length);
      return all;
    }
    List<String> all = new ArrayList<>(List.of(identity));
    for (int i = 0; i < fromPlan.length; i += 2) {
      String name = fromPlan[i];
      if (fromOptions.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
        all.add(name);
        all.add(fromPlan[i + 1]);
      }
    }
    fromOptions.forEach((name, value) -> {
      all.add(name);
      all.add(value);
    });
    return all.toArray(new String[0]);
  }

  private ConnectionException deadlinePassed(Attempt sent, String which, boolean logged, long start) {
    if (logged) {
      log.failure(sent.method(), sent.url(), "no complete answer " + which, start);
    }
    return connectionFailure(sent.method(), basePath + sent.path(), phaseOf(null, sent.request()),
        "no complete answer " + which + " (body included)", true, null);
  }

  private ConnectionException failed(Attempt sent, Throwable cause, int[] requests, boolean logged, long start) {
    IOException failure = cause instanceof IOException io ? io : new IOException(cause.getClass().getSimpleName(), cause);
    int times = engine.timesSent(sent.request(), failure);
    ConnectionException thrown = connectionFailure(sent.method(), basePath + sent.path(), phaseOf(failure, sent.request()),
        (times > 0 ? "the connection failed or timed out" : "could not connect") + " (" + failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + ")", times > 0, failure);
    requests[0] += times;
    if (logged) {
      log.failure(sent.method(), sent.url(), failure.getClass().getSimpleName() + ": " + failure.getMessage(), start);
    }
    return thrown;
  }

  /** The listener of this client's calls, or null. */
  CallListener listener() {
    return listener;
  }

  /** The provider's name, as calls name it to listeners. */
  String provider() {
    return provider;
  }

  private static byte[] encode(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A network failure, named by host, port and phase (null when unknown): never by path, which may
   * hold personal data, though the exception keeps it for the caller's code.
   */
  private ConnectionException connectionFailure(String method, String fullPath, Phase phase, String what,
      boolean mayHaveBeenSent, Throwable cause) {
    return new ConnectionException(method + " " + host + ":" + port + (phase == null ? "" : ", " + phase.words()) + ": " + what
        + (mayHaveBeenSent ? "; the request may have reached the provider" : "; the request was not sent"),
        method, fullPath, host, port, phase, mayHaveBeenSent, cause);
  }

  /** How far an exchange that failed with {@code failure} (null: a deadline ended it) had gone. */
  static Phase phaseOf(Throwable failure, HttpEngine.Request request) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return Phase.RESOLVING;
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return Phase.TLS;
      }
      if (t instanceof java.net.ConnectException || t instanceof java.net.http.HttpConnectTimeoutException
          || t instanceof java.net.NoRouteToHostException || t instanceof java.net.SocketTimeoutException
          && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect")) {
        return Phase.CONNECTING;
      }
    }
    return request.hasHeaders() ? Phase.READING_THE_BODY : Phase.WAITING_FOR_THE_ANSWER;
  }
}
