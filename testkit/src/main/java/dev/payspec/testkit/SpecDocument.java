package dev.payspec.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.payspec.spec.ApiSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One bundled spec as the {@code payspec-specs} jar holds it ({@code openapi/<api>.json}), read by
 * the shared {@link ApiSpec}: its operations, matched against request paths, and a JSON Schema
 * 2020-12 validator (formats asserted, as Prism asserts them) for any schema in it.
 */
final class SpecDocument {

  final String api;
  final JsonNode root;
  final List<Operation> operations;
  private final ApiSpec spec;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private SpecDocument(ApiSpec spec) {
    this.spec = spec;
    this.api = spec.api();
    this.root = spec.root();
    List<Operation> found = new ArrayList<>();
    for (ApiSpec.Operation operation : spec.operations()) {
      found.add(new Operation(this, operation));
    }
    if (found.isEmpty()) {
      throw new IllegalStateException("the " + api + " spec has no operation");
    }
    this.operations = List.copyOf(found);
  }

  /** Reads {@code openapi/<api>.json} from the class path (the {@code payspec-specs} jar). */
  static SpecDocument load(String api) {
    String resource = "openapi/" + api + ".json";
    if (SpecDocument.class.getClassLoader().getResource(resource) == null) {
      throw new IllegalArgumentException("no spec named '" + api + "' on the class path (" + resource
          + "): is dev.payspec:payspec-specs a test dependency, and is the name one of its APIs?");
    }
    return of(ApiSpec.load(api));
  }

  /** A spec already read. */
  static SpecDocument of(ApiSpec spec) {
    return new SpecDocument(spec);
  }

  /**
   * The operation a test names, by its operation id ({@code getCustomer}) or by the wrapper's method
   * name for it ({@code retrieve}); an id wins over a method name. Any other name, or a method name
   * that two operations share, is refused with the names that would do.
   */
  Operation operation(String name) {
    if (name == null) {
      throw new NullPointerException("the operation's name is null: pass an operation id of the " + api
          + " spec or the wrapper's method name for it: " + names());
    }
    for (Operation operation : operations) {
      if (operation.id.equals(name)) {
        return operation;
      }
    }
    List<Operation> byMethod = operations.stream().filter(operation -> operation.javaName.equals(name)).toList();
    if (byMethod.size() == 1) {
      return byMethod.get(0);
    }
    if (byMethod.size() > 1) {
      throw new IllegalArgumentException("'" + name + "' is the wrapper's method name of " + byMethod.size()
          + " operations of the " + api + " spec, " + byMethod.stream()
              .map(operation -> operation.id + " (" + operation.tag + ")").collect(Collectors.joining(", "))
          + ": name the one you mean by its operation id");
    }
    throw new IllegalArgumentException("the " + api + " spec has no operation named '" + name + "': name one by its"
        + " operation id or by the wrapper's method name for it: " + names());
  }

  /** Every operation's names, as {@code getCustomer or retrieve}; a method name that names another operation too is left out. */
  private String names() {
    return operations.stream().map(operation -> operation.id + (names(operation.javaName) ? " or " + operation.javaName : ""))
        .collect(Collectors.joining(", "));
  }

  /** Whether this method name picks one operation. */
  private boolean names(String javaName) {
    return operations.stream().noneMatch(operation -> operation.id.equals(javaName))
        && operations.stream().filter(operation -> operation.javaName.equals(javaName)).count() == 1;
  }

