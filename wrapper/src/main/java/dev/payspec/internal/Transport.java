package dev.payspec.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.payspec.ConnectionException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *       headers, JDK-8208693): a stalled or dripped body is cut off and the exchange cancelled;
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

  /** One mapper for every client: thread-safe once configured. */
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final ErrorMapper errors;
  private final RetryPolicy retries;
  private final HttpClient http;
  private final ExecutorService ownExecutor;
  private final String baseUrl;
  private final String basePath;
  private final Duration readTimeout;
  private final long attemptNanos;
  private final String[] identity;
  private final WireLog log;
  private volatile boolean closed;

  public Transport(HttpSettings settings, ErrorBodyParser errorBodyParser) {
    HttpSettings.checkJackson();
    this.errors = new ErrorMapper(JSON, errorBodyParser);
    this.retries = new RetryPolicy(settings.maxRetries());
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
    String url = settings.baseUrl().toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String path = settings.baseUrl().getRawPath() == null ? "" : settings.baseUrl().getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.readTimeout = settings.readTimeout();
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

  /**
   * One call of {@code plan}: sends the request and decodes the answer, retrying as
   * {@link RetryPolicy} allows; every failure is a {@link PayspecException}.
   */
  Object exchange(CallPlan plan, Object[] args) {
    if (closed) {
      throw new IllegalStateException("this payspec client is closed: build a new one");
    }
    int[] requests = {0};
    for (int attempt = 0; ; attempt++) {
      try {
        return exchangeOnce(plan, args, requests);
      } catch (PayspecException failure) {
        Optional<Duration> delay = retries.delayBeforeRetry(plan.method(), failure, attempt, requests[0]);
        if (delay.isEmpty() || closed) {
          throw failure;
        }
        pause(delay.get(), failure);
      }
    }
  }

  /** One attempt; {@code requests[0]} grows by the number of requests that may have reached the server. */
  private Object exchangeOnce(CallPlan plan, Object[] args, int[] requests) {
    String method = plan.method();
    String path = plan.path(args);
    // The query is on the wire (and in the wire log) but not in exceptions: filters may be personal data.
    String url = baseUrl + path + plan.query(args);
    byte[] body = encode(plan.body(args));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .timeout(readTimeout)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body))
        .headers(identity);
    String[] headers = plan.headers(args);
    if (headers.length > 0) {
      builder.headers(headers);
    }
    HttpRequest request = builder.build();
    boolean logged = log.enabled();
    long start = System.nanoTime();
    if (logged) {
      log.request(request, body);
    }
    HttpResponse<byte[]> response;
    CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, BodyHandlers.ofByteArray());
    try {
      response = answer.get(attemptNanos, TimeUnit.NANOSECONDS);
      requests[0]++;
    } catch (TimeoutException e) {
      // The JDK's timeout ends with the headers; this one bounds the body too. Cancelling closes the exchange.
      answer.cancel(true);
      requests[0]++;
      if (logged) {
        log.failure(method, url, "no complete answer within the deadline", start);
      }
      String fullPath = basePath + path;
      throw new ConnectionException(method + " " + fullPath + ": no complete answer within "
          + TimeUnit.NANOSECONDS.toMillis(attemptNanos) + " ms (connectTimeout + readTimeout, body included)",
          method, fullPath, true, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      IOException failure = cause instanceof IOException io ? io : new IOException(cause.getClass().getSimpleName(), cause);
      ConnectionException thrown = connectionFailure(method, basePath + path, failure);
      if (thrown.isRequestSent()) {
        requests[0] += resentByTheJdk(method, failure) ? 2 : 1;
      }
      if (logged) {
        log.failure(method, url, failure.getClass().getSimpleName() + ": " + failure.getMessage(), start);
      }
      throw thrown;
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      requests[0]++;
      throw new ConnectionException(method + " " + basePath + path + ": interrupted while waiting for the answer",
          method, basePath + path, true, e);
    }
    byte[] received = response.body() == null ? new byte[0] : response.body();
    if (logged) {
      log.response(method, url, response.statusCode(), response.headers(), received, start);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw errors.toException(status, method, basePath + path, new String(received, StandardCharsets.UTF_8),
          response.headers().map());
    }
    // A 204 has no body by definition: Stancer answers an update with 204 or with 200 and the customer.
    return plan.result() == null || status == 204 ? null : decode(received, plan, status, method, path);
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

  private static byte[] encode(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return JSON.writeValueAsBytes(body);
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
      if (answers == null) {
        value = plan.reader().readValue(body);
      } else {
        JsonNode tree = JSON.readTree(body);
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
