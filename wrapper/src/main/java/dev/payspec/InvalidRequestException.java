package dev.payspec;

import java.util.List;
import java.util.Map;

/**
 * The provider refused the request as invalid: 400 or 422, or another 4xx that no other exception
 * describes. The provider's field errors are parsed when it gives them.
 */
public class InvalidRequestException extends PayspecException {

  private final Map<String, List<String>> fieldErrors;

  public InvalidRequestException(String message, HttpDetails details, Map<String, List<String>> fieldErrors) {
    super(message, details, null);
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  /**
   * The provider's messages per field. A nested field is named by its path, such as
   * {@code billing_address.zip}. Empty when the provider named no field.
   */
  public Map<String, List<String>> getFieldErrors() {
    return fieldErrors;
  }
}
