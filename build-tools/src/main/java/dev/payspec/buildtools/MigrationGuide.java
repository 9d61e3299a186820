package dev.payspec.buildtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The migration guide from one version of an API to the next, made by the build from the two
 * bundled specs with the change gate's own comparison: which operations were added, removed or
 * moved, which statuses changed, which fields were renamed, added or removed, and every other change
 * of type or rule, each marked when it breaks code written for the old version.
 */
public final class MigrationGuide {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The sections of the guide, in order: a title and which changes go in it (the first that takes a change wins). */
  private static final Map<String, Predicate<Change>> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("Operations", change -> change.kind().startsWith("operation-"));
    SECTIONS.put("Statuses", change -> change.kind().startsWith("status-") || change.kind().contains("success"));
    SECTIONS.put("Fields renamed", change -> change.kind().equals("property-renamed"));
    SECTIONS.put("Fields added", change -> change.kind().equals("property-added") || change.kind().equals("required-property-added"));
    SECTIONS.put("Fields removed", change -> change.kind().equals("property-removed"));
    SECTIONS.put("Parameters", change -> change.kind().contains("parameter"));
    SECTIONS.put("Servers and authentication", change -> change.kind().startsWith("server") || change.kind().startsWith("security"));
    SECTIONS.put("Types and rules", change -> !change.kind().equals("description-changed"));
  }

  private MigrationGuide() {}

  /** Arguments: the bundles' folder, the old API's name, the new API's name. Writes {@code <new>-migration.md} there. */
  public static void main(String[] args) throws IOException {
    Path bundles = Path.of(args[0]);
    Path guide = write(bundles, args[1], args[2]);
    System.out.println("payspec specs: migration guide from " + args[1] + " to " + args[2] + " in " + guide);
  }

  static Path write(Path bundles, String from, String to) throws IOException {
    JsonNode oldDoc = YAML.readTree(bundles.resolve(from + ".yaml").toFile());
    JsonNode newDoc = YAML.readTree(bundles.resolve(to + ".yaml").toFile());
    Path guide = bundles.resolve(to + "-migration.md");
    Files.writeString(guide, markdown(from, to, SpecComparator.compare(oldDoc, newDoc)));
    return guide;
  }

  static String markdown(String from, String to, List<Change> changes) {
    StringBuilder out = new StringBuilder("# Migrating from `").append(from).append("` to `").append(to).append("`\n\n")
        .append("Made by the build from the two bundled specs (`").append(from).append(".yaml`, `").append(to)
        .append(".yaml`) with the change gate's comparison. ❗ marks a change that breaks code written for `")
        .append(from).append("`: read it before you switch. Paths are the specs' own, below each version's server URL.\n");
    List<Change> left = new ArrayList<>(changes);
    for (Map.Entry<String, Predicate<Change>> section : SECTIONS.entrySet()) {
      List<Change> taken = left.stream().filter(section.getValue()).toList();
      left.removeAll(taken);
      if (taken.isEmpty()) {
        continue;
      }
      out.append("\n## ").append(section.getKey()).append(" (").append(taken.size()).append(")\n\n")
          .append("| | change | in `").append(from).append("` | in `").append(to).append("` | where | reaches |\n")
          .append("| --- | --- | --- | --- | --- | --- |\n");
      for (Change change : taken) {
        out.append("| ").append(change.breaking() ? "❗" : "").append(" | ").append(cell(change.what()))
            .append(" | ").append(code(change.was())).append(" | ").append(code(change.now()))
            .append(" | ").append(code(change.pointer())).append(" | ").append(cell(String.join("; ", change.places())))
            .append(" |\n");
      }
    }
    long descriptions = left.stream().filter(change -> change.kind().equals("description-changed")).count();
    out.append("\n").append(descriptions).append(" description(s) changed as well; the HTML pages of both versions have them.\n");
    return out.toString();
  }

  private static String cell(String text) {
    String flat = text.replace("|", "\\|").replace("\n", " ");
    return flat.length() > 240 ? flat.substring(0, 239) + "…" : flat;
  }

  private static String code(String text) {
    return text == null || text.isEmpty() ? "" : "`" + cell(text).replace("`", "'") + "`";
  }
}
