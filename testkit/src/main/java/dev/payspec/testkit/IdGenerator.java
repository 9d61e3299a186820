package dev.payspec.testkit;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Makes values that match an id pattern of the spec, such as {@code ^cust_[a-zA-Z0-9]{24}$}: the
 * simple patterns ids have (literals, character classes, {@code .}, {@code \w}, {@code \d},
 * {@code {n}} counts). A pattern beyond that is refused when the fake starts, not when a test runs.
 * Values are random, from a seed of its own per generator (not a fixed one): two fakes, or two
 * runs, practically never make the same id (24 letters and digits are 143 bits); a generator of ids
 * never makes one twice.
 */
final class IdGenerator {

  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom SEEDS = new SecureRandom();
  /** Draws before a generator of ids gives up finding one it has not made. */
  private static final int ATTEMPTS = 1000;

  private record Part(String characters, int count) {}

  private final String pattern;
  private final List<Part> parts;
  private final Random random;
  /** The values made so far, for a generator of ids; null for other values, which may repeat. */
  private final Set<String> made;

  /** A generator for {@code pattern}; {@code ids}: never the same value twice (an id), or values that may repeat. */
  IdGenerator(String pattern, boolean ids) {
    this.pattern = pattern;
    this.parts = parse(pattern);
    this.random = new Random(SEEDS.nextLong());
    this.made = ids ? new HashSet<>() : null;
  }

  /**
   * Ids shaped like an example id ({@code cst_7aee5afb954c7ef7}), for a spec that states no pattern:
   * the example's prefix up to its last {@code _}, then as many lower-case hexadecimal digits, or
   * letters and digits, as the example has.
   */
  static IdGenerator likeExample(String example) {
    int underscore = example.lastIndexOf('_') + 1;
    String rest = example.substring(underscore);
    String characters = rest.chars().allMatch(c -> Character.isDigit(c) || c >= 'a' && c <= 'f') ? "[0-9a-f]" : "[a-zA-Z0-9]";
    StringBuilder pattern = new StringBuilder("^");
    for (char c : example.substring(0, underscore).toCharArray()) {
      if (!Character.isLetterOrDigit(c) && c != '_') {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return new IdGenerator(pattern.append(characters).append('{').append(Math.max(rest.length(), 8)).append("}$").toString(), true);
  }

  String pattern() {
    return pattern;
  }

  synchronized String next() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String value = draw();
      if (made == null || made.add(value)) {
        return value;
      }
    }
    throw new IllegalStateException("the id pattern " + pattern + " allows too few values: " + made.size()
        + " ids made, and " + ATTEMPTS + " draws gave none new");
  }

  private String draw() {
    StringBuilder id = new StringBuilder();
    for (Part part : parts) {
      for (int i = 0; i < part.count(); i++) {
        id.append(part.characters().charAt(random.nextInt(part.characters().length())));
      }
    }
    return id.toString();
  }

  private static List<Part> parse(String pattern) {
    String p = pattern;
    if (p.startsWith("^")) {
      p = p.substring(1);
    }
    if (p.endsWith("$")) {
      p = p.substring(0, p.length() - 1);
    }
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      String characters;
      if (c == '[') {
        int close = p.indexOf(']', i);
        characters = expand(p.substring(i + 1, close), pattern);
        i = close + 1;
      } else if (c == '\\') {
        characters = escape(p.charAt(i + 1), pattern);
        i += 2;
      } else if (c == '.') {
        // Any character: ids are letters and digits, whatever else the pattern would allow.
        characters = ALPHANUMERIC;
        i++;
      } else if ("()*+?|{}".indexOf(c) >= 0) {
        throw unsupported(pattern);
      } else {
        characters = String.valueOf(c);
        i++;
      }
      int count = 1;
      if (i < p.length() && p.charAt(i) == '{') {
        int close = p.indexOf('}', i);
        String[] bounds = p.substring(i + 1, close).split(",");
        count = Integer.parseInt(bounds[bounds.length - 1].isBlank() ? bounds[0] : bounds[bounds.length - 1].strip());
        i = close + 1;
      }
      parts.add(new Part(characters, count));
    }
    return parts;
  }

  private static String expand(String set, String pattern) {
    StringBuilder characters = new StringBuilder();
    for (int i = 0; i < set.length(); i++) {
      char c = set.charAt(i);
      if (c == '\\') {
        characters.append(escape(set.charAt(++i), pattern));
      } else if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
        for (char x = c; x <= set.charAt(i + 2); x++) {
          characters.append(x);
        }
        i += 2;
      } else if (c == '^') {
        throw unsupported(pattern);
      } else {
        characters.append(c);
      }
    }
    return characters.toString();
  }

  private static String escape(char c, String pattern) {
    return switch (c) {
      case 'w' -> ALPHANUMERIC;
      case 'd' -> "0123456789";
      case '.', '-', '_', '/', '\\' -> String.valueOf(c);
      default -> throw unsupported(pattern);
    };
  }

  private static IllegalStateException unsupported(String pattern) {
    return new IllegalStateException("the id pattern " + pattern + " is beyond what the testkit makes ids for"
        + " (literals, [classes], ., \\w, \\d and {n} counts): extend IdGenerator");
  }

  @Override
  public String toString() {
    return "IdGenerator[" + pattern + "]";
  }
}
