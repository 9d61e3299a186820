package dev.payspec.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the fake received, as it arrived: for a test to assert what its code sent.
 *
 * @param operationId the spec's operation it matched, or {@code null} when none did
 * @param method the HTTP method
 * @param path the decoded path, without the query
 * @param query the decoded query parameters
 * @param headers the headers, names in lower case
 * @param body the body as text, empty when there was none
 */
public record RecordedRequest(String operationId, String method, String path, Map<String, List<String>> query,
    Map<String, List<String>> headers, String body) {

  public RecordedRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (name in any case). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a query parameter. */
  public Optional<String> queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Without the body or the credentials, which may be personal or secret. */
  @Override
  public String toString() {
    return "RecordedRequest[" + (operationId == null ? "(no operation)" : operationId) + " " + method + " " + path
        + (query.isEmpty() ? "" : " with " + query.keySet()) + ", body " + body.length() + " characters]";
  }
}
