package dev.payspec.internal;

import java.util.regex.Pattern;

/**
 * The specs' {@code format: email} as their mock server, Prism, checks it (ajv-formats, "full"
 * mode): dot-separated atoms, {@code @}, and a domain of at least two labels. The generated
 * models' {@code @Email} accepts {@code david@coaster}, which Prism refuses; this check makes the
 * wrapper refuse what the spec's format refuses. Not part of the public API.
 */
public final class EmailAddresses {

  private static final Pattern EMAIL = Pattern.compile(
      "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?",
      Pattern.CASE_INSENSITIVE);

  /** The rule in words, for a violation. */
  public static final String RULE = "must be an email address whose domain has a dot, such as david@example.net";

  private EmailAddresses() {}

  public static boolean isEmailAddress(String text) {
    return EMAIL.matcher(text).matches();
  }
}
