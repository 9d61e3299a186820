package dev.payspec.buildtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares two OpenAPI 3.1 documents (bundles: local {@code $ref}s only) and lists every change with
 * its verdict for users. Schemas are compared in the direction they travel: in a request, whatever
 * refuses a value that was accepted breaks users; in a response, whatever may send a value or shape
 * that clients did not get before, or stops sending what they read, breaks them.
 *
 * <p>It walks the documents itself because openapi-diff (2.1.7, the newest) misreads 3.1 schemas:
 * see docs/maintainers.md, "Changing a spec".
 */
public final class SpecComparator {

  enum Direction {
    REQUEST("in requests"), RESPONSE("in responses");

    final String words;

    Direction(String words) {
      this.words = words;
    }
  }

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Set<String> DOC_KEYS = Set.of("description", "summary", "title", "example", "examples", "externalDocs", "$comment");
  private static final Set<String> UPPER_BOUNDS = Set.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties");
  private static final List<String> BOUNDS = List.of("minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
      "exclusiveMaximum", "minItems", "maxItems", "minProperties", "maxProperties");
  private static final Set<String> NAME_MAPS = Set.of("properties", "patternProperties", "$defs", "dependentSchemas");
  private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

  private final JsonNode oldDoc;
  private final JsonNode newDoc;
  private final Map<String, Change> changes = new LinkedHashMap<>();
  private final Set<String> visiting = new HashSet<>();

  private SpecComparator(JsonNode oldDoc, JsonNode newDoc) {
    this.oldDoc = oldDoc;
    this.newDoc = newDoc;
  }

  /** Every change from {@code oldDoc} to {@code newDoc}, breaking ones first. */
  public static List<Change> compare(JsonNode oldDoc, JsonNode newDoc) {
    SpecComparator comparator = new SpecComparator(oldDoc, newDoc);
    comparator.compareServers();
    comparator.compareSecuritySchemes();
    comparator.compareOperations();
    List<Change> all = new ArrayList<>(comparator.changes.values());
    all.sort((a, b) -> Boolean.compare(b.breaking(), a.breaking()));
    return all;
  }

  // ---------------------------------------------------------------- document level

  private void compareServers() {
    Set<String> before = texts(oldDoc.path("servers"), "url");
    Set<String> after = texts(newDoc.path("servers"), "url");
    for (String url : before) {
      if (!after.contains(url)) {
        add("server-removed", true, "Server URL removed: clients that use it as their base URL break", url, "", "/servers", "servers");
      }
    }
    for (String url : after) {
      if (!before.contains(url)) {
        add("server-added", false, "Server URL added", "", url, "/servers", "servers");
      }
    }
  }

  private void compareSecuritySchemes() {
    JsonNode before = oldDoc.path("components").path("securitySchemes");
    JsonNode after = newDoc.path("components").path("securitySchemes");
    for (String name : names(before)) {
      String pointer = "/components/securitySchemes/" + escape(name);
      if (!after.has(name)) {
        add("security-scheme-removed", true, "Security scheme removed", describeScheme(before.get(name)), "", pointer, "security");
      } else if (!withoutDocs(before.get(name)).equals(withoutDocs(after.get(name)))) {
        add("security-scheme-changed", true, "Security scheme changed: credentials sent the old way are refused",
            describeScheme(before.get(name)), describeScheme(after.get(name)), pointer, "security");
      } else {
        compareDocs(before.get(name), after.get(name), pointer, "security");
      }
    }
    for (String name : names(after)) {
      if (!before.has(name)) {
        add("security-scheme-added", false, "Security scheme added", "", describeScheme(after.get(name)),
            "/components/securitySchemes/" + escape(name), "security");
      }
    }
  }

  private static String describeScheme(JsonNode scheme) {
    return withoutDocs(scheme).toString();
  }

  // ---------------------------------------------------------------- operations

  private record Op(String path, String method, JsonNode node, JsonNode pathItem) {
    String route() {
      return path.replaceAll("\\{[^}]*}", "{}");
    }

    String label() {
      return method.toUpperCase() + " " + path;
    }

    String pointer() {
      return "/paths/" + escape(path) + "/" + method;
    }
  }

  private static Map<String, Op> operations(JsonNode doc) {
    Map<String, Op> ops = new LinkedHashMap<>();
    for (String path : names(doc.path("paths"))) {
      JsonNode item = resolve(doc, doc.path("paths").get(path));
      for (String method : METHODS) {
        if (item.has(method)) {
          Op op = new Op(path, method, item.get(method), item);
          ops.put(method + " " + op.route(), op);
        }
      }
    }
    return ops;
  }

