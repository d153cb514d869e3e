package io.onramp.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Call;
import io.onramp.sandbox.Ids;
import io.onramp.sandbox.RateLimited;
import io.onramp.sandbox.Rec;
import io.onramp.sandbox.SandboxProperties;
import io.onramp.sandbox.Vendor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A Salesforce org for what the connector uses: client-credentials sessions at {@code instance_url},
 * sObject Collections update and upsert by external id (≤200, one result per record in order),
 * single reads, the OpportunityContactRole SOQL query, errors as {@code [{message, errorCode}]},
 * and the daily API allocation ({@code Sforce-Limit-Info} on every answer, 403
 * REQUEST_LIMIT_EXCEEDED beyond it).
 */
@Component
public class SalesforceSim implements Vendor, RateLimited {

  private static final Map<String, String> PREFIX = Map.of("Opportunity", "006", "Account", "001", "Contact", "003",
      "OpportunityContactRole", "00K", "Task", "00T", "Product2", "01t", "OpportunityLineItem", "00k");
  private static final Map<String, Set<String>> FIELDS = Map.of(
      "Opportunity", Set.of("Name", "Amount", "CloseDate", "StageName", "IsWon", "AccountId", "Onboarding_Stage__c",
          "Onboarding_Health__c", "Onboarding_TTV_Days__c", "Onboarding_URL__c", "Onboarding_Handoff_URL__c", "OwnerId"),
      "Account", Set.of("Name", "Website"),
      "Contact", Set.of("FirstName", "LastName", "Email", "Phone", "AccountId"),
      "OpportunityContactRole", Set.of("OpportunityId", "ContactId", "Role"),
      "Product2", Set.of("Name"),
      "OpportunityLineItem", Set.of("OpportunityId", "Product2Id", "Quantity"),
      "Task", Set.of("Subject", "Status", "Priority", "ActivityDate", "WhatId", "WhoId", "OwnerId", "Description",
          "Onboarding_Task_Key__c"));
  private static final Pattern SOBJECT = Pattern.compile("/services/data/v\\d+\\.\\d+/sobjects/(\\w+)/(\\w+)");
  private static final Pattern COLLECTION = Pattern.compile("/services/data/v\\d+\\.\\d+/composite/sobjects(?:/(\\w+)/(\\w+))?");
  private static final Pattern QUERY = Pattern.compile("/services/data/v\\d+\\.\\d+/query");
  private static final Pattern CONTACT_ROLES = Pattern.compile(
      "SELECT Role, Contact\\.FirstName, Contact\\.LastName, Contact\\.Email, Contact\\.Phone FROM OpportunityContactRole "
          + "WHERE OpportunityId = '(\\w+)'");
  private static final Pattern LINE_ITEMS = Pattern.compile("SELECT Product2\\.Name FROM OpportunityLineItem WHERE OpportunityId = '(\\w+)'");

  private final SandboxProperties properties;
  private final SalesforceOutbound outbound;
  private final Clock clock = Clock.systemUTC();
  private final Ids ids = new Ids();
  private final Map<String, Rec> records = new LinkedHashMap<>();
  private final Set<String> sessions = new HashSet<>();
  private long used;

  SalesforceSim(SandboxProperties properties, SalesforceOutbound outbound) {
    this.properties = properties;
    this.outbound = outbound;
  }

  @Override
  public String name() {
    return "salesforce";
  }

  @Override
  public synchronized void reset() {
    records.clear();
    sessions.clear();
    used = 0;
  }

