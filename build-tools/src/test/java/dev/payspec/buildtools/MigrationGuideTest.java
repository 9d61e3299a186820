package dev.payspec.buildtools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Stancer v1 to v2 migration guide says what changed, as the two specs show it: every operation
 * only v2 has, and every success status that differs, each read from the specs rather than listed here.
 */
class MigrationGuideTest {

  private static final Path BUNDLES = SpecChangeGateMutationTest.BUNDLES;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir
  Path work;

  @Test
  void theGuideNamesEveryOperationV2AddsAndEveryChangedSuccessStatus() throws Exception {
    Files.copy(BUNDLES.resolve("stancer.yaml"), work.resolve("stancer.yaml"));
    Files.copy(BUNDLES.resolve("stancer-v2.yaml"), work.resolve("stancer-v2.yaml"));
    String guide = Files.readString(MigrationGuide.write(work, "stancer", "stancer-v2"));

    JsonNode v1 = YAML.readTree(BUNDLES.resolve("stancer.yaml").toFile());
    JsonNode v2 = YAML.readTree(BUNDLES.resolve("stancer-v2.yaml").toFile());
    Set<String> v1Operations = operations(v1);
    List<String> added = operations(v2).stream().filter(op -> !v1Operations.contains(op)).toList();
    assertThat(added).as("operations only v2 has").isNotEmpty();
    for (String operation : added) {
      assertThat(guide).as("the guide names the new operation %s", operation).contains(operation);
    }
    assertThat(guide).contains("## Operations").contains("## Statuses");
    // v1's update answers 204 and v2's 200: a success status that changed must be in the guide.
    for (String operation : v1Operations) {
      if (v2Operations(v2).contains(operation) && !successes(v1, operation).equals(successes(v2, operation))) {
        assertThat(guide).as("the guide names the changed statuses of %s", operation).contains(operation);
      }
    }
  }

  private static Set<String> v2Operations(JsonNode doc) {
    return operations(doc);
  }

  private static Set<String> operations(JsonNode doc) {
    Set<String> operations = new HashSet<>();
    doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
      if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
        operations.add(method.getKey().toUpperCase() + " " + path.getKey());
      }
    }));
    return operations;
  }

  private static Set<String> successes(JsonNode doc, String operation) {
    String[] parts = operation.split(" ", 2);
    Set<String> codes = new HashSet<>();
    doc.path("paths").path(parts[1]).path(parts[0].toLowerCase()).path("responses").fieldNames().forEachRemaining(code -> {
      if (code.startsWith("2")) {
        codes.add(code);
      }
    });
    return codes;
  }
}
