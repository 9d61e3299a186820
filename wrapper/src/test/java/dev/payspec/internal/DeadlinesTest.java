package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one watcher of every exchange's deadline: fires late by at most a tick, never for a finished exchange, and parks when idle. */
class DeadlinesTest {

  @Test
  void aPassedDeadlineFiresWithinOneTick() throws Exception {
    CountDownLatch fired = new CountDownLatch(1);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);

    Deadlines.watch(deadline, fired::countDown);

    assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    long late = System.nanoTime() - deadline;
    assertThat(late).isGreaterThanOrEqualTo(0);
    // One tick, plus scheduling slack on 2 shared cores.
    assertThat(Duration.ofNanos(late)).isLessThan(Duration.ofNanos(Deadlines.TICK_NANOS).plusMillis(500));
  }

  @Test
  void aWatchDoneInTimeNeverFires() throws Exception {
    AtomicInteger fired = new AtomicInteger();

    Deadlines.watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30), fired::incrementAndGet).done();
    Thread.sleep(30 + 3 * TimeUnit.NANOSECONDS.toMillis(Deadlines.TICK_NANOS));

    assertThat(fired).hasValue(0);
  }

  @Test
  void theWatcherParksWithoutATimeoutOnceNothingIsWatched() throws Exception {
    Deadlines.watch(System.nanoTime() + TimeUnit.SECONDS.toNanos(60), () -> { }).done();
    Thread watcher = Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("payspec-deadlines")).findFirst().orElseThrow();

    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (watcher.getState() != Thread.State.WAITING && System.nanoTime() < until) {
      Thread.sleep(5);
    }

    // WAITING (park with no timeout), not TIMED_WAITING: an idle JVM's watcher does not wake every tick.
    assertThat(watcher.getState()).isEqualTo(Thread.State.WAITING);
    assertThat(watcher.isDaemon()).isTrue();
    CountDownLatch fired = new CountDownLatch(1);
    Deadlines.watch(System.nanoTime(), fired::countDown);
    assertThat(fired.await(5, TimeUnit.SECONDS)).as("a new watch wakes the parked watcher").isTrue();
  }
}
