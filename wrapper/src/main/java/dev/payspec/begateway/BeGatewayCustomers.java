package dev.payspec.begateway;

import dev.payspec.NotFoundException;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.begateway.generated.api.CustomersApi;
import dev.payspec.begateway.generated.model.Customer;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import dev.payspec.internal.RequestRule;
import dev.payspec.internal.RequestValidator;
import dev.payspec.internal.Transport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * beGateway's customers. Every request is checked against the spec's rules before it is sent: a
 * broken rule throws {@link ValidationException} and nothing reaches beGateway.
 */
public final class BeGatewayCustomers {

  private static final Pattern US_ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
  private static final Set<String> COUNTRIES_WITH_STATES = Set.of("US", "CA");
  private static final String ID_RULE = "must be cst_ followed by 16 lower-case hexadecimal digits";

  // The rules the spec states with if/then, which the generated annotations do not carry. (The ip
  // rule is the spec's pattern, which the generated @Pattern carries.)
  private static final List<RequestRule<CustomerCreateRequest>> RULES = List.of(
      (request, report) -> {
        if ("US".equals(request.getCountry()) && request.getZip() != null && !US_ZIP.matcher(request.getZip()).matches()) {
          report.accept(new Violation("zip", "must be NNNNN or NNNNN-NNNN when country is US"));
        }
      },
      (request, report) -> {
        if (request.getCountry() != null && COUNTRIES_WITH_STATES.contains(request.getCountry()) && request.getState() == null) {
          report.accept(new Violation("state", "is required when country is US or CA"));
        }
      });

  private static final RequestValidator<CustomerCreateRequest> CREATE = new RequestValidator<>(Map.of(
      "ip", "must be an IPv4 or IPv6 address",
      "country", "must be an ISO 3166-1 alpha-2 country code in upper case, such as US or BY",
      "state", "must be two upper-case letters, such as CO"), RULES);

  private final CustomersApi api;

  BeGatewayCustomers(Transport transport) {
    this.api = transport.target(CustomersApi.class);
  }

  /** Creates a customer; {@code email} and {@code ip} are required. Never retried once it may have reached beGateway. */
  public Customer create(CustomerCreateRequest request) {
    CREATE.check("POST", "/customers", request);
    return api.createCustomer(request);
  }

  /**
   * The customer with this id.
   *
   * @throws NotFoundException when the shop has none
   */
  public Customer retrieve(String id) {
    String path = "/customers/" + id;
    // The id rule is the one the generator read from the spec onto Customer.id.
    RequestValidator.checkValue("GET", path, Customer.class, "id", "id", id, ID_RULE);
    return api.getCustomer(id);
  }

  /** All the shop's customers (beGateway documents no pagination). */
  public List<Customer> list() {
    return api.listCustomers();
  }
}
