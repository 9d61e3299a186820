package dev.payspec.buildtools;

import japicmp.cmp.JApiCmpArchive;
import japicmp.cmp.JarArchiveComparator;
import japicmp.cmp.JarArchiveComparatorOptions;
import japicmp.filter.JavadocLikePackageFilter;
import japicmp.model.AccessModifier;
import japicmp.model.JApiBehavior;
import japicmp.model.JApiChangeStatus;
import japicmp.model.JApiClass;
import japicmp.model.JApiCompatibility;
import japicmp.model.JApiCompatibilityChange;
import japicmp.model.JApiField;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The build's change gate for a jar users compile against: japicmp compares its public and
 * protected API with the last released jar (committed in the module's {@code baseline/}), the
 * report goes to {@code target/api-changes.md}, and a binary- or source-incompatible change fails
 * the build unless an {@link Acknowledgement} covers it, the same way as for the specs.
 */
public final class JavaApiGate {

  /** The outcome for one jar. */
  public record Verdict(String name, List<Change> changes, List<Change> unacknowledged, Acknowledgement acknowledgement, Path report) {
    public boolean fails() {
      return !unacknowledged.isEmpty();
    }

    public String summary() {
      long breaking = changes.stream().filter(Change::breaking).count();
      long other = changes.size() - breaking;
      if (changes.isEmpty()) {
        return "unchanged";
      }
      if (fails()) {
        return "FAILS: " + unacknowledged.size() + " breaking change(s) not acknowledged, " + other + " other change(s)";
      }
      return breaking > 0
          ? "passes: " + breaking + " breaking change(s), acknowledged by " + acknowledgement.source() + "; " + other + " other change(s)"
          : "passes: no breaking change; " + other + " other change(s)";
    }
  }

  private JavaApiGate() {}

  /**
   * Arguments: the baseline jar, the new jar, the name (the artifactId: it names the acknowledgement
   * file beside the baseline), the report file, the packages to leave out (comma-separated, may be
   * empty), and the names acknowledged for this build (comma-separated, may be absent).
   */
  public static void main(String[] args) throws IOException {
    Verdict verdict = check(Path.of(args[0]), Path.of(args[1]), args[2], Path.of(args[3]),
        argument(args, 4), argument(args, 5), classPath());
    System.out.println("payspec API gate: " + verdict.name() + " against " + args[0] + ": " + verdict.summary() + "; report " + verdict.report());
    if (verdict.fails()) {
      throw new IllegalStateException("breaking Java API change in " + verdict.name() + ": code compiled against the last release would break.\n"
          + ChangeReport.plainList(verdict.unacknowledged())
          + "If intended, add these lines to " + verdict.acknowledgement().file() + ", with a sentence saying why:\n"
          + ChangeReport.acknowledgementLines(verdict.unacknowledged())
          + "Or accept every change of it for one build: -D" + Acknowledgement.PROPERTY + "=" + verdict.name()
          + ". See docs/maintainers.md, 'The change gates'.");
    }
  }

  /** Maven passes an empty argument as null, or not at all. */
  static String argument(String[] args, int index) {
    return args.length > index && args[index] != null ? args[index] : "";
  }

  /** Compares two jars; {@code classPath} resolves the types they use (missing ones are skipped). */
  public static Verdict check(Path baseline, Path current, String name, Path report, String excludedPackages,
      String acknowledgedForThisBuild, List<String> classPath) throws IOException {
    for (Path jar : List.of(baseline, current)) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar + " is missing");
      }
    }
    JarArchiveComparatorOptions options = new JarArchiveComparatorOptions();
    options.setAccessModifier(AccessModifier.PROTECTED);
    options.getIgnoreMissingClasses().setIgnoreAllMissingClasses(true);
    // payspec's public interfaces are the generated API interfaces, which Feign implements and users
    // call: a new operation adds a method to one, and that breaks no user.
    options.addOverrideCompatibilityChange(new JarArchiveComparatorOptions.OverrideCompatibilityChange(
        japicmp.model.JApiCompatibilityChangeType.METHOD_ADDED_TO_INTERFACE, true, true, japicmp.model.JApiSemanticVersionLevel.MINOR));
    options.getClassPathEntries().addAll(classPath);
    for (String excluded : excludedPackages.split(",")) {
      if (!excluded.isBlank()) {
        options.getFilters().getExcludes().add(new JavadocLikePackageFilter(excluded.strip(), false));
      }
    }
    List<JApiClass> classes = new JarArchiveComparator(options)
        .compare(new JApiCmpArchive(baseline.toFile(), "baseline"), new JApiCmpArchive(current.toFile(), "current"));
    List<Change> changes = new ArrayList<>();
    for (JApiClass type : classes) {
      collect(type, changes);
    }
    changes.sort((a, b) -> Boolean.compare(b.breaking(), a.breaking()));
    Acknowledgement acknowledgement = Acknowledgement.read(name, baseline.getParent(), acknowledgedForThisBuild);
    List<Change> unacknowledged = changes.stream().filter(c -> c.breaking() && !acknowledgement.covers(c.key())).collect(Collectors.toList());
    Verdict verdict = new Verdict(name, changes, unacknowledged, acknowledgement, report);
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, ChangeReport.markdown("`" + name + "` Java API",
        "Baseline `" + ChangeReport.display(baseline) + "`, now `" + ChangeReport.display(current) + "` (public and protected types, methods and fields; japicmp)"
            + (excludedPackages.isBlank() ? "." : ", leaving out " + excludedPackages + "."),
        verdict.summary(), changes, unacknowledged, acknowledgement, "where", "type"));
    return verdict;
  }

  private static void collect(JApiClass type, List<Change> changes) {
    String className = type.getFullyQualifiedName();
    if (type.getChangeStatus() == JApiChangeStatus.UNCHANGED) {
      return;
    }
    if (type.getChangeStatus() != JApiChangeStatus.MODIFIED || !type.getCompatibilityChanges().isEmpty()) {
      add(changes, type, className, type.getChangeStatus() == JApiChangeStatus.NEW ? "" : className,
          type.getChangeStatus() == JApiChangeStatus.REMOVED ? "" : className, className, "class");
    }
    if (type.getChangeStatus() == JApiChangeStatus.REMOVED || type.getChangeStatus() == JApiChangeStatus.NEW) {
      return;
    }
    List<JApiBehavior> behaviors = new ArrayList<>(type.getMethods());
    behaviors.addAll(type.getConstructors());
    for (JApiBehavior behavior : behaviors) {
      if (behavior.getChangeStatus() == JApiChangeStatus.UNCHANGED) {
        continue;
      }
      String was = signature(behavior, true);
      String now = signature(behavior, false);
      add(changes, behavior, className, was, now, className + "#" + (was.isEmpty() ? now : was), "member");
    }
    for (JApiField field : type.getFields()) {
      if (field.getChangeStatus() == JApiChangeStatus.UNCHANGED) {
        continue;
      }
      String was = field.getOldFieldOptional().map(f -> f.getName()).orElse("");
      String now = field.getNewFieldOptional().map(f -> f.getName()).orElse("");
      add(changes, field, className, was, now, className + "#" + field.getName(), "field");
    }
  }

  private static String signature(JApiBehavior behavior, boolean old) {
    java.util.Optional<? extends javassist.CtBehavior> ct;
    if (behavior instanceof japicmp.model.JApiMethod method) {
      ct = old ? method.getOldMethod() : method.getNewMethod();
    } else {
      japicmp.model.JApiConstructor constructor = (japicmp.model.JApiConstructor) behavior;
      ct = old ? constructor.getOldConstructor() : constructor.getNewConstructor();
    }
    return ct.map(b -> {
      String longName = b.getLongName();
      String nameAndParameters = longName.substring(longName.lastIndexOf('.', longName.indexOf('(')) + 1);
      if (!(b instanceof javassist.CtMethod)) {
        return nameAndParameters;
      }
      // With the return type, so that a changed one shows in the report (read from the descriptor: no class loading).
      String descriptor = b.getMethodInfo2().getDescriptor();
      return javassist.bytecode.Descriptor.toClassName(descriptor.substring(descriptor.indexOf(')') + 1)) + " " + nameAndParameters;
    }).orElse("");
  }

  private static void add(List<Change> changes, JApiCompatibility element, String className, String was, String now, String pointer, String what) {
    List<JApiCompatibilityChange> incompatible = element.getCompatibilityChanges().stream()
        .filter(c -> !c.isBinaryCompatible() || !c.isSourceCompatible()).collect(Collectors.toList());
    if (!incompatible.isEmpty()) {
      String kind = incompatible.get(0).getType().name().toLowerCase().replace('_', '-');
      String types = incompatible.stream().map(c -> c.getType().name()).distinct().collect(Collectors.joining(", "));
      changes.add(new Change(kind, true, "Incompatible " + what + " change (" + types + ")", was, now, pointer, Set.of(className)));
    } else {
      String kind = was.isEmpty() ? what + "-added" : now.isEmpty() ? what + "-removed" : what + "-changed";
      changes.add(new Change(kind, false, "Compatible " + what + " change", was, now, pointer, Set.of(className)));
    }
  }

  /** The class path this gate runs with (exec:java's class loader: the module's compile class path and this artifact's), to resolve the jars' types. */
  static List<String> classPath() {
    List<String> entries = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    while (loader != null) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(new File(url.toURI()).getPath());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file: nothing japicmp could read
          }
        }
      }
      loader = loader.getParent();
    }
    if (entries.isEmpty()) {
      entries.addAll(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
    }
    // The module's own classes are what is compared: they come from the jars, not from the class path.
    return entries.stream().filter(e -> e.endsWith(".jar")).distinct().collect(Collectors.toList());
  }
}
