package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.payspec.specs.BundledSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other contract test class: prints which operations and documented response codes
 * of the specs the suite exercised, writes the same as Markdown to
 * {@code target/spec-coverage.md}, and fails when any was not exercised.
 */
@Order(Integer.MAX_VALUE)
class SpecCoverageReportTest {

  @Test
  void everyDocumentedOperationAndStatusCodeWasExercised() throws IOException {
    List<SpecCoverage.Line> lines = SpecCoverage.lines(BundledSpec.apis());
    StringBuilder report = new StringBuilder("# Spec coverage of the contract tests\n\n"
        + "| spec | operation | method | path | response | exercised |\n| --- | --- | --- | --- | --- | --- |\n");
    for (SpecCoverage.Line line : lines) {
      report.append(String.format("| %s | %s | %s | `%s` | %s | %s |%n", line.api(), line.operationId(), line.method(),
          line.path(), line.code(), line.covered() ? "yes" : "**NO**"));
    }
    long covered = lines.stream().filter(SpecCoverage.Line::covered).count();
    report.append(String.format("%n%d of %d documented responses exercised.%n", covered, lines.size()));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/spec-coverage.md"), report);
    System.out.println(report);

    assertThat(lines).as("documented responses").isNotEmpty();
    assertThat(lines).extracting(SpecCoverage.Line::api).as("every bundled API").containsAll(BundledSpec.apis());
    assertThat(lines.stream().filter(line -> !line.covered())
        .map(line -> line.api() + " " + line.operationId() + " " + line.code()).collect(Collectors.toList()))
        .as("documented responses that no contract test exercised (see target/spec-coverage.md)")
        .isEmpty();
  }
}
