package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.Customer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A slow provider: an in-process server that answers every Stancer retrieve after a fixed delay
 * (50 ms), and a fixed number of calls kept in flight against it (1,000) for a fixed time, in one
 * of three modes: the wrapper's async API ({@code wrapperAsync}, a semaphore keeps the futures in
 * flight), the wrapper's sync API on as many platform threads ({@code wrapperSync}), and the raw JDK
 * client's {@code sendAsync} with Jackson ({@code rawAsync}, the floor). Reports throughput, p50 and
 * p99 latency, peak live threads and heap.
 *
 * <p>A main class rather than a JMH benchmark: what is measured is a whole process's threads and
 * heap under a steady load, each mode in a fresh JVM, not a per-invocation score; JMH's forks and
 * iterations would add nothing but their own threads.
 *
 * <p>The server holds no thread per waiting request: the JDK's {@code HttpServer} hands each
 * exchange to a scheduler that answers it later, so 1,000 waiting calls cost it 1,000 open
 * connections and nothing more. Its threads are counted in the JVM's total (reported before the
 * client starts, as the baseline).
 *
 * <p>Usage: {@code SlowProvider run <mode> <result.json> [seconds] [warmup seconds] [in flight] [delay ms]},
 * then {@code SlowProvider table <result.json>...} for the Markdown table of all modes.
 */
public final class SlowProvider {

