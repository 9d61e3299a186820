package dev.payspec.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of realistic answers: the named examples of the specs' responses that carry
 * {@code x-fact}. Each names the fact of the provider it stands for and validates against its
 * response's schema; and together they cover what the specs say real answers contain: a
 * {@code null} in every nullable property, each body shape of every error union, and fields the
 * spec does not declare. The generated-client and contract tests decode and serve the same corpus.
 */
class RealisticAnswersTest {

  @TestFactory
  Stream<DynamicTest> everyRealisticAnswerNamesItsFactAndValidates() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : BundledSpec.apis()) {
      BundledSpec spec = BundledSpec.load(api);
      List<BundledSpec.Answer> answers = spec.realisticAnswers();
      tests.add(dynamicTest(api + ": the corpus is not empty", () -> assertThat(answers).isNotEmpty()));
      for (BundledSpec.Answer answer : answers) {
        tests.add(dynamicTest(answer.toString(), () -> {
          assertThat(ProvenanceTest.SOURCES).as("x-fact source of %s", answer).contains(answer.source());
          assertThat(answer.fact()).as("x-fact ref of %s", answer).isNotBlank();
          assertThat(spec.validate(answer.schemaPointer(), answer.value())).as("%s against its schema", answer).isEmpty();
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> theCorpusHoldsANullForEveryNullableProperty() {
    return BundledSpec.apis().stream().map(api -> dynamicTest(api, () -> {
      BundledSpec spec = BundledSpec.load(api);
      Set<String> nullable = new LinkedHashSet<>();
      spec.root.path("components").path("schemas").properties().forEach(schema ->
          schema.getValue().path("properties").properties().forEach(property -> {
            if (typeAllowsNull(property.getValue())) {
              nullable.add(schema.getKey() + "." + property.getKey());
            }
          }));
      Set<String> seenNull = new LinkedHashSet<>();
      for (BundledSpec.Answer answer : spec.realisticAnswers()) {
        if (answer.schemaName() != null && answer.value().isObject()) {
          answer.value().properties().forEach(field -> {
            if (field.getValue().isNull()) {
              seenNull.add(answer.schemaName() + "." + field.getKey());
            }
          });
        }
      }
      assertThat(seenNull).as("nullable properties that some realistic answer sets to null").containsAll(nullable);
    }));
  }

  @TestFactory
  Stream<DynamicTest> theCorpusHoldsEveryShapeOfEveryErrorUnion() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : BundledSpec.apis()) {
      BundledSpec spec = BundledSpec.load(api);
      List<BundledSpec.Answer> errors = spec.realisticAnswers().stream().filter(answer -> !answer.success()).toList();
      Set<String> unions = new LinkedHashSet<>();
      errors.forEach(answer -> {
        JsonNode schema = spec.deref(spec.root.at(answer.schemaPointer()));
        if (schema.has("anyOf") || schema.has("oneOf")) {
          unions.add(answer.schemaName());
        }
      });
      // An error schema written as one object whose property takes any JSON value (Stancer's
      // `error`: a sentence or the envelope's object) is a union too: the corpus holds each kind.
      errors.forEach(answer -> {
        JsonNode schema = spec.deref(spec.root.at(answer.schemaPointer()));
        schema.path("properties").fields().forEachRemaining(property -> {
          JsonNode sub = property.getValue();
          if (!sub.has("type") && !sub.has("$ref") && !sub.has("properties") && !sub.has("anyOf") && !sub.has("oneOf")) {
            String where = answer.schemaName() + "." + property.getKey();
            for (String kind : List.of("textual", "object")) {
              tests.add(dynamicTest(api + " " + where + " as " + kind, () -> assertThat(errors)
                  .as("realistic error answers whose %s is %s", where, kind)
                  .anySatisfy(other -> assertThat(kind.equals("textual") ? other.value().path(property.getKey()).isTextual()
                      : other.value().path(property.getKey()).isObject()).isTrue())));
            }
          }
        });
      });
      for (String union : unions) {
        JsonNode schema = spec.root.at("/components/schemas/" + union);
        JsonNode branches = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        String keyword = schema.has("anyOf") ? "anyOf" : "oneOf";
        for (int i = 0; i < branches.size(); i++) {
          String branch = "/components/schemas/" + union + "/" + keyword + "/" + i;
          tests.add(dynamicTest(api + " " + union + " shape " + spec.root.at(branch).path("$ref").asText(String.valueOf(i)),
              () -> assertThat(errors).as("realistic error answers of that shape")
                  .anySatisfy(answer -> assertThat(spec.validate(branch, answer.value())).isEmpty())));
        }
      }
    }
    assertThat(tests).as("error unions in the corpus").isNotEmpty();
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> theCorpusHoldsAnAnswerWithFieldsTheSpecDoesNotDeclare() {
    return BundledSpec.apis().stream().map(api -> dynamicTest(api, () -> {
      BundledSpec spec = BundledSpec.load(api);
      assertThat(spec.root.path("components").path("examples").properties())
          .as("examples listing x-undeclared fields")
          .anySatisfy(example -> assertThat(example.getValue().path("x-undeclared").size()).isPositive());
    }));
  }

  private static boolean typeAllowsNull(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.asText().equals("null")) {
          return true;
        }
      }
    }
    return false;
  }
}
