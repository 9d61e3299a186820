package dev.payspec.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.ValidationMessage;
import dev.payspec.ApiCall;
import dev.payspec.Page;
import dev.payspec.RawResponse;
import dev.payspec.PayspecException;
import dev.payspec.UnexpectedAnswer;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.internal.SpecDocument.OperationSpec;
import dev.payspec.internal.SpecDocument.ParameterSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One operation of a spec as the wrapper calls it: its arguments checked against the spec's
 * parameter and request schemas (every violation at once, nothing sent), the request sent by the
 * {@link Transport} and retried as its method allows, the answer checked against the spec's
 * success schema. Prepared on its first call. Not part of the public API.
 */
public final class Operation {

  private final ApiRuntime runtime;
  private final Class<?> generatedApi;
  private final String javaMethod;
  private final String operationId;
  private final Operation shared;
  private volatile String[] paging;
  private volatile Prepared prepared;

  /**
   * @param shared the operation of the client itself, whose preparation a view's operation uses;
   *     null for that one
   */
  Operation(ApiRuntime runtime, Class<?> generatedApi, String javaMethod, String operationId, Operation shared) {
    this.runtime = runtime;
    this.generatedApi = generatedApi;
    this.javaMethod = javaMethod;
    this.operationId = operationId;
    this.shared = shared == null ? this : shared;
  }

  ApiRuntime runtime() {
    return runtime;
  }

  /**
   * Checks the arguments (as the generated method takes them), sends the request and decodes the
   * answer.
   *
   * @throws ValidationException when an argument breaks the spec, before anything is sent
   * @throws PayspecException for every other failure
   */
  public Object call(Object... args) {
    return exchange(args).value();
  }

  /**
   * As {@link #call(Object...)}, with the answer's status, headers and body.
   */
  @SuppressWarnings("unchecked")
  public <T> RawResponse<T> callRaw(Object... args) {
    Transport.Exchanged done = exchange(args);
    return raw(done, (T) done.value());
  }

  /**
   * As {@link #call(Object...)} without blocking: the future completes with the decoded answer, or
   * exceptionally with the {@link ValidationException} or {@link PayspecException} the call would
   * throw. Cancelling it cancels the request under way and the retries to come.
   */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> callAsync(Object... args) {
    return then(exchangeAsync(args), done -> (T) done.value());
  }

  /** As {@link #callAsync(Object...)}, with the answer's status, headers and body. */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<RawResponse<T>> callRawAsync(Object... args) {
    return then(exchangeAsync(args), done -> raw(done, (T) done.value()));
  }

  private Transport.Exchanged exchange(Object[] args) {
    Prepared p = prepare();
    Object[] sent = p.check(args);
    return runtime.transport().exchange(p.plan, sent, apiCall(p), runtime.options());
  }

