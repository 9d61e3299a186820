package dev.payspec.begateway;

import dev.payspec.NotFoundException;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.begateway.generated.api.CustomersApi;
import dev.payspec.begateway.generated.model.Customer;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import dev.payspec.internal.EmailAddresses;
import dev.payspec.internal.RequestRule;
import dev.payspec.internal.RequestValidator;
import dev.payspec.internal.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
  // The spec states no id format (only the examples show cst_ and 16 hex digits): only a missing id is refused.
  private static final String ID_RULE = "must be a customer id, such as cst_7aee5afb954c7ef7";

  // The rules the spec states with if/then and anyOf, which the generated annotations do not carry.
  private static final List<RequestRule<CustomerCreateRequest>> RULES = List.of(
      (request, report) -> {
        // The spec's email format as its mock checks it; the generated @Email alone lets david@example
        // through. Reported only when the annotation passed, so that one address gives one violation.
        if (request.getEmail() != null && !EmailAddresses.isEmailAddress(request.getEmail())
            && RequestValidator.keepsAnnotations(CustomerCreateRequest.class, "email", request.getEmail())) {
          report.accept(new Violation("email", EmailAddresses.RULE));
        }
      },
      (request, report) -> {
        if (request.getIp() != null && !IpAddresses.isIpAddress(request.getIp())) {
          report.accept(new Violation("ip", "must be an IPv4 or IPv6 address"));
        }
      },
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
      "country", "must be an ISO 3166-1 alpha-2 code: two upper-case letters, such as US or BY",
      "state", "must be two letters, such as CO"), RULES);

  private final CustomersApi api;
  private final Transport transport;

  BeGatewayCustomers(Transport transport) {
    this.api = transport.target(CustomersApi.class);
    this.transport = transport;
  }

  /**
   * Creates a customer; {@code email} and {@code ip} are required. beGateway has no idempotency
   * key for customers, so a create is never retried once it may have reached beGateway: a retry
   * could create a duplicate.
   */
  public Customer create(CustomerCreateRequest request) {
    CREATE.check("POST", transport.fullPath("/customers"), request);
    return api.createCustomer(request);
  }

  /**
   * The customer with this id.
   *
   * @throws NotFoundException when the shop has none
   */
  public Customer retrieve(String id) {
    String path = transport.fullPath("/customers/" + id);
    // The id rule is the one the generator read from the spec onto Customer.id.
    RequestValidator.checkValue("GET", path, Customer.class, "id", "id", id, ID_RULE);
    return api.getCustomer(id);
  }

  /**
   * The shop's customers that match every field set in {@code request}: how to settle a create whose
   * outcome is unknown (a {@link dev.payspec.ConnectionException} with {@code isRequestSent()})
   * without creating a duplicate. Look first; create again only when nothing matches. beGateway
   * offers no idempotency key for customers, so a lookup is the only safe way; it reads the whole
   * list, as beGateway documents no search for customers.
   */
  public List<Customer> findMatching(CustomerCreateRequest request) {
    Objects.requireNonNull(request, "request is null: pass the request whose create may have happened");
    List<Customer> matching = new ArrayList<>();
    for (Customer customer : list()) {
      if (same(request.getEmail(), customer.getEmail()) && same(request.getIp(), customer.getIp())
          && same(request.getFirstName(), customer.getFirstName()) && same(request.getLastName(), customer.getLastName())
          && same(request.getAddress(), customer.getAddress()) && same(request.getCity(), customer.getCity())
          && same(request.getCountry(), customer.getCountry()) && same(request.getZip(), customer.getZip())
          && same(request.getState(), customer.getState()) && same(request.getPhone(), customer.getPhone())) {
        matching.add(customer);
      }
    }
    return matching;
  }

  /** A field left unset in the request matches anything; text matches whatever its case (the provider may normalise it). */
  private static boolean same(Object requested, Object stored) {
    if (requested == null) {
      return true;
    }
    return requested instanceof String text && stored instanceof String other ? text.equalsIgnoreCase(other)
        : requested.equals(stored);
  }

  /** All the shop's customers (beGateway documents no pagination). */
  public List<Customer> list() {
    return api.listCustomers();
  }
}
