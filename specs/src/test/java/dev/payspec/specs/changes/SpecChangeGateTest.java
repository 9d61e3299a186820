package dev.payspec.specs.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change gate on real edits of the bundled beGateway spec. */
class SpecChangeGateTest {

  private static final Path BUNDLES = Path.of(System.getProperty("payspec.openapi.dir", "target/openapi"));
  private static final String REQUIRED = "      required:\n        - email\n        - ip\n";

  @TempDir
  Path baselines;

  @TempDir
  Path edited;

  @Test
  void theCommittedBaselinesMatchThisBuildsSpecsCompatiblyOrTheChangeIsAcknowledged() throws IOException {
    for (String api : SpecChangeGate.APIS) {
      SpecChangeGate.Verdict verdict = SpecChangeGate.check(api, Path.of("baseline"), BUNDLES, false);
      assertThat(verdict.fails()).as("%s against specs/baseline", api).isFalse();
    }
  }

  @Test
  void aNewRequiredRequestFieldFailsTheGateWithAReadableMessage() throws IOException {
    edit(spec -> replaceOnce(spec, REQUIRED, REQUIRED + "        - first_name\n"));

    assertThatThrownBy(() -> SpecChangeGate.main(new String[] {baselines.toString(), edited.toString(), ""}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("incompatible spec change")
        .hasMessageContaining("begateway")
        .hasMessageContaining("first_name")
        .hasMessageContaining("acknowledged.md");
    assertThat(Files.readString(edited.resolve("begateway-changes.md"))).contains("first_name");
  }

  @Test
  void aRemovedOperationIsIncompatible() throws IOException {
    edit(spec -> {
      int start = spec.indexOf("  /customers/{customer_id}:");
      int end = spec.indexOf("components:");
      return spec.substring(0, start) + spec.substring(end);
    });

    assertThat(SpecChangeGate.check("begateway", baselines, edited, false).fails()).isTrue();
  }

  @Test
  void anAcknowledgedIncompatibleChangePasses() throws IOException {
    edit(spec -> replaceOnce(spec, REQUIRED, REQUIRED + "        - first_name\n"));
    Files.writeString(baselines.resolve("begateway.acknowledged.md"), "first_name becomes required upstream.\n");

    SpecChangeGate.main(new String[] {baselines.toString(), edited.toString(), ""});
    assertThat(SpecChangeGate.check("begateway", baselines, edited, false).incompatible()).isTrue();
  }

  @Test
  void aNewOptionalFieldIsACompatibleChange() throws IOException {
    edit(spec -> replaceOnce(spec, "        phone:\n", "        nickname:\n          type: string\n        phone:\n"));

    SpecChangeGate.Verdict verdict = SpecChangeGate.check("begateway", baselines, edited, false);
    assertThat(verdict.unchanged()).isFalse();
    assertThat(verdict.fails()).isFalse();
  }

  /** Baseline: this build's bundles; edited: the same, with the beGateway bundle changed. */
  private void edit(UnaryOperator<String> change) throws IOException {
    for (String api : SpecChangeGate.APIS) {
      String spec = Files.readString(BUNDLES.resolve(api + ".yaml"));
      Files.writeString(baselines.resolve(api + ".yaml"), spec);
      Files.writeString(edited.resolve(api + ".yaml"), api.equals("begateway") ? change.apply(spec) : spec);
    }
  }

  private static String replaceOnce(String text, String target, String replacement) {
    int at = text.indexOf(target);
    assertThat(at).as("'%s' in the bundle", target.strip()).isNotNegative();
    return text.substring(0, at) + replacement + text.substring(at + target.length());
  }
}
