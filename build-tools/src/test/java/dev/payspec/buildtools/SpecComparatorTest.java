package dev.payspec.buildtools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Verdicts on 3.1 constructs that the bundled specs do not use (yet): a small document of payspec's
 * own, changed one way per test.
 */
class SpecComparatorTest {

  private static final String BASE = """
      openapi: 3.1.0
      info: {title: t, version: '1'}
      servers: [{url: 'https://api.example.com'}]
      security: [{key: []}]
      paths:
        /things/{id}:
          put:
            operationId: putThing
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
              - {name: dry_run, in: query, schema: {type: boolean}}
            requestBody:
              required: true
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/ThingInput'}
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Thing'}
      components:
        securitySchemes:
          key: {type: apiKey, in: header, name: X-Key}
        schemas:
          Kind:
            type: string
            enum: [small, large]
          ThingInput:
            type: object
            allOf:
              - properties:
                  kind: {$ref: '#/components/schemas/Kind'}
                  size: {type: integer, minimum: 1, maximum: 10}
              - properties:
                  tags: {type: array, items: {type: string}, maxItems: 5}
                  secret: {type: string, writeOnly: true}
            oneOf:
              - required: [kind]
              - required: [size]
          Thing:
            type: object
            required: [kind]
            properties:
              kind: {$ref: '#/components/schemas/Kind'}
              note: {type: [string, 'null']}
              extra:
                type: object
                additionalProperties: {type: string}
              secret: {type: string, writeOnly: true}
      """;

  private static List<Change> after(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode before = (ObjectNode) SpecChangeGateMutationTest.YAML.readTree(BASE);
    ObjectNode after = before.deepCopy();
    edit.accept(after);
    return SpecComparator.compare(before, after);
  }

  private static ObjectNode schema(ObjectNode doc, String name) {
    return (ObjectNode) doc.at("/components/schemas/" + name);
  }

  @Test
  void anUnchangedDocumentHasNoChange() throws IOException {
    assertThat(after(doc -> {})).isEmpty();
  }

  @Test
  void aNewEnumValueBreaksResponsesButNotRequests() throws IOException {
    List<Change> changes = after(doc -> ((ArrayNode) schema(doc, "Kind").get("enum")).add("huge"));
    assertThat(changes).filteredOn(c -> c.kind().equals("enum-values-added"))
        .extracting(Change::breaking).containsExactlyInAnyOrder(true, false);
  }

  @Test
  void aNarrowerBoundInsideAllOfBreaksRequests() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) schema(doc, "ThingInput").at("/allOf/0/properties/size")).put("maximum", 5));
    assertThat(changes).anySatisfy(c -> {
      assertThat(c.kind()).isEqualTo("maximum-narrowed");
      assertThat(c.breaking()).isTrue();
      assertThat(c.was()).isEqualTo("10");
      assertThat(c.now()).isEqualTo("5");
    });
  }

  @Test
  void fewerItemsAllowedBreaksRequests() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) schema(doc, "ThingInput").at("/allOf/1/properties/tags")).put("maxItems", 2));
    assertThat(changes).anyMatch(c -> c.kind().equals("maxItems-narrowed") && c.breaking());
  }

  @Test
  void anAnyOfAlternativeRemovedFromARequestBreaksUsers() throws IOException {
    ObjectNode before = (ObjectNode) SpecChangeGateMutationTest.YAML.readTree(BASE);
    ObjectNode input = schema(before, "ThingInput");
    input.set("anyOf", input.remove("oneOf"));
    ObjectNode after = before.deepCopy();
    ((ArrayNode) schema(after, "ThingInput").get("anyOf")).remove(1);
    List<Change> changes = SpecComparator.compare(before, after);
    assertThat(changes).anyMatch(c -> c.kind().startsWith("anyOf-") && c.breaking());
  }

  @Test
  void aRequiredPropertyInAOneOfAlternativeBreaksRequests() throws IOException {
    List<Change> changes = after(doc -> ((ArrayNode) schema(doc, "ThingInput").at("/oneOf/1/required")).add("tags"));
    assertThat(changes).anyMatch(c -> c.kind().equals("property-made-required") && c.breaking());
  }

  @Test
  void aWriteOnlyPropertyRemovedDoesNotTouchResponses() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) schema(doc, "Thing").get("properties")).remove("secret"));
    assertThat(changes).isEmpty();
  }

  @Test
  void nullNoLongerSentInAResponseDoesNotBreakUsers() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) schema(doc, "Thing").at("/properties/note")).put("type", "string"));
    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo("null-refused");
      assertThat(c.breaking()).isFalse();
    });
  }

  @Test
  void aMapValueTypeChangedInAResponseBreaksUsers() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) schema(doc, "Thing").at("/properties/extra/additionalProperties")).put("type", "integer"));
    assertThat(changes).anyMatch(c -> c.kind().equals("type-changed") && c.breaking() && c.places().stream().anyMatch(p -> p.contains("map values")));
  }

  @Test
  void anOptionalParameterRemovedBreaksUsers() throws IOException {
    List<Change> changes = after(doc -> ((ArrayNode) doc.at("/paths/~1things~1{id}/put/parameters")).remove(1));
    assertThat(changes).anyMatch(c -> c.kind().equals("parameter-removed") && c.breaking() && c.was().equals("query dry_run"));
  }

  @Test
  void aRenamedOperationIdBreaksUsersOfTheGeneratedClient() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) doc.at("/paths/~1things~1{id}/put")).put("operationId", "replaceThing"));
    assertThat(changes).anyMatch(c -> c.kind().equals("operation-id-changed") && c.breaking());
  }

  @Test
  void aNewGlobalSecurityRequirementBreaksEveryOperation() throws IOException {
    List<Change> changes = after(doc -> ((ArrayNode) doc.get("security")).removeAll().addObject().putArray("other"));
    assertThat(changes).anyMatch(c -> c.kind().equals("security-requirement-changed") && c.breaking()
        && c.was().equals("key") && c.now().equals("other"));
  }

  @Test
  void aRemovedServerBreaksUsersAndAnAddedOneDoesNot() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) doc.get("servers").get(0)).put("url", "https://api2.example.com"));
    assertThat(changes).extracting(Change::kind, Change::breaking)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("server-removed", true), org.assertj.core.groups.Tuple.tuple("server-added", false));
  }

  @Test
  void aSchemaMovedInlineWithTheSameRulesIsNoChange() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) schema(doc, "Thing").get("properties")).set("kind", schema(doc, "Kind").deepCopy()));
    assertThat(changes).isEmpty();
  }

  @Test
  void aPropertyNamedDescriptionIsAPropertyNotDocumentation() throws IOException {
    List<Change> changes = after(doc -> ((ObjectNode) schema(doc, "Thing").at("/properties/extra")).putObject("properties")
        .putObject("description").put("type", "string"));
    assertThat(changes).anyMatch(c -> c.kind().equals("property-added") && c.now().equals("description"));
  }
}
