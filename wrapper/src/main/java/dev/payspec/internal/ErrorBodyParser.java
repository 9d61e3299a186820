package dev.payspec.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one provider's error envelope. Not part of the public API. */
@FunctionalInterface
public interface ErrorBodyParser {

  /** Reads what it can of a parsed body; never throws for an unexpected shape. */
  ErrorBody parse(JsonNode body);
}
