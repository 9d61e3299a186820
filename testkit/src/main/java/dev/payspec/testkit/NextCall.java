package dev.payspec.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * What the fake does on the next call (or the next few calls) of one operation, instead of or before
 * its normal answer. Made by {@link FakeApi#nextCall(String)}; a terminal method ({@link #respond(int)},
 * {@link #dropConnection()}, {@link #proceed()}...) puts it in the fake's queue, where it waits until
 * calls use it or the fake is reset ({@link FakeApiExtension} resets it before each test and drops
 * what a test left unused after it).
 *
 * <pre>{@code
 * fake.nextCall("createCustomer").respond(503);                      // the documented error body
 * fake.nextCall("retrieve").respond(502, "<html>Bad Gateway</html>"); // any body, served as text/html
 * fake.nextCall("getCustomer").delay(Duration.ofSeconds(2)).proceed(); // slow, then the normal answer
 * fake.nextCall("getCustomer").times(2).dropConnection();            // two resets before any answer
 * }</pre>
 */
public final class NextCall {

  enum Action { PROCEED, RESPOND, DROP }

  private final FakeApi fake;
  final String operationId;
  Duration delay = Duration.ZERO;
  int times = 1;
  Action action;
  int status;
  String body;
  String contentType;
  String conflictingId;

  NextCall(FakeApi fake, String operationId) {
    this.fake = fake;
    this.operationId = operationId;
  }

  /** Waits this long before acting, as a slow provider would. */
  public NextCall delay(Duration delay) {
    Objects.requireNonNull(delay, "delay is null: pass a Duration such as Duration.ofMillis(500)");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative; got " + delay);
    }
    this.delay = delay;
    return this;
  }

  /** Applies to this many calls in a row (default 1). */
  public NextCall times(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1; got " + times);
    }
    this.times = times;
    return this;
  }

  /**
   * Answers with this status and the body the spec documents for it (the operation's first example
   * for that status, its class such as {@code 5XX}, or {@code default}); an empty body where the spec
   * documents none.
   */
  public FakeApi respond(int status) {
    return respond(status, null);
  }

  /**
   * Answers with this status and this body as given, whatever the spec says: served as
   * {@code application/json} when it is one JSON value, as {@code text/html} when it starts with
   * {@code <} (a proxy's error page), as {@code text/plain} otherwise; {@link #respond(int, String, String)}
   * names another content type. A {@code null} body is {@link #respond(int)}.
   *
   * @throws IllegalArgumentException if the status is no HTTP status, or is one that has no body
   *     (1xx, 204, 304) and a body is given
   */
  public FakeApi respond(int status, String body) {
    return answer(status, body, null);
  }

  /**
   * Answers with this status, this body and this {@code Content-Type}, such as {@code text/xml} or
   * {@code application/problem+json}.
   *
   * @throws IllegalArgumentException if the status is no HTTP status or has no body (1xx, 204, 304),
   *     or the content type is no media type
   */
  public FakeApi respond(int status, String body, String contentType) {
    Objects.requireNonNull(body, "body is null: pass the text to serve, or use respond(status) for the documented body");
    if (contentType == null || !contentType.strip().matches("[^/\\s;]+/[^/\\s;]+(\\s*;.*)?")) {
      throw new IllegalArgumentException("the content type must be a media type, such as \"text/html\" or"
          + " \"application/json; charset=utf-8\"; got " + (contentType == null ? null
          : "\"" + contentType + "\""));
    }
    return answer(status, body, contentType.strip());
  }

  private FakeApi answer(int status, String body, String contentType) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status, 100 to 599; got " + status);
    }
    if (body != null && (status < 200 || status == 204 || status == 304)) {
      throw new IllegalArgumentException("a " + status + " answer has no body in HTTP, so this one could not be"
          + " served: use respond(" + status + ") without a body, or a status that has one");
    }
    this.action = Action.RESPOND;
    this.status = status;
    this.body = body;
    this.contentType = contentType;
    return fake.enqueue(this);
  }

  /**
   * Answers {@code 409} with the spec's documented conflict body, naming {@code existingId} as the
   * customer that already exists (Stancer v1 does so when the same customer is created again).
   */
  public FakeApi conflictWith(String existingId) {
    Objects.requireNonNull(existingId, "existingId is null: pass the id of the customer that already exists");
    this.conflictingId = existingId;
    return respond(409);
  }

  /** Closes the connection without any answer, as a reset or a crashed server does. */
  public FakeApi dropConnection() {
    this.action = Action.DROP;
    return fake.enqueue(this);
  }

  /** After the delay, answers as the fake normally does. */
  public FakeApi proceed() {
    this.action = Action.PROCEED;
    return fake.enqueue(this);
  }
}
