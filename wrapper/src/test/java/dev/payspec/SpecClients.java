package dev.payspec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.begateway.BeGatewayClient;
import dev.payspec.internal.Json;
import dev.payspec.spec.ApiSpec;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.v2.StancerV2Client;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Any operation of any API in the bundles, called as a user calls it: through the public client's
 * generated service method that {@link SpecOperation} names, plain or async, with arguments built
 * from the spec alone (each required parameter's {@code example}, the request body's first example,
 * the optional parameters null). For the tests that cover every operation.
 */
final class SpecClients {

  private SpecClients() {
  }

  /** What a test sets on every client it builds. */
  record Settings(String serverUrl, Duration connectTimeout, Duration readTimeout, int maxRetries) {}

  /**
   * How the tests build the client of each API, by its bundle's name. An API in the bundles that is
   * missing here fails the tests that call every operation: add its client.
   */
  private static final Map<String, Function<Settings, AutoCloseable>> CLIENTS = Map.of(
      "stancer", s -> settings(StancerClient.builder().apiKey(Fixtures.STANCER_KEY), "stancer", s).build(),
      "stancer-v2", s -> settings(StancerV2Client.builder().apiKey(Fixtures.STANCER_KEY), "stancer-v2", s).build(),
      "begateway", s -> settings(BeGatewayClient.builder().shopId(Fixtures.SHOP_ID).secretKey(Fixtures.SHOP_SECRET),
          "begateway", s).build());

  private static <B extends ClientBuilder<B>> B settings(B builder, String api, Settings s) {
    return Fixtures.engine(builder).baseUrl(s.serverUrl() + basePath(api)).connectTimeout(s.connectTimeout())
        .readTimeout(s.readTimeout()).maxRetries(s.maxRetries());
  }

  /** Every operation of every API in the bundles; fails when there is none. */
  static List<ApiSpec.Operation> everyOperation() {
    List<ApiSpec.Operation> operations = new ArrayList<>();
    for (String api : BundledSpec.apis()) {
      operations.addAll(BundledSpec.load(api).model().operations());
    }
    if (operations.isEmpty()) {
      throw new AssertionError("no operation in the bundles " + BundledSpec.apis() + ": build the specs module first");
    }
    return operations;
  }

  /** A new client of {@code api} at a local server; fails loudly for an API that has no client here. */
  static AutoCloseable client(String api, Settings settings) {
    Function<Settings, AutoCloseable> factory = CLIENTS.get(api);
    if (factory == null) {
      throw new AssertionError("the bundles hold the API '" + api + "', but SpecClients has no client factory for it:"
          + " add one to SpecClients.CLIENTS (APIs with a factory: " + CLIENTS.keySet() + ")");
    }
    return factory.apply(settings);
  }

  /** The path of the spec's first server, such as {@code /v1}: where the operations' paths start. */
  static String basePath(String api) {
    String url = BundledSpec.load(api).model().root().path("servers").path(0).path("url").asText("");
    String path = URI.create(url).getPath();
    return path == null || path.equals("/") ? "" : path.replaceFirst("/$", "");
  }

