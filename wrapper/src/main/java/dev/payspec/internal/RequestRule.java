package dev.payspec.internal;

import dev.payspec.Violation;
import java.util.function.Consumer;

/** A rule of a spec that jakarta.validation annotations cannot carry, such as "email or mobile". Not part of the public API. */
@FunctionalInterface
public interface RequestRule<T> {

  /** Reports each violation of the rule by {@code request}; reports nothing when it holds. */
  void check(T request, Consumer<Violation> report);
}
