package dev.payspec;

/**
 * The root of every exception payspec throws. All are unchecked.
 *
 * <p>An exception that comes from an HTTP exchange keeps what is needed to understand it: the
 * status, the provider's error type and message, the raw body, the method and the path. None of
 * them ever holds a credential.
 */
public class PayspecException extends RuntimeException {

  private final int httpStatus;
  private final String errorType;
  private final String providerMessage;
  private final String rawBody;
  private final String method;
  private final String path;

  /** For exceptions raised before or without any HTTP response. */
  protected PayspecException(String message, String method, String path, Throwable cause) {
    this(message, new HttpDetails(0, null, null, null, method, path), cause);
  }

  /** For exceptions built from an HTTP response. */
  protected PayspecException(String message, HttpDetails details, Throwable cause) {
    super(message, cause);
    this.httpStatus = details.status();
    this.errorType = details.errorType();
    this.providerMessage = details.providerMessage();
    this.rawBody = details.rawBody();
    this.method = details.method();
    this.path = details.path();
  }

  /** The HTTP status of the response, or 0 when there was none. */
  public int getHttpStatus() {
    return httpStatus;
  }

  /** The provider's error type (Stancer's {@code error.type}), or null when it gave none. */
  public String getErrorType() {
    return errorType;
  }

  /** The provider's own message, or null when the body held none. */
  public String getProviderMessage() {
    return providerMessage;
  }

  /** The response body exactly as received (HTML, empty, truncated or malformed included), or null when there was no response. */
  public String getRawBody() {
    return rawBody;
  }

  /** The HTTP method of the request, such as {@code POST}, or null when nothing was to be sent. */
  public String getMethod() {
    return method;
  }

  /** The path of the request, such as {@code /v1/customers/}, or null when nothing was to be sent. */
  public String getPath() {
    return path;
  }

  /** What an HTTP exchange tells about an error; a value passed to the constructors of the subclasses. */
  public record HttpDetails(int status, String errorType, String providerMessage, String rawBody, String method, String path) {}
}
