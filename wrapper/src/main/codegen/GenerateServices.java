import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the wrapper's services from the specs, at every build (generate-sources): for each bundle
 * {@code <api>.json} and each tag of its operations, a class {@code <Prefix><Tag>} with one method
 * per operation, and {@code <Prefix>Services}, the client's accessors. Launched as a single-file
 * program on the wrapper's compile class path, so it reads the generated Feign interfaces and
 * models themselves: every Java type in a signature is the generated client's own, never a second
 * copy of a name. The behaviour (checks, sending, retries, paging) is the runtime's
 * ({@code dev.payspec.internal.Operation}); the generated code only names and types it.
 *
 * <p>Arguments: the bundles' directory, the wrapper's hand-written sources, the output directory.
 */
public final class GenerateServices {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

  public static void main(String[] args) throws Exception {
    Path bundles = Path.of(args[0]);
    Path sources = Path.of(args[1]);
    Path out = Path.of(args[2]);
    List<Path> specs;
    try (Stream<Path> files = Files.list(bundles)) {
      // <api>.json only: the partner kit's <api>.openapi30.json and <api>.postman.json are editions, not APIs.
      specs = files.filter(f -> f.getFileName().toString().matches("[^.]+\\.json")).sorted().toList();
    }
    if (specs.isEmpty()) {
      throw new IllegalStateException("no bundle in " + bundles + ": build the specs module first");
    }
    for (Path spec : specs) {
      String api = spec.getFileName().toString().replaceFirst("\\.json$", "");
      String generatedApi = "dev.payspec." + api.replace('-', '.') + ".generated.api";
      if (GenerateServices.class.getClassLoader().getResource(generatedApi.replace('.', '/')) == null) {
        // The wrapper's TransportCoversTheSpecsTest fails for it, saying what to add.
        System.out.println("GenerateServices: the " + api + " spec has no generated client (" + generatedApi
            + "): no services written for it");
        continue;
      }
      new GenerateServices(api, JSON.readTree(spec.toFile()), sources, out).generate();
    }
  }

  private final String api;
  private final JsonNode root;
  private final String pkg;
  private final String prefix;
  private final Path out;
  private final Path sources;

  private GenerateServices(String api, JsonNode root, Path sources, Path out) throws IOException {
    this.api = api;
    this.root = root;
    this.pkg = "dev.payspec." + api.replace('-', '.');
    this.sources = sources.resolve(pkg.replace('.', '/'));
    this.prefix = clientPrefix(sources.resolve(pkg.replace('.', '/')), api);
    this.out = out.resolve(pkg.replace('.', '/'));
  }

