package dev.payspec.buildtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The build's change gate for the specs: compares each API's bundle with its baseline (the spec as
 * last released, {@code specs/baseline/<api>.yaml}) with {@link SpecComparator}, writes
 * {@code <api>-changes.md} next to the bundles, and fails on a breaking change that no
 * {@link Acknowledgement} covers. The APIs are those of {@code specs/redocly.yaml} and those that
 * have a baseline (a baseline whose API is gone is a breaking change).
 */
public final class SpecChangeGate {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The outcome for one API. */
  public record Verdict(String api, List<Change> changes, List<Change> unacknowledged, Acknowledgement acknowledgement, Path report) {

    public boolean fails() {
      return !unacknowledged.isEmpty();
    }

    public List<Change> breaking() {
      return changes.stream().filter(Change::breaking).collect(Collectors.toList());
    }

    public String summary() {
      long breaking = breaking().size();
      long other = changes.size() - breaking;
      if (changes.isEmpty()) {
        return "unchanged";
      }
      if (fails()) {
        return "FAILS: " + unacknowledged.size() + " breaking change(s) not acknowledged"
            + (breaking > unacknowledged.size() ? " (" + (breaking - unacknowledged.size()) + " acknowledged)" : "")
            + ", " + other + " other change(s)";
      }
      if (breaking > 0) {
        return "passes: " + breaking + " breaking change(s), acknowledged by " + acknowledgement.source() + "; " + other + " other change(s)";
      }
      return "passes: no breaking change; " + other + " other change(s)";
    }
  }

  private SpecChangeGate() {}

  /**
   * Arguments: the baseline folder, the bundles' folder, the Redocly config that lists the APIs, and
   * the APIs acknowledged for this build (comma-separated; may be absent or empty).
   */
  public static void main(String[] args) throws IOException {
    Path baselines = Path.of(args[0]);
    Path bundles = Path.of(args[1]);
    Path config = Path.of(args[2]);
    String acknowledged = JavaApiGate.argument(args, 3);
    List<Verdict> failures = new ArrayList<>();
    for (String api : apis(config, baselines)) {
      Verdict verdict = check(api, baselines, bundles, acknowledged);
      System.out.println("payspec specs: " + api + " against specs/baseline: " + verdict.summary() + "; report " + verdict.report());
      if (verdict.fails()) {
        failures.add(verdict);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failureMessage(failures));
    }
  }

  /** The APIs of {@code apis:} in the Redocly config, then any other that has a baseline. */
  public static List<String> apis(Path redoclyConfig, Path baselines) throws IOException {
    Set<String> apis = new LinkedHashSet<>(SpecComparator.names(YAML.readTree(redoclyConfig.toFile()).path("apis")));
    if (Files.isDirectory(baselines)) {
      try (Stream<Path> files = Files.list(baselines)) {
        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted()
            .forEach(f -> apis.add(f.substring(0, f.length() - ".yaml".length())));
      }
    }
    return new ArrayList<>(apis);
  }

  /** Compares one API's bundle with its baseline and writes the Markdown report. */
  public static Verdict check(String api, Path baselines, Path bundles, String acknowledgedForThisBuild) throws IOException {
    Path baseline = baselines.resolve(api + ".yaml");
    Path current = bundles.resolve(api + ".yaml");
    Acknowledgement acknowledgement = Acknowledgement.read(api, baselines, acknowledgedForThisBuild);
    List<Change> changes;
    String note;
    if (!Files.isRegularFile(current) && Files.isRegularFile(baseline)) {
      changes = List.of(new Change("api-removed", true, "The API's spec is gone: every operation of it is removed",
          api, "", "/", Set.of("every operation")));
      note = "The bundle " + ChangeReport.display(current) + " is missing, but " + ChangeReport.display(baseline) + " exists.";
    } else if (!Files.isRegularFile(current)) {
      throw new IllegalStateException(current + " is missing: build the specs module first");
    } else if (!Files.isRegularFile(baseline)) {
      changes = List.of();
      note = "No baseline: a new API, with nothing released to compare with. Copy " + ChangeReport.display(current) + " to "
          + ChangeReport.display(baseline) + " when it is released.";
    } else {
      JsonNode before = YAML.readTree(baseline.toFile());
      JsonNode after = YAML.readTree(current.toFile());
      changes = SpecComparator.compare(before, after);
      note = "Baseline `" + ChangeReport.display(baseline) + "` (version " + before.path("info").path("version").asText()
          + "), now `" + ChangeReport.display(current) + "`"
          + " (version " + after.path("info").path("version").asText() + ").";
    }
    List<Change> unacknowledged = changes.stream().filter(c -> c.breaking() && !acknowledgement.covers(c.key())).collect(Collectors.toList());
    Files.createDirectories(bundles);
    Path report = bundles.resolve(api + "-changes.md");
    Verdict verdict = new Verdict(api, changes, unacknowledged, acknowledgement, report);
    Files.writeString(report, ChangeReport.markdown("`" + api + "` spec", note, verdict.summary(), changes, unacknowledged, acknowledgement));
    return verdict;
  }

  static String failureMessage(List<Verdict> failures) {
    StringBuilder message = new StringBuilder("breaking spec change: existing users would break.\n");
    for (Verdict failure : failures) {
      message.append("\n").append(failure.api()).append(": ").append(failure.summary()).append(" (report ").append(failure.report())
          .append(")\n").append(ChangeReport.plainList(failure.unacknowledged()))
          .append("If intended, add these lines to ").append(failure.acknowledgement().file()).append(", with a sentence saying why:\n")
          .append(ChangeReport.acknowledgementLines(failure.unacknowledged()));
    }
    message.append("\nOr accept every change of an API for one build: -D").append(Acknowledgement.PROPERTY)
        .append("=<api>. See docs/maintainers.md, 'The change gates'.");
    return message.toString();
  }
}