  private CompletableFuture<Transport.Exchanged> exchangeAsync(Object[] args) {
    try {
      Prepared p = prepare();
      Object[] sent = p.check(args);
      return runtime.transport().exchangeAsync(p.plan, sent, apiCall(p), runtime.options());
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
  }

  private ApiCall apiCall(Prepared p) {
    Transport transport = runtime.transport();
    return transport.listener() == null ? null : new ApiCall(transport.provider(), operationId, p.method, p.path);
  }

  private static <T> RawResponse<T> raw(Transport.Exchanged done, T value) {
    return new RawResponse<>(done.status(), done.headers(), new String(done.body(), StandardCharsets.UTF_8), value);
  }

  /**
   * {@code source} mapped by {@code map}: completed with the source's own exception (not wrapped),
   * and cancelling it cancels the source.
   */
  private static <A, B> CompletableFuture<B> then(CompletableFuture<A> source, Function<A, B> map) {
    CompletableFuture<B> out = new CompletableFuture<>();
    source.whenComplete((value, error) -> {
      if (error != null) {
        out.completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        return;
      }
      try {
        out.complete(map.apply(value));
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
      }
    });
    out.whenComplete((value, error) -> {
      if (out.isCancelled()) {
        source.cancel(true);
      }
    });
    return out;
  }

  /**
   * One page of a list operation that pages, with the following pages fetched on demand with the
   * same arguments but the position.
   *
   * @param itemType the items' model
   */
  public <T> Page<T> page(Class<T> itemType, Object... args) {
    return pageOf(itemType, exchange(args), args);
  }

  /** As {@link #page(Class, Object...)}, with the first page's status, headers and body. */
  public <T> RawResponse<Page<T>> pageRaw(Class<T> itemType, Object... args) {
    Transport.Exchanged done = exchange(args);
    return raw(done, pageOf(itemType, done, args));
  }

  /** As {@link #page(Class, Object...)} without blocking for the first page; the following ones are fetched when iterated. */
  public <T> CompletableFuture<Page<T>> pageAsync(Class<T> itemType, Object... args) {
    return then(exchangeAsync(args), done -> pageOf(itemType, done, args));
  }

  /** As {@link #pageAsync(Class, Object...)}, with the first page's status, headers and body. */
  public <T> CompletableFuture<RawResponse<Page<T>>> pageRawAsync(Class<T> itemType, Object... args) {
    return then(exchangeAsync(args), done -> raw(done, pageOf(itemType, done, args)));
  }

  private <T> Page<T> pageOf(Class<T> itemType, Transport.Exchanged done, Object[] args) {
    Prepared p = prepare();
    if (p.pagination == null) {
      throw new IllegalStateException(this + " does not page");
    }
    return p.pagination.page((JsonNode) done.value(), args,
        p.json.getTypeFactory().constructCollectionType(List.class, itemType), p.json, next -> page(itemType, next));
  }

  /**
   * Makes this a list operation that pages, as the generator found it in the spec
   * ({@code x-payspec-pagination}, or a {@code start} query parameter with {@code range.has_more}).
   *
   * @param start the query parameter that holds the position of the first item
   * @param items the answer's array property
   * @param hasMore the JSON pointer, in the answer, of the flag that says more items follow
   */
  public Operation paging(String start, String items, String hasMore) {
    this.paging = new String[] {start, items, hasMore};
    shared.paging = paging;
    return this;
  }

  /** Prepares the operation now rather than on its first call; throws what the first call would. */
  public Operation prepareNow() {
    prepare();
    return this;
  }

  /** The spec's description of this operation. */
  public OperationSpec spec() {
    OperationSpec spec = runtime.spec().operation(operationId);
    if (spec == null) {
      throw new IllegalStateException(runtime.spec().api() + " spec has no operation " + operationId
          + ": the spec and the wrapper come from different builds");
    }
    return spec;
  }

  private Prepared prepare() {
    if (shared != this) {
      return shared.prepare();
    }
    Prepared p = prepared;
    if (p == null) {
      synchronized (this) {
        p = prepared;
        if (p == null) {
          p = new Prepared(spec(), runtime.metadata(generatedApi, javaMethod));
          prepared = p;
        }
      }
    }
    return p;
  }

  /** Everything fixed about this operation, computed once. */
  private final class Prepared {

    final OperationSpec spec;
    final CallPlan plan;
    final String method;
    final String path;
    final int[] parameterArguments;
    final ParameterSpec[] parameters;
    /** Each parameter's schema: judged plainly, then (unless it plainly holds) by the validator. */
    final String[] parameterSchemas;
    final PlainCheck[] parameterChecks;
    final int bodyIndex;
    final boolean bodyRequired;
    final String bodySchema;
    final PlainCheck bodyCheck;
    final ShapeCheck answerShape;
    final SchemaCheck answerCheck;
    final Pagination pagination;
    /** The mapper of this API's models. */
    final com.fasterxml.jackson.databind.ObjectMapper json;

    Prepared(OperationSpec spec, Method metadata) {
      this.spec = spec;
      this.json = runtime.spec().json();
      this.method = spec.method();
      this.path = spec.path();
      SpecDocument document = runtime.spec();
      Map<String, Integer> byName = new HashMap<>();
      CallPlan.arguments(metadata).forEach((name, index) -> byName.put(normalized(name), index));
      List<ParameterSpec> params = new ArrayList<>();
      List<Integer> indexes = new ArrayList<>();
      for (ParameterSpec parameter : spec.parameters()) {
        if (!Set.of("path", "query", "header").contains(parameter.in()) || parameter.hasContent()) {
          throw new IllegalStateException(spec + ": the " + parameter.in() + " parameter " + parameter.name()
              + " is not sent by the wrapper's transport (only path, query and header parameters with a schema are)");
        }
        Integer index = byName.get(normalized(parameter.name()));
        if (index == null) {
          throw new IllegalStateException(spec + ": the generated method " + javaMethod + " takes no argument for the "
              + parameter.in() + " parameter " + parameter.name());
        }
        params.add(parameter);
        indexes.add(index);
      }
      this.parameters = params.toArray(ParameterSpec[]::new);
      this.parameterArguments = indexes.stream().mapToInt(Integer::intValue).toArray();
      this.parameterSchemas = new String[parameters.length];
      this.parameterChecks = new PlainCheck[parameters.length];
      for (int i = 0; i < parameters.length; i++) {
        parameterSchemas[i] = parameters[i].schema();
        parameterChecks[i] = parameterSchemas[i] == null ? null : PlainCheck.of(document, parameterSchemas[i]);
      }
      this.bodyIndex = CallPlan.bodyIndex(metadata, spec.toString());
      this.bodyRequired = document.root().at(document.derefPointer(spec.pointer() + "/requestBody")).path("required").asBoolean(false);
      this.bodySchema = spec.requestSchema() == null || bodyIndex < 0 ? null : spec.requestSchema();
      this.bodyCheck = bodySchema == null ? null : PlainCheck.of(document, bodySchema);
      Type returned = metadata.getGenericReturnType();
      boolean nothing = returned == void.class || returned == Void.class;
      this.answerShape = nothing || spec.answerSchema() == null ? null : ShapeCheck.of(document, spec.answerSchema());
      // The full validator runs on answers only for a listener, to tell it what the spec does not know.
      this.answerCheck = answerShape == null || runtime.unexpectedAnswers() == null ? null
          : SchemaCheck.of(document, spec.answerSchema());
      this.pagination = nothing ? null : Pagination.of(document, spec, paging, parameters, parameterArguments);
      JavaType result = nothing ? null : json.constructType(pagination == null ? returned : JsonNode.class);
      this.plan = CallPlan.of(metadata, result, answerShape == null ? null : new AnswerCheck() {
        @Override
        public String problem(JsonNode body, String method, String path) {
          return answerProblem(body, method, path);
        }

        @Override
        public Object readIfPlainlyHolds(byte[] body, com.fasterxml.jackson.databind.ObjectReader reader) {
          // A listener is told of what the spec does not know, which needs the tree.
          return runtime.unexpectedAnswers() == null ? answerShape.read(body, reader) : ShapeCheck.NOT_PLAINLY;
        }
      }, json);
    }

    /**
     * The path a refused call names: the same as a failed call's, base path and arguments included
     * ({@code /v1/customers/cust_123}); the template's where an argument is missing.
     */
    private String refusedPath(Object[] args) {
      Transport transport = runtime.transport();
      try {
        return transport.fullPath(plan.path(args));
      } catch (IllegalArgumentException missingPathVariable) {
        return transport.fullPath(path);
      }
    }

    /** The arguments to send: the body replaced by the JSON tree that was checked. */
    Object[] check(Object[] args) {
      List<Violation> violations = null;
      for (int i = 0; i < parameters.length; i++) {
        Object value = args[parameterArguments[i]];
        List<Violation> found;
        if (value == null) {
          found = parameters[i].required() ? List.of(new Violation(parameters[i].name(), "is required")) : List.of();
        } else {
          found = parameterChecks[i] == null ? List.of() : violations(parameterChecks[i], parameterSchemas[i],
              tree(value, json), parameters[i].name());
        }
        if (!found.isEmpty()) {
          violations = add(violations, found);
        }
      }
      Object[] sent = args;
      if (bodyIndex >= 0) {
        Object body = args[bodyIndex];
        if (body == null) {
          if (bodyRequired) {
            violations = add(violations, List.of(new Violation("request", "is required")));
          }
        } else if (bodyCheck != null) {
          JsonNode tree = json.valueToTree(body);
          List<Violation> found = violations(bodyCheck, bodySchema, tree, null);
          if (!found.isEmpty()) {
            violations = add(violations, found);
          }
          sent = args.clone();
          sent[bodyIndex] = tree;
        }
      }
      if (violations != null) {
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        throw new ValidationException(method, refusedPath(args), violations);
      }
      return sent;
    }

    /**
     * The broken rules of {@code value}: none when it plainly holds (most requests, a fraction of
     * a microsecond); otherwise the validator's judgement and words, its classes loaded on first need.
     */
    private List<Violation> violations(PlainCheck plain, String schema, JsonNode value, String name) {
      return plain.holds(value) ? List.of() : SchemaCheck.of(runtime.spec(), schema).violations(value, name);
    }

    private String answerProblem(JsonNode body, String method, String path) {
      String problem = answerShape.problem(body, "");
      Consumer<UnexpectedAnswer> listener = runtime.unexpectedAnswers();
      if (problem != null || listener == null) {
        return problem;
      }
      for (ValidationMessage message : answerCheck.messages(body)) {
        // Only the shape is required of an answer (judged above); values and extra fields are the provider's to add.
        if (!"type".equals(message.getType()) && !"required".equals(message.getType())) {
          String field = answerCheck.field(message, null);
          listener.accept(new UnexpectedAnswer(method, path, "request".equals(field) ? "body" : field,
              answerCheck.words(message).replace("is not a field of this request", "is not a field the spec lists")));
        }
      }
      UnknownProperties.report(runtime.spec(), spec.answerSchema(), body,
          field -> listener.accept(new UnexpectedAnswer(method, path, field, "is not a field the spec lists")));
      return null;
    }
  }

  /**
   * How a list operation pages: the argument that holds the position, the answer's property that
   * holds the items, and the pointer of its "more after this" flag.
   */
  private record Pagination(int startArgument, String items, String hasMore, String startPointer) {

    /**
     * From the settings the generated service gives ({@link #paging}), checked against the spec:
     * the start parameter is a query parameter of the operation, the items an array property of
     * the answer, and the flag a property under it.
     */
    static Pagination of(SpecDocument document, OperationSpec spec, String[] settings, ParameterSpec[] parameters,
        int[] arguments) {
      if (settings == null) {
        return null;
      }
      int startArgument = -1;
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].in().equals("query") && parameters[i].name().equals(settings[0])) {
          startArgument = arguments[i];
        }
      }
      JsonNode answer = spec.answerSchema() == null ? null : document.deref(document.root().at(spec.answerSchema()));
      JsonNode node = answer;
      for (String token : settings[2].substring(1).split("/")) {
        node = node == null ? null : document.deref(document.deref(node).path("properties").path(token));
      }
      if (startArgument < 0 || node == null || node.isMissingNode()
          || !"array".equals(document.deref(answer.path("properties").path(settings[1])).path("type").asText())) {
        throw new IllegalStateException(spec + " does not page as " + String.join(", ", settings)
            + " says: the services and the spec come from different builds");
      }
      String startPointer = settings[2].substring(0, settings[2].lastIndexOf('/')) + "/start";
      return new Pagination(startArgument, settings[1], settings[2], startPointer);
    }

    <T> Page<T> page(JsonNode answer, Object[] args, JavaType listType, com.fasterxml.jackson.databind.ObjectMapper json,
        Function<Object[], Page<T>> fetch) {
      List<T> items;
      try {
        items = json.readerFor(listType).readValue(answer.path(this.items));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      boolean more = answer.at(hasMore).asBoolean(false);
      Object given = args[startArgument];
      long start = answer.at(startPointer).canConvertToLong() ? answer.at(startPointer).asLong()
          : given instanceof Number n ? n.longValue() : 0L;
      long following = start + items.size();
      return Page.of(items, more, start, () -> {
        Object[] next = args.clone();
        next[startArgument] = narrow(following, given);
        return fetch.apply(next);
      });
    }

    /** The next position in the argument's own type (Integer, Long, ...). */
    private static Object narrow(long value, Object like) {
      return like instanceof Long ? (Object) value : like instanceof java.math.BigDecimal ? java.math.BigDecimal.valueOf(value)
          : (Object) Math.toIntExact(value);
    }
  }

  /**
   * A parameter's value as JSON: strings, booleans and whole numbers directly (most parameters are
   * ids and positions), the rest (dates, enums, lists) as Jackson writes them.
   */
  private static JsonNode tree(Object value, com.fasterxml.jackson.databind.ObjectMapper json) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value instanceof String text) {
      return nodes.textNode(text);
    } else if (value instanceof Integer number) {
      return nodes.numberNode(number);
    } else if (value instanceof Long number) {
      return nodes.numberNode(number);
    } else if (value instanceof Boolean flag) {
      return nodes.booleanNode(flag);
    }
    return json.valueToTree(value);
  }

  private static List<Violation> add(List<Violation> to, List<Violation> found) {
    List<Violation> list = to == null ? new ArrayList<>() : to;
    for (Violation violation : found) {
      // A rule reached twice (a field's own schema and a then branch that repeats it) is said once.
      if (!list.contains(violation)) {
        list.add(violation);
      }
    }
    return list;
  }

  /** {@code customer_id} and {@code customerId} alike. */
  private static String normalized(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "Operation[" + runtime.spec().api() + " " + operationId + "]";
  }
}
