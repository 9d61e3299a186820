package dev.payspec.internal;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire log: each request and each answer as one SLF4J record at DEBUG, headers and body
 * included, with credentials replaced by {@code (redacted)}. While DEBUG is off it builds nothing.
 * Not part of the public API.
 */
final class WireLog {

  static final String REDACTED = "(redacted)";

  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  private final Logger log;

  WireLog(String name) {
    this.log = LoggerFactory.getLogger(name);
  }

  boolean enabled() {
    return log.isDebugEnabled();
  }

  void request(HttpRequest request, byte[] body) {
    StringBuilder line = new StringBuilder("---> ").append(request.method()).append(' ').append(request.uri());
    appendHeaders(line, request.headers());
    appendBody(line, "---> END", body);
    log.debug(line.toString());
  }

  void response(String method, String url, int status, HttpHeaders headers, byte[] body, long startNanos) {
    StringBuilder line = new StringBuilder("<--- ").append(status).append(' ').append(method).append(' ')
        .append(url).append(" (").append(millisSince(startNanos)).append(" ms)");
    appendHeaders(line, headers);
    appendBody(line, "<--- END", body);
    log.debug(line.toString());
  }

  void failure(String method, String url, IOException failure, long startNanos) {
    log.debug("<--- {} {} failed after {} ms: {}: {}", method, url, millisSince(startNanos),
        failure.getClass().getSimpleName(), failure.getMessage());
  }

  private static void appendHeaders(StringBuilder line, HttpHeaders headers) {
    for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
      boolean secret = SECRET_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT));
      for (String value : header.getValue()) {
        line.append('\n').append(header.getKey()).append(": ").append(secret ? REDACTED : value);
      }
    }
  }

  private static void appendBody(StringBuilder line, String end, byte[] body) {
    int length = body == null ? 0 : body.length;
    if (length > 0) {
      line.append("\n\n").append(new String(body, StandardCharsets.UTF_8));
    }
    line.append('\n').append(end).append(" (").append(length).append("-byte body)");
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
