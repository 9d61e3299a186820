package dev.payspec.specs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.spec.ApiSpec;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.format.PatternFormat;
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

  /**
   * The {@code email} format as Prism checks it (ajv-formats 2.1.1, "full" mode: the domain has a
   * dot), so that these tests, the Prism mocks and the wrapper draw the line at the same place;
   * the validator's own check accepts {@code david@coaster}, which Prism refuses.
   */
  public static final String EMAIL_FORMAT = "(?i)^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
      + "@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$";

  private static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(OpenApi31.getInstance())
      .format(PatternFormat.of("email", EMAIL_FORMAT, "format"))
      .build();

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
      SpecVersion.VersionFlag.V202012,
      builder -> builder
          .metaSchema(DIALECT)
          .defaultMetaSchemaIri(DIALECT.getIri()));

  // Formats such as email and ipv4 are only annotations in JSON Schema 2020-12 unless asserted;
  // Prism asserts them, and so must these tests.
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  public final String api;
  public final JsonNode root;
  private final Path file;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private final ApiSpec spec;

  private BundledSpec(Path file, ApiSpec spec) {
    this.api = spec.api();
    this.file = file;
    this.root = spec.root();
    this.spec = spec;
  }

  public static BundledSpec load(String api) {
    String dir = System.getProperty("payspec.openapi.dir", "target/openapi");
    Path file = Path.of(dir, api + ".json").toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: build the specs module first (./mvnw -pl specs package)");
    }
    return new BundledSpec(file, ApiSpec.read(file));
  }

  /** The spec as every part of payspec reads it. */
  public ApiSpec model() {
    return spec;
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

  /** Every operation of the spec, in the order the bundle lists them. */
  public List<Operation> operations() {
    return spec.operations().stream()
        .map(o -> new Operation(o.path(), o.method().toLowerCase(java.util.Locale.ROOT), o.node())).toList();
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

  /** The APIs whose bundles the build wrote, such as {@code stancer}, read from the bundles' folder. */
  public static List<String> apis() {
    Path dir = Path.of(System.getProperty("payspec.openapi.dir", "target/openapi"));
    try (var files = Files.list(dir)) {
      List<String> apis = files.map(file -> file.getFileName().toString())
          // <api>.json only: the partner kit's <api>.openapi30.json and <api>.postman.json are editions, not APIs.
          .filter(name -> name.endsWith(".json") && name.indexOf('.') == name.length() - ".json".length())
          .map(name -> name.substring(0, name.length() - ".json".length()))
          .sorted()
          .toList();
      if (apis.isEmpty()) {
        throw new IllegalStateException("no bundle in " + dir.toAbsolutePath() + ": build the specs module first");
      }
      return apis;
    } catch (IOException e) {
      throw new UncheckedIOException("no bundles in " + dir.toAbsolutePath() + ": build the specs module first", e);
    }
  }

  /**
   * One realistic answer of the corpus: a named example of a response that carries {@code x-fact}
   * (the fact of the provider it stands for), with the operation and status that answer it.
   *
   * @param status the response's key, such as {@code 200}, {@code 2XX} or {@code default}
   * @param schemaPointer the JSON pointer of the response's schema in the bundle
   * @param schemaName the component the schema refers to, such as {@code Customer}, or null when inline
   */
  public record Answer(String api, Operation operation, String status, String name, String schemaPointer,
      String schemaName, JsonNode value, String source, String fact) {

    /** The HTTP status to ask a mock for: the key itself, 200 for {@code 2XX}, 500 for {@code default}. */
    public int httpStatus() {
      return switch (status) {
        case "2XX" -> 200;
        case "default" -> 500;
        default -> Integer.parseInt(status);
      };
    }

    public boolean success() {
      return status.startsWith("2");
    }

    @Override
    public String toString() {
      return api + " " + operation.id() + " " + status + " '" + name + "' (" + source + ": " + fact + ")";
    }
  }

  /** Every realistic answer of the spec (examples with {@code x-fact}), in the bundle's order. */
  public List<Answer> realisticAnswers() {
    List<Answer> answers = new ArrayList<>();
    for (Operation operation : operations()) {
      String base = "/paths/" + escape(operation.path()) + "/" + operation.method() + "/responses/";
      operation.node().path("responses").properties().forEach(response -> {
        String responsePointer = base + escape(response.getKey());
        JsonNode ref = response.getValue().get("$ref");
        if (ref != null) {
          responsePointer = ref.asText().substring(1);
        }
        JsonNode media = root.at(responsePointer).path("content").path("application/json");
        String schemaPointer = responsePointer + "/content/application~1json/schema";
        JsonNode schemaRef = media.path("schema").get("$ref");
        String schemaName = schemaRef == null ? null : schemaRef.asText().substring(schemaRef.asText().lastIndexOf('/') + 1);
        media.path("examples").properties().forEach(example -> {
          JsonNode resolved = deref(example.getValue());
          JsonNode fact = resolved.get("x-fact");
          if (fact != null) {
            answers.add(new Answer(api, operation, response.getKey(), example.getKey(), schemaPointer, schemaName,
                resolved.path("value"), fact.path("source").asText(), fact.path("ref").asText()));
          }
        });
      });
    }
    return answers;
  }

  private static String escape(String name) {
    return ApiSpec.escape(name);
  }

  /** Follows local {@code $ref}s, as the bundler writes them, or returns the node itself. */
  public JsonNode deref(JsonNode node) {
    return spec.deref(node);
  }
}
