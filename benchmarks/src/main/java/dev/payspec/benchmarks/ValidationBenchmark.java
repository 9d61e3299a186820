package dev.payspec.benchmarks;

import dev.payspec.begateway.BeGatewayCustomers;
import dev.payspec.internal.RequestValidator;
import dev.payspec.stancer.StancerCustomers;
import java.lang.reflect.Field;
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
 * matches the raw client's. The validators are the services' own, read by reflection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ValidationBenchmark {

  RequestValidator<dev.payspec.stancer.generated.model.CustomerCreateRequest> stancer;
  RequestValidator<dev.payspec.begateway.generated.model.CustomerCreateRequest> beGateway;
  final ClientCallBenchmark requests = new ClientCallBenchmark();

  @Setup
  public void read() throws ReflectiveOperationException {
    stancer = validator(StancerCustomers.class);
    beGateway = validator(BeGatewayCustomers.class);
  }

  @Benchmark
  public Object stancerCreateCheck() {
    stancer.check("POST", "/customers/", requests.stancerRequest);
    return requests.stancerRequest;
  }

  @Benchmark
  public Object beGatewayCreateCheck() {
    beGateway.check("POST", "/customers", requests.beGatewayRequest);
    return requests.beGatewayRequest;
  }

  @SuppressWarnings("unchecked")
  private static <T> RequestValidator<T> validator(Class<?> service) throws ReflectiveOperationException {
    Field create = service.getDeclaredField("CREATE");
    create.setAccessible(true);
    return (RequestValidator<T>) create.get(null);
  }
}
