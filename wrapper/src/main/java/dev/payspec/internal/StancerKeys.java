package dev.payspec.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/** The check of a Stancer API key, shared by the clients of every API version. Not part of the public API. */
public final class StancerKeys {

  private static final Pattern KEY = Pattern.compile("(stest|sprod|ptest|pprod)_\\w{24}");

  private StancerKeys() {}

  /**
   * The key, stripped, when it is a secret key ({@code stest_} or {@code sprod_} and 24 letters or
   * digits); public keys cannot manage customers. The key itself is never echoed: a message may end
   * up in a log.
   */
  public static String secretKey(String apiKey) {
    Objects.requireNonNull(apiKey, "apiKey is null: pass your Stancer secret key (stest_... or sprod_...)");
    String key = apiKey.strip();
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("apiKey is not a Stancer key: expected a secret key, stest_ or sprod_ followed by"
          + " 24 letters or digits (" + key.length() + " characters given)");
    }
    if (key.startsWith("p")) {
      throw new IllegalArgumentException("apiKey is a public key (" + key.substring(0, 6)
          + "...): customers need the secret key of the same mode, stest_... or sprod_...");
    }
    return key;
  }
}
