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
 *       redirects are not followed;
 *   <li>timeouts: the settings' connect timeout, and their read timeout for each exchange;
 *   <li>bodies: Jackson, read and written as bytes; a success that cannot be read becomes a
 *       {@link ServerException} that keeps it;
 *   <li>errors: every non-2xx answer through {@link ErrorMapper}, one exception class per status;
 *   <li>retries: {@link RetryPolicy}, here, where the method is known;
 *   <li>headers: the interface's own, HTTP Basic credentials and the User-Agent;
 *   <li>log: {@link WireLog}, at DEBUG, with credentials redacted.
 * </ul>
 */
public final class Transport {

  /** One mapper for every client: thread-safe once configured. */
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final ErrorMapper errors;
  private final RetryPolicy retries;
  private final HttpClient http;
  private final String baseUrl;
  private final String basePath;
  private final Duration readTimeout;
  private final String[] identity;
  private final WireLog log;

  public Transport(HttpSettings settings, ErrorBodyParser errorBodyParser) {
    this.errors = new ErrorMapper(JSON, errorBodyParser);
    this.retries = new RetryPolicy(settings.maxRetries());
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    String url = settings.baseUrl().toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String path = settings.baseUrl().getRawPath() == null ? "" : settings.baseUrl().getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.readTimeout = settings.readTimeout();
    String credentials = settings.username() + ":" + settings.password();
    this.identity = new String[] {
        "Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
        "User-Agent", settings.userAgent()};
    this.log = new WireLog("dev.payspec.http." + settings.provider());
  }

  /**
   * An implementation of a generated API interface whose calls go to the settings' base URL; its
   * methods throw only {@link PayspecException}s, after the retries {@link RetryPolicy} allows.
   */
  public <T> T target(Class<T> api) {
    return GeneratedApiProxy.create(api, this);
  }

  /**
   * One call of {@code plan}: sends the request and decodes the answer, retrying as
   * {@link RetryPolicy} allows; every failure is a {@link PayspecException}.
   */
  Object exchange(CallPlan plan, Object[] args) {
    for (int retry = 0; ; retry++) {
      try {
        return exchangeOnce(plan, args);
      } catch (PayspecException failure) {
        Optional<Duration> delay = retries.delayBeforeRetry(plan.method(), failure, retry);
        if (delay.isEmpty()) {
          throw failure;
        }
        pause(delay.get(), failure);
      }
    }
  }

  private Object exchangeOnce(CallPlan plan, Object[] args) {
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
    long start = logged ? System.nanoTime() : 0;
    if (logged) {
      log.request(request, body);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, BodyHandlers.ofByteArray());
    } catch (IOException e) {
      if (logged) {
        log.failure(method, url, e, start);
      }
      throw connectionFailure(method, basePath + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(method + " " + basePath + path + ": interrupted while waiting for the answer",
          method, basePath + path, true, e);
    }
    byte[] answer = response.body() == null ? new byte[0] : response.body();
    if (logged) {
      log.response(method, url, response.statusCode(), response.headers(), answer, start);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw errors.toException(status, method, basePath + path, new String(answer, StandardCharsets.UTF_8),
          response.headers().map());
    }
    return plan.result() == null ? null : decode(answer, plan, status, method, path);
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
    String problem;
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
        throw new IOException("the body is null");
      }
      return value;
    } catch (IOException e) {
      String fullPath = basePath + path;
      throw new ServerException(method + " " + fullPath + " answered " + status
          + " with a body that is not the expected JSON: " + e.getMessage().lines().findFirst().orElse(""),
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
