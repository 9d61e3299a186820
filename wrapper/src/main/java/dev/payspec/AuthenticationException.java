package dev.payspec;

/** The provider answered 401: the credentials are missing, wrong or of the wrong kind. */
public class AuthenticationException extends PayspecException {

  public AuthenticationException(String message, HttpDetails details) {
    super(message, details, null);
  }
}
