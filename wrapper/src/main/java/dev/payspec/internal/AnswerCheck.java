package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks the body of a success against the spec before it is decoded. Not part of the public API. */
@FunctionalInterface
interface AnswerCheck {

  /**
   * What makes {@code body} unusable (null, another shape, a required property missing), or null
   * when it is usable; reports, without failing, what the spec does not know.
   */
  String problem(JsonNode body, String method, String path);

  /**
   * Whether {@code body} is usable with nothing to report, judged without building a tree; false
   * when unsure, and the body is then judged by {@link #problem}. True only where {@link #problem}
   * would find nothing.
   */
  default boolean plainlyHolds(byte[] body) {
    return false;
  }
}
