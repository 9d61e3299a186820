package dev.payspec.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What partner teams get for every API of {@code specs/redocly.yaml}: the 3.0 edition (accepted by
 * swagger-parser, with every lost rule reported), the Postman collection, the changelog, the
 * standalone page (nothing from the network, success first, rules in words with their sources,
 * samples from the examples), and the attachment of each of them to the artifact.
 */
class PartnerKitTest {

  private static final Path BUNDLES = Path.of(System.getProperty("payspec.openapi.dir", "target/openapi"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
  /** An element that makes a browser fetch something, with a remote or protocol-relative address. */
  private static final Pattern REMOTE_RESOURCE = Pattern.compile(
      "<(?:img|script|link|iframe|source|video|audio|embed|object|image|use)\\b[^>]*\\b(?:src|href|data|srcset|xlink:href)\\s*=\\s*[\"']?\\s*(?:https?:)?//"
          + "|url\\(\\s*[\"']?\\s*(?:https?:)?//|@import|<base\\b|<meta[^>]+http-equiv=[\"']?refresh",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern STATUS = Pattern.compile("<span class=\"status s\\w\">([^<]+)</span>");

  static List<String> apis() {
    try {
      JsonNode config = new YAMLMapper().readTree(Path.of("redocly.yaml").toFile());
      List<String> names = new ArrayList<>();
      config.path("apis").fieldNames().forEachRemaining(names::add);
      assertThat(names).as("apis in specs/redocly.yaml").isNotEmpty();
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<DynamicTest> perApi(String what, Function<String, Runnable> check) {
    return apis().stream().map(api -> dynamicTest(api + ": " + what, () -> check.apply(api).run()));
  }

  private static String read(String file) {
    try {
      return Files.readString(BUNDLES.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String file) {
    try {
      return JSON.readTree(read(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map.Entry<String, JsonNode>> operations(JsonNode spec) {
    List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
    spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        operations.add(Map.entry(op.getKey() + " " + path.getKey(), op.getValue()));
      }
    }));
    return operations;
  }

  /** Every schema object under components/schemas carrying the keyword, with its pointer. */
  private static List<Map.Entry<String, JsonNode>> schemasWith(JsonNode node, String pointer, String keyword) {
    List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
    if (node.isObject()) {
      // Under /properties a key is a property's name; under an x- extension (x-provenance) a data key.
      if (node.has(keyword) && !pointer.endsWith("/properties") && !pointer.matches(".*/x-[^/]*$")) {
        found.add(Map.entry(pointer, node));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getKey().equals(keyword) && !field.getKey().startsWith("example") && !field.getKey().startsWith("x-")) {
          found.addAll(schemasWith(field.getValue(), pointer + "/" + field.getKey(), keyword));
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        found.addAll(schemasWith(node.get(i), pointer + "/" + i, keyword));
      }
    }
    return found;
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  @TestFactory
  Stream<DynamicTest> theOpenApi30EditionIsAcceptedBySwaggerParser() {
    return perApi("3.0 edition parses and validates", api -> () -> {
      for (String format : List.of("yaml", "json")) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(read(api + ".openapi30." + format), null, options);
        assertThat(result.getMessages()).as("swagger-parser messages for %s.openapi30.%s", api, format).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0.");
        assertThat(result.getOpenAPI().getPaths().keySet())
            .containsExactlyInAnyOrderElementsOf(() -> json(api + ".json").path("paths").fieldNames());
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> everyConditionalRuleLostIn30IsReportedAndKeptAsText() {
    return perApi("if/then rules reported", api -> () -> {
      JsonNode source = json(api + ".json");
      JsonNode edition = json(api + ".openapi30.json");
      String losses = read(api + "-openapi30-losses.md");
      assertThat(schemasWith(edition, "#", "if")).as("no if/then left in the 3.0 edition").isEmpty();
      for (Map.Entry<String, JsonNode> conditional : schemasWith(source.path("components").path("schemas"), "#/components/schemas", "if")) {
        if (conditional.getKey().matches(".*/(then|else)(/.*)?")) {
          continue; // a nested rule is reported and worded with the one that holds it
        }
        assertThat(losses).as("loss report of %s", api).contains("`" + conditional.getKey() + "`");
        JsonNode kept = edition.at(conditional.getKey().substring(1));
        assertThat(kept.path("description").asText()).as("description of %s in the 3.0 edition", conditional.getKey())
            .contains("Kept as text").contains("When ");
        conditional.getValue().path("then").path("required").forEach(field ->
            assertThat(kept.path("description").asText()).contains("`" + field.asText() + "` is required"));
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> thePostmanCollectionHasARequestPerOperation() {
    return perApi("Postman collection", api -> () -> {
      JsonNode collection = json(api + ".postman.json");
      assertThat(collection.path("info").path("schema").asText()).contains("collection/v2.1");
      List<JsonNode> requests = new ArrayList<>();
      collectRequests(collection.path("item"), requests);
      assertThat(requests).hasSize(operations(json(api + ".json")).size());
    });
  }

  private static void collectRequests(JsonNode items, List<JsonNode> into) {
    for (JsonNode item : items) {
      if (item.has("request")) {
        into.add(item.path("request"));
      }
      collectRequests(item.path("item"), into);
    }
  }

  @TestFactory
  Stream<DynamicTest> theChangelogHasAnEntryForTheSpecsVersion() {
    return perApi("changelog", api -> () -> assertThat(read(api + "-changelog.md"))
        .containsPattern("(?m)^## " + Pattern.quote(json(api + ".json").path("info").path("version").asText()) + "\\b"));
  }

  @TestFactory
  Stream<DynamicTest> thePageLoadsNothingFromTheNetwork() {
    return perApi("page is self-contained", api -> () -> {
      String page = read(api + ".html");
      Matcher remote = REMOTE_RESOURCE.matcher(page);
      if (remote.find()) {
        throw new AssertionError(api + ".html loads from the network: " + page.substring(remote.start(), Math.min(page.length(), remote.end() + 80)));
      }
      assertThat(page).as("%s.html runs no script", api).doesNotContainIgnoringCase("<script");
    });
  }

  @TestFactory
  Stream<DynamicTest> thePageShowsSuccessResponsesFirst() {
    return perApi("success responses first", api -> () -> {
      String page = read(api + ".html");
      for (Map.Entry<String, JsonNode> operation : operations(json(api + ".json"))) {
        String id = operation.getValue().path("operationId").asText();
        int start = page.indexOf("<section class=\"op\" id=\"op-" + id + "\">");
        assertThat(start).as("section of %s", id).isNotNegative();
        Matcher status = STATUS.matcher(page.substring(start, page.indexOf("</section>", start)));
        assertThat(status.find()).as("responses of %s", id).isTrue();
        assertThat(status.group(1)).as("first response shown for %s", id).startsWith("2");
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> thePageStatesConditionalRulesInWordsWithTheirSources() {
    return perApi("rules in words and sources", api -> () -> {
      String page = read(api + ".html");
      JsonNode spec = json(api + ".json");
      for (Map.Entry<String, JsonNode> conditional : schemasWith(spec.path("components").path("schemas"), "#", "if")) {
        conditional.getValue().path("then").path("required").forEach(field -> assertThat(page)
            .as("%s: rule of %s in words", api, conditional.getKey())
            .containsPattern("When <code>[^<]+</code> is [^.]*, <code>" + Pattern.quote(field.asText()) + "</code> is required"));
      }
      for (Map.Entry<String, JsonNode> described : schemasWith(spec, "#", "x-provenance")) {
        JsonNode provenance = described.getValue().path("x-provenance");
        List<JsonNode> entries = new ArrayList<>();
        if (provenance.has("source")) {
          entries.add(provenance);
        } else {
          provenance.forEach(entries::add);
        }
        for (JsonNode entry : entries) {
          if (entry.hasNonNull("ref")) {
            assertThat(page).as("%s: source of %s", api, described.getKey()).contains(html(entry.path("ref").asText()));
          }
        }
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> thePageHasACurlSampleForEveryRequestExample() {
    return perApi("request samples", api -> () -> {
      String page = read(api + ".html");
      for (Map.Entry<String, JsonNode> operation : operations(json(api + ".json"))) {
        JsonNode examples = operation.getValue().path("requestBody").path("content").path("application/json").path("examples");
        String section = page.substring(page.indexOf("id=\"op-" + operation.getValue().path("operationId").asText() + "\""));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(section).as("%s: curl sample of %s", api, operation.getKey()).contains("curl -X " + operation.getKey().split(" ")[0].toUpperCase());
        for (JsonNode example : examples) {
          assertThat(section).as("%s: sample body of %s", api, operation.getKey())
              .contains(html("-d '" + example.path("value").toString().replace("'", "'\\''") + "'"));
        }
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> everyPartOfTheKitIsAttachedToTheArtifact() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    return perApi("attachments", api -> () -> {
      for (String[] attachment : List.of(
          new String[] {api + ".yaml", "yaml", api}, new String[] {api + ".json", "json", api}, new String[] {api + ".html", "html", api},
          new String[] {api + ".openapi30.yaml", "yaml", api + "-openapi30"}, new String[] {api + ".openapi30.json", "json", api + "-openapi30"},
          new String[] {api + "-openapi30-losses.md", "md", api + "-openapi30-losses"}, new String[] {api + ".postman.json", "json", api + "-postman"},
          new String[] {api + "-changelog.md", "md", api + "-changelog"})) {
        assertThat(Files.isRegularFile(BUNDLES.resolve(attachment[0]))).as("%s was built", attachment[0]).isTrue();
        assertThat(pom).as("specs/pom.xml attaches %s", attachment[0]).containsPattern(
            "<file>\\$\\{payspec.openapi.dir}/" + Pattern.quote(attachment[0]) + "</file>\\s*<type>" + attachment[1]
                + "</type>\\s*<classifier>" + Pattern.quote(attachment[2]) + "</classifier>");
      }
    });
  }
}
