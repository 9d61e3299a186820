package dev.payspec.internal;

import dev.payspec.http.HttpEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
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
 *   <li>{@code sendAsync} with the JDK's own byte-array body handler; a cancellation (the deadline
 *       passed, the caller was interrupted or cancelled) cancels its future on the client's executor,
 *       which ends the exchange, body included, and never runs callbacks on the deadlines' thread;
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
  public CompletableFuture<Response> sendAsync(Request request) {
    CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(toJdk(request), info -> {
      // The status and headers have come: what fails from here fails while reading the body.
      request.headersArrived();
      return BodySubscribers.ofByteArray();
    });
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
      if (t instanceof java.net.http.HttpTimeoutException) {
        // The JDK's own read timeout ended the exchange: sent once. (From JDK 25 its cause may read
        // "received no bytes", the mark of the JDK's resend below, though nothing was resent.)
        return 1;
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
