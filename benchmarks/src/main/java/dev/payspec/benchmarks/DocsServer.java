package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process HTTP server on loopback that answers every benchmarked call with the docs' JSON,
 * read from the bundled specs. Every client under test calls the same server, so that only the
 * clients' own cost differs. Run it alone ({@code main}) for the cold-start measurement.
 */
public final class DocsServer implements AutoCloseable {

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK, and every call takes about 40 ms whatever the client: that would hide the
    // clients' own cost, which is what is measured here. Read once, when the server's classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The server closes connections idle for 30 s by default; a client that then reuses one from
    // its pool fails the call ("header parser received no bytes"), which measures the server.
    System.setProperty("sun.net.httpserver.idleInterval", "3600");
  }

  private final HttpServer server;
  private final ExecutorService workers;

  public DocsServer(int port) {
    byte[] stancerCustomer = example("stancer", "/components/examples/CustomerFromDocs/value");
    byte[] beGatewayCustomer = example("begateway", "/components/examples/CustomerFromDocs/value");
    byte[] beGatewayList = example("begateway", "/paths/~1customers/get/responses/200/content/application~1json/examples/docs/value");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/customers/", exchange -> answer(exchange, 200, stancerCustomer));
    server.createContext("/customers", exchange -> {
      boolean list = exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/customers");
      boolean create = exchange.getRequestMethod().equals("POST");
      answer(exchange, create ? 201 : 200, list ? beGatewayList : beGatewayCustomer);
    });
    // Daemon threads: a connection still open when the benchmark ends must not keep its JVM alive.
    workers = Executors.newFixedThreadPool(64, task -> {
      Thread thread = new Thread(task, "docs-server");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(workers);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    try (InputStream request = exchange.getRequestBody(); OutputStream response = exchange.getResponseBody()) {
      request.readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      response.write(body);
    }
  }

  private static byte[] example(String api, String pointer) {
    try (InputStream in = DocsServer.class.getResourceAsStream("/openapi/" + api + ".json")) {
      JsonNode node = new ObjectMapper().readTree(in).at(pointer);
      return node.toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves on the given port until killed: {@code java -cp benchmarks.jar dev.payspec.benchmarks.DocsServer 4321}. */
  public static void main(String[] args) throws InterruptedException {
    DocsServer server = new DocsServer(Integer.parseInt(args[0]));
    System.out.println("docs server on " + server.baseUrl());
    Thread.currentThread().join();
  }
}
