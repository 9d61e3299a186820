package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.spec.ApiSpec;
import dev.payspec.specs.BundledSpec;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** Calls of any operation of any API, made from the spec alone: for the tests that cover them all. */
final class SpecCalls {

  private SpecCalls() {
  }

  /** Every operation of every API in the bundles. */
  static List<ApiSpec.Operation> everyOperation() {
    List<ApiSpec.Operation> operations = new ArrayList<>();
    for (String api : BundledSpec.apis()) {
      operations.addAll(BundledSpec.load(api).model().operations());
    }
    if (operations.isEmpty()) {
      throw new AssertionError("no operation in the bundles: build the specs module first");
    }
    return operations;
  }

  /** The arguments of a valid call: each required parameter's example, and the body's first example. */
  static Arguments exampleArguments(ApiSpec.Operation operation) throws Exception {
    Arguments args = Arguments.none();
    for (ApiSpec.Parameter parameter : operation.parameters()) {
      if (parameter.required()) {
        JsonNode example = operation.spec().at(parameter.pointer()).path("example");
        if (example.isMissingNode()) {
          throw new AssertionError(operation + ": the parameter " + parameter.name() + " has no example");
        }
        args = args.with(parameter.name(), Json.MAPPER.treeToValue(example, Object.class));
      }
    }
    if (operation.body() != null) {
      args = args.body(BundledSpec.load(operation.spec().api()).firstExample(operation.node().path("requestBody")));
    }
    return args;
  }

  /** The model a success binds to, as the generated services name it ({@code void} for none). */
  static Type answerType(ApiSpec.Operation operation) throws ClassNotFoundException {
    String schema = operation.successSchema();
    if (schema == null) {
      return void.class;
    }
    if (operation.paging() != null) {
      return JsonNode.class;
    }
    ApiSpec spec = operation.spec();
    boolean list = "array".equals(spec.at(schema).path("type").asText());
    String component = ApiSpec.componentName(list ? spec.derefPointer(schema + "/items") : schema);
    Class<?> model = Class.forName(spec.javaPackage() + ".generated.model." + component);
    return list ? ApiRuntime.listOf(model) : model;
  }
}
