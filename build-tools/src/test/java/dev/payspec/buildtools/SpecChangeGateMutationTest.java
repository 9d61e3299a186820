package dev.payspec.buildtools;

import static dev.payspec.buildtools.SpecMutations.JSON;
import static dev.payspec.buildtools.SpecMutations.names;
import static dev.payspec.buildtools.SpecMutations.optionalStringProperty;
import static dev.payspec.buildtools.SpecMutations.property;
import static dev.payspec.buildtools.SpecMutations.renameProperty;
import static dev.payspec.buildtools.SpecMutations.requestObject;
import static dev.payspec.buildtools.SpecMutations.required;
import static dev.payspec.buildtools.SpecMutations.resolve;
import static dev.payspec.buildtools.SpecMutations.responseObject;
import static dev.payspec.buildtools.SpecMutations.stringProperty;
import static dev.payspec.buildtools.SpecMutations.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of change, applied to a copy of each bundled spec (the parts changed are found by
 * reading the spec), and the verdict the gate must give.
 */
class SpecChangeGateMutationTest {

  /** The specs module: its Redocly config names the APIs, its baseline/ holds the released specs. */
  static final Path SPECS = Path.of(System.getProperty("payspec.root", "..")).resolve("specs");
  /** The specs' current sources bundled for these tests (build-tools/pom.xml, execution test-bundles). */
  static final Path BUNDLES = Path.of(System.getProperty("payspec.openapi.dir", "target/openapi"));
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What a mutation must produce: a change of one of these kinds whose old and new values contain these. */
  record Expect(Set<String> kinds, String was, String now) {
    static Expect of(String kind, String was, String now) {
      return new Expect(Set.of(kind), was, now);
    }
  }

  /**
   * A change to apply to a copy of a spec, and the change the gate must report. It throws
   * {@link SpecMutations.NotApplicable} (or an {@link AssertionError}) when it finds nothing to
   * change: the test of that spec then fails, naming the mutation; a mutation never passes unapplied.
   *
   * @param given what the spec must have first, added to the baseline and to the changed copy alike
   *     (a 3.1 structure the specs may lack); null for none: the bundle as it is
   */
  record Mutation(String behaviour, boolean breaking, Consumer<ObjectNode> given, Function<ObjectNode, Expect> apply) {
    Mutation(String behaviour, boolean breaking, Function<ObjectNode, Expect> apply) {
      this(behaviour, breaking, null, apply);
    }
  }

  @TempDir
  Path work;

  static List<String> apis() throws IOException {
    return SpecChangeGate.apis(SPECS.resolve("redocly.yaml"), SPECS.resolve("baseline")).stream()
        .filter(api -> Files.isRegularFile(BUNDLES.resolve(api + ".yaml")))
        .collect(Collectors.toList());
  }

