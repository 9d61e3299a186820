package dev.payspec.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every artifact the build publishes (each module of the root POM that is deployed, and the root
 * POM itself) carries, itself or through its parent, the metadata a public repository requires:
 * name, description, URL, licence, developers and SCM.
 */
class PublishedPomMetadataTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> INHERITED = List.of("url", "licenses", "developers", "scm");

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of a direct child of {@code <project>}, or "" when it is absent. */
  private static String child(Document pom, String name) {
    for (Node node = pom.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().strip();
      }
    }
    return "";
  }

  private static void assertFullMetadata(Document pom, String what) {
    for (String name : List.of("name", "description")) {
      assertThat(child(pom, name)).as("%s <%s>", what, name).isNotBlank();
    }
    for (String name : INHERITED) {
      assertThat(child(pom, name)).as("%s <%s>", what, name).isNotBlank();
    }
    assertThat(child(pom, "licenses")).as("%s licence", what).contains("Apache-2.0");
    assertThat(child(pom, "scm")).as("%s SCM", what).contains("scm:git:");
    assertThat(child(pom, "developers")).as("%s developers", what).contains("payspec");
  }

  @TestFactory
  Stream<DynamicTest> everyPublishedArtifactCarriesTheMetadataARepositoryRequires() throws Exception {
    Document root = read(ROOT.resolve("pom.xml"));
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(dynamicTest("root POM", () -> assertFullMetadata(root, "pom.xml")));
    var modules = root.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().strip();
      Path pomFile = ROOT.resolve(module).resolve("pom.xml");
      tests.add(dynamicTest(module, () -> {
        Document pom = read(pomFile);
        String text = Files.readString(pomFile);
        if (text.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
          return; // not published
        }
        boolean inherits = pom.getElementsByTagName("parent").getLength() > 0
            && child(pom, "parent").contains(child(root, "artifactId"));
        if (inherits) {
          assertThat(child(pom, "name")).as("%s <name>", module).isNotBlank();
          assertThat(child(pom, "description")).as("%s <description>", module).isNotBlank();
        } else {
          assertFullMetadata(pom, module + "/pom.xml");
        }
      }));
    }
    return tests.stream();
  }
}
