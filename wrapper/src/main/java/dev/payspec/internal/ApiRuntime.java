package dev.payspec.internal;

import dev.payspec.UnexpectedAnswer;
import feign.Contract;
import feign.MethodMetadata;
import java.util.HashMap;
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

  private final SpecDocument spec;
  private final Transport transport;
  private final Consumer<UnexpectedAnswer> unexpectedAnswers;
  private final Map<Class<?>, Map<String, MethodMetadata>> interfaces = new ConcurrentHashMap<>();

  /**
   * @param api the spec's name, as in {@code openapi/<api>.json}
   * @param unexpectedAnswers told of what answers hold that the spec does not know, or null
   */
  public ApiRuntime(String api, Transport transport, Consumer<UnexpectedAnswer> unexpectedAnswers) {
    this.spec = SpecDocument.of(api);
    this.transport = transport;
    this.unexpectedAnswers = unexpectedAnswers;
  }

  /**
   * The operation {@code operationId} of the spec, sent as the generated interface's method
   * {@code method} describes it.
   */
  public Operation operation(Class<?> generatedApi, String method, String operationId) {
    return new Operation(this, generatedApi, method, operationId);
  }

  SpecDocument spec() {
    return spec;
  }

  Transport transport() {
    return transport;
  }

  Consumer<UnexpectedAnswer> unexpectedAnswers() {
    return unexpectedAnswers;
  }

  /** The Feign metadata of one method that returns the decoded body (not the {@code ...WithHttpInfo} twin, not a query-map overload). */
  MethodMetadata metadata(Class<?> generatedApi, String method) {
    MethodMetadata metadata = interfaces.computeIfAbsent(generatedApi, ApiRuntime::read).get(method);
    if (metadata == null) {
      throw new IllegalStateException(generatedApi.getName() + " has no method " + method
          + ": the generated client and the wrapper come from different builds");
    }
    return metadata;
  }

  private static Map<String, MethodMetadata> read(Class<?> api) {
    Map<String, MethodMetadata> methods = new HashMap<>();
    for (MethodMetadata metadata : new Contract.Default().parseAndValidateMetadata(api)) {
      if (metadata.queryMapIndex() == null && !metadata.method().getName().endsWith("WithHttpInfo")) {
        methods.putIfAbsent(metadata.method().getName(), metadata);
      }
    }
    return methods;
  }
}
