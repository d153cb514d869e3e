package io.onramp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Camunda's REST API as its own OpenAPI document ({@code camunda-engine-rest-openapi}, the engine's
 * version) describes it, read for attack targets rather than typed by hand: every operation whose query
 * parameters or JSON body (at any depth) has a {@code …Expression} field or {@code orQueries}, and every
 * filter operation that runs or stores a query. For each, the calls that put an expression into every
 * such place — one call per field for the task query itself, so that no field hides behind another.
 */
final class CamundaRestSurface {

  /** One call: method, path (relative to an engine REST root, {id} filled in), query string, JSON body or null. */
  record Call(String method, String path, String query, JsonNode body, boolean taskQuery) {
    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query.replaceAll("=.*", "=…")) + (body == null ? "" : " " + shape(body));
    }

    private static String shape(JsonNode body) {
      List<String> keys = new ArrayList<>();
      body.fieldNames().forEachRemaining(keys::add);
      return keys.size() > 3 ? keys.subList(0, 3) + "+" + (keys.size() - 3) : keys.toString();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode document;
  private final JsonNode schemas;

  CamundaRestSurface() throws Exception {
    try (InputStream in = CamundaRestSurface.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json of camunda-engine-rest-openapi is not on the test classpath");
      }
      document = JSON.readTree(in);
    }
    schemas = document.path("components").path("schemas");
  }

  /** Both roots the document itself names: the default engine's and the named engine's. */
  List<String> roots() {
    List<String> roots = new ArrayList<>();
    document.path("servers").forEach(s -> {
      String url = s.path("url").asText();
      if (url.contains("{contextPath}")) {
        roots.add(url.substring(url.indexOf("{contextPath}")).replace("{contextPath}", "/engine-rest").replace("{engineName}", "default"));
      }
    });
    return roots;
  }

  /**
   * The calls, each carrying {@code trace.apply(n)} (a fresh expression per call) wherever an expression
   * could be evaluated. {@code filterId} fills {id} of filter operations.
   */
  List<Call> calls(String filterId, IntFunction<String> trace) {
    List<Call> calls = new ArrayList<>();
    int[] n = {0};
    JsonNode taskQuery = schemas.path("TaskQueryDto");
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = paths.next();
      String path = entry.getKey().replace("{id}", filterId).replaceAll("\\{[^}]+}", "x");
      boolean filter = entry.getKey().startsWith("/filter/");
      for (Iterator<Map.Entry<String, JsonNode>> ops = entry.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String method = op.getKey().toUpperCase();
        if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
          continue;
        }
        boolean isTaskQuery = entry.getKey().equals("/task") || entry.getKey().equals("/task/count");
        for (JsonNode parameter : op.getValue().path("parameters")) {
          if (parameter.path("in").asText().equals("query") && parameter.path("name").asText().endsWith("Expression")) {
            calls.add(new Call(method, path, parameter.path("name").asText() + "=" + trace.apply(n[0]++), null, isTaskQuery));
          }
        }
        JsonNode schema = op.getValue().path("requestBody").path("content").path("application/json").path("schema");
        if (filter && !method.equals("GET") && !method.equals("DELETE")) {
          schema = entry.getKey().equals("/filter/{id}") || entry.getKey().equals("/filter/create") ? null : taskQuery;
          if (schema == null) {                                  // storing a filter: its query is a task query
            for (JsonNode query : perField(taskQuery, trace, n)) {
              ObjectNode body = NODES.objectNode().put("resourceType", "Task").put("name", "probe");
              body.set("query", query);
              calls.add(new Call(method, path, null, body, false));
            }
            continue;
          }
        }
        if (schema.isMissingNode() || !reachesExpression(schema, 0)) {
          continue;
        }
        if (isTaskQuery || filter) {
          perField(taskQuery, trace, n).forEach(body -> calls.add(new Call(method, path, null, body, isTaskQuery)));
        } else {
          calls.add(new Call(method, path, null, fill(schema, trace, n, 0, false), false));
        }
      }
    }
    return calls;
  }

  /** The task query with one expression field set, at the top and then inside an or-query, for each field it has. */
  private List<JsonNode> perField(JsonNode taskQuery, IntFunction<String> trace, int[] n) {
    List<JsonNode> bodies = new ArrayList<>();
    for (Iterator<String> names = resolve(taskQuery).path("properties").fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (name.endsWith("Expression")) {
        bodies.add(NODES.objectNode().put(name, trace.apply(n[0]++)));
        ObjectNode or = NODES.objectNode();
        ArrayNode orQueries = or.putArray("orQueries");
        orQueries.addObject().put("assignee", "casey");
        orQueries.addObject().put(name, trace.apply(n[0]++));
        bodies.add(or);
      }
    }
    return bodies;
  }

  /** A body with every expression field and every string inside orQueries set to an expression. */
  private JsonNode fill(JsonNode schema, IntFunction<String> trace, int[] n, int depth, boolean inOrQueries) {
    JsonNode resolved = resolve(schema);
    if (resolved.has("items")) {
      ArrayNode array = NODES.arrayNode();
      array.add(fill(resolved.get("items"), trace, n, depth + 1, inOrQueries));
      return array;
    }
    ObjectNode body = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields(); properties.hasNext(); ) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode value = resolve(property.getValue());
      boolean string = value.path("type").asText().equals("string");
      if (property.getKey().endsWith("Expression") || (inOrQueries && string)) {
        body.put(property.getKey(), trace.apply(n[0]++));
      } else if (depth < 4 && (property.getKey().equals("orQueries") || reachesExpression(property.getValue(), depth + 1))) {
        body.set(property.getKey(), fill(property.getValue(), trace, n, depth + 1, inOrQueries || property.getKey().equals("orQueries")));
      }
    }
    return body;
  }

  private boolean reachesExpression(JsonNode schema, int depth) {
    if (depth > 5) {
      return false;
    }
    JsonNode resolved = resolve(schema);
    if (resolved.has("items")) {
      return reachesExpression(resolved.get("items"), depth + 1);
    }
    for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields(); properties.hasNext(); ) {
      Map.Entry<String, JsonNode> property = properties.next();
      if (property.getKey().endsWith("Expression") || property.getKey().equals("orQueries")
          || reachesExpression(property.getValue(), depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int i = 0; i < 5 && current.has("$ref"); i++) {
      current = schemas.path(current.get("$ref").asText().replace("#/components/schemas/", ""));
    }
    if (current.has("allOf")) {                         // DTOs extend others: merge their properties
      ObjectNode merged = NODES.objectNode();
      ObjectNode properties = merged.putObject("properties");
      for (JsonNode part : current.get("allOf")) {
        resolve(part).path("properties").fields().forEachRemaining(p -> properties.set(p.getKey(), p.getValue()));
      }
      current.path("properties").fields().forEachRemaining(p -> properties.set(p.getKey(), p.getValue()));
      return merged;
    }
    return current;
  }
}
