package dev.payspec;

/** The provider answered 404: the object does not exist (in this mode or shop). */
public class NotFoundException extends PayspecException {

  public NotFoundException(String message, HttpDetails details) {
    super(message, details, null);
  }
}
