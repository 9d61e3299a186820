package dev.payspec.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Prism mock server of one bundled spec, for the tests of a class:
 * {@code @RegisterExtension static PrismMock stancer = PrismMock.of("stancer");}.
 *
 * <p>One Prism process per spec serves the whole test run: it starts on a free loopback port before
 * the first test class that asks for it, is checked to accept connections, and is stopped when the
 * run ends, by JUnit or, when the run is interrupted, by a JVM shutdown hook.
 */
public final class PrismMock implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PrismMock.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final String api;
  private volatile Server server;

  private PrismMock(String api) {
    this.api = api;
  }

  /** A mock of {@code specs/target/openapi/<api>.yaml}, such as {@code stancer} or {@code begateway}. */
  public static PrismMock of(String api) {
    return new PrismMock(api);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(api, Server::start, Server.class);
  }

  /** Where the mock listens, such as {@code http://127.0.0.1:41234}; the spec's paths follow it as written. */
  public URI baseUri() {
    if (server == null) {
      throw new IllegalStateException("Prism for " + api + " is not started: register PrismMock with @RegisterExtension on a static field");
    }
    return server.baseUri;
  }

  /** One Prism process; closed by JUnit's root store at the end of the run. */
  static final class Server implements AutoCloseable {

    final URI baseUri;
    private final Process process;
    private final Thread shutdownHook;

    private Server(URI baseUri, Process process) {
      this.baseUri = baseUri;
      this.process = process;
      this.shutdownHook = new Thread(this::stop, "prism-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static Server start(String api) {
      Path root = Path.of(System.getProperty("payspec.root", "..")).toAbsolutePath().normalize();
      Path prism = root.resolve("node_modules/@stoplight/prism-cli/dist/index.js");
      Path spec = root.resolve("specs/target/openapi/" + api + ".yaml");
      for (Path needed : List.of(prism, spec)) {
        if (!Files.isRegularFile(needed)) {
          throw new IllegalStateException(needed + " is missing: run ./mvnw install -DskipTests from " + root);
        }
      }
      int port = freePort();
      Path log = root.resolve("contract-tests/target/prism-" + api + ".log");
      try {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder("node", prism.toString(), "mock",
            "--host", "127.0.0.1", "--port", String.valueOf(port), spec.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        Server server = new Server(URI.create("http://127.0.0.1:" + port), process);
        server.awaitReady(port, log);
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException("could not start Prism (is Node.js on the PATH?)", e);
      }
    }

    private void awaitReady(int port, Path log) throws IOException {
      Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Prism exited with " + process.exitValue() + " before listening:\n" + read(log));
        }
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
          return;
        } catch (IOException notYet) {
          sleep(Duration.ofMillis(200));
        }
      }
      stop();
      throw new IllegalStateException("Prism did not listen on port " + port + " within " + STARTUP_TIMEOUT + ":\n" + read(log));
    }

    @Override
    public void close() {
      stop();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or has run: the process is being stopped anyway.
      }
    }

    private void stop() {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String read(Path log) {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(no Prism output: " + e.getMessage() + ")";
      }
    }

    private static void sleep(Duration duration) {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Prism", e);
      }
    }
  }
}
