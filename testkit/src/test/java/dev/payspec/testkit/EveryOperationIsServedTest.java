package dev.payspec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of every spec (the APIs listed in specs/redocly.yaml) is served by its fake with
 * the operation's documented success: a spec that gains an operation is served with no change here.
 */
class EveryOperationIsServedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyOperationOfEverySpecAnswersItsDocumentedSuccess() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : apis()) {
      SpecDocument spec = SpecDocument.load(api);
      for (SpecDocument.Operation operation : spec.operations) {
        tests.add(dynamicTest(api + " " + operation.id, () -> {
          try (FakeApi fake = FakeApi.start(api)) {
            // An operation on one customer finds one; a create or a list starts from an empty fake.
            String id = operation.pathParameters.isEmpty() ? null : createOne(fake, spec);
            String path = operation.path.replaceAll("\\{[^}]+}", id == null ? "none" : id);
            JsonNode example = operation.hasBody() ? firstRequestExample(spec, operation) : null;
            HttpResponse<String> answer = FakeApiTest.send(fake, operation.method, path, example == null ? null : example.toString());

            assertThat(answer.statusCode()).as("%s %s: %s", operation.method, path, answer.body())
                .isEqualTo(operation.success().getKey());
            JsonNode schema = operation.schemaOf(operation.success().getValue());
            if (!schema.isMissingNode()) {
              String pointer = operation.pointer() + "/responses/" + successKey(operation) + "/content/application~1json/schema";
              if (operation.node.path("responses").path(successKey(operation)).has("$ref")) {
                pointer = operation.node.path("responses").path(successKey(operation)).path("$ref").asText().substring(1)
                    + "/content/application~1json/schema";
              }
              assertThat(spec.validate(pointer, JSON.readTree(answer.body()))).as("the answer matches its schema").isEmpty();
            }
          }
        }));
      }
    }
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  /** Creates a customer through the spec's create operation (its first request example). */
  static String createOne(FakeApi fake, SpecDocument spec) throws Exception {
    for (SpecDocument.Operation operation : spec.operations) {
      if (operation.method.equals("POST") && operation.pathParameters.isEmpty()) {
        HttpResponse<String> created = FakeApiTest.send(fake, "POST", operation.path, firstRequestExample(spec, operation).toString());
        assertThat(created.statusCode()).as(created.body()).isBetween(200, 299);
        return JSON.readTree(created.body()).path("id").asText();
      }
    }
    throw new AssertionError(spec.api + " has no create operation to make a customer with");
  }

  static JsonNode firstRequestExample(SpecDocument spec, SpecDocument.Operation operation) {
    JsonNode content = spec.deref(operation.node.path("requestBody")).path("content").path("application/json");
    return spec.deref(content.path("examples").elements().next()).path("value");
  }

  private static String successKey(SpecDocument.Operation operation) {
    for (var response : operation.responses()) {
      if (response.getKey().startsWith("2")) {
        return response.getKey();
      }
    }
    throw new AssertionError(operation.id);
  }

  /** The APIs of specs/redocly.yaml, the list every part of the build reads. */
  static List<String> apis() throws IOException {
    List<String> apis = new ArrayList<>();
    boolean inApis = false;
    for (String line : Files.readAllLines(Path.of("../specs/redocly.yaml"))) {
      if (line.equals("apis:")) {
        inApis = true;
      } else if (inApis && !line.isBlank() && !line.startsWith(" ")) {
        break;
      } else if (inApis) {
        Matcher api = Pattern.compile("^ {2}([\\w-]+):\\s*$").matcher(line);
        if (api.matches()) {
          apis.add(api.group(1));
        }
      }
    }
    assertThat(apis).as("APIs in specs/redocly.yaml").isNotEmpty();
    return apis;
  }
}
