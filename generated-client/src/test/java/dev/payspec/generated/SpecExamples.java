package dev.payspec.generated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads examples out of the bundled specs that the specs module wrote, so tests serve the docs' own JSON. */
final class SpecExamples {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecExamples() {}

  static JsonNode bundle(String api) {
    Path file = Path.of(System.getProperty("payspec.openapi.dir", "../specs/target/openapi"), api + ".json");
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": build the specs module first", e);
    }
  }

  /** The JSON text of the value at a JSON pointer of a bundle, such as an example's {@code /value}. */
  static String json(String api, String pointer) {
    JsonNode node = bundle(api).at(pointer);
    if (node.isMissingNode()) {
      throw new IllegalArgumentException(api + " spec has nothing at " + pointer);
    }
    return node.toString();
  }
}