  static final List<String> MODES = List.of("rawAsync", "wrapperAsync", "wrapperSync");
  static final double MIN_ASYNC_THROUGHPUT_RATIO = 0.90;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private SlowProvider() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("table")) {
      table(Arrays.asList(args).subList(1, args.length));
      return;
    }
    String mode = args[1];
    File out = new File(args[2]);
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    // The JDK client and the wrapper need about 15 s of calls to be compiled (see ClientCallBenchmark).
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 15;
    int inFlight = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
    int delayMillis = args.length > 6 ? Integer.parseInt(args[6]) : 50;
    ObjectNode result = run(mode, seconds, warmup, inFlight, delayMillis);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, result);
    System.out.println(result);
    // Sync mode's threads may still sit in a call: end the JVM rather than wait for them.
    System.exit(0);
  }

  /** One mode, measured: the result's fields are those {@link #table} prints. */
  static ObjectNode run(String mode, int seconds, int warmup, int inFlight, int delayMillis) throws Exception {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("mode must be one of " + MODES + ": " + mode);
    }
    // The JDK server closes idle connections beyond 200 by default: 1,000 clients' connections
    // would be reopened all the time. Read once, when the server's class loads.
    System.setProperty("sun.net.httpserver.maxIdleConnections", String.valueOf(inFlight * 2));
    // It writes an answer's head and body apart: without TCP_NODELAY, Nagle holds the body until
    // the client's delayed ACK, some 40 ms per call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (Server server = new Server(delayMillis)) {
      int threadsBefore = threads.getThreadCount();
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      // Room for every call the delay allows: more cannot complete in the time measured.
      Load load = new Load(mode, server.baseUrl(), inFlight, (seconds + 1) * inFlight * 1000 / delayMillis);
      load.start();
      Thread.sleep(warmup * 1000L);
      load.recording.set(true);
      threads.resetPeakThreadCount();
      AtomicLong peakHeap = new AtomicLong();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("slow-provider-sampler"));
      sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
      long started = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      load.recording.set(false);
      long elapsed = System.nanoTime() - started;
      sampler.shutdownNow();
      int peakThreads = threads.getPeakThreadCount();
      // The live set while every call is still in flight: what 1,000 waiting calls hold.
      System.gc();
      long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
      load.stop();

      long[] latencies = load.latencies();
      ObjectNode result = new ObjectMapper().createObjectNode();
      result.put("mode", mode);
      result.put("seconds", elapsed / 1e9);
      result.put("inFlight", inFlight);
      result.put("delayMillis", delayMillis);
      result.put("calls", latencies.length);
      result.put("failedCalls", load.failures.sum());
      result.put("callsPerSecond", latencies.length / (elapsed / 1e9));
      result.put("p50Millis", percentile(latencies, 0.50) / 1e6);
      result.put("p99Millis", percentile(latencies, 0.99) / 1e6);
      result.put("threadsBefore", threadsBefore);
      result.put("peakThreads", peakThreads);
      result.put("heapBeforeMiB", heapBefore / 1048576.0);
      result.put("heapAfterGcMiB", heapAfterGc / 1048576.0);
      result.put("peakHeapMiB", peakHeap.get() / 1048576.0);
      if (load.firstFailure != null) {
        result.put("firstFailure", load.firstFailure);
      }
      return result;
    }
  }

  static long percentile(long[] sorted, double fraction) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
  }

  /** Prints every mode's result as one Markdown table, with ratios to raw async and the async target checked. */
  static void table(List<String> files) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> results = new LinkedHashMap<>();
    for (String file : files) {
      JsonNode result = json.readTree(new File(file));
      results.put(result.path("mode").asText(), result);
    }
    JsonNode raw = results.get("rawAsync");
    JsonNode any = results.values().iterator().next();
    int delay = any.path("delayMillis").asInt();
    int inFlight = any.path("inFlight").asInt();
    System.out.printf("Slow provider: every answer after %d ms, %d calls in flight, %.0f s measured, each mode in its own JVM;"
        + " threads and heap are the whole JVM's, in-process server included (its threads are in \"before\")."
        + " The delay alone allows %d calls/s: a mode below that is held back by CPU (client and server share the machine).%n%n",
        delay, inFlight, any.path("seconds").asDouble(), inFlight * 1000 / delay);
    System.out.println("| mode | calls/s | ratio | p50 ms | p99 ms | live threads: before, peak | ratio | heap MiB after GC: before, in flight | ratio | peak heap MiB | failed |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    List<String> missed = new ArrayList<>();
    for (String mode : MODES) {
      JsonNode r = results.get(mode);
      if (r == null) {
        continue;
      }
      double throughputRatio = ratio(r, raw, "callsPerSecond");
      String mark = "";
      if (mode.equals("wrapperAsync")) {
        boolean met = throughputRatio >= MIN_ASYNC_THROUGHPUT_RATIO;
        mark = met ? " ✓" : " ✗";
        if (!met) {
          missed.add(String.format("async throughput %.2fx raw async (target ≥ %.2fx)", throughputRatio, MIN_ASYNC_THROUGHPUT_RATIO));
        }
      }
      System.out.printf("| %s | %.0f | %.2fx%s | %.1f | %.1f | %d, %d | %.2fx | %.1f, %.1f | %.2fx | %.0f | %d |%n",
          mode, r.path("callsPerSecond").asDouble(), throughputRatio, mark,
          r.path("p50Millis").asDouble(), r.path("p99Millis").asDouble(),
          r.path("threadsBefore").asInt(), r.path("peakThreads").asInt(), ratio(r, raw, "peakThreads"),
          r.path("heapBeforeMiB").asDouble(), r.path("heapAfterGcMiB").asDouble(), ratio(r, raw, "heapAfterGcMiB"),
          r.path("peakHeapMiB").asDouble(), r.path("failedCalls").asLong());
      if (r.has("firstFailure")) {
        System.out.printf("%nFirst failure of %s: %s%n", mode, r.path("firstFailure").asText());
      }
    }
    System.out.printf("%nTarget: the wrapper's async throughput ≥ %.2fx raw async's: %s%n", MIN_ASYNC_THROUGHPUT_RATIO,
        raw == null || !results.containsKey("wrapperAsync") ? "not measured" : missed.isEmpty() ? "met" : "missed: " + String.join("; ", missed));
  }

  private static double ratio(JsonNode result, JsonNode raw, String field) {
    return raw == null ? Double.NaN : result.path(field).asDouble() / raw.path(field).asDouble();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The provider: answers the docs' Stancer customer after the delay, from a scheduler, never from a waiting thread. */
  static final class Server implements AutoCloseable {

    private final HttpServer http;
    private final ScheduledExecutorService answers;
    private final byte[] customer;
    private final int delayMillis;

    Server(int delayMillis) throws IOException {
      this.delayMillis = delayMillis;
      this.customer = DocsServer.example("stancer", "/components/examples/CustomerFromDocs/value");
      this.answers = Executors.newScheduledThreadPool(1, daemon("slow-provider-answer"));
      this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
      http.createContext("/", this::handle);
      // No executor: the server's dispatcher thread runs the handler, which only schedules the answer.
      http.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
      exchange.getRequestBody().readAllBytes();
      answers.schedule(() -> answer(exchange), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void answer(HttpExchange exchange) {
      try (exchange; OutputStream body = exchange.getResponseBody()) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, customer.length);
        body.write(customer);
      } catch (IOException gone) {
        // The client gave up on this call: nothing to answer.
      }
    }

    @Override
    public void close() {
      http.stop(0);
      answers.shutdownNow();
    }
  }

  /** The calls kept in flight, and the latencies of those that completed while recording. */
  static final class Load {

    final AtomicBoolean recording = new AtomicBoolean();
    final LongAdder failures = new LongAdder();
    volatile String firstFailure;
    private final String mode;
    private final int inFlight;
    private final Supplier<CompletableFuture<?>> asyncCall;
    private final Supplier<Object> syncCall;
    private final AutoCloseable client;
    private final long[] latencies;
    private final AtomicInteger recorded = new AtomicInteger();
    private volatile boolean running = true;
    private final List<Thread> drivers = new ArrayList<>();
    private final Semaphore permits;

    Load(String mode, String baseUrl, int inFlight, int maxCalls) {
      this.latencies = new long[maxCalls];
      this.mode = mode;
      this.inFlight = inFlight;
      this.permits = new Semaphore(inFlight);
      switch (mode) {
        case "rawAsync" -> {
          RawAsync raw = new RawAsync(baseUrl, ClientCallBenchmark.STANCER_KEY);
          asyncCall = () -> raw.retrieve(ClientCallBenchmark.STANCER_ID);
          syncCall = null;
          client = () -> { };
        }
        case "wrapperAsync", "wrapperSync" -> {
          StancerClient wrapper = StancerClient.builder().apiKey(ClientCallBenchmark.STANCER_KEY).baseUrl(baseUrl)
              .readTimeout(TIMEOUT).connectTimeout(TIMEOUT).maxRetries(0).build();
          asyncCall = () -> wrapper.async().customers().retrieve(ClientCallBenchmark.STANCER_ID);
          syncCall = () -> wrapper.customers().retrieve(ClientCallBenchmark.STANCER_ID);
          client = wrapper;
        }
        default -> throw new IllegalArgumentException(mode);
      }
    }

    void start() {
      if (mode.equals("wrapperSync")) {
        // One platform thread per call in flight: what a sync client needs to keep them in flight.
        for (int i = 0; i < inFlight; i++) {
          Thread thread = new Thread(this::syncLoop, "load-" + i);
          thread.setDaemon(true);
          drivers.add(thread);
        }
      } else {
        Thread thread = new Thread(this::asyncLoop, "load-async");
        thread.setDaemon(true);
        drivers.add(thread);
      }
      drivers.forEach(Thread::start);
    }

    private void syncLoop() {
      while (running) {
        long started = System.nanoTime();
        try {
          syncCall.get();
          completed(started, null);
        } catch (RuntimeException e) {
          completed(started, e);
        }
      }
    }

    private void asyncLoop() {
      try {
        while (running) {
          permits.acquire();
          long started = System.nanoTime();
          CompletableFuture<?> call;
          try {
            call = asyncCall.get();
          } catch (RuntimeException e) {
            completed(started, e);
            permits.release();
            continue;
          }
          call.whenComplete((answer, failure) -> {
            completed(started, failure);
            permits.release();
          });
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }

    private void completed(long started, Throwable failure) {
      if (!running) {
        // Calls cut short by the end of the run are neither scored nor failures.
        return;
      }
      if (failure != null) {
        failures.increment();
        if (firstFailure == null) {
          firstFailure = failure.toString();
        }
        return;
      }
      if (recording.get()) {
        int index = recorded.getAndIncrement();
        if (index < latencies.length) {
          latencies[index] = System.nanoTime() - started;
        }
      }
    }

    long[] latencies() {
      long[] sorted = Arrays.copyOf(latencies, Math.min(recorded.get(), latencies.length));
      Arrays.sort(sorted);
      return sorted;
    }

    void stop() throws Exception {
      running = false;
      for (Thread driver : drivers) {
        driver.interrupt();
      }
      client.close();
    }
  }

  /** The floor: the JDK client's sendAsync and Jackson, the same request as {@link RawClient}'s. */
  static final class RawAsync {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final String baseUrl;
    private final String authorization;

    RawAsync(String baseUrl, String user) {
      this.baseUrl = baseUrl;
      this.authorization = RawClient.basic(user, "");
    }

    CompletableFuture<Customer> retrieve(String id) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/customers/" + id)).timeout(TIMEOUT)
          .header("Accept", "application/json").header("Authorization", authorization).GET().build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
        if (response.statusCode() / 100 != 2) {
          throw new IllegalStateException("status " + response.statusCode());
        }
        try {
          return json.readValue(response.body(), Customer.class);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
