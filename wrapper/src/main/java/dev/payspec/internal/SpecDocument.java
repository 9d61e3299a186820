package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One bundled spec, {@code openapi/<api>.json} from the {@code payspec-specs} jar, read once per
 * JVM: the single source of every operation's parameters, request schema, answer schema and
 * pagination. Not part of the public API.
 */
public final class SpecDocument {

  private static final Map<String, SpecDocument> LOADED = new ConcurrentHashMap<>();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete", "head", "options");

  private final String api;
  private final String location;
  private final JsonNode root;
  private final Map<String, OperationSpec> operations = new LinkedHashMap<>();
  // Compiled once per JVM, shared by every client of this spec: compiled schemas are thread-safe.
  private final Map<String, Object> compiled = new ConcurrentHashMap<>();
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  private SpecDocument(String api, String location, JsonNode root) {
    this.api = api;
    this.location = location;
    this.root = root;
    this.json = Json.forSpec(root);
    root.path("paths").fields().forEachRemaining(path -> {
      JsonNode item = deref(path.getValue());
      String itemPointer = "/paths/" + escape(path.getKey());
      item.fields().forEachRemaining(entry -> {
        if (METHODS.contains(entry.getKey())) {
          JsonNode op = entry.getValue();
          String pointer = itemPointer + "/" + entry.getKey();
          operations.put(op.path("operationId").asText(), new OperationSpec(this, op.path("operationId").asText(),
              entry.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), pointer,
              parameters(item, itemPointer, op, pointer), requestSchema(op, pointer), answerSchema(op, pointer)));
        }
      });
    });
  }

  /** The bundle of {@code api}, read from the class path once. */
  public static SpecDocument of(String api) {
    return LOADED.computeIfAbsent(api, SpecDocument::load);
  }

  private static SpecDocument load(String api) {
    String resource = "openapi/" + api + ".json";
    try (InputStream in = SpecDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path: payspec-specs, of the same version"
            + " as payspec-wrapper, must be");
      }
      return new SpecDocument(api, "classpath:" + resource, new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The mapper of this API's models: with {@code java.time} support only if the spec holds dates. */
  com.fasterxml.jackson.databind.ObjectMapper json() {
    return json;
  }

  /** Whether this spec has been read already in this JVM. */
  static boolean isLoaded(String api) {
    return LOADED.containsKey(api);
  }

  @SuppressWarnings("unchecked")
  <T> T compiled(String key, java.util.function.Function<String, T> compile) {
    return (T) compiled.computeIfAbsent(key, compile);
  }

  public String api() {
    return api;
  }

  /** The URI of the bundle, for schema locations such as {@code classpath:openapi/stancer.json}. */
  String location() {
    return location;
  }

  JsonNode root() {
    return root;
  }

  /** The operation with this id, or null. */
  public OperationSpec operation(String operationId) {
    return operations.get(operationId);
  }

  public List<OperationSpec> operations() {
    return List.copyOf(operations.values());
  }

  /** The node itself, or the one its local {@code $ref} points at (followed until none). */
  JsonNode deref(JsonNode node) {
    for (int hops = 0; node.has("$ref") && hops < 32; hops++) {
      node = root.at(pointerOf(node.get("$ref").asText()));
    }
    return node;
  }

  /** The JSON pointer of a node, following its local {@code $ref}s: schemas are then located by their components. */
  String derefPointer(String pointer) {
    for (int hops = 0; hops < 32; hops++) {
      JsonNode node = root.at(pointer);
      if (!node.has("$ref")) {
        return pointer;
      }
      pointer = pointerOf(node.get("$ref").asText());
    }
    return pointer;
  }

  private static String pointerOf(String ref) {
    if (!ref.startsWith("#")) {
      throw new IllegalStateException("only local $refs are expected in a bundle; got " + ref);
    }
    return ref.substring(1);
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private List<ParameterSpec> parameters(JsonNode item, String itemPointer, JsonNode op, String opPointer) {
    Map<String, ParameterSpec> byKey = new LinkedHashMap<>();
    // Operation-level parameters override path-level ones of the same name and location.
    for (String[] level : new String[][] {{itemPointer, "path item"}, {opPointer, "operation"}}) {
      JsonNode list = root.at(level[0] + "/parameters");
      for (int i = 0; i < list.size(); i++) {
        String pointer = derefPointer(level[0] + "/parameters/" + i);
        JsonNode p = root.at(pointer);
        String style = p.path("style").asText(defaultStyle(p.path("in").asText()));
        boolean explode = p.path("explode").asBoolean("form".equals(style));
        ParameterSpec spec = new ParameterSpec(p.path("name").asText(), p.path("in").asText(),
            p.path("required").asBoolean(false), style, explode, p.has("content"),
            p.has("schema") ? derefPointer(pointer + "/schema") : null);
        byKey.put(spec.in() + ":" + spec.name(), spec);
      }
    }
    return List.copyOf(byKey.values());
  }

  private static String defaultStyle(String in) {
    return switch (in) {
      case "query", "cookie" -> "form";
      default -> "simple";
    };
  }

  private String requestSchema(JsonNode op, String pointer) {
    String body = derefPointer(pointer + "/requestBody");
    return root.at(body + "/content/application~1json/schema").isMissingNode()
        ? null : derefPointer(body + "/content/application~1json/schema");
  }

  /** The schema of the first success (2xx, 2XX) answer with a JSON body, or null. */
  private String answerSchema(JsonNode op, String pointer) {
    List<String> codes = new ArrayList<>();
    op.path("responses").fieldNames().forEachRemaining(codes::add);
    for (String code : codes) {
      if (code.startsWith("2")) {
        String response = derefPointer(pointer + "/responses/" + escape(code));
        if (!root.at(response + "/content/application~1json/schema").isMissingNode()) {
          return derefPointer(response + "/content/application~1json/schema");
        }
      }
    }
    return null;
  }

  /** One operation as the spec states it. */
  public record OperationSpec(SpecDocument document, String id, String method, String path, String pointer,
      List<ParameterSpec> parameters, String requestSchema, String answerSchema) {

    public JsonNode node() {
      return document.root().at(pointer);
    }

    @Override
    public String toString() {
      return document.api() + " " + id + " (" + method + " " + path + ")";
    }
  }

  /**
   * One parameter: where it goes, whether it is required, its serialization style, and the JSON
   * pointer of its schema (null when it has {@code content} instead).
   */
  public record ParameterSpec(String name, String in, boolean required, String style, boolean explode,
      boolean hasContent, String schema) {}
}
