package dev.payspec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One call of an operation, as a {@link CallListener} sees it: the provider, the spec's operation,
 * the HTTP method and the path template ({@code /customers/{customer_id}}, never the values: ids
 * and query filters may be personal). A listener may keep its own state on it
 * ({@link #put(Object, Object)}), such as a timer started when the call began.
 */
public final class ApiCall {

  private final String provider;
  private final String operationId;
  private final String method;
  private final String pathTemplate;
  private final long startNanos = System.nanoTime();
  private final Map<Object, Object> state = new ConcurrentHashMap<>();

  /** Made by the client for each call. */
  public ApiCall(String provider, String operationId, String method, String pathTemplate) {
    this.provider = provider;
    this.operationId = operationId;
    this.method = method;
    this.pathTemplate = pathTemplate;
  }

  public String provider() {
    return provider;
  }

  /** The spec's {@code operationId}, such as {@code createCustomer}. */
  public String operationId() {
    return operationId;
  }

  public String method() {
    return method;
  }

  /** The spec's path, with its variables unfilled. */
  public String pathTemplate() {
    return pathTemplate;
  }

  /** {@link System#nanoTime()} when the call began. */
  public long startNanos() {
    return startNanos;
  }

  /** Keeps a listener's value for this call. */
  public void put(Object key, Object value) {
    state.put(key, value);
  }

  /** A value a listener kept for this call, or null. */
  public Object get(Object key) {
    return state.get(key);
  }

  @Override
  public String toString() {
    return "ApiCall[" + provider + " " + operationId + " " + method + " " + pathTemplate + "]";
  }
}
