package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads JMH's JSON results (one run at 1 thread with the GC profiler, one at 32 threads) and prints
 * one Markdown table per figure (µs per call at 1 thread, calls per second at 32 threads, bytes
 * allocated per call): a row per call, the raw client's score, then each client's ratio to it, with
 * the targets of the wrapper (over the JDK client, and over OkHttp) checked: throughput ≥ 0.90x, bytes ≤ 2.0x the raw client's, and ahead of every generated peer on each figure. Scores are the median of the measurement
 * iterations, with their range in brackets; ratios are of medians.
 * Usage: {@code RatioTable single.json threads.json}.
 */
public final class RatioTable {

  static final double MAX_TIME_RATIO = 1.10;
  static final double MIN_THROUGHPUT_RATIO = 0.90;
  static final double MAX_ALLOCATION_RATIO = 2.0;

  /** The table's columns: the floor first, then the wrapper, then what users could pick instead. */
  static final List<String> CLIENTS = List.of("raw", "wrapper", "wrapperOkhttp", "wrapperAsync", "generated", "native", "okhttpGson");
  /** The clients whose targets are checked: the wrapper over the JDK client (the default), and over OkHttp. */
  static final List<String> WRAPPERS = List.of("wrapper", "wrapperOkhttp");
  /** The generated peers the wrapper must be ahead of: Feign (the generated-client module), native, okhttp-gson. */
  static final List<String> PEERS = List.of("generated", "native", "okhttpGson");

  private RatioTable() {}

  /** One figure: its scores by benchmark name, which way is better, and the wrapper's bound. */
  record Figure(String title, String unit, Map<String, Score> scores, boolean higherIsBetter, double bound) {

    boolean withinBound(double ratio) {
      return higherIsBetter ? ratio >= bound : ratio <= bound;
    }

    boolean better(double ratio, double other) {
      return higherIsBetter ? ratio > other : ratio < other;
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, Score> time = new TreeMap<>();
    Map<String, Score> bytes = new TreeMap<>();
    Map<String, Score> throughput = new TreeMap<>();
    Map<String, String> incomplete = new TreeMap<>();
    Map<String, String> failed = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (JsonNode result : json.readTree(new File(args[0]))) {
      String name = name(result);
      time.put(name, Score.of(result.at("/primaryMetric/rawData")));
      JsonNode allocation = result.at("/secondaryMetrics/gc.alloc.rate.norm");
      bytes.put(name, allocation.isMissingNode() ? Score.NONE : Score.of(allocation.at("/rawData")));
      checkComplete(result, "1 thread", incomplete);
      countFailures(result, "1 thread", failed);
    }
    if (args.length > 1) {
      for (JsonNode result : json.readTree(new File(args[1]))) {
        throughput.put(name(result), Score.of(result.at("/primaryMetric/rawData")));
        checkComplete(result, "32 threads", incomplete);
        countFailures(result, "32 threads", failed);
      }
    }
    List<String> missed = new ArrayList<>();
    for (Figure figure : List.of(
        // The time target is judged by PairedCalls (forks taking turns): JMH's forks of one client run
        // together, and raw's median moved between runs by more than the target's margin.
        new Figure("Time per call, 1 thread", "µs/call", time, false, Double.NaN),
        new Figure("Throughput, 32 threads", "calls/s", throughput, true, MIN_THROUGHPUT_RATIO),
        new Figure("Bytes allocated per call, 1 thread", "bytes/call", bytes, false, MAX_ALLOCATION_RATIO))) {
      print(figure, missed);
    }
    System.out.printf("Targets for the wrapper (%s): throughput ≥ %.2fx, bytes ≤ %.1fx the raw client's, and ahead of %s on each figure"
        + " (time ≤ %.2fx: the forks taking turns, below): %s%n",
        String.join(", ", WRAPPERS), MIN_THROUGHPUT_RATIO, MAX_ALLOCATION_RATIO, String.join(", ", PEERS), MAX_TIME_RATIO,
        missed.isEmpty() ? "all met" : "missed: " + String.join("; ", missed));
    incomplete.forEach((name, what) -> System.out.printf("Incomplete: %s %s (see the run's log)%n", name, what));
    failed.forEach((name, what) -> System.out.printf("Failed calls, counted and not scored: %s %s (see the run's log)%n", name, what));
  }

