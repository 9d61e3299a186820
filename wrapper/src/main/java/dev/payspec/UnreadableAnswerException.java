package dev.payspec;

/**
 * The provider accepted the call (a 2xx status) but its answer cannot be read as the spec's model:
 * not JSON, empty, {@code null}, or of another type. The call took effect: a create has created,
 * so this is never retried and must not be retried blindly; the raw body ({@link #getRawBody()})
 * keeps what was answered, such as the id of what was created.
 *
 * <p>Anything else an answer breaks (a {@code null} or a missing property, a value outside a pattern,
 * length or enum) does not stop the reading: the answer is returned and the finding goes to the
 * {@code onUnexpectedAnswer} listener.
 */
public class UnreadableAnswerException extends PayspecException {

  public UnreadableAnswerException(String message, HttpDetails details) {
    super(message, details, null);
  }
}
