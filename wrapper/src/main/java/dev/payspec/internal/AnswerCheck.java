package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/** Checks the body of a success against the spec before it is decoded. Not part of the public API. */
@FunctionalInterface
interface AnswerCheck {

  /**
   * What makes {@code body} unusable (null, another shape, a required property missing), or null
   * when it is usable; reports, without failing, what the spec does not know.
   */
  String problem(JsonNode body, String method, String path);

  /**
   * The answer bound by {@code reader} when {@code body} is usable with nothing to report, judged
   * while it is bound (no tree); {@link ShapeCheck#NOT_PLAINLY} when unsure, and the body is then
   * judged by {@link #problem}. A value only where {@link #problem} would find nothing.
   */
  default Object readIfPlainlyHolds(byte[] body, ObjectReader reader) {
    return ShapeCheck.NOT_PLAINLY;
  }
}
