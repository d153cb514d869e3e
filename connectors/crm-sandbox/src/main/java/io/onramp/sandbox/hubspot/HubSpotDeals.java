package io.onramp.sandbox.hubspot;

import io.onramp.sandbox.Rec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a sales rep does in HubSpot: a deal with its company, contacts and products, and its moves through the pipeline. */
final class HubSpotDeals {

  private final HubSpotRecords records;

  HubSpotDeals(HubSpotRecords records) {
    this.records = records;
  }

  Map<String, Object> create(String name, String amount, String companyName, String domain, List<Map<String, String>> contacts,
                             List<String> products, String ownerId, Instant now) {
    Rec company = records.create("companies", now);
    company.set("name", companyName, now);
    if (domain != null) company.set("domain", domain, now);
    Rec deal = records.create("deals", now);
    deal.set("dealname", name, now);
    deal.set("amount", amount, now);
    deal.set("pipeline", "default", now);
    deal.set("dealstage", "contractsent", now);
    if (ownerId != null) deal.set("hubspot_owner_id", ownerId, now);
    HubSpotRecords.link(deal, company);
    List<String> contactIds = new ArrayList<>();
    for (Map<String, String> c : contacts) {
      Rec contact = records.create("contacts", now);
      c.forEach((k, v) -> contact.set(k, v, now));
      HubSpotRecords.link(deal, contact);
      contactIds.add(contact.id);
    }
    for (String product : products) {
      Rec item = records.create("line_items", now);
      item.set("name", product, now);
      item.set("quantity", "1", now);
      HubSpotRecords.link(deal, item);
    }
    return Map.of("dealId", deal.id, "companyId", company.id, "contactIds", contactIds);
  }

  void move(String dealId, String stage, Instant now) {
    Rec deal = records.get("deals", dealId);
    if (deal == null) {
      throw new IllegalArgumentException("no HubSpot deal " + dealId);
    }
    deal.set("dealstage", stage, now);
    if (stage.equals("closedwon")) deal.set("closedate", now.toString(), now);
  }
}
