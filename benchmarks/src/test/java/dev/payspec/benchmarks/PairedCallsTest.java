package dev.payspec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-call target's forks measure what run.sh reports: each client's JVM makes every call the
 * raw client makes, against the real DocsServer, and the table judges the target on the interval of
 * the forks' ratios, not on one fork.
 */
class PairedCallsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eachClientsForkTimesEveryCallTheRawClientMakesAndTheTableRowsThem(@TempDir Path dir) throws Throwable {
    Map<String, JsonNode> fork = new TreeMap<>();
    for (String client : PairedCalls.CLIENTS) {
      File out = dir.resolve("paired-01-" + client + ".json").toFile();
      PairedCalls.run(client, out, 0, 2);
      fork.put(client, JSON.readTree(out));
    }
    List<String> rawCalls = rawCalls();

    for (JsonNode client : fork.values()) {
      assertThat(client.path("failedCalls").asLong()).as(client.path("client").asText()).isZero();
      assertThat(names(client.path("calls"))).isEqualTo(rawCalls);
      for (String call : rawCalls) {
        assertThat(client.at("/calls/" + call + "/wallMicros")).hasSize(2);
        assertThat(client.at("/calls/" + call + "/wallMicros/0").asDouble()).isPositive();
        // All threads' CPU includes the calling thread's.
        assertThat(client.at("/calls/" + call + "/allThreadsCpuMicros/0").asDouble())
            .isGreaterThanOrEqualTo(client.at("/calls/" + call + "/callerCpuMicros/0").asDouble());
      }
    }
    String table = printed(List.of(fork, fork), new ArrayList<>());
    for (String call : rawCalls) {
      assertThat(table).contains("| " + call + " |");
    }
  }

  @Test
  void theTargetIsMetOnlyWhenTheIntervalOfTheForksRatiosIsWithinIt() {
    List<String> met = new ArrayList<>();
    printed(forks(100, 104, 105, 106, 105), met);
    assertThat(met).isEmpty();

    List<String> above = new ArrayList<>();
    printed(forks(100, 121, 119, 120, 122), above);
    assertThat(above).singleElement().asString().contains("stancerRetrieve wrapper 1.20").doesNotContain("not decided");

    // A median within the target but forks too far apart to say: not shown, so not met.
    List<String> spread = new ArrayList<>();
    printed(forks(100, 95, 125, 100, 118), spread);
    assertThat(spread).singleElement().asString().contains("not decided");
  }

  /** Forks of raw at {@code raw} µs/call and the wrapper at each of {@code wrapper}; wrapperOkhttp at raw's. */
  private static List<Map<String, JsonNode>> forks(double raw, double... wrapper) {
    List<Map<String, JsonNode>> forks = new ArrayList<>();
    for (double each : wrapper) {
      Map<String, JsonNode> fork = new TreeMap<>();
      fork.put("raw", client(raw));
      fork.put("wrapper", client(each));
      fork.put("wrapperOkhttp", client(raw * 0.6));
      forks.add(fork);
    }
    return forks;
  }

  private static JsonNode client(double micros) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode call = node.putObject("calls").putObject("stancerRetrieve");
    call.putArray("wallMicros").add(micros - 1).add(micros).add(micros + 1);
    call.putArray("callerCpuMicros").add(30);
    call.putArray("allThreadsCpuMicros").add(150);
    return node;
  }

  private static String printed(List<Map<String, JsonNode>> forks, List<String> missed) {
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      PairedCalls.print(forks, missed);
    } finally {
      System.setOut(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static List<String> rawCalls() {
    return java.util.Arrays.stream(ClientCallBenchmark.class.getMethods()).map(java.lang.reflect.Method::getName)
        .filter(name -> name.startsWith("raw_")).map(name -> name.substring(4)).sorted().collect(Collectors.toList());
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names;
  }
}
