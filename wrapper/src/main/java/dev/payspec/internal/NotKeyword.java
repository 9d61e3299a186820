package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.BaseJsonValidator;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonValidator;
import com.networknt.schema.Keyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.ValidatorTypeCode;
import java.util.Collections;
import java.util.Set;

/**
 * JSON Schema's {@code not}, as networknt's validator checks it, but without writing the whole
 * negated schema out as text each time it fails. Why: the specs say "email or mobile" as
 * {@code if: {not: {required: [email]}}}, so every valid create request with an email fails that
 * {@code not}; networknt (1.5.9) then serialises the negated schema for a message that the
 * {@code if} throws away, which measured about 3 µs per create call. Here the text is made only
 * when a message is read. The verdicts are networknt's own: the negated schema is its compiled
 * schema.
 */
final class NotKeyword implements Keyword {

  @Override
  public String getValue() {
    return "not";
  }

  @Override
  public JsonValidator newValidator(SchemaLocation schemaLocation, JsonNodePath evaluationPath, JsonNode schemaNode,
      JsonSchema parentSchema, ValidationContext validationContext) {
    return new Validator(schemaLocation, evaluationPath, schemaNode, parentSchema, validationContext);
  }

  private static final class Validator extends BaseJsonValidator {

    private final JsonSchema negated;

    Validator(SchemaLocation schemaLocation, JsonNodePath evaluationPath, JsonNode schemaNode, JsonSchema parentSchema,
        ValidationContext validationContext) {
      super(schemaLocation, evaluationPath, schemaNode, parentSchema, ValidatorTypeCode.NOT, validationContext);
      this.negated = validationContext.newSchema(schemaLocation, evaluationPath, schemaNode, parentSchema);
    }

    @Override
    public Set<ValidationMessage> validate(ExecutionContext context, JsonNode node, JsonNode root, JsonNodePath at) {
      return check(context, node, root, at, false);
    }

    @Override
    public Set<ValidationMessage> walk(ExecutionContext context, JsonNode node, JsonNode root, JsonNodePath at,
        boolean validate) {
      if (validate && node != null) {
        return check(context, node, root, at, true);
      }
      return negated.walk(context, node, root, at, false);
    }

    private Set<ValidationMessage> check(ExecutionContext context, JsonNode node, JsonNode root, JsonNodePath at,
        boolean walk) {
      Set<ValidationMessage> errors;
      // A nested schema's failures never end the evaluation early: they are what "not" needs.
      boolean failFast = context.isFailFast();
      try {
        context.setFailFast(false);
        errors = walk ? negated.walk(context, node, root, at, true) : negated.validate(context, node, root, at);
      } finally {
        context.setFailFast(failFast);
      }
      if (!errors.isEmpty()) {
        return Collections.emptySet();
      }
      Object text = new Object() {
        @Override
        public String toString() {
          return negated.toString();
        }
      };
      return Collections.singleton(message().instanceNode(node).instanceLocation(at)
          .locale(context.getExecutionConfig().getLocale()).failFast(context.isFailFast()).arguments(text).build());
    }

    @Override
    public void preloadJsonSchema() {
      negated.initializeValidators();
    }
  }
}
