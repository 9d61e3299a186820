package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.internal.SchemaCheck;
import dev.payspec.internal.SpecDocument;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The check of a valid create request, alone: the one piece of per-call work that the wrapper does
 * and the raw client does not. It sizes what is left of the wrapper's cost once the transport
 * matches the raw client's: the request serialized to a JSON tree and checked against the spec's
 * request schema by the validator (the tree is then what is sent).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ValidationBenchmark {

  SchemaCheck stancer;
  SchemaCheck beGateway;
  final ObjectMapper json = new ObjectMapper();
  final ClientCallBenchmark requests = new ClientCallBenchmark();

  @Setup
  public void read() {
    stancer = check("stancer");
    beGateway = check("begateway");
  }

  @Benchmark
  public Object stancerCreateCheck() {
    return stancer.violations(json.valueToTree(requests.stancerRequest), null);
  }

  @Benchmark
  public Object beGatewayCreateCheck() {
    return beGateway.violations(json.valueToTree(requests.beGatewayRequest), null);
  }

  private static SchemaCheck check(String api) {
    SpecDocument spec = SpecDocument.of(api);
    return SchemaCheck.of(spec, spec.operation("createCustomer").body().schema());
  }
}
