package dev.payspec.stancer;

import dev.payspec.ConflictException;
import dev.payspec.stancer.generated.model.Customer;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;

/**
 * What {@link StancerCustomers} offers beyond the spec's operations, written once by hand on top of
 * them. The generated service extends it (the generator extends a service with its
 * {@code <Service>Extras} class when one exists beside the client), so these calls sit with the
 * generated ones.
 */
public abstract class StancerCustomersExtras {

  StancerCustomersExtras() {
  }

  /** The spec's create, as the generated service sends it. */
  public abstract Customer create(CustomerCreateRequest request);

  /** The spec's get, as the generated service sends it. */
  public abstract Customer retrieve(String customerId);

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
}
