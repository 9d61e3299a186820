package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java request samples of every API's page (made by the specs build from the examples) compile
 * against the wrapper and the generated models, as a partner would paste them.
 */
class PageSamplesCompileTest {

  private static final Path ROOT = Path.of(System.getProperty("payspec.root", "..")).toAbsolutePath().normalize();
  private static final Pattern JAVA_SAMPLE = Pattern.compile("<p>Java, through the payspec wrapper</p><pre>(.*?)</pre>", Pattern.DOTALL);

  @TestFactory
  Stream<DynamicTest> everyJavaSampleOnThePagesCompiles() throws IOException {
    JsonNode config = new YAMLMapper().readTree(ROOT.resolve("specs/redocly.yaml").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    config.path("apis").fieldNames().forEachRemaining(api -> tests.add(dynamicTest(api + ": Java samples compile", () -> {
      String page = Files.readString(ROOT.resolve("specs/target/openapi/" + api + ".html"));
      Matcher sample = JAVA_SAMPLE.matcher(page);
      int count = 0;
      while (sample.find()) {
        compile(api, count++, unescape(sample.group(1)));
      }
      boolean hasWrapper = Files.isDirectory(ROOT.resolve("wrapper/src/main/java/dev/payspec/" + api.replace('-', '/')));
      assertThat(count).as("Java samples on %s.html (the wrapper has a package for it: %s)", api, hasWrapper)
          .isGreaterThan(hasWrapper ? 0 : -1);
    })));
    return tests.stream();
  }

  private static void compile(String api, int index, String sample) throws IOException {
    Path classes = Files.createDirectories(ROOT.resolve("contract-tests/target/page-samples/" + api));
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : sample.split("\n")) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    String name = "Sample" + index;
    String source = imports + "class " + name + " {\n  void run() {\n" + body + "  }\n}\n";
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    StringWriter out = new StringWriter();
    boolean ok = compiler.getTask(out, null, diagnostics,
        List.of("-proc:none", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path")),
        null, List.of(file)).call();
    assertThat(ok).as("%s sample %d does not compile:\n%s\n%s%s", api, index, source, diagnostics.getDiagnostics(), out).isTrue();
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
  }
}
