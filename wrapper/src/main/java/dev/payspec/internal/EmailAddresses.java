package dev.payspec.internal;


/**
 * The specs' {@code format: email} as their mock server, Prism, checks it (ajv-formats, "full"
 * mode): dot-separated atoms, {@code @}, and a domain of at least two labels. The generated
 * models' {@code @Email} accepts {@code david@coaster}, which Prism refuses; this check makes the
 * wrapper refuse what the spec's format refuses. Not part of the public API.
 */
public final class EmailAddresses {

  /** The rule in words, for a violation. */
  public static final String RULE = "must be an email address whose domain has a dot, such as david@example.net";

  /** The characters of an atom before the {@code @}, besides letters and digits. */
  private static final String ATOM_SIGNS = "!#$%&'*+/=?^_`{|}~-";

  private EmailAddresses() {}

  /**
   * Whether {@code text} is, as a whole, atoms of letters, digits and {@code !#$%&'*+/=?^_`{|}~-}
   * joined by single dots, {@code @}, then two or more dot-separated labels of letters, digits and
   * inner hyphens (ASCII letters of either case). Scanned by hand, not by a regular expression:
   * it runs on every create request, and the expression cost a microsecond of each.
   */
  public static boolean isEmailAddress(String text) {
    int at = text.indexOf('@');
    return at > 0 && localPart(text, 0, at) && domain(text, at + 1, text.length());
  }

  private static boolean localPart(String text, int from, int to) {
    boolean atomStart = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (atomStart) {
          return false; // an empty atom: a leading dot or two dots in a row
        }
        atomStart = true;
      } else if (letterOrDigit(c) || ATOM_SIGNS.indexOf(c) >= 0) {
        atomStart = false;
      } else {
        return false;
      }
    }
    return !atomStart;
  }

  private static boolean domain(String text, int from, int to) {
    int labels = 0;
    int labelStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '.') {
        if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
          return false; // an empty label, or one that starts or ends with a hyphen
        }
        labels++;
        labelStart = i + 1;
      } else if (!letterOrDigit(text.charAt(i)) && text.charAt(i) != '-') {
        return false;
      }
    }
    return labels >= 2;
  }

  private static boolean letterOrDigit(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }
}
