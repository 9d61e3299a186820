package dev.payspec.internal;

import dev.payspec.ApiCall;
import dev.payspec.CallListener;
import dev.payspec.PayspecException;
import java.time.Duration;

/**
 * What a call tells the client's {@link CallListener}: each request, retry, response and failure.
 * A listener's own failure never fails the call. Not part of the public API.
 */
final class CallEvents {

  private final CallListener listener;

  /** @param listener the client's listener, or null for none */
  CallEvents(CallListener listener) {
    this.listener = listener;
  }

  void request(ApiCall call, int attempt) {
    tell(call, () -> listener.onRequest(call, attempt));
  }

  void response(ApiCall call, int status) {
    tell(call, () -> listener.onResponse(call, status, Duration.ofNanos(System.nanoTime() - call.startNanos())));
  }

  void retry(ApiCall call, int attempt, Duration delay, PayspecException failure) {
    tell(call, () -> listener.onRetry(call, attempt, delay, failure));
  }

  void failure(ApiCall call, PayspecException failure) {
    tell(call, () -> listener.onFailure(call, failure, Duration.ofNanos(System.nanoTime() - call.startNanos())));
  }

  private void tell(ApiCall call, Runnable event) {
    if (call != null && listener != null) {
      try {
        event.run();
      } catch (RuntimeException ignored) {
        // A listener's failure never fails the call.
      }
    }
  }
}
