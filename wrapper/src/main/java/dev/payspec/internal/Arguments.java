package dev.payspec.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments of one call, by the names the spec gives its parameters ({@code customer_id},
 * {@code start}), and the body: what a generated service method hands to its {@link Operation}.
 * Immutable: {@link #with} returns a copy (the next page's arguments are the first's with another
 * position). Not part of the public API.
 */
public final class Arguments {

  private static final Arguments NONE = new Arguments(Map.of(), null);

  private final Map<String, Object> values;
  private final Object body;

  private Arguments(Map<String, Object> values, Object body) {
    this.values = values;
    this.body = body;
  }

  /** No argument. */
  public static Arguments none() {
    return NONE;
  }

  /** These arguments and the parameter {@code name} (the spec's name) set to {@code value} (null: not sent). */
  public Arguments with(String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new Arguments(copy, body);
  }

  /** These arguments with the request body. */
  public Arguments body(Object body) {
    return new Arguments(values, body);
  }

  /** The value of the parameter {@code name}, or null. */
  Object get(String name) {
    return values.get(name);
  }

  /** The request body, or null. */
  Object body() {
    return body;
  }
}
