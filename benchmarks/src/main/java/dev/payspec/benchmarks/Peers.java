package dev.payspec.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * The clients a user would generate instead of taking the wrapper: OpenAPI Generator's
 * {@code java} generator with its {@code native} library (JDK HTTP client and Jackson) and its
 * {@code okhttp-gson} library, generated at build time from the same bundles, each set up as its
 * own README says, with the benchmarks' timeout. Calls throw {@link RuntimeException}s only, so
 * that {@link ClientCallBenchmark.Failures} counts them like the other clients' failures.
 */
final class Peers {

  private final dev.payspec.benchmarks.peers.nativeclient.stancer.api.CustomersApi nativeStancer;
  private final dev.payspec.benchmarks.peers.nativeclient.begateway.api.CustomersApi nativeBeGateway;
  private final dev.payspec.benchmarks.peers.okhttpgson.stancer.api.CustomersApi okhttpGsonStancer;
  private final dev.payspec.benchmarks.peers.okhttpgson.begateway.api.CustomersApi okhttpGsonBeGateway;

  private final dev.payspec.benchmarks.peers.nativeclient.stancer.model.CustomerCreateRequest nativeStancerRequest =
      new dev.payspec.benchmarks.peers.nativeclient.stancer.model.CustomerCreateRequest()
          .name("David Coaster").email("david@coaster.net").mobile("+33684858687");
  private final dev.payspec.benchmarks.peers.nativeclient.begateway.model.CustomerCreateRequest nativeBeGatewayRequest =
      new dev.payspec.benchmarks.peers.nativeclient.begateway.model.CustomerCreateRequest()
          .firstName("John").lastName("Doe").address("1st Street").country("US").city("Denver")
          .zip("92006").state("CO").phone("+1-555-555-5555").email("customer@example.com").ip("127.0.0.1");
  private final dev.payspec.benchmarks.peers.okhttpgson.stancer.model.CustomerCreateRequest okhttpGsonStancerRequest =
      new dev.payspec.benchmarks.peers.okhttpgson.stancer.model.CustomerCreateRequest()
          .name("David Coaster").email("david@coaster.net").mobile("+33684858687");
  private final dev.payspec.benchmarks.peers.okhttpgson.begateway.model.CustomerCreateRequest okhttpGsonBeGatewayRequest =
      new dev.payspec.benchmarks.peers.okhttpgson.begateway.model.CustomerCreateRequest()
          .firstName("John").lastName("Doe").address("1st Street").country("US").city("Denver")
          .zip("92006").state("CO").phone("+1-555-555-5555").email("customer@example.com").ip("127.0.0.1");

  Peers(String url, String stancerKey, String shopId, String secretKey, Duration timeout) {
    nativeStancer = new dev.payspec.benchmarks.peers.nativeclient.stancer.api.CustomersApi(
        nativeClient(url + "/v1", stancerKey, "", timeout));
    nativeBeGateway = new dev.payspec.benchmarks.peers.nativeclient.begateway.api.CustomersApi(
        nativeBeGatewayClient(url, shopId, secretKey, timeout));
    dev.payspec.benchmarks.peers.okhttpgson.stancer.ApiClient stancer = new dev.payspec.benchmarks.peers.okhttpgson.stancer.ApiClient();
    stancer.setBasePath(url + "/v1");
    stancer.setUsername(stancerKey);
    stancer.setPassword("");
    stancer.setConnectTimeout((int) timeout.toMillis()).setReadTimeout((int) timeout.toMillis()).setWriteTimeout((int) timeout.toMillis());
    okhttpGsonStancer = new dev.payspec.benchmarks.peers.okhttpgson.stancer.api.CustomersApi(stancer);
    dev.payspec.benchmarks.peers.okhttpgson.begateway.ApiClient beGateway = new dev.payspec.benchmarks.peers.okhttpgson.begateway.ApiClient();
    beGateway.setBasePath(url);
    beGateway.setUsername(shopId);
    beGateway.setPassword(secretKey);
    beGateway.setConnectTimeout((int) timeout.toMillis()).setReadTimeout((int) timeout.toMillis()).setWriteTimeout((int) timeout.toMillis());
    okhttpGsonBeGateway = new dev.payspec.benchmarks.peers.okhttpgson.begateway.api.CustomersApi(beGateway);
  }

  /** The native library has no authentication support: Basic auth goes in through its request interceptor. */
  private static dev.payspec.benchmarks.peers.nativeclient.stancer.ApiClient nativeClient(String url, String user, String password, Duration timeout) {
    dev.payspec.benchmarks.peers.nativeclient.stancer.ApiClient client = new dev.payspec.benchmarks.peers.nativeclient.stancer.ApiClient();
    client.updateBaseUri(url);
    client.setHttpClientBuilder(HttpClient.newBuilder().connectTimeout(timeout));
    client.setReadTimeout(timeout);
    String authorization = RawClient.basic(user, password);
    client.setRequestInterceptor(request -> request.header("Authorization", authorization));
    return client;
  }

  private static dev.payspec.benchmarks.peers.nativeclient.begateway.ApiClient nativeBeGatewayClient(String url, String user, String password, Duration timeout) {
    dev.payspec.benchmarks.peers.nativeclient.begateway.ApiClient client = new dev.payspec.benchmarks.peers.nativeclient.begateway.ApiClient();
    client.updateBaseUri(url);
    client.setHttpClientBuilder(HttpClient.newBuilder().connectTimeout(timeout));
    client.setReadTimeout(timeout);
    String authorization = RawClient.basic(user, password);
    client.setRequestInterceptor(request -> request.header("Authorization", authorization));
    return client;
  }

  Object nativeStancerCreate() {
    return call(() -> nativeStancer.createCustomer(nativeStancerRequest));
  }

  Object nativeStancerRetrieve(String id) {
    return call(() -> nativeStancer.getCustomer(id));
  }

  Object nativeBeGatewayCreate() {
    return call(() -> nativeBeGateway.createCustomer(nativeBeGatewayRequest));
  }

  List<?> nativeBeGatewayList() {
    return call(nativeBeGateway::listCustomers);
  }

  Object okhttpGsonStancerCreate() {
    return call(() -> okhttpGsonStancer.createCustomer(okhttpGsonStancerRequest));
  }

  Object okhttpGsonStancerRetrieve(String id) {
    return call(() -> okhttpGsonStancer.getCustomer(id));
  }

  Object okhttpGsonBeGatewayCreate() {
    return call(() -> okhttpGsonBeGateway.createCustomer(okhttpGsonBeGatewayRequest));
  }

  List<?> okhttpGsonBeGatewayList() {
    return call(okhttpGsonBeGateway::listCustomers);
  }

  /** A generated call, its checked ApiException turned into an unchecked one with the status. */
  interface Call<T> {
    T run() throws Exception;
  }

  private static <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }
}
