package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The per-call target (each wrapper within 1.10x of the raw JDK client's time per call, 1 thread),
 * judged on forks that take turns: each fork is one JVM per client (raw, wrapper, wrapperOkhttp, in
 * an order that rotates), run one after the other, so that a fork's ratio compares JVMs that ran
 * minutes apart at most, and the forks' ratios can be pooled. Why not JMH's table for this: JMH runs
 * all forks of one client, then the next client's, and on a 2-core VM raw's own median moved by up to
 * 12% between runs, more than the 10% margin. Why not raw and wrapper in one JVM (blocks taking
 * turns): the JIT then compiles the JDK client and Jackson for both, which slowed raw more than the
 * wrapper; it measured 1.03–1.07x where each in its own JVM measured 1.13–1.19x (before the changes
 * this table led to).
 *
 * <p>Each JVM warms its client up on every call, then measures each call in blocks of about
 * {@link #BLOCK_NANOS} (the calls taking turns), and writes each block's time, the calling thread's
 * CPU and all threads' CPU per call. A fork's ratio is the wrapper's median block over raw's; the
 * table gives their geometric mean with a 95% Student-t interval, and each fork's ratio. The calls are
 * {@link ClientCallBenchmark}'s, found by name ({@code <client>_<call>}).
 *
 * <p>Usage: {@code PairedCalls run <client> <out.json> [warmup seconds] [rounds]} in one JVM per client
 * and fork (benchmarks/run.sh), then {@code PairedCalls table <fork json files>...}, named
 * {@code paired-<fork>-<client>.json}.
 */
public final class PairedCalls {

  static final double MAX_RATIO = RatioTable.MAX_TIME_RATIO;
  /** The floor first, then the wrappers whose target is checked. */
  static final List<String> CLIENTS = List.of("raw", "wrapper", "wrapperOkhttp");
  static final long BLOCK_NANOS = 40_000_000L;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PairedCalls() {}

  public static void main(String[] args) throws Throwable {
    if (args.length >= 3 && args[0].equals("run")) {
      int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
      int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
      run(args[1], new File(args[2]), warmupSeconds, rounds);
    } else if (args.length >= 2 && args[0].equals("table")) {
      Map<String, Map<String, JsonNode>> forks = new TreeMap<>();
      ObjectMapper json = new ObjectMapper();
      for (int i = 1; i < args.length; i++) {
        JsonNode fork = json.readTree(new File(args[i]));
        forks.computeIfAbsent(fork.path("fork").asText(), f -> new TreeMap<>()).put(fork.path("client").asText(), fork);
      }
      print(new ArrayList<>(forks.values()), new ArrayList<>());
    } else {
      System.err.println("usage: PairedCalls run <client> <out.json> [warmup seconds] [rounds] | PairedCalls table <fork.json>...");
      System.exit(2);
    }
  }

  /** One client in this JVM: warm-up, then the rounds; writes each block's figures per call. */
  static void run(String client, File out, int warmupSeconds, int rounds) throws Throwable {
    ClientCallBenchmark benchmark = new ClientCallBenchmark();
    benchmark.start();
    ClientCallBenchmark.Failures failures = new ClientCallBenchmark.Failures();
    try {
      Map<String, MethodHandle> calls = calls(benchmark, client);
      long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
      while (System.nanoTime() < warmupEnd) {
        for (MethodHandle call : calls.values()) {
          call.invoke(failures);
        }
      }
      Map<String, Integer> blockCalls = new LinkedHashMap<>();
      for (Map.Entry<String, MethodHandle> call : calls.entrySet()) {
        blockCalls.put(call.getKey(), blockCalls(call.getValue(), failures));
      }
      Map<String, Map<String, List<Double>>> figures = new TreeMap<>();
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, MethodHandle> call : calls.entrySet()) {
          int n = blockCalls.get(call.getKey());
          long threads0 = allThreadsCpu();
          long cpu0 = THREADS.getCurrentThreadCpuTime();
          long wall0 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            call.getValue().invoke(failures);
          }
          long wall = System.nanoTime() - wall0;
          long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
          long threads = allThreadsCpu() - threads0;
          Map<String, List<Double>> of = figures.computeIfAbsent(call.getKey(), c -> new LinkedHashMap<>());
          of.computeIfAbsent("wallMicros", f -> new ArrayList<>()).add(wall / 1000.0 / n);
          of.computeIfAbsent("callerCpuMicros", f -> new ArrayList<>()).add(cpu / 1000.0 / n);
          of.computeIfAbsent("allThreadsCpuMicros", f -> new ArrayList<>()).add(threads / 1000.0 / n);
        }
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("fork", out.getName().replaceFirst("^paired-([^-]+)-.*$", "$1"));
      result.put("client", client);
      result.put("warmupSeconds", warmupSeconds);
      result.put("rounds", rounds);
      result.put("failedCalls", failures.failedCalls);
      result.put("calls", figures);
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, result);
    } finally {
      benchmark.stop();
    }
  }

  /** Every call the raw client makes, made by {@code client}. */
  static Map<String, MethodHandle> calls(ClientCallBenchmark benchmark, String client) throws IllegalAccessException {
    Map<String, Method> byName = new TreeMap<>();
    for (Method method : ClientCallBenchmark.class.getMethods()) {
      if (method.isAnnotationPresent(Benchmark.class)) {
        byName.put(method.getName(), method);
      }
    }
    Map<String, MethodHandle> calls = new TreeMap<>();
    for (String name : byName.keySet()) {
      if (name.startsWith("raw_")) {
        String call = name.substring("raw_".length());
        Method method = byName.get(client + "_" + call);
        if (method == null) {
          throw new IllegalStateException("ClientCallBenchmark has no " + client + "_" + call + " to compare with raw_" + call);
        }
        calls.put(call, MethodHandles.publicLookup().unreflect(method).bindTo(benchmark));
      }
    }
    return calls;
  }

  private static long allThreadsCpu() {
    long sum = 0;
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu > 0) {
        sum += cpu;
      }
    }
    return sum;
  }

  /** How many calls take about {@link #BLOCK_NANOS}, from 50 warm calls. */
  private static int blockCalls(MethodHandle call, ClientCallBenchmark.Failures failures) throws Throwable {
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      call.invoke(failures);
    }
    long perCall = Math.max(1, (System.nanoTime() - start) / 50);
    return (int) Math.max(1, BLOCK_NANOS / perCall);
  }

  /** The table of the forks (each: client name to its JVM's results); a wrapper's call not shown within the target is added to {@code missed}. */
  static void print(List<Map<String, JsonNode>> forks, List<String> missed) {
    TreeSet<String> calls = new TreeSet<>();
    long failed = 0;
    for (Map<String, JsonNode> fork : forks) {
      for (JsonNode client : fork.values()) {
        client.path("calls").fieldNames().forEachRemaining(calls::add);
        failed += client.path("failedCalls").asLong();
      }
    }
    List<String> wrappers = CLIENTS.subList(1, CLIENTS.size());
    System.out.printf("Time per call, 1 thread, forks taking turns: %d forks, each one JVM per client (µs/call: median block;"
        + " each wrapper's ratio to raw of the same fork: geometric mean [95%% interval], then each fork's; CPU µs per call:"
        + " the calling thread's, all threads'):%n%n", forks.size());
    StringBuilder head = new StringBuilder("| call | raw µs/call | raw CPU µs (caller, all) |");
    StringBuilder rule = new StringBuilder("| --- | ---: | ---: |");
    for (String wrapper : wrappers) {
      head.append(' ').append(wrapper).append(" / raw | per fork | ").append(wrapper).append(" CPU µs (caller, all) |");
      rule.append(" ---: | --- | ---: |");
    }
    head.append(String.format(" target ≤ %.2fx |", MAX_RATIO));
    rule.append(" --- |");
    System.out.println(head);
    System.out.println(rule);
    for (String call : calls) {
      StringBuilder row = new StringBuilder("| ").append(call).append(" |");
      row.append(String.format(" %.1f | %.1f, %.1f |", medianOfForks(forks, "raw", call, "wallMicros"),
          medianOfForks(forks, "raw", call, "callerCpuMicros"), medianOfForks(forks, "raw", call, "allThreadsCpuMicros")));
      List<String> verdicts = new ArrayList<>();
      for (String wrapper : wrappers) {
        Ratio ratio = Ratio.of(forks, wrapper, call);
        List<String> each = new ArrayList<>();
        ratio.forks().forEach(r -> each.add(String.format("%.2f", r)));
        row.append(String.format(" %.3fx [%.3f–%.3f] | %s | %.1f, %.1f |", ratio.mean(), ratio.low(), ratio.high(), String.join(" ", each),
            medianOfForks(forks, wrapper, call, "callerCpuMicros"), medianOfForks(forks, wrapper, call, "allThreadsCpuMicros")));
        String verdict = ratio.verdict(MAX_RATIO);
        verdicts.add(wrapper + " " + verdict);
        if (!verdict.equals("✓")) {
          missed.add(String.format("%s %s %.3fx [%.3f–%.3f]%s", call, wrapper, ratio.mean(), ratio.low(), ratio.high(),
              verdict.equals("✗") ? "" : " (not decided)"));
        }
      }
      row.append(' ').append(String.join(", ", verdicts)).append(" |");
      System.out.println(row);
    }
    System.out.println();
    System.out.printf("Per-call target (%s within %.2fx of raw, the interval's upper end at or below it): %s%n",
        String.join(", ", wrappers), MAX_RATIO, missed.isEmpty() ? "met" : "missed: " + String.join("; ", missed));
    if (failed > 0) {
      System.out.printf("Failed calls, counted within their blocks: %d (see the forks' logs)%n", failed);
    }
  }

  /**
   * One wrapper's ratio to raw on one call: per fork, its JVM's median block over raw's JVM's; then
   * their geometric mean with a 95% Student-t interval (on the logarithms), as JMH's own intervals
   * assume normal scores.
   */
  record Ratio(double mean, double low, double high, List<Double> forks) {

    static Ratio of(List<Map<String, JsonNode>> forks, String wrapper, String call) {
      List<Double> ratios = new ArrayList<>();
      for (Map<String, JsonNode> fork : forks) {
        JsonNode raw = fork.get("raw");
        JsonNode other = fork.get(wrapper);
        if (raw == null || other == null) {
          continue;
        }
        double rawMedian = median(raw, call, "wallMicros");
        double otherMedian = median(other, call, "wallMicros");
        if (!Double.isNaN(rawMedian) && !Double.isNaN(otherMedian)) {
          ratios.add(otherMedian / rawMedian);
        }
      }
      int n = ratios.size();
      if (n < 2) {
        double only = n == 1 ? ratios.get(0) : Double.NaN;
        return new Ratio(only, Double.NaN, Double.NaN, ratios);
      }
      double sum = 0;
      for (double r : ratios) {
        sum += Math.log(r);
      }
      double mean = sum / n;
      double squares = 0;
      for (double r : ratios) {
        squares += (Math.log(r) - mean) * (Math.log(r) - mean);
      }
      double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(squares / (n - 1) / n);
      return new Ratio(Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), ratios);
    }

    /** ✓ shown within the bound, ✗ shown above it, ? neither (or too few forks to say). */
    String verdict(double bound) {
      if (Double.isNaN(high)) {
        return "?";
      }
      return high <= bound ? "✓" : low > bound ? "✗" : "?";
    }
  }

  private static double medianOfForks(List<Map<String, JsonNode>> forks, String client, String call, String field) {
    List<Double> medians = new ArrayList<>();
    for (Map<String, JsonNode> fork : forks) {
      JsonNode results = fork.get(client);
      if (results != null) {
        double median = median(results, call, field);
        if (!Double.isNaN(median)) {
          medians.add(median);
        }
      }
    }
    return RatioTable.median(medians);
  }

  /** The median block of one client's JVM on {@code call}, of {@code field}. */
  private static double median(JsonNode client, String call, String field) {
    List<Double> values = new ArrayList<>();
    client.at("/calls/" + call + "/" + field).forEach(v -> values.add(v.asDouble()));
    return RatioTable.median(values);
  }


}
