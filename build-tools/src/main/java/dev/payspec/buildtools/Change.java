package dev.payspec.buildtools;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One change between a spec's baseline and its current bundle.
 *
 * @param kind what kind of change, a short slug such as {@code property-renamed}
 * @param breaking whether it can break existing users
 * @param what one sentence for a person
 * @param was the old value (type, bound, pattern, status, name...), or empty
 * @param now the new value, or empty
 * @param pointer where it is: a JSON pointer into the bundle (the old one for what was removed)
 * @param places the operations it reaches, such as {@code POST /customers request body}
 */
public record Change(String kind, boolean breaking, String what, String was, String now, String pointer, Set<String> places) {

  public Change {
    places = new LinkedHashSet<>(places);
  }

  /** The line that acknowledges this change in {@code <name>.acknowledged.md}. */
  public String key() {
    return kind + " " + pointer;
  }
}