  private void compareOperations() {
    Map<String, Op> before = operations(oldDoc);
    Map<String, Op> after = operations(newDoc);
    Map<String, Op> afterById = new HashMap<>();
    after.values().forEach(op -> afterById.putIfAbsent(op.node().path("operationId").asText(), op));
    Set<String> movedTo = new HashSet<>();
    for (Map.Entry<String, Op> entry : before.entrySet()) {
      Op old = entry.getValue();
      Op now = after.get(entry.getKey());
      if (now == null) {
        String id = old.node().path("operationId").asText();
        Op moved = id.isEmpty() ? null : afterById.get(id);
        if (moved != null && !before.containsKey(moved.method() + " " + moved.route())) {
          movedTo.add(moved.method() + " " + moved.route());
          add("operation-moved", true, "Operation " + id + " moved to another path or method: calls to the old one fail",
              old.label(), moved.label(), old.pointer(), old.label());
          compareOperation(old, moved);
        } else {
          boolean pathGone = after.values().stream().noneMatch(op -> op.route().equals(old.route()));
          add("operation-removed", true, pathGone ? "Path and operation removed" : "Operation removed",
              old.label() + (id.isEmpty() ? "" : " (" + id + ")"), "", old.pointer(), old.label());
        }
      } else {
        compareOperation(old, now);
      }
    }
    for (Map.Entry<String, Op> entry : after.entrySet()) {
      if (!before.containsKey(entry.getKey()) && !movedTo.contains(entry.getKey())) {
        Op op = entry.getValue();
        add("operation-added", false, "Operation added", "", op.label() + " (" + op.node().path("operationId").asText() + ")",
            op.pointer(), op.label());
      }
    }
  }

  private void compareOperation(Op old, Op now) {
    String place = now.label();
    String oldId = old.node().path("operationId").asText();
    String newId = now.node().path("operationId").asText();
    if (!oldId.equals(newId)) {
      add("operation-id-changed", true, "operationId changed: the generated client's method is renamed", oldId, newId,
          old.pointer() + "/operationId", place);
    }
    compareDocs(old.node(), now.node(), now.pointer(), place);
    compareSecurity(old, now, place);
    compareParameters(old, now, place);
    compareRequestBody(old, now, place);
    compareResponses(old, now, place);
  }

  private void compareSecurity(Op old, Op now, String place) {
    String before = securityOf(oldDoc, old);
    String after = securityOf(newDoc, now);
    if (!before.equals(after)) {
      add("security-requirement-changed", true, "The operation's security requirement changed", before, after,
          now.pointer() + "/security", place);
    }
  }

  private static String securityOf(JsonNode doc, Op op) {
    JsonNode security = op.node().has("security") ? op.node().get("security") : doc.path("security");
    Set<String> alternatives = new TreeSet<>();
    for (JsonNode requirement : security) {
      alternatives.add(String.join(" + ", new TreeSet<>(names(requirement))));
    }
    return alternatives.isEmpty() ? "none" : String.join(" or ", alternatives);
  }

  private record Param(JsonNode node, String pointer) {}