  /** The prefix of the hand-written client, {@code Stancer} for {@code StancerClient}; or the API's name. */
  private static String clientPrefix(Path dir, String api) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        List<String> clients = files.map(f -> f.getFileName().toString())
            .filter(n -> n.endsWith("Client.java")).sorted().toList();
        if (!clients.isEmpty()) {
          return clients.get(0).replaceFirst("Client\\.java$", "");
        }
      }
    }
    return pascal(api);
  }

  private void generate() throws Exception {
    Map<String, List<JsonNode[]>> byTag = new LinkedHashMap<>();
    root.path("tags").forEach(tag -> byTag.put(tag.path("name").asText(), new ArrayList<>()));
    root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
      if (METHODS.contains(entry.getKey())) {
        JsonNode op = entry.getValue();
        String tag = op.path("tags").path(0).asText("default");
        byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(new JsonNode[] {
            op, JSON.getNodeFactory().textNode(entry.getKey()), JSON.getNodeFactory().textNode(path.getKey()), path.getValue()});
      }
    }));
    Files.createDirectories(out);
    for (Kind kind : Kind.values()) {
      generate(kind, byTag);
    }
  }

  /**
   * How a family of services returns: the plain one (the client's accessors), and the async, raw
   * and raw async views of it ({@code client.async()}, {@code client.withRawResponse()}, ...), which
   * call the same operations.
   */
  enum Kind {
    SYNC("", "call", "page"),
    ASYNC("Async", "callAsync", "pageAsync"),
    RAW("Raw", "callRaw", "pageRaw"),
    RAW_ASYNC("RawAsync", "callRawAsync", "pageRawAsync");

    final String suffix;
    final String call;
    final String page;

    Kind(String suffix, String call, String page) {
      this.suffix = suffix;
      this.call = call;
      this.page = page;
    }

    String wrap(String type) {
      String boxed = type.equals("void") ? "Void" : type;
      return switch (this) {
        case SYNC -> type;
        case ASYNC -> "java.util.concurrent.CompletableFuture<" + boxed + ">";
        case RAW -> "dev.payspec.RawResponse<" + boxed + ">";
        case RAW_ASYNC -> "java.util.concurrent.CompletableFuture<dev.payspec.RawResponse<" + boxed + ">>";
      };
    }

    String about() {
      return switch (this) {
        case SYNC -> "";
        case ASYNC -> " Each call returns at once a {@link java.util.concurrent.CompletableFuture}: it completes with\n"
            + " * the answer, or exceptionally with the exception the plain call would throw (a refused argument's\n"
            + " * {@link dev.payspec.ValidationException} included); retries wait on timers, not threads; cancelling it\n"
            + " * cancels the request under way.";
        case RAW -> " Each call returns a {@link dev.payspec.RawResponse}: the status, headers and body of the answer\n"
            + " * with its decoded value.";
        case RAW_ASYNC -> " Each call returns at once a {@link java.util.concurrent.CompletableFuture} of a\n"
            + " * {@link dev.payspec.RawResponse}, completed as the async services' are.";
      };
    }
  }

  private void generate(Kind kind, Map<String, List<JsonNode[]>> byTag) throws Exception {
    StringBuilder accessors = new StringBuilder();
    StringBuilder fields = new StringBuilder();
    StringBuilder init = new StringBuilder();
    for (Map.Entry<String, List<JsonNode[]>> tag : byTag.entrySet()) {
      if (tag.getValue().isEmpty()) {
        continue;
      }
      String service = prefix + pascal(tag.getKey()) + kind.suffix;
      String accessor = camel(tag.getKey());
      String description = tagDescription(tag.getKey());
      write(service, service(kind, service, tag.getKey(), description, tag.getValue()));
      fields.append("  private final ").append(service).append(' ').append(accessor).append(";\n");
      init.append("    this.").append(accessor).append(" = new ").append(service).append("(runtime);\n");
      accessors.append("\n  /**\n   * ").append(javadoc(description.isBlank() ? "The " + tag.getKey() + " operations." : description, "   * "))
          .append("\n   */\n  public ").append(service).append(' ').append(accessor).append("() {\n    return ")
          .append(accessor).append(";\n  }\n");
    }
    String services = prefix + kind.suffix + "Services";
    // The views: options for the calls of a view, and the async and raw families of the same operations.
    accessors.append("\n  /**\n   * A view of these services whose calls carry {@code options} (a timeout, retries, headers),\n"
        + "   * merged over this view's own; it shares the client's connections, threads and checks.\n   */\n"
        + "  public " + services + " withOptions(dev.payspec.RequestOptions options) {\n    return new "
        + (kind == Kind.SYNC ? "View" : services) + "(runtime.withOptions(options));\n  }\n");
    if (kind == Kind.SYNC || kind == Kind.RAW) {
      String async = prefix + (kind == Kind.SYNC ? "Async" : "RawAsync") + "Services";
      accessors.append("\n  /** The same operations, each returning a {@link java.util.concurrent.CompletableFuture}. */\n"
          + "  public " + async + " async() {\n    return new " + async + "(runtime);\n  }\n");
    }
    if (kind == Kind.SYNC || kind == Kind.ASYNC) {
      String raw = prefix + (kind == Kind.SYNC ? "Raw" : "RawAsync") + "Services";
      accessors.append("\n  /** The same operations, each returning the answer's status, headers and body with its value. */\n"
          + "  public " + raw + " withRawResponse() {\n    return new " + raw + "(runtime);\n  }\n");
    }
    if (kind == Kind.SYNC) {
      accessors.append("\n  /** A view with other options: not closeable, the client is. */\n"
          + "  private static final class View extends " + services + " {\n    View(ApiRuntime runtime) {\n"
          + "      super(runtime);\n    }\n  }\n");
    }
    write(services, "package " + pkg + ";\n\nimport dev.payspec.internal.ApiRuntime;\n\n"
        + "/**\n * The services of the " + api + " spec, one per tag" + (kind == Kind.SYNC ? ": the accessors of {@code " + prefix + "Client}." : ".")
        + "\n *" + kind.about() + "\n"
        + " * Generated from the spec at every build by {@code wrapper/src/main/codegen/GenerateServices.java}.\n */\n"
        + "public " + (kind == Kind.SYNC ? "abstract " : "final ") + "class " + services + " {\n\n  private final ApiRuntime runtime;\n"
        + fields + "\n  " + services + "(ApiRuntime runtime) {\n    this.runtime = runtime;\n" + init
        + "  }\n" + accessors + "}\n");
  }

  private String tagDescription(String name) {
    for (JsonNode tag : root.path("tags")) {
      if (tag.path("name").asText().equals(name)) {
        return tag.path("description").asText("");
      }
    }
    return "";
  }

  private String service(Kind kind, String service, String tag, String description, List<JsonNode[]> operations) throws Exception {
    Class<?> feign = Class.forName(pkg + ".generated.api." + pascal(tag) + "Api");
    StringBuilder fields = new StringBuilder();
    StringBuilder init = new StringBuilder();
    StringBuilder methods = new StringBuilder();
    Set<String> signatures = new TreeSet<>();
    for (JsonNode[] entry : operations) {
      JsonNode op = entry[0];
      String operationId = op.path("operationId").asText();
      Method method = feignMethod(feign, operationId);
      String name = op.has("x-payspec-method") ? op.get("x-payspec-method").asText() : methodName(operationId, tag);
      String field = camel(operationId);
      fields.append("  private final Operation ").append(field).append(";\n");
      init.append("    this.").append(field).append(" = runtime.operation(").append(feign.getName()).append(".class, \"")
          .append(method.getName()).append("\", \"").append(operationId).append("\")");
      String[] paging = paging(op, entry[3], method);
      if (paging != null) {
        init.append(".paging(\"").append(paging[0]).append("\", \"").append(paging[1]).append("\", \"")
            .append(paging[2]).append("\")");
      }
      init.append(";\n");

      List<String> names = new ArrayList<>();
      List<String> params = new ArrayList<>();
      Type[] types = method.getGenericParameterTypes();
      for (int i = 0; i < types.length; i++) {
        String argument = paramName(method, i);
        names.add(argument);
        params.add(typeName(types[i]) + " " + argument);
      }
      String plain = paging == null ? typeName(method.getGenericReturnType())
          : "dev.payspec.Page<" + paging[3] + ">";
      String returned = kind.wrap(plain);
      String signature = name + "(" + String.join(",", params.stream().map(p -> p.substring(0, p.lastIndexOf(' '))).toList()) + ")";
      if (!signatures.add(signature)) {
        throw new IllegalStateException(api + " spec: two operations of tag " + tag + " become " + signature
            + " in " + service + ": name one with x-payspec-method");
      }
      String doc = methodJavadoc(op, entry[3], method, names, paging != null);
      if (kind == Kind.ASYNC || kind == Kind.RAW_ASYNC) {
        doc = doc.replace("   * @throws dev.payspec.ValidationException when an argument breaks the spec; nothing is sent\n",
            "   * @return the future answer; a broken rule completes it with {@link dev.payspec.ValidationException} and nothing is sent\n")
            .replaceFirst("   \\* @return (?![^\\n]*future answer)[^\\n]*\\n((   \\*     [^\\n]*\\n)*)", "");
      }
      methods.append('\n').append(doc);
      if (kind == Kind.SYNC) {
        // The one method per operation that tools find by its operationId.
        methods.append("  @dev.payspec.SpecOperation(\"").append(operationId).append("\")\n");
      }
      methods.append("  public ").append(returned).append(' ').append(name).append('(').append(String.join(", ", params))
          .append(") {\n    ");
      String call = paging == null ? field + (kind == Kind.SYNC ? "" : ".<" + (plain.equals("void") ? "Void" : plain) + ">")
          + "." + kind.call + "(" + String.join(", ", names) + ")"
          : field + "." + kind.page + "(" + paging[3] + ".class" + (names.isEmpty() ? "" : ", ") + String.join(", ", names) + ")";
      call = call.replace(">.call", ">call");
      if (returned.equals("void")) {
        methods.append(call).append(";\n  }\n");
      } else if (paging != null || kind != Kind.SYNC) {
        methods.append("return ").append(call).append(";\n  }\n");
      } else {
        methods.append("return (").append(returned).append(") ").append(call).append(";\n  }\n");
      }
      methods.append(queryParamsOverload(feign, op, entry, method, name, returned, names, signatures, service));
    }
    return "package " + pkg + ";\n\nimport dev.payspec.internal.ApiRuntime;\nimport dev.payspec.internal.Operation;\n\n"
        + "/**\n * " + javadoc(description.isBlank() ? "The " + tag + " operations of the " + api + " spec." : description, " * ")
        + "\n *\n * <p>Every call is checked against the spec before it is sent (a broken rule throws\n"
        + " * {@link dev.payspec.ValidationException} and nothing is sent), retried as its method allows, and its\n"
        + " * answer checked against the spec; failures are {@link dev.payspec.PayspecException}s. Generated from the\n"
        + " * spec at every build by {@code wrapper/src/main/codegen/GenerateServices.java}." + kind.about() + "\n */\n"
        + "public final class " + service + (kind == Kind.SYNC ? extras(service) : "") + " {\n\n" + fields + "\n  " + service + "(ApiRuntime runtime) {\n" + init + "  }\n"
        + methods + "}\n";
  }

  /**
   * What a service extends: its hand-written {@code <Service>Extras} beside the client, when there
   * is one (calls written once on top of the spec's operations, such as settling a create whose
   * outcome is unknown); nothing otherwise.
   */
  private String extras(String service) {
    return Files.isRegularFile(sources.resolve(service + "Extras.java")) ? " extends " + service + "Extras" : "";
  }

  /** The generated method of an operation: its name is the operationId in camel case. */
  private Method feignMethod(Class<?> feign, String operationId) {
    for (Method m : feign.getMethods()) {
      boolean queryMap = Stream.of(m.getParameterAnnotations()).flatMap(Stream::of)
          .anyMatch(a -> a.annotationType().getSimpleName().equals("QueryMap"));
      if (normalized(m.getName()).equals(normalized(operationId)) && !queryMap) {
        return m;
      }
    }
    throw new IllegalStateException(feign.getName() + " has no method for the operation " + operationId
        + ": the generated client and the spec come from different builds");
  }

  /**
   * An overload of a method with query parameters that takes them as the generated Feign
   * interface's {@code *QueryParams} object instead of one positional argument each, and calls the
   * positional method: the same checks, paging and exceptions. Empty when the operation has no
   * query parameter, the Feign interface no such object, or a parameter a type the runtime does
   * not decode.
   */
  private String queryParamsOverload(Class<?> feign, JsonNode op, JsonNode[] entry, Method method, String name,
      String returned, List<String> names, Set<String> signatures, String service) {
    Class<?> queryParams = null;
    for (Method m : feign.getMethods()) {
      if (normalized(m.getName()).equals(normalized(op.path("operationId").asText()))) {
        for (Class<?> type : m.getParameterTypes()) {
          if (type.getSimpleName().endsWith("QueryParams") && Map.class.isAssignableFrom(type)) {
            queryParams = type;
          }
        }
      }
    }
    Set<String> query = new TreeSet<>();
    for (JsonNode level : new JsonNode[] {entry[3].path("parameters"), op.path("parameters")}) {
      for (JsonNode p : level) {
        p = deref(p);
        if (p.path("in").asText().equals("query")) {
          query.add(p.path("name").asText());
        }
      }
    }
    if (queryParams == null || query.isEmpty()) {
      return "";
    }
    Set<String> normalizedQuery = new TreeSet<>();
    query.forEach(q -> normalizedQuery.add(normalized(q)));
    Type[] types = method.getGenericParameterTypes();
    List<String> params = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (normalizedQuery.contains(normalized(names.get(i)))) {
        if (!(types[i] instanceof Class<?>)) {
          return "";
        }
        arguments.add("query.get(\"" + names.get(i) + "\", " + typeName(types[i]) + ".class)");
      } else {
        params.add(typeName(types[i]) + " " + names.get(i));
        kept.add(typeName(types[i]));
        arguments.add(names.get(i));
      }
    }
    String queryType = typeName(queryParams);
    params.add(queryType + " queryParams");
    kept.add(queryType);
    String signature = name + "(" + String.join(",", kept) + ")";
    if (!signatures.add(signature)) {
      throw new IllegalStateException(api + " spec: " + signature + " of " + service + " is generated twice");
    }
    List<String> positional = new ArrayList<>();
    for (Type type : types) {
      positional.add(typeName(type).replaceAll("<.*>", ""));
    }
    StringBuilder names0 = new StringBuilder();
    query.forEach(q -> names0.append(names0.length() == 0 ? "" : ", ").append('"').append(q).append('"'));
    return "\n  /**\n   * As {@link #" + name + "(" + String.join(", ", positional) + ")}, with the query parameters set on the\n"
        + "   * generated client's {@code " + queryParams.getSimpleName() + "} (one setter each; a parameter not set is not\n"
        + "   * sent), such as {@code new " + queryParams.getEnclosingClass().getSimpleName() + "." + queryParams.getSimpleName()
        + "()." + camel(query.iterator().next()) + "(...)}: the same checks, paging and exceptions.\n   *\n"
        + "   * @throws dev.payspec.ValidationException when a parameter breaks the spec or is not one of this\n"
        + "   *     operation's; nothing is sent\n   */\n"
        + "  public " + returned + " " + name + "(" + String.join(", ", params) + ") {\n"
        + "    dev.payspec.internal.QueryParamsArguments query = dev.payspec.internal.QueryParamsArguments.of(queryParams, \""
        + entry[1].asText().toUpperCase(Locale.ROOT) + "\", \"" + entry[2].asText() + "\", java.util.Set.of(" + names0 + "));\n"
        + "    " + (returned.equals("void") ? "" : "return ") + name + "(" + String.join(", ", arguments) + ");\n  }\n";
  }

  /** {@code createCustomer} in tag Customers gives create; {@code getCustomer} retrieve; {@code listCustomerPayments} listPayments. */
  static String methodName(String operationId, String tag) {
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

  /**
   * How the operation pages, as {start parameter, items property, hasMore pointer, item type}; or
   * null. From {@code x-payspec-pagination}, or detected: a {@code start} query parameter and an
   * object answer with one array and {@code range.has_more}. A bare-array answer does not page.
   */
  private String[] paging(JsonNode op, JsonNode pathItem, Method method) {
    JsonNode extension = op.path("x-payspec-pagination");
    JsonNode answer = answerSchema(op);
    if (answer == null || !answer.path("properties").isObject()) {
      return null;
    }
    String start = extension.path("start").asText("start");
    String items = extension.path("items").asText(null);
    String hasMore = extension.path("hasMore").asText("/range/has_more");
    if (items == null) {
      for (Map.Entry<String, JsonNode> p : (Iterable<Map.Entry<String, JsonNode>>) answer.path("properties").properties()::iterator) {
        if ("array".equals(deref(p.getValue()).path("type").asText())) {
          if (items != null) {
            return null;
          }
          items = p.getKey();
        }
      }
    }
    boolean hasStart = false;
    for (JsonNode level : new JsonNode[] {pathItem.path("parameters"), op.path("parameters")}) {
      for (JsonNode p : level) {
        p = deref(p);
        hasStart |= p.path("in").asText().equals("query") && p.path("name").asText().equals(start);
      }
    }
    JsonNode flag = answer;
    for (String token : hasMore.substring(1).split("/")) {
      flag = deref(deref(flag).path("properties").path(token));
    }
    if (items == null || !hasStart || flag.isMissingNode()) {
      if (!extension.isMissingNode()) {
        throw new IllegalStateException(api + " " + op.path("operationId").asText() + ": x-payspec-pagination names"
            + " what the operation does not have");
      }
      return null;
    }
    return new String[] {start, items, hasMore, itemType(method.getReturnType(), items)};
  }

  private static String itemType(Class<?> list, String property) {
    for (Method getter : list.getMethods()) {
      JsonProperty json = getter.getAnnotation(JsonProperty.class);
      if (json != null && json.value().equals(property) && getter.getParameterCount() == 0
          && getter.getGenericReturnType() instanceof ParameterizedType items) {
        return typeName(items.getActualTypeArguments()[0]);
      }
    }
    throw new IllegalStateException(list.getName() + " has no list property " + property);
  }

  private JsonNode answerSchema(JsonNode op) {
    for (Map.Entry<String, JsonNode> response : (Iterable<Map.Entry<String, JsonNode>>) op.path("responses").properties()::iterator) {
      if (response.getKey().startsWith("2")) {
        JsonNode schema = deref(response.getValue()).path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
          return deref(schema);
        }
      }
    }
    return null;
  }

  private String methodJavadoc(JsonNode op, JsonNode pathItem, Method method, List<String> names, boolean paged) {
    StringBuilder doc = new StringBuilder("  /**\n   * ");
    String summary = op.path("summary").asText(op.path("operationId").asText());
    doc.append(javadoc(summary.endsWith(".") ? summary : summary + ".", "   * "));
    String description = op.path("description").asText("");
    if (!description.isBlank()) {
      doc.append("\n   *\n   * <p>").append(javadoc(description, "   * "));
    }
    doc.append("\n   *\n   * <p>{@code ").append(op.path("operationId").asText()).append("}: ")
        .append(method.getAnnotation(feign.RequestLine.class).value().replaceFirst("\\?.*", "").replace("{", "&#123;")
        .replace("}", "&#125;").replace("@", "&#64;")).append('\n');
    Map<String, String> parameters = new LinkedHashMap<>();
    for (JsonNode level : new JsonNode[] {pathItem.path("parameters"), op.path("parameters")}) {
      for (JsonNode p : level) {
        p = deref(p);
        parameters.put(normalized(p.path("name").asText()), p.path("description").asText(p.path("name").asText()));
      }
    }
    doc.append("   *\n");
    for (int i = 0; i < names.size(); i++) {
      String about = parameters.get(normalized(names.get(i)));
      if (about == null) {
        about = deref(op.path("requestBody")).path("description").asText("the request body");
      }
      doc.append("   * @param ").append(names.get(i)).append(' ').append(javadoc(about, "   *     ")).append('\n');
    }
    if (method.getReturnType() != void.class) {
      doc.append("   * @return ").append(paged ? "the first page asked for; its autoPaging() and stream() go through the following pages"
          : javadoc(successDescription(op), "   *     ")).append('\n');
    }
    doc.append("   * @throws dev.payspec.ValidationException when an argument breaks the spec; nothing is sent\n");
    doc.append("   */\n");
    return doc.toString();
  }

  private String successDescription(JsonNode op) {
    for (Map.Entry<String, JsonNode> response : (Iterable<Map.Entry<String, JsonNode>>) op.path("responses").properties()::iterator) {
      if (response.getKey().startsWith("2")) {
        return deref(response.getValue()).path("description").asText("the answer");
      }
    }
    return "the answer";
  }

  private JsonNode deref(JsonNode node) {
    for (int hops = 0; node.has("$ref") && hops < 32; hops++) {
      node = root.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  /** Markdown of the spec as Javadoc: HTML escaped, code spans as code, blank lines as paragraphs. */
  static String javadoc(String markdown, String indent) {
    String text = markdown.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("*/", "*&#47;").replace("@", "&#64;").replace("{", "&#123;").replace("}", "&#125;")
        .replaceAll("`([^`]+)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>")
        .replaceAll("(?<![*\\w])\\*([^*\\n]+)\\*(?!\\*)", "<i>$1</i>");
    return String.join("\n" + indent, text.replaceAll("\n\\s*\n", "\n<p>").split("\n"));
  }

  private static String paramName(Method method, int index) {
    for (var annotation : method.getParameterAnnotations()[index]) {
      if (annotation instanceof feign.Param param) {
        return param.value();
      }
    }
    return "request";
  }

  private static String typeName(Type type) {
    return type.getTypeName().replace('$', '.');
  }

  private static String normalized(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }

  static String pascal(String text) {
    StringBuilder out = new StringBuilder();
    for (String word : text.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  static String camel(String text) {
    String p = pascal(text);
    return Character.toLowerCase(p.charAt(0)) + p.substring(1);
  }

  private void write(String className, String source) throws IOException {
    Files.writeString(out.resolve(className + ".java"), source, StandardCharsets.UTF_8);
  }
}
