package dev.payspec.buildtools;

import java.util.List;
import java.util.stream.Collectors;

/** The Markdown report of a change gate: each change with its old and new value, its verdict and its place. */
public final class ChangeReport {

  private static final int MAX_CELL = 240;

  private ChangeReport() {}

  static String markdown(String subject, String note, String summary, List<Change> changes, List<Change> unacknowledged,
      Acknowledgement acknowledgement) {
    return markdown(subject, note, summary, changes, unacknowledged, acknowledgement, "where in the spec", "reaches");
  }

  static String markdown(String subject, String note, String summary, List<Change> changes, List<Change> unacknowledged,
      Acknowledgement acknowledgement, String where, String reaches) {
    StringBuilder out = new StringBuilder();
    out.append("# Changes of the ").append(subject).append(" since its baseline\n\n")
        .append(note).append("\n\n")
        .append("**Verdict: ").append(summary).append("**\n");
    List<Change> breaking = changes.stream().filter(Change::breaking).collect(Collectors.toList());
    List<Change> other = changes.stream().filter(c -> !c.breaking()).collect(Collectors.toList());
    if (!breaking.isEmpty()) {
      out.append("\n## Breaking for users (").append(breaking.size()).append(")\n\n");
      table(out, breaking, unacknowledged, where, reaches);
    }
    if (!other.isEmpty()) {
      out.append("\n## Not breaking (").append(other.size()).append(")\n\n");
      table(out, other, List.of(), where, reaches);
    }
    if (!unacknowledged.isEmpty()) {
      out.append("\n## To acknowledge\n\nIf these breaking changes are intended (the provider changed its API, or the spec was wrong), add ")
          .append("these lines to `").append(display(acknowledgement.file())).append("` with a sentence saying why, or build once with `-D")
          .append(Acknowledgement.PROPERTY).append("=").append(acknowledgement.name()).append("`:\n\n```\n")
          .append(acknowledgementLines(unacknowledged)).append("```\n");
    }
    return out.toString();
  }

  private static void table(StringBuilder out, List<Change> changes, List<Change> unacknowledged, String where, String reaches) {
    out.append("| | change | was | now | ").append(where).append(" | ").append(reaches).append(" |\n| --- | --- | --- | --- | --- | --- |\n");
    for (Change change : changes) {
      String mark = !change.breaking() ? "" : unacknowledged.contains(change) ? "❌" : "acknowledged";
      out.append("| ").append(mark)
          .append(" | ").append(cell(change.what())).append(" (`").append(change.kind()).append("`)")
          .append(" | ").append(code(change.was()))
          .append(" | ").append(code(change.now()))
          .append(" | ").append(code(change.pointer()))
          .append(" | ").append(cell(String.join("; ", change.places())))
          .append(" |\n");
    }
  }

  /** The changes as plain lines, for a build failure. */
  static String plainList(List<Change> changes) {
    StringBuilder out = new StringBuilder();
    for (Change change : changes) {
      out.append("  - ").append(change.what()).append(": was ").append(quote(change.was())).append(", now ")
          .append(quote(change.now())).append(" at ").append(change.pointer()).append(" (").append(String.join("; ", change.places()))
          .append(")\n");
    }
    return out.toString();
  }

  static String acknowledgementLines(List<Change> changes) {
    return changes.stream().map(c -> "- " + c.key() + "\n").distinct().collect(Collectors.joining());
  }

  /** A path as people read it in a report: from the repository's root when it is inside it. */
  static String display(java.nio.file.Path path) {
    java.nio.file.Path absolute = path.toAbsolutePath().normalize();
    for (java.nio.file.Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
      if (java.nio.file.Files.isDirectory(dir.resolve(".mvn")) && java.nio.file.Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir.relativize(absolute).toString();
      }
    }
    return absolute.toString();
  }

  private static String quote(String value) {
    return value.isEmpty() ? "(none)" : "'" + shorten(value) + "'";
  }

  private static String code(String value) {
    if (value.isEmpty()) {
      return "";
    }
    String text = shorten(value).replace("`", "'");
    return "`" + text.replace("|", "\\|") + "`";
  }

  private static String cell(String value) {
    return shorten(value).replace("|", "\\|");
  }

  private static String shorten(String value) {
    String flat = value.replace("\r", "").replace("\n", " ").strip();
    return flat.length() > MAX_CELL ? flat.substring(0, MAX_CELL - 1) + "…" : flat;
  }
}
