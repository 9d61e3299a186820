package dev.payspec;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * How a client waits before a retry: by default a timer that holds no thread. Given to
 * {@link ClientBuilder#clock(CallClock)}, a clock of your own lets your tests of retries and
 * backoff run without real sleeps (record the delays asked for, run the task at once). Deadlines of
 * the exchanges themselves always run on real time.
 */
public interface CallClock {

  /** The default: {@link System#nanoTime()}, and waits as timers that run the task on {@code executor}. */
  static CallClock system(Executor executor) {
    return new CallClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void schedule(Duration delay, Runnable task) {
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor).execute(task);
      }
    };
  }

  /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Runs {@code task} once {@code delay} has passed, without holding a thread meanwhile.
   *
   * @throws java.util.concurrent.RejectedExecutionException when the client was closed meanwhile
   */
  void schedule(Duration delay, Runnable task);
}
