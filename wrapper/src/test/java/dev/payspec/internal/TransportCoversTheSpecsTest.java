package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.spec.ApiSpec;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The build's guard over every operation of every spec (the bundles the build wrote): the wrapper's
 * transport sends all its parameters, and a generated service offers it. A spec change that needs
 * what the transport does not send (a cookie, a parameter with {@code content}, a form) fails here,
 * at build time, not in a user's call; and never in another operation's, which are prepared alone.
 */
class TransportCoversTheSpecsTest {

  private static List<String> apis() throws IOException {
    Path dir = Path.of(System.getProperty("payspec.openapi.dir", "../specs/target/openapi"));
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("[^.]+\\.json")) // editions (<api>.openapi30.json) are not APIs
          .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyOperationOfEverySpecIsSentByTheTransportAndOfferedByAService() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    List<String> apis = apis();
    assertThat(apis).as("bundles").isNotEmpty();
    for (String api : apis) {
      SpecDocument spec = SpecDocument.of(api);
      Transport transport = new Transport(new HttpSettings(api, URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
          Duration.ofSeconds(1), 0, null, "user", "secret", null, false), body -> ErrorBody.EMPTY);
      ApiRuntime runtime = new ApiRuntime(api, transport, null);
      String pkg = "dev.payspec." + api.replace('-', '.');
      for (ApiSpec.Operation operation : spec.operations()) {
        tests.add(dynamicTest(operation + " is sent and offered", () -> {
          // Prepared from the spec alone, as the first call would: a parameter or body the transport
          // cannot send fails here.
          runtime.operation(operation.id(), operation.successSchema() == null ? void.class : JsonNode.class).prepareNow();
        }));
      }
      tests.add(dynamicTest(api + ": each tag's service has one public method per operation of the spec", () -> {
        Path generatedDir = Path.of("target/generated-sources/services", pkg.replace('.', '/'));
        String prefix;
        try (Stream<Path> files = Files.list(generatedDir)) {
          // The plain services' name is the shortest: the async and raw families add to it.
          prefix = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("Services.java"))
              .min(java.util.Comparator.comparingInt(String::length)).orElseThrow().replace("Services.java", "");
        }
        java.util.Map<String, Long> perTag = spec.operations().stream().collect(java.util.stream.Collectors.groupingBy(
            o -> pascal(o.tag()), java.util.stream.Collectors.counting()));
        perTag.forEach((tag, count) -> {
          // The plain service, and its async, raw and raw async twins.
          for (String kind : new String[] {"", "Async", "Raw", "RawAsync"}) {
            Class<?> service;
            try {
              service = Class.forName(pkg + "." + prefix + tag + kind);
            } catch (ClassNotFoundException e) {
              throw new AssertionError("no " + kind + " service for tag " + tag + " of " + api, e);
            }
            java.util.List<Method> methods = Stream.of(service.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).toList();
            // One method per operation; any other public method is the overload of an operation's
            // taking its generated *QueryParams.
            java.util.List<Method> overloads = methods.stream().filter(m -> m.getParameterCount() > 0
                && m.getParameterTypes()[m.getParameterCount() - 1].getSimpleName().endsWith("QueryParams")).toList();
            assertThat(methods.size() - overloads.size()).as(service.getSimpleName() + "'s public methods of an operation")
                .isEqualTo(count.intValue());
            assertThat(overloads).allSatisfy(overload -> assertThat(methods).filteredOn(m -> !overloads.contains(m))
                .extracting(Method::getName).contains(overload.getName()));
          }
        });
      }));
    }
    return tests.stream();
  }

  private static String pascal(String text) {
    StringBuilder out = new StringBuilder();
    for (String word : text.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }
}
