package dev.payspec.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.payspec.ValidationException;
import dev.payspec.specs.BundledSpec;
import dev.payspec.stancer.StancerClient;
import dev.payspec.stancer.generated.model.CustomerCreateRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The maintainers' path (run by tools/maintainer-path.sh, never in the normal build): the spec copy
 * has a new operation with query parameters (listCustomers, paged by start/limit) and a new field
 * (nickname), added by tools/maintainer-path/edit-spec.mjs. After a rebuild, with no Java written
 * for them, both are called as a user would, through the wrapper: against Prism of the edited
 * spec, and against a local server that pages for real.
 */
class MaintainerPathTest {

  @RegisterExtension
  static PrismMock stancerMock = PrismMock.of("stancer");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theNewOperationAndFieldAreCalledThroughTheWrapperOnPrism() {
    StancerClient stancer = StancerClient.builder().apiKey(WrapperOnPrismTest.STANCER_KEY)
        .baseUrl(stancerMock.baseUri().toString()).maxRetries(0).build();

    var page = stancer.customers().list(0, 10, "david@example.net");
    assertThat(page.items()).isNotEmpty();
    assertThat(page.hasMore()).isFalse();

    var created = stancer.customers().create(new CustomerCreateRequest().email("david@example.net").nickname("Dave"));
    assertThat(created.getId()).startsWith("cust_");

    // The new rules come from the spec too, checked before anything is sent.
    assertThatThrownBy(() -> stancer.customers().create(new CustomerCreateRequest().email("david@example.net")
        .nickname("x".repeat(21)))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("nickname: must be at most 20 characters long");
    assertThatThrownBy(() -> stancer.customers().list(0, 500, null)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit: must be at most 100");
  }

  @Test
  void theNewListPagesLazilyWithTheCallersFiltersAgainstAServerThatPages() throws Exception {
    BundledSpec spec = BundledSpec.load("stancer");
    JsonNode customer = spec.operations().stream().filter(o -> o.id().equals("getCustomer")).findFirst().map(o ->
        spec.firstExample(o.node().path("responses").properties().stream()
            .filter(r -> r.getKey().startsWith("2")).findFirst().orElseThrow().getValue())).orElseThrow();
    int total = 5;
    List<String> queries = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/customers/", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      queries.add(query);
      int start = Integer.parseInt(param(query, "start", "0"));
      int limit = Integer.parseInt(param(query, "limit", "10"));
      int end = Math.min(total, start + limit);
      ObjectNode answer = JSON.createObjectNode();
      ArrayNode customers = answer.putArray("customers");
      for (int i = start; i < end; i++) {
        customers.add(((ObjectNode) customer.deepCopy()).put("id", "cust_maintainerPath00000000" + i).put("nickname", "n" + i));
      }
      answer.putObject("range").put("start", start).put("end", end).put("limit", limit).put("count", total)
          .put("has_more", end < total);
      byte[] body = JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      StancerClient stancer = StancerClient.builder().apiKey(WrapperOnPrismTest.STANCER_KEY)
          .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1").build();

      List<String> nicknames = new ArrayList<>();
      for (var one : stancer.customers().list(null, 2, "david@example.net").autoPaging()) {
        nicknames.add(one.getNickname());
      }

      assertThat(nicknames).containsExactly("n0", "n1", "n2", "n3", "n4");
      assertThat(queries).containsExactly("limit=2&email=david%40example.net", "start=2&limit=2&email=david%40example.net",
          "start=4&limit=2&email=david%40example.net");
    } finally {
      server.stop(0);
    }
  }

  private static String param(String query, String name, String otherwise) {
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return otherwise;
  }
}
