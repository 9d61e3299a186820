package dev.payspec;

import java.time.Duration;
import java.util.Optional;

/** The provider failed: a 5xx status. (A success whose body cannot be read is an {@link UnreadableAnswerException}.) */
public class ServerException extends PayspecException {

  private final Duration retryAfter;

  public ServerException(String message, HttpDetails details, Duration retryAfter) {
    super(message, details, null);
    this.retryAfter = retryAfter;
  }

  /** The delay the provider asked for in {@code Retry-After}, if it did. */
  public Optional<Duration> getRetryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
