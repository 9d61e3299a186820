package dev.payspec.stancer;

import dev.payspec.ConflictException;
import dev.payspec.NotFoundException;
import dev.payspec.ValidationException;
import dev.payspec.Violation;
import dev.payspec.internal.EmailAddresses;
import dev.payspec.internal.RequestValidator;
import dev.payspec.internal.Transport;
import dev.payspec.stancer.generated.api.CustomersApi;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import dev.payspec.stancer.generated.model.CustomerUpdateRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stancer's customers. Every request is checked against the spec's rules before it is sent: a
 * broken rule throws {@link ValidationException} and nothing reaches Stancer.
 */
public final class StancerCustomers {

  private static final String ID_RULE = "must be cust_ followed by 24 characters (29 in all)";

  private static final RequestValidator<CustomerCreateRequest> CREATE = new RequestValidator<>(Map.of(), List.of(
      (request, report) -> {
        if (request.getEmail() == null && request.getMobile() == null) {
          report.accept(new Violation("email", "email or mobile is required: a new customer needs at least one of them"));
        }
      },
      (request, report) -> checkEmail(CustomerCreateRequest.class, request.getEmail(), report)));
  private static final RequestValidator<CustomerUpdateRequest> UPDATE = new RequestValidator<>(Map.of(), List.of(
      (request, report) -> checkEmail(CustomerUpdateRequest.class, request.getEmail(), report)));

  // The spec's email format as its mock checks it; the generated @Email alone lets david@coaster
  // through. Reported only when the annotation passed, so that one address gives one violation.
  private static void checkEmail(Class<?> model, String email, Consumer<Violation> report) {
    if (email != null && !EmailAddresses.isEmailAddress(email) && RequestValidator.keepsAnnotations(model, "email", email)) {
      report.accept(new Violation("email", EmailAddresses.RULE));
    }
  }

  private final CustomersApi api;
  private final Transport transport;

  StancerCustomers(Transport transport) {
    this.api = transport.target(CustomersApi.class);
    this.transport = transport;
  }

  /**
   * Creates a customer; {@code email} or {@code mobile} is required. Never retried once it may
   * have reached Stancer.
   *
   * @throws ConflictException when an identical customer exists; {@link ConflictException#getExistingId()} names it
   */
  public Customer create(CustomerCreateRequest request) {
    CREATE.check("POST", transport.fullPath("/customers/"), request);
    return api.createCustomer(request);
  }

  /**
   * Settles a create whose outcome is unknown (a {@link dev.payspec.ConnectionException} with
   * {@code isRequestSent()}) without creating a duplicate: sends the same request again. If the
   * first one reached Stancer, Stancer answers 409 naming the customer it created (it does so when
   * name, email, mobile and external id all equal an existing customer's), which is then returned;
   * otherwise this one creates it. Pass the very same request: with any field changed Stancer
   * creates a second customer. Giving each create an {@code external_id} of your own makes the match
   * yours alone.
   *
   * @return the customer, created by the first request or by this one
   * @throws ConflictException when Stancer answers 409 without naming the existing customer
   */
  public Customer createOrFindExisting(CustomerCreateRequest request) {
    try {
      return create(request);
    } catch (ConflictException existing) {
      if (existing.getExistingId().isEmpty()) {
        throw existing;
      }
      return retrieve(existing.getExistingId().get());
    }
  }

  /**
   * The customer with this id.
   *
   * @throws NotFoundException when there is none in the key's mode
   */
  public Customer retrieve(String id) {
    checkId("GET", id);
    return api.getCustomer(id);
  }

  /**
   * Changes the fields set in {@code request}, and only those. Stancer answers 204, or 200 with the
   * customer; both are a success.
   */
  public void update(String id, CustomerUpdateRequest request) {
    String path = checkId("PATCH", id);
    UPDATE.check("PATCH", path, request);
    api.updateCustomer(id, request);
  }

  /** Deletes the customer. */
  public void delete(String id) {
    checkId("DELETE", id);
    api.deleteCustomer(id);
  }

  private String checkId(String method, String id) {
    // The same path as an exception from the wire names, base path included.
    String path = transport.fullPath("/customers/" + id);
    // The id rule (length and pattern) is the one the generator read from the spec onto Customer.id.
    RequestValidator.checkValue(method, path, Customer.class, "id", "id", id, ID_RULE);
    return path;
  }
}
