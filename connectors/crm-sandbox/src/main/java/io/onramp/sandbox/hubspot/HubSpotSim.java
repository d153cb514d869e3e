package io.onramp.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Call;
import io.onramp.sandbox.Ids;
import io.onramp.sandbox.RateLimited;
import io.onramp.sandbox.Rec;
import io.onramp.sandbox.SandboxProperties;
import io.onramp.sandbox.Vendor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * HubSpot's CRM API for deals, companies, contacts and tasks as the connector uses it: private-app
 * bearer auth, batch update/upsert/read (200 or 207 with failed ids), single reads with
 * associations, custom properties (409 when they exist, values checked against them), v4
 * association batches, and the 10-second rolling and daily limits with their headers and 429 body.
 */
@Component
public class HubSpotSim implements Vendor, RateLimited {

  private static final Pattern OBJECT = Pattern.compile("/crm/v3/objects/(deals|companies|contacts|tasks|line_items)/(\\d+)");
  private static final Pattern BATCH = Pattern.compile("/crm/v3/objects/(deals|companies|contacts|tasks|line_items)/batch/(update|upsert|read)");
  private static final Pattern PROPERTIES = Pattern.compile("/crm/v3/properties/(deals|companies|contacts|tasks)");
  private static final Pattern ASSOCIATE = Pattern.compile("/crm/v4/associations/(deals|companies|contacts|tasks)/(deals|companies|contacts|tasks)/batch/create");
  private static final Map<String, List<String>> BUILT_IN = Map.of(
      "deals", List.of("dealname", "dealstage", "amount", "closedate", "pipeline", "hubspot_owner_id"),
      "companies", List.of("name", "domain", "hubspot_owner_id"),
      "contacts", List.of("firstname", "lastname", "email", "phone", "hubspot_owner_id"),
      "line_items", List.of("name", "quantity", "price", "hs_product_id"),
      "tasks", List.of("hs_task_subject", "hs_task_body", "hs_timestamp", "hs_task_status", "hs_task_priority", "hs_task_type",
          "hubspot_owner_id"));

  private final SandboxProperties.HubSpot account;
  private final HubSpotWebhooks webhooks;
  private final Clock clock;
  private final Ids ids = new Ids();
  private final Map<String, Map<String, Rec>> records = new HashMap<>();
  private final Map<String, Map<String, JsonNode>> customProperties = new HashMap<>();
  private final Deque<Instant> window = new ArrayDeque<>();
  private long today;
  private long calls;
  private long refused;

  HubSpotSim(SandboxProperties properties, HubSpotWebhooks webhooks) {
    this.account = properties.hubspot();
    this.webhooks = webhooks;
    this.clock = Clock.systemUTC();
    reset();
  }

  @Override
  public String name() {
    return "hubspot";
  }

  @Override
  public synchronized void reset() {
    records.clear();
    BUILT_IN.keySet().forEach(type -> records.put(type, new LinkedHashMap<>()));
    customProperties.clear();
    window.clear();
    today = 0;
    calls = 0;
    refused = 0;
  }

  @Override
  public synchronized Answer handle(Call call) {
    if (account.token() == null || !("Bearer " + account.token()).equals(call.header("Authorization"))) {
      return error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
    }
    Instant now = clock.instant();
    while (!window.isEmpty() && window.peekFirst().isBefore(now.minusSeconds(10))) {
      window.pollFirst();
    }
    if (window.size() >= account.requestsPer10s() || today >= account.requestsPerDay()) {
      refused++;
      return limits(refusal(today >= account.requestsPerDay() ? "DAILY" : "TEN_SECONDLY_ROLLING"));
    }
    window.addLast(now);
    today++;
    calls++;
    return limits(route(call, now));
  }

  @Override
  public Answer refusal() {
    return refusal("TEN_SECONDLY_ROLLING");
  }

  private Answer refusal(String policy) {
    return Answer.json(429, Map.of("status", "error", "message", "You have reached your " + policy.toLowerCase() + " limit.",
        "errorType", "RATE_LIMIT", "correlationId", UUID.randomUUID().toString(), "policyName", policy, "category", "RATE_LIMITS"));
  }