  static List<Mutation> breaking() {
    List<Mutation> all = new ArrayList<>();
    all.add(new Mutation("a request property renamed breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      String name = stringProperty(doc, object, true);
      renameProperty(object, name, name + "_number");
      return Expect.of("property-renamed", name, name + "_number");
    }));
    all.add(new Mutation("a request property removed breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      String name = optionalStringProperty(doc, object, true);
      ((ObjectNode) object.get("properties")).remove(name);
      return Expect.of("property-removed", name, "");
    }));
    all.add(new Mutation("a response property renamed breaks users", true, doc -> {
      ObjectNode object = responseObject(doc);
      String name = stringProperty(doc, object, false);
      renameProperty(object, name, name + "_renamed");
      return Expect.of("property-renamed", name, name + "_renamed");
    }));
    all.add(new Mutation("a response property removed breaks users", true, doc -> {
      ObjectNode object = responseObject(doc);
      String name = SpecMutations.optionalProperty(doc, object, false);
      ((ObjectNode) object.get("properties")).remove(name);
      return Expect.of("property-removed", name, "");
    }));
    all.add(new Mutation("a request property's type changed from string to integer breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      property(object, stringProperty(doc, object, true)).put("type", "integer");
      return Expect.of("type-changed", "string", "integer");
    }));
    all.add(new Mutation("a response property's type changed from string to integer breaks users", true, doc -> {
      ObjectNode object = responseObject(doc);
      property(object, stringProperty(doc, object, false)).put("type", "integer");
      return Expect.of("type-changed", "string", "integer");
    }));
    all.add(new Mutation("a response property that may now be null breaks users", true, doc -> {
      ObjectNode object = responseObject(doc);
      property(object, stringProperty(doc, object, false)).set("type", JSON.arrayNode().add("string").add("null"));
      return Expect.of("null-allowed", "string", "null | string");
    }));
    all.add(new Mutation("a shorter maxLength in requests breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      String name = stringProperty(doc, object, true);
      JsonNode max = target(doc, object, name).get("maxLength");
      int shorter = max == null ? 10 : max.asInt() - 1;
      property(object, name).put("maxLength", shorter);
      return Expect.of("maxLength-narrowed", max == null ? "" : max.asText(), String.valueOf(shorter));
    }));
    all.add(new Mutation("a longer minLength in requests breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      String name = stringProperty(doc, object, true);
      JsonNode min = target(doc, object, name).get("minLength");
      int longer = min == null ? 2 : min.asInt() + 1;
      property(object, name).put("minLength", longer);
      return Expect.of("minLength-narrowed", min == null ? "" : min.asText(), String.valueOf(longer));
    }));
    all.add(new Mutation("a stricter pattern in requests breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      String name = stringProperty(doc, object, true);
      JsonNode pattern = target(doc, object, name).get("pattern");
      property(object, name).put("pattern", "^[a-z]{1,3}$");
      return new Expect(Set.of("pattern-added", "pattern-changed"), pattern == null ? "" : pattern.asText(), "^[a-z]{1,3}$");
    }));
    all.add(new Mutation("a stricter format in requests breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      String name = stringProperty(doc, object, true);
      JsonNode format = target(doc, object, name).get("format");
      property(object, name).put("format", "uuid");
      return new Expect(Set.of("format-added", "format-changed"), format == null ? "" : format.asText(), "uuid");
    }));
    all.add(new Mutation("fewer allowed values in requests breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      String name = stringProperty(doc, object, true);
      ObjectNode target = target(doc, object, name);
      if (target.path("enum").size() >= 2) {
        ArrayNode values = (ArrayNode) target.get("enum");
        String dropped = values.get(values.size() - 1).asText();
        values.remove(values.size() - 1);
        return Expect.of("enum-values-removed", dropped, "");
      }
      property(object, name).set("enum", JSON.arrayNode().add("only-value"));
      return Expect.of("enum-added", "any value", "only-value");
    }));
    all.add(new Mutation("an optional request property made required breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      String name = optionalStringProperty(doc, object, true);
      required(object).add(name);
      return Expect.of("property-made-required", "optional", "required");
    }));
    all.add(new Mutation("a new required request property breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      ((ObjectNode) object.get("properties")).putObject("payspec_new").put("type", "string").put("description", "New.");
      required(object).add("payspec_new");
      return Expect.of("required-property-added", "", "payspec_new");
    }));
    all.add(new Mutation("a response property no longer always present breaks users", true, doc -> {
      ObjectNode object = responseObject(doc);
      ArrayNode required = required(object);
      String name = required.get(0).asText();
      required.remove(0);
      return Expect.of("property-made-optional", "required", "optional");
    }));
    all.add(new Mutation("an operation removed breaks users", true, doc -> {
      SpecMutations.Operation op = SpecMutations.operations(doc).get(0);
      ((ObjectNode) doc.get("paths").get(op.path())).remove(op.method());
      return Expect.of("operation-removed", op.label(), "");
    }));
    all.add(new Mutation("a path changed breaks users", true, doc -> {
      SpecMutations.Operation op = SpecMutations.operations(doc).get(0);
      SpecMutations.renameKey((ObjectNode) doc.get("paths"), op.path(), "/v9" + op.path());
      return Expect.of("operation-moved", op.label(), op.method().toUpperCase() + " /v9" + op.path());
    }));
    all.add(new Mutation("a documented success status removed breaks users", true, doc -> {
      Map.Entry<SpecMutations.Operation, String> success = SpecMutations.successStatus(doc);
      ((ObjectNode) success.getKey().node().get("responses")).remove(success.getValue());
      return Expect.of("success-status-removed", success.getValue(), "");
    }));
    all.add(new Mutation("a documented success status changed breaks users", true, doc -> {
      Map.Entry<SpecMutations.Operation, String> success = SpecMutations.successStatus(doc);
      String other = success.getValue().equals("200") ? "201" : "200";
      SpecMutations.renameKey((ObjectNode) success.getKey().node().get("responses"), success.getValue(), other);
      return Expect.of("success-status-changed", success.getValue(), other);
    }));
    all.add(new Mutation("a new required parameter breaks users", true, doc -> {
      SpecMutations.Operation op = SpecMutations.operations(doc).get(0);
      ArrayNode parameters = op.node().has("parameters") ? (ArrayNode) op.node().get("parameters") : op.node().putArray("parameters");
      parameters.addObject().put("name", "payspec_filter").put("in", "query").put("required", true).put("description", "New.")
          .putObject("schema").put("type", "string");
      return Expect.of("required-parameter-added", "", "query payspec_filter");
    }));
    all.add(new Mutation("a security scheme changed breaks users", true, doc -> {
      ObjectNode schemes = (ObjectNode) doc.path("components").path("securitySchemes");
      String name = names(schemes).get(0);
      ObjectNode scheme = (ObjectNode) schemes.get(name);
      String before = scheme.path("scheme").asText();
      String after = "http".equals(scheme.path("type").asText()) && "basic".equals(before) ? "bearer" : "basic";
      scheme.put("type", "http").put("scheme", after);
      return Expect.of("security-scheme-changed", "", "\"scheme\":\"" + after + "\"");
    }));
    // 3.1 structures a spec may lack: given to the baseline and the changed copy alike, then changed.
    all.add(new Mutation("an anyOf alternative removed from a request breaks users", true, doc -> {
      if (SpecMutations.requestAnyOf(doc).isEmpty()) {
        ObjectNode object = requestObject(doc);
        ((ObjectNode) object.get("properties")).putObject(stringProperty(doc, object, true)).put("description", "A string or a number.")
            .putArray("anyOf").add(JSON.objectNode().put("type", "string")).add(JSON.objectNode().put("type", "integer"));
      }
    }, doc -> {
      ObjectNode schema = SpecMutations.requestAnyOf(doc)
          .orElseThrow(() -> new SpecMutations.NotApplicable("no request schema with an anyOf of two alternatives or more"));
      ArrayNode alternatives = (ArrayNode) schema.get("anyOf");
      alternatives.remove(alternatives.size() - 1);
      return new Expect(Set.of("anyOf-alternative-removed", "anyOf-removed"), "", "");
    }));
    all.add(new Mutation("a stricter then of an if/then in requests breaks users", true, doc -> {
      ObjectNode object = requestObject(doc);
      if (!object.has("then")) {
        object.set("if", JSON.objectNode().set("required", JSON.arrayNode().add(names(object.get("properties")).get(0))));
        object.putObject("then");
      }
    }, doc -> {
      ObjectNode object = requestObject(doc);
      if (!object.has("then")) {
        throw new SpecMutations.NotApplicable("no if/then in the first request object");
      }
      String name = optionalStringProperty(doc, object, true);
      ObjectNode then = (ObjectNode) object.get("then");
      required(then).add(name);
      return Expect.of("property-made-required", "optional", "required");
    }));
    return all;
  }

  static List<Mutation> benign() {
    List<Mutation> all = new ArrayList<>();
    all.add(new Mutation("a new optional request property does not break users", false, doc -> {
      ((ObjectNode) requestObject(doc).get("properties")).putObject("payspec_nickname").put("type", "string").put("description", "New.");
      return Expect.of("property-added", "", "payspec_nickname");
    }));
    all.add(new Mutation("a new response property does not break users", false, doc -> {
      ((ObjectNode) responseObject(doc).get("properties")).putObject("payspec_score").put("type", "integer").put("description", "New.");
      return Expect.of("property-added", "", "payspec_score");
    }));
    all.add(new Mutation("a new operation does not break users", false, doc -> {
      SpecMutations.Operation op = SpecMutations.operations(doc).get(0);
      ObjectNode copy = op.node().deepCopy();
      copy.put("operationId", op.node().path("operationId").asText() + "Again");
      ((ObjectNode) doc.get("paths")).putObject(op.path() + "/again").set(op.method(), copy);
      return Expect.of("operation-added", "", op.method().toUpperCase() + " " + op.path() + "/again");
    }));
    all.add(new Mutation("a loosened request constraint does not break users", false, doc -> {
      ObjectNode object = requestObject(doc);
      for (String name : names(object.get("properties"))) {
        ObjectNode target = (ObjectNode) resolve(doc, object.get("properties").get(name));
        if (target.has("maxLength")) {
          int longer = target.get("maxLength").asInt() + 100;
          String was = target.get("maxLength").asText();
          target.put("maxLength", longer);
          return Expect.of("maxLength-loosened", was, String.valueOf(longer));
        }
        if (target.has("pattern")) {
          String was = target.remove("pattern").asText();
          return Expect.of("pattern-removed", was, "");
        }
      }
      throw new AssertionError("no request property with a maxLength or a pattern to loosen");
    }));
    all.add(new Mutation("a changed description does not break users", false, doc -> {
      ObjectNode object = requestObject(doc);
      ObjectNode target = target(doc, object, names(object.get("properties")).get(0));
      String was = target.path("description").asText();
      target.put("description", "Reworded by a maintainer.");
      return Expect.of("description-changed", was.isEmpty() ? "" : was.substring(0, Math.min(20, was.length())),
          "Reworded by a maintainer.");
    }));
    all.add(new Mutation("null allowed in a request does not break users", false, doc -> {
      ObjectNode object = requestObject(doc);
      property(object, stringProperty(doc, object, true)).set("type", JSON.arrayNode().add("string").add("null"));
      return Expect.of("null-allowed", "string", "null | string");
    }));
    all.add(new Mutation("a renamed path parameter does not break users", false, doc -> {
      for (SpecMutations.Operation op : SpecMutations.operations(doc)) {
        java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
        if (!placeholder.find()) {
          continue;
        }
        String name = placeholder.group(1);
        String text = doc.toString().replace("\"name\":\"" + name + "\"", "\"name\":\"" + name + "_renamed\"");
        ObjectNode renamed;
        try {
          renamed = (ObjectNode) YAML.readTree(text);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        // Every path that uses the parameter is renamed with it: a shared parameter component serves several.
        for (String path : names(renamed.get("paths"))) {
          if (path.contains("{" + name + "}")) {
            SpecMutations.renameKey((ObjectNode) renamed.get("paths"), path, path.replace("{" + name + "}", "{" + name + "_renamed}"));
          }
        }
        doc.removeAll();
        doc.setAll(renamed);
        return Expect.of("path-parameter-renamed", name, name + "_renamed");
      }
      throw new SpecMutations.NotApplicable("no path with a parameter");
    }));
    all.add(new Mutation("a new documented error status does not break users", false, doc -> {
      SpecMutations.Operation op = SpecMutations.operations(doc).get(0);
      ((ObjectNode) op.node().get("responses")).putObject("418").put("description", "New.");
      return Expect.of("status-added", "", "418");
    }));
    return all;
  }

  @Test
  void theMutationsCoverAtLeastFifteenBreakingAndFiveBenignKinds() throws IOException {
    assertThat(breaking()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(benign()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(apis()).as("APIs with a bundle").isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> eachMutationOfEachSpecGetsTheRightVerdict() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : apis()) {
      for (Mutation mutation : Stream.concat(breaking().stream(), benign().stream()).collect(Collectors.toList())) {
        tests.add(DynamicTest.dynamicTest(api + ": " + mutation.behaviour(), () -> judge(api, mutation)));
      }
    }
    assertThat(tests).as("mutations of the bundles %s", apis()).isNotEmpty();
    return tests.stream();
  }

  /**
   * The mutation applied to {@code spec}; fails, naming the mutation, when it finds nothing to
   * change there: a mutation that cannot be applied proves nothing, so it never passes.
   */
  static Expect applyTo(Mutation mutation, String api, ObjectNode spec) {
    try {
      return mutation.apply().apply(spec);
    } catch (SpecMutations.NotApplicable | AssertionError nothingToChange) {
      throw new AssertionError("the mutation '" + mutation.behaviour() + "' cannot be applied to the " + api
          + " spec: " + nothingToChange.getMessage(), nothingToChange);
    }
  }

  private void judge(String api, Mutation mutation) throws IOException {
    ObjectNode baseline = bundle(api);
    if (mutation.given() != null) {
      mutation.given().accept(baseline);
    }
    ObjectNode spec = baseline.deepCopy();
    Expect expect = applyTo(mutation, api, spec);
    Path baselines = Files.createTempDirectory(work, "baseline");
    Path bundles = Files.createTempDirectory(work, "bundles");
    if (mutation.given() == null) {
      Files.copy(BUNDLES.resolve(api + ".yaml"), baselines.resolve(api + ".yaml"));
    } else {
      YAML.writeValue(baselines.resolve(api + ".yaml").toFile(), baseline);
    }
    YAML.writeValue(bundles.resolve(api + ".yaml").toFile(), spec);

    SpecChangeGate.Verdict verdict = SpecChangeGate.check(api, baselines, bundles, "");

    List<Change> matching = verdict.changes().stream()
        .filter(c -> expect.kinds().contains(c.kind()) && c.breaking() == mutation.breaking())
        .filter(c -> c.was().contains(expect.was()) && c.now().contains(expect.now()))
        .collect(Collectors.toList());
    assertThat(matching).as("a %s change %s (was '%s', now '%s') among %s", mutation.breaking() ? "breaking" : "benign",
        expect.kinds(), expect.was(), expect.now(), verdict.changes()).isNotEmpty();
    assertThat(verdict.fails()).as("verdict: %s", verdict.summary()).isEqualTo(mutation.breaking());
    if (!mutation.breaking()) {
      assertThat(verdict.breaking()).as("breaking changes of a benign mutation").isEmpty();
    }
    String report = Files.readString(verdict.report());
    Change change = matching.get(0);
    assertThat(report).contains(change.kind(), change.pointer());
    if (mutation.breaking()) {
      assertThat(report).contains("Breaking for users", "To acknowledge", "- " + change.key());
    }
  }

  static ObjectNode bundle(String api) {
    try {
      return (ObjectNode) YAML.readTree(BUNDLES.resolve(api + ".yaml").toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
