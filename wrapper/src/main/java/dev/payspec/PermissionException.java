package dev.payspec;

/** The provider answered 403: the credentials may not do this. */
public class PermissionException extends PayspecException {

  public PermissionException(String message, HttpDetails details) {
    super(message, details, null);
  }
}
