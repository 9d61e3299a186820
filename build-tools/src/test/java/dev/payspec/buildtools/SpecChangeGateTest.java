package dev.payspec.buildtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's verdicts, report and acknowledgements, on a renamed request property of a real spec. */
class SpecChangeGateTest {

  private static final Path BUNDLES = SpecChangeGateMutationTest.BUNDLES;
  private static final Path SPECS = SpecChangeGateMutationTest.SPECS;

  @TempDir
  Path baselines;

  @TempDir
  Path bundles;

  private String api;
  private String renamed;

  @BeforeEach
  void renameARequestProperty() throws IOException {
    api = SpecChangeGateMutationTest.apis().get(0);
    for (String other : SpecChangeGateMutationTest.apis()) {
      if (!other.equals(api)) {
        Files.copy(BUNDLES.resolve(other + ".yaml"), baselines.resolve(other + ".yaml"));
        Files.copy(BUNDLES.resolve(other + ".yaml"), bundles.resolve(other + ".yaml"));
      }
    }
    Files.copy(BUNDLES.resolve(api + ".yaml"), baselines.resolve(api + ".yaml"));
    ObjectNode spec = SpecChangeGateMutationTest.bundle(api);
    ObjectNode request = SpecMutations.requestObject(spec);
    renamed = SpecMutations.stringProperty(spec, request, true);
    SpecMutations.renameProperty(request, renamed, renamed + "_number");
    SpecChangeGateMutationTest.YAML.writeValue(bundles.resolve(api + ".yaml").toFile(), spec);
  }

  @Test
  void theCommittedBaselinesPassTheGate() throws IOException {
    for (String each : SpecChangeGateMutationTest.apis()) {
      SpecChangeGate.Verdict verdict = SpecChangeGate.check(each, SPECS.resolve("baseline"), BUNDLES, "");
      assertThat(verdict.fails()).as("%s against specs/baseline: %s", each, verdict.unacknowledged()).isFalse();
    }
  }

  @Test
  void theApisAreThoseOfTheRedoclyConfigAndOfTheBaselines() throws IOException {
    Files.writeString(baselines.resolve("retired.yaml"), "openapi: 3.1.0\n");
    List<String> apis = SpecChangeGate.apis(SPECS.resolve("redocly.yaml"), baselines);
    assertThat(apis).containsAll(SpecComparator.names(SpecChangeGateMutationTest.YAML.readTree(SPECS.resolve("redocly.yaml").toFile()).path("apis")));
    assertThat(apis).contains("retired");
  }

  @Test
  void aBreakingChangeFailsTheBuildNamingWhatWasAndIsAndHowToAcknowledgeIt() {
    assertThatThrownBy(() -> SpecChangeGate.main(new String[] {baselines.toString(), bundles.toString(), SPECS.resolve("redocly.yaml").toString(), ""}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("breaking spec change")
        .hasMessageContaining("Property renamed in requests: was '" + renamed + "', now '" + renamed + "_number'")
        .hasMessageContaining("- property-renamed ")
        .hasMessageContaining(api + ".acknowledged.md");
  }

  @Test
  void theReportShowsOldAndNewValuesAndWhereTheChangeIs() throws IOException {
    SpecChangeGate.Verdict verdict = SpecChangeGate.check(api, baselines, bundles, "");
    String report = Files.readString(bundles.resolve(api + "-changes.md"));
    Change change = verdict.unacknowledged().get(0);
    assertThat(report)
        .contains("**Verdict: FAILS: 1 breaking change(s) not acknowledged")
        .contains("| ❌ | Property renamed in requests (`property-renamed`) | `" + renamed + "` | `" + renamed + "_number` | `"
            + change.pointer() + "` |")
        .contains("- " + change.key());
  }

  @Test
  void anAcknowledgementThatSaysWhyAndListsTheChangePasses() throws IOException {
    String key = SpecChangeGate.check(api, baselines, bundles, "").unacknowledged().get(0).key();
    Files.writeString(baselines.resolve(api + ".acknowledged.md"), "The provider renamed the field on 2026-11-20.\n\n- " + key + "\n");

    SpecChangeGate.Verdict verdict = SpecChangeGate.check(api, baselines, bundles, "");
    assertThat(verdict.fails()).isFalse();
    assertThat(verdict.breaking()).hasSize(1);
    assertThat(Files.readString(verdict.report())).contains("passes: 1 breaking change(s), acknowledged by").contains("| acknowledged |");
  }

  @Test
  void anAcknowledgementOfAnotherChangeDoesNotPass() throws IOException {
    Files.writeString(baselines.resolve(api + ".acknowledged.md"), "Another change.\n\n- property-removed /components/schemas/Other/properties/x\n");
    assertThat(SpecChangeGate.check(api, baselines, bundles, "").fails()).isTrue();
  }

  @Test
  void anAcknowledgementThatDoesNotSayWhyIsRefused() throws IOException {
    String key = SpecChangeGate.check(api, baselines, bundles, "").unacknowledged().get(0).key();
    Files.writeString(baselines.resolve(api + ".acknowledged.md"), "- " + key + "\n");
    assertThatThrownBy(() -> SpecChangeGate.check(api, baselines, bundles, ""))
        .hasMessageContaining("does not say why");
  }

  @Test
  void allAcknowledgesEveryBreakingChangeOfThatApiOnly() throws IOException {
    Files.writeString(baselines.resolve("other.acknowledged.md"), "Not this API.\n- all\n");
    assertThat(SpecChangeGate.check(api, baselines, bundles, "").fails()).isTrue();
    Files.writeString(baselines.resolve(api + ".acknowledged.md"), "The provider's v2 renames many fields.\n- all\n");
    assertThat(SpecChangeGate.check(api, baselines, bundles, "").fails()).isFalse();
  }

  @Test
  void thePropertyAcknowledgesTheListedApisForOneBuild() throws IOException {
    assertThat(SpecChangeGate.check(api, baselines, bundles, "someother").fails()).isTrue();
    SpecChangeGate.Verdict verdict = SpecChangeGate.check(api, baselines, bundles, "someother, " + api);
    assertThat(verdict.fails()).isFalse();
    assertThat(verdict.summary()).contains("-Dpayspec.acknowledgeIncompatible=");
  }

  @Test
  void aNewApiWithoutBaselinePassesAndSaysSo() throws IOException {
    Files.delete(baselines.resolve(api + ".yaml"));
    SpecChangeGate.Verdict verdict = SpecChangeGate.check(api, baselines, bundles, "");
    assertThat(verdict.fails()).isFalse();
    assertThat(Files.readString(verdict.report())).contains("No baseline: a new API");
  }

  @Test
  void anApiWhoseSpecIsGoneBreaksUsers() throws IOException {
    Files.delete(bundles.resolve(api + ".yaml"));
    SpecChangeGate.Verdict verdict = SpecChangeGate.check(api, baselines, bundles, "");
    assertThat(verdict.fails()).isTrue();
    assertThat(verdict.unacknowledged()).extracting(Change::kind).containsExactly("api-removed");
  }
}
