package dev.payspec.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
import java.util.ArrayList;
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
 *
 * <p>Tests reach Prism through a recording proxy (WireMock) that notes every exchange for
 * {@link SpecCoverage}, and that can ask Prism for a given status with {@link #preferring(String)}
 * when the client under test cannot add the {@code Prefer} header itself.
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
        .getOrComputeIfAbsent(api, name -> Server.start(name, List.of("mock")), Server.class);
  }

  /** Where tests send requests, such as {@code http://127.0.0.1:41234}; the spec's paths follow it as written. */
  public URI baseUri() {
    return started().baseUri();
  }

  /** Until closed, every request reaches Prism with {@code Prefer: <preference>}, such as {@code code=404}. */
  public AutoCloseable preferring(String preference) {
    Server s = started();
    s.forward(aResponse().proxiedFrom(s.prismUri.toString()).withAdditionalRequestHeader("Prefer", preference));
    return () -> s.forward(aResponse().proxiedFrom(s.prismUri.toString()));
  }

  private Server started() {
    if (server == null) {
      throw new IllegalStateException("Prism for " + api + " is not started: register PrismMock with @RegisterExtension on a static field");
    }
    return server;
  }

  /**
   * One Prism process ({@code prism mock} or {@code prism proxy}) behind a recording proxy. Closed by
   * JUnit's root store at the end of the run, or by the caller.
   */
  static final class Server implements AutoCloseable {

    final URI prismUri;
    private final String api;
    private final Process process;
    private final WireMockServer front;
    private final Thread shutdownHook;

    private Server(String api, URI prismUri, Process process) {
      this.api = api;
      this.prismUri = prismUri;
      this.process = process;
      this.shutdownHook = new Thread(this::stop, "prism-stop-" + api);
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      this.front = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal());
      front.addMockServiceRequestListener((request, response) ->
          SpecCoverage.record(api, request.getMethod().getName(), URI.create(request.getUrl()).getRawPath(), response.getStatus()));
      front.start();
      forward(aResponse().proxiedFrom(prismUri.toString()));
    }

    URI baseUri() {
      return URI.create(front.baseUrl());
    }

    void forward(ResponseDefinitionBuilder response) {
      front.resetMappings();
      front.stubFor(any(anyUrl()).willReturn(response));
    }

    /**
     * Starts Prism on a free port: {@code prismArgs} is {@code [mock]}, or {@code [proxy, --errors]}
     * with the upstream URL added after the spec.
     */
    static Server start(String api, List<String> prismArgs, String... afterSpec) {
      Path root = Path.of(System.getProperty("payspec.root", "..")).toAbsolutePath().normalize();
      Path prism = root.resolve("node_modules/@stoplight/prism-cli/dist/index.js");
      Path spec = root.resolve("specs/target/openapi/" + api + ".yaml");
      for (Path needed : List.of(prism, spec)) {
        if (!Files.isRegularFile(needed)) {
          throw new IllegalStateException(needed + " is missing: run ./mvnw install -DskipTests from " + root);
        }
      }
      int port = freePort();
      Path log = root.resolve("contract-tests/target/prism-" + api + "-" + prismArgs.get(0) + ".log");
      List<String> command = new ArrayList<>(List.of("node", prism.toString()));
      command.addAll(prismArgs);
      command.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), spec.toString()));
      command.addAll(List.of(afterSpec));
      try {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady(process, port, log);
        return new Server(api, URI.create("http://127.0.0.1:" + port), process);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start Prism (is Node.js on the PATH?)", e);
      }
    }

    private static void awaitReady(Process process, int port, Path log) {
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
      destroy(process);
      throw new IllegalStateException("Prism did not listen on port " + port + " within " + STARTUP_TIMEOUT + ":\n" + read(log));
    }

    @Override
    public void close() {
      stop();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or has run: everything is being stopped anyway.
      }
    }

    private void stop() {
      front.stop();
      destroy(process);
    }

    private static void destroy(Process process) {
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
