package dev.payspec.internal;

import dev.payspec.http.HttpEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default engine: the JDK's {@link HttpClient}, the client's own (with its own daemon threads,
 * ended by {@link #close()}) or one the user shares between clients and closes. Not part of the
 * public API.
 *
 * <ul>
 *   <li>sync: {@code HttpClient.send} on the caller's thread (no hand-off, which cost about 180 µs a
 *       call on 2 cores) with the JDK's own byte-array body handler; the JDK's request timeout bounds
 *       the wait for the headers, and a cancelled request (its deadline passed) interrupts the caller,
 *       which the JDK client answers by cancelling the exchange, body included ({@link Interrupter});
 *   <li>async: {@code sendAsync}; a cancellation cancels its future on the client's executor, so
 *       that the callbacks it completes never run on the deadlines' thread;
 *   <li>the JDK client resends a GET once by itself when its connection closes before any byte of
 *       the answer: {@link #timesSent} counts that resend.
 * </ul>
 */
final class JdkHttpEngine implements HttpEngine {

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final HttpClient http;
  private final ExecutorService ownExecutor;

  /** An engine over the user's shared client, which {@link #close()} leaves open. */
  JdkHttpEngine(HttpClient shared) {
    this.http = shared;
    this.ownExecutor = null;
  }

  /** An engine with a JDK client of its own, its threads named for {@code provider}. */
  JdkHttpEngine(String provider, Duration connectTimeout) {
    String prefix = "payspec-" + provider + "-" + CLIENTS.incrementAndGet() + "-http-";
    AtomicInteger threads = new AtomicInteger();
    this.ownExecutor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, prefix + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(ownExecutor)
        .build();
  }

  private static HttpRequest toJdk(Request request) {
    byte[] body = request.body();
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(request.readTimeout())
        .method(request.method(), body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    for (int i = 0, n = request.headerCount(); i < n; i++) {
      builder.header(request.headerName(i), request.headerValue(i));
    }
    return builder.build();
  }

  @Override
  public Response send(Request request) throws IOException, InterruptedException {
    Interrupter interrupter = new Interrupter(Thread.currentThread());
    request.onCancel(interrupter::interrupt);
    try {
      HttpResponse<byte[]> response = http.send(toJdk(request), BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      if (interrupter.interrupted()) {
        throw new IOException("no complete answer before the request was cancelled", e);
      }
      throw e;
    } finally {
      interrupter.finish();
    }
  }

  /**
   * Ends a blocking {@code send} when its request is cancelled (its deadline passed), body included:
   * the JDK client's request timeout ends when the headers arrive (JDK-8208693), so a stalled or
   * dripped body would otherwise hold the caller. The caller's thread is interrupted, which makes
   * {@code send} cancel its exchange; the interrupt is then cleared, so that the caller's thread
   * leaves as it came.
   *
   * <p>Why not a body handler of our own that gives up on cancellation (as before): the JDK runs only
   * its own body handlers in place; any other costs each answer a hand-off to the client's executor,
   * which measured about 8 µs of CPU per call (5% of a local call's time on 2 cores).
   */
  static final class Interrupter {

    private static final int SENDING = 0;
    private static final int INTERRUPTING = 1;
    private static final int INTERRUPTED = 2;
    private static final int FINISHED = 3;

    private final Thread caller;
    private final AtomicInteger state = new AtomicInteger(SENDING);

    Interrupter(Thread caller) {
      this.caller = caller;
    }

    /** On the canceller's thread (payspec's deadlines). */
    void interrupt() {
      // Interrupted by its owner already: send ends by itself, and the interrupt is the owner's to see.
      if (caller.isInterrupted()) {
        return;
      }
      if (state.compareAndSet(SENDING, INTERRUPTING)) {
        caller.interrupt();
        state.set(INTERRUPTED);
      }
    }

    /** Whether this interrupted the caller. */
    boolean interrupted() {
      int now = state.get();
      return now == INTERRUPTING || now == INTERRUPTED;
    }

    /** On the caller's thread once send returned: clears the interrupt this made, waiting for it if it is under way. */
    void finish() {
      if (state.compareAndSet(SENDING, FINISHED)) {
        return;
      }
      while (state.get() != INTERRUPTED) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
    }
  }

  @Override
  public CompletableFuture<Response> sendAsync(Request request) {
    CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(toJdk(request), BodyHandlers.ofByteArray());
    request.onCancel(() -> {
      try {
        executor().execute(() -> answer.cancel(true));
      } catch (RejectedExecutionException closedMeanwhile) {
        answer.cancel(true);
      }
    });
    return answer.handle((response, error) -> {
      if (error != null) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        throw new java.util.concurrent.CompletionException(
            cause instanceof IOException ? cause : new IOException(cause.getClass().getSimpleName(), cause));
      }
      return new Response(response.statusCode(), response.headers().map(), response.body());
    });
  }

  /**
   * 0 when no connection was made; 2 for a GET whose connection closed before any byte of the
   * answer: the JDK client then resent it once by itself and reports the failure with this message
   * (JDK 17 to 25, seen by FaultsAndRetriesTest at the server).
   */
  @Override
  public int timesSent(Request request, IOException failure) {
    boolean resent = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return 0;
      }
      resent |= t.getMessage() != null && t.getMessage().contains("received no bytes");
    }
    if (HttpEngine.super.timesSent(request, failure) == 0) {
      return 0;
    }
    return resent && "GET".equals(request.method()) ? 2 : 1;
  }

  /** The client's own threads, the shared client's executor, or the common pool. */
  @Override
  public Executor executor() {
    return ownExecutor != null ? ownExecutor : http.executor().orElse(ForkJoinPool.commonPool());
  }

  /**
   * Its own threads stop (on JDK 21 and later the JDK client's selector thread too; on JDK 17 that
   * one ends when the client is collected). A shared JDK client is left open: its owner closes it.
   */
  @Override
  public void close() {
    if (ownExecutor == null) {
      return;
    }
    try {
      // JDK 21 added HttpClient.shutdownNow(); this jar targets 17, hence the reflection.
      HttpClient.class.getMethod("shutdownNow").invoke(http);
    } catch (ReflectiveOperationException notOnThisJdk) {
      // JDK 17: no way to stop the selector thread but to drop the client.
    }
    ownExecutor.shutdownNow();
  }
}
