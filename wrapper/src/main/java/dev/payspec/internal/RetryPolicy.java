package dev.payspec.internal;

import dev.payspec.ConnectionException;
import dev.payspec.PayspecException;
import dev.payspec.RateLimitException;
import dev.payspec.ServerException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed call is tried again, and after how long. Not part of the public API.
 *
 * <ul>
 *   <li>Only idempotent calls are retried after a 429, a 5xx or a broken connection. A POST is
 *       retried only when its connection was never made, so the provider cannot have received it.
 *   <li>At most {@code maxRetries + 1} requests may reach the server for one call, counting the JDK
 *       client's own resend of a GET whose connection closed before any answer as one. The delay doubles from {@link #INITIAL_DELAY} up to
 *       {@link #MAX_DELAY}, with jitter (a random half to all of it), unless the provider's
 *       {@code Retry-After} says how long; a {@code Retry-After} longer than
 *       {@link #MAX_RETRY_AFTER} is not waited for: the exception is thrown at once.
 * </ul>
 */
public final class RetryPolicy {

  static final Duration INITIAL_DELAY = Duration.ofMillis(250);
  static final Duration MAX_DELAY = Duration.ofSeconds(8);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final int maxRetries;

  public RetryPolicy(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  /**
   * The delay before the next attempt, or empty when the failure is final.
   *
   * @param retry the number of retries made so far (0 after the first attempt)
   * @param requests the number of requests that may have reached the server so far
   */
  public Optional<Duration> delayBeforeRetry(String method, PayspecException failure, int retry, int requests) {
    if (requests > maxRetries || retry >= maxRetries) {
      return Optional.empty();
    }
    boolean idempotent = !"POST".equals(method);
    if (failure instanceof ConnectionException connection) {
      return idempotent || !connection.isRequestSent() ? Optional.of(backoff(retry)) : Optional.empty();
    }
    Optional<Duration> retryAfter;
    if (failure instanceof RateLimitException rateLimited) {
      retryAfter = rateLimited.getRetryAfter();
    } else if (failure instanceof ServerException server && server.getHttpStatus() >= 500) {
      retryAfter = server.getRetryAfter();
    } else {
      return Optional.empty();
    }
    if (!idempotent || retryAfter.filter(delay -> delay.compareTo(MAX_RETRY_AFTER) > 0).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(retryAfter.orElseGet(() -> backoff(retry)));
  }

  private static Duration backoff(int retry) {
    long full = Math.min(MAX_DELAY.toMillis(), INITIAL_DELAY.toMillis() << Math.min(retry, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(full / 2, full + 1));
  }
}
