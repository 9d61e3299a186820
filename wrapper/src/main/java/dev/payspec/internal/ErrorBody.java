package dev.payspec.internal;

import java.util.List;
import java.util.Map;

/** What a provider's error body says, read leniently: any part may be null or empty. Not part of the public API. */
public record ErrorBody(String type, String message, String existingId, Map<String, List<String>> fieldErrors) {

  public static final ErrorBody EMPTY = new ErrorBody(null, null, null, Map.of());
}
