package io.onramp.sandbox.salesforce;

import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Call;
import io.onramp.sandbox.RateLimited;
import io.onramp.sandbox.Rec;
import io.onramp.sandbox.SandboxProperties;
import io.onramp.sandbox.Vendor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A Salesforce org for what the connector uses — the front door: client-credentials sessions at
 * {@code instance_url}, the daily API allocation ({@code Sforce-Limit-Info} on every answer, 403
 * REQUEST_LIMIT_EXCEEDED beyond it), errors as {@code [{message, errorCode}]}, and the routes: sObject
 * Collections ({@link SalesforceCollections}), single reads and the SOQL queries ({@link SalesforceReads}).
 */
@Component
public class SalesforceSim implements Vendor, RateLimited {

  private static final Pattern SOBJECT = Pattern.compile("/services/data/v\\d+\\.\\d+/sobjects/(\\w+)/(\\w+)");
  private static final Pattern COLLECTION = Pattern.compile("/services/data/v\\d+\\.\\d+/composite/sobjects(?:/(\\w+)/(\\w+))?");
  private static final Pattern QUERY = Pattern.compile("/services/data/v\\d+\\.\\d+/query");

  private final SandboxProperties properties;
  private final SalesforceOutbound outbound;
  private final Clock clock = Clock.systemUTC();
  private final SalesforceRecords records = new SalesforceRecords();
  private final SalesforceCollections collections = new SalesforceCollections(records);
  private final SalesforceReads reads = new SalesforceReads(records);
  private final SalesforceOpportunities opportunities = new SalesforceOpportunities(records);
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
      return reads.sObject(m.group(1), m.group(2), call.query().get("fields"));
    }
    if (call.method().equals("PATCH") && (m = COLLECTION.matcher(call.path())).matches()) {
      return collections.write(m.group(1), m.group(2), call.json(), clock.instant());
    }
    if (call.method().equals("GET") && QUERY.matcher(call.path()).matches()) {
      return reads.query(call.query().getOrDefault("q", ""));
    }
    return notFound();
  }

  static Answer notFound() {
    return Answer.json(404, List.of(Map.of("errorCode", "NOT_FOUND", "message", "The requested resource does not exist")));
  }

  // -- what a sales rep does in Salesforce -----------------------------------------------------------

  /** An opportunity with its account, contacts and their roles on it. */
  public synchronized Map<String, Object> createOpportunity(String name, String amount, String accountName, String website,
                                                            List<Map<String, String>> contacts, List<String> products, String ownerId) {
    return opportunities.create(name, amount, accountName, website, contacts, products, ownerId, clock.instant());
  }

  /** Moves an opportunity to a stage; "Closed Won" sets IsWon and the Flow sends an Outbound Message. */
  public Map<String, Object> moveOpportunity(String id, String stage) {
    synchronized (this) {
      opportunities.move(id, stage, clock.instant());
    }
    String message = stage.equals("Closed Won") ? outbound.opportunityWon(id, stage) : "no Outbound Message (not won)";
    return Map.of("opportunityId", id, "StageName", stage, "outboundMessage", message);
  }

  public synchronized Rec record(String id) {
    return records.get(id);
  }

  /** Records of a type whose field equals a value. */
  public synchronized List<Rec> where(String type, String field, String value) {
    return records.where(type, field, value);
  }

  @Override
  public synchronized Object view() {
    Map<String, Object> view = records.view();
    view.put("apiUsage", used + "/" + properties.salesforce().dailyRequests());
    return view;
  }
}