  private Map<String, Param> parameters(JsonNode doc, Op op) {
    Map<String, Param> params = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode raw : op.pathItem().path("parameters")) {
      putParam(doc, params, raw, "/paths/" + escape(op.path()) + "/parameters/" + i++, op.path());
    }
    i = 0;
    for (JsonNode raw : op.node().path("parameters")) {
      putParam(doc, params, raw, op.pointer() + "/parameters/" + i++, op.path());
    }
    return params;
  }

  private static void putParam(JsonNode doc, Map<String, Param> params, JsonNode raw, String pointer, String path) {
    String at = isLocalRef(raw) ? raw.get("$ref").asText().substring(1) : pointer;
    JsonNode param = resolve(doc, raw);
    String in = param.path("in").asText();
    String name = param.path("name").asText();
    String key = in + " " + name;
    if (in.equals("header")) {
      key = in + " " + name.toLowerCase();
    } else if (in.equals("path")) {
      // Matched by position in the path: renaming a path parameter changes no URL.
      List<String> placeholders = new ArrayList<>();
      java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]*)}").matcher(path);
      while (matcher.find()) {
        placeholders.add(matcher.group(1));
      }
      int index = placeholders.indexOf(name);
      key = index < 0 ? key : "path parameter " + (index + 1);
    }
    params.put(key, new Param(param, at));
  }

  private void compareParameters(Op old, Op now, String place) {
    Map<String, Param> before = parameters(oldDoc, old);
    Map<String, Param> after = parameters(newDoc, now);
    for (Map.Entry<String, Param> entry : before.entrySet()) {
      Param o = entry.getValue();
      Param n = after.get(entry.getKey());
      String label = entry.getKey() + " of " + place;
      if (n == null) {
        add("parameter-removed", true, "Parameter removed", entry.getKey(), "", o.pointer(), label);
        continue;
      }
      if (!o.node().path("required").asBoolean(false) && n.node().path("required").asBoolean(false)) {
        add("parameter-made-required", true, "Parameter made required", "optional", "required", n.pointer() + "/required", label);
      }
      String oldName = o.node().path("name").asText();
      String newName = n.node().path("name").asText();
      if (!oldName.equals(newName)) {
        add("path-parameter-renamed", false, "Path parameter renamed (the URL stays the same)", oldName, newName, n.pointer() + "/name", place);
      }
      compareDocs(o.node(), n.node(), n.pointer(), label);
      compareSchema(o.node().path("schema"), o.pointer() + "/schema", n.node().path("schema"), n.pointer() + "/schema",
          Direction.REQUEST, "parameter " + label);
    }
    for (Map.Entry<String, Param> entry : after.entrySet()) {
      if (!before.containsKey(entry.getKey())) {
        Param n = entry.getValue();
        boolean required = n.node().path("required").asBoolean(false);
        add(required ? "required-parameter-added" : "parameter-added", required,
            required ? "New required parameter: existing calls lack it" : "New optional parameter",
            "", entry.getKey(), n.pointer(), place);
      }
    }
  }

  private void compareRequestBody(Op old, Op now, String place) {
    JsonNode before = resolve(oldDoc, old.node().path("requestBody"));
    JsonNode after = resolve(newDoc, now.node().path("requestBody"));
    String pointer = now.pointer() + "/requestBody";
    String label = place + " request body";
    if (before.isMissingNode() && after.isMissingNode()) {
      return;
    }
    if (after.isMissingNode()) {
      add("request-body-removed", true, "Request body removed", "a body", "none", old.pointer() + "/requestBody", label);
      return;
    }
    boolean wasRequired = before.path("required").asBoolean(false);
    boolean isRequired = after.path("required").asBoolean(false);
    if (before.isMissingNode()) {
      add(isRequired ? "request-body-required" : "request-body-added", isRequired,
          isRequired ? "New required request body" : "New optional request body", "none", "a body", pointer, label);
      return;
    }
    if (!wasRequired && isRequired) {
      add("request-body-required", true, "Request body made required", "optional", "required", pointer + "/required", label);
    }
    compareDocs(before, after, pointer, label);
    compareContent(before.path("content"), oldPointer(old.node().path("requestBody"), old.pointer() + "/requestBody"),
        after.path("content"), oldPointer(now.node().path("requestBody"), pointer), Direction.REQUEST, label);
  }

  private void compareResponses(Op old, Op now, String place) {
    JsonNode before = old.node().path("responses");
    JsonNode after = now.node().path("responses");
    List<String> newSuccesses = names(after).stream()
        .filter(s -> isSuccess(s) && !before.has(s)).collect(Collectors.toList());
    for (String status : names(before)) {
      String oldAt = old.pointer() + "/responses/" + escape(status);
      if (!after.has(status)) {
        if (isSuccess(status)) {
          boolean changed = !newSuccesses.isEmpty();
          add(changed ? "success-status-changed" : "success-status-removed", true,
              changed ? "Documented success status changed: clients that check it break" : "Documented success status removed",
              status, changed ? String.join(", ", newSuccesses) : "", oldAt, place);
        } else {
          add("status-removed", false, "Documented error status removed", status, "", oldAt, place);
        }
        continue;
      }
      String label = place + " response " + status;
      String newAt = now.pointer() + "/responses/" + escape(status);
      JsonNode o = resolve(oldDoc, before.get(status));
      JsonNode n = resolve(newDoc, after.get(status));
      compareDocs(o, n, oldPointer(after.get(status), newAt), label);
      compareContent(o.path("content"), oldPointer(before.get(status), oldAt), n.path("content"),
          oldPointer(after.get(status), newAt), Direction.RESPONSE, label);
    }
    for (String status : names(after)) {
      if (!before.has(status) && !(isSuccess(status) && names(before).stream().anyMatch(s -> isSuccess(s) && !after.has(s)))) {
        add("status-added", false, "Documented status added", "", status, now.pointer() + "/responses/" + escape(status), place);
      }
    }
  }

  private static boolean isSuccess(String status) {
    return status.startsWith("2");
  }

  /** Where a possibly referenced object lives: its component when it is a {@code $ref}. */
  private static String oldPointer(JsonNode raw, String inline) {
    return isLocalRef(raw) ? raw.get("$ref").asText().substring(1) : inline;
  }

  private void compareContent(JsonNode before, String oldAt, JsonNode after, String newAt, Direction direction, String place) {
    for (String media : names(before)) {
      if (!after.has(media)) {
        add("media-type-removed", true, "Media type removed " + direction.words, media, "", oldAt + "/content/" + escape(media), place);
        continue;
      }
      compareSchema(before.get(media).path("schema"), oldAt + "/content/" + escape(media) + "/schema",
          after.get(media).path("schema"), newAt + "/content/" + escape(media) + "/schema", direction, place);
    }
    for (String media : names(after)) {
      if (!before.has(media)) {
        // Clients ask for the media types they read (Accept), so another one reaches only those who ask.
        add("media-type-added", false, "Media type added " + direction.words, "", media, newAt + "/content/" + escape(media), place);
      }
    }
  }

  // ---------------------------------------------------------------- schemas

  /** A schema with its {@code $ref}s followed and {@code allOf} merged, and where each keyword came from. */
  private record Schema(ObjectNode node, String pointer, Map<String, String> origins) {
    String at(String keyword) {
      return origins.getOrDefault(keyword, pointer) + "/" + escape(keyword);
    }

    JsonNode get(String keyword) {
      return node.get(keyword);
    }

    boolean has(String keyword) {
      return node.has(keyword);
    }
  }

  private static Schema effective(JsonNode doc, JsonNode raw, String pointer) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    Map<String, String> origins = new HashMap<>();
    String base = pointer;
    int hops = 0;
    JsonNode current = raw;
    String currentAt = pointer;
    List<Map.Entry<JsonNode, String>> layers = new ArrayList<>();
    while (current != null && current.isObject()) {
      layers.add(Map.entry(current, currentAt));
      if (!isLocalRef(current) || ++hops > 50) {
        break;
      }
      currentAt = current.get("$ref").asText().substring(1);
      current = doc.at(currentAt);
      base = currentAt;
    }
    // The target first, then the siblings of each $ref over it (3.1 allows description, readOnly... beside $ref).
    for (int i = layers.size() - 1; i >= 0; i--) {
      JsonNode layer = layers.get(i).getKey();
      String at = layers.get(i).getValue();
      for (Iterator<Map.Entry<String, JsonNode>> it = layer.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        // A $ref outside the document (not in a bundle) stays as it is, to be compared as text.
        if (!field.getKey().equals("$ref") || !isLocalRef(layer)) {
          merged.set(field.getKey(), field.getValue());
          origins.put(field.getKey(), at);
        }
      }
    }
    if (merged.has("allOf")) {
      mergeAllOf(doc, merged, origins, origins.getOrDefault("allOf", base) + "/allOf");
    }
    return new Schema(merged, base, origins);
  }

  private static void mergeAllOf(JsonNode doc, ObjectNode merged, Map<String, String> origins, String at) {
    JsonNode parts = merged.remove("allOf");
    int i = 0;
    for (JsonNode part : parts) {
      Schema s = effective(doc, part, at + "/" + i++);
      for (Iterator<Map.Entry<String, JsonNode>> it = s.node().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        if (key.equals("properties") && merged.has("properties")) {
          ObjectNode props = merged.get("properties").deepCopy();
          props.setAll((ObjectNode) field.getValue());
          merged.set("properties", props);
        } else if (key.equals("required") && merged.has("required")) {
          merged.set("required", ((com.fasterxml.jackson.databind.node.ArrayNode) merged.get("required").deepCopy()).addAll(
              (com.fasterxml.jackson.databind.node.ArrayNode) field.getValue().deepCopy()));
        } else if (!merged.has(key)) {
          merged.set(key, field.getValue());
          origins.put(key, s.origins().getOrDefault(key, s.pointer()));
        }
      }
    }
  }

  private void compareSchema(JsonNode oldRaw, String oldAt, JsonNode newRaw, String newAt, Direction direction, String place) {
    Schema o = effective(oldDoc, oldRaw.isMissingNode() ? EMPTY : oldRaw, oldAt);
    Schema n = effective(newDoc, newRaw.isMissingNode() ? EMPTY : newRaw, newAt);
    // Recursive schemas (a map whose values may be maps) end here: once per pair and operation.
    int detail = place.indexOf(" (");
    String guard = o.pointer() + "|" + n.pointer() + "|" + direction + "|" + (detail < 0 ? place : place.substring(0, detail));
    if (!visiting.add(guard)) {
      return;
    }
    try {
      compareDocs(o.node(), n.node(), n.pointer(), place, n::at);
      if (!compareTypes(o, n, direction, place)) {
        return;
      }
      compareBounds(o, n, direction, place);
      compareStringRules(o, n, direction, place);
      compareEnums(o, n, direction, place);
      compareObjects(o, n, direction, place);
      if (o.has("items") || n.has("items")) {
        compareSchema(o.node().path("items"), o.at("items"), n.node().path("items"), n.at("items"), direction, place + " (items)");
      }
      compareAlternatives("anyOf", o, n, direction, place);
      compareAlternatives("oneOf", o, n, direction, place);
      compareConditional(o, n, direction, place);
      if (!Objects.equals(o.get("not"), n.get("not"))) {
        add("not-changed", true, "'not' changed " + direction.words, text(o.get("not")), text(n.get("not")), n.at("not"), place);
      }
    } finally {
      visiting.remove(guard);
    }
  }

  /** Returns false when the types differ so much that comparing their rules would only add noise. */
  private boolean compareTypes(Schema o, Schema n, Direction direction, String place) {
    Set<String> before = types(o.get("type"));
    Set<String> after = types(n.get("type"));
    if (before.isEmpty() && after.isEmpty()) {
      return true;
    }
    String at = n.has("type") ? n.at("type") : o.at("type");
    if (before.isEmpty() || after.isEmpty()) {
      boolean narrower = before.isEmpty();
      boolean breaking = narrower == (direction == Direction.REQUEST);
      add(narrower ? "type-added" : "type-removed", breaking,
          (narrower ? "A type is now required " : "Any type is now allowed ") + direction.words,
          before.isEmpty() ? "any" : String.join(" | ", before), after.isEmpty() ? "any" : String.join(" | ", after), at, place);
      return true;
    }
    Set<String> oldCore = new TreeSet<>(before);
    Set<String> newCore = new TreeSet<>(after);
    boolean oldNull = oldCore.remove("null");
    boolean newNull = newCore.remove("null");
    if (!oldCore.equals(newCore)) {
      add("type-changed", true, "Type changed " + direction.words, String.join(" | ", before), String.join(" | ", after), at, place);
      return oldCore.stream().anyMatch(newCore::contains);
    }
    if (oldNull != newNull) {
      boolean breaking = (direction == Direction.REQUEST) ? oldNull : newNull;
      add(newNull ? "null-allowed" : "null-refused", breaking,
          (newNull ? "null now allowed " : "null no longer allowed ") + direction.words,
          String.join(" | ", before), String.join(" | ", after), at, place);
    }
    return true;
  }

  private void compareBounds(Schema o, Schema n, Direction direction, String place) {
    for (String keyword : BOUNDS) {
      JsonNode before = o.get(keyword);
      JsonNode after = n.get(keyword);
      if ((before != null && !before.isNumber()) || (after != null && !after.isNumber()) || Objects.equals(before, after)) {
        continue;
      }
      boolean upper = UPPER_BOUNDS.contains(keyword);
      boolean narrower;
      if (before == null) {
        narrower = true;
      } else if (after == null) {
        narrower = false;
      } else {
        int cmp = after.decimalValue().compareTo(before.decimalValue());
        narrower = upper ? cmp < 0 : cmp > 0;
      }
      String at = after != null ? n.at(keyword) : o.at(keyword);
      if (direction == Direction.REQUEST && narrower) {
        add(keyword + "-narrowed", true, keyword + (before == null ? " added " : upper ? " lowered " : " raised ") + direction.words
            + ": values accepted before are refused", text(before), text(after), at, place);
      } else {
        add(keyword + "-" + (narrower ? "narrowed" : "loosened"), false, keyword + " " + (narrower ? "narrowed" : "loosened") + " "
            + direction.words + (direction == Direction.RESPONSE ? " (clients read what they are sent)" : ""),
            text(before), text(after), at, place);
      }
    }
    JsonNode unique = n.get("uniqueItems");
    if (!Objects.equals(o.get("uniqueItems"), unique)) {
      boolean narrower = unique != null && unique.asBoolean();
      add("uniqueItems-changed", narrower && direction == Direction.REQUEST, "uniqueItems changed " + direction.words,
          text(o.get("uniqueItems")), text(unique), n.has("uniqueItems") ? n.at("uniqueItems") : o.at("uniqueItems"), place);
    }
    if (!Objects.equals(o.get("multipleOf"), n.get("multipleOf"))) {
      add("multipleOf-changed", direction == Direction.REQUEST && n.has("multipleOf"), "multipleOf changed " + direction.words,
          text(o.get("multipleOf")), text(n.get("multipleOf")), n.has("multipleOf") ? n.at("multipleOf") : o.at("multipleOf"), place);
    }
  }

  private void compareStringRules(Schema o, Schema n, Direction direction, String place) {
    for (String keyword : List.of("pattern", "format")) {
      JsonNode before = o.get(keyword);
      JsonNode after = n.get(keyword);
      if (Objects.equals(before, after)) {
        continue;
      }
      String at = after != null ? n.at(keyword) : o.at(keyword);
      String kind = keyword + (before == null ? "-added" : after == null ? "-removed" : "-changed");
      boolean breaking = direction == Direction.REQUEST
          ? after != null
          // A changed format can change how clients parse the value (a date, a number's size).
          : keyword.equals("format") && before != null && after != null;
      String what = keyword + (before == null ? " added " : after == null ? " removed " : " changed ") + direction.words
          + (breaking && direction == Direction.REQUEST ? ": values accepted before may be refused" : "");
      add(kind, breaking, what, text(before), text(after), at, place);
    }
  }

  private void compareEnums(Schema o, Schema n, Direction direction, String place) {
    Set<String> before = enumValues(o);
    Set<String> after = enumValues(n);
    if (Objects.equals(before, after)) {
      return;
    }
    String keyword = n.has("enum") || !n.has("const") ? "enum" : "const";
    String at = n.has(keyword) ? n.at(keyword) : o.has("enum") ? o.at("enum") : o.at("const");
    String was = before == null ? "any value" : String.join(", ", before);
    String now = after == null ? "any value" : String.join(", ", after);
    if (before == null || after == null) {
      boolean narrower = before == null;
      add(narrower ? "enum-added" : "enum-removed", narrower == (direction == Direction.REQUEST),
          (narrower ? "Values now limited to a list " : "Values no longer limited to a list ") + direction.words, was, now, at, place);
      return;
    }
    Set<String> removed = new TreeSet<>(before);
    removed.removeAll(after);
    Set<String> added = new TreeSet<>(after);
    added.removeAll(before);
    if (!removed.isEmpty()) {
      add("enum-values-removed", direction == Direction.REQUEST, "Allowed values removed " + direction.words + ": " + String.join(", ", removed),
          was, now, at, place);
    }
    if (!added.isEmpty()) {
      add("enum-values-added", direction == Direction.RESPONSE, "Allowed values added " + direction.words + ": " + String.join(", ", added)
          + (direction == Direction.RESPONSE ? " (clients may get a value they do not know)" : ""), was, now, at, place);
    }
  }

  private static Set<String> enumValues(Schema s) {
    if (s.has("enum")) {
      Set<String> values = new TreeSet<>();
      s.get("enum").forEach(v -> values.add(v.toString()));
      return values;
    }
    return s.has("const") ? new TreeSet<>(Set.of(s.get("const").toString())) : null;
  }

  private void compareObjects(Schema o, Schema n, Direction direction, String place) {
    Map<String, JsonNode> before = properties(oldDoc, o, direction);
    Map<String, JsonNode> after = properties(newDoc, n, direction);
    Set<String> oldRequired = texts(o.node().path("required"), null);
    Set<String> newRequired = texts(n.node().path("required"), null);
    List<String> removed = before.keySet().stream().filter(p -> !after.containsKey(p)).collect(Collectors.toList());
    List<String> added = after.keySet().stream().filter(p -> !before.containsKey(p)).collect(Collectors.toList());
    Map<String, String> renamed = renames(o, n, removed, added);
    for (String property : removed) {
      String at = o.at("properties") + "/" + escape(property);
      if (renamed.containsKey(property)) {
        String to = renamed.get(property);
        add("property-renamed", true, "Property renamed " + direction.words, property, to, at, place);
        compareSchema(o.get("properties").get(property), at, n.get("properties").get(to), n.at("properties") + "/" + escape(to),
            direction, place);
      } else {
        add("property-removed", true, "Property removed " + direction.words, property, "", at, place);
      }
    }
    for (String property : added) {
      String at = n.at("properties") + "/" + escape(property);
      boolean required = newRequired.contains(property);
      if (direction == Direction.REQUEST && required) {
        add("required-property-added", true, "New required property in requests: existing requests lack it", "", property, at, place);
      } else if (!renamed.containsValue(property)) {
        add("property-added", false, "Property added " + direction.words, "", property, at, place);
      }
    }
    for (String property : before.keySet()) {
      if (after.containsKey(property)) {
        compareSchema(o.get("properties").get(property), o.at("properties") + "/" + escape(property),
            n.get("properties").get(property), n.at("properties") + "/" + escape(property), direction, place);
      }
    }
    // `required` may name properties declared elsewhere (anyOf: [{required: [email]}, ...]).
    for (String property : newRequired) {
      String renamedFrom = renamed.entrySet().stream().filter(e -> e.getValue().equals(property)).map(Map.Entry::getKey)
          .findFirst().orElse(property);
      if (oldRequired.contains(renamedFrom) || (added.contains(property) && !renamed.containsValue(property))) {
        continue;
      }
      if (direction == Direction.REQUEST) {
        add("property-made-required", true, "Property made required in requests: requests without it are refused",
            "optional", "required", requiredAt(n, property), place + ": " + property);
      } else {
        add("property-made-required", false, "Property now always present in responses", "optional", "required",
            requiredAt(n, property), place + ": " + property);
      }
    }
    for (String property : oldRequired) {
      String now = renamed.getOrDefault(property, property);
      if (newRequired.contains(now) || (removed.contains(property) && !renamed.containsKey(property))) {
        continue;
      }
      boolean breaking = direction == Direction.RESPONSE;
      add("property-made-optional", breaking, breaking
              ? "Property no longer always present in responses: clients that read it may get nothing"
              : "Property no longer required in requests",
          "required", "optional", o.has("required") ? o.at("required") : o.pointer(), place + ": " + property);
    }
    compareAdditionalProperties(o, n, direction, place);
  }

  private static String requiredAt(Schema s, String property) {
    return s.at("required") + "/" + property;
  }

  /** Pairs removed with added properties: equal schemas first, then a lone pair. */
  private Map<String, String> renames(Schema o, Schema n, List<String> removed, List<String> added) {
    Map<String, String> renamed = new LinkedHashMap<>();
    Set<String> free = new LinkedHashSet<>(added);
    for (String old : removed) {
      String oldShape = shape(oldDoc, o.get("properties").get(old));
      for (String candidate : free) {
        if (shape(newDoc, n.get("properties").get(candidate)).equals(oldShape)) {
          renamed.put(old, candidate);
          free.remove(candidate);
          break;
        }
      }
    }
    if (removed.size() == 1 && added.size() == 1 && renamed.isEmpty()) {
      renamed.put(removed.get(0), added.get(0));
    }
    return renamed;
  }

  private static String shape(JsonNode doc, JsonNode raw) {
    return withoutDocs(effective(doc, raw, "").node()).toString();
  }

  private static Map<String, JsonNode> properties(JsonNode doc, Schema s, Direction direction) {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    for (String name : names(s.node().path("properties"))) {
      JsonNode raw = s.get("properties").get(name);
      JsonNode effective = effective(doc, raw, "").node();
      // A read-only property is never sent, a write-only one never received.
      boolean hidden = direction == Direction.REQUEST ? effective.path("readOnly").asBoolean(false) : effective.path("writeOnly").asBoolean(false);
      if (!hidden) {
        properties.put(name, raw);
      }
    }
    return properties;
  }

  private void compareAdditionalProperties(Schema o, Schema n, Direction direction, String place) {
    JsonNode before = o.get("additionalProperties");
    JsonNode after = n.get("additionalProperties");
    boolean oldClosed = before != null && before.isBoolean() && !before.asBoolean();
    boolean newClosed = after != null && after.isBoolean() && !after.asBoolean();
    String at = after != null ? n.at("additionalProperties") : o.at("additionalProperties");
    if (oldClosed != newClosed) {
      boolean breaking = newClosed && direction == Direction.REQUEST;
      add(newClosed ? "unknown-properties-refused" : "unknown-properties-allowed", breaking,
          (newClosed ? "Unknown properties now refused " : "Unknown properties now allowed ") + direction.words,
          text(before), text(after), at, place);
      return;
    }
    if ((before != null && before.isObject()) || (after != null && after.isObject())) {
      compareSchema(before != null && before.isObject() ? before : EMPTY, o.at("additionalProperties"),
          after != null && after.isObject() ? after : EMPTY, n.at("additionalProperties"), direction, place + " (map values)");
    }
  }

  private void compareAlternatives(String keyword, Schema o, Schema n, Direction direction, String place) {
    JsonNode before = o.get(keyword);
    JsonNode after = n.get(keyword);
    if (before == null && after == null) {
      return;
    }
    if (before == null || after == null) {
      boolean narrower = before == null;
      add(keyword + (narrower ? "-added" : "-removed"), narrower == (direction == Direction.REQUEST),
          (narrower ? "Values must now match one of the alternatives " : "Alternatives removed ") + direction.words,
          text(before), text(after), after != null ? n.at(keyword) : o.at(keyword), place);
      return;
    }
    if (before.size() == after.size()) {
      for (int i = 0; i < before.size(); i++) {
        compareSchema(before.get(i), o.at(keyword) + "/" + i, after.get(i), n.at(keyword) + "/" + i, direction,
            place + " (" + keyword + " " + (i + 1) + ")");
      }
      return;
    }
    List<String> oldShapes = new ArrayList<>();
    before.forEach(alt -> oldShapes.add(shape(oldDoc, alt)));
    List<String> newShapes = new ArrayList<>();
    after.forEach(alt -> newShapes.add(shape(newDoc, alt)));
    for (int i = 0; i < oldShapes.size(); i++) {
      if (!newShapes.contains(oldShapes.get(i))) {
        add(keyword + "-alternative-removed", direction == Direction.REQUEST, "An alternative of " + keyword + " removed " + direction.words,
            oldShapes.get(i), "", o.at(keyword) + "/" + i, place);
      }
    }
    for (int i = 0; i < newShapes.size(); i++) {
      if (!oldShapes.contains(newShapes.get(i))) {
        add(keyword + "-alternative-added", direction == Direction.RESPONSE, "An alternative of " + keyword + " added " + direction.words,
            "", newShapes.get(i), n.at(keyword) + "/" + i, place);
      }
    }
  }

  private void compareConditional(Schema o, Schema n, Direction direction, String place) {
    JsonNode oldIf = o.get("if");
    JsonNode newIf = n.get("if");
    if (oldIf == null && newIf == null) {
      return;
    }
    if (oldIf == null || newIf == null || !shape(oldDoc, oldIf).equals(shape(newDoc, newIf))) {
      // Whether a new condition selects more or fewer values is not decidable in general.
      add("condition-changed", true, "The condition of if/then changed " + direction.words + ": other values now meet other rules",
          oldIf == null ? "" : shape(oldDoc, oldIf), newIf == null ? "" : shape(newDoc, newIf),
          newIf != null ? n.at("if") : o.at("if"), place);
      return;
    }
    for (String branch : List.of("then", "else")) {
      if (o.has(branch) || n.has(branch)) {
        compareSchema(o.node().path(branch), o.at(branch), n.node().path(branch), n.at(branch), direction,
            place + " (if/then: " + branch + ")");
      }
    }
  }

  // ---------------------------------------------------------------- documentation

  private void compareDocs(JsonNode before, JsonNode after, String pointer, String place) {
    compareDocs(before, after, pointer, place, key -> pointer + "/" + escape(key));
  }

  private void compareDocs(JsonNode before, JsonNode after, String pointer, String place, java.util.function.UnaryOperator<String> at) {
    List<String> keys = new ArrayList<>();
    Set<String> all = new TreeSet<>(names(before));
    all.addAll(names(after));
    for (String key : all) {
      if ((DOC_KEYS.contains(key) || key.startsWith("x-") || key.equals("deprecated")) && !Objects.equals(before.get(key), after.get(key))) {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    if (keys.contains("description")) {
      add("description-changed", false, "Description changed", text(before.get("description")), text(after.get("description")),
          at.apply("description"), place);
      keys.remove("description");
    }
    if (!keys.isEmpty()) {
      add("documentation-changed", false, "Documentation or annotations changed: " + String.join(", ", keys),
          keys.stream().map(k -> k + ": " + text(before.get(k))).collect(Collectors.joining("; ")),
          keys.stream().map(k -> k + ": " + text(after.get(k))).collect(Collectors.joining("; ")), pointer, place);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void add(String kind, boolean breaking, String what, String was, String now, String pointer, String place) {
    String key = kind + "\u0000" + pointer + "\u0000" + breaking + "\u0000" + what + "\u0000" + was + "\u0000" + now;
    Change existing = changes.get(key);
    if (existing != null) {
      existing.places().add(place);
    } else {
      changes.put(key, new Change(kind, breaking, what, was, now, pointer, Set.of(place)));
    }
  }

  private static JsonNode resolve(JsonNode doc, JsonNode node) {
    int hops = 0;
    while (node != null && isLocalRef(node) && hops++ < 50) {
      node = doc.at(node.get("$ref").asText().substring(1));
    }
    return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
  }

  private static boolean isLocalRef(JsonNode node) {
    return node.has("$ref") && node.get("$ref").asText().startsWith("#/");
  }

  private static Set<String> types(JsonNode type) {
    Set<String> types = new TreeSet<>();
    if (type == null) {
      return types;
    }
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else {
      types.add(type.asText());
    }
    return types;
  }

  private static JsonNode withoutDocs(JsonNode node) {
    return withoutDocs(node, false);
  }

  /** The node without documentation keywords; in a map of names (properties) every name stays. */
  private static JsonNode withoutDocs(JsonNode node, boolean names) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (names || (!DOC_KEYS.contains(field.getKey()) && !field.getKey().startsWith("x-"))) {
          copy.set(field.getKey(), withoutDocs(field.getValue(), !names && NAME_MAPS.contains(field.getKey())));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(withoutDocs(item)));
      return copy;
    }
    return node;
  }

  static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node != null && node.isObject()) {
      node.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private static Set<String> texts(JsonNode array, String field) {
    Set<String> values = new LinkedHashSet<>();
    for (JsonNode item : array) {
      values.add(field == null ? item.asText() : item.path(field).asText());
    }
    return values;
  }

  private static String text(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "";
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
