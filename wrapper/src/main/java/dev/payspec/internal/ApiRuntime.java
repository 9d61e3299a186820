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
    this(api, () -> transport, unexpectedAnswers);
  }

  /**
   * @param transport built after the warm-up (below) has started, so that the two overlap
   */
  public ApiRuntime(String api, java.util.function.Supplier<Transport> transport,
      Consumer<UnexpectedAnswer> unexpectedAnswers) {
    this.api = api;
    this.unexpectedAnswers = unexpectedAnswers;
    this.operations = new ConcurrentHashMap<>();
    this.options = dev.payspec.RequestOptions.NONE;
    warmUp(api);
    this.transport = transport.get();
    // The wire log masks the values of the fields the spec marks personal.
    this.transport.learnPersonalFields(SpecDocument.of(api).model().personalProperties());
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

  private static final java.util.Set<String> WARMING = ConcurrentHashMap.newKeySet();

  /**
   * Reads the spec {@code api} on a short-lived daemon thread, once per JVM, while the caller goes
   * on (configuring and building the client and its engine, opening the first connection): cold
   * start is the JVM's start to the first completed call, and this work would otherwise all come
   * before it. Called by each client's {@code builder()}, so that it overlaps with what the user
   * builds before {@code build()} (an OkHttp engine's TLS set-up), and by the runtime itself. A call
   * that needs what is not ready yet waits for it or does it itself; a failure here is left for
   * that call to report.
   */
  public static void warmUp(String api) {
    if (SpecDocument.isLoaded(api) || !WARMING.add(api)) {
      return;
    }
    Thread thread = new Thread(() -> {
      try {
        // Only what any first call needs: each operation's own schemas are compiled on its first call.
        // Not the validator: a valid request never needs it (PlainCheck), and loading its ~400
        // classes here would take the CPU the first call needs on a small machine.
        SpecDocument.of(api);
      } catch (RuntimeException | LinkageError ignored) {
        // The call that needs it reports it.
      }
    }, "payspec-warm-up-" + api);
    thread.setDaemon(true);
    thread.start();
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
    return Json.PLAIN.getTypeFactory().constructCollectionType(List.class, item);
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
