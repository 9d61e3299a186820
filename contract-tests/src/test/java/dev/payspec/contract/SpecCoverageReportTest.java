package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payspec.specs.BundledSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which operations and documented response codes of the specs the contract tests exercised, judged
 * once every test class of the run has finished, whatever order they ran in: this class only asks
 * for the report. At the end of the run ({@link Report#close()}, when JUnit Jupiter closes its root
 * context after the last class) the report is printed, written as Markdown to
 * {@code target/spec-coverage.md}, and the run fails when any documented response was not exercised.
 */
class SpecCoverageReportTest {

  @RegisterExtension
  static final BeforeAllCallback REPORT_AT_THE_END = context -> context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
      .getOrComputeIfAbsent(Report.class, key -> new Report(), Report.class);

  @Test
  void everyDocumentedOperationAndStatusCodeIsJudgedAtTheEndOfTheRun() {
    List<SpecCoverage.Line> lines = SpecCoverage.lines(BundledSpec.apis());

    assertThat(lines).as("documented responses").isNotEmpty();
    assertThat(lines).extracting(SpecCoverage.Line::api).as("every bundled API").containsAll(BundledSpec.apis());
  }

  /** The report, made when the run's root context is closed: after every test class of the run. */
  static final class Report implements AutoCloseable {

    static final Path FILE = Path.of("target/spec-coverage.md");

    @Override
    public void close() {
      List<SpecCoverage.Line> lines = SpecCoverage.lines(BundledSpec.apis());
      String report = markdown(lines);
      try {
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, report);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.out.println(report);

      assertThat(lines.stream().filter(line -> !line.covered())
          .map(line -> line.api() + " " + line.operationId() + " " + line.code()).collect(Collectors.toList()))
          .as("SpecCoverageReportTest, at the end of the run: documented responses that no contract test exercised"
              + " (see target/spec-coverage.md)")
          .isEmpty();
    }

    static String markdown(List<SpecCoverage.Line> lines) {
      StringBuilder report = new StringBuilder("# Spec coverage of the contract tests\n\n"
          + "| spec | operation | method | path | response | exercised |\n| --- | --- | --- | --- | --- | --- |\n");
      for (SpecCoverage.Line line : lines) {
        report.append(String.format("| %s | %s | %s | `%s` | %s | %s |%n", line.api(), line.operationId(), line.method(),
            line.path(), line.code(), line.covered() ? "yes" : "**NO**"));
      }
      long covered = lines.stream().filter(SpecCoverage.Line::covered).count();
      report.append(String.format("%n%d of %d documented responses exercised.%n", covered, lines.size()));
      return report.toString();
    }
  }
}
