package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The floor: the same calls written by hand with {@code java.net.http.HttpClient} and Jackson,
 * decoding into the same generated models, with no validation, no retries and no logging.
 */
public final class RawClient {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final String baseUrl;
  private final String authorization;
  private final Duration timeout;

  public RawClient(String baseUrl, String user, String password, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.authorization = basic(user, password);
  }

  /** The HTTP Basic header value of {@code user} and {@code password}, as every benchmarked client sends it. */
  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public <T> T post(String path, Object body, Class<T> type) {
    try {
      return send(base(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public <T> T get(String path, Class<T> type) {
    return send(base(path).GET(), type);
  }

  public <T> List<T> list(String path, Class<T> type) {
    return send(base(path).GET(), json.getTypeFactory().constructCollectionType(List.class, type));
  }

  private HttpRequest.Builder base(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", authorization);
  }

  private <T> T send(HttpRequest.Builder request, Object type) {
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("status " + response.statusCode());
      }
      return type instanceof Class<?> c
          ? json.readValue(response.body(), json.getTypeFactory().constructType(c))
          : json.readValue(response.body(), (com.fasterxml.jackson.databind.JavaType) type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
