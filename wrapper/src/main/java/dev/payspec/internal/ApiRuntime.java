package dev.payspec.internal;

import dev.payspec.UnexpectedAnswer;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the generated services of one client call: for each operation of one spec, an
 * {@link Operation} that checks, sends and decodes it. Built with the client; each operation is
 * prepared on its first call, so that one operation the transport cannot send never blocks the
 * others. Not part of the public API.
 */
public final class ApiRuntime {

  private final String api;
  private final Transport transport;
  private final Consumer<UnexpectedAnswer> unexpectedAnswers;
  private final Map<String, Operation<?>> operations;
  private final dev.payspec.RequestOptions options;

  /**
   * @param api the spec's name, as in {@code openapi/<api>.json}
   * @param unexpectedAnswers told of what answers hold that the spec does not know, or null
   */
  public ApiRuntime(String api, Transport transport, Consumer<UnexpectedAnswer> unexpectedAnswers) {
    this.api = api;
    this.unexpectedAnswers = unexpectedAnswers;
    this.operations = new ConcurrentHashMap<>();
    this.options = dev.payspec.RequestOptions.NONE;
    this.transport = transport;
    // The wire log masks the values of the fields the spec marks personal.
    transport.learnPersonalFields(SpecDocument.of(api).personalProperties());
  }

  private ApiRuntime(ApiRuntime shared, dev.payspec.RequestOptions options) {
    this.api = shared.api;
    this.unexpectedAnswers = shared.unexpectedAnswers;
    this.operations = shared.operations;
    this.transport = shared.transport;
    this.options = options;
  }

  /**
   * A view of this runtime whose calls carry {@code options} (merged over this view's own): it
   * shares the transport (connections, threads) and the operations' prepared checks.
   */
  public ApiRuntime withOptions(dev.payspec.RequestOptions options) {
    java.util.Objects.requireNonNull(options, "options is null: pass RequestOptions.NONE for none");
    return new ApiRuntime(this, this.options.merge(options));
  }

  /** The options of this view's calls. */
  dev.payspec.RequestOptions options() {
    return options;
  }

  /**
   * The operation {@code operationId} of the spec, whose success decodes to {@code answer} (a
   * model, a {@code List} of one, or {@code void}): the one handle a generated service method calls.
   */
  @SuppressWarnings("unchecked")
  public <T> Operation<T> operation(String operationId, Type answer) {
    Operation<?> shared = operations.computeIfAbsent(operationId, id -> new Operation<>(this, operationId, answer, null));
    return shared.runtime() == this ? (Operation<T>) shared
        : new Operation<>(this, operationId, answer, (Operation<T>) shared);
  }

  /** The type {@code List<item>}, for an operation that answers a list. */
  public static Type listOf(Class<?> item) {
    return Json.MAPPER.getTypeFactory().constructCollectionType(List.class, item);
  }

  SpecDocument spec() {
    return SpecDocument.of(api);
  }

  Transport transport() {
    return transport;
  }

  /** Closes the transport: its threads end and later calls are refused. */
  public void close() {
    transport.close();
  }

  Consumer<UnexpectedAnswer> unexpectedAnswers() {
    return unexpectedAnswers;
  }
}
