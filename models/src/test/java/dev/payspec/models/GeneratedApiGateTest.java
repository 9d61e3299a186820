package dev.payspec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payspec.specs.BundledSpec;
import dev.payspec.buildtools.Change;
import dev.payspec.buildtools.JavaApiGate;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API gate on this module's own classes: a generated model whose getter is renamed (as a
 * renamed spec property does) fails it, unless acknowledged.
 */
class GeneratedApiGateTest {

  private static final Pattern STRING_GETTER = Pattern.compile("public String (get\\w+)\\(\\)");

  @TempDir
  Path work;

  private Path baseline;
  private Path renamed;
  private String model;
  private String getter;
  private List<String> classPath;
  private String sourceText;
  private String sourceName;

  @BeforeEach
  void buildAJarWithOneModelGetterRenamed() throws IOException {
    classPath = Arrays.asList(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator));
    Path source = stringGetterModel();
    String text = Files.readString(source);
    Matcher first = STRING_GETTER.matcher(text);
    assertThat(first.find()).isTrue();
    getter = first.group(1);
    String packageName = text.replaceAll("(?s)^.*?package ([\\w.]+);.*$", "$1");
    model = packageName + "." + source.getFileName().toString().replace(".java", "");

    sourceText = text;
    sourceName = source.getFileName().toString();
    Path compiled = compile("renamed", text.replace(getter + "(", getter + "Renamed("));

