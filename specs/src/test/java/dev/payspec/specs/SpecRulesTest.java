package dev.payspec.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of the specs, checked on the bundled specs by a JSON Schema validator: each valid
 * sample of {@code rule-samples.yaml} is accepted and each invalid one refused.
 */
class SpecRulesTest {

  @TestFactory
  Stream<DynamicTest> stancerRulesAcceptValidAndRefuseInvalidSamples() {
    return rulesOf("stancer");
  }

  @TestFactory
  Stream<DynamicTest> stancerV2RulesAcceptValidAndRefuseInvalidSamples() {
    return rulesOf("stancer-v2");
  }

  @TestFactory
  Stream<DynamicTest> beGatewayRulesAcceptValidAndRefuseInvalidSamples() {
    return rulesOf("begateway");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stancer", "stancer-v2", "begateway"})
  void everyRuleHasSamplesOnBothSides(String api) {
    for (RuleSamples rule : RuleSamples.of(api)) {
      assertThat(rule.valid()).as("valid samples of '%s'", rule.rule()).isNotEmpty();
      assertThat(rule.invalid()).as("invalid samples of '%s'", rule.rule()).isNotEmpty();
      assertThat(rule.field()).as("field of '%s'", rule.rule()).isNotBlank();
    }
  }

  private static Stream<DynamicTest> rulesOf(String api) {
    BundledSpec spec = BundledSpec.load(api);
    List<RuleSamples> rules = RuleSamples.of(api);
    return rules.stream().flatMap(rule -> Stream.concat(
        rule.valid().stream().map(sample -> dynamicTest(
            rule.rule() + ": accepts " + sample,
            () -> assertThat(spec.validateAgainstComponent(rule.schema(), sample))
                .as("%s must accept %s", rule.schema(), sample)
                .isEmpty())),
        rule.invalid().stream().map(sample -> dynamicTest(
            rule.rule() + ": refuses " + sample,
            () -> assertThat(spec.validateAgainstComponent(rule.schema(), sample))
                .as("%s must refuse %s", rule.schema(), sample)
                .isNotEmpty()))));
  }

  @Test
  void countryPatternAcceptsExactlyTheAssignedIsoCodes() {
    BundledSpec spec = BundledSpec.load("begateway");
    Set<String> assigned = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    List<String> wronglyRefused = new ArrayList<>();
    List<String> wronglyAccepted = new ArrayList<>();
    for (char first = 'A'; first <= 'Z'; first++) {
      for (char second = 'A'; second <= 'Z'; second++) {
        String code = "" + first + second;
        boolean accepted = spec.validateAgainstComponent("CountryCode", TextNode.valueOf(code)).isEmpty();
        if (accepted && !assigned.contains(code)) {
          wronglyAccepted.add(code);
        } else if (!accepted && assigned.contains(code)) {
          wronglyRefused.add(code);
        }
      }
    }
    assertThat(assigned).hasSize(249);
    assertThat(wronglyAccepted).as("codes that are not assigned but pass").isEmpty();
    assertThat(wronglyRefused).as("assigned codes that are refused").isEmpty();
  }
}