  /** The path a call with the example arguments requests: the base path and the operation's, the examples in place. */
  static String examplePath(ApiSpec.Operation operation) {
    String path = operation.path();
    for (ApiSpec.Parameter parameter : operation.parameters("path")) {
      String value = example(operation, parameter).asText();
      path = path.replace("{" + parameter.name() + "}", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return basePath(operation.spec().api()) + path;
  }

  /**
   * The JSON of the operation's success as the spec documents it: the first example of its first
   * success with a body; {@code {}} when no success has a body (a {@code 204}), the body then
   * standing for one the client must read or drain.
   */
  static String successBody(ApiSpec.Operation operation) {
    ApiSpec.Answer success = operation.answers().stream().filter(a -> a.success() && a.schema() != null).findFirst().orElse(null);
    if (success == null) {
      return "{}";
    }
    JsonNode example = BundledSpec.load(operation.spec().api()).firstExample(operation.node().path("responses").path(success.status()));
    if (example == null || example.isMissingNode()) {
      throw new AssertionError(operation + ": its success " + success.status() + " has no JSON example");
    }
    return example.toString();
  }

  /** A call of one operation on one client; {@link #run()} throws what the call threw. */
  record Call(ApiSpec.Operation operation, Object target, Method method, Object[] arguments, boolean async) {

    /** Makes the call; an async one is waited for and throws the exception its future completed with. */
    Object run() {
      Object result;
      try {
        result = method.invoke(target, arguments);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException thrown) {
          throw thrown;
        }
        throw new AssertionError(operation + ": " + method + " threw", e.getCause());
      } catch (IllegalAccessException e) {
        throw new AssertionError(operation + ": " + method + " cannot be called", e);
      }
      return async ? join((CompletableFuture<?>) result) : result;
    }
  }

  /** Waits for an async call, throwing the exception it completed with, as the plain call throws it. */
  static Object join(CompletableFuture<?> future) {
    try {
      return future.get(1, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException thrown) {
        throw thrown;
      }
      throw new AssertionError(e);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the future did not complete", e);
    }
  }

  /**
   * The call of {@code operation} on {@code client} with the spec's example arguments: through the
   * service method annotated {@code @SpecOperation("<operationId>")}, or for {@code async} its
   * namesake in {@code client.async()}, which returns a {@link CompletableFuture}.
   */
  static Call call(Object client, ApiSpec.Operation operation, boolean async) {
    Method accessor = null;
    Method method = null;
    for (Method candidate : client.getClass().getMethods()) {
      if (candidate.getParameterCount() != 0 || candidate.getDeclaringClass() == Object.class) {
        continue;
      }
      for (Method service : candidate.getReturnType().getMethods()) {
        SpecOperation named = service.getAnnotation(SpecOperation.class);
        if (named != null && named.value().equals(operation.id())) {
          if (method != null) {
            throw new AssertionError(operation + ": two methods of " + client.getClass().getSimpleName() + " name it: "
                + method + " and " + service);
          }
          accessor = candidate;
          method = service;
        }
      }
    }
    if (method == null) {
      throw new AssertionError(operation + ": no service method of " + client.getClass().getSimpleName()
          + " is annotated @SpecOperation(\"" + operation.id() + "\")");
    }
    Object[] arguments = arguments(operation, method);
    try {
      Object services = async ? client.getClass().getMethod("async").invoke(client) : client;
      Object service = services.getClass().getMethod(accessor.getName()).invoke(services);
      Method called = async ? service.getClass().getMethod(method.getName(), method.getParameterTypes()) : method;
      if (async && !CompletableFuture.class.isAssignableFrom(called.getReturnType())) {
        throw new AssertionError(operation + ": the async " + called + " returns no CompletableFuture");
      }
      return new Call(operation, service, called, arguments, async);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(operation + ": the async services of " + client.getClass().getSimpleName() + " lack "
          + accessor.getName() + "()." + method.getName() + " as " + method, e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(operation + ": cannot reach " + method, e);
    }
  }

  /** A spec argument of a generated method: its example (null for an optional parameter) and whether it is required. */
  private record Argument(String name, JsonNode example, boolean required) {}

  /**
   * The method's arguments from the spec, in the order the generator gives them
   * ({@code wrapper/src/main/codegen/GenerateServices.java}): the operation's own parameters, then its
   * path item's, then the body, the required ones first; each converted to the method's parameter
   * type by Jackson, as the wrapper reads and writes its models.
   */
  private static Object[] arguments(ApiSpec.Operation operation, Method method) {
    ApiSpec spec = operation.spec();
    List<ApiSpec.Parameter> ordered = new ArrayList<>();
    for (JsonNode declared : operation.node().path("parameters")) {
      JsonNode own = spec.deref(declared);
      operation.parameters().stream().filter(p -> p.name().equals(own.path("name").asText()) && p.in().equals(own.path("in").asText()))
          .forEach(ordered::add);
    }
    operation.parameters().stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);
    List<Argument> arguments = new ArrayList<>();
    for (ApiSpec.Parameter parameter : ordered) {
      arguments.add(new Argument(parameter.name(), parameter.required() ? example(operation, parameter) : null, parameter.required()));
    }
    if (operation.body() != null) {
      JsonNode body = BundledSpec.load(spec.api()).firstExample(operation.node().path("requestBody"));
      if (body == null) {
        throw new AssertionError(operation + ": its request body has no JSON example");
      }
      arguments.add(new Argument("request body", body, operation.body().required()));
    }
    arguments.sort(Comparator.comparing(a -> !a.required()));
    if (arguments.size() != method.getParameterCount()) {
      throw new AssertionError(operation + ": " + method + " takes " + method.getParameterCount() + " arguments, the spec "
          + arguments.size() + " " + arguments.stream().map(Argument::name).toList());
    }
    Object[] values = new Object[arguments.size()];
    for (int i = 0; i < values.length; i++) {
      Argument argument = arguments.get(i);
      if (argument.example() != null) {
        try {
          values[i] = Json.MAPPER.convertValue(argument.example(), Json.MAPPER.constructType(method.getGenericParameterTypes()[i]));
        } catch (IllegalArgumentException e) {
          throw new AssertionError(operation + ": the example of " + argument.name() + " is no "
              + method.getGenericParameterTypes()[i].getTypeName() + " (argument " + i + " of " + method + ")", e);
        }
      }
    }
    return values;
  }

  private static JsonNode example(ApiSpec.Operation operation, ApiSpec.Parameter parameter) {
    JsonNode example = operation.spec().at(parameter.pointer()).path("example");
    if (example.isMissingNode() || example.isNull()) {
      throw new AssertionError(operation + ": the parameter " + parameter.name() + " has no example");
    }
    return example;
  }
}
