package dev.payspec.internal;

import feign.Request;
import feign.Response;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Feign's wire log, written to SLF4J at DEBUG, with the Authorization header replaced by
 * {@code (redacted)}. Logs nothing, and costs next to nothing, while DEBUG is off. Not part of
 * the public API.
 */
final class RedactingLogger extends feign.Logger {

  static final String REDACTED = "(redacted)";

  private final org.slf4j.Logger log;

  RedactingLogger(String name) {
    this.log = LoggerFactory.getLogger(name);
  }

  @Override
  protected void logRequest(String configKey, Level level, Request request) {
    if (log.isDebugEnabled()) {
      super.logRequest(configKey, level, redact(request));
    }
  }

  @Override
  protected Response logAndRebufferResponse(String configKey, Level level, Response response, long elapsedTime)
      throws IOException {
    return log.isDebugEnabled() ? super.logAndRebufferResponse(configKey, level, response, elapsedTime) : response;
  }

  @Override
  protected IOException logIOException(String configKey, Level level, IOException ioe, long elapsedTime) {
    return log.isDebugEnabled() ? super.logIOException(configKey, level, ioe, elapsedTime) : ioe;
  }

  @Override
  protected void log(String configKey, String format, Object... args) {
    if (log.isDebugEnabled()) {
      log.debug(String.format(methodTag(configKey) + format, args));
    }
  }

  private static Request redact(Request request) {
    Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
    headers.replaceAll((name, values) -> "authorization".equalsIgnoreCase(name) ? List.of(REDACTED) : values);
    return Request.create(request.httpMethod(), request.url(), headers, request.body(), request.charset(),
        request.requestTemplate());
  }
}
