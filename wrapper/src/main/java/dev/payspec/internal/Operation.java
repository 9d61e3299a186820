package dev.payspec.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.ValidationMessage;
import dev.payspec.ApiCall;
import dev.payspec.Page;
import dev.payspec.PayspecException;
import dev.payspec.RawResponse;
import dev.payspec.UnexpectedAnswer;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.spec.ApiSpec;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One operation of a spec as the wrapper calls it: its arguments checked against the spec's
 * parameter and request schemas (every violation at once, nothing sent), the request sent by the
 * {@link Transport} and retried as its method allows, the answer checked against the spec's
 * success schema. Everything is read from the spec ({@link ApiSpec.Operation}); prepared on its
 * first call. Not part of the public API.
 *
 * @param <T> what a success decodes to ({@link Void} for nothing)
 */
public final class Operation<T> {

  private final ApiRuntime runtime;
  private final String operationId;
  private final Type answer;
  private final Operation<T> shared;
  private volatile Prepared prepared;

  /**
   * @param answer what a success decodes to: a model, a {@code List} of one, or {@code void}
   * @param shared the operation of the client itself, whose preparation a view's operation uses;
   *     null for that one
   */
  Operation(ApiRuntime runtime, String operationId, Type answer, Operation<T> shared) {
    this.runtime = runtime;
    this.operationId = operationId;
    this.answer = answer;
    this.shared = shared == null ? this : shared;
  }

  ApiRuntime runtime() {
    return runtime;
  }

  /**
   * Checks the arguments, sends the request and decodes the answer.
   *
   * @throws ValidationException when an argument breaks the spec, before anything is sent
   * @throws PayspecException for every other failure
   */
  @SuppressWarnings("unchecked")
  public T call(Arguments args) {
    return (T) exchange(args).value();
  }

  /** As {@link #call(Arguments)}, with the answer's status, headers and body. */
  @SuppressWarnings("unchecked")
  public RawResponse<T> callRaw(Arguments args) {
    Transport.Exchanged done = exchange(args);
    return raw(done, (T) done.value());
  }

  /**
   * As {@link #call(Arguments)} without blocking: the future completes with the decoded answer, or
   * exceptionally with the {@link ValidationException} or {@link PayspecException} the call would
   * throw. Cancelling it cancels the request under way and the retries to come.
   */
  @SuppressWarnings("unchecked")
  public CompletableFuture<T> callAsync(Arguments args) {
    return then(exchangeAsync(args), done -> (T) done.value());
  }

  /** As {@link #callAsync(Arguments)}, with the answer's status, headers and body. */
  @SuppressWarnings("unchecked")
  public CompletableFuture<RawResponse<T>> callRawAsync(Arguments args) {
    return then(exchangeAsync(args), done -> raw(done, (T) done.value()));
  }

  private Transport.Exchanged exchange(Arguments args) {
    Prepared p = prepare();
    Arguments sent = p.check(args);
    return runtime.transport().exchange(p.plan, sent, apiCall(p), runtime.options());
  }

