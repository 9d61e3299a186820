package dev.payspec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the spec operation a generated service method calls, such as {@code createCustomer}: to
 * find a method from the spec (tests, tracing) without knowing how its name was derived.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SpecOperation {

  /** The operation's {@code operationId}. */
  String value();
}
