package dev.payspec.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One bundled spec as the build wrote it to {@code target/openapi/<api>.json}, with a JSON Schema
 * validator (OpenAPI 3.1 dialect, formats asserted) for the schemas it holds.
 */
public final class BundledSpec {

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
      SpecVersion.VersionFlag.V202012,
      builder -> builder
          .metaSchema(OpenApi31.getInstance())
          .defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));

  // Formats such as email and ipv4 are only annotations in JSON Schema 2020-12 unless asserted;
  // Prism asserts them, and so must these tests.
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  public final String api;
  public final JsonNode root;
  private final Path file;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private BundledSpec(String api, Path file, JsonNode root) {
    this.api = api;
    this.file = file;
    this.root = root;
  }

  public static BundledSpec load(String api) {
    String dir = System.getProperty("payspec.openapi.dir", "target/openapi");
    Path file = Path.of(dir, api + ".json").toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: build the specs module first (./mvnw -pl specs package)");
    }
    try {
      return new BundledSpec(api, file, new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates {@code instance} against the schema at a JSON pointer of the bundle, such as {@code /components/schemas/Customer}. */
  public Set<ValidationMessage> validate(String pointer, JsonNode instance) {
    JsonSchema schema = schemas.computeIfAbsent(pointer,
        p -> FACTORY.getSchema(SchemaLocation.of(file.toUri() + "#" + p), CONFIG));
    return schema.validate(instance);
  }

  public Set<ValidationMessage> validateAgainstComponent(String schemaName, JsonNode instance) {
    return validate("/components/schemas/" + schemaName, instance);
  }

  /** One operation of the spec: its path as written, its method in lower case, and its node. */
  public record Operation(String path, String method, JsonNode node) {
    public String id() {
      return node.path("operationId").asText();
    }
  }

  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

  /** Every operation of the spec, in the order the bundle lists them. */
  public List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
      if (METHODS.contains(entry.getKey())) {
        operations.add(new Operation(path.getKey(), entry.getKey(), entry.getValue()));
      }
    }));
    return operations;
  }

  /**
   * The value of the first JSON example of a request body or response ({@code $ref}s followed), or
   * null when it has no JSON content.
   *
   * @throws IllegalStateException when it has JSON content but no example
   */
  public JsonNode firstExample(JsonNode bodyOrResponse) {
    JsonNode content = deref(bodyOrResponse).path("content").path("application/json");
    if (content.isMissingNode()) {
      return null;
    }
    Iterator<JsonNode> examples = content.path("examples").elements();
    if (!examples.hasNext()) {
      throw new IllegalStateException(api + " spec: no example in " + content);
    }
    return deref(examples.next()).path("value");
  }

  /** The JSON text of the node at a JSON pointer, such as an example's {@code /value}. */
  public String json(String pointer) {
    JsonNode node = root.at(pointer);
    if (node.isMissingNode()) {
      throw new IllegalArgumentException(api + " spec has nothing at " + pointer);
    }
    return node.toString();
  }

  /** Follows a local {@code $ref} (one level, as the bundler writes them) or returns the node itself. */
  public JsonNode deref(JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    String pointer = ref.asText();
    if (!pointer.startsWith("#/")) {
      throw new IllegalStateException("the bundle still has an external $ref: " + pointer);
    }
    return deref(root.at(pointer.substring(1)));
  }
}
