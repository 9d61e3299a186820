package dev.payspec;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A successful answer as it came, with its decoded value: the status, the headers and the body
 * (from {@code client.withRawResponse()}). The body holds the customer's data as the provider sent
 * it: {@link #toString()} leaves it out.
 *
 * @param <T> the decoded value's type ({@code Void} for an operation that returns nothing)
 */
public final class RawResponse<T> {

  /** The headers in which providers send an id of the request, the first present wins. */
  private static final List<String> REQUEST_ID_HEADERS = List.of("x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid");

  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final String body;
  private final T value;

  /** Made by the client. */
  public RawResponse(int statusCode, Map<String, List<String>> headers, String body, T value) {
    this.statusCode = statusCode;
    this.headers = headers;
    this.body = body;
    this.value = value;
  }

  public int statusCode() {
    return statusCode;
  }

  /** Every header, names in lower case as HTTP/2 sends them. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, whatever the case of its name. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return Optional.of(header.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /** The provider's id of this request, from {@code X-Request-Id}, {@code Request-Id} and the like, where it sends one. */
  public Optional<String> requestId() {
    for (String name : REQUEST_ID_HEADERS) {
      Optional<String> id = header(name.toLowerCase(Locale.ROOT));
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  /** The body as sent (empty for none). */
  public String body() {
    return body;
  }

  /** The decoded body, as the plain call returns it (null for an operation that returns nothing). */
  public T value() {
    return value;
  }

  @Override
  public String toString() {
    return "RawResponse[status=" + statusCode + ", requestId=" + requestId().orElse("none") + ", body=(" + body.length() + " chars)]";
  }
}
