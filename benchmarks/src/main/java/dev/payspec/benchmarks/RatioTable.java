package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH's JSON results (one run at 1 thread with the GC profiler, one at 32 threads) and prints
 * a Markdown table of each client's ratio to the raw client, with the targets checked. Scores are
 * the median of the measurement iterations, with their range in brackets; ratios are of medians.
 * Usage: {@code RatioTable single.json threads.json}.
 */
public final class RatioTable {

  static final double MAX_TIME_RATIO = 1.10;
  static final double MIN_THROUGHPUT_RATIO = 0.90;
  static final double MAX_ALLOCATION_RATIO = 2.0;

  private RatioTable() {}

  public static void main(String[] args) throws IOException {
    Map<String, Score> time = new TreeMap<>();
    Map<String, Double> bytes = new TreeMap<>();
    Map<String, Score> throughput = new TreeMap<>();
    Map<String, String> incomplete = new TreeMap<>();
    Map<String, String> failed = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (JsonNode result : json.readTree(new File(args[0]))) {
      String name = name(result);
      time.put(name, Score.of(result.at("/primaryMetric/rawData")));
      bytes.put(name, result.at("/secondaryMetrics/gc.alloc.rate.norm/score").asDouble());
      checkComplete(result, "1 thread", incomplete);
      countFailures(result, "1 thread", failed);
    }
    for (JsonNode result : json.readTree(new File(args[1]))) {
      throughput.put(name(result), Score.of(result.at("/primaryMetric/rawData")));
      checkComplete(result, "32 threads", incomplete);
      countFailures(result, "32 threads", failed);
    }

    System.out.println("| call | client | µs/call (1 thread) | ratio | calls/s (32 threads) | ratio | bytes/call | ratio |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    boolean allMet = true;
    for (String key : time.keySet()) {
      String[] parts = key.split("_", 2);
      String client = parts[0];
      String call = parts[1];
      if (client.equals("raw")) {
        continue;
      }
      String raw = "raw_" + call;
      Score noScore = new Score(Double.NaN, Double.NaN, Double.NaN);
      double timeRatio = time.get(key).median() / time.get(raw).median();
      double throughputRatio = throughput.getOrDefault(key, noScore).median() / throughput.getOrDefault(raw, noScore).median();
      double bytesRatio = bytes.get(key) / bytes.get(raw);
      boolean wrapper = client.equals("wrapper");
      boolean met = timeRatio <= MAX_TIME_RATIO && throughputRatio >= MIN_THROUGHPUT_RATIO && bytesRatio <= MAX_ALLOCATION_RATIO;
      allMet &= !wrapper || met;
      System.out.printf("| %s | %s | %s (raw %s) | %s | %s (raw %s) | %s | %.0f (raw %.0f) | %s |%n",
          call, client, time.get(key).format("%.0f"), time.get(raw).format("%.0f"),
          mark(timeRatio, timeRatio <= MAX_TIME_RATIO, wrapper),
          throughput.getOrDefault(key, noScore).format("%.0f"), throughput.getOrDefault(raw, noScore).format("%.0f"),
          mark(throughputRatio, throughputRatio >= MIN_THROUGHPUT_RATIO, wrapper),
          bytes.get(key), bytes.get(raw), mark(bytesRatio, bytesRatio <= MAX_ALLOCATION_RATIO, wrapper));
    }
    System.out.printf("%nTargets for the wrapper: time ≤ %.2fx, throughput ≥ %.2fx, bytes ≤ %.1fx the raw client's: %s%n",
        MAX_TIME_RATIO, MIN_THROUGHPUT_RATIO, MAX_ALLOCATION_RATIO, allMet ? "all met" : "NOT all met (marked ✗)");
    incomplete.forEach((name, what) -> System.out.printf("Incomplete: %s %s (see the run's log)%n", name, what));
    failed.forEach((name, what) -> System.out.printf("Failed calls, counted and not scored: %s %s (see the run's log)%n", name, what));
  }

  /** The calls that failed during measurement (see {@link ClientCallBenchmark.Failures}). */
  private static void countFailures(JsonNode result, String run, Map<String, String> failed) {
    long count = 0;
    for (JsonNode fork : result.at("/secondaryMetrics/failedCalls/rawData")) {
      for (JsonNode iteration : fork) {
        count += iteration.asLong();
      }
    }
    if (count > 0) {
      failed.merge(name(result), count + " at " + run, (a, b) -> a + ", " + b);
    }
  }

  /** A failed call ends a benchmark's iterations early: its score then rests on fewer of them, which the table says. */
  private static void checkComplete(JsonNode result, String run, Map<String, String> incomplete) {
    int planned = result.path("measurementIterations").asInt();
    int measured = 0;
    for (JsonNode fork : result.at("/primaryMetric/rawData")) {
      measured += fork.size();
    }
    if (measured < planned * result.path("forks").asInt(1)) {
      incomplete.merge(name(result), "at " + run + ": " + measured + " of " + planned + " iterations", (a, b) -> a + "; " + b);
    }
  }

  /**
   * The median of a benchmark's measurement iterations, with their range. The median, not JMH's
   * mean: on 2 cores one iteration now and then loses a second to a JIT compilation or to a call
   * that failed (see {@link ClientCallBenchmark.Failures}), and the mean would score that stall.
   */
  record Score(double median, double min, double max) {

    static Score of(JsonNode rawData) {
      List<Double> values = new ArrayList<>();
      rawData.forEach(fork -> fork.forEach(iteration -> values.add(iteration.asDouble())));
      if (values.isEmpty()) {
        return new Score(Double.NaN, Double.NaN, Double.NaN);
      }
      Collections.sort(values);
      int n = values.size();
      double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
      return new Score(median, values.get(0), values.get(n - 1));
    }

    String format(String number) {
      return String.format(number + " [" + number + "–" + number + "]", median, min, max);
    }
  }

  private static String name(JsonNode result) {
    String benchmark = result.path("benchmark").asText();
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  private static String mark(double ratio, boolean met, boolean checked) {
    return String.format("%.2fx%s", ratio, checked ? (met ? " ✓" : " ✗") : "");
  }
}
