package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH's JSON results (one run at 1 thread with the GC profiler, one at 32 threads) and prints
 * a Markdown table of each client's ratio to the raw client, with the targets checked.
 * Usage: {@code RatioTable single.json threads.json}.
 */
public final class RatioTable {

  static final double MAX_TIME_RATIO = 1.10;
  static final double MIN_THROUGHPUT_RATIO = 0.90;
  static final double MAX_ALLOCATION_RATIO = 2.0;

  private RatioTable() {}

  public static void main(String[] args) throws IOException {
    Map<String, Double> time = new TreeMap<>();
    Map<String, Double> bytes = new TreeMap<>();
    Map<String, Double> throughput = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (JsonNode result : json.readTree(new File(args[0]))) {
      String name = name(result);
      time.put(name, result.at("/primaryMetric/score").asDouble());
      bytes.put(name, result.at("/secondaryMetrics/gc.alloc.rate.norm/score").asDouble());
    }
    for (JsonNode result : json.readTree(new File(args[1]))) {
      throughput.put(name(result), result.at("/primaryMetric/score").asDouble());
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
      double timeRatio = time.get(key) / time.get(raw);
      double throughputRatio = throughput.getOrDefault(key, Double.NaN) / throughput.getOrDefault(raw, Double.NaN);
      double bytesRatio = bytes.get(key) / bytes.get(raw);
      boolean wrapper = client.equals("wrapper");
      boolean met = timeRatio <= MAX_TIME_RATIO && throughputRatio >= MIN_THROUGHPUT_RATIO && bytesRatio <= MAX_ALLOCATION_RATIO;
      allMet &= !wrapper || met;
      System.out.printf("| %s | %s | %.1f (raw %.1f) | %s | %.0f (raw %.0f) | %s | %.0f (raw %.0f) | %s |%n",
          call, client, time.get(key), time.get(raw), mark(timeRatio, timeRatio <= MAX_TIME_RATIO, wrapper),
          throughput.getOrDefault(key, Double.NaN), throughput.getOrDefault(raw, Double.NaN),
          mark(throughputRatio, throughputRatio >= MIN_THROUGHPUT_RATIO, wrapper),
          bytes.get(key), bytes.get(raw), mark(bytesRatio, bytesRatio <= MAX_ALLOCATION_RATIO, wrapper));
    }
    System.out.printf("%nTargets for the wrapper: time ≤ %.2fx, throughput ≥ %.2fx, bytes ≤ %.1fx the raw client's: %s%n",
        MAX_TIME_RATIO, MIN_THROUGHPUT_RATIO, MAX_ALLOCATION_RATIO, allMet ? "all met" : "NOT all met (marked ✗)");
  }

  private static String name(JsonNode result) {
    String benchmark = result.path("benchmark").asText();
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  private static String mark(double ratio, boolean met, boolean checked) {
    return String.format("%.2fx%s", ratio, checked ? (met ? " ✓" : " ✗") : "");
  }
}