  @Override
  public synchronized Answer handle(Call call) {
    if (call.is("POST", "/services/oauth2/token")) {
      return token(call);
    }
    String authorization = call.header("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ") || !sessions.contains(authorization.substring(7))) {
      return Answer.json(401, List.of(Map.of("message", "Session expired or invalid", "errorCode", "INVALID_SESSION_ID")));
    }
    long max = properties.salesforce().dailyRequests();
    if (used >= max) {
      return refusal();
    }
    used++;
    return route(call).header("Sforce-Limit-Info", "api-usage=" + used + "/" + max);
  }

  @Override
  public Answer refusal() {
    return Answer.json(403, List.of(Map.of("message", "TotalRequests Limit exceeded.", "errorCode", "REQUEST_LIMIT_EXCEEDED")))
        .header("Sforce-Limit-Info", "api-usage=" + used + "/" + properties.salesforce().dailyRequests());
  }

  private Answer token(Call call) {
    Map<String, String> form = new HashMap<>();
    for (String pair : call.text().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    SandboxProperties.Salesforce org = properties.salesforce();
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return Answer.json(400, Map.of("error", "unsupported_grant_type", "error_description", "grant type not supported"));
    }
    if (org.clientId() == null || !org.clientId().equals(form.get("client_id")) || !String.valueOf(org.clientSecret()).equals(form.get("client_secret"))) {
      return Answer.json(400, Map.of("error", "invalid_client", "error_description", "invalid client credentials"));
    }
    String token = org.organizationId().substring(0, 15) + "!" + UUID.randomUUID().toString().replace("-", "");
    sessions.add(token);
    return Answer.json(200, Map.of("access_token", token, "instance_url", properties.publicUrl() + "/salesforce",
        "id", properties.publicUrl() + "/salesforce/id/" + org.organizationId() + "/0055g00000SANDBOX", "token_type", "Bearer",
        "issued_at", Long.toString(clock.millis()), "signature", "c2FuZGJveA=="));
  }

  private Answer route(Call call) {
    Matcher m;
    if (call.method().equals("GET") && (m = SOBJECT.matcher(call.path())).matches()) {
      Rec rec = records.get(m.group(2));
      if (rec == null || !rec.type.equals(m.group(1))) {
        return Answer.json(404, List.of(Map.of("errorCode", "NOT_FOUND", "message", "The requested resource does not exist")));
      }
      String fields = call.query().getOrDefault("fields", String.join(",", FIELDS.get(rec.type)));
      Map<String, Object> json = attributes(rec);
      for (String field : fields.split(",")) {
        if (field.equals("Id")) continue;
        if (!FIELDS.get(rec.type).contains(field)) {
          return Answer.json(400, List.of(Map.of("errorCode", "INVALID_FIELD", "message", "No such column '" + field + "' on entity '"
              + rec.type + "'.")));
        }
        json.put(field, typed(field, rec.fields.get(field)));
      }
      return Answer.json(200, json);
    }
    if (call.method().equals("PATCH") && (m = COLLECTION.matcher(call.path())).matches()) {
      JsonNode request = call.json();
      if (request.path("records").size() > 200) {
        return Answer.json(400, List.of(Map.of("errorCode", "EXCEEDED_ID_LIMIT", "message", "record limit reached. cannot submit more than 200 records into this call")));
      }
      List<Object> results = new ArrayList<>();
      for (JsonNode record : request.path("records")) {
        results.add(m.group(1) == null ? update(record) : upsert(m.group(1), m.group(2), record));
      }
      return Answer.json(200, results);
    }
    if (call.method().equals("GET") && QUERY.matcher(call.path()).matches()) {
      Matcher products = LINE_ITEMS.matcher(call.query().getOrDefault("q", ""));
      if (products.matches()) {
        return lineItems(products.group(1));
      }
      Matcher q = CONTACT_ROLES.matcher(call.query().getOrDefault("q", ""));
      if (!q.matches()) {
        return Answer.json(400, List.of(Map.of("errorCode", "MALFORMED_QUERY", "message", "the sandbox answers only the queries Onramp sends")));
      }
      List<Object> rows = new ArrayList<>();
      for (Rec role : records.values()) {
        if (role.type.equals("OpportunityContactRole") && q.group(1).equals(role.fields.get("OpportunityId"))) {
          Rec contact = records.get(role.fields.get("ContactId"));
          Map<String, Object> row = attributes(role);
          row.put("Role", role.fields.get("Role"));
          Map<String, Object> c = attributes(contact);
          for (String f : List.of("FirstName", "LastName", "Email", "Phone")) c.put(f, contact.fields.get(f));
          row.put("Contact", c);
          rows.add(row);
        }
      }
      return Answer.json(200, Map.of("totalSize", rows.size(), "done", true, "records", rows));
    }
    return Answer.json(404, List.of(Map.of("errorCode", "NOT_FOUND", "message", "The requested resource does not exist")));
  }

  /** {@code SELECT Product2.Name FROM OpportunityLineItem WHERE OpportunityId = '…'}: the relationship as a nested record. */
  private Answer lineItems(String opportunityId) {
    List<Object> rows = new ArrayList<>();
    for (Rec item : records.values()) {
      if (item.type.equals("OpportunityLineItem") && opportunityId.equals(item.fields.get("OpportunityId"))) {
        Map<String, Object> row = attributes(item);
        Rec product = records.get(item.fields.get("Product2Id"));
        Map<String, Object> p = attributes(product);
        p.put("Name", product.fields.get("Name"));
        row.put("Product2", p);
        rows.add(row);
      }
    }
    return Answer.json(200, Map.of("totalSize", rows.size(), "done", true, "records", rows));
  }

  private Map<String, Object> update(JsonNode record) {
    String type = record.path("attributes").path("type").asText();
    Rec rec = records.get(record.path("id").asText());
    if (rec == null || !rec.type.equals(type)) {
      return failure(null, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of());
    }
    Map<String, Object> invalid = invalidFields(type, record);
    if (invalid != null) return invalid;
    write(rec, record);
    return Map.of("id", rec.id, "success", true, "errors", List.of());
  }

  private Map<String, Object> upsert(String type, String externalIdField, JsonNode record) {
    if (!FIELDS.containsKey(type) || !externalIdField.endsWith("__c") || !FIELDS.get(type).contains(externalIdField)) {
      return failure(null, "INVALID_FIELD", "Field " + externalIdField + " is not an external id field of " + type, List.of(externalIdField));
    }
    Map<String, Object> invalid = invalidFields(type, record);
    if (invalid != null) return invalid;
    String key = record.path(externalIdField).asText();
    if (key.isEmpty()) {
      return failure(null, "MISSING_ARGUMENT", externalIdField + " not specified", List.of(externalIdField));
    }
    String whatId = record.path("WhatId").asText(null);
    if (whatId != null && !records.containsKey(whatId)) {
      return failure(null, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("WhatId"));
    }
    Rec rec = records.values().stream().filter(r -> r.type.equals(type) && key.equals(r.fields.get(externalIdField))).findFirst().orElse(null);
    boolean created = rec == null;
    if (created) {
      rec = new Rec(type, ids.salesforce(PREFIX.get(type)), clock.instant());
      records.put(rec.id, rec);
    }
    write(rec, record);
    return Map.of("id", rec.id, "success", true, "errors", List.of(), "created", created);
  }

  private Map<String, Object> invalidFields(String type, JsonNode record) {
    for (var it = record.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("attributes") && !field.equals("id") && !FIELDS.getOrDefault(type, Set.of()).contains(field)) {
        return failure(null, "INVALID_FIELD", "No such column '" + field + "' on sobject of type " + type, List.of(field));
      }
    }
    return null;
  }

  private void write(Rec rec, JsonNode record) {
    Instant now = clock.instant();
    record.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("attributes") && !f.getKey().equals("id")) {
        rec.set(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText(), now);
      }
    });
  }

  private static Map<String, Object> failure(String id, String code, String message, List<String> fields) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", id);
    result.put("success", false);
    result.put("errors", List.of(Map.of("statusCode", code, "message", message, "fields", fields)));
    return result;
  }

  private Map<String, Object> attributes(Rec rec) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("attributes", Map.of("type", rec.type, "url", "/services/data/v62.0/sobjects/" + rec.type + "/" + rec.id));
    json.put("Id", rec.id);
    return json;
  }

  private static Object typed(String field, String value) {
    if (value == null) return null;
    return switch (field) {
      case "IsWon" -> Boolean.parseBoolean(value);
      case "Amount", "Onboarding_TTV_Days__c" -> Double.parseDouble(value);
      default -> value;
    };
  }

  // -- what a sales rep does in Salesforce -----------------------------------------------------------

  /** An opportunity with its account, contacts and their roles on it. */
  public synchronized Map<String, Object> createOpportunity(String name, String amount, String accountName, String website,
                                                            List<Map<String, String>> contacts, List<String> products, String ownerId) {
    Instant now = clock.instant();
    Rec account = new Rec("Account", ids.salesforce("001"), now);
    account.set("Name", accountName, now);
    if (website != null) account.set("Website", website, now);
    records.put(account.id, account);
    Rec opportunity = new Rec("Opportunity", ids.salesforce("006"), now);
    opportunity.set("Name", name, now);
    opportunity.set("Amount", amount, now);
    opportunity.set("StageName", "Negotiation/Review", now);
    opportunity.set("IsWon", "false", now);
    opportunity.set("CloseDate", LocalDate.now(ZoneOffset.UTC).toString(), now);
    opportunity.set("AccountId", account.id, now);
    if (ownerId != null) opportunity.set("OwnerId", ownerId, now);
    records.put(opportunity.id, opportunity);
    List<String> contactIds = new ArrayList<>();
    for (Map<String, String> c : contacts) {
      Rec contact = new Rec("Contact", ids.salesforce("003"), now);
      for (String f : List.of("FirstName", "LastName", "Email")) contact.set(f, c.get(f), now);
      contact.set("AccountId", account.id, now);
      records.put(contact.id, contact);
      Rec role = new Rec("OpportunityContactRole", ids.salesforce("00K"), now);
      role.set("OpportunityId", opportunity.id, now);
      role.set("ContactId", contact.id, now);
      role.set("Role", c.getOrDefault("Role", "Business User"), now);
      records.put(role.id, role);
      contactIds.add(contact.id);
    }
    for (String productName : products) {
      Rec product = new Rec("Product2", ids.salesforce("01t"), now);
      product.set("Name", productName, now);
      records.put(product.id, product);
      Rec item = new Rec("OpportunityLineItem", ids.salesforce("00k"), now);
      item.set("OpportunityId", opportunity.id, now);
      item.set("Product2Id", product.id, now);
      item.set("Quantity", "1", now);
      records.put(item.id, item);
    }
    return Map.of("opportunityId", opportunity.id, "accountId", account.id, "contactIds", contactIds);
  }

  /** Moves an opportunity to a stage; "Closed Won" sets IsWon and the Flow sends an Outbound Message. */
  public Map<String, Object> moveOpportunity(String id, String stage) {
    synchronized (this) {
      Rec opportunity = records.get(id);
      if (opportunity == null || !opportunity.type.equals("Opportunity")) {
        throw new IllegalArgumentException("no Salesforce opportunity " + id);
      }
      Instant now = clock.instant();
      opportunity.set("StageName", stage, now);
      opportunity.set("IsWon", Boolean.toString(stage.equals("Closed Won")), now);
      opportunity.set("CloseDate", LocalDate.now(ZoneOffset.UTC).toString(), now);
    }
    String message = stage.equals("Closed Won") ? outbound.opportunityWon(id, stage) : "no Outbound Message (not won)";
    return Map.of("opportunityId", id, "StageName", stage, "outboundMessage", message);
  }

  public synchronized Rec record(String id) {
    return records.get(id);
  }

  /** Records of a type whose field equals a value. */
  public synchronized List<Rec> where(String type, String field, String value) {
    return records.values().stream().filter(r -> r.type.equals(type) && value.equals(r.fields.get(field))).toList();
  }

  @Override
  public synchronized Object view() {
    Map<String, List<Object>> byType = new LinkedHashMap<>();
    for (String type : List.of("Opportunity", "Account", "Contact", "OpportunityContactRole", "Product2", "OpportunityLineItem", "Task")) {
      byType.put(type, new ArrayList<>());
    }
    records.values().forEach(r -> byType.computeIfAbsent(r.type, t -> new ArrayList<>()).add(Map.of("id", r.id, "fields", new LinkedHashMap<>(r.fields),
        "history", List.copyOf(r.history))));
    Map<String, Object> view = new LinkedHashMap<>(byType);
    view.put("apiUsage", used + "/" + properties.salesforce().dailyRequests());
    return view;
  }
}
