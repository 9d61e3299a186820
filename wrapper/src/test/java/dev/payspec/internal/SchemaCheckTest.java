package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.payspec.Violation;
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
}
