package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.payspec.specs.BundledSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming judgement of an answer's shape (no tree; the fast path of every successful call)
 * agrees with the tree's: every realistic success answer of every spec holds both ways, and every
 * broken variant of it (a required property gone, null where an object is due, another type) is
 * refused by the stream wherever the tree finds a problem, so the words still come from the tree.
 */
class ShapeCheckStreamingTest {

  static Stream<BundledSpec.Answer> successAnswers() {
    return BundledSpec.apis().stream().flatMap(api -> BundledSpec.load(api).realisticAnswers().stream())
        .filter(BundledSpec.Answer::success);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("successAnswers")
  void theStreamAgreesWithTheTreeOnEveryAnswerAndEveryBreakageOfIt(BundledSpec.Answer answer) {
    ShapeCheck shape = ShapeCheck.of(SpecDocument.of(answer.api()), answer.schemaPointer());

    assertThat(streamed(shape, answer.value())).as("the realistic answer holds, read as a stream").isTrue();
    assertThat(shape.problem(answer.value(), "")).isNull();

    List<JsonNode> broken = breakages(answer.value());
    assertThat(broken).as("some breakage to try").isNotEmpty();
    for (JsonNode variant : broken) {
      String problem = shape.problem(variant, "");
      boolean streamed = streamed(shape, variant);
      assertThat(streamed).as("%s: stream says %s, tree says %s", variant, streamed, problem).isEqualTo(problem == null);
    }
  }

  @org.junit.jupiter.api.Test
  void aModelBoundThroughTheJudgementSkipsUnknownPropertiesAndStillSeesWhatFollowsThem() {
    ShapeCheck shape = ShapeCheck.of(SpecDocument.of("stancer"), "/components/schemas/Customer");
    com.fasterxml.jackson.databind.ObjectReader reader = SpecDocument.of("stancer").json()
        .readerFor(dev.payspec.stancer.generated.model.Customer.class);
    // Unknown nested values come before the required "created": Jackson skips them through the same parser.
    String known = "{\"id\":\"cust_9Cle7TXKkjhwqcWx4Kl5cQYk\",\"extra\":{\"a\":[1,{\"b\":[2,3]}],\"c\":null},"
        + "\"tags\":[[\"x\"]],\"created\":1538562174}";

    Object read = shape.read(known.getBytes(StandardCharsets.UTF_8), reader);

    assertThat(read).isInstanceOfSatisfying(dev.payspec.stancer.generated.model.Customer.class, customer -> {
      assertThat(customer.getId()).isEqualTo("cust_9Cle7TXKkjhwqcWx4Kl5cQYk");
      assertThat(customer.getCreated()).isNotNull();
    });
    String createdMissing = "{\"id\":\"cust_9Cle7TXKkjhwqcWx4Kl5cQYk\",\"extra\":{\"created\":1538562174}}";
    assertThat(shape.read(createdMissing.getBytes(StandardCharsets.UTF_8), reader))
        .as("a required property seen only inside an unknown value is still missing").isSameAs(ShapeCheck.NOT_PLAINLY);
    String createdText = "{\"id\":\"cust_9Cle7TXKkjhwqcWx4Kl5cQYk\",\"created\":\"yesterday\"}";
    assertThat(shape.read(createdText.getBytes(StandardCharsets.UTF_8), reader)).isSameAs(ShapeCheck.NOT_PLAINLY);
  }

  /** The value with, in turn, each property of its first object removed, made null, and made a text. */
  private static List<JsonNode> breakages(JsonNode value) {
    List<JsonNode> variants = new ArrayList<>();
    variants.add(com.fasterxml.jackson.databind.node.NullNode.getInstance());
    variants.add(TextNode.valueOf("not the shape"));
    ObjectNode object = value.isObject() ? (ObjectNode) value
        : value.isArray() && value.size() > 0 && value.get(0).isObject() ? (ObjectNode) value.get(0) : null;
    if (object == null) {
      return variants;
    }
    object.fieldNames().forEachRemaining(name -> {
      for (JsonNode replacement : new JsonNode[] {null, com.fasterxml.jackson.databind.node.NullNode.getInstance(),
          TextNode.valueOf("x"), Json.PLAIN.createArrayNode()}) {
        JsonNode copy = value.deepCopy();
        ObjectNode target = copy.isObject() ? (ObjectNode) copy : (ObjectNode) ((ArrayNode) copy).get(0);
        if (replacement == null) {
          target.remove(name);
        } else {
          target.set(name, replacement);
        }
        variants.add(copy);
      }
    });
    return variants;
  }

  /**
   * The judgement made while the answer is bound. Bound here as a tree, which reads every token
   * (a model class skips unknown properties, through the same parser: {@code AnswerChecksTest}
   * reads the real models); the value bound is the answer itself when it holds.
   */
  private static boolean streamed(ShapeCheck shape, JsonNode value) {
    Object read = shape.read(bytes(value), Json.PLAIN.readerFor(JsonNode.class));
    if (read != ShapeCheck.NOT_PLAINLY) {
      assertThat(read).isEqualTo(value);
    }
    return read != ShapeCheck.NOT_PLAINLY;
  }

  private static byte[] bytes(JsonNode value) {
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }
}