  /** One figure's table; what a wrapper misses is added to {@code missed}. */
  static void print(Figure figure, List<String> missed) {
    Set<String> calls = new TreeSet<>();
    Set<String> clients = new LinkedHashSet<>();
    for (String key : figure.scores().keySet()) {
      String[] parts = key.split("_", 2);
      calls.add(parts[1]);
      clients.add(parts[0]);
    }
    if (calls.isEmpty()) {
      return;
    }
    List<String> columns = new ArrayList<>(CLIENTS.stream().filter(clients::contains).toList());
    clients.stream().filter(client -> !columns.contains(client)).forEach(columns::add);
    System.out.printf("%s (%s; raw's median [range], then each client's ratio to raw and its median):%n%n", figure.title(), figure.unit());
    StringBuilder head = new StringBuilder("| call |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (String client : columns) {
      head.append(' ').append(client.equals("raw") ? "raw " + figure.unit() : client).append(" |");
      rule.append(" ---: |");
    }
    List<String> wrappers = WRAPPERS.stream().filter(clients::contains).toList();
    for (String wrapper : wrappers) {
      head.append(' ').append(wrapper).append(" ahead of peers |");
      rule.append(" --- |");
    }
    System.out.println(head);
    System.out.println(rule);
    for (String call : calls) {
      Score raw = figure.scores().getOrDefault("raw_" + call, Score.NONE);
      StringBuilder row = new StringBuilder("| ").append(call).append(" |");
      for (String client : columns) {
        Score score = figure.scores().get(client + "_" + call);
        if (client.equals("raw")) {
          row.append(' ').append(raw.format("%.0f")).append(" |");
        } else if (score == null) {
          row.append(" – |");
        } else {
          double ratio = score.median() / raw.median();
          String mark = WRAPPERS.contains(client) && !Double.isNaN(ratio) && !Double.isNaN(figure.bound())
              ? (figure.withinBound(ratio) ? " ✓" : " ✗") : "";
          row.append(String.format(" %.2fx%s (%.0f) |", ratio, mark, score.median()));
        }
      }
      for (String wrapper : wrappers) {
        double wrapperRatio = ratio(figure, wrapper + "_" + call, raw);
        List<String> behind = new ArrayList<>();
        for (String peer : PEERS) {
          double peerRatio = ratio(figure, peer + "_" + call, raw);
          if (!Double.isNaN(peerRatio) && !figure.better(wrapperRatio, peerRatio)) {
            behind.add(String.format("%s %.2fx", peer, peerRatio));
          }
        }
        if (Double.isNaN(wrapperRatio)) {
          row.append(" – |");
          continue;
        }
        row.append(behind.isEmpty() ? " ✓ |" : " ✗ behind " + String.join(", ", behind) + " |");
        String who = wrapper.equals("wrapper") ? "" : wrapper + " ";
        if (!Double.isNaN(figure.bound()) && !figure.withinBound(wrapperRatio)) {
          missed.add(String.format("%s %s%s %.2fx (target %s %.2fx)", figure.unit(), who, call, wrapperRatio,
              figure.higherIsBetter() ? "≥" : "≤", figure.bound()));
        }
        if (!behind.isEmpty()) {
          missed.add(String.format("%s %s: %s %.2fx not ahead of %s", figure.unit(), call, wrapper, wrapperRatio, String.join(", ", behind)));
        }
      }
      System.out.println(row);
    }
    System.out.println();
  }

  private static double ratio(Figure figure, String name, Score raw) {
    Score score = figure.scores().get(name);
    return score == null ? Double.NaN : score.median() / raw.median();
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

    static final Score NONE = new Score(Double.NaN, Double.NaN, Double.NaN);

    static Score of(JsonNode rawData) {
      List<Double> values = new ArrayList<>();
      rawData.forEach(fork -> fork.forEach(iteration -> values.add(iteration.asDouble())));
      if (values.isEmpty()) {
        return new Score(Double.NaN, Double.NaN, Double.NaN);
      }
      Collections.sort(values);
      return new Score(RatioTable.median(values), values.get(0), values.get(values.size() - 1));
    }

    String format(String number) {
      return String.format(number + " [" + number + "–" + number + "]", median, min, max);
    }
  }

  /** The median of {@code values} (NaN when there are none). */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String name(JsonNode result) {
    String benchmark = result.path("benchmark").asText();
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }
}
