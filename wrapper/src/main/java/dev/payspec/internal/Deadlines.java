package dev.payspec.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of the exchanges under way in this JVM: one daemon timer thread runs the expiry
 * action of each deadline that passes before its exchange ends, and ends itself after a second with
 * none to watch. Not part of the public API.
 */
final class Deadlines {

  private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, task -> {
    Thread thread = new Thread(task, "payspec-deadlines");
    thread.setDaemon(true);
    return thread;
  });

  static {
    // An exchange that ends first takes its deadline off the queue at once; an idle JVM keeps no timer thread.
    TIMER.setRemoveOnCancelPolicy(true);
    TIMER.setKeepAliveTime(1, TimeUnit.SECONDS);
    TIMER.allowCoreThreadTimeOut(true);
  }

  private Deadlines() {
  }

  /** One watched deadline; {@link #done()} when the exchange ends first. */
  static final class Watch {
    private final ScheduledFuture<?> expiry;

    private Watch(ScheduledFuture<?> expiry) {
      this.expiry = expiry;
    }

    /** The exchange ended: its expiry action will not run. */
    void done() {
      expiry.cancel(false);
    }
  }

  /**
   * Runs {@code onExpiry} on the timer's thread once {@link System#nanoTime()} passes
   * {@code deadlineNanos}, unless the returned watch is {@link Watch#done() done} first. The action
   * must be short and must not block: it holds back the other deadlines.
   */
  static Watch watch(long deadlineNanos, Runnable onExpiry) {
    return new Watch(TIMER.schedule(onExpiry, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS));
  }
}