  private CompletableFuture<Transport.Exchanged> exchangeAsync(Arguments args) {
    try {
      Prepared p = prepare();
      Arguments sent = p.check(args);
      return runtime.transport().exchangeAsync(p.plan, sent, apiCall(p), runtime.options());
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
  }

  private ApiCall apiCall(Prepared p) {
    Transport transport = runtime.transport();
    return transport.listener() == null ? null : new ApiCall(transport.provider(), operationId, p.spec.method(), p.spec.path());
  }

  private static <V> RawResponse<V> raw(Transport.Exchanged done, V value) {
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
   * One page of a list operation that pages ({@link ApiSpec.Paging}), with the following pages
   * fetched on demand with the same arguments but the position.
   *
   * @param itemType the items' model
   */
  public <I> Page<I> page(Class<I> itemType, Arguments args) {
    return pageOf(itemType, exchange(args), args);
  }

  /** As {@link #page(Class, Arguments)}, with the first page's status, headers and body. */
  public <I> RawResponse<Page<I>> pageRaw(Class<I> itemType, Arguments args) {
    Transport.Exchanged done = exchange(args);
    return raw(done, pageOf(itemType, done, args));
  }

  /** As {@link #page(Class, Arguments)} without blocking for the first page; the following ones are fetched when iterated. */
  public <I> CompletableFuture<Page<I>> pageAsync(Class<I> itemType, Arguments args) {
    return then(exchangeAsync(args), done -> pageOf(itemType, done, args));
  }

  /** As {@link #pageAsync(Class, Arguments)}, with the first page's status, headers and body. */
  public <I> CompletableFuture<RawResponse<Page<I>>> pageRawAsync(Class<I> itemType, Arguments args) {
    return then(exchangeAsync(args), done -> raw(done, pageOf(itemType, done, args)));
  }

  private <I> Page<I> pageOf(Class<I> itemType, Transport.Exchanged done, Arguments args) {
    Prepared p = prepare();
    ApiSpec.Paging paging = p.spec.paging();
    if (paging == null) {
      throw new IllegalStateException(this + " does not page");
    }
    JsonNode answer = (JsonNode) done.value();
    List<I> items;
    try {
      items = Json.MAPPER.readerFor(Json.MAPPER.getTypeFactory().constructCollectionType(List.class, itemType))
          .readValue(answer.path(paging.items()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    boolean more = answer.at(paging.hasMore()).asBoolean(false);
    Object given = args.get(paging.start());
    long start = answer.at(paging.startPointer()).canConvertToLong() ? answer.at(paging.startPointer()).asLong()
        : given instanceof Number n ? n.longValue() : 0L;
    long following = start + items.size();
    return Page.of(items, more, start, () -> page(itemType, args.with(paging.start(), narrow(following, given))));
  }

  /** The next position in the argument's own type (Integer, Long, ...). */
  private static Object narrow(long value, Object like) {
    return like instanceof Long ? (Object) value : like instanceof java.math.BigDecimal ? java.math.BigDecimal.valueOf(value)
        : (Object) Math.toIntExact(value);
  }

  /** Prepares the operation now rather than on its first call; throws what the first call would. */
  public Operation<T> prepareNow() {
    prepare();
    return this;
  }

  /** The spec's description of this operation. */
  public ApiSpec.Operation spec() {
    ApiSpec.Operation spec = runtime.spec().operation(operationId);
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
          p = new Prepared(spec());
          prepared = p;
        }
      }
    }
    return p;
  }

  /** Everything fixed about this operation, computed once. */
  private final class Prepared {

    final ApiSpec.Operation spec;
    final CallPlan plan;
    final ApiSpec.Parameter[] parameters;
    /** Each parameter's schema, compiled once (null without one). */
    final SchemaCheck[] parameterChecks;
    final ApiSpec.Body body;
    final SchemaCheck bodyCheck;

    Prepared(ApiSpec.Operation spec) {
      this.spec = spec;
      SpecDocument document = runtime.spec();
      this.parameters = spec.parameters().toArray(ApiSpec.Parameter[]::new);
      this.parameterChecks = new SchemaCheck[parameters.length];
      for (int i = 0; i < parameters.length; i++) {
        parameterChecks[i] = parameters[i].schema() == null ? null : SchemaCheck.of(document, parameters[i].schema());
      }
      this.body = spec.body();
      this.bodyCheck = body == null || body.schema() == null ? null : SchemaCheck.of(document, body.schema());
      boolean nothing = answer == void.class || answer == Void.class;
      String answerSchema = spec.successSchema();
      JavaType result = nothing ? null : Json.MAPPER.constructType(spec.paging() == null ? answer : JsonNode.class);
      // An answer is bound as it comes; only a listener needs it judged, to be told what the spec does not know.
      Consumer<UnexpectedAnswer> listener = runtime.unexpectedAnswers();
      CallPlan.Findings findings = result == null || answerSchema == null || listener == null ? null
          : new AnswerFindings(SchemaCheck.of(document, answerSchema), answerSchema, listener);
      this.plan = CallPlan.of(spec, result, findings);
    }

    /**
     * The path a refused call names: the same as a failed call's, base path and arguments included
     * ({@code /v1/customers/cust_123}); the template's where an argument is missing.
     */
    private String refusedPath(Arguments args) {
      Transport transport = runtime.transport();
      try {
        return transport.fullPath(plan.path(args));
      } catch (IllegalArgumentException missingPathVariable) {
        return transport.fullPath(spec.path());
      }
    }

    /** The arguments to send: the body replaced by the JSON tree that was checked. */
    Arguments check(Arguments args) {
      List<Violation> violations = null;
      for (int i = 0; i < parameters.length; i++) {
        Object value = args.get(parameters[i].name());
        List<Violation> found;
        if (value == null) {
          found = parameters[i].required() ? List.of(new Violation(parameters[i].name(), "is required")) : List.of();
        } else if (parameters[i].in().equals("path") && addressesAnotherResource(value)) {
          found = List.of(new Violation(parameters[i].name(), "must not be empty, \".\" or \"..\": the request would"
              + " address another resource"));
        } else {
          found = parameterChecks[i] == null ? List.of() : parameterChecks[i].violations(tree(value), parameters[i].name());
        }
        if (!found.isEmpty()) {
          violations = add(violations, found);
        }
      }
      Arguments sent = args;
      if (body != null) {
        Object value = args.body();
        if (value == null) {
          if (body.required()) {
            violations = add(violations, List.of(new Violation("request", "is required")));
          }
        } else if (bodyCheck != null) {
          JsonNode tree = Json.MAPPER.valueToTree(value);
          List<Violation> found = bodyCheck.violations(tree, null);
          if (!found.isEmpty()) {
            violations = add(violations, found);
          }
          sent = args.body(tree);
        }
      }
      if (violations != null) {
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        throw new ValidationException(spec.method(), refusedPath(args), violations);
      }
      return sent;
    }
  }

  /**
   * What a success's body breaks of the spec, each told to the listener by field and rule, never by
   * value: a {@code null} or missing property, a pattern, a length, an enum, a field the spec does
   * not list. None of it fails the call.
   */
  private final class AnswerFindings implements CallPlan.Findings {

    private final SchemaCheck check;
    private final String schema;
    private final Consumer<UnexpectedAnswer> listener;

    AnswerFindings(SchemaCheck check, String schema, Consumer<UnexpectedAnswer> listener) {
      this.check = check;
      this.schema = schema;
      this.listener = listener;
    }

    @Override
    public void report(JsonNode body, String method, String path) {
      for (ValidationMessage message : check.messages(body)) {
        String field = check.field(message, null);
        listener.accept(new UnexpectedAnswer(method, path, "request".equals(field) ? "body" : field,
            check.words(message).replace("is not a field of this request", "is not a field the spec lists")));
      }
      UnknownProperties.report(runtime.spec(), schema, body,
          field -> listener.accept(new UnexpectedAnswer(method, path, field, "is not a field the spec lists")));
    }
  }

  /**
   * Whether a path parameter's value, as sent, would make the path name another resource: empty
   * ({@code /customers/} is the list), or a dot segment that any proxy or server resolves
   * ({@code /customers/..} is {@code /}). Whatever the spec's schema says: refused before sending.
   */
  private static boolean addressesAnotherResource(Object value) {
    String text = CallPlan.text(value);
    return text.isEmpty() || text.equals(".") || text.equals("..");
  }

  /**
   * A parameter's value as JSON: strings, booleans and whole numbers directly (most parameters are
   * ids and positions), the rest (dates, enums, lists) as Jackson writes them.
   */
  private static JsonNode tree(Object value) {
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
    return Json.MAPPER.valueToTree(value);
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

  @Override
  public String toString() {
    return "Operation[" + runtime.spec().api() + " " + operationId + "]";
  }
}
