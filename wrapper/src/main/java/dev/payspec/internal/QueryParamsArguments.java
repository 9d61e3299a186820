package dev.payspec.internal;

import dev.payspec.ValidationException;
import dev.payspec.Violation;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters a caller put in a generated {@code *QueryParams} object, given back as the
 * typed arguments of the service's positional method, so that both overloads share one call path
 * (checks, paging, exceptions). The generated object holds each value URL-encoded as text; this
 * decodes it to the parameter's type. Used by the generated services only.
 */
public final class QueryParamsArguments {

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> specNames = new HashMap<>();
  private final String method;
  private final String path;

  private QueryParamsArguments(String method, String path) {
    this.method = method;
    this.path = path;
  }

  /**
   * Reads {@code params}, refusing a name that is none of {@code names} (the operation's query
   * parameters, in the spec's spelling) before anything is sent.
   */
  public static QueryParamsArguments of(Map<String, Object> params, String method, String path, Set<String> names) {
    if (params == null) {
      throw new ValidationException(method, path, List.of(new Violation("queryParams",
          "is null: pass an empty query parameters object for none")));
    }
    QueryParamsArguments arguments = new QueryParamsArguments(method, path);
    Map<String, String> known = new HashMap<>();
    names.forEach(name -> known.put(normalized(name), name));
    arguments.specNames.putAll(known);
    List<Violation> unknown = new ArrayList<>();
    for (Map.Entry<String, Object> entry : params.entrySet()) {
      if (!known.containsKey(normalized(entry.getKey()))) {
        unknown.add(new Violation(entry.getKey(), "is not a query parameter of this operation; its parameters are "
            + new TreeSet<>(names)));
      } else if (entry.getValue() != null) {
        arguments.values.put(normalized(entry.getKey()),
            URLDecoder.decode(String.valueOf(entry.getValue()), StandardCharsets.UTF_8));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ValidationException(method, path, unknown);
    }
    return arguments;
  }

  /** The value of the parameter {@code name} as {@code type}, or null when the caller did not set it. */
  public <T> T get(String name, Class<T> type) {
    String text = values.get(normalized(name));
    if (text == null) {
      return null;
    }
    try {
      return type.cast(decode(text, type));
    } catch (RuntimeException e) {
      throw new ValidationException(method, path, List.of(new Violation(specNames.getOrDefault(normalized(name), name),
          "is not a " + type.getSimpleName() + ": " + e.getMessage())));
    }
  }

  private static Object decode(String text, Class<?> type) {
    if (type == String.class) {
      return text;
    }
    if (type == Integer.class) {
      return Integer.valueOf(text);
    }
    if (type == Long.class) {
      return Long.valueOf(text);
    }
    if (type == Boolean.class) {
      return Boolean.valueOf(text);
    }
    if (type == Double.class) {
      return Double.valueOf(text);
    }
    if (type == BigDecimal.class) {
      return new BigDecimal(text);
    }
    if (type == OffsetDateTime.class) {
      return OffsetDateTime.parse(text);
    }
    if (type == LocalDate.class) {
      return LocalDate.parse(text);
    }
    try {
      // The generated enums read their spec value with fromValue.
      Method fromValue = type.getMethod("fromValue", String.class);
      return fromValue.invoke(null, text);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("no decoding of " + type, e);
    }
  }

  private static String normalized(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }
}
