package dev.payspec.internal;

import dev.payspec.http.HttpEngine;
import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body as bytes until its request is cancelled (its deadline passed, its caller was
 * interrupted), then gives up: the subscription is cancelled, which closes the exchange, and the
 * body fails with an {@link IOException}. One instance per attempt.
 *
 * <p>Why: the JDK client's request timeout ends when the headers arrive (JDK-8208693), so a stalled
 * or dripped body would hold a blocking {@code send} for ever. Bounding the body here lets the sync
 * path use {@code HttpClient.send} on the caller's thread: the alternative, {@code sendAsync(..).get(timeout)},
 * hands every answer to an executor thread first, which measured about 180 µs per call on 2 cores.
 * The deadline is watched by the {@link Transport} ({@link Deadlines}), which cancels the request.
 */
final class BodyDeadline implements BodyHandler<byte[]> {

  private final HttpEngine.Request request;
  private volatile boolean passed;

  BodyDeadline(HttpEngine.Request request) {
    this.request = request;
  }

  /** Whether the request was cancelled before the body was complete. */
  boolean passed() {
    return passed;
  }

  @Override
  public BodySubscriber<byte[]> apply(ResponseInfo info) {
    return new Subscriber(BodySubscribers.ofByteArray());
  }

  private final class Subscriber implements BodySubscriber<byte[]> {

    private final BodySubscriber<byte[]> bytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    Subscriber(BodySubscriber<byte[]> bytes) {
      this.bytes = bytes;
      bytes.getBody().whenComplete((done, error) -> {
        if (error != null) {
          body.completeExceptionally(error);
        } else {
          body.complete(done);
        }
      });
      request.onCancel(this::expire);
    }

    /** On the canceller's thread (the deadlines' thread): ends the exchange; the waiting caller gets the failure. */
    private void expire() {
      if (body.isDone()) {
        return;
      }
      passed = true;
      Flow.Subscription current = subscription;
      if (current != null) {
        current.cancel();
      }
      body.completeExceptionally(new IOException("no complete body within the deadline"));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
      subscription = given;
      bytes.onSubscribe(given);
      if (passed) {
        given.cancel();
      }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      bytes.onNext(item);
    }

    @Override
    public void onError(Throwable error) {
      bytes.onError(error);
    }

    @Override
    public void onComplete() {
      bytes.onComplete();
    }
  }
}
