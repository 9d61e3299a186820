package dev.payspec;

/** One broken rule of a request: the field (by its JSON name, such as {@code live_mode}) and what is wrong with it. */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
