package dev.payspec.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule of the specs, checked on the bundled specs by a JSON Schema validator: each valid
 * sample of {@code rule-samples.yaml} is accepted and each invalid one refused.
 */
class SpecRulesTest {

  @TestFactory
  Stream<DynamicTest> everySpecsRulesAcceptValidAndRefuseInvalidSamples() {
    return BundledSpec.apis().stream().flatMap(SpecRulesTest::rulesOf);
  }

  @TestFactory
  Stream<DynamicTest> everyRuleOfEverySpecHasSamplesOnBothSides() {
    return BundledSpec.apis().stream().flatMap(api -> RuleSamples.of(api).stream().map(rule -> dynamicTest(
        api + ": " + rule.rule(), () -> {
          assertThat(rule.valid()).as("valid samples of '%s'", rule.rule()).isNotEmpty();
          assertThat(rule.invalid()).as("invalid samples of '%s'", rule.rule()).isNotEmpty();
          assertThat(rule.field()).as("field of '%s'", rule.rule()).isNotBlank();
        })));
  }

  private static Stream<DynamicTest> rulesOf(String api) {
    BundledSpec spec = BundledSpec.load(api);
    List<RuleSamples> rules = RuleSamples.of(api);
    return rules.stream().flatMap(rule -> Stream.concat(
        rule.valid().stream().map(sample -> dynamicTest(
            spec.api + ": " + rule.rule() + ": accepts " + sample,
            () -> assertThat(spec.validateAgainstComponent(rule.schema(), sample))
                .as("%s must accept %s", rule.schema(), sample)
                .isEmpty())),
        rule.invalid().stream().map(sample -> dynamicTest(
            spec.api + ": " + rule.rule() + ": refuses " + sample,
            () -> assertThat(spec.validateAgainstComponent(rule.schema(), sample))
                .as("%s must refuse %s", rule.schema(), sample)
                .isNotEmpty()))));
  }

  @Test
  void countryPatternRefusesNoAssignedIsoCodeNorOneThatPaymentProvidersUse() {
    BundledSpec spec = BundledSpec.load("begateway");
    List<String> codes = new ArrayList<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    codes.add("XK"); // Kosovo: reserved by ISO, used by payment providers; no source says beGateway refuses it
    List<String> refused = new ArrayList<>();
    for (String code : codes) {
      if (!spec.validateAgainstComponent("CountryCode", TextNode.valueOf(code)).isEmpty()) {
        refused.add(code);
      }
    }
    assertThat(codes).hasSizeGreaterThan(249);
    assertThat(refused).as("country codes the spec refuses").isEmpty();
  }
}
