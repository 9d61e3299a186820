package dev.payspec;

import java.util.List;
import java.util.stream.Collectors;

/** A request broke the spec's rules. Raised on the client before anything was sent; lists every violation at once. */
public class ValidationException extends PayspecException {

  private final List<Violation> violations;

  public ValidationException(String method, String path, List<Violation> violations) {
    super("invalid request, nothing was sent: "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), method, path, null);
    this.violations = List.copyOf(violations);
  }

  /** Every broken rule, ordered by field. */
  public List<Violation> getViolations() {
    return violations;
  }
}
