package dev.payspec.micrometer;

import dev.payspec.ApiCall;
import dev.payspec.CallListener;
import dev.payspec.ConnectionException;
import dev.payspec.PayspecException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * Records each call of a payspec client as a Micrometer {@link Observation} named
 * {@value #NAME}: with a {@code DefaultMeterObservationHandler} a timer tagged {@code provider},
 * {@code operation}, {@code method}, {@code status} and {@code outcome}, and a counter
 * {@value #NAME}{@code .retry} for each retry; with a tracing bridge, a span per call. Tags hold
 * the spec's operation and path template, never ids, credentials or personal values. A call the
 * wrapper refuses before sending it ({@code ValidationException}) is not recorded.
 *
 * <pre>{@code
 * StancerClient stancer = StancerClient.builder().apiKey(key)
 *     .listener(new PayspecObservation(observationRegistry)).build();
 * }</pre>
 */
public final class PayspecObservation implements CallListener {

  /** The observation's name, and so the timer's. */
  public static final String NAME = "payspec.client.calls";

  /** The event of a retry, counted as {@code payspec.client.calls.retry}. */
  public static final Observation.Event RETRY = Observation.Event.of("retry", "a failed attempt is tried again");

  private static final Object KEY = PayspecObservation.class;

  private final ObservationRegistry registry;

  public PayspecObservation(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry is null: pass the application's ObservationRegistry");
  }

  @Override
  public void onRequest(ApiCall call, int attempt) {
    if (attempt != 1) {
      return;
    }
    Observation observation = Observation.createNotStarted(NAME, registry)
        .contextualName(call.provider() + " " + call.operationId())
        .lowCardinalityKeyValue("provider", call.provider())
        .lowCardinalityKeyValue("operation", call.operationId())
        .lowCardinalityKeyValue("method", call.method())
        .lowCardinalityKeyValue("uri", call.pathTemplate())
        .start();
    call.put(KEY, observation);
  }

  @Override
  public void onRetry(ApiCall call, int attempt, Duration delay, PayspecException failure) {
    Observation observation = (Observation) call.get(KEY);
    if (observation != null) {
      observation.event(RETRY);
    }
  }

  @Override
  public void onResponse(ApiCall call, int status, Duration elapsed) {
    end(call, String.valueOf(status), "SUCCESS", null);
  }

  @Override
  public void onFailure(ApiCall call, PayspecException failure, Duration elapsed) {
    int status = failure.getHttpStatus();
    String outcome = failure instanceof ConnectionException ? "CONNECTION_ERROR"
        : status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "UNKNOWN";
    end(call, status == 0 ? "NONE" : String.valueOf(status), outcome, failure);
  }

  private static void end(ApiCall call, String status, String outcome, PayspecException failure) {
    Observation observation = (Observation) call.get(KEY);
    if (observation == null) {
      return;
    }
    observation.lowCardinalityKeyValue("status", status).lowCardinalityKeyValue("outcome", outcome);
    if (failure != null) {
      observation.error(failure);
    }
    observation.stop();
  }
}
