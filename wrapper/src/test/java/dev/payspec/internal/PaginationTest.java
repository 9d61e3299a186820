package dev.payspec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.payspec.Page;
import dev.payspec.ValidationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A list operation that pages ({@code start}/{@code limit} with {@code range.has_more}), against a
 * real local server that pages for real: pages are fetched lazily, each with the caller's filters,
 * and the iteration stops after the last one. The spec is a test bundle, {@code openapi/paged-test.json}.
 */
class PaginationTest {

  private static final int TOTAL = 5;

  record Item(String id) {}

  /** The arguments of a generated service method, by the spec's names. */
  private static Arguments args(Integer start, Integer limit, String q) {
    return Arguments.none().with("start", start).with("limit", limit).with("q", q);
  }

  private HttpServer server;
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
  private Operation<JsonNode> list;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/items", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      queries.add(query);
      int start = Integer.parseInt(param(query, "start", "0"));
      int limit = Integer.parseInt(param(query, "limit", "10"));
      int end = Math.min(TOTAL, start + limit);
      String items = IntStream.range(start, end).mapToObj(i -> "{\"id\":\"item_" + i + "\"}").collect(Collectors.joining(","));
      byte[] body = ("{\"items\":[" + items + "],\"range\":{\"start\":" + start + ",\"end\":" + end + ",\"limit\":" + limit
          + ",\"count\":" + TOTAL + ",\"has_more\":" + (end < TOTAL) + "}}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Transport transport = new Transport(new HttpSettings("test", URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        Duration.ofSeconds(2), Duration.ofSeconds(2), 0, null, "user", "secret", null, false), body -> ErrorBody.EMPTY);
    list = new ApiRuntime("paged-test", transport, null).operation("listItems", JsonNode.class);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static String param(String query, String name, String otherwise) {
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return otherwise;
  }

  @Test
  void aPageHoldsItsItemsAndOnlyItIsFetched() {
    Page<Item> page = list.page(Item.class, args(null, 2, "a b"));

    assertThat(page.items()).containsExactly(new Item("item_0"), new Item("item_1"));
    assertThat(page.hasMore()).isTrue();
    assertThat(page.start()).isZero();
    assertThat(queries).containsExactly("limit=2&q=a%20b");
  }

  @Test
  void autoPagingFetchesEachPageWhenReachedWithTheCallersFiltersAndStopsAfterTheLast() {
    List<String> ids = new ArrayList<>();
    for (Item item : list.page(Item.class, args(null, 2, "a b")).autoPaging()) {
      ids.add(item.id());
      // Lazy: the page of an item is fetched only when the previous page is used up.
      assertThat(queries).hasSize(Integer.parseInt(item.id().substring(5)) / 2 + 1);
    }

    assertThat(ids).containsExactly("item_0", "item_1", "item_2", "item_3", "item_4");
    assertThat(queries).containsExactly("limit=2&q=a%20b", "start=2&limit=2&q=a%20b", "start=4&limit=2&q=a%20b");
  }

  @Test
  void aStreamFetchesOnlyThePagesItConsumes() {
    assertThat(list.page(Item.class, args(1, 2, null)).stream().limit(3).map(Item::id)).containsExactly("item_1", "item_2", "item_3");
    assertThat(queries).containsExactly("start=1&limit=2", "start=3&limit=2");
  }

  @Test
  void theFiltersAreCheckedAgainstTheSpecBeforeAnyPageIsFetched() {
    assertThatThrownBy(() -> list.page(Item.class, args(-1, 500, "x".repeat(11))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit: must be at most 100")
        .hasMessageContaining("start: must be at least 0")
        .hasMessageContaining("q: must be at most 10 characters long");
    assertThat(queries).isEmpty();
  }
}
