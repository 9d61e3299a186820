import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * The judge of tools/check-used-jars.sh, run as a source file ({@code java JarsLoaded.java ...}).
 *
 * <pre>
 * java JarsLoaded.java to-remove CLASS_PATH_FILE CLASS_LOAD_LOG
 *     prints, one a line, the jars that class loading cannot judge (see below): the script runs the
 *     flows without each of them
 * java JarsLoaded.java judge CLASS_PATH_FILE CLASS_LOAD_LOG UNUSED_FILE [NEEDED_JAR...]
 *     prints the table (jar, classes loaded, verdict), writes the unused jars to UNUSED_FILE, one a
 *     line, and exits 1 naming them
 * </pre>
 *
 * CLASS_PATH_FILE is what {@code dependency:build-classpath} wrote (jars separated by the path
 * separator); CLASS_LOAD_LOG is what the JVM wrote with {@code -Xlog:class+load=info}, one line a
 * class, ending {@code source: file:/...jar} (or {@code jar:file:/...jar!/}) for a class read from a
 * jar. A jar from which no class was loaded is unused. A jar from which classes were loaded is used,
 * with two exceptions that class loading cannot settle, judged by removal instead (used only if the
 * flows fail without it, NEEDED_JAR): a jar that holds no class file (payspec-specs: the wrapper
 * reads its specs as resources), and a jar from which an annotation type was loaded - reading a
 * class's annotations reflectively (Jackson does it for every model) loads the annotations' types,
 * and what their elements name, when they are on the class path, and silently skips them when not.
 */
public final class JarsLoaded {

  private static final Pattern LOAD = Pattern.compile("\\[class,load\\s*\\] (\\S+) source: (.*)$");

  private final List<String> jars;
  /** Per jar (its real path), the names of the classes loaded from it. */
  private final Map<Path, List<String>> loaded = new LinkedHashMap<>();
  private final Map<Path, String> entries = new LinkedHashMap<>();
  private int lines;

  private JarsLoaded(Path classPathFile, Path log) throws IOException {
    jars = classPath(classPathFile);
    for (String jar : jars) {
      Path real = Path.of(jar).toRealPath();
      entries.put(real, jar);
      loaded.put(real, new ArrayList<>());
    }
    for (String line : Files.readAllLines(log)) {
      Matcher load = LOAD.matcher(line);
      if (load.find()) {
        lines++;
        Path jar = jarOf(load.group(2));
        if (jar != null && loaded.containsKey(jar)) {
          loaded.get(jar).add(load.group(1));
        }
      }
    }
    if (lines == 0) {
      fail(log + " shows no class loaded at all (not a -Xlog:class+load=info log of the flows): nothing can be judged");
    }
    if (loaded.values().stream().allMatch(List::isEmpty)) {
      fail("of the " + lines + " classes " + log + " shows loaded, none came from a jar of the class path: not a log of the flows on it");
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("to-remove")) {
      JarsLoaded run = new JarsLoaded(Path.of(args[1]), Path.of(args[2]));
      for (Path jar : run.loaded.keySet()) {
        if (run.reason(jar) != null) {
          System.out.println(run.entries.get(jar));
        }
      }
    } else if (args.length >= 4 && args[0].equals("judge")) {
      JarsLoaded run = new JarsLoaded(Path.of(args[1]), Path.of(args[2]));
      System.exit(run.judge(Path.of(args[3]), Set.copyOf(Arrays.asList(args).subList(4, args.length))));
    } else {
      System.err.println("usage: java JarsLoaded.java to-remove CLASS_PATH_FILE CLASS_LOAD_LOG"
          + " | judge CLASS_PATH_FILE CLASS_LOAD_LOG UNUSED_FILE [NEEDED_JAR...]");
      System.exit(2);
    }
  }

  /** Why class loading cannot judge this jar, or null when it can. */
  private String reason(Path jar) throws IOException {
    if (!holdsClasses(jar)) {
      return "holds no class";
    }
    List<String> annotations = annotationTypes(loaded.get(jar));
    if (!annotations.isEmpty()) {
      return "annotation types loaded (" + annotations.get(0) + (annotations.size() > 1 ? ", ..." : "") + ")";
    }
    return null;
  }

  private int judge(Path unusedFile, Set<String> needed) throws IOException {
    int fromClassPath = loaded.values().stream().mapToInt(List::size).sum();
    System.out.printf("used-jars: the runtime class path of a wrapper-only project: %d jars; %d of the %d classes the flows loaded came from them%n",
        jars.size(), fromClassPath, lines);
    int width = jars.stream().mapToInt(jar -> Path.of(jar).getFileName().toString().length()).max().orElse(3);
    String row = "  %-" + width + "s  %14s  %s%n";
    System.out.printf(row, "jar", "classes loaded", "verdict");
    List<String> unused = new ArrayList<>();
    List<String> unusedNames = new ArrayList<>();
    for (Map.Entry<Path, List<String>> entry : loaded.entrySet()) {
      String jar = entries.get(entry.getKey());
      String name = Path.of(jar).getFileName().toString();
      int count = entry.getValue().size();
      String reason = reason(entry.getKey());
      String verdict;
      if (count == 0 && reason == null) {
        verdict = "UNUSED: no class loaded from it";
      } else if (reason == null) {
        verdict = "used";
      } else if (needed.contains(jar)) {
        verdict = "used: " + reason + "; the flows fail without it";
      } else {
        verdict = "UNUSED: " + reason + "; the flows pass without it";
      }
      if (verdict.startsWith("UNUSED")) {
        unused.add(jar);
        unusedNames.add(name);
      }
      System.out.printf(row, name, count, verdict);
    }
    Files.write(unusedFile, unused);
    if (!unused.isEmpty()) {
      System.out.println("used-jars: FAILED: " + unused.size() + " jar(s) of a wrapper-only user's runtime class path are used by no flow: "
          + String.join(", ", unusedNames));
      return 1;
    }
    System.out.println("used-jars: every jar of a wrapper-only user's runtime class path is used by the flows");
    return 0;
  }

  /** The annotation types among these classes (loaded, not initialized, from the class path). */
  private List<String> annotationTypes(List<String> classes) throws IOException {
    List<String> annotations = new ArrayList<>();
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = Path.of(jars.get(i)).toUri().toURL();
    }
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      for (String name : new TreeSet<>(classes)) {
        try {
          if (Class.forName(name, false, loader).isAnnotation()) {
            annotations.add(name);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // A class defined at run time (a proxy, a lambda) has no file; it is no annotation type.
        }
      }
    }
    return annotations;
  }

  /** The jar a class+load line's source names, or null (the JDK's image, a CDS archive, a directory, a generated class). */
  private static Path jarOf(String source) {
    String url = source.trim();
    if (url.startsWith("jar:")) {
      url = url.substring("jar:".length());
      int inside = url.indexOf("!/");
      if (inside >= 0) {
        url = url.substring(0, inside);
      }
    }
    if (!url.startsWith("file:") || !url.endsWith(".jar")) {
      return null;
    }
    try {
      return Path.of(URI.create(url)).toRealPath();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static List<String> classPath(Path file) throws IOException {
    List<String> jars = new ArrayList<>();
    for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        jars.add(entry.trim());
      }
    }
    if (jars.isEmpty()) {
      fail(file + " names no jar: no class path to judge");
    }
    return jars;
  }

  private static boolean holdsClasses(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().anyMatch(entry -> entry.getName().endsWith(".class"));
    }
  }

  private static void fail(String why) {
    System.err.println("used-jars: FAILED: " + why);
    System.exit(1);
  }
}
