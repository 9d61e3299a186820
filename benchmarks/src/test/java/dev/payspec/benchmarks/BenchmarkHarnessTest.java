package dev.payspec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The benchmarks measure what they claim: every benchmarked call, once, against the real
 * {@link DocsServer}, returns the docs' customer rather than a counted failure; and the ratio table
 * scores medians, so one stalled iteration does not move a ratio.
 */
class BenchmarkHarnessTest {

  static final ClientCallBenchmark BENCHMARK = new ClientCallBenchmark();

  @BeforeAll
  static void start() {
    BENCHMARK.start();
  }

  @AfterAll
  static void stop() {
    BENCHMARK.stop();
  }

  @Test
  void everyBenchmarkedCallReturnsTheDocsCustomerWithoutFailing() throws Exception {
    List<Method> calls = Arrays.stream(ClientCallBenchmark.class.getMethods())
        .filter(method -> method.isAnnotationPresent(Benchmark.class)).collect(Collectors.toList());
    assertThat(calls).hasSize(14);
    for (Method call : calls) {
      ClientCallBenchmark.Failures failures = new ClientCallBenchmark.Failures();
      Object result = call.invoke(BENCHMARK, failures);

      assertThat(failures.failedCalls).as(call.getName() + " failed: " + result).isZero();
      String json = new ObjectMapper().writeValueAsString(result);
      assertThat(json).as(call.getName()).contains(call.getName().contains("stancer") ? "David Coaster" : "John");
    }
  }

  @Test
  void aFailedCallIsCountedAndReturnedInsteadOfEndingTheRun() {
    ClientCallBenchmark.Failures failures = new ClientCallBenchmark.Failures();

    Object result = failures.count(() -> {
      throw new IllegalStateException("lost");
    });

    assertThat(failures.failedCalls).isEqualTo(1);
    assertThat(result).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aScoreIsTheMedianOfTheIterationsSoOneStallDoesNotMoveIt() throws Exception {
    RatioTable.Score score = RatioTable.Score.of(new ObjectMapper().readTree("[[20000, 21000, 4000, 20500, 19500]]"));

    assertThat(score.median()).isEqualTo(20000);
    assertThat(score.min()).isEqualTo(4000);
    assertThat(score.max()).isEqualTo(21000);
  }
}