  /** The operation serving this method and path, if any. */
  Optional<Match> match(String method, String path) {
    for (Operation operation : operations) {
      if (operation.method.equals(method)) {
        Matcher matcher = operation.pathPattern.matcher(path);
        if (matcher.matches()) {
          return Optional.of(new Match(operation, matcher));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether any operation serves this path with another method (a 405 rather than a 404). */
  boolean servesPath(String path) {
    return operations.stream().anyMatch(operation -> operation.pathPattern.matcher(path).matches());
  }

  /** Every violation of the schema at a JSON pointer of the document by {@code value}. */
  Set<ValidationMessage> validate(String pointer, JsonNode value) {
    JsonSchema schema = schemas.computeIfAbsent(pointer,
        // The wrapper's own dialect (formats asserted as Prism asserts them): the fake judges as the client does.
        p -> dev.payspec.internal.SchemaCheck.schemaAt("classpath:openapi/" + api + ".json#" + p));
    return schema.validate(value);
  }

  /** Follows local {@code $ref}s, as the bundler writes them. */
  JsonNode deref(JsonNode node) {
    return spec.deref(node);
  }

  /** One operation of the spec. */
  static final class Operation {

    final String id;
    /** The wrapper's method name ({@code retrieve} for {@code getCustomer}). */
    final String javaName;
    final String tag;
    final String method;
    final String path;
    final JsonNode node;
    final List<String> pathParameters = new ArrayList<>();
    final Pattern pathPattern;
    private final SpecDocument spec;
    private final ApiSpec.Operation operation;

    private Operation(SpecDocument spec, ApiSpec.Operation operation) {
      this.spec = spec;
      this.operation = operation;
      this.id = operation.id();
      this.javaName = operation.javaName();
      this.tag = operation.tag();
      this.method = operation.method();
      this.path = operation.path();
      this.node = operation.node();
      StringBuilder regex = new StringBuilder();
      Matcher variables = Pattern.compile("\\{([^}]+)}").matcher(path);
      int from = 0;
      while (variables.find()) {
        regex.append(Pattern.quote(path.substring(from, variables.start()))).append("([^/]+)");
        pathParameters.add(variables.group(1));
        from = variables.end();
      }
      regex.append(Pattern.quote(path.substring(from)));
      this.pathPattern = Pattern.compile(regex.toString());
    }

    /** The JSON pointer of this operation in the document. */
    String pointer() {
      return operation.pointer();
    }

    /** The operation's parameters, then the path item's it does not override, dereferenced. */
    List<Parameter> parameters() {
      return operation.parameters().stream()
          .map(p -> new Parameter(p.name(), p.in(), p.pointer(), spec.root.at(p.pointer()))).toList();
    }

    boolean hasBody() {
      return !node.path("requestBody").isMissingNode();
    }

    /** The documented responses in the order the spec lists them, dereferenced. */
    List<Map.Entry<String, JsonNode>> responses() {
      List<Map.Entry<String, JsonNode>> responses = new ArrayList<>();
      node.path("responses").fields().forEachRemaining(entry -> responses.add(Map.entry(entry.getKey(), spec.deref(entry.getValue()))));
      return responses;
    }

    /** The first documented success: its code ({@code 2XX} read as 200) and response. */
    Map.Entry<Integer, JsonNode> success() {
      for (Map.Entry<String, JsonNode> response : responses()) {
        if (response.getKey().startsWith("2")) {
          int code = response.getKey().equalsIgnoreCase("2XX") ? 200 : Integer.parseInt(response.getKey());
          return Map.entry(code, response.getValue());
        }
      }
      throw new IllegalStateException(id + " documents no success");
    }

    /** The documented response for a status: the exact code, its class ({@code 4XX}), or {@code default}. */
    Optional<JsonNode> response(int status) {
      JsonNode responses = node.path("responses");
      for (String key : List.of(String.valueOf(status), (status / 100) + "XX", "default")) {
        if (responses.has(key)) {
          return Optional.of(spec.deref(responses.get(key)));
        }
      }
      return Optional.empty();
    }

    boolean documents(int status) {
      return node.path("responses").has(String.valueOf(status));
    }

    /** The schema of a response's JSON body, dereferenced, or a missing node. */
    JsonNode schemaOf(JsonNode response) {
      return spec.deref(response.path("content").path("application/json").path("schema"));
    }

    /** The first example of a response's JSON body, or null. */
    JsonNode firstExample(JsonNode response) {
      Iterator<JsonNode> examples = response.path("content").path("application/json").path("examples").elements();
      return examples.hasNext() ? spec.deref(examples.next()).path("value") : null;
    }

    boolean secured() {
      JsonNode security = node.has("security") ? node.get("security") : spec.root.path("security");
      return security.size() > 0 && !(security.size() == 1 && security.get(0).isEmpty());
    }
  }

  /**
   * One parameter of an operation, with the JSON pointer of its definition (its schema is at
   * {@code pointer + "/schema"}).
   */
  record Parameter(String name, String in, String pointer, JsonNode node) {}

  /** An operation matched by a request path, with the path's variables. */
  record Match(Operation operation, Matcher matcher) {
    String pathVariable(int index) {
      return matcher.group(index + 1);
    }
  }
}
