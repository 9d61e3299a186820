package dev.payspec;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 server on a loopback port that misbehaves on purpose, one behaviour at a time,
 * and counts every request that reaches it (method and path), so that tests count at the server.
 */
final class FaultServer implements AutoCloseable {

  /** What the server does with each request. */
  enum Behaviour {
    /** Reads the request, then sends nothing. */
    STALLED_HEADERS,
    /** Sends the headers of a 200 with a JSON body, then one byte of it, then nothing. */
    STALLED_BODY,
    /** Sends the headers of a 200, then the body one byte every 50 ms. */
    DRIPPED_BODY,
    /** Closes the connection before any byte of the answer. */
    CLOSED_BEFORE_ANSWER,
    /** Resets the connection (RST) before any byte of the answer. */
    RESET_BEFORE_ANSWER,
    /** Answers 503 with an empty body, keeping the connection. */
    STATUS_503,
    /** Answers 200 with {@link #okBody}. */
    OK
  }

  private final ServerSocket socket;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  /** The connections a client holds open now: a client that closes or cancels one is seen here. */
  final AtomicInteger open = new AtomicInteger();
  volatile Behaviour behaviour = Behaviour.OK;
  volatile String okBody = "{}";

  FaultServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /**
   * The requests that reached the server, once there are at least {@code count} or 2 s have passed:
   * a connection's thread may record a request a moment after the client gave up on it.
   */
  List<String> requestsOnceAtLeast(int count) throws InterruptedException {
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    while (requests.size() < count && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    return List.copyOf(requests);
  }

  void reset(Behaviour next) {
    requests.clear();
    behaviour = next;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.add(connection);
        open.incrementAndGet();
        Thread handler = new Thread(() -> serve(connection), "fault-server-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        int length = 0;
        for (String line : head.split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        in.readNBytes(length);
        String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
        requests.add(requestLine[0] + " " + requestLine[1]);
        byte[] body = okBody.getBytes(StandardCharsets.UTF_8);
        switch (behaviour) {
          case OK -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
          }
          case STATUS_503 -> {
            out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
          case STALLED_HEADERS -> {
            in.transferTo(OutputStream.nullOutputStream());
            return;
          }
          case STALLED_BODY -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 1);
            out.flush();
            in.transferTo(OutputStream.nullOutputStream());
            return;
          }
          case DRIPPED_BODY -> {
            byte[] longBody = (okBody + " ".repeat(400)).getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + longBody.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            for (byte b : longBody) {
              out.write(b);
              out.flush();
              Thread.sleep(50);
            }
            return;
          }
          case CLOSED_BEFORE_ANSWER -> {
            return;
          }
          case RESET_BEFORE_ANSWER -> {
            connection.setSoLinger(true, 0);
            return;
          }
          default -> throw new IllegalStateException();
        }
      }
    } catch (IOException | InterruptedException clientWentAway) {
      // The client cancelled the exchange or closed the connection: nothing more to serve.
    } finally {
      open.decrementAndGet();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
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

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }
}
