package dev.payspec.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.specs.BundledSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated sources follow the spec of this very build: what a maintainer writes in a spec
 * reaches the generated code with no other step.
 */
class GeneratedSourcesTest {

  private static final Path SOURCES = Path.of("target/generated-sources");

  @Test
  void everyPropertyDescriptionOfTheSpecsIsInTheGeneratedJavadoc() throws IOException {
    for (Map.Entry<String, String> model : Map.of(
        "stancer/src/main/java/dev/payspec/stancer/generated/model/CustomerUpdateRequest.java", "stancer:CustomerUpdateRequest",
        "begateway/src/main/java/dev/payspec/begateway/generated/model/CustomerCreateRequest.java", "begateway:CustomerCreateRequest")
        .entrySet()) {
      String[] spec = model.getValue().split(":");
      String source = Files.readString(SOURCES.resolve(model.getKey()));
      JsonNode bundle = BundledSpec.load(spec[0]).root;
      JsonNode properties = bundle.at("/components/schemas/" + spec[1] + "/properties");
      assertThat(properties.size()).isPositive();
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        JsonNode schema = property.getValue();
        if (schema.has("$ref")) {
          schema = bundle.at(schema.get("$ref").asText().substring(1));
        }
        // The first sentence is enough to identify the text, and needs no HTML escaping.
        String description = schema.path("description").asText().split("[.(`']")[0].replaceAll("\\s+", " ").trim();
        assertThat(description).as("description of %s.%s", spec[1], property.getKey()).isNotEmpty();
        assertThat(source.replaceAll("\\s+", " ")).as("%s.%s", spec[1], property.getKey()).contains(description);
      }
    }
  }

  @Test
  void generationLeavesNoTimestampInTheSources() throws IOException {
    try (var files = Files.walk(SOURCES)) {
      files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
        try {
          assertThat(Files.readString(file)).as(file.toString()).doesNotContainPattern("date = \"\\d{4}-");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }
}
