package dev.payspec.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.ApiCall;
import dev.payspec.CallListener;
import dev.payspec.ConnectionException;
import dev.payspec.RequestOptions;
import dev.payspec.PayspecException;
import dev.payspec.PayspecException.HttpDetails;
import dev.payspec.ServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP machinery of one client: implementations of the generated API interfaces that send
 * their requests with the JDK's {@link HttpClient}, map failures to exceptions and retry.
 * Immutable and safe to share between threads. Not part of the public API.
 *
 * <p>Why not Feign at run time: the requests are read from the generated interfaces' Feign
 * annotations ({@link CallPlan}), but Feign's per-call pipeline (request templates, interceptors,
 * rebuilt responses) made the wrapper 1.25-1.33x slower per call than the raw JDK client in the
 * benchmarks; here what is fixed is computed once, when the client is built. Every choice in one
 * place:
 * <ul>
 *   <li>client: the JDK's HttpClient (sends PATCH; pools connections; HTTP/2 where offered);
 *       redirects are not followed; the client's own, with its own threads, ended by
 *       {@link #close()}, or one the user shares between clients and closes;
 *   <li>deadline: each attempt ends after the connect timeout plus the read timeout, the whole
 *       body included, whatever the server does (the JDK's own read timeout stops at the
 *       headers, JDK-8208693): a stalled or dripped body is cut off and the exchange cancelled
 *       ({@link BodyDeadline} for sync calls, which are sent on the caller's thread; the attempt's
 *       future for async ones; both watched by {@link Deadlines}, at most one tick late);
 *   <li>bodies: Jackson, read and written as bytes; a success that cannot be read becomes a
 *       {@link ServerException} that keeps it;
 *   <li>errors: every non-2xx answer through {@link ErrorMapper}, one exception class per status;
 *   <li>retries: {@link RetryPolicy}, here, where the method is known, counting every request
 *       that may have reached the server, the JDK's own resend of a GET included;
 *   <li>headers: the interface's own, HTTP Basic credentials and the User-Agent;
 *   <li>log: {@link WireLog}, at DEBUG, one line per record, credentials redacted and personal
 *       values masked.
 * </ul>
 */
public final class Transport implements AutoCloseable {

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final ErrorMapper errors;
  private final RetryPolicy retries;
  private final HttpClient http;
  private final ExecutorService ownExecutor;
  private final String baseUrl;
  private final String basePath;
  private final Duration readTimeout;
  private final Duration connectTimeout;
  private final CallListener listener;
  private final String provider;
  private final long attemptNanos;
  private final String[] identity;
  private final WireLog log;
  private volatile boolean closed;

  public Transport(HttpSettings settings, ErrorBodyParser errorBodyParser) {
    // The JDK client first: its TLS set-up is most of a fresh JVM's wait for a first call, and while
    // it runs here the warm-up thread (ApiRuntime) reads the spec and starts Jackson, which this
    // thread would otherwise wait for first.
    if (settings.sharedHttpClient() != null) {
      this.http = settings.sharedHttpClient();
      this.ownExecutor = null;
    } else {
      String prefix = "payspec-" + settings.provider() + "-" + CLIENTS.incrementAndGet() + "-http-";
      AtomicInteger threads = new AtomicInteger();
      this.ownExecutor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, prefix + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      this.http = HttpClient.newBuilder()
          .connectTimeout(settings.connectTimeout())
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(ownExecutor)
          .build();
    }
    try {
      HttpSettings.checkJackson();
    } catch (IllegalStateException tooOld) {
      close();
      throw tooOld;
    }
    this.errors = new ErrorMapper(Json.PLAIN, errorBodyParser);
    this.retries = new RetryPolicy(settings.maxRetries());
    String url = settings.baseUrl().toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String path = settings.baseUrl().getRawPath() == null ? "" : settings.baseUrl().getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.readTimeout = settings.readTimeout();
    this.connectTimeout = settings.connectTimeout();
    this.listener = settings.listener();
    this.provider = settings.provider();
    this.attemptNanos = settings.connectTimeout().plus(settings.readTimeout()).toNanos();
    String credentials = settings.username() + ":" + settings.password();
    this.identity = new String[] {
        "Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
        "User-Agent", settings.userAgent()};
    this.log = new WireLog("dev.payspec.http." + settings.provider(), settings.logFullBodies());
  }

  /**
   * An implementation of a generated API interface whose calls go to the settings' base URL; its
   * methods throw only {@link PayspecException}s, after the retries {@link RetryPolicy} allows.
   */
  public <T> T target(Class<T> api) {
    log.learnPersonalFields(api);
    return GeneratedApiProxy.create(api, this);
  }

  /** Tells the wire log which JSON fields of this API's models are personal, to mask them. */
  void learnPersonalFields(Class<?> api) {
    log.learnPersonalFields(api);
  }

  /** The path of the base URL (such as {@code /v1}) before {@code path}: the path every exception names. */
  public String fullPath(String path) {
    return basePath + path;
  }

  /**
   * Ends this transport: its own threads stop (on JDK 21 and later the JDK client's selector
   * thread too; on JDK 17 that one ends when the client is collected) and later calls are refused.
   * A shared JDK client is left open: its owner closes it.
   */
  @Override
  public void close() {
    closed = true;
    if (ownExecutor == null) {
      return;
    }
    try {
      // JDK 21 added HttpClient.shutdownNow(); this jar targets 17, hence the reflection.
      HttpClient.class.getMethod("shutdownNow").invoke(http);
    } catch (ReflectiveOperationException notOnThisJdk) {
      // JDK 17: no way to stop the selector thread but to drop the client.
    }
    ownExecutor.shutdownNow();
  }

  /** What one successful exchange gave: the answer as it came and its decoded value (null for none). */
  record Exchanged(int status, java.net.http.HttpHeaders headers, byte[] body, Object value) {
  }

  /** One request, ready to send. */
  private record Attempt(String method, String path, String url, byte[] body, HttpRequest request, long deadlineNanos) {
  }

  /**
   * One call of {@code plan}: sends the request and decodes the answer, retrying as
   * {@link RetryPolicy} allows; every failure is a {@link PayspecException}.
   */
  Object exchange(CallPlan plan, Object[] args) {
    return exchange(plan, args, null, RequestOptions.NONE).value();
  }

  /**
   * One call of {@code plan} with {@code options}, told to the listener as {@code call} (null for
   * none): sends the request and decodes the answer, retrying as {@link RetryPolicy} allows; every
   * failure is a {@link PayspecException}.
   */
  Exchanged exchange(CallPlan plan, Object[] args, ApiCall call, RequestOptions options) {
    if (closed) {
      throw new IllegalStateException("this payspec client is closed: build a new one");
    }
    RetryPolicy policy = policy(options);
    int[] requests = {0};
    for (int attempt = 0; ; attempt++) {
      Attempt sent = attempt(plan, args, options);
      tellRequest(call, attempt + 1);
      try {
        Exchanged done = exchangeOnce(plan, sent, requests);
        tellResponse(call, done.status());
        return done;
      } catch (PayspecException failure) {
        Optional<Duration> delay = policy.delayBeforeRetry(plan.method(), failure, attempt, requests[0]);
        if (delay.isEmpty() || closed) {
          tellFailure(call, failure);
          throw failure;
        }
        tellRetry(call, attempt + 1, delay.get(), failure);
        pause(delay.get(), failure);
      }
    }
  }

  /**
   * The same call as {@link #exchange(CallPlan, Object[], ApiCall, RequestOptions)} without
   * blocking a thread: each attempt is sent with the JDK client's {@code sendAsync}, its deadline and
   * the delays between retries are timers, and cancelling the returned future cancels the attempt
   * under way and any retry to come. It completes exceptionally with the same
   * {@link PayspecException}s.
   */
  CompletableFuture<Exchanged> exchangeAsync(CallPlan plan, Object[] args, ApiCall call, RequestOptions options) {
    CompletableFuture<Exchanged> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("this payspec client is closed: build a new one"));
      return result;
    }
    AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    result.whenComplete((done, error) -> {
      CompletableFuture<?> attempt = inFlight.get();
      if (result.isCancelled() && attempt != null) {
        attempt.cancel(true);
      }
    });
    attemptAsync(plan, args, call, options, policy(options), 0, new int[] {0}, result, inFlight);
    return result;
  }

  private void attemptAsync(CallPlan plan, Object[] args, ApiCall call, RequestOptions options, RetryPolicy policy,
      int attempt, int[] requests, CompletableFuture<Exchanged> result, AtomicReference<CompletableFuture<?>> inFlight) {
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
    tellRequest(call, attempt + 1);
    boolean logged = log.enabled();
    long start = System.nanoTime();
    if (logged) {
      log.request(sent.request(), sent.body());
    }
    CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(sent.request(), BodyHandlers.ofByteArray());
    inFlight.set(answer);
    if (result.isCancelled()) {
      answer.cancel(true);
      return;
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    // The expiry runs on the deadlines' thread: the cancellation, and the callbacks it completes,
    // are handed to the client's executor so that they never hold back other deadlines.
    Deadlines.Watch deadline = Deadlines.watch(start + sent.deadlineNanos(), () -> {
      if (!answer.isDone() && timedOut.compareAndSet(false, true)) {
        try {
          asyncExecutor().execute(() -> answer.cancel(true));
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
          answer.cancel(true);
        }
      }
    });
    answer.whenComplete((response, error) -> {
      deadline.done();
      if (result.isDone()) {
        return;
      }
      PayspecException failure;
      try {
        if (error != null && timedOut.get()) {
          requests[0]++;
          throw deadlinePassed(sent, logged, start, null);
        }
        if (error != null) {
          Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
              ? error.getCause() : error;
          throw failed(sent, cause, requests, logged, start);
        }
        requests[0]++;
        Exchanged done = answered(plan, sent, response, logged, start);
        tellResponse(call, done.status());
        result.complete(done);
        return;
      } catch (PayspecException e) {
        failure = e;
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      Optional<Duration> delay = policy.delayBeforeRetry(plan.method(), failure, attempt, requests[0]);
      if (delay.isEmpty() || closed || result.isDone()) {
        tellFailure(call, failure);
        result.completeExceptionally(failure);
        return;
      }
      tellRetry(call, attempt + 1, delay.get(), failure);
      PayspecException last = failure;
      try {
        CompletableFuture.delayedExecutor(delay.get().toNanos(), TimeUnit.NANOSECONDS, asyncExecutor())
            .execute(() -> attemptAsync(plan, args, call, options, policy, attempt + 1, requests, result, inFlight));
      } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
        result.completeExceptionally(last);
      }
    });
  }

  /** Where retries of async calls run: the client's own threads, the shared client's executor, or the common pool. */
  private Executor asyncExecutor() {
    return ownExecutor != null ? ownExecutor : http.executor().orElse(ForkJoinPool.commonPool());
  }

  private RetryPolicy policy(RequestOptions options) {
    return options.maxRetries().map(RetryPolicy::new).orElse(retries);
  }

  /** The request of one attempt: URL, identity, the interface's and the options' headers, body and deadline. */
  private Attempt attempt(CallPlan plan, Object[] args, RequestOptions options) {
    String method = plan.method();
    String path = plan.path(args);
    // The query is on the wire (and in the wire log) but not in exceptions: filters may be personal data.
    String url = baseUrl + path + plan.query(args);
    byte[] body = encode(plan.json(), plan.body(args));
    Duration read = options.timeout().orElse(readTimeout);
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .timeout(read)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body))
        .headers(identity);
    String[] headers = plan.headers(args);
    if (headers.length > 0) {
      builder.headers(headers);
    }
    options.headers().forEach(builder::setHeader);
    long deadline = options.timeout().isEmpty() ? attemptNanos : connectTimeout.plus(read).toNanos();
    return new Attempt(method, path, url, body, builder.build(), deadline);
  }

  /** One attempt; {@code requests[0]} grows by the number of requests that may have reached the server. */
  private Exchanged exchangeOnce(CallPlan plan, Attempt sent, int[] requests) {
    boolean logged = log.enabled();
    long start = System.nanoTime();
    if (logged) {
      log.request(sent.request(), sent.body());
    }
    HttpResponse<byte[]> response;
    // Sent on the caller's thread: the JDK's request timeout bounds the exchange up to the headers,
    // BodyDeadline the body, both within the attempt's deadline.
    BodyDeadline deadline = new BodyDeadline(start + sent.deadlineNanos());
    try {
      response = http.send(sent.request(), deadline);
      requests[0]++;
    } catch (IOException e) {
      if (deadline.passed()) {
        requests[0]++;
        throw deadlinePassed(sent, logged, start, e);
      }
      throw failed(sent, e, requests, logged, start);
    } catch (InterruptedException e) {
      // The JDK client cancels the exchange when the waiting thread is interrupted.
      Thread.currentThread().interrupt();
      requests[0]++;
      String fullPath = basePath + sent.path();
      throw new ConnectionException(sent.method() + " " + fullPath + ": interrupted while waiting for the answer",
          sent.method(), fullPath, true, e);
    }
    return answered(plan, sent, response, logged, start);
  }

  private ConnectionException deadlinePassed(Attempt sent, boolean logged, long start, Throwable cause) {
    if (logged) {
      log.failure(sent.method(), sent.url(), "no complete answer within the deadline", start);
    }
    String fullPath = basePath + sent.path();
    return new ConnectionException(sent.method() + " " + fullPath + ": no complete answer within "
        + TimeUnit.NANOSECONDS.toMillis(sent.deadlineNanos()) + " ms (connectTimeout + readTimeout, body included)",
        sent.method(), fullPath, true, cause);
  }

  private ConnectionException failed(Attempt sent, Throwable cause, int[] requests, boolean logged, long start) {
    IOException failure = cause instanceof IOException io ? io : new IOException(cause.getClass().getSimpleName(), cause);
    ConnectionException thrown = connectionFailure(sent.method(), basePath + sent.path(), failure);
    if (thrown.isRequestSent()) {
      requests[0] += resentByTheJdk(sent.method(), failure) ? 2 : 1;
    }
    if (logged) {
      log.failure(sent.method(), sent.url(), failure.getClass().getSimpleName() + ": " + failure.getMessage(), start);
    }
    return thrown;
  }

  /** The answer of an attempt: decoded, or the exception its status maps to. */
  private Exchanged answered(CallPlan plan, Attempt sent, HttpResponse<byte[]> response, boolean logged, long start) {
    byte[] received = response.body() == null ? new byte[0] : response.body();
    if (logged) {
      log.response(sent.method(), sent.url(), response.statusCode(), response.headers(), received, start);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw errors.toException(status, sent.method(), basePath + sent.path(), new String(received, StandardCharsets.UTF_8),
          response.headers().map());
    }
    // A 204 has no body by definition: Stancer answers an update with 204 or with 200 and the customer.
    Object value = plan.result() == null || status == 204 ? null : decode(received, plan, status, sent.method(), sent.path());
    return new Exchanged(status, response.headers(), received, value);
  }

  private void tellRequest(ApiCall call, int attempt) {
    if (call != null && listener != null) {
      try {
        listener.onRequest(call, attempt);
      } catch (RuntimeException ignored) {
        // A listener's failure never fails the call.
      }
    }
  }

  private void tellResponse(ApiCall call, int status) {
    if (call != null && listener != null) {
      try {
        listener.onResponse(call, status, Duration.ofNanos(System.nanoTime() - call.startNanos()));
      } catch (RuntimeException ignored) {
        // A listener's failure never fails the call.
      }
    }
  }

  private void tellRetry(ApiCall call, int attempt, Duration delay, PayspecException failure) {
    if (call != null && listener != null) {
      try {
        listener.onRetry(call, attempt, delay, failure);
      } catch (RuntimeException ignored) {
        // A listener's failure never fails the call.
      }
    }
  }

  private void tellFailure(ApiCall call, PayspecException failure) {
    if (call != null && listener != null) {
      try {
        listener.onFailure(call, failure, Duration.ofNanos(System.nanoTime() - call.startNanos()));
      } catch (RuntimeException ignored) {
        // A listener's failure never fails the call.
      }
    }
  }

  /** The listener of this client's calls, or null. */
  CallListener listener() {
    return listener;
  }

  /** The provider's name, as calls name it to listeners. */
  String provider() {
    return provider;
  }

  /**
   * Whether the JDK client has already sent this request twice: it resends a GET (or HEAD) once by
   * itself when the connection closes before any byte of the answer, and then reports the failure
   * with this message (JDK 17 to 25, seen by FaultsAndRetriesTest at the server).
   */
  private static boolean resentByTheJdk(String method, IOException failure) {
    if (!"GET".equals(method)) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("received no bytes")) {
        return true;
      }
    }
    return false;
  }

  private static byte[] encode(ObjectMapper json, Object body) {
    if (body == null) {
      return null;
    }
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Jackson, from the bytes; with the plan's {@link AnswerCheck}, through the tree it checks. A body
   * that is empty, {@code null}, not JSON or not of the documented shape becomes a
   * {@link ServerException} that keeps it; the body becomes text, and the full path is built, only
   * for that exception.
   */
  private Object decode(byte[] body, CallPlan plan, int status, String method, String path) {
    String problem = null;
    try {
      if (body.length == 0) {
        throw new IOException("the body is empty");
      }
      Object value;
      AnswerCheck answers = plan.answers();
      // Most answers hold to the spec: read straight from the bytes, as a hand-written client would;
      // the tree, and the words of what is wrong, only for the others.
      if (answers == null || answers.plainlyHolds(body)) {
        value = plan.reader().readValue(body);
      } else {
        JsonNode tree = Json.PLAIN.readTree(body);
        problem = tree == null ? "the body is empty" : answers.problem(tree, method, basePath + path);
        if (problem != null) {
          throw new IOException(problem);
        }
        value = plan.reader().readValue(tree);
      }
      if (value == null) {
        problem = "the body is null";
        throw new IOException(problem);
      }
      return value;
    } catch (IOException e) {
      String fullPath = basePath + path;
      // The answer check's own words name fields and rules only; Jackson's message may quote the
      // body, which may hold personal data, so only the kind of that failure is said.
      String what = body.length == 0 ? " with the body empty where JSON was expected"
          : problem != null ? " with a body the spec does not allow: " + problem + "; see getRawBody()"
          : " with a body that is not the expected JSON (" + e.getClass().getSimpleName() + "); see getRawBody()";
      throw new ServerException(method + " " + fullPath + " answered " + status + what,
          new HttpDetails(status, null, null, new String(body, StandardCharsets.UTF_8), method, fullPath), null);
    }
  }


  private static ConnectionException connectionFailure(String method, String path, IOException e) {
    boolean neverConnected = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      neverConnected |= t instanceof ConnectException || t instanceof HttpConnectTimeoutException || t instanceof UnknownHostException;
    }
    String what = neverConnected ? "could not connect" : "connection failed or timed out";
    return new ConnectionException(method + " " + path + ": " + what + " (" + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", method, path, !neverConnected, e);
  }

  private static void pause(Duration delay, PayspecException failure) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }
}
