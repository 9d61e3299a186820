package dev.payspec.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of the exchanges under way in this JVM, watched by one daemon thread that looks at
 * them every {@link #TICK_NANOS} and runs the expiry action of each that has passed. A deadline
 * therefore fires at most one tick late. The thread parks when no exchange is under way and nothing
 * was registered for a tick, so an idle JVM holds it parked, not waking.
 *
 * <p>Why not a timer per exchange ({@code CompletableFuture.orTimeout}, a
 * {@code ScheduledExecutorService}): scheduling and cancelling one for every call wakes the timer
 * thread every call, which measured about 10 µs per call on 2 cores, most of the wrapper's budget
 * next to the raw JDK client. Registering here is two hash-set operations and a volatile write.
 */
final class Deadlines {

  /** How late a deadline may fire. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean PARKED = new AtomicBoolean();
  private static volatile boolean touched;
  private static volatile Thread watcher;

  private Deadlines() {
  }

  /** One watched deadline; {@link #done()} when the exchange ends first. */
  static final class Watch {
    private final long deadlineNanos;
    private final Thread waiter;
    private final Runnable onExpiry;

    private Watch(long deadlineNanos, Thread waiter, Runnable onExpiry) {
      this.deadlineNanos = deadlineNanos;
      this.waiter = waiter;
      this.onExpiry = onExpiry;
    }

    private boolean expired(long now) {
      return now - deadlineNanos >= 0 || waiter != null && waiter.isInterrupted();
    }

    /** The exchange ended: its expiry action will not run. */
    void done() {
      WATCHED.remove(this);
    }
  }

  /**
   * Runs {@code onExpiry} on the watcher's thread once {@link System#nanoTime()} passes
   * {@code deadlineNanos}, unless the returned watch is {@link Watch#done() done} first. The action
   * must be short and must not block: it holds back the other deadlines.
   */
  static Watch watch(long deadlineNanos, Runnable onExpiry) {
    return watch(deadlineNanos, null, onExpiry);
  }

  /**
   * As {@link #watch(long, Runnable)}, and runs {@code onExpiry} too once {@code waiter} (the thread
   * blocked on the exchange) is interrupted: an engine whose blocking read ignores interrupts (a
   * socket's) is then cancelled, at most one tick later.
   */
  static Watch watch(long deadlineNanos, Thread waiter, Runnable onExpiry) {
    Watch watch = new Watch(deadlineNanos, waiter, onExpiry);
    WATCHED.add(watch);
    if (!touched) {
      touched = true;
    }
    Thread thread = watcher;
    if (thread == null) {
      start();
    } else if (PARKED.get() && PARKED.compareAndSet(true, false)) {
      LockSupport.unpark(thread);
    }
    return watch;
  }

  private static synchronized void start() {
    if (watcher != null) {
      return;
    }
    Thread thread = new Thread(Deadlines::run, "payspec-deadlines");
    thread.setDaemon(true);
    watcher = thread;
    thread.start();
  }

  private static void run() {
    while (true) {
      LockSupport.parkNanos(TICK_NANOS);
      long now = System.nanoTime();
      for (Watch watch : WATCHED) {
        if (watch.expired(now) && WATCHED.remove(watch)) {
          try {
            watch.onExpiry.run();
          } catch (RuntimeException | Error ignored) {
            // One failing action never stops the others' deadlines.
          }
        }
      }
      if (touched) {
        touched = false;
        continue;
      }
      if (WATCHED.isEmpty()) {
        PARKED.set(true);
        // Re-checked after saying so: a watch registered meanwhile either sees PARKED and unparks
        // this thread (the permit is kept if it comes before park) or is seen here.
        if (WATCHED.isEmpty() && !touched) {
          LockSupport.park(Deadlines.class);
        }
        PARKED.set(false);
      }
    }
  }
}
