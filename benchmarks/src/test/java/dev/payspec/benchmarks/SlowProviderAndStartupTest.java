package dev.payspec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The slow provider, the start-up measurement and the ratio table's checks do what run.sh reports:
 * each mode keeps calls in flight against a server that really waits, each client of the start-up
 * table makes its call on its own and has a class path to be weighed, and a wrapper behind a peer
 * is reported as a missed target.
 */
class SlowProviderAndStartupTest {

  @Test
  void everyModeCompletesCallsThatWaitedForTheSlowProvider() throws Exception {
    for (String mode : SlowProvider.MODES) {
      ObjectNode result = SlowProvider.run(mode, 1, 1, 20, 50);

      assertThat(result.path("failedCalls").asLong()).as(mode + ": " + result).isZero();
      assertThat(result.path("calls").asLong()).as(mode).isPositive();
      assertThat(result.path("p50Millis").asDouble()).as(mode).isGreaterThanOrEqualTo(50);
      assertThat(result.path("peakThreads").asInt()).as(mode).isGreaterThan(result.path("threadsBefore").asInt());
    }
  }

  @Test
  void everyStartUpClientRetrievesTheDocsCustomerAndHasItsOwnClassPath() throws Exception {
    try (DocsServer server = new DocsServer(0)) {
      for (String client : ColdStart.CLIENTS) {
        // Throws unless the call returned the docs' customer.
        ColdStart.main(new String[] {"cold", client, server.baseUrl()});
        assertThat(Path.of("weights", client, "pom.xml")).as(client).isRegularFile();
      }
    }
  }

  @Test
  void aWrapperBehindAGeneratedPeerIsAMissedTarget() {
    RatioTable.Score raw = new RatioTable.Score(100, 100, 100);
    Map<String, RatioTable.Score> scores = Map.of(
        "raw_stancerRetrieve", raw,
        "wrapper_stancerRetrieve", new RatioTable.Score(105, 105, 105),
        "native_stancerRetrieve", new RatioTable.Score(102, 102, 102));
    List<String> missed = new ArrayList<>();

    RatioTable.print(new RatioTable.Figure("Time", "µs/call", scores, false, RatioTable.MAX_TIME_RATIO), missed);

    assertThat(missed).singleElement().asString().contains("stancerRetrieve").contains("not ahead of native 1.02x");
  }

  @Test
  void theWrapperOverOkHttpHasTheSameTargetsAndPeerCheck() {
    RatioTable.Score raw = new RatioTable.Score(100, 100, 100);
    Map<String, RatioTable.Score> scores = Map.of(
        "raw_stancerRetrieve", raw,
        "wrapper_stancerRetrieve", new RatioTable.Score(98, 98, 98),
        "wrapperOkhttp_stancerRetrieve", new RatioTable.Score(115, 115, 115),
        "okhttpGson_stancerRetrieve", new RatioTable.Score(60, 60, 60));
    List<String> missed = new ArrayList<>();

    RatioTable.print(new RatioTable.Figure("Time", "µs/call", scores, false, RatioTable.MAX_TIME_RATIO), missed);

    assertThat(missed).anyMatch(line -> line.contains("wrapperOkhttp stancerRetrieve 1.15x (target ≤ 1.10x)"))
        .anyMatch(line -> line.contains("wrapperOkhttp 1.15x not ahead of okhttpGson 0.60x"))
        .anyMatch(line -> line.contains("wrapper 0.98x not ahead of okhttpGson 0.60x"));
  }
}