  private Answer limits(Answer answer) {
    return answer.header("X-HubSpot-RateLimit-Max", Integer.toString(account.requestsPer10s()))
        .header("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(0, account.requestsPer10s() - window.size())))
        .header("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
        .header("X-HubSpot-RateLimit-Daily", Long.toString(account.requestsPerDay()))
        .header("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, account.requestsPerDay() - today)));
  }

  private Answer route(Call call, Instant now) {
    Matcher m;
    if (call.method().equals("GET") && (m = OBJECT.matcher(call.path())).matches()) {
      Rec rec = records.get(m.group(1)).get(m.group(2));
      if (rec == null) {
        return error(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.");
      }
      return Answer.json(200, json(rec, list(call.query().get("properties")), list(call.query().get("associations"))));
    }
    if (call.method().equals("POST") && (m = BATCH.matcher(call.path())).matches()) {
      JsonNode request = call.json();
      if (request.path("inputs").size() > 100) {
        return error(400, "VALIDATION_ERROR", "Batch input is limited to 100 inputs; it has " + request.path("inputs").size());
      }
      return switch (m.group(2)) {
        case "update" -> update(m.group(1), request, now);
        case "upsert" -> upsert(m.group(1), request, now);
        default -> read(m.group(1), request);
      };
    }
    if (call.method().equals("POST") && (m = PROPERTIES.matcher(call.path())).matches()) {
      JsonNode property = call.json();
      String name = property.path("name").asText();
      Map<String, JsonNode> existing = customProperties.computeIfAbsent(m.group(1), t -> new LinkedHashMap<>());
      if (existing.containsKey(name) || BUILT_IN.get(m.group(1)).contains(name)) {
        return error(409, "CONFLICT", "Property named '" + name + "' already exists.");
      }
      existing.put(name, property);
      return Answer.json(201, property);
    }
    if (call.method().equals("POST") && (m = ASSOCIATE.matcher(call.path())).matches()) {
      return associate(m.group(1), m.group(2), call.json());
    }
    return error(404, "OBJECT_NOT_FOUND", "No such endpoint: " + call.method() + " " + call.path());
  }

  private Answer update(String type, JsonNode request, Instant now) {
    List<Object> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode input : request.path("inputs")) {
      Answer invalid = validate(type, input.path("properties"));
      if (invalid != null) {
        return invalid;
      }
    }
    for (JsonNode input : request.path("inputs")) {
      Rec rec = records.get(type).get(input.path("id").asText());
      if (rec == null) {
        missing.add(input.path("id").asText());
        continue;
      }
      input.path("properties").fields().forEachRemaining(p -> rec.set(p.getKey(), p.getValue().asText(), now));
      results.add(json(rec, null, List.of()));
    }
    return batch(results, missing);
  }

  private Answer upsert(String type, JsonNode request, Instant now) {
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode input : request.path("inputs")) {
      String idProperty = input.path("idProperty").asText();
      JsonNode definition = customProperties.getOrDefault(type, Map.of()).get(idProperty);
      if (definition == null || !definition.path("hasUniqueValue").asBoolean()) {
        return error(400, "VALIDATION_ERROR", "Property " + idProperty + " is not a unique identifier property of " + type);
      }
      if (!seen.add(input.path("id").asText())) {
        return error(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input: [" + input.path("id").asText() + "]. IDs must be unique");
      }
      Answer invalid = validate(type, input.path("properties"));
      if (invalid != null) {
        return invalid;
      }
    }
    List<Object> results = new ArrayList<>();
    for (JsonNode input : request.path("inputs")) {
      String idProperty = input.path("idProperty").asText();
      String key = input.path("id").asText();
      Rec rec = records.get(type).values().stream().filter(r -> key.equals(r.fields.get(idProperty))).findFirst().orElse(null);
      boolean created = rec == null;
      if (created) {
        rec = new Rec(type, ids.number(), now);
        rec.set(idProperty, key, now);
        records.get(type).put(rec.id, rec);
      }
      Rec target = rec;
      input.path("properties").fields().forEachRemaining(p -> target.set(p.getKey(), p.getValue().asText(), now));
      Map<String, Object> result = json(rec, null, List.of());
      result.put("new", created);
      results.add(result);
    }
    return batch(results, List.of());
  }

  private Answer read(String type, JsonNode request) {
    List<String> properties = new ArrayList<>();
    request.path("properties").forEach(p -> properties.add(p.asText()));
    List<Object> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode input : request.path("inputs")) {
      Rec rec = records.get(type).get(input.path("id").asText());
      if (rec == null) {
        missing.add(input.path("id").asText());
      } else {
        results.add(json(rec, properties, List.of()));
      }
    }
    return batch(results, missing);
  }

  private Answer associate(String from, String to, JsonNode request) {
    List<Object> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode input : request.path("inputs")) {
      Rec a = records.get(from).get(input.path("from").path("id").asText());
      Rec b = records.get(to).get(input.path("to").path("id").asText());
      if (a == null || b == null) {
        missing.add(a == null ? input.path("from").path("id").asText() : input.path("to").path("id").asText());
        continue;
      }
      a.link(to, b.id);
      b.link(from, a.id);
      results.add(Map.of("fromObjectTypeId", from, "fromObjectId", a.id, "toObjectTypeId", to, "toObjectId", b.id, "labels", List.of()));
    }
    Answer answer = batch(results, missing);
    return answer.status() == 200 ? new Answer(201, answer.contentType(), answer.body(), answer.headers()) : answer;
  }

  /** Every property must exist; enumeration values must be among its options (an empty string clears). */
  private Answer validate(String type, JsonNode properties) {
    for (var it = properties.fields(); it.hasNext(); ) {
      var property = it.next();
      String name = property.getKey();
      JsonNode custom = customProperties.getOrDefault(type, Map.of()).get(name);
      if (custom == null && !BUILT_IN.get(type).contains(name)) {
        return error(400, "VALIDATION_ERROR", "Property values were not valid: [{\"isValid\":false,\"message\":\"Property \\\"" + name
            + "\\\" does not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\",\"name\":\"" + name + "\"}]");
      }
      String value = property.getValue().asText();
      if (custom != null && "enumeration".equals(custom.path("type").asText()) && !value.isEmpty()) {
        boolean known = false;
        for (JsonNode option : custom.path("options")) {
          known |= option.path("value").asText().equals(value);
        }
        if (!known) {
          return error(400, "VALIDATION_ERROR", "Property values were not valid: [{\"isValid\":false,\"message\":\"" + value
              + " was not one of the allowed options\",\"error\":\"INVALID_OPTION\",\"name\":\"" + name + "\"}]");
        }
      }
    }
    return null;
  }

  private static Answer batch(List<Object> results, List<String> missing) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "COMPLETE");
    body.put("results", results);
    if (!missing.isEmpty()) {
      body.put("numErrors", 1);
      body.put("errors", List.of(Map.of("status", "error", "category", "OBJECT_NOT_FOUND", "message", "Could not get some records.",
          "context", Map.of("ids", missing))));
    }
    body.put("startedAt", Instant.now().toString());
    body.put("completedAt", Instant.now().toString());
    return Answer.json(missing.isEmpty() ? 200 : 207, body);
  }

  private static Map<String, Object> json(Rec rec, List<String> properties, List<String> associations) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("hs_object_id", rec.id);
    values.put("createdate", rec.createdAt.toString());
    values.put("hs_lastmodifieddate", rec.updatedAt.toString());
    rec.fields.forEach((k, v) -> {
      if (properties == null || properties.contains(k)) values.put(k, v);
    });
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", rec.id);
    json.put("properties", values);
    json.put("createdAt", rec.createdAt.toString());
    json.put("updatedAt", rec.updatedAt.toString());
    json.put("archived", false);
    Map<String, Object> linked = new LinkedHashMap<>();
    for (String type : associations) {
      Set<String> ids = rec.links.getOrDefault(type, Set.of());
      if (!ids.isEmpty()) {
        String singular = rec.type.substring(0, rec.type.length() - 1);
        String other = type.equals("companies") ? "company" : type.substring(0, type.length() - 1);
        linked.put(type, Map.of("results", ids.stream().map(id -> Map.of("id", id, "type", singular + "_to_" + other)).toList()));
      }
    }
    if (!linked.isEmpty()) json.put("associations", linked);
    return json;
  }

  private static List<String> list(String csv) {
    return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
  }

  private static Answer error(int status, String category, String message) {
    return Answer.json(status, Map.of("status", "error", "message", message, "correlationId", UUID.randomUUID().toString(),
        "category", category));
  }

  // -- what a sales rep does in HubSpot ------------------------------------------------------------

  /**
   * Creates a deal with its company, contacts and line items (one per product name), associated as HubSpot does;
   * {@code ownerId}: its owner (HubSpot owner id), or null.
   */
  public synchronized Map<String, Object> createDeal(String name, String amount, String companyName, String domain,
                                                     List<Map<String, String>> contacts, List<String> products, String ownerId) {
    Instant now = clock.instant();
    Rec company = new Rec("companies", ids.number(), now);
    company.set("name", companyName, now);
    if (domain != null) company.set("domain", domain, now);
    records.get("companies").put(company.id, company);
    Rec deal = new Rec("deals", ids.number(), now);
    deal.set("dealname", name, now);
    deal.set("amount", amount, now);
    deal.set("pipeline", "default", now);
    deal.set("dealstage", "contractsent", now);
    if (ownerId != null) deal.set("hubspot_owner_id", ownerId, now);
    records.get("deals").put(deal.id, deal);
    deal.link("companies", company.id);
    company.link("deals", deal.id);
    List<String> contactIds = new ArrayList<>();
    for (Map<String, String> c : contacts) {
      Rec contact = new Rec("contacts", ids.number(), now);
      c.forEach((k, v) -> contact.set(k, v, now));
      records.get("contacts").put(contact.id, contact);
      deal.link("contacts", contact.id);
      contact.link("deals", deal.id);
      contactIds.add(contact.id);
    }
    for (String product : products) {
      Rec item = new Rec("line_items", ids.number(), now);
      item.set("name", product, now);
      item.set("quantity", "1", now);
      records.get("line_items").put(item.id, item);
      deal.link("line_items", item.id);
      item.link("deals", deal.id);
    }
    return Map.of("dealId", deal.id, "companyId", company.id, "contactIds", contactIds);
  }

  /** Moves a deal to a stage, as a rep in the pipeline board; subscribed apps get a {@code deal.propertyChange}. */
  public Map<String, Object> moveDeal(String dealId, String stage) {
    synchronized (this) {
      Rec deal = records.get("deals").get(dealId);
      if (deal == null) {
        throw new IllegalArgumentException("no HubSpot deal " + dealId);
      }
      Instant now = clock.instant();
      deal.set("dealstage", stage, now);
      if (stage.equals("closedwon")) deal.set("closedate", now.toString(), now);
    }
    return Map.of("dealId", dealId, "dealstage", stage, "webhook", webhooks.dealStageChanged(dealId, stage));
  }

  /** A record as a test or the page sees it, or null. */
  public synchronized Rec record(String type, String id) {
    return records.get(type).get(id);
  }

  /** Records of a type linked to a record. */
  public synchronized List<Rec> linked(String type, String id, String linkedType) {
    Rec rec = records.get(type).get(id);
    if (rec == null) return List.of();
    return rec.links.getOrDefault(linkedType, Set.of()).stream().map(i -> records.get(linkedType).get(i)).toList();
  }

  @Override
  public synchronized Object view() {
    Map<String, Object> view = new LinkedHashMap<>();
    records.forEach((type, recs) -> view.put(type, recs.values().stream().map(r -> Map.of("id", r.id, "fields", Map.copyOf(r.fields),
        "history", List.copyOf(r.history), "links", Map.copyOf(r.links))).toList()));
    view.put("calls", calls);
    view.put("refused429", refused);
    view.put("customProperties", customProperties.values().stream().mapToInt(Map::size).sum());
    return view;
  }
}
