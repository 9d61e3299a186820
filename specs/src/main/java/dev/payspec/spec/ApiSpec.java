package dev.payspec.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One bundled spec ({@code openapi/<api>.json}) as every part of payspec reads it: the wrapper at
 * run time, its service generator, the testkit and the spec tests. Local {@code $ref}s, JSON
 * pointers, operation and method names, parameters, bodies, answers and paging are read here once.
 * Immutable; {@link #load(String)} reads each bundle once per JVM.
 */
public final class ApiSpec {

  private static final Map<String, ApiSpec> LOADED = new ConcurrentHashMap<>();
  private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");

  private final String api;
  private final JsonNode root;
  private final Map<String, Operation> operations = new LinkedHashMap<>();

  private ApiSpec(String api, JsonNode root) {
    this.api = api;
    this.root = root;
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      String itemPointer = "/paths/" + escape(path.getKey());
      for (String method : METHODS) {
        JsonNode op = deref(path.getValue()).path(method);
        if (op.isObject()) {
          Operation operation = operation(path.getKey(), itemPointer, method, op);
          if (operations.put(operation.id(), operation) != null) {
            throw new IllegalStateException(api + " spec: two operations have the id " + operation.id());
          }
        }
      }
    }
  }

  /** The bundle {@code openapi/<api>.json} on the class path (the {@code payspec-specs} jar), read once per JVM. */
  public static ApiSpec load(String api) {
    return LOADED.computeIfAbsent(api, ApiSpec::fromClassPath);
  }

  /** Whether {@link #load(String)} has read {@code api} already in this JVM. */
  public static boolean isLoaded(String api) {
    return LOADED.containsKey(api);
  }

  /** A bundle read from a file, such as {@code specs/target/openapi/stancer.json}; named after the file. */
  public static ApiSpec read(Path bundle) {
    try {
      return of(bundle.getFileName().toString().replaceFirst("\\.json$", ""), new ObjectMapper().readTree(Files.readAllBytes(bundle)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + bundle, e);
    }
  }

  /** A bundle already parsed. */
  public static ApiSpec of(String api, JsonNode root) {
    return new ApiSpec(api, root);
  }

  private static ApiSpec fromClassPath(String api) {
    String resource = "openapi/" + api + ".json";
    try (InputStream in = ApiSpec.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path: payspec-specs, of the same version"
            + " as the payspec artifact that asks for it, must be");
      }
      return new ApiSpec(api, new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The API's name, as in {@code openapi/<api>.json}. */
  public String api() {
    return api;
  }

  /** The bundle's JSON. */
  public JsonNode root() {
    return root;
  }

  /** The operations, in the order of the spec's paths. */
  public List<Operation> operations() {
    return List.copyOf(operations.values());
  }

  /** The operation with this id, or null. */
  public Operation operation(String id) {
    return operations.get(id);
  }

  /** The node at a JSON pointer of the bundle (missing node when there is none). */
  public JsonNode at(String pointer) {
    return root.at(pointer);
  }

  /** The node itself, or the one its local {@code $ref} points at (followed until none). */
  public JsonNode deref(JsonNode node) {
    for (int hops = 0; node.has("$ref") && hops < 32; hops++) {
      node = root.at(pointerOf(node.get("$ref").asText()));
    }
    return node;
  }

  /** The pointer reached from {@code pointer} by following its local {@code $ref}s: schemas are then named by their component. */
  public String derefPointer(String pointer) {
    for (int hops = 0; hops < 32; hops++) {
      JsonNode node = root.at(pointer);
      if (!node.has("$ref")) {
        return pointer;
      }
      pointer = pointerOf(node.get("$ref").asText());
    }
    return pointer;
  }

  /** The component a pointer names ({@code Customer} for {@code /components/schemas/Customer}), or null. */
  public static String componentName(String pointer) {
    String prefix = "/components/schemas/";
    return pointer != null && pointer.startsWith(prefix) && pointer.indexOf('/', prefix.length()) < 0
        ? pointer.substring(prefix.length()).replace("~1", "/").replace("~0", "~") : null;
  }

  /** A JSON pointer token: {@code ~} and {@code /} escaped (RFC 6901). */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String pointerOf(String ref) {
    if (!ref.startsWith("#")) {
      throw new IllegalStateException("only local $refs are expected in a bundle; got " + ref);
    }
    return ref.substring(1);
  }

  /**
   * The JSON names of every property the spec marks personal ({@code x-personal: true}) in any
   * schema: the wire log masks their values, the partner kit lists them.
   */
  public Set<String> personalProperties() {
    Set<String> names = new java.util.TreeSet<>();
    collectPersonal(root, names);
    return names;
  }

  private static void collectPersonal(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      node.path("properties").fields().forEachRemaining(p -> {
        if (p.getValue().path("x-personal").asBoolean(false)) {
          names.add(p.getKey());
        }
      });
    }
    if (node.isContainerNode()) {
      node.forEach(child -> collectPersonal(child, names));
    }
  }

  private Operation operation(String path, String itemPointer, String method, JsonNode op) {
    String pointer = itemPointer + "/" + method;
    String id = op.path("operationId").asText(null);
    if (id == null) {
      throw new IllegalStateException(api + " spec: " + method.toUpperCase(Locale.ROOT) + " " + path + " has no operationId");
    }
    String tag = op.path("tags").path(0).asText("default");
    List<Parameter> parameters = parameters(itemPointer, pointer);
    Body body = null;
    if (op.has("requestBody")) {
      String request = derefPointer(pointer + "/requestBody");
      Iterator<String> media = root.at(request + "/content").fieldNames();
      String mediaType = media.hasNext() ? media.next() : null;
      body = new Body(mediaType, root.at(request + "/required").asBoolean(false),
          mediaType == null || root.at(request + "/content/" + escape(mediaType) + "/schema").isMissingNode() ? null
              : derefPointer(request + "/content/" + escape(mediaType) + "/schema"));
    }
    List<Answer> answers = new ArrayList<>();
    op.path("responses").fieldNames().forEachRemaining(status -> {
      String response = derefPointer(pointer + "/responses/" + escape(status));
      Iterator<String> media = root.at(response + "/content").fieldNames();
      String mediaType = media.hasNext() ? media.next() : null;
      answers.add(new Answer(status, mediaType, mediaType == null
          || root.at(response + "/content/" + escape(mediaType) + "/schema").isMissingNode() ? null
          : derefPointer(response + "/content/" + escape(mediaType) + "/schema"),
          root.at(response + "/description").asText("")));
    });
    String javaName = op.has("x-payspec-method") ? op.get("x-payspec-method").asText() : javaName(id, tag);
    Operation operation = new Operation(this, id, method.toUpperCase(Locale.ROOT), path, pointer, tag, javaName,
        parameters, body, List.copyOf(answers), null);
    return operation.withPaging(paging(operation, op));
  }

  private List<Parameter> parameters(String itemPointer, String opPointer) {
    Map<String, Parameter> byKey = new LinkedHashMap<>();
    // The operation's parameters, then the path item's it does not override (same name and location):
    // the order the generated clients take them in.
    for (String level : new String[] {opPointer, itemPointer}) {
      JsonNode list = root.at(level + "/parameters");
      for (int i = 0; i < list.size(); i++) {
        String pointer = derefPointer(level + "/parameters/" + i);
        JsonNode p = root.at(pointer);
        String in = p.path("in").asText();
        String style = p.path("style").asText(in.equals("query") || in.equals("cookie") ? "form" : "simple");
        Parameter parameter = new Parameter(p.path("name").asText(), in, p.path("required").asBoolean(false), style,
            p.path("explode").asBoolean("form".equals(style)), p.has("content"),
            p.has("schema") ? derefPointer(pointer + "/schema") : null, p.path("description").asText(""), pointer);
        byKey.putIfAbsent(parameter.in() + ":" + parameter.name(), parameter);
      }
    }
    return List.copyOf(byKey.values());
  }

  /**
   * How the operation pages, or null: from {@code x-payspec-pagination}, or found: a {@code start}
   * query parameter and an object answer with one array property and {@code range.has_more}.
   */
  private Paging paging(Operation operation, JsonNode op) {
    JsonNode extension = op.path("x-payspec-pagination");
    String schema = operation.successSchema();
    JsonNode answer = schema == null ? null : at(schema);
    if (answer == null || !answer.path("properties").isObject()) {
      if (!extension.isMissingNode()) {
        throw new IllegalStateException(operation + ": x-payspec-pagination on an answer that is not an object");
      }
      return null;
    }
    String start = extension.path("start").asText("start");
    String items = extension.path("items").asText(null);
    String hasMore = extension.path("hasMore").asText("/range/has_more");
    if (items == null) {
      for (Iterator<Map.Entry<String, JsonNode>> p = answer.path("properties").fields(); p.hasNext(); ) {
        Map.Entry<String, JsonNode> property = p.next();
        if ("array".equals(deref(property.getValue()).path("type").asText())) {
          if (items != null) {
            return null;
          }
          items = property.getKey();
        }
      }
    }
    boolean hasStart = operation.parameters().stream().anyMatch(p -> p.in().equals("query") && p.name().equals(start));
    JsonNode flag = answer;
    for (String token : hasMore.substring(1).split("/")) {
      flag = deref(deref(flag).path("properties").path(token));
    }
    if (items == null || !hasStart || flag.isMissingNode()
        || !"array".equals(deref(answer.path("properties").path(items)).path("type").asText())) {
      if (!extension.isMissingNode()) {
        throw new IllegalStateException(operation + ": x-payspec-pagination names what the operation does not have");
      }
      return null;
    }
    String itemSchema = derefPointer(schema + "/properties/" + escape(items) + "/items");
    return new Paging(start, items, hasMore, hasMore.substring(0, hasMore.lastIndexOf('/')) + "/start", itemSchema);
  }

  /**
   * The wrapper's method name of an operation: {@code createCustomer} in tag Customers gives
   * {@code create}; {@code getCustomer} {@code retrieve}; {@code listCustomerPayments} {@code listPayments}.
   */
  static String javaName(String operationId, String tag) {
    List<String> words = new ArrayList<>(List.of(operationId.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
        .replaceAll("[^A-Za-z0-9]+", " ").trim().toLowerCase(Locale.ROOT).split(" ")));
    String verb = words.remove(0);
    if (verb.equals("get")) {
      verb = "retrieve";
    }
    String resource = tag.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String singular = resource.endsWith("s") ? resource.substring(0, resource.length() - 1) : resource;
    words.removeIf(w -> w.equals(resource) || w.equals(singular));
    StringBuilder name = new StringBuilder(verb);
    words.forEach(w -> name.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1)));
    return name.toString();
  }

  /** {@code customer_id} as a Java name: {@code customerId}. */
  public static String camel(String name) {
    StringBuilder out = new StringBuilder();
    for (String word : name.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        out.append(out.length() == 0 ? Character.toLowerCase(word.charAt(0)) : Character.toUpperCase(word.charAt(0)))
            .append(word.substring(1));
      }
    }
    return out.toString();
  }

  /** The Java package of the wrapper's classes for this API: {@code dev.payspec.stancer.v2} for {@code stancer-v2}. */
  public String javaPackage() {
    return "dev.payspec." + api.replace('-', '.');
  }

  /**
   * The wrapper's hand-written client of this API as the spec names it ({@code x-payspec-client}:
   * its class and its builder's credential methods), or null when the spec names none.
   */
  public Client client() {
    JsonNode client = root.path("x-payspec-client");
    if (!client.has("class")) {
      return null;
    }
    List<String> credentials = new ArrayList<>();
    client.path("credentials").forEach(c -> credentials.add(c.asText()));
    return new Client(client.get("class").asText(), List.copyOf(credentials));
  }

  /** The wrapper's client of an API: its simple class name and its builder's credential methods. */
  public record Client(String className, List<String> credentials) {}

  /**
   * What the wrapper offers for this API, as its service generator writes it: the client, each
   * operation's service accessor, Java method and paging, and the personal properties. The partner
   * kit reads it (as {@code <api>.payspec.json}) instead of the wrapper's sources.
   */
  public JsonNode metadata() {
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode out = json.createObjectNode().put("api", api)
        .put("javaPackage", javaPackage());
    Client client = client();
    if (client != null) {
      out.putObject("client").put("class", client.className()).set("credentials", json.valueToTree(client.credentials()));
    }
    com.fasterxml.jackson.databind.node.ArrayNode list = out.putArray("operations");
    for (Operation operation : operations.values()) {
      com.fasterxml.jackson.databind.node.ObjectNode o = list.addObject().put("id", operation.id())
          .put("method", operation.method()).put("path", operation.path()).put("service", camel(operation.tag()))
          .put("javaMethod", operation.javaName());
      operation.parameters().forEach(p -> o.withArray("parameters").addObject().put("name", p.name()).put("in", p.in())
          .put("javaName", p.javaName()).put("required", p.required()));
      if (operation.paging() != null) {
        o.set("paging", json.valueToTree(operation.paging()));
      }
    }
    out.set("personalProperties", json.valueToTree(personalProperties()));
    return out;
  }

  /**
   * Writes {@code <api>.payspec.json} ({@link #metadata()}) beside each bundle {@code <api>.json} of
   * a folder. Run by the specs module's build, between bundling and the partner kit.
   *
   * @param args the bundles' folder
   */
  public static void main(String[] args) throws IOException {
    Path bundles = Path.of(args[0]);
    List<Path> files;
    try (var list = Files.list(bundles)) {
      // <api>.json only: <api>.openapi30.json and the like are editions, not APIs.
      files = list.filter(f -> f.getFileName().toString().matches("[^.]+\\.json")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no bundle in " + bundles);
    }
    for (Path file : files) {
      ApiSpec spec = read(file);
      Path out = bundles.resolve(spec.api() + ".payspec.json");
      Files.writeString(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(spec.metadata()) + "\n");
      System.out.println("payspec specs: " + spec.api() + " metadata written to " + out.getFileName());
    }
  }

  @Override
  public String toString() {
    return "ApiSpec[" + api + "]";
  }

  /**
   * One operation as the spec states it.
   *
   * @param method the HTTP method, upper case
   * @param path the path template, such as {@code /customers/{customer_id}}
   * @param pointer the operation's JSON pointer in the bundle
   * @param tag its first tag: the wrapper's service
   * @param javaName the wrapper's method name ({@code x-payspec-method}, or from the id and tag)
   * @param body the request body, or null
   * @param answers every documented answer, in the spec's order
   * @param paging how it pages, or null
   */
  public record Operation(ApiSpec spec, String id, String method, String path, String pointer, String tag,
      String javaName, List<Parameter> parameters, Body body, List<Answer> answers, Paging paging) {

    Operation withPaging(Paging paging) {
      return new Operation(spec, id, method, path, pointer, tag, javaName, parameters, body, answers, paging);
    }

    /** The operation's node in the bundle. */
    public JsonNode node() {
      return spec.at(pointer);
    }

    /** The first success (2xx, {@code 2XX}) answer, or null. */
    public Answer success() {
      return answers.stream().filter(Answer::success).findFirst().orElse(null);
    }

    /** The schema pointer of the first success answer with a body, or null. */
    public String successSchema() {
      return answers.stream().filter(a -> a.success() && a.schema() != null).map(Answer::schema).findFirst().orElse(null);
    }

    /** The parameters in one location ({@code path}, {@code query}, {@code header}). */
    public List<Parameter> parameters(String in) {
      return parameters.stream().filter(p -> p.in().equals(in)).toList();
    }

    @Override
    public String toString() {
      return spec.api() + " " + id + " (" + method + " " + path + ")";
    }
  }

  /**
   * One parameter: where it goes, whether it is required, how it is serialized, its schema's pointer
   * (null when it has {@code content} instead) and the pointer of its own definition.
   */
  public record Parameter(String name, String in, boolean required, String style, boolean explode,
      boolean hasContent, String schema, String description, String pointer) {

    /** Its name as a Java identifier: {@code customer_id} is {@code customerId}. */
    public String javaName() {
      return camel(name);
    }
  }

  /** A request body: its media type, whether it is required and its schema's pointer (null without one). */
  public record Body(String mediaType, boolean required, String schema) {}

  /** One documented answer: its status ({@code 200}, {@code 2XX}, {@code default}), media type and schema pointer. */
  public record Answer(String status, String mediaType, String schema, String description) {

    /** Whether it is a success: {@code 2xx} or {@code 2XX}. */
    public boolean success() {
      return status.startsWith("2");
    }
  }

  /**
   * How a list operation pages: the query parameter that holds the position of its first item,
   * the answer's array property, the pointer of its "more after this" flag, the pointer of the
   * position the answer reports, and the items' schema.
   */
  public record Paging(String start, String items, String hasMore, String startPointer, String itemSchema) {}

  /** The operations grouped by tag, in the order of the spec's {@code tags}, then of first use. */
  public Map<String, List<Operation>> byTag() {
    Map<String, List<Operation>> byTag = new LinkedHashMap<>();
    root.path("tags").forEach(tag -> byTag.put(tag.path("name").asText(), new ArrayList<>()));
    operations.values().forEach(op -> byTag.computeIfAbsent(op.tag(), t -> new ArrayList<>()).add(op));
    byTag.values().removeIf(List::isEmpty);
    return byTag;
  }

  /** A tag's description, or "". */
  public String tagDescription(String name) {
    for (JsonNode tag : root.path("tags")) {
      if (tag.path("name").asText().equals(name)) {
        return tag.path("description").asText("");
      }
    }
    return "";
  }
}
