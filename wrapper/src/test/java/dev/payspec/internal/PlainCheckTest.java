package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payspec.specs.BundledSpec;
import dev.payspec.specs.RuleSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The plain check never lets through what the validator refuses: where it says a value holds, the
 * validator finds no broken rule; where it says a value fails, the validator finds one. Proven on
 * every sample of {@code rule-samples.yaml} (each valid one must be plainly held, so that valid
 * requests never need the validator) and on the edge cases of each keyword ({@code openapi/plain-test.json}).
 */
class PlainCheckTest {

  @TestFactory
  Stream<DynamicTest> everyRuleSampleIsJudgedAsTheValidatorJudgesIt() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String api : BundledSpec.apis()) {
      SpecDocument spec = SpecDocument.of(api);
      for (RuleSamples rule : RuleSamples.of(api)) {
        String pointer = "/components/schemas/" + rule.schema();
        for (JsonNode sample : rule.valid()) {
          tests.add(dynamicTest(api + ": " + rule.rule() + ": valid " + sample,
              () -> assertThat(agreedVerdict(spec, pointer, sample)).as("plain verdict").isEqualTo(PlainCheck.HOLDS)));
        }
        for (JsonNode sample : rule.invalid()) {
          tests.add(dynamicTest(api + ": " + rule.rule() + ": invalid " + sample,
              () -> assertThat(agreedVerdict(spec, pointer, sample)).as("plain verdict").isNotEqualTo(PlainCheck.HOLDS)));
        }
      }
    }
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> eachKeywordsEdgeCasesAgreeWithTheValidator() {
    SpecDocument spec = SpecDocument.of("plain-test");
    String emoji = "\uD83D\uDE00";
    Object[][] cases = {
        // schema, value (JSON), expected verdict: H holds, F fails, U left to the validator
        {"Emoji40", "\"" + emoji.repeat(40) + "\"", "H"}, {"Emoji40", "\"" + emoji.repeat(41) + "\"", "F"},
        {"Emoji40", "\"a\"", "F"}, {"Emoji40", "7", "F"},
        {"Integer", "1", "H"}, {"Integer", "9", "H"}, {"Integer", "10", "F"}, {"Integer", "0", "F"},
        {"Integer", "1.0", "U"}, {"Integer", "\"1\"", "F"}, {"Integer", "99999999999999999999", "F"},
        {"Number", "2.5", "H"}, {"Number", "null", "H"}, {"Number", "0", "F"}, {"Number", "2.51", "F"}, {"Number", "\"x\"", "F"},
        {"Currency", "\"eur\"", "H"}, {"Currency", "\"gbp\"", "F"}, {"Currency", "1", "H"}, {"Currency", "1.0", "U"},
        {"Currency", "null", "H"}, {"Currency", "true", "F"}, {"Currency", "2", "U"}, {"Currency", "[1]", "F"},
        {"Const", "\"US\"", "H"}, {"Const", "\"us\"", "F"},
        {"Pattern", "\"a123b\"", "H"}, {"Pattern", "\"12\"", "F"}, {"Pattern", "5", "F"},
        {"Email", "\"david@coaster.net\"", "H"}, {"Email", "\"david@coaster\"", "F"}, {"Email", "\"david.coaster.net\"", "F"},
        {"Date", "\"2024-02-29\"", "H"}, {"Date", "\"2023-02-29\"", "U"}, {"Date", "\"0001-01-01\"", "U"}, {"Date", "\"2024-1-1\"", "U"},
        {"DateTime", "\"2024-01-01T00:00:00Z\"", "U"}, {"DateTime", "\"yesterday\"", "U"},
        {"Ipv4", "\"1.2.3.4\"", "U"}, {"Ipv4", "\"1.2.3\"", "U"},
        {"Tags", "[\"a\", \"b\"]", "H"}, {"Tags", "[]", "F"}, {"Tags", "[\"a\", \"a\"]", "F"}, {"Tags", "[\"abcd\"]", "F"},
        {"Tags", "[\"a\", \"b\", \"c\", \"d\"]", "F"}, {"Tags", "[1]", "F"}, {"Tags", "[\"a\", 1]", "F"},
        {"Contains", "[\"y\", \"x\"]", "H"}, {"Contains", "[\"y\"]", "F"}, {"Contains", "[]", "F"},
        {"Closed", "{\"a\": \"x\"}", "H"}, {"Closed", "{\"a\": \"x\", \"b\": 1}", "F"}, {"Closed", "{}", "F"},
        {"Map", "{\"x\": 1}", "H"}, {"Map", "{\"x\": \"1\"}", "F"}, {"Map", "{}", "F"}, {"Map", "{\"a\": 1, \"b\": 2, \"c\": 3}", "F"},
        {"OneOf", "\"a\"", "H"}, {"OneOf", "\"abcd\"", "H"}, {"OneOf", "\"ab\"", "F"},
        {"AnyOf", "\"abc\"", "H"}, {"AnyOf", "\"1.2.3.4\"", "U"}, {"AnyOf", "\"ABC\"", "U"},
        {"AllOf", "\"abc\"", "H"}, {"AllOf", "\"bcd\"", "F"}, {"AllOf", "\"a\"", "F"},
        {"Not", "{}", "H"}, {"Not", "{\"email\": \"x\"}", "F"},
        {"IfThenElse", "{\"country\": \"US\", \"state\": \"NY\"}", "H"}, {"IfThenElse", "{\"country\": \"US\"}", "F"},
        {"IfThenElse", "{\"country\": \"FR\", \"state\": \"\"}", "H"}, {"IfThenElse", "{\"country\": \"FR\", \"state\": \"x\"}", "F"},
        {"MultipleOf", "10", "U"}, {"PatternProperties", "{\"x1\": 1}", "U"},
        {"Tree", "{\"name\": \"a\", \"children\": [{\"name\": \"b\", \"children\": []}]}", "H"},
        {"Tree", "{\"name\": \"a\", \"children\": [{\"name\": \"\"}]}", "F"},
    };
    List<DynamicTest> tests = new ArrayList<>();
    for (Object[] c : cases) {
      String pointer = "/components/schemas/" + c[0];
      tests.add(dynamicTest(c[0] + " " + c[1] + " -> " + c[2], () -> {
        JsonNode value = Json.PLAIN.readTree((String) c[1]);
        int expected = switch ((String) c[2]) {
          case "H" -> PlainCheck.HOLDS;
          case "F" -> PlainCheck.FAILS;
          default -> PlainCheck.UNSURE;
        };
        assertThat(agreedVerdict(spec, pointer, value)).as("plain verdict").isEqualTo(expected);
      }));
    }
    return tests.stream();
  }

  /** The plain check's verdict, after checking that the validator agrees with it. */
  private static int agreedVerdict(SpecDocument spec, String pointer, JsonNode value) {
    int verdict = PlainCheck.of(spec, pointer).judge(value);
    var messages = SchemaCheck.of(spec, pointer).messages(value);
    if (verdict == PlainCheck.HOLDS) {
      assertThat(messages).as("the validator's messages where the plain check says %s holds", value).isEmpty();
    } else if (verdict == PlainCheck.FAILS) {
      assertThat(messages).as("the validator's messages where the plain check says %s fails", value).isNotEmpty();
    }
    return verdict;
  }
}
