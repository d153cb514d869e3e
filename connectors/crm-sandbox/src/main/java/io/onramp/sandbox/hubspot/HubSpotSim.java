package io.onramp.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Call;
import io.onramp.sandbox.RateLimited;
import io.onramp.sandbox.Rec;
import io.onramp.sandbox.SandboxProperties;
import io.onramp.sandbox.Vendor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * HubSpot's CRM API for deals, companies, contacts and tasks as the connector uses it — the front door: private-app
 * bearer auth, the 10-second rolling and daily limits ({@link HubSpotLimits}), and the routes: single reads
 * with associations, batch update/upsert/read and v4 association batches ({@link HubSpotBatches}), custom
 * properties (409 when they exist; values checked against them, {@link HubSpotRecords}).
 */
@Component
public class HubSpotSim implements Vendor, RateLimited {

  private static final Pattern OBJECT = Pattern.compile("/crm/v3/objects/(deals|companies|contacts|tasks|line_items)/(\\d+)");
  private static final Pattern BATCH = Pattern.compile("/crm/v3/objects/(deals|companies|contacts|tasks|line_items)/batch/(update|upsert|read)");
  private static final Pattern PROPERTIES = Pattern.compile("/crm/v3/properties/(deals|companies|contacts|tasks)");
  private static final Pattern ASSOCIATE = Pattern.compile("/crm/v4/associations/(deals|companies|contacts|tasks)/(deals|companies|contacts|tasks)/batch/create");

  private final SandboxProperties.HubSpot account;
  private final HubSpotWebhooks webhooks;
  private final Clock clock;
  private final HubSpotRecords records = new HubSpotRecords();
  private final HubSpotBatches batches = new HubSpotBatches(records);
  private final HubSpotDeals deals = new HubSpotDeals(records);
  private final HubSpotLimits limits;
  private long calls;

  HubSpotSim(SandboxProperties properties, HubSpotWebhooks webhooks) {
    this.account = properties.hubspot();
    this.limits = new HubSpotLimits(account);
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
    limits.clear();
    calls = 0;
  }

  @Override
  public synchronized Answer handle(Call call) {
    if (account.token() == null || !("Bearer " + account.token()).equals(call.header("Authorization"))) {
      return error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
    }
    Instant now = clock.instant();
    Answer refused = limits.take(now);
    if (refused != null) {
      return limits.headers(refused);
    }
    calls++;
    return limits.headers(route(call, now));
  }

  @Override
  public Answer refusal() {
    return HubSpotLimits.refusal("TEN_SECONDLY_ROLLING");
  }

  private Answer route(Call call, Instant now) {
    Matcher m;
    if (call.method().equals("GET") && (m = OBJECT.matcher(call.path())).matches()) {
      Rec rec = records.get(m.group(1), m.group(2));
      if (rec == null) {
        return error(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.");
      }
      return Answer.json(200, HubSpotRecords.json(rec, list(call.query().get("properties")), list(call.query().get("associations"))));
    }
    if (call.method().equals("POST") && (m = BATCH.matcher(call.path())).matches()) {
      JsonNode request = call.json();
      if (request.path("inputs").size() > 100) {
        return error(400, "VALIDATION_ERROR", "Batch input is limited to 100 inputs; it has " + request.path("inputs").size());
      }
      return switch (m.group(2)) {
        case "update" -> batches.update(m.group(1), request, now);
        case "upsert" -> batches.upsert(m.group(1), request, now);
        default -> batches.read(m.group(1), request);
      };
    }
    if (call.method().equals("POST") && (m = PROPERTIES.matcher(call.path())).matches()) {
      JsonNode property = call.json();
      return records.define(m.group(1), property) ? Answer.json(201, property)
          : error(409, "CONFLICT", "Property named '" + property.path("name").asText() + "' already exists.");
    }
    if (call.method().equals("POST") && (m = ASSOCIATE.matcher(call.path())).matches()) {
      return batches.associate(m.group(1), m.group(2), call.json());
    }
    return error(404, "OBJECT_NOT_FOUND", "No such endpoint: " + call.method() + " " + call.path());
  }

  private static List<String> list(String csv) {
    return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
  }

  static Answer error(int status, String category, String message) {
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
    return deals.create(name, amount, companyName, domain, contacts, products, ownerId, clock.instant());
  }

  /** Moves a deal to a stage, as a rep in the pipeline board; subscribed apps get a {@code deal.propertyChange}. */
  public Map<String, Object> moveDeal(String dealId, String stage) {
    synchronized (this) {
      deals.move(dealId, stage, clock.instant());
    }
    return Map.of("dealId", dealId, "dealstage", stage, "webhook", webhooks.dealStageChanged(dealId, stage));
  }

  /** A record as a test or the page sees it, or null. */
  public synchronized Rec record(String type, String id) {
    return records.get(type, id);
  }

  /** Records of a type linked to a record. */
  public synchronized List<Rec> linked(String type, String id, String linkedType) {
    return records.linked(type, id, linkedType);
  }

  @Override
  public synchronized Object view() {
    Map<String, Object> view = records.view();
    view.put("calls", calls);
    view.put("refused429", limits.refused());
    return view;
  }
}
