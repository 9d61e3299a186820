package dev.payspec.benchmarks;

import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.okhttp.OkHttpEngine;
import dev.payspec.stancer.StancerClient;
import feign.Request;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call per invocation, through the wrapper, the raw JDK client, the stock generated (Feign)
 * client and the peers OpenAPI Generator makes from the same bundles with its {@code native} and
 * {@code okhttp-gson} libraries ({@link Peers}), all against the same {@link DocsServer}; the wrapper
 * also over OkHttp ({@code wrapperOkhttp}, the payspec-transport-okhttp engine). Names are
 * {@code <client>_<call>} so that the ratio table can pair them. Run with {@code -t 1 -bm avgt -prof gc} and {@code -t 32 -bm thrpt}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The JDK's HTTP client takes about 15 s of calls to be compiled here: shorter warmups left the
// scores still falling during measurement. A fixed heap keeps heap resizing out of the scores.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClientCallBenchmark {

  static final String STANCER_KEY = "stest_A1b2C3d4E5f6G7h8I9j0K1l2";
  static final String STANCER_ID = "cust_9Cle7TXKkjhwqcWx4Kl5cQYk";
  static final String BEGATEWAY_ID = "cst_7aee5afb954c7ef7";
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  DocsServer server;
  StancerClient wrapperStancer;
  BeGatewayClient wrapperBeGateway;
  StancerClient wrapperOkhttpStancer;
  BeGatewayClient wrapperOkhttpBeGateway;
  RawClient rawStancer;
  RawClient rawBeGateway;
  dev.payspec.stancer.generated.api.CustomersApi generatedStancer;
  dev.payspec.begateway.generated.api.CustomersApi generatedBeGateway;
  Peers peers;

  final dev.payspec.stancer.generated.model.CustomerCreateRequest stancerRequest =
      new dev.payspec.stancer.generated.model.CustomerCreateRequest()
          .name("David Coaster").email("david@coaster.net").mobile("+33684858687");
  final dev.payspec.begateway.generated.model.CustomerCreateRequest beGatewayRequest =
      new dev.payspec.begateway.generated.model.CustomerCreateRequest()
          .firstName("John").lastName("Doe").address("1st Street").country("US").city("Denver")
          .zip("92006").state("CO").phone("+1-555-555-5555").email("customer@example.com").ip("127.0.0.1");

  /**
   * Calls that failed, as a secondary result per benchmark. The JDK 17 HTTP client, which every
   * client here uses, now and then fails a call on a reused connection under load (JDK-8338569,
   * "header parser received no bytes", fixed in JDK 24): counting such a failure rather than
   * ending the benchmark keeps every iteration, and the ratio table shows the count.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Failures {

    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    public long failedCalls;

    @Setup(Level.Iteration)
    public void reset() {
      failedCalls = 0;
    }

    Object count(Supplier<Object> call) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        failedCalls++;
        if (REPORTED.compareAndSet(false, true)) {
          System.err.println("payspec benchmarks: a call failed (counted, reported once per run): " + e);
        }
        return e;
      }
    }
  }

  @Setup(Level.Trial)
  public void start() {
    server = new DocsServer(0);
    String url = server.baseUrl();
    // Every client gets the same short timeout: a call lost to JDK-8338569 (see Failures) then
    // fails after 2 s instead of holding its thread, and the iteration, for 30 s or more. No
    // wrapper retries either: a failed call is counted, as for the raw client, not retried unseen.
    wrapperStancer = StancerClient.builder().apiKey(STANCER_KEY).baseUrl(url + "/v1").readTimeout(TIMEOUT).maxRetries(0).build();
    wrapperBeGateway = BeGatewayClient.builder().baseUrl(url).shopId("361").secretKey("secret").readTimeout(TIMEOUT).maxRetries(0).build();
    wrapperOkhttpStancer = StancerClient.builder().apiKey(STANCER_KEY).baseUrl(url + "/v1").readTimeout(TIMEOUT).maxRetries(0)
        .httpEngine(OkHttpEngine.create()).build();
    wrapperOkhttpBeGateway = BeGatewayClient.builder().baseUrl(url).shopId("361").secretKey("secret").readTimeout(TIMEOUT)
        .maxRetries(0).httpEngine(OkHttpEngine.create()).build();
    rawStancer = new RawClient(url + "/v1", STANCER_KEY, "", TIMEOUT);
    rawBeGateway = new RawClient(url, "361", "secret", TIMEOUT);
    Request.Options options = new Request.Options(TIMEOUT, TIMEOUT, true);
    dev.payspec.stancer.generated.ApiClient stancer = new dev.payspec.stancer.generated.ApiClient()
        .setBasePath(url + "/v1").setCredentials(STANCER_KEY, "");
    stancer.getFeignBuilder().options(options);
    generatedStancer = stancer.buildClient(dev.payspec.stancer.generated.api.CustomersApi.class);
    dev.payspec.begateway.generated.ApiClient beGateway = new dev.payspec.begateway.generated.ApiClient()
        .setBasePath(url).setCredentials("361", "secret");
    beGateway.getFeignBuilder().options(options);
    generatedBeGateway = beGateway.buildClient(dev.payspec.begateway.generated.api.CustomersApi.class);
    peers = new Peers(url, STANCER_KEY, "361", "secret", TIMEOUT);
  }

  @TearDown(Level.Trial)
  public void stop() {
    wrapperOkhttpStancer.close();
    wrapperOkhttpBeGateway.close();
    server.close();
  }

  @Benchmark
  public Object wrapperOkhttp_stancerCreate(Failures failures) {
    return failures.count(() -> wrapperOkhttpStancer.customers().create(stancerRequest));
  }

  @Benchmark
  public Object wrapperOkhttp_stancerRetrieve(Failures failures) {
    return failures.count(() -> wrapperOkhttpStancer.customers().retrieve(STANCER_ID));
  }

  @Benchmark
  public Object wrapperOkhttp_beGatewayCreate(Failures failures) {
    return failures.count(() -> wrapperOkhttpBeGateway.customers().create(beGatewayRequest));
  }

  @Benchmark
  public Object wrapperOkhttp_beGatewayList(Failures failures) {
    return failures.count(() -> wrapperOkhttpBeGateway.customers().list());
  }

  @Benchmark
  public Object wrapper_stancerCreate(Failures failures) {
    return failures.count(() -> wrapperStancer.customers().create(stancerRequest));
  }

  @Benchmark
  public Object raw_stancerCreate(Failures failures) {
    return failures.count(() -> rawStancer.post("/customers/", stancerRequest, dev.payspec.stancer.generated.model.Customer.class));
  }

  @Benchmark
  public Object generated_stancerCreate(Failures failures) {
    return failures.count(() -> generatedStancer.createCustomer(stancerRequest));
  }

  /** The async path of the same call, waited for: its cost next to the sync one's (issue 16). */
  @Benchmark
  public Object wrapperAsync_stancerCreate(Failures failures) {
    return failures.count(() -> wrapperStancer.async().customers().create(stancerRequest).join());
  }

  @Benchmark
  public Object wrapperAsync_stancerRetrieve(Failures failures) {
    return failures.count(() -> wrapperStancer.async().customers().retrieve(STANCER_ID).join());
  }

  @Benchmark
  public Object wrapper_stancerRetrieve(Failures failures) {
    return failures.count(() -> wrapperStancer.customers().retrieve(STANCER_ID));
  }

  @Benchmark
  public Object raw_stancerRetrieve(Failures failures) {
    return failures.count(() -> rawStancer.get("/customers/" + STANCER_ID, dev.payspec.stancer.generated.model.Customer.class));
  }

  @Benchmark
  public Object generated_stancerRetrieve(Failures failures) {
    return failures.count(() -> generatedStancer.getCustomer(STANCER_ID));
  }

  @Benchmark
  public Object wrapper_beGatewayCreate(Failures failures) {
    return failures.count(() -> wrapperBeGateway.customers().create(beGatewayRequest));
  }

  @Benchmark
  public Object raw_beGatewayCreate(Failures failures) {
    return failures.count(() -> rawBeGateway.post("/customers", beGatewayRequest, dev.payspec.begateway.generated.model.Customer.class));
  }

  @Benchmark
  public Object generated_beGatewayCreate(Failures failures) {
    return failures.count(() -> generatedBeGateway.createCustomer(beGatewayRequest));
  }

  @Benchmark
  public Object wrapper_beGatewayList(Failures failures) {
    return failures.count(() -> wrapperBeGateway.customers().list());
  }

  @Benchmark
  public Object raw_beGatewayList(Failures failures) {
    return failures.count(() -> rawBeGateway.list("/customers", dev.payspec.begateway.generated.model.Customer.class));
  }

  @Benchmark
  public Object generated_beGatewayList(Failures failures) {
    return failures.count(() -> generatedBeGateway.listCustomers());
  }

  @Benchmark
  public Object native_stancerCreate(Failures failures) {
    return failures.count(peers::nativeStancerCreate);
  }

  @Benchmark
  public Object native_stancerRetrieve(Failures failures) {
    return failures.count(() -> peers.nativeStancerRetrieve(STANCER_ID));
  }

  @Benchmark
  public Object native_beGatewayCreate(Failures failures) {
    return failures.count(peers::nativeBeGatewayCreate);
  }

  @Benchmark
  public Object native_beGatewayList(Failures failures) {
    return failures.count(peers::nativeBeGatewayList);
  }

  @Benchmark
  public Object okhttpGson_stancerCreate(Failures failures) {
    return failures.count(peers::okhttpGsonStancerCreate);
  }

  @Benchmark
  public Object okhttpGson_stancerRetrieve(Failures failures) {
    return failures.count(() -> peers.okhttpGsonStancerRetrieve(STANCER_ID));
  }

  @Benchmark
  public Object okhttpGson_beGatewayCreate(Failures failures) {
    return failures.count(peers::okhttpGsonBeGatewayCreate);
  }

  @Benchmark
  public Object okhttpGson_beGatewayList(Failures failures) {
    return failures.count(peers::okhttpGsonBeGatewayList);
  }
}
