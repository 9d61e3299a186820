package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.payspec.Violation;
import dev.payspec.specs.BundledSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of a check read from the schema's keywords, on the test bundle {@code openapi/paged-test.json}. */
class SchemaCheckTest {

  private final SchemaCheck nullable = SchemaCheck.of(SpecDocument.of("paged-test"), "/components/schemas/NullableNick");

  @Test
  void aNullableValueIsJudgedByItsNonNullBranchAlone() {
    assertThat(nullable.violations(TextNode.valueOf("abcd"), "nick"))
        .containsExactly(new Violation("nick", "must be at most 3 characters long"));
    assertThat(nullable.violations(NullNode.getInstance(), "nick")).isEmpty();
    assertThat(nullable.violations(TextNode.valueOf("abc"), "nick")).isEmpty();
  }

  @Test
  void aPatternsWordsCarryNoProvenanceNoteOfAnyBundle() {
    // Every description a violation quotes (the owner of a pattern or a oneOf), in every bundle.
    List<String> said = new ArrayList<>();
    for (String api : BundledSpec.apis()) {
      owners(SpecDocument.of(api).root(), said);
    }
    assertThat(said).isNotEmpty().allSatisfy(words -> assertThat(words)
        .doesNotContain("*doc*", "*sdk*", "*observed*", "*unknown*", "`", "\n", "  ").doesNotEndWith(".)"));
    assertThat(said).contains(" (A customer's id: cust_ and 24 characters, 29 in all)",
        " (A country as an ISO 3166-1 alpha-2 code, such as US or BY)",
        " (The customer's state or province as two letters, such as CO or ON)");
  }

  @Test
  void provenanceParenthesesGoAndTheSentenceStays() {
    assertThat(SchemaCheck.withoutProvenance("Two letters (*doc*: \"the two-letter state\"; case (upper) not stated). Next."))
        .isEqualTo("Two letters. Next.");
    assertThat(SchemaCheck.withoutProvenance("Its format is *unknown* (see the `v2` page)."))
        .isEqualTo("Its format is unknown (see the v2 page).");
  }

  private static void owners(JsonNode node, List<String> said) {
    if (node.isObject() && (node.has("pattern") || node.has("oneOf")) && node.path("description").isTextual()) {
      said.add(SchemaCheck.about(node));
    }
    node.forEach(child -> owners(child, said));
  }
}
