package dev.payspec;

import java.time.Duration;
import java.util.Optional;

/** The provider answered 429: too many requests. */
public class RateLimitException extends PayspecException {

  private final Duration retryAfter;

  public RateLimitException(String message, HttpDetails details, Duration retryAfter) {
    super(message, details, null);
    this.retryAfter = retryAfter;
  }

  /** The delay the provider asked for in {@code Retry-After}, if it did. */
  public Optional<Duration> getRetryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
