package io.onramp.connector.hubspot.webhook;

import io.onramp.connector.handoff.ClosedWonEvents;
import io.onramp.connector.hubspot.api.BatchResult;
import io.onramp.connector.hubspot.api.CrmRecord;
import io.onramp.connector.hubspot.api.HubSpotCrmApi;
import io.onramp.connector.hubspot.sync.HubSpotCalls;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import io.onramp.connector.hubspot.HubSpotProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A deal that reached closed-won becomes a handoff draft, pre-filled from HubSpot: the deal is
 * re-read (webhooks arrive unordered and late, so the event alone is not trusted), then its
 * company and contacts; handoff-service creates the draft once per deal.
 */
@Component
class ClosedWonDeals {

  private static final Logger log = LoggerFactory.getLogger(ClosedWonDeals.class);

  private final HubSpotCrmApi hubspot;
  private final HubSpotCalls calls;
  private final ClosedWonEvents handoffs;
  private final WebhookProperties properties;
  private final DraftNotice notice;
  private final Map<String, String> usernames = new HashMap<>();

  ClosedWonDeals(HubSpotCrmApi hubspot, HubSpotCalls calls, ClosedWonEvents handoffs, WebhookProperties properties,
                 HubSpotProperties hubspotProperties) {
    this.hubspot = hubspot;
    this.calls = calls;
    this.handoffs = handoffs;
    this.properties = properties;
    this.notice = new DraftNotice(hubspot, calls);
    hubspotProperties.ownerIds().forEach((username, ownerId) -> usernames.put(ownerId, username));
  }

  /** Returns the handoff id, or null when the deal is (no longer) closed-won. */
  String draftHandoff(String dealId) {
    CrmRecord deal = calls.call("deals.read", () -> hubspot.read("deals", dealId,
        "dealname,amount,closedate,dealstage,hubspot_owner_id", "companies,contacts,line_items")).getBody();
    if (deal == null || !properties.closedWonStages().contains(deal.properties().get("dealstage"))) {
      log.info("deal {} is not closed-won any more (stage {}); no handoff", dealId, deal == null ? null : deal.properties().get("dealstage"));
      return null;
    }
    Map<String, Object> account = new HashMap<>();
    Map<String, Object> crm = new HashMap<>(Map.of("hubspotDealId", dealId));
    List<String> companyIds = deal.associatedIds("companies");
    if (!companyIds.isEmpty()) {
      CrmRecord company = calls.call("companies.read", () -> hubspot.read("companies", companyIds.get(0), "name,domain", null)).getBody();
      crm.put("hubspotCompanyId", companyIds.get(0));
      if (company != null && company.properties().get("domain") != null && !company.properties().get("domain").isBlank()) {
        account.put("domain", company.properties().get("domain"));
      }
      account.put("name", company != null && company.properties().get("name") != null ? company.properties().get("name")
          : deal.properties().get("dealname"));
    } else {
      account.put("name", deal.properties().getOrDefault("dealname", "HubSpot deal " + dealId));
    }
    Map<String, Object> handoff = new HashMap<>(Map.of("account", account, "crm", crm));
    String amount = deal.properties().get("amount");
    if (amount != null && !amount.isBlank()) {
      handoff.put("arr", new BigDecimal(amount));
    }
    String closeDate = deal.properties().get("closedate");
    if (closeDate != null && !closeDate.isBlank()) {
      LocalDate closed = LocalDate.ofInstant(Instant.parse(closeDate), ZoneOffset.UTC);
      if (!closed.isAfter(LocalDate.now(ZoneOffset.UTC))) {
        handoff.put("closedWonDate", closed.toString());
      }
    }
    List<Map<String, Object>> products = products(deal.associatedIds("line_items"));
    if (!products.isEmpty()) {
      handoff.put("products", products);
    }
    List<Map<String, Object>> stakeholders = stakeholders(deal.associatedIds("contacts"));
    if (!stakeholders.isEmpty()) {
      handoff.put("stakeholders", stakeholders);
    }
    String ownerId = deal.properties().get("hubspot_owner_id");
    ClosedWonEvents.Draft draft = handoffs.create(handoff, ownerId == null ? null : usernames.get(ownerId));
    if (draft.open()) {
      notice.tellOwner(dealId, ownerId, draft, String.valueOf(account.get("name")));
    }
    log.info("closed-won deal {} → handoff {}", dealId, draft.id());
    return draft.id();
  }

  /** The deal's line items as the handoff's products (each name once, at most the handoff's 20). */
  private List<Map<String, Object>> products(List<String> lineItemIds) {
    if (lineItemIds.isEmpty()) {
      return List.of();
    }
    BatchResult items = calls.call("line_items.batch.read", () -> hubspot.batchRead("line_items", Map.of(
        "properties", List.of("name"), "inputs", lineItemIds.stream().limit(100).map(id -> Map.of("id", id)).toList()))).getBody();
    return (items == null ? List.<BatchResult.Result>of() : items.results()).stream().map(item -> item.properties().get("name"))
        .filter(name -> name != null && !name.isBlank()).map(String::strip).distinct().limit(20)
        .map(name -> Map.<String, Object>of("name", name.length() > 100 ? name.substring(0, 100) : name)).toList();
  }

  /** The deal's contacts (with an email) as stakeholders; HubSpot has no deal roles, so each is an end user until sales says more. */
  private List<Map<String, Object>> stakeholders(List<String> contactIds) {
    if (contactIds.isEmpty()) {
      return List.of();
    }
    BatchResult contacts = calls.call("contacts.batch.read", () -> hubspot.batchRead("contacts", Map.of(
        "properties", List.of("firstname", "lastname", "email"),
        "inputs", contactIds.stream().limit(50).map(id -> Map.of("id", id)).toList()))).getBody();
    List<Map<String, Object>> stakeholders = new ArrayList<>();
    for (BatchResult.Result contact : contacts == null ? List.<BatchResult.Result>of() : contacts.results()) {
      Map<String, String> p = contact.properties();
      if (p.get("email") == null || p.get("email").isBlank()) {
        continue;                                  // the handoff needs an email per stakeholder
      }
      String name = (String.valueOf(p.getOrDefault("firstname", "")) + " " + p.getOrDefault("lastname", "")).replace("null", "").trim();
      Map<String, Object> stakeholder = new HashMap<>(Map.of("role", "END_USER", "name", name.isEmpty() ? p.get("email") : name,
          "email", p.get("email")));
      stakeholders.add(stakeholder);
    }
    return stakeholders;
  }
}
