package dev.payspec.benchmarks;

import dev.payspec.stancer.StancerClient;
import java.time.Duration;
import java.time.Instant;

/**
 * One Stancer retrieve in a fresh JVM, then the time from the JVM's start to the call's end.
 * Usage: {@code ColdStart wrapper|raw <base URL of a DocsServer>}.
 */
public final class ColdStart {

  private ColdStart() {}

  public static void main(String[] args) {
    String url = args[1];
    Object customer = args[0].equals("wrapper")
        ? StancerClient.builder().apiKey(ClientCallBenchmark.STANCER_KEY).baseUrl(url + "/v1").build()
            .customers().retrieve(ClientCallBenchmark.STANCER_ID)
        : new RawClient(url + "/v1", ClientCallBenchmark.STANCER_KEY, "", Duration.ofSeconds(30))
            .get("/customers/" + ClientCallBenchmark.STANCER_ID, dev.payspec.stancer.generated.model.Customer.class);
    Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
    if (customer == null) {
      throw new IllegalStateException("no customer");
    }
    System.out.println(Duration.between(started, Instant.now()).toMillis());
  }
}
