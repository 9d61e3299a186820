package dev.payspec.internal;

import dev.payspec.PayspecException.HttpDetails;
import dev.payspec.UnreadableAnswerException;
import dev.payspec.http.HttpEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How an attempt's answer becomes a result: logged, a non-2xx status mapped to its exception
 * ({@link ErrorMapper}), a success bound by Jackson straight from the bytes and read liberally:
 * whatever else it breaks of the spec, a body that binds is returned, and a listener is told what it
 * breaks ({@link CallPlan.Findings}). Not part of the public API.
 */
final class Answers {

  private final ErrorMapper errors;
  private final WireLog log;
  private final String basePath;

  Answers(ErrorMapper errors, WireLog log, String basePath) {
    this.errors = errors;
    this.log = log;
    this.basePath = basePath;
  }

  /** The answer of an attempt: decoded, or the exception its status maps to. */
  Transport.Exchanged read(CallPlan plan, String method, String path, String url, HttpEngine.Response response,
      boolean logged, long start) {
    byte[] received = response.body();
    if (logged) {
      log.response(method, url, response.status(), response.headers(), received, start);
    }
    int status = response.status();
    if (status < 200 || status > 299) {
      throw errors.toException(status, method, basePath + path, new String(received, StandardCharsets.UTF_8),
          response.headers());
    }
    // A 204 has no body by definition: Stancer answers an update with 204 or with 200 and the customer.
    Object value = plan.result() == null || status == 204 ? null : decode(received, plan, status, method, path);
    return new Transport.Exchanged(status, response.headers(), received, value);
  }

  /**
   * A body that cannot be bound (empty, {@code null}, not JSON, another type) is an
   * {@link UnreadableAnswerException} that keeps it: the provider accepted the call, so it is never
   * retried. The body becomes text, and the full path is built, only for that exception.
   */
  private Object decode(byte[] body, CallPlan plan, int status, String method, String path) {
    Object value = null;
    String what;
    try {
      value = body.length == 0 ? null : plan.reader().readValue(body);
      what = value != null ? null : body.length == 0 ? "the body empty where JSON was expected" : "the body null";
    } catch (IOException e) {
      // Jackson's message may quote the body, which may hold personal data: only the kind of failure is said.
      what = "a body that cannot be read as " + plan.result().getRawClass().getSimpleName() + " ("
          + e.getClass().getSimpleName() + ")";
    }
    String fullPath = basePath + path;
    if (what != null) {
      throw new UnreadableAnswerException(method + " " + fullPath + " answered " + status + " (the provider accepted the"
          + " call) with " + what + "; it is not retried: see getRawBody() for what was answered",
          new HttpDetails(status, null, null, new String(body, StandardCharsets.UTF_8), method, fullPath));
    }
    if (plan.findings() != null) {
      try {
        plan.findings().report(Json.MAPPER.readTree(body), method, fullPath);
      } catch (IOException | RuntimeException ignored) {
        // What the listener is told never fails a call that succeeded.
      }
    }
    return value;
  }
}
