package dev.payspec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process HTTP/1.1 server on loopback that answers every benchmarked call with the docs' JSON,
 * read from the bundled specs. Every client under test calls the same server, so that only the
 * clients' own cost differs. Run it alone ({@code main}) for the cold-start measurement.
 *
 * <p>Hand-written rather than the JDK's {@code HttpServer}, to keep the server's share of each
 * call small, so that the clients' differences show: it parses only the request line and the body's
 * length, writes each answer in one write (no Nagle delay), and keeps every connection open until
 * the client closes it.
 */
public final class DocsServer implements AutoCloseable {

  private final ServerSocket socket;
  private final ExecutorService connections;
  private final byte[] stancerCustomer;
  private final byte[] beGatewayCustomer;
  private final byte[] beGatewayList;

  public DocsServer(int port) {
    stancerCustomer = example("stancer", "/components/examples/CustomerFromDocs/value");
    beGatewayCustomer = example("begateway", "/components/examples/CustomerFromDocs/value");
    beGatewayList = example("begateway", "/paths/~1customers/get/responses/200/content/application~1json/examples/docs/value");
    connections = Executors.newCachedThreadPool(task -> {
      // Daemon threads: a connection still open when the benchmark ends must not keep its JVM alive.
      Thread thread = new Thread(task, "docs-server");
      thread.setDaemon(true);
      return thread;
    });
    try {
      socket = new ServerSocket(port, 256, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    connections.execute(this::accept);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    connections.shutdownNow();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        connections.execute(() -> serve(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Answers the requests of one connection, in order, until the client closes it. */
  private void serve(Socket connection) {
    try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
        OutputStream out = connection.getOutputStream()) {
      for (String head = readHead(in); head != null; head = readHead(in)) {
        String[] requestLine = head.substring(0, head.indexOf('\r')).split(" ");
        long length = contentLength(head);
        if (length < 0) {
          out.write(response(411, new byte[0]));
          return;
        }
        in.skipNBytes(length);
        out.write(answer(requestLine[0], requestLine[1]));
        out.flush();
      }
    } catch (IOException closed) {
      // The client went away: nothing to answer.
    }
  }

  private byte[] answer(String method, String path) {
    if (path.startsWith("/v1/customers/")) {
      return response(200, stancerCustomer);
    }
    if (path.equals("/customers") && method.equals("GET")) {
      return response(200, beGatewayList);
    }
    if (path.startsWith("/customers")) {
      return response(method.equals("POST") ? 201 : 200, beGatewayCustomer);
    }
    return response(404, new byte[0]);
  }

  private static byte[] response(int status, byte[] body) {
    byte[] head = ("HTTP/1.1 " + status + (status < 300 ? " OK" : " Error") + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] whole = new byte[head.length + body.length];
    System.arraycopy(head, 0, whole, 0, head.length);
    System.arraycopy(body, 0, whole, head.length, body.length);
    return whole;
  }

  /** The request line and headers, up to the blank line; null at the end of the stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int matched = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
      if (matched == 4) {
        return head.toString(StandardCharsets.US_ASCII);
      }
    }
    return null;
  }

  /** The body's length; 0 without one; -1 for a chunked body, which the clients here never send. */
  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        return Long.parseLong(line.substring("content-length:".length()).trim());
      }
      if (lower.startsWith("transfer-encoding:")) {
        return -1;
      }
    }
    return 0;
  }

  static byte[] example(String api, String pointer) {
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
