package dev.payspec.begateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payspec.begateway.generated.model.Customer;
import dev.payspec.begateway.generated.model.CustomerCreateRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link BeGatewayCustomers} offers beyond the spec's operations, written once by hand on top
 * of them. The generated service extends it (the generator extends a service with its
 * {@code <Service>Extras} class when one exists beside the client).
 */
public abstract class BeGatewayCustomersExtras {

  BeGatewayCustomersExtras() {
  }

  /** The spec's list, as the generated service sends it. */
  public abstract List<Customer> list();

  /**
   * The shop's customers that match every field set in {@code request}: how to settle a create whose
   * outcome is unknown (a {@link dev.payspec.ConnectionException} with {@code isRequestSent()})
   * without creating a duplicate. Look first; create again only when nothing matches. beGateway
   * offers no idempotency key for customers, so a lookup is the only safe way; it reads the whole
   * list, as beGateway documents no search for customers. Every field the request sets is compared
   * as JSON, so a field the spec adds later takes part with no change here.
   */
  public List<Customer> findMatching(CustomerCreateRequest request) {
    Objects.requireNonNull(request, "request is null: pass the request whose create may have happened");
    // The models' own mapper: a date field the spec may add later is compared as the wire writes it.
    ObjectMapper json = dev.payspec.internal.Json.MAPPER;
    JsonNode wanted = json.valueToTree(request);
    List<Customer> matching = new ArrayList<>();
    for (Customer customer : list()) {
      JsonNode candidate = json.valueToTree(customer);
      boolean same = true;
      for (Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields(); fields.hasNext() && same; ) {
        Map.Entry<String, JsonNode> field = fields.next();
        same = field.getValue().isNull() || field.getValue().equals(candidate.get(field.getKey()));
      }
      if (same) {
        matching.add(customer);
      }
    }
    return matching;
  }
}
