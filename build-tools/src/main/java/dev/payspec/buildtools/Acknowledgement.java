package dev.payspec.buildtools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which breaking changes of one API or jar are intended, for both change gates. Either a committed
 * {@code <baseline folder>/<name>.acknowledged.md} that says why and lists the changes it accepts,
 * one {@code - <kind> <location>} line each as the gate's report prints them (or {@code - all}), or,
 * for one build, {@code -Dpayspec.acknowledgeIncompatible=<name>,...}.
 */
public final class Acknowledgement {

  /** The system property (and Maven property) that accepts every breaking change of the names it lists, for one build. */
  public static final String PROPERTY = "payspec.acknowledgeIncompatible";

  private static final Pattern KEY = Pattern.compile("^[-*]\\s+`?(all|[a-zA-Z][\\w-]* \\S.*?)`?\\s*$");

  private final String name;
  private final Path file;
  private final boolean all;
  private final Set<String> keys;
  private final String source;

  private Acknowledgement(String name, Path file, boolean all, Set<String> keys, String source) {
    this.name = name;
    this.file = file;
    this.all = all;
    this.keys = keys;
    this.source = source;
  }

  /** Reads {@code <folder>/<name>.acknowledged.md} if it exists; {@code forThisBuild} is the property's comma-separated list. */
  public static Acknowledgement read(String name, Path folder, String forThisBuild) throws IOException {
    Path file = folder.resolve(name + ".acknowledged.md");
    Set<String> names = forThisBuild == null ? Set.of()
        : Arrays.stream(forThisBuild.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    if (names.contains(name)) {
      return new Acknowledgement(name, file, true, Set.of(), "-D" + PROPERTY + "=" + forThisBuild + " (this build only)");
    }
    if (!Files.isRegularFile(file)) {
      return new Acknowledgement(name, file, false, Set.of(), "");
    }
    Set<String> keys = new LinkedHashSet<>();
    boolean all = false;
    boolean saysWhy = false;
    for (String line : Files.readAllLines(file)) {
      Matcher key = KEY.matcher(line.strip());
      if (key.matches()) {
        if (key.group(1).equals("all")) {
          all = true;
        } else {
          keys.add(key.group(1).strip());
        }
      } else if (!line.isBlank() && !line.strip().startsWith("#")) {
        saysWhy = true;
      }
    }
    if (!saysWhy) {
      throw new IllegalStateException(file + " lists changes but does not say why they are intended: add a sentence (see docs/maintainers.md, 'Changing a spec').");
    }
    return new Acknowledgement(name, file, all, keys, file.toString());
  }

  /** Whether this breaking change is intended. */
  public boolean covers(String key) {
    return all || keys.contains(key);
  }

  /** Where the acknowledgement comes from, or empty when there is none. */
  public String source() {
    return source;
  }

  /** The file that would acknowledge a change of this name. */
  public Path file() {
    return file;
  }

  public String name() {
    return name;
  }
}
