package dev.payspec.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * Implements a generated API interface by sending each call through a {@link Transport}. The
 * request of each method is read once, from the interface's Feign annotations, so the wrapper
 * sends exactly what the generated client sends; only the per-call work differs. Not part of the
 * public API.
 *
 * <p>Only the methods that return the decoded body are implemented; the {@code ...WithHttpInfo}
 * variants throw {@link UnsupportedOperationException}.
 */
final class GeneratedApiProxy implements InvocationHandler {

  private static final Object[] NO_ARGUMENTS = {};

  private final Class<?> api;
  private final Transport transport;
  private final Map<Method, CallPlan> plans;

  private GeneratedApiProxy(Class<?> api, Transport transport, Map<Method, CallPlan> plans) {
    this.api = api;
    this.transport = transport;
    this.plans = plans;
  }

  static <T> T create(Class<T> api, Transport transport) {
    Map<Method, CallPlan> plans = new HashMap<>();
    for (Method method : api.getMethods()) {
      Type returned = method.getGenericReturnType();
      boolean withHttpInfo = returned instanceof ParameterizedType parameterized
          && parameterized.getRawType() instanceof Class<?> raw && raw.getSimpleName().equals("ApiResponse");
      if (withHttpInfo || !method.isAnnotationPresent(feign.RequestLine.class)) {
        continue;
      }
      // Each method is planned alone: one the transport cannot send (a query map) is left
      // unimplemented instead of failing every other.
      try {
        boolean nothing = returned == void.class || returned == Void.class;
        plans.put(method, CallPlan.of(method, nothing ? null : Json.withDates().constructType(returned), Json.withDates()));
      } catch (IllegalStateException unsupported) {
        // Calling it throws UnsupportedOperationException.
      }
    }
    return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
        new GeneratedApiProxy(api, transport, Map.copyOf(plans))));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    CallPlan plan = plans.get(method);
    if (plan != null) {
      return transport.exchange(plan, args == null ? NO_ARGUMENTS : args);
    }
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "payspec " + api.getSimpleName();
      };
    }
    throw new UnsupportedOperationException(api.getSimpleName() + "." + method.getName()
        + " is not implemented by the wrapper's transport: only the methods that return the body are");
  }
}
