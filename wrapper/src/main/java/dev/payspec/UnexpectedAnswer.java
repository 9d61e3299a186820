package dev.payspec;

/**
 * Something in a successful answer that the spec does not describe but that does not stop the SDK
 * from reading it: a property the spec does not list, a value outside an enum, a broken length or
 * pattern. The answer is still returned; a listener set with
 * {@link ClientBuilder#onUnexpectedAnswer(java.util.function.Consumer)} learns of it, so that you
 * know when the provider sends what the spec does not know. It holds field names, never values.
 *
 * @param method the request's HTTP method
 * @param path the request's path, without its query
 * @param field the JSON field, such as {@code customers[2].country}
 * @param description what the spec says of it, in words, such as "is not a field the spec lists"
 */
public record UnexpectedAnswer(String method, String path, String field, String description) {

  @Override
  public String toString() {
    return method + " " + path + ": " + field + " " + description;
  }
}
