package dev.payspec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    List<Method> calls = benchmarks();
    assertThat(calls).isNotEmpty();
    for (Method call : calls) {
      ClientCallBenchmark.Failures failures = new ClientCallBenchmark.Failures();
      Object result = call.invoke(BENCHMARK, failures);

      assertThat(failures.failedCalls).as(call.getName() + " failed: " + result).isZero();
      // Jackson for the Jackson-based models; the gson models' toString() shows their fields too.
      String json = new ObjectMapper().writeValueAsString(result) + result;
      assertThat(json).as(call.getName()).contains(call.getName().contains("stancer") ? "David Coaster" : "John");
    }
  }

  @Test
  void everyClientMakesEveryCallTheRawClientMakesSoTheRatioTableHasNoGap() {
    Map<String, Set<String>> callsByClient = benchmarks().stream().map(Method::getName)
        .collect(Collectors.groupingBy(name -> name.split("_", 2)[0], TreeMap::new,
            Collectors.mapping(name -> name.split("_", 2)[1], Collectors.toCollection(TreeSet::new))));
    Set<String> rawCalls = callsByClient.get("raw");

    assertThat(callsByClient.keySet()).contains(RatioTable.CLIENTS.toArray(String[]::new));
    assertThat(RatioTable.CLIENTS.get(0)).isEqualTo("raw");
    callsByClient.forEach((client, calls) -> {
      // The async wrapper is measured on the Stancer calls only (issue 16).
      if (client.equals("wrapperAsync")) {
        assertThat(rawCalls).as(client).containsAll(calls);
      } else {
        assertThat(calls).as(client).isEqualTo(rawCalls);
      }
    });
  }

  private static List<Method> benchmarks() {
    return Arrays.stream(ClientCallBenchmark.class.getMethods())
        .filter(method -> method.isAnnotationPresent(Benchmark.class)).collect(Collectors.toList());
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
