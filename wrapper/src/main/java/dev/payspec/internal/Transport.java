package dev.payspec.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.payspec.ConnectionException;
import dev.payspec.PayspecException;
import dev.payspec.PayspecException.HttpDetails;
import dev.payspec.ServerException;
import feign.Feign;
import feign.FeignException;
import feign.Logger;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import feign.auth.BasicAuthRequestInterceptor;
import feign.codec.Decoder;
import feign.codec.ErrorDecoder;
import feign.jackson.JacksonEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP machinery of one client: Feign proxies of the generated API interfaces, wired with this
 * client's settings, and the loop that runs a call, maps its failures and retries it. Immutable
 * and safe to share between threads. Not part of the public API.
 *
 * <p>Feign's defaults, replaced here in one place:
 * <ul>
 *   <li>client: the JDK's HttpClient ({@link JdkHttpClient}), which sends PATCH;
 *   <li>timeouts: the settings' connect and read timeouts; redirects are not followed;
 *   <li>encoder and decoder: Jackson; a body that cannot be read becomes a {@link ServerException}
 *       that keeps it;
 *   <li>error decoder: {@link ErrorMapper}, one exception class per status;
 *   <li>retryer: none; {@link RetryPolicy} retries here, where the method is known;
 *   <li>interceptors: HTTP Basic credentials and the User-Agent;
 *   <li>logger: {@link RedactingLogger}, at DEBUG, with credentials redacted.
 * </ul>
 */
public final class Transport {

  /** One mapper for every client: thread-safe once configured. */
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final HttpSettings settings;
  private final ErrorMapper errors;
  private final RetryPolicy retries;
  private final Feign.Builder feign;
  private final String basePath;

  public Transport(HttpSettings settings, ErrorBodyParser errorBodyParser) {
    this.settings = settings;
    this.errors = new ErrorMapper(JSON, errorBodyParser);
    this.retries = new RetryPolicy(settings.maxRetries());
    this.basePath = settings.baseUrl().getRawPath() == null ? "" : settings.baseUrl().getRawPath();
    Request.Options options = new Request.Options(
        settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
        settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS,
        false);
    String userAgent = settings.userAgent();
    this.feign = Feign.builder()
        .client(new JdkHttpClient(settings.connectTimeout(), settings.readTimeout()))
        .options(options)
        .encoder(new JacksonEncoder(JSON))
        .decoder(new BodyKeepingDecoder())
        .errorDecoder(new StatusErrorDecoder())
        .retryer(Retryer.NEVER_RETRY)
        .requestInterceptor(new BasicAuthRequestInterceptor(settings.username(), settings.password(), StandardCharsets.UTF_8))
        .requestInterceptor(template -> template.header("User-Agent", userAgent))
        .logger(new RedactingLogger("dev.payspec.http." + settings.provider()))
        .logLevel(Logger.Level.FULL);
  }

  /** A Feign proxy of a generated API interface, aimed at the settings' base URL. */
  public <T> T target(Class<T> api) {
    return feign.target(api, settings.baseUrl().toString());
  }

  /**
   * Runs {@code call}, a request of {@code method} to {@code path} (relative to the base URL),
   * mapping every failure to a {@link PayspecException} and retrying as {@link RetryPolicy} allows.
   */
  public <T> T call(String method, String path, Supplier<T> call) {
    String fullPath = basePath + path;
    for (int retry = 0; ; retry++) {
      PayspecException failure;
      try {
        return call.get();
      } catch (PayspecException e) {
        failure = e;
      } catch (RetryableException e) {
        failure = connectionFailure(method, fullPath, e);
      } catch (FeignException e) {
        failure = e.getCause() instanceof PayspecException cause ? cause : unexpected(method, fullPath, e);
      }
      Optional<Duration> delay = retries.delayBeforeRetry(method, failure, retry);
      if (delay.isEmpty()) {
        throw failure;
      }
      pause(delay.get(), failure);
    }
  }

  /** {@link #call} for a call with no result. */
  public void run(String method, String path, Runnable call) {
    call(method, path, () -> {
      call.run();
      return null;
    });
  }

  private static ConnectionException connectionFailure(String method, String path, RetryableException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    boolean neverConnected = false;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      neverConnected |= t instanceof ConnectException || t instanceof HttpConnectTimeoutException || t instanceof UnknownHostException;
    }
    String what = neverConnected ? "could not connect" : "connection failed or timed out";
    return new ConnectionException(method + " " + path + ": " + what + " (" + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", method, path, !neverConnected, cause);
  }

  private static ServerException unexpected(String method, String path, FeignException e) {
    return new ServerException(method + " " + path + ": unexpected failure: " + e.getMessage(),
        new HttpDetails(Math.max(e.status(), 0), null, null, e.contentUTF8(), method, path), null);
  }

  private static void pause(Duration delay, PayspecException failure) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  /** Reads a body whole, keeping whatever arrived when the stream breaks (a truncated response). */
  static byte[] readBody(Response response) {
    if (response.body() == null) {
      return new byte[0];
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream in = response.body().asInputStream()) {
      in.transferTo(bytes);
    } catch (IOException truncated) {
      // Keep what was read: the exception built from it still carries the status and this much body.
    }
    return bytes.toByteArray();
  }

  private static String path(Response response) {
    return URI.create(response.request().url()).getRawPath();
  }

  /** Jackson, with the raw body kept in the exception when it cannot be read. */
  private static final class BodyKeepingDecoder implements Decoder {
    @Override
    public Object decode(Response response, Type type) {
      byte[] body = readBody(response);
      try {
        if (body.length == 0) {
          throw new IOException("the body is empty");
        }
        // Parsed from the bytes: the body becomes text only for the exception below.
        return JSON.readValue(body, JSON.constructType(type));
      } catch (IOException e) {
        String method = response.request().httpMethod().name();
        String text = new String(body, StandardCharsets.UTF_8);
        throw new ServerException(method + " " + path(response) + " answered " + response.status()
            + " with a body that is not the expected JSON: " + e.getMessage().lines().findFirst().orElse(""),
            new HttpDetails(response.status(), null, null, text, method, path(response)), null);
      }
    }
  }

  /** Every non-2xx response, through {@link ErrorMapper}. */
  private final class StatusErrorDecoder implements ErrorDecoder {
    @Override
    public Exception decode(String methodKey, Response response) {
      return errors.toException(response.status(), response.request().httpMethod().name(), path(response),
          new String(readBody(response), StandardCharsets.UTF_8), response.headers());
    }
  }
}
