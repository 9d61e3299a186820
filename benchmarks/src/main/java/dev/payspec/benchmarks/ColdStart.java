package dev.payspec.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One Stancer retrieve in a fresh JVM through one client, then either the time from the JVM's start
 * to the call's end ({@code cold}), or what the built client keeps once idle after that call
 * ({@code idle}: live threads it added, and heap retained after a GC, both against the JVM before it
 * was built). Usage: {@code ColdStart cold|idle raw|wrapper|wrapperOkhttp|generated|native|okhttpGson <base URL of a DocsServer>}.
 *
 * <p>Each client's code sits in its own nested class, and nothing here names another client's types:
 * run.sh starts it with a class path holding only that client's runtime jars (start-up grows with the
 * class path), so a class of another client must never be loaded.
 */
public final class ColdStart {

  static final List<String> CLIENTS = List.of("raw", "wrapper", "wrapperOkhttp", "generated", "native", "okhttpGson");
  static final String KEY = "stest_A1b2C3d4E5f6G7h8I9j0K1l2";
  static final String ID = "cust_9Cle7TXKkjhwqcWx4Kl5cQYk";
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    String what = args[0];
    String client = args[1];
    String url = args[2] + "/v1";
    Function<String, Object[]> build = switch (client) {
      case "raw" -> Raw::build;
      case "wrapper" -> Wrapper::build;
      case "wrapperOkhttp" -> WrapperOkhttp::build;
      case "generated" -> Generated::build;
      case "native" -> Native::build;
      case "okhttpGson" -> OkhttpGson::build;
      default -> throw new IllegalArgumentException("client must be one of " + CLIENTS + ": " + client);
    };
    if (what.equals("cold")) {
      Object[] built = build.apply(url);
      Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
      check(built[1]);
      System.out.println(Duration.between(started, Instant.now()).toMillis());
      return;
    }
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long heapBefore = usedAfterGc(memory);
    Object[] built = build.apply(url);
    check(built[1]);
    // Let threads started for the call settle (the JDK client's selector, pools' idle workers).
    Thread.sleep(500);
    long heapAfter = usedAfterGc(memory);
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
    Reference.reachabilityFence(built[0]);
    System.out.printf("%d %d%n", threadsAfter - threadsBefore, (heapAfter - heapBefore) / 1024);
  }

  private static void check(Object customer) {
    // By its id: the models' toString() may hide personal data such as the name.
    if (customer == null || !String.valueOf(customer).contains(ID)) {
      throw new IllegalStateException("not the docs' customer: " + customer);
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Each returns the client and the answer of one retrieve. */
  static final class Raw {
    static Object[] build(String url) {
      RawClient client = new RawClient(url, KEY, "", TIMEOUT);
      return new Object[] {client, client.get("/customers/" + ID, dev.payspec.stancer.generated.model.Customer.class)};
    }
  }

  static final class Wrapper {
    static Object[] build(String url) {
      dev.payspec.stancer.StancerClient client = dev.payspec.stancer.StancerClient.builder().apiKey(KEY).baseUrl(url).build();
      return new Object[] {client, client.customers().retrieve(ID)};
    }
  }

  /** The wrapper over OkHttp (payspec-transport-okhttp), its engine's own client. */
  static final class WrapperOkhttp {
    static Object[] build(String url) {
      dev.payspec.stancer.StancerClient client = dev.payspec.stancer.StancerClient.builder().apiKey(KEY).baseUrl(url)
          .httpEngine(dev.payspec.okhttp.OkHttpEngine.create()).build();
      return new Object[] {client, client.customers().retrieve(ID)};
    }
  }

  static final class Generated {
    static Object[] build(String url) {
      dev.payspec.stancer.generated.api.CustomersApi client = new dev.payspec.stancer.generated.ApiClient()
          .setBasePath(url).setCredentials(KEY, "").buildClient(dev.payspec.stancer.generated.api.CustomersApi.class);
      return new Object[] {client, client.getCustomer(ID)};
    }
  }

  static final class Native {
    static Object[] build(String url) {
      dev.payspec.benchmarks.peers.nativeclient.stancer.ApiClient api = new dev.payspec.benchmarks.peers.nativeclient.stancer.ApiClient();
      api.updateBaseUri(url);
      api.setHttpClientBuilder(HttpClient.newBuilder().connectTimeout(TIMEOUT));
      String authorization = basic(KEY, "");
      api.setRequestInterceptor(request -> request.header("Authorization", authorization));
      dev.payspec.benchmarks.peers.nativeclient.stancer.api.CustomersApi client =
          new dev.payspec.benchmarks.peers.nativeclient.stancer.api.CustomersApi(api);
      try {
        return new Object[] {client, client.getCustomer(ID)};
      } catch (dev.payspec.benchmarks.peers.nativeclient.stancer.ApiException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static final class OkhttpGson {
    static Object[] build(String url) {
      dev.payspec.benchmarks.peers.okhttpgson.stancer.ApiClient api = new dev.payspec.benchmarks.peers.okhttpgson.stancer.ApiClient();
      api.setBasePath(url);
      api.setUsername(KEY);
      api.setPassword("");
      dev.payspec.benchmarks.peers.okhttpgson.stancer.api.CustomersApi client =
          new dev.payspec.benchmarks.peers.okhttpgson.stancer.api.CustomersApi(api);
      try {
        return new Object[] {client, client.getCustomer(ID)};
      } catch (dev.payspec.benchmarks.peers.okhttpgson.stancer.ApiException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
