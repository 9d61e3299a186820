package dev.payspec;

/** The exchange failed below HTTP: the connection could not be made or broke, or a timeout expired. */
public class ConnectionException extends PayspecException {

  private final boolean requestSent;

  public ConnectionException(String message, String method, String path, boolean requestSent, Throwable cause) {
    super(message, method, path, cause);
    this.requestSent = requestSent;
  }

  /**
   * False only when the connection was never made, so the provider cannot have received the
   * request; true when it may have (a create may then have happened: retrieve before creating again).
   */
  public boolean isRequestSent() {
    return requestSent;
  }
}
