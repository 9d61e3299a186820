package dev.payspec.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The immutable settings of one client. Not part of the public API.
 *
 * <p>{@link #toString()} leaves the credentials out, so that the settings can be logged.
 */
public record HttpSettings(
    String provider,
    URI baseUrl,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRetries,
    String userAgentSuffix,
    String username,
    String password) {

  /** The version of payspec, from the jar's build. */
  public static final String VERSION = readVersion();

  /** {@code payspec-java/<version> (<provider>; Java <version>)} and the user's suffix, if any. */
  public String userAgent() {
    String agent = "payspec-java/" + VERSION + " (" + provider + "; Java " + Runtime.version().feature()
        + "; " + System.getProperty("java.version") + ")";
    return userAgentSuffix == null ? agent : agent + " " + userAgentSuffix;
  }

  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  @Override
  public String toString() {
    return "HttpSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries + ", userAgentSuffix=" + userAgentSuffix
        + ", credentials=(redacted)]";
  }

  private static String readVersion() {
    try (InputStream in = HttpSettings.class.getResourceAsStream("/dev/payspec/payspec-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
