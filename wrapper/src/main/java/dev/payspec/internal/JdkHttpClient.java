package dev.payspec.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Feign's transport over the JDK's {@link HttpClient}, reading each body as bytes in one step.
 * Feign's own adapter (feign-java11) streams the body and copies headers twice; the benchmarks
 * showed that cost next to the raw JDK client. Not part of the public API.
 */
final class JdkHttpClient implements Client {

  // The JDK client sets these itself and refuses them from callers.
  private static final Set<String> SET_BY_THE_JDK = Set.of("content-length", "host", "connection", "expect", "upgrade");

  private final HttpClient http;
  private final Duration readTimeout;

  JdkHttpClient(Duration connectTimeout, Duration readTimeout) {
    this.http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.readTimeout = readTimeout;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    byte[] body = request.body();
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(readTimeout)
        .method(request.httpMethod().name(), body == null || body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
      if (!SET_BY_THE_JDK.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        for (String value : header.getValue()) {
          builder.header(header.getKey(), value);
        }
      }
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + request.httpMethod() + " " + request.url());
    }
    return Response.builder()
        .status(response.statusCode())
        .request(request)
        .headers(Map.copyOf(response.headers().map()))
        .body(response.body())
        .build();
  }
}
