package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.AuthenticationException;
import dev.payspec.ConflictException;
import dev.payspec.InvalidRequestException;
import dev.payspec.NotFoundException;
import dev.payspec.PayspecException;
import dev.payspec.PayspecException.HttpDetails;
import dev.payspec.PermissionException;
import dev.payspec.RateLimitException;
import dev.payspec.ServerException;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;

/** Turns an error response into the payspec exception for its status, in one switch. Not part of the public API. */
public final class ErrorMapper {

  private final ObjectMapper json;
  private final ErrorBodyParser parser;

  public ErrorMapper(ObjectMapper json, ErrorBodyParser parser) {
    this.json = json;
    this.parser = parser;
  }

  public PayspecException toException(int status, String method, String path, String rawBody,
      Map<String, ? extends Collection<String>> headers) {
    ErrorBody body = parse(rawBody);
    HttpDetails details = new HttpDetails(status, body.type(), body.message(), rawBody, method, path);
    // The provider's own message can echo what was sent (an email, a name): it stays in
    // getProviderMessage() and getRawBody(), out of the message that ends up in logs.
    String message = method + " " + path + " answered " + status
        + (body.type() == null ? "" : " (" + body.type() + ")")
        + (body.fieldErrors() == null || body.fieldErrors().isEmpty() ? "" : ", errors on " + body.fieldErrors().keySet())
        + (body.message() == null ? "" : "; the provider's message is in getProviderMessage()");
    Duration retryAfter = retryAfter(headers);
    return switch (status) {
      case 400, 422 -> new InvalidRequestException(message, details, body.fieldErrors());
      case 401 -> new AuthenticationException(message, details);
      case 403 -> new PermissionException(message, details);
      case 404 -> new NotFoundException(message, details);
      case 409 -> new ConflictException(message, details, body.existingId());
      case 429 -> new RateLimitException(message, details, retryAfter);
      default -> status >= 400 && status < 500
          ? new InvalidRequestException(message, details, body.fieldErrors())
          : new ServerException(message, details, retryAfter);
    };
  }

  private ErrorBody parse(String rawBody) {
    if (rawBody == null || rawBody.isBlank()) {
      return ErrorBody.EMPTY;
    }
    try {
      JsonNode root = json.readTree(rawBody);
      return root != null && root.isObject() ? parser.parse(root) : ErrorBody.EMPTY;
    } catch (IOException notJson) {
      // HTML from a proxy, a truncated body: the raw body is kept, the class still follows the status.
      return ErrorBody.EMPTY;
    }
  }

  /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(Map<String, ? extends Collection<String>> headers) {
    for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
      if ("retry-after".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
        String value = header.getValue().iterator().next().trim();
        try {
          return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
          try {
            Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
          } catch (DateTimeParseException unreadable) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
