package dev.payspec.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The rules of one spec with their samples, read from {@code rule-samples.yaml}. */
public record RuleSamples(String rule, String schema, String field, List<JsonNode> valid, List<JsonNode> invalid) {

  public static List<RuleSamples> of(String api) {
    JsonNode all;
    try (InputStream in = RuleSamples.class.getResourceAsStream("/rule-samples.yaml")) {
      all = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<RuleSamples> rules = new ArrayList<>();
    for (JsonNode rule : all.path(api)) {
      rules.add(new RuleSamples(
          rule.path("rule").asText(),
          rule.path("schema").asText(),
          rule.path("field").asText(),
          list(rule.path("valid")),
          list(rule.path("invalid"))));
    }
    if (rules.isEmpty()) {
      throw new IllegalStateException("rule-samples.yaml lists no rule for " + api);
    }
    return rules;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> samples = new ArrayList<>();
    array.forEach(samples::add);
    return samples;
  }
}
