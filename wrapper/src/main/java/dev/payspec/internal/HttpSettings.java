package dev.payspec.internal;

import com.fasterxml.jackson.core.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The immutable settings of one client. Not part of the public API.
 *
 * <p>{@link #toString()} leaves the credentials out, so that the settings can be logged.
 *
 * @param sharedHttpClient a JDK client owned by the user and shared between payspec clients, or null
 *     for one of the client's own
 * @param logFullBodies whether the wire log writes bodies as they are, personal data included
 * @param listener told of each call, or null
 * @param engine the user's engine, or null for the JDK's client ({@code sharedHttpClient} or the client's own)
 * @param clock how the client waits before a retry, or null for timers on the engine's threads
 * @param callTimeout the bound of a whole call, retries included, or null for none
 */
public record HttpSettings(
    String provider,
    URI baseUrl,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRetries,
    String userAgentSuffix,
    String username,
    String password,
    HttpClient sharedHttpClient,
    boolean logFullBodies,
    dev.payspec.CallListener listener,
    dev.payspec.http.HttpEngine engine,
    dev.payspec.CallClock clock,
    Duration callTimeout) {

  /** Settings with no bound on a whole call. */
  public HttpSettings(String provider, URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxRetries,
      String userAgentSuffix, String username, String password, HttpClient sharedHttpClient, boolean logFullBodies,
      dev.payspec.CallListener listener, dev.payspec.http.HttpEngine engine, dev.payspec.CallClock clock) {
    this(provider, baseUrl, connectTimeout, readTimeout, maxRetries, userAgentSuffix, username, password, sharedHttpClient,
        logFullBodies, listener, engine, clock, null);
  }

  /** Settings with the default clock. */
  public HttpSettings(String provider, URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxRetries,
      String userAgentSuffix, String username, String password, HttpClient sharedHttpClient, boolean logFullBodies,
      dev.payspec.CallListener listener, dev.payspec.http.HttpEngine engine) {
    this(provider, baseUrl, connectTimeout, readTimeout, maxRetries, userAgentSuffix, username, password, sharedHttpClient,
        logFullBodies, listener, engine, null);
  }

  /** Settings without an engine of the user's. */
  public HttpSettings(String provider, URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxRetries,
      String userAgentSuffix, String username, String password, HttpClient sharedHttpClient, boolean logFullBodies,
      dev.payspec.CallListener listener) {
    this(provider, baseUrl, connectTimeout, readTimeout, maxRetries, userAgentSuffix, username, password, sharedHttpClient,
        logFullBodies, listener, null);
  }

  /** Settings without a listener. */
  public HttpSettings(String provider, URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxRetries,
      String userAgentSuffix, String username, String password, HttpClient sharedHttpClient, boolean logFullBodies) {
    this(provider, baseUrl, connectTimeout, readTimeout, maxRetries, userAgentSuffix, username, password, sharedHttpClient,
        logFullBodies, null);
  }

  private static final Pattern LOOPBACK_V4 =
      Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

  private static final Properties BUILD = readBuild();

  /** The version of payspec, from the jar's build. */
  public static final String VERSION = BUILD.getProperty("version", "unknown");

  /** The oldest jackson-databind payspec runs with, from the root pom's {@code jackson.floor.version}. */
  public static final String JACKSON_FLOOR = BUILD.getProperty("jacksonFloor", "2.14.0");

  /**
   * Refuses a Jackson older than {@link #JACKSON_FLOOR} when a client is built, with a message that
   * says what to do, rather than a {@code NoSuchMethodError} (an {@code Error}) in the middle of a call.
   */
  public static void checkJackson() {
    Version found = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
    String[] floor = JACKSON_FLOOR.split("\\.");
    Version needed = new Version(Integer.parseInt(floor[0]), Integer.parseInt(floor[1]), Integer.parseInt(floor[2]), null,
        found.getGroupId(), found.getArtifactId());
    if (found.compareTo(needed) < 0) {
      throw new IllegalStateException("payspec needs jackson-databind " + JACKSON_FLOOR + " or later, but " + found
          + " is on the class path: import a newer com.fasterxml.jackson:jackson-bom in your build");
    }
  }

  /** {@code payspec-java/<version> (<provider>; Java <version>)} and the user's suffix, if any. */
  public String userAgent() {
    String agent = "payspec-java/" + VERSION + " (" + provider + "; Java " + Runtime.version().feature()
        + "; " + System.getProperty("java.version") + ")";
    return userAgentSuffix == null ? agent : agent + " " + userAgentSuffix;
  }

  /** Whether a URL's host is the loopback interface: {@code localhost}, an IPv4 literal in 127.0.0.0/8, or {@code ::1}. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    // A literal only: a name such as 127.example.com is not loopback.
    return h.equals("localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }


  @Override
  public String toString() {
    return "HttpSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries + ", userAgentSuffix=" + userAgentSuffix
        + ", sharedHttpClient=" + (sharedHttpClient != null) + ", engine=" + (engine == null ? "jdk" : engine.getClass().getSimpleName()) + ", logFullBodies=" + logFullBodies + ", credentials=(redacted)]";
  }

  private static Properties readBuild() {
    try (InputStream in = HttpSettings.class.getResourceAsStream("/dev/payspec/payspec-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
