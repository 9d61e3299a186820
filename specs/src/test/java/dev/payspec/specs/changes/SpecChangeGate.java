package dev.payspec.specs.changes;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The build's change gate for the specs: compares each bundled spec with its baseline (the spec as
 * last released, in {@code specs/baseline/}), writes what changed to {@code <api>-changes.md} next
 * to the bundles, and fails on a change that breaks existing clients unless it is acknowledged:
 * by a committed {@code specs/baseline/<api>.acknowledged.md} that says why, or for one build by
 * {@code -Dpayspec.acknowledgeIncompatible=<api>}.
 */
public final class SpecChangeGate {

  static final List<String> APIS = List.of("stancer", "begateway");

  /** The outcome for one API. */
  public record Verdict(String api, boolean unchanged, boolean incompatible, boolean acknowledged, Path report) {
    boolean fails() {
      return incompatible && !acknowledged;
    }
  }

  private SpecChangeGate() {}

  /** Arguments: the baseline folder, the bundles' folder, and the acknowledged APIs (comma-separated, may be empty). */
  public static void main(String[] args) throws IOException {
    Path baselines = Path.of(args[0]);
    Path bundles = Path.of(args[1]);
    Set<String> acknowledged = args.length > 2 && args[2] != null && !args[2].isBlank()
        ? Arrays.stream(args[2].split(",")).map(String::strip).collect(Collectors.toSet())
        : Set.of();
    List<Verdict> failures = new ArrayList<>();
    for (String api : APIS) {
      Verdict verdict = check(api, baselines, bundles, acknowledged.contains(api));
      System.out.println("payspec specs: " + api + " compared with its baseline: "
          + (verdict.unchanged() ? "unchanged" : verdict.incompatible() ? "INCOMPATIBLE" : "compatible changes")
          + (verdict.incompatible() && verdict.acknowledged() ? " (acknowledged)" : "")
          + "; report " + verdict.report());
      if (verdict.fails()) {
        failures.add(verdict);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failureMessage(failures));
    }
  }

  /** Compares one API's bundle with its baseline and writes the Markdown report. */
  public static Verdict check(String api, Path baselines, Path bundles, boolean acknowledgedForThisBuild) throws IOException {
    Path baseline = baselines.resolve(api + ".yaml");
    Path current = bundles.resolve(api + ".yaml");
    for (Path needed : List.of(baseline, current)) {
      if (!Files.isRegularFile(needed)) {
        throw new IllegalStateException(needed + " is missing");
      }
    }
    ChangedOpenApi diff = OpenApiCompare.fromLocations(baseline.toUri().toString(), current.toUri().toString());
    Path report = bundles.resolve(api + "-changes.md");
    try (OutputStreamWriter out = new OutputStreamWriter(Files.newOutputStream(report), StandardCharsets.UTF_8)) {
      new MarkdownRender().render(diff, out);
    }
    boolean acknowledged = acknowledgedForThisBuild || Files.isRegularFile(baselines.resolve(api + ".acknowledged.md"));
    return new Verdict(api, diff.isUnchanged(), diff.isIncompatible(), acknowledged, report);
  }

  static String failureMessage(List<Verdict> failures) throws IOException {
    StringBuilder message = new StringBuilder("incompatible spec change: existing clients would break.\n");
    for (Verdict failure : failures) {
      message.append("\n").append(failure.api()).append(" (").append(failure.report()).append("):\n")
          .append(Files.readString(failure.report()).strip()).append("\n");
    }
    message.append("\nIf the change is intended, acknowledge it: commit specs/baseline/<api>.acknowledged.md saying why,")
        .append(" or build once with -Dpayspec.acknowledgeIncompatible=<api>. See the README, 'Changing a spec'.");
    return message.toString();
  }
}
