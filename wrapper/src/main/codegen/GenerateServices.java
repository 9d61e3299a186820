import dev.payspec.spec.ApiSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes the wrapper's services from the specs alone, at every build (generate-sources): for each
 * bundle {@code <api>.json} and each tag of its operations, a class {@code <Prefix><Tag>} with one
 * method per operation, and {@code <Prefix>Services}, the client's accessors. The spec is read by
 * {@link ApiSpec}, as at run time; each Java type in a signature is the generated model the spec's
 * schema names (payspec-models), checked to exist, so a spec and its models from different builds
 * fail here. The behaviour (checks, sending, retries, paging) is the runtime's
 * ({@code dev.payspec.internal.Operation}); a generated method only names its operation and hands it
 * its arguments by the spec's parameter names.
 *
 * <p>Arguments: the bundles' directory, the wrapper's hand-written sources, the output directory.
 */
public final class GenerateServices {

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
      new GenerateServices(ApiSpec.read(spec), sources, out).generate();
    }
  }

  private final ApiSpec spec;
  private final String api;
  private final String pkg;
  private final String models;
  private final String prefix;
  private final Path out;
  private final Path sources;

  private GenerateServices(ApiSpec spec, Path sources, Path out) throws IOException {
    this.spec = spec;
    this.api = spec.api();
    this.pkg = "dev.payspec." + api.replace('-', '.');
    this.models = pkg + ".generated.model";
    this.sources = sources.resolve(pkg.replace('.', '/'));
    this.prefix = clientPrefix(spec, this.sources);
    this.out = out.resolve(pkg.replace('.', '/'));
  }

  /**
   * The prefix of the hand-written client the spec names ({@code x-payspec-client}), {@code Stancer}
   * for {@code StancerClient}, which must exist beside the services; or the API's name when the spec
   * names none (the services are then written for a client still to come).
   */
  private static String clientPrefix(ApiSpec spec, Path sources) {
    ApiSpec.Client client = spec.client();
    if (client == null) {
      return pascal(spec.api());
    }
    if (!Files.isRegularFile(sources.resolve(client.className() + ".java"))) {
      throw new IllegalStateException(spec.api() + " spec: x-payspec-client names " + client.className() + ", but there is no "
          + sources.resolve(client.className() + ".java") + ": write it (its credentials and defaults), or fix the name");
    }
    return client.className().replaceFirst("Client$", "");
  }

  private void generate() throws Exception {
    Files.createDirectories(out);
    Map<String, List<ApiSpec.Operation>> byTag = spec.byTag();
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

  private void generate(Kind kind, Map<String, List<ApiSpec.Operation>> byTag) throws Exception {
    StringBuilder accessors = new StringBuilder();
    StringBuilder fields = new StringBuilder();
    StringBuilder init = new StringBuilder();
    for (Map.Entry<String, List<ApiSpec.Operation>> tag : byTag.entrySet()) {
      String service = prefix + pascal(tag.getKey()) + kind.suffix;
      String accessor = camel(tag.getKey());
      String description = spec.tagDescription(tag.getKey());
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

  /** One argument of a generated method: a parameter (by its spec name), or the body (name null). */
  private record Argument(String javaName, String type, ApiSpec.Parameter parameter, boolean required) {}

  /**
   * The arguments of an operation's method, in the order the Feign client generated from the same
   * spec takes them (and earlier versions of the wrapper did): the parameters as the spec model lists
   * them (the operation's, then the path item's), then the body; the required ones first.
   */
  private List<Argument> arguments(ApiSpec.Operation op) {
    List<Argument> arguments = new ArrayList<>();
    for (ApiSpec.Parameter p : op.parameters()) {
      arguments.add(new Argument(p.javaName(), javaType(p.schema(), op + " parameter " + p.name()), p, p.required()));
    }
    if (op.body() != null) {
      arguments.add(new Argument("request", javaType(op.body().schema(), op + " request body"), null, op.body().required()));
    }
    arguments.sort(Comparator.comparing(a -> !a.required()));
    return arguments;
  }

  private String service(Kind kind, String service, String tag, String description, List<ApiSpec.Operation> operations)
      throws Exception {
    StringBuilder fields = new StringBuilder();
    StringBuilder init = new StringBuilder();
    StringBuilder methods = new StringBuilder();
    StringBuilder nested = new StringBuilder();
    Set<String> signatures = new TreeSet<>();
    for (ApiSpec.Operation op : operations) {
      String name = op.javaName();
      String field = camel(op.id());
      ApiSpec.Paging paging = op.paging();
      String answer = op.successSchema() == null ? "void" : javaType(op.successSchema(), op + " answer");
      String operationType = answer.equals("void") ? "Void" : answer;
      fields.append("  private final Operation<").append(operationType).append("> ").append(field).append(";\n");
      String token = answer.equals("void") ? "void.class" : answer.startsWith("java.util.List<")
          ? "ApiRuntime.listOf(" + answer.substring("java.util.List<".length(), answer.length() - 1) + ".class)"
          : answer + ".class";
      init.append("    this.").append(field).append(" = runtime.operation(\"").append(op.id()).append("\", ")
          .append(token).append(");\n");

      List<Argument> arguments = arguments(op);
      List<String> params = arguments.stream().map(a -> a.type() + " " + a.javaName()).toList();
      String itemType = paging == null ? null : javaType(paging.itemSchema(), op + " items");
      String plain = paging == null ? answer : "dev.payspec.Page<" + itemType + ">";
      String returned = kind.wrap(plain);
      String signature = name + "(" + String.join(",", arguments.stream().map(Argument::type).toList()) + ")";
      if (!signatures.add(signature)) {
        throw new IllegalStateException(api + " spec: two operations of tag " + tag + " become " + signature
            + " in " + service + ": name one with x-payspec-method");
      }
      String doc = methodJavadoc(op, arguments, paging != null, !answer.equals("void"));
      if (kind == Kind.ASYNC || kind == Kind.RAW_ASYNC) {
        doc = doc.replace("   * @throws dev.payspec.ValidationException when an argument breaks the spec; nothing is sent\n",
            "   * @return the future answer; a broken rule completes it with {@link dev.payspec.ValidationException} and nothing is sent\n")
            .replaceFirst("   \\* @return (?![^\\n]*future answer)[^\\n]*\\n((   \\*     [^\\n]*\\n)*)", "");
      }
      methods.append('\n').append(doc);
      if (kind == Kind.SYNC) {
        // The one method per operation that tools find by its operationId.
        methods.append("  @dev.payspec.SpecOperation(\"").append(op.id()).append("\")\n");
      }
      methods.append("  public ").append(returned).append(' ').append(name).append('(').append(String.join(", ", params))
          .append(") {\n    ");
      String args = argumentsExpression(arguments, null);
      String call = paging == null ? field + "." + kind.call + "(" + args + ")"
          : field + "." + kind.page + "(" + itemType + ".class, " + args + ")";
      methods.append(returned.equals("void") ? "" : "return ").append(call).append(";\n  }\n");

      List<Argument> query = arguments.stream().filter(a -> a.parameter() != null && a.parameter().in().equals("query")).toList();
      if (!query.isEmpty()) {
        String params0 = pascal(op.id()) + "QueryParams";
        String paramsType = prefix + pascal(tag) + "." + params0;
        if (kind == Kind.SYNC) {
          nested.append(queryParamsClass(op, params0, query));
        }
        List<Argument> kept = arguments.stream().filter(a -> !query.contains(a)).toList();
        List<String> overload = new ArrayList<>(kept.stream().map(a -> a.type() + " " + a.javaName()).toList());
        overload.add(paramsType + " queryParams");
        String overloadSignature = name + "(" + String.join(",", kept.stream().map(Argument::type).toList())
            + (kept.isEmpty() ? "" : ",") + paramsType + ")";
        if (!signatures.add(overloadSignature)) {
          throw new IllegalStateException(api + " spec: " + overloadSignature + " of " + service + " is generated twice");
        }
        String positional = String.join(", ", arguments.stream().map(a -> a.type().replaceAll("<.*>", "")).toList());
        String args2 = argumentsExpression(kept, paramsType + ".arguments(queryParams)");
        String call2 = paging == null ? field + "." + kind.call + "(" + args2 + ")"
            : field + "." + kind.page + "(" + itemType + ".class, " + args2 + ")";
        methods.append("\n  /**\n   * As {@link #").append(name).append("(").append(positional).append(")}, with the query parameters set on\n")
            .append("   * {@link ").append(paramsType).append("} (one setter each; a parameter not set is not sent),\n")
            .append("   * such as {@code new ").append(prefix).append(pascal(tag)).append('.').append(params0).append("().")
            .append(query.get(0).javaName()).append("(...)}: the same checks, paging and exceptions.\n   *\n")
            .append("   * @throws dev.payspec.ValidationException when a parameter breaks the spec; nothing is sent\n   */\n")
            .append("  public ").append(returned).append(' ').append(name).append('(').append(String.join(", ", overload))
            .append(") {\n    ").append(returned.equals("void") ? "" : "return ").append(call2).append(";\n  }\n");
      }
    }
    return "package " + pkg + ";\n\nimport dev.payspec.internal.ApiRuntime;\nimport dev.payspec.internal.Arguments;\n"
        + "import dev.payspec.internal.Operation;\n\n"
        + "/**\n * " + javadoc(description.isBlank() ? "The " + tag + " operations of the " + api + " spec." : description, " * ")
        + "\n *\n * <p>Every call is checked against the spec before it is sent (a broken rule throws\n"
        + " * {@link dev.payspec.ValidationException} and nothing is sent), retried as its method allows, and its\n"
        + " * answer checked against the spec; failures are {@link dev.payspec.PayspecException}s. Generated from the\n"
        + " * spec at every build by {@code wrapper/src/main/codegen/GenerateServices.java}." + kind.about() + "\n */\n"
        + "public final class " + service + (kind == Kind.SYNC ? extras(service) : "") + " {\n\n" + fields + "\n  " + service
        + "(ApiRuntime runtime) {\n" + init + "  }\n" + methods + nested + "}\n";
  }

  /**
   * {@code Arguments.none().with("customer_id", customerId).body(request)}: the arguments by the
   * spec's names, starting from {@code start} when given (the query parameters' own).
   */
  private static String argumentsExpression(List<Argument> arguments, String start) {
    StringBuilder expression = new StringBuilder(start == null ? "Arguments.none()" : start);
    for (Argument argument : arguments) {
      if (argument.parameter() == null) {
        expression.append(".body(").append(argument.javaName()).append(')');
      } else {
        expression.append(".with(\"").append(argument.parameter().name()).append("\", ").append(argument.javaName()).append(')');
      }
    }
    return expression.toString();
  }

  /** The query parameters of one operation as a class with one typed setter each. */
  private String queryParamsClass(ApiSpec.Operation op, String name, List<Argument> query) {
    StringBuilder fields = new StringBuilder();
    StringBuilder setters = new StringBuilder();
    StringBuilder with = new StringBuilder("      return Arguments.none()");
    for (Argument argument : query) {
      String about = argument.parameter().description().isBlank() ? argument.parameter().name() : argument.parameter().description();
      fields.append("    private ").append(argument.type()).append(' ').append(argument.javaName()).append(";\n");
      setters.append("\n    /**\n     * ").append(javadoc(about, "     * ")).append(" Sent as {@code ")
          .append(argument.parameter().name()).append("}; null: not sent.\n     */\n    public ").append(name).append(' ')
          .append(argument.javaName()).append('(').append(argument.type()).append(' ').append(argument.javaName())
          .append(") {\n      this.").append(argument.javaName()).append(" = ").append(argument.javaName())
          .append(";\n      return this;\n    }\n");
      with.append("\n          .with(\"").append(argument.parameter().name()).append("\", ").append(argument.javaName()).append(')');
    }
    return "\n  /**\n   * The query parameters of {@code " + op.id() + "}, each set by its own method; the ones not set are\n"
        + "   * not sent. Checked against the spec when the call is made.\n   */\n"
        + "  public static final class " + name + " {\n\n" + fields + setters
        + "\n    /** The parameters set, by their spec names; a null object is refused as a broken rule. */\n"
        + "    static Arguments arguments(" + name + " queryParams) {\n      if (queryParams == null) {\n"
        + "        throw new dev.payspec.ValidationException(\"" + op.method() + "\", \"" + op.path() + "\", java.util.List.of(\n"
        + "            new dev.payspec.Violation(\"queryParams\", \"is null: pass new " + name + "() for none\")));\n      }\n"
        + "      return queryParams.values();\n    }\n\n    private Arguments values() {\n" + with + ";\n    }\n  }\n";
  }

  /**
   * What a service extends: its hand-written {@code <Service>Extras} beside the client, when there
   * is one (calls written once on top of the spec's operations, such as settling a create whose
   * outcome is unknown); nothing otherwise.
   */
  private String extras(String service) {
    return Files.isRegularFile(sources.resolve(service + "Extras.java")) ? " extends " + service + "Extras" : "";
  }

  /**
   * The Java type of a schema, as the model generator names it: a component that is an object or an
   * enum is its model (which must exist); a string, number, integer or boolean its Java type; an
   * array a {@code List}.
   */
  private String javaType(String pointer, String where) {
    if (pointer == null) {
      return "java.lang.Object";
    }
    JsonNode schema = spec.at(pointer);
    String component = ApiSpec.componentName(pointer);
    String type = type(schema);
    boolean model = schema.has("enum") || schema.has("properties") || "object".equals(type) || schema.has("allOf")
        || schema.has("oneOf") || schema.has("anyOf");
    if (component != null && model) {
      String name = models + "." + pascal(component);
      try {
        Class.forName(name, false, GenerateServices.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(where + ": its schema " + component + " has no model " + name
            + ": payspec-models and the specs come from different builds");
      }
      return name;
    }
    String format = schema.path("format").asText("");
    return switch (type) {
      case "string" -> switch (format) {
        case "date-time" -> "java.time.OffsetDateTime";
        case "date" -> "java.time.LocalDate";
        case "uuid" -> "java.util.UUID";
        case "uri" -> "java.net.URI";
        default -> "java.lang.String";
      };
      case "integer" -> format.equals("int64") ? "java.lang.Long" : "java.lang.Integer";
      case "number" -> format.equals("float") ? "java.lang.Float" : format.equals("double") ? "java.lang.Double"
          : "java.math.BigDecimal";
      case "boolean" -> "java.lang.Boolean";
      case "array" -> "java.util.List<" + javaType(spec.derefPointer(pointer + "/items"), where) + ">";
      default -> "java.lang.Object";
    };
  }

  /** The schema's type; of a 3.1 type list, the one that is not {@code null}. */
  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          return t.asText();
        }
      }
    }
    return type.asText("");
  }

  private String methodJavadoc(ApiSpec.Operation op, List<Argument> arguments, boolean paged, boolean returns) {
    StringBuilder doc = new StringBuilder("  /**\n   * ");
    JsonNode node = op.node();
    String summary = node.path("summary").asText(op.id());
    doc.append(javadoc(summary.endsWith(".") ? summary : summary + ".", "   * "));
    String description = node.path("description").asText("");
    if (!description.isBlank()) {
      doc.append("\n   *\n   * <p>").append(javadoc(description, "   * "));
    }
    doc.append("\n   *\n   * <p>{@code ").append(op.id()).append("}: ").append(op.method()).append(' ')
        .append(op.path().replace("{", "&#123;").replace("}", "&#125;").replace("@", "&#64;")).append('\n');
    doc.append("   *\n");
    for (Argument argument : arguments) {
      String about = argument.parameter() == null
          ? spec.deref(node.path("requestBody")).path("description").asText("the request body")
          : argument.parameter().description().isBlank() ? argument.parameter().name() : argument.parameter().description();
      doc.append("   * @param ").append(argument.javaName()).append(' ').append(javadoc(about, "   *     ")).append('\n');
    }
    if (returns) {
      ApiSpec.Answer success = op.answers().stream().filter(a -> a.success() && a.schema() != null).findFirst().orElseThrow();
      doc.append("   * @return ").append(paged ? "the first page asked for; its autoPaging() and stream() go through the following pages"
          : javadoc(success.description().isBlank() ? "the answer" : success.description(), "   *     ")).append('\n');
    }
    doc.append("   * @throws dev.payspec.ValidationException when an argument breaks the spec; nothing is sent\n");
    doc.append("   */\n");
    return doc.toString();
  }

  /** Markdown of the spec as Javadoc: HTML escaped, code spans as code, blank lines as paragraphs. */
  static String javadoc(String markdown, String indent) {
    String text = markdown.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("*/", "*&#47;").replace("@", "&#64;").replace("{", "&#123;").replace("}", "&#125;")
        .replaceAll("`([^`]+)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>")
        .replaceAll("(?<![*\\w])\\*([^*\\n]+)\\*(?!\\*)", "<i>$1</i>");
    return String.join("\n" + indent, text.replaceAll("\n\\s*\n", "\n<p>").split("\n"));
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
