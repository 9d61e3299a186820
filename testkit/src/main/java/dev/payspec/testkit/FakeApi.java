package dev.payspec.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.payspec.testkit.ErrorStyle.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-JVM fake of one provider API, served on a loopback port from the bundled spec of that API:
 * <ul>
 *   <li>every operation of the spec is served; every request is checked against the spec (security,
 *       path and query parameters, body: the same JSON Schema rules as the spec), and one the spec
 *       refuses gets the provider's error status and body;
 *   <li>customers are kept: one created can be read, listed (with the spec's filters and paging),
 *       updated and deleted; ids follow the spec's pattern and are random, so no two fakes (nor two
 *       runs) hand out the same id;
 *   <li>a test scripts faults and answers with {@link #nextCall(String)} and reads what it received
 *       with {@link #requests()}.
 * </ul>
 * An operation is named by its operation id ({@code getCustomer}) or by the wrapper's method name
 * for it ({@code retrieve}); any other name is refused with the valid ones, so an assertion on a
 * misspelt name cannot pass by finding nothing. A scripted answer waits until a call uses it or
 * {@link #reset()}: with {@link FakeApiExtension} each test starts with none; without it, call
 * {@code reset()} before each test.
 *
 * <pre>{@code
 * try (FakeApi fake = FakeApi.start("stancer")) {
 *   StancerClient stancer = StancerClient.builder().apiKey("stest_...").baseUrl(fake.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 *
 * Built on the JDK's HTTP server and a JSON Schema 2020-12 validator; safe for concurrent calls.
 */
public final class FakeApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Whether a scripted body is JSON: one JSON value and nothing after it. */
  private static final ObjectReader STRICT_JSON = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Stancer v1 refuses a second customer whose name, email, mobile and external id all match. */
  private static final List<String> STANCER_V1_IDENTITY = List.of("name", "email", "mobile", "external_id");

  private final SpecDocument spec;
  private final ErrorStyle errors;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, IdGenerator> ids = new TreeMap<>();
  /** For a spec whose ids have no pattern: ids shaped like its example id. */
  private final IdGenerator exampleIds;
  private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
  private final Deque<NextCall> scripted = new ArrayDeque<>();
  private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
  private long clock = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
  /** Counts resets: a call received before the last one (a slow call of an earlier test) changes nothing. */
  private volatile long generation;

  private FakeApi(String api) {
    this.spec = SpecDocument.load(api);
    this.errors = ErrorStyle.of(api);
    for (SpecDocument.Operation operation : spec.operations) {
      idPattern(operation).ifPresent(pattern -> ids.computeIfAbsent(pattern, p -> new IdGenerator(p, true)));
    }
    this.exampleIds = spec.operations.stream().map(this::exampleOfPathParameter).filter(Objects::nonNull).findFirst()
        .map(IdGenerator::likeExample).orElse(null);
    try {
      this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("the fake " + api + " API could not open a loopback port", e);
    }
    this.executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "payspec-fake-" + api + "-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a fake of one API of the {@code payspec-specs} jar: {@code stancer}, {@code stancer-v2} or
   * {@code begateway}.
   */
  public static FakeApi start(String api) {
    Objects.requireNonNull(api, "api is null: pass the name of a spec, such as \"stancer\" or \"begateway\"");
    return new FakeApi(api);
  }

  /** The base URL to give a client: {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** The spec's name. */
  public String api() {
    return spec.api;
  }

  /**
   * Scripts the next call of one operation, named by its operation id ({@code getCustomer}) or the
   * wrapper's method name for it ({@code retrieve}).
   *
   * @throws IllegalArgumentException if the spec has no operation of that name (the message lists
   *     the valid names), or if the method name is that of two operations (give the id)
   */
  public NextCall nextCall(String operation) {
    return new NextCall(this, spec.operation(operation).id);
  }

  /** Scripts the next call, whatever its operation. */
  public NextCall nextCall() {
    return new NextCall(this, null);
  }

  /** Every request received since the start or the last {@link #reset()}, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(received);
  }

  /**
   * The requests of one operation, named as for {@link #nextCall(String)}: by its operation id or the
   * wrapper's method name for it.
   *
   * @throws IllegalArgumentException if the spec has no operation of that name (the message lists
   *     the valid names), or if the method name is that of two operations (give the id)
   */
  public List<RecordedRequest> requests(String operation) {
    String id = spec.operation(operation).id;
    return received.stream().filter(request -> id.equals(request.operationId())).toList();
  }

  /** The customers the fake holds, as JSON text by id, for a test to check or seed through the API. */
  public synchronized Map<String, String> customers() {
    Map<String, String> copy = new LinkedHashMap<>();
    customers.forEach((id, customer) -> copy.put(id, customer.toString()));
    return copy;
  }

  /**
   * Forgets every customer, scripted call and received request. A call received before, still
   * waiting out a scripted delay, then ends with its connection dropped and changes nothing.
   */
  public synchronized void reset() {
    generation++;
    customers.clear();
    scripted.clear();
    received.clear();
  }

  /** The scripted calls not used yet, as {@code createCustomer} (or {@code any operation}), one per call. */
  synchronized List<String> pendingScripts() {
    return scripted.stream().map(call -> call.operationId == null ? "any operation" : call.operationId).toList();
  }

  /** Forgets the scripted calls not used yet. */
  synchronized void discardScripts() {
    scripted.clear();
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeApi[" + spec.api + " at " + baseUrl() + "]";
  }

  synchronized FakeApi enqueue(NextCall call) {
    for (int i = 0; i < call.times; i++) {
      scripted.add(call);
    }
    return this;
  }

  private synchronized Optional<NextCall> takeScripted(String operationId) {
    for (Iterator<NextCall> it = scripted.iterator(); it.hasNext(); ) {
      NextCall call = it.next();
      if (call.operationId == null || call.operationId.equals(operationId)) {
        it.remove();
        return Optional.of(call);
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------
  // Serving a request

  /** An answer: a JSON body, or a scripted text served as given with its content type ({@code text} not null). */
  private record Answer(int status, JsonNode body, String text, String contentType) {
    Answer(int status, JsonNode body) {
      this(status, body, null, null);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getPath();
      Map<String, List<String>> query = query(exchange.getRequestURI());
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      long receivedIn = generation;
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Optional<SpecDocument.Match> match = spec.match(method, path);
      String operationId = match.map(m -> m.operation().id).orElse(null);
      received.add(new RecordedRequest(operationId, method, path, query, headers, body));

      Answer answer;
      if (match.isEmpty()) {
        answer = new Answer(spec.servesPath(path) ? 405 : 404,
            NODES.objectNode().put("error", "no operation of the " + spec.api + " spec serves " + method + " " + path));
      } else {
        Optional<NextCall> next = takeScripted(operationId);
        if (next.isPresent()) {
          sleep(next.get().delay.toMillis());
          if (next.get().action == NextCall.Action.DROP) {
            // The JDK's server closes the connection, with no answer, when a handler fails.
            throw new IllegalStateException("payspec testkit: connection dropped as scripted");
          }
        }
        if (next.isPresent() && next.get().action == NextCall.Action.RESPOND) {
          answer = scriptedAnswer(match.get().operation(), next.get());
        } else {
          answer = serve(match.get(), headers, query, body, receivedIn);
        }
      }
      send(exchange, answer);
    }
  }

  /** The content type of a scripted body the test gave none for: JSON when it is JSON, else HTML or plain text. */
  private static String contentTypeOf(String body) {
    try {
      STRICT_JSON.readTree(body);
      if (!body.isBlank()) {
        return "application/json";
      }
    } catch (IOException e) {
      // not JSON: served as text
    }
    return body.stripLeading().startsWith("<") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
  }

  private Answer scriptedAnswer(SpecDocument.Operation operation, NextCall call) {
    if (call.body != null) {
      return new Answer(call.status, null, call.body, call.contentType != null ? call.contentType : contentTypeOf(call.body));
    }
    JsonNode example = operation.response(call.status).map(operation::firstExample).orElse(null);
    if (example != null && call.conflictingId != null) {
      example = replaceIds(example, call.conflictingId);
    }
    return new Answer(call.status, example);
  }

  private Answer serve(SpecDocument.Match match, Map<String, List<String>> headers, Map<String, List<String>> query,
      String text, long receivedIn) {
    SpecDocument.Operation operation = match.operation();
    if (operation.secured() && !headers.containsKey("authorization")) {
      return new Answer(401, operation.response(401).map(operation::firstExample).orElse(null));
    }
    List<Violation> violations = new ArrayList<>();
    Map<String, String> pathValues = new LinkedHashMap<>();
    for (int i = 0; i < operation.pathParameters.size(); i++) {
      pathValues.put(operation.pathParameters.get(i),
          URLDecoder.decode(match.pathVariable(i).replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    Map<String, JsonNode> queryValues = new LinkedHashMap<>();
    for (SpecDocument.Parameter parameter : operation.parameters()) {
      String name = parameter.name();
      String in = parameter.in();
      JsonNode schema = parameter.node().path("schema");
      String raw = switch (in) {
        case "path" -> pathValues.get(name);
        case "query" -> query.containsKey(name) ? query.get(name).get(0) : null;
        case "header" -> headers.containsKey(name.toLowerCase(Locale.ROOT)) ? headers.get(name.toLowerCase(Locale.ROOT)).get(0) : null;
        default -> null;
      };
      if (raw == null) {
        if (parameter.node().path("required").asBoolean()) {
          violations.add(new Violation(in, name, "is required"));
        }
        continue;
      }
      JsonNode value = typed(raw, spec.deref(schema));
      for (ValidationMessage message : spec.validate(parameter.pointer() + "/schema", value)) {
        violations.add(new Violation(in, name, rule(message)));
      }
      if ("query".equals(in)) {
        queryValues.put(name, value);
      }
    }
    JsonNode body = null;
    if (operation.hasBody()) {
      JsonNode requestBody = spec.deref(operation.node.path("requestBody"));
      if (text.isBlank()) {
        if (requestBody.path("required").asBoolean()) {
          violations.add(new Violation("body", "", "a JSON body is required"));
        }
      } else {
        try {
          body = JSON.readTree(text);
          String pointer = operation.pointer() + "/requestBody/content/application~1json/schema";
          if (operation.node.path("requestBody").has("$ref")) {
            pointer = operation.node.path("requestBody").path("$ref").asText().substring(1)
                + "/content/application~1json/schema";
          }
          for (ValidationMessage message : spec.validate(pointer, body)) {
            violations.add(new Violation("body", field(message), rule(message)));
          }
        } catch (JsonProcessingException e) {
          violations.add(new Violation("body", "", "is not JSON: " + e.getOriginalMessage()));
        }
      }
    }
    if (!violations.isEmpty()) {
      return new Answer(errors.invalidStatus(operation), errors.invalid(violations));
    }
    synchronized (this) {
      if (generation != receivedIn) {
        // Received before a reset (a slow call of an earlier test): it must not touch this test's customers.
        throw new IllegalStateException("payspec testkit: a call received before reset() is dropped");
      }
      return behave(operation, pathValues, queryValues, body);
    }
  }

  /** What a provider does with a valid request, read from the shape of the operation. */
  private Answer behave(SpecDocument.Operation operation, Map<String, String> pathValues, Map<String, JsonNode> query,
      JsonNode body) {
    Map.Entry<Integer, JsonNode> success = operation.success();
    JsonNode schema = operation.schemaOf(success.getValue());
    boolean item = operation.path.endsWith("}");
    boolean collection = operation.pathParameters.isEmpty();
    String id = item ? pathValues.get(operation.pathParameters.get(operation.pathParameters.size() - 1)) : null;

    if (collection && "POST".equals(operation.method)) {
      ObjectNode customer = body == null ? NODES.objectNode() : body.deepCopy();
      if (operation.documents(409) && errors == ErrorStyle.STANCER_V1) {
        for (ObjectNode existing : customers.values()) {
          if (STANCER_V1_IDENTITY.stream().allMatch(field -> Objects.equals(existing.get(field), customer.get(field)))) {
            JsonNode conflict = operation.response(409).map(operation::firstExample).orElse(null);
            return new Answer(409, conflict == null ? null : replaceIds(conflict, existing.path("id").asText()));
          }
        }
      }
      complete(customer, schema);
      customers.put(customer.path("id").asText(), customer);
      return new Answer(success.getKey(), customer);
    }
    if (collection && "GET".equals(operation.method)) {
      List<ObjectNode> matching = customers.values().stream().filter(customer -> matches(customer, query)).toList();
      return new Answer(success.getKey(), page(schema, matching, query));
    }
    ObjectNode customer = customers.get(item ? id : pathValues.get(operation.pathParameters.get(0)));
    if (customer == null) {
      JsonNode notFound = operation.response(404).map(operation::firstExample).orElse(null);
      String exampleId = exampleOfPathParameter(operation);
      String requested = item ? id : pathValues.get(operation.pathParameters.get(0));
      if (notFound != null && exampleId != null) {
        notFound = replaceText(notFound, exampleId, requested);
      }
      return new Answer(404, notFound);
    }
    if (!item && "GET".equals(operation.method)) {
      // A list that belongs to the customer (its subscriptions, payment intents): the fake keeps none.
      return new Answer(success.getKey(), page(schema, List.of(), query));
    }
    switch (operation.method) {
      case "GET" -> {
        return new Answer(success.getKey(), customer);
      }
      case "PATCH", "PUT" -> {
        if (body != null) {
          body.fields().forEachRemaining(field -> customer.set(field.getKey(), field.getValue()));
        }
        return new Answer(success.getKey(), schema.isMissingNode() ? null : customer);
      }
      case "DELETE" -> {
        customers.remove(id);
        ObjectNode deleted = customer.deepCopy();
        if (schema.path("properties").has("deleted")) {
          deleted.put("deleted", true);
        }
        return new Answer(success.getKey(), schema.isMissingNode() ? null : deleted);
      }
      default -> {
        return new Answer(success.getKey(), schema.isMissingNode() ? null : customer);
      }
    }
  }

  /** Adds what the answer's schema requires and the request did not give: the id, timestamps, flags. */
  private void complete(ObjectNode customer, JsonNode schema) {
    JsonNode properties = schema.path("properties");
    properties.fields().forEachRemaining(property -> {
      JsonNode propertySchema = spec.deref(property.getValue());
      boolean required = false;
      for (JsonNode name : schema.path("required")) {
        required |= name.asText().equals(property.getKey());
      }
      if (customer.has(property.getKey()) || !(required || property.getKey().equals("id"))) {
        return;
      }
      customer.set(property.getKey(), synthesize(property.getKey(), propertySchema));
    });
  }

  private JsonNode synthesize(String name, JsonNode schema) {
    if (name.equals("id") && !schema.has("pattern") && exampleIds != null) {
      return TextNode.valueOf(exampleIds.next());
    }
    if (schema.has("pattern") && ids.containsKey(schema.path("pattern").asText())) {
      return TextNode.valueOf(ids.get(schema.path("pattern").asText()).next());
    }
    if (schema.has("pattern")) {
      return TextNode.valueOf(new IdGenerator(schema.path("pattern").asText(), false).next());
    }
    if (schema.has("default")) {
      return schema.get("default");
    }
    String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
    if (name.equals("created") || "date-time".equals(schema.path("format").asText())) {
      clock++;
      return "integer".equals(type) ? LongNode.valueOf(clock)
          : TextNode.valueOf(Instant.ofEpochSecond(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return switch (type) {
      case "boolean" -> NODES.booleanNode(false);
      case "integer", "number" -> IntNode.valueOf(0);
      case "array" -> NODES.arrayNode();
      case "object" -> NODES.objectNode();
      default -> TextNode.valueOf("");
    };
  }

  /** A list answer of the schema's shape: a bare array, or a page with its items and range. */
  private JsonNode page(JsonNode schema, List<ObjectNode> all, Map<String, JsonNode> query) {
    if ("array".equals(schema.path("type").asText())) {
      ArrayNode array = NODES.arrayNode();
      all.forEach(array::add);
      return array;
    }
    String itemsName = schema.path("x-payspec-pagination").path("items").asText(null);
    if (itemsName == null) {
      for (Map.Entry<String, JsonNode> property : (Iterable<Map.Entry<String, JsonNode>>) () -> schema.path("properties").fields()) {
        if ("array".equals(spec.deref(property.getValue()).path("type").asText())) {
          itemsName = property.getKey();
        }
      }
    }
    int start = query.containsKey("start") ? query.get("start").asInt() : 0;
    int limit = query.containsKey("limit") ? query.get("limit").asInt() : 10;
    List<ObjectNode> page = all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size()));
    ObjectNode answer = NODES.objectNode();
    ArrayNode items = answer.putArray(itemsName == null ? "items" : itemsName);
    page.forEach(items::add);
    answer.putObject("range")
        .put("start", start)
        .put("end", start + page.size())
        .put("limit", limit)
        .put("count", all.size())
        .put("has_more", start + page.size() < all.size());
    return answer;
  }

  /** A filter matches when each query value that names a field of the customer equals it. */
  private static boolean matches(ObjectNode customer, Map<String, JsonNode> query) {
    for (Map.Entry<String, JsonNode> filter : query.entrySet()) {
      if (filter.getKey().equals("start") || filter.getKey().equals("limit") || filter.getKey().equals("created")) {
        continue;
      }
      JsonNode value = customer.get(filter.getKey());
      if (value == null || !value.asText().equals(filter.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes;
    if (answer.text() != null) {
      bytes = answer.text().isEmpty() ? null : answer.text().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    } else {
      bytes = answer.body() == null || answer.status() == 204 ? null : JSON.writeValueAsBytes(answer.body());
      if (bytes != null) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
      }
    }
    exchange.sendResponseHeaders(answer.status(), bytes == null ? -1 : bytes.length);
    if (bytes != null) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private Optional<String> idPattern(SpecDocument.Operation operation) {
    for (SpecDocument.Parameter parameter : operation.parameters()) {
      JsonNode schema = spec.deref(parameter.node().path("schema"));
      if ("path".equals(parameter.in()) && schema.has("pattern")) {
        return Optional.of(schema.path("pattern").asText());
      }
    }
    return Optional.empty();
  }

  private String exampleOfPathParameter(SpecDocument.Operation operation) {
    for (SpecDocument.Parameter parameter : operation.parameters()) {
      if ("path".equals(parameter.in()) && parameter.node().has("example")) {
        return parameter.node().path("example").asText();
      }
    }
    return null;
  }

  /** Replaces every text that looks like an id of the spec's patterns with {@code id}. */
  private JsonNode replaceIds(JsonNode node, String id) {
    String text = node.toString();
    for (String pattern : ids.keySet()) {
      text = text.replaceAll(pattern.replace("^", "").replace("$", ""), id);
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode replaceText(JsonNode node, String from, String to) {
    try {
      return JSON.readTree(node.toString().replace(from, to.replace("\\", "\\\\").replace("\"", "\\\"")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A parameter's text as the JSON value its schema types it. */
  private static JsonNode typed(String raw, JsonNode schema) {
    String type = schema.path("type").asText();
    try {
      return switch (type) {
        case "integer" -> LongNode.valueOf(Long.parseLong(raw));
        case "number" -> NODES.numberNode(new java.math.BigDecimal(raw));
        case "boolean" -> "true".equals(raw) || "false".equals(raw) ? NODES.booleanNode(Boolean.parseBoolean(raw))
            : TextNode.valueOf(raw);
        default -> TextNode.valueOf(raw);
      };
    } catch (NumberFormatException e) {
      return TextNode.valueOf(raw);
    }
  }

  private static String field(ValidationMessage message) {
    if (message.getProperty() != null && !message.getProperty().isEmpty()) {
      return message.getProperty();
    }
    String location = message.getInstanceLocation().toString();
    int dot = Math.max(location.lastIndexOf('.'), location.lastIndexOf('/'));
    return dot < 0 || location.equals("$") ? "" : location.substring(dot + 1).replace("[", "").replace("]", "");
  }

  private static String rule(ValidationMessage message) {
    String text = message.getMessage();
    // networknt prefixes the instance location ("$.email: ..."): the field is reported apart.
    int colon = text.indexOf(": ");
    return colon > 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
  }

  private static Map<String, List<String>> query(URI uri) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
