package dev.payspec;

import java.util.Optional;

/** The provider answered 409: the object conflicts with an existing one, such as a Stancer customer with the same details. */
public class ConflictException extends PayspecException {

  private final String existingId;

  public ConflictException(String message, HttpDetails details, String existingId) {
    super(message, details, null);
    this.existingId = existingId;
  }

  /** The id of the existing object, when the provider names it (Stancer does for customers). */
  public Optional<String> getExistingId() {
    return Optional.ofNullable(existingId);
  }
}
