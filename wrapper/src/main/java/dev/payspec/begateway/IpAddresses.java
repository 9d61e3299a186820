package dev.payspec.begateway;

/**
 * Whether a text is an IPv4 address in dotted-decimal form or an IPv6 address, checked as text:
 * unlike {@code InetAddress.getByName}, it never looks a name up in DNS.
 */
final class IpAddresses {

  private IpAddresses() {}

  static boolean isIpAddress(String text) {
    return isIpv4(text) || isIpv6(text);
  }

  /** Four decimal numbers 0 to 255, without leading zeros, separated by dots. */
  static boolean isIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
          || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Eight groups of 1 to 4 hex digits, or fewer with one {@code ::}; the last two may be an IPv4 address. No zone id. */
  static boolean isIpv6(String text) {
    int compressed = text.indexOf("::");
    if (compressed != text.lastIndexOf("::") || text.contains(":::")) {
      return false;
    }
    String[] halves = compressed < 0 ? new String[] {text} : new String[] {text.substring(0, compressed), text.substring(compressed + 2)};
    int groups = 0;
    for (int h = 0; h < halves.length; h++) {
      if (halves[h].isEmpty()) {
        continue;
      }
      String[] parts = halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        boolean last = h == halves.length - 1 && i == parts.length - 1;
        if (last && parts[i].contains(".")) {
          if (!isIpv4(parts[i])) {
            return false;
          }
          groups += 2;
        } else if (parts[i].isEmpty() || parts[i].length() > 4
            || !parts[i].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
          return false;
        } else {
          groups++;
        }
      }
    }
    return compressed < 0 ? groups == 8 : groups <= 7;
  }
}
