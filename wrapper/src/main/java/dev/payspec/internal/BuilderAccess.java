package dev.payspec.internal;

import dev.payspec.ClientBuilder;

/**
 * How payspec's own clients read the settings a {@link ClientBuilder} was given, without a public or
 * protected member of the builder naming an internal type: the builder registers its reader here
 * when its class is initialized. Not part of the public API.
 */
public final class BuilderAccess {

  /** The builder's own reading of its options. */
  @FunctionalInterface
  public interface Reader {
    HttpSettings settings(ClientBuilder<?> builder, String provider, String username, String password);
  }

  private static volatile Reader reader;

  private BuilderAccess() {
  }

  /** Called once, by {@link ClientBuilder}'s class initializer. */
  public static void register(Reader builderReader) {
    reader = builderReader;
  }

  /** The settings of {@code builder}'s options, with the provider's name and the HTTP Basic credentials. */
  public static HttpSettings settings(ClientBuilder<?> builder, String provider, String username, String password) {
    return reader.settings(builder, provider, username, password);
  }
}
