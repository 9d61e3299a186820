package dev.payspec;

/**
 * The exchange failed below HTTP: the connection could not be made or broke, or a timeout expired.
 * It says where: the host and port (never the path, which may hold personal data, though
 * {@link #getPath()} keeps it for your code), the {@link Phase} the exchange had reached, and whether
 * the request may have reached the provider.
 */
public class ConnectionException extends PayspecException {

  /** How far an exchange had gone when it failed. */
  public enum Phase {
    /** Finding the host's address: nothing was sent. */
    RESOLVING("resolving the host"),
    /** Opening the connection: nothing was sent. */
    CONNECTING("connecting"),
    /** The TLS handshake: nothing was sent. */
    TLS("the TLS handshake"),
    /** The request was (or was being) sent and no answer's headers came. */
    WAITING_FOR_THE_ANSWER("waiting for the answer"),
    /** The answer's headers came and its body did not come whole. */
    READING_THE_BODY("reading the answer's body");

    private final String words;

    Phase(String words) {
      this.words = words;
    }

    /** The phase in words, as messages say it. */
    public String words() {
      return words;
    }
  }

  private final boolean requestSent;
  private final String host;
  private final int port;
  private final Phase phase;

  public ConnectionException(String message, String method, String path, boolean requestSent, Throwable cause) {
    this(message, method, path, null, -1, null, requestSent, cause);
  }

  /**
   * @param host the provider's host, or null when unknown
   * @param port its port, or -1
   * @param phase how far the exchange had gone, or null when unknown
   */
  public ConnectionException(String message, String method, String path, String host, int port, Phase phase,
      boolean requestSent, Throwable cause) {
    super(message, method, path, cause);
    this.requestSent = requestSent;
    this.host = host;
    this.port = port;
    this.phase = phase;
  }

  /**
   * False only when the connection was never made, so the provider cannot have received the
   * request; true when it may have (a create may then have happened: retrieve before creating again).
   */
  public boolean isRequestSent() {
    return requestSent;
  }

  /** The host the exchange went to, such as {@code api.stancer.com}, or null when unknown. */
  public String getHost() {
    return host;
  }

  /** The port the exchange went to, such as 443, or -1 when unknown. */
  public int getPort() {
    return port;
  }

  /** How far the exchange had gone, or null when unknown. */
  public Phase getPhase() {
    return phase;
  }
}
