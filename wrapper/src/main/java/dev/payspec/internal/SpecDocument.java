package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.spec.ApiSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One spec as the wrapper's checks use it: the shared {@link ApiSpec} (which reads the bundle) with
 * what is derived from it once per JVM (compiled schemas, the personal properties). Not part of the
 * public API.
 */
public final class SpecDocument {

  private static final Map<String, SpecDocument> LOADED = new ConcurrentHashMap<>();

  private final ApiSpec spec;
  // Compiled once per JVM, shared by every client of this spec: compiled schemas are thread-safe.
  private final Map<String, Object> compiled = new ConcurrentHashMap<>();
  /** The JSON names the wire log masks: every property the spec marks {@code x-personal}. */
  private final Set<String> personalProperties;

  private SpecDocument(ApiSpec spec) {
    this.spec = spec;
    this.personalProperties = spec.personalProperties();
  }

  /** The bundle of {@code api}, read from the class path once. */
  public static SpecDocument of(String api) {
    return LOADED.computeIfAbsent(api, name -> new SpecDocument(ApiSpec.load(name)));
  }

  /** The spec itself. */
  public ApiSpec model() {
    return spec;
  }

  /** The JSON names of the properties the spec marks personal, found once per JVM. */
  Set<String> personalProperties() {
    return personalProperties;
  }

  @SuppressWarnings("unchecked")
  <T> T compiled(String key, Function<String, T> compile) {
    return (T) compiled.computeIfAbsent(key, compile);
  }

  public String api() {
    return spec.api();
  }

  /** The URI of the bundle, for schema locations such as {@code classpath:openapi/stancer.json}. */
  String location() {
    return "classpath:openapi/" + spec.api() + ".json";
  }

  JsonNode root() {
    return spec.root();
  }

  /** The operation with this id, or null. */
  public ApiSpec.Operation operation(String operationId) {
    return spec.operation(operationId);
  }

  public List<ApiSpec.Operation> operations() {
    return spec.operations();
  }

  JsonNode deref(JsonNode node) {
    return spec.deref(node);
  }

  String derefPointer(String pointer) {
    return spec.derefPointer(pointer);
  }

  static String escape(String token) {
    return ApiSpec.escape(token);
  }
}