    baseline = Files.createDirectories(work.resolve("baseline")).resolve("payspec-models.jar");
    jar(Path.of("target/classes"), null, baseline);
    renamed = work.resolve("payspec-models-renamed.jar");
    jar(Path.of("target/classes"), compiled, renamed);
  }

  @Test
  void aRenamedModelGetterFailsTheGate() throws IOException {
    JavaApiGate.Verdict verdict = JavaApiGate.check(baseline, renamed, "payspec-models", work.resolve("api-changes.md"), "", "", classPath);

    assertThat(verdict.fails()).as(verdict.summary()).isTrue();
    assertThat(verdict.unacknowledged()).extracting(Change::pointer).contains(model + "#java.lang.String " + getter + "()");
    assertThat(Files.readString(work.resolve("api-changes.md"))).contains(getter + "()", "Breaking for users", "To acknowledge");
  }

  @Test
  void theGateNamesTheGetterAndTheAcknowledgementToAdd() {
    assertThatThrownBy(() -> JavaApiGate.main(new String[] {baseline.toString(), renamed.toString(), "payspec-models",
        work.resolve("api-changes.md").toString(), "", ""}))
        .hasMessageContaining("breaking Java API change in payspec-models")
        .hasMessageContaining(model + "#java.lang.String " + getter + "()")
        .hasMessageContaining("payspec-models.acknowledged.md");
  }

  @Test
  void anAcknowledgedRenameOfTheGetterPasses() throws IOException {
    Change removed = JavaApiGate.check(baseline, renamed, "payspec-models", work.resolve("api-changes.md"), "", "", classPath)
        .unacknowledged().get(0);
    Files.writeString(baseline.resolveSibling("payspec-models.acknowledged.md"),
        "The provider renamed the field; the spec follows.\n\n- " + removed.key() + "\n");

    assertThat(JavaApiGate.check(baseline, renamed, "payspec-models", work.resolve("api-changes.md"), "", "", classPath).fails())
        .isFalse();
  }

  @Test
  void aChangedReturnTypeFailsTheGateShowingTheOldAndNewType() throws IOException {
    Path compiled = compile("retyped", sourceText.replace("public String " + getter + "()", "public Object " + getter + "()"));
    Path retyped = work.resolve("payspec-models-retyped.jar");
    jar(Path.of("target/classes"), compiled, retyped);

    JavaApiGate.Verdict verdict = JavaApiGate.check(baseline, retyped, "payspec-models", work.resolve("api-changes.md"), "", "", classPath);

    assertThat(verdict.unacknowledged()).anySatisfy(change -> {
      assertThat(change.kind()).isEqualTo("method-return-type-changed");
      assertThat(change.was()).isEqualTo("java.lang.String " + getter + "()");
      assertThat(change.now()).isEqualTo("java.lang.Object " + getter + "()");
    });
  }

  @Test
  void aNewPropertyOfAGeneratedModelPasses() throws IOException {
    Path compiled = compile("property", sourceText.substring(0, sourceText.lastIndexOf('}'))
        + "  public String payspecNewOperation() {\n    return null;\n  }\n}\n");
    Path extended = work.resolve("payspec-models-extended.jar");
    jar(Path.of("target/classes"), compiled, extended);

    JavaApiGate.Verdict verdict = JavaApiGate.check(baseline, extended, "payspec-models", work.resolve("api-changes.md"), "", "", classPath);

    assertThat(verdict.fails()).as("%s", verdict.unacknowledged()).isFalse();
    assertThat(verdict.changes()).anyMatch(c -> c.now().contains("payspecNewOperation()") && !c.breaking());
  }

  @Test
  void theCommittedBaselinePassesTheGate() throws IOException {
    Path current = work.resolve("current.jar");
    jar(Path.of("target/classes"), null, current);
    JavaApiGate.Verdict verdict = JavaApiGate.check(Path.of("baseline/payspec-models.jar"), current,
        "payspec-models", work.resolve("api-changes.md"), "", "", classPath);
    assertThat(verdict.fails()).as("%s", verdict.unacknowledged()).isFalse();
  }

  /** Compiles an edited copy of the model's source against this module's classes. */
  private Path compile(String label, String text) throws IOException {
    Path edited = Files.createDirectories(work.resolve("src-" + label)).resolve(sourceName);
    Files.writeString(edited, text);
    Path compiled = Files.createDirectories(work.resolve("compiled-" + label));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-proc:none", "-nowarn", "-classpath", String.join(File.pathSeparator, classPath),
        "-d", compiled.toString(), edited.toString());
    assertThat(status).as("javac of the edited %s", model).isZero();
    return compiled;
  }

  /** The generated source of a model named after a schema of the first spec, with a String getter. */
  private static Path stringGetterModel() throws IOException {
    BundledSpec spec = BundledSpec.load(firstApi());
    List<String> schemas = new ArrayList<>();
    spec.root.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
    try (Stream<Path> files = Files.walk(Path.of("target/generated-sources"))) {
      List<Path> models = files.filter(f -> f.toString().contains(File.separator + "model" + File.separator))
          .filter(f -> schemas.contains(f.getFileName().toString().replace(".java", "")))
          .filter(f -> f.toString().contains(File.separator + spec.api + File.separator))
          .sorted().collect(Collectors.toList());
      for (Path model : models) {
        if (STRING_GETTER.matcher(Files.readString(model)).find()) {
          return model;
        }
      }
    }
    throw new AssertionError("no generated model of " + spec.api + " with a String getter");
  }

  private static String firstApi() throws IOException {
    for (String line : Files.readAllLines(Path.of("../specs/redocly.yaml"))) {
      Matcher api = Pattern.compile("^  ([\\w-]+):\\s*$").matcher(line);
      if (api.matches()) {
        return api.group(1);
      }
    }
    throw new AssertionError("no API in specs/redocly.yaml");
  }

  /** A jar of {@code classes}, with the class files of {@code overlay} in place of theirs. */
  private static void jar(Path classes, Path overlay, Path jar) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
      for (Path file : files) {
        String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
        Path replacement = overlay == null ? null : overlay.resolve(classes.relativize(file));
        zip.putNextEntry(new JarEntry(name));
        zip.write(Files.readAllBytes(replacement != null && Files.isRegularFile(replacement) ? replacement : file));
        zip.closeEntry();
      }
    }
  }
}
