package dev.payspec.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The specs work in the tools partner teams use: for every API of {@code specs/redocly.yaml} and
 * both editions (OpenAPI 3.1, and the 3.0 edition), OpenAPI Generator (the pinned CLI jar) makes
 * a {@code typescript-fetch} client, compiled with {@code tsc --strict}, and a {@code python}
 * (pydantic) client, installed in a virtual environment from pinned requirements. Each client then
 * calls every operation against a Prism mock of that edition with the docs' examples: Prism
 * refuses any request that breaks the spec, and the drivers check that every documented success
 * and error body decodes to the documented values. No type mapping or hand-written model helps.
 */
class PortabilityTest {

  private static final Path ROOT = Path.of(System.getProperty("payspec.root", "..")).toAbsolutePath().normalize();
  private static final Path BUNDLES = ROOT.resolve("specs/target/openapi");
  private static final Path WORK = ROOT.resolve("portability-check/target/portability");
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration PRISM_STARTUP = Duration.ofSeconds(60);

  private record Edition(String label, String suffix) {}

  private static final List<Edition> EDITIONS = List.of(new Edition("OpenAPI 3.1", ""), new Edition("OpenAPI 3.0", ".openapi30"));

  static List<String> apis() throws IOException {
    JsonNode config = new YAMLMapper().readTree(ROOT.resolve("specs/redocly.yaml").toFile());
    List<String> names = new ArrayList<>();
    config.path("apis").fieldNames().forEachRemaining(names::add);
    assertThat(names).as("apis in specs/redocly.yaml").isNotEmpty();
    return names;
  }

  @TestFactory
  Stream<DynamicTest> typeScriptAndPythonClientsCallEveryOperationWithTheDocsExamples() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : apis()) {
      for (Edition edition : EDITIONS) {
        tests.add(dynamicTest(api + " (" + edition.label() + "): typescript-fetch and python clients decode every documented answer",
            () -> check(api, edition)));
      }
    }
    return tests.stream();
  }

  private static void check(String api, Edition edition) throws Exception {
    Path spec = BUNDLES.resolve(api + edition.suffix() + ".yaml");
    Path bundle = BUNDLES.resolve(api + edition.suffix() + ".json");
    assertThat(spec).as("run ./mvnw install -DskipTests first").isRegularFile();
    Path work = WORK.resolve(api + edition.suffix());
    deleteRecursively(work);
    Files.createDirectories(work);
    Path drivers = Path.of(PortabilityTest.class.getResource("/portability/calls.cjs").toURI()).getParent();

    // TypeScript: generated, then compiled strictly.
    Path ts = work.resolve("typescript");
    generate("typescript-fetch", spec, ts, "--additional-properties=supportsES6=true");
    run(work, "tsc --strict", "node", ROOT.resolve("node_modules/typescript/bin/tsc").toString(), "--strict",
        "--target", "es2020", "--module", "commonjs", "--lib", "es2020,dom", "--outDir", ts.resolve("out").toString(),
        ts.resolve("index.ts").toString());

    // Python: generated; the pinned requirements are installed in a virtual environment.
    String pythonPackage = api.replaceAll("\\W", "_") + "_client";
    Path py = work.resolve("python");
    generate("python", spec, py, "--package-name", pythonPackage);
    Path python = virtualEnvironment(drivers.resolve("requirements.txt"));
    String calls = run(work, "reading the calls", "node", drivers.resolve("calls.cjs").toString(), bundle.toString());
    Path callsFile = work.resolve("calls.json");
    Files.writeString(callsFile, calls);

    try (Prism prism = Prism.start(spec, work.resolve("prism.log"))) {
      String base = prism.baseUrl();
      String tsOut = run(work, "typescript-fetch calls", "node", drivers.resolve("typescript-driver.cjs").toString(),
          bundle.toString(), ts.toString(), base);
      String pyOut = run(work, "python calls", python.toString(), drivers.resolve("python-driver.py").toString(),
          callsFile.toString(), py.toString(), pythonPackage, base);
      System.out.print("portability " + api + edition.suffix() + ": " + tsOut + "portability " + api + edition.suffix() + ": " + pyOut);
      assertThat(tsOut).contains("calls decoded as documented");
      assertThat(pyOut).contains("calls decoded as documented");
    }
  }

  private static void generate(String generator, Path spec, Path out, String... options) {
    String jar = System.getProperty("payspec.generator.jar");
    assertThat(jar).as("system property payspec.generator.jar (set by the module's POM)").isNotBlank();
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar, "generate", "-g", generator,
        "-i", spec.toString(), "-o", out.toString()));
    command.addAll(List.of(options));
    run(out.getParent(), "OpenAPI Generator " + generator, command.toArray(String[]::new));
  }

  private static Path venv;

  /** One virtual environment per run, with the pinned requirements of the generated clients. */
  private static synchronized Path virtualEnvironment(Path requirements) {
    if (venv == null) {
      Path dir = WORK.resolve("venv");
      deleteRecursively(dir);
      run(WORK, "python3 -m venv (Python 3.9+ with venv is needed)", "python3", "-m", "venv", dir.toString());
      Path python = dir.resolve("bin/python");
      run(WORK, "pip install of the pinned requirements", python.toString(), "-m", "pip", "install",
          "--disable-pip-version-check", "--retries", "1", "--quiet", "-r", requirements.toString());
      venv = python;
    }
    return venv;
  }

  /** Runs a command to its end and returns its output; fails with that output unless it exits with 0. */
  private static String run(Path dir, String what, String... command) {
    try {
      Files.createDirectories(dir);
      Path output = Files.createTempFile(dir, "out", ".log");
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(what + " did not finish within " + STEP_TIMEOUT + ":\n" + Files.readString(output));
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(what + " failed (exit " + process.exitValue() + "):\n" + text);
      }
      Files.delete(output);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + what + " (" + command[0] + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(what + " was interrupted", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Prism mock of one spec file on a free loopback port, stopped when closed. */
  private record Prism(Process process, int port) implements AutoCloseable {

    static Prism start(Path spec, Path log) throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      Process process = new ProcessBuilder("node", ROOT.resolve("node_modules/@stoplight/prism-cli/dist/index.js").toString(),
          "mock", "--host", "127.0.0.1", "--port", String.valueOf(port), spec.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Prism prism = new Prism(process, port);
      Instant deadline = Instant.now().plus(PRISM_STARTUP);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new AssertionError("Prism exited before listening:\n" + Files.readString(log));
        }
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
          return prism;
        } catch (IOException notYet) {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      prism.close();
      throw new AssertionError("Prism did not listen within " + PRISM_STARTUP + ":\n" + Files.readString(log));
    }

    String baseUrl() {
      return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
