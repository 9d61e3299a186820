package dev.payspec;

import java.time.Duration;

/**
 * Told of each call of a client, for metrics, tracing or audit without wrapping every call (set
 * with {@code ClientBuilder.listener(...)}; the {@code payspec-micrometer} module has one for
 * Micrometer). It sees what the call is and how it ends, never the credentials, the arguments or
 * the bodies: an exception's message names fields and rules only, and its raw body is the
 * exception's, not the listener's to log. Called on the thread that makes the attempt (an HTTP
 * thread for async calls); a listener must be quick and must not throw (what it throws is ignored).
 */
public interface CallListener {

  /** An attempt is about to be sent; {@code attempt} is 1 for the first. */
  default void onRequest(ApiCall call, int attempt) {
  }

  /** The call succeeded with {@code status}, {@code elapsed} after it began (retries included). */
  default void onResponse(ApiCall call, int status, Duration elapsed) {
  }

  /** Attempt {@code attempt} failed with {@code failure} and is tried again after {@code delay}. */
  default void onRetry(ApiCall call, int attempt, Duration delay, PayspecException failure) {
  }

  /** The call failed for good, {@code elapsed} after it began; its status is {@code failure.getHttpStatus()} (0 for none). */
  default void onFailure(ApiCall call, PayspecException failure, Duration elapsed) {
  }
}
