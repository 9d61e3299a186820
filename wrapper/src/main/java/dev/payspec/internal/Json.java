package dev.payspec.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Set;

/**
 * The wrapper's two Jackson mappers, configured alike (unknown properties accepted, dates as ISO
 * 8601 text): one without and one with {@code java.time} support. Why two: Jackson's
 * {@code JavaTimeModule} loads about 75 classes when it is registered, a cost every client would
 * pay at start-up although only the APIs whose specs hold dates (Stancer v2) need it; the mapper
 * with it is made on first use. Thread-safe once configured. Not part of the public API.
 */
public final class Json {

  /** For trees, and for the models of APIs whose specs hold no date. */
  public static final ObjectMapper PLAIN = configured(new ObjectMapper());

  private static final Set<String> DATE_FORMATS = Set.of("date", "date-time", "time");

  private Json() {
  }

  /** For the models of APIs whose specs hold dates; made on first use. */
  public static ObjectMapper withDates() {
    return WithDates.MAPPER;
  }

  /** The mapper for a spec: {@link #withDates()} if one of its schemas has a date or time format. */
  static ObjectMapper forSpec(JsonNode root) {
    return holdsDates(root) ? withDates() : PLAIN;
  }

  private static boolean holdsDates(JsonNode node) {
    if (node.isObject() && node.path("format").isTextual() && DATE_FORMATS.contains(node.path("format").asText())) {
      return true;
    }
    for (JsonNode child : node) {
      if (child.isContainerNode() && holdsDates(child)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectMapper configured(ObjectMapper mapper) {
    return mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private static final class WithDates {
    static final ObjectMapper MAPPER = configured(new ObjectMapper()).registerModule(new JavaTimeModule());
  }
}
