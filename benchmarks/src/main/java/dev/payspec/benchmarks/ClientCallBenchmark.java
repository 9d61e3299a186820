package dev.payspec.benchmarks;

import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.stancer.StancerClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * One call per invocation, through the wrapper, the raw JDK client and the stock generated client,
 * all against the same {@link DocsServer}. Names are {@code <client>_<call>} so that the ratio
 * table can pair them. Run with {@code -t 1 -bm avgt -prof gc} and {@code -t 32 -bm thrpt}.
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

  DocsServer server;
  StancerClient wrapperStancer;
  BeGatewayClient wrapperBeGateway;
  RawClient rawStancer;
  RawClient rawBeGateway;
  dev.payspec.stancer.generated.api.CustomersApi generatedStancer;
  dev.payspec.begateway.generated.api.CustomersApi generatedBeGateway;

  final dev.payspec.stancer.generated.model.CustomerCreateRequest stancerRequest =
      new dev.payspec.stancer.generated.model.CustomerCreateRequest()
          .name("David Coaster").email("david@coaster.net").mobile("+33684858687");
  final dev.payspec.begateway.generated.model.CustomerCreateRequest beGatewayRequest =
      new dev.payspec.begateway.generated.model.CustomerCreateRequest()
          .firstName("John").lastName("Doe").address("1st Street").country("US").city("Denver")
          .zip("92006").state("CO").phone("+1-555-555-5555").email("customer@example.com").ip("127.0.0.1");

  @Setup(Level.Trial)
  public void start() {
    server = new DocsServer(0);
    String url = server.baseUrl();
    wrapperStancer = StancerClient.builder().apiKey(STANCER_KEY).baseUrl(url + "/v1").build();
    wrapperBeGateway = BeGatewayClient.builder().baseUrl(url).shopId("361").secretKey("secret").build();
    rawStancer = new RawClient(url + "/v1", STANCER_KEY, "");
    rawBeGateway = new RawClient(url, "361", "secret");
    generatedStancer = new dev.payspec.stancer.generated.ApiClient().setBasePath(url + "/v1")
        .setCredentials(STANCER_KEY, "").buildClient(dev.payspec.stancer.generated.api.CustomersApi.class);
    generatedBeGateway = new dev.payspec.begateway.generated.ApiClient().setBasePath(url)
        .setCredentials("361", "secret").buildClient(dev.payspec.begateway.generated.api.CustomersApi.class);
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  @Benchmark
  public Object wrapper_stancerCreate() {
    return wrapperStancer.customers().create(stancerRequest);
  }

  @Benchmark
  public Object raw_stancerCreate() {
    return rawStancer.post("/customers/", stancerRequest, dev.payspec.stancer.generated.model.Customer.class);
  }

  @Benchmark
  public Object generated_stancerCreate() {
    return generatedStancer.createCustomer(stancerRequest);
  }

  @Benchmark
  public Object wrapper_stancerRetrieve() {
    return wrapperStancer.customers().retrieve(STANCER_ID);
  }

  @Benchmark
  public Object raw_stancerRetrieve() {
    return rawStancer.get("/customers/" + STANCER_ID, dev.payspec.stancer.generated.model.Customer.class);
  }

  @Benchmark
  public Object generated_stancerRetrieve() {
    return generatedStancer.getCustomer(STANCER_ID);
  }

  @Benchmark
  public Object wrapper_beGatewayCreate() {
    return wrapperBeGateway.customers().create(beGatewayRequest);
  }

  @Benchmark
  public Object raw_beGatewayCreate() {
    return rawBeGateway.post("/customers", beGatewayRequest, dev.payspec.begateway.generated.model.Customer.class);
  }

  @Benchmark
  public Object generated_beGatewayCreate() {
    return generatedBeGateway.createCustomer(beGatewayRequest);
  }

  @Benchmark
  public List<?> wrapper_beGatewayList() {
    return wrapperBeGateway.customers().list();
  }

  @Benchmark
  public List<?> raw_beGatewayList() {
    return rawBeGateway.list("/customers", dev.payspec.begateway.generated.model.Customer.class);
  }

  @Benchmark
  public List<?> generated_beGatewayList() {
    return generatedBeGateway.listCustomers();
  }
}
