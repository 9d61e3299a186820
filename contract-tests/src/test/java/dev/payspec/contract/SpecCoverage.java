package dev.payspec.contract;

import dev.payspec.specs.BundledSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which operations of the specs, and which of their documented response codes, the contract tests
 * exercised: every exchange through a {@link PrismMock} is recorded here.
 */
final class SpecCoverage {

  /** One documented response of one operation, and whether some exchange produced it. */
  record Line(String api, String operationId, String method, String path, String code, boolean covered) {}

  private record Exchange(String api, String method, String path, int status) {}

  private static final Set<Exchange> EXCHANGES = ConcurrentHashMap.newKeySet();

  private SpecCoverage() {}

  static void record(String api, String method, String path, int status) {
    EXCHANGES.add(new Exchange(api, method.toUpperCase(), path, status));
  }

  /** Every documented response code of every operation of the given specs. */
  static List<Line> lines(List<String> apis) {
    List<Line> lines = new ArrayList<>();
    for (String api : apis) {
      BundledSpec spec = BundledSpec.load(api);
      for (BundledSpec.Operation operation : spec.operations()) {
        Pattern template = Pattern.compile("^" + operation.path().replaceAll("\\{[^}]+}", "[^/]+") + "$");
        String method = operation.method().toUpperCase();
        Set<Integer> seen = new HashSet<>();
        for (Exchange exchange : EXCHANGES) {
          if (exchange.api().equals(api) && exchange.method().equals(method) && template.matcher(exchange.path()).matches()) {
            seen.add(exchange.status());
          }
        }
        Set<String> codes = new HashSet<>();
        operation.node().path("responses").fieldNames().forEachRemaining(codes::add);
        for (String code : codes) {
          lines.add(new Line(api, operation.id(), method, operation.path(), code,
              seen.stream().anyMatch(status -> matches(code, status, codes))));
        }
      }
    }
    lines.sort((a, b) -> (a.api() + a.path() + a.method() + a.code()).compareTo(b.api() + b.path() + b.method() + b.code()));
    return lines;
  }

  /** Whether {@code status} is the documented {@code code}: exact, a range such as 2XX, or default for any status no other code names. */
  private static boolean matches(String code, int status, Set<String> documented) {
    if (code.equals("default")) {
      return documented.stream().noneMatch(other -> !other.equals("default") && matches(other, status, documented));
    }
    if (code.endsWith("XX")) {
      return status / 100 == code.charAt(0) - '0';
    }
    return Integer.parseInt(code) == status;
  }
}
