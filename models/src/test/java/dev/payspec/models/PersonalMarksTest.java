package dev.payspec.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payspec.specs.BundledSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every property a spec marks {@code x-personal: true} reaches its generated model: listed in
 * {@code PERSONAL_PROPERTIES} (which the wrapper's wire log reads) and masked in {@code toString()}.
 */
class PersonalMarksTest {

  private static final Path SOURCES = Path.of("target/generated-sources");
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Test
  void everyMarkedPropertyIsListedAndMaskedInItsModel() throws Exception {
    int marked = 0;
    for (Path api : apis()) {
      BundledSpec spec = BundledSpec.load(api.getFileName().toString());
      JsonNode schemas = spec.root.path("components").path("schemas");
      String modelPackage = modelPackage(api);
      for (Map.Entry<String, JsonNode> schema : (Iterable<Map.Entry<String, JsonNode>>) schemas::fields) {
        Class<?> model;
        try {
          model = Class.forName(modelPackage + "." + schema.getKey());
        } catch (ClassNotFoundException mappedToAnotherType) {
          continue;
        }
        if (model.isEnum()) {
          continue; // an enum (PaymentMethod) is a value, not a model with properties
        }
        Set<String> expected = new TreeSet<>();
        ObjectNode values = JSON.createObjectNode();
        schema.getValue().path("properties").fields().forEachRemaining(property -> {
          if (property.getValue().path("x-personal").asBoolean()) {
            expected.add(property.getKey());
            // A value of the property's own format, so that the model takes it (a date is a LocalDate).
            String format = spec.deref(property.getValue()).path("format").asText();
            values.put(property.getKey(), "date".equals(format) ? "1953-01-19" : "personal-value-of-" + property.getKey());
          }
        });
        assertThat(new TreeSet<>((Set<?>) model.getField("PERSONAL_PROPERTIES").get(null)))
            .as("%s %s", api.getFileName(), schema.getKey()).isEqualTo(expected);
        if (!expected.isEmpty()) {
          marked += expected.size();
          assertThat(JSON.convertValue(values, model).toString()).as("toString of %s", schema.getKey())
              .doesNotContain("personal-value-of-").doesNotContain("1953").contains("(personal)");
        }
      }
    }
    assertThat(marked).as("the specs mark personal properties").isPositive();
  }

  /** One directory per API bundled and generated in this build. */
  private static Set<Path> apis() throws IOException {
    try (Stream<Path> dirs = Files.list(SOURCES)) {
      return dirs.filter(dir -> Files.isDirectory(dir.resolve("src/main/java"))).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static String modelPackage(Path api) throws IOException {
    Path root = api.resolve("src/main/java");
    try (Stream<Path> dirs = Files.walk(root)) {
      Path model = dirs.filter(dir -> dir.endsWith(Path.of("generated", "model"))).findFirst().orElseThrow();
      return root.relativize(model).toString().replace(java.io.File.separatorChar, '.');
    }
  }
}
