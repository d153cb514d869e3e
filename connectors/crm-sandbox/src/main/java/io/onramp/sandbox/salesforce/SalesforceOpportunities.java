package io.onramp.sandbox.salesforce;

import io.onramp.sandbox.Rec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a sales rep does in Salesforce: an opportunity with its account, contacts, roles and products, and its stages. */
final class SalesforceOpportunities {

  private final SalesforceRecords records;

  SalesforceOpportunities(SalesforceRecords records) {
    this.records = records;
  }

  Map<String, Object> create(String name, String amount, String accountName, String website, List<Map<String, String>> contacts,
                             List<String> products, String ownerId, Instant now) {
    Rec account = records.create("Account", now);
    account.set("Name", accountName, now);
    if (website != null) account.set("Website", website, now);
    Rec opportunity = records.create("Opportunity", now);
    opportunity.set("Name", name, now);
    opportunity.set("Amount", amount, now);
    opportunity.set("StageName", "Negotiation/Review", now);
    opportunity.set("IsWon", "false", now);
    opportunity.set("CloseDate", LocalDate.now(ZoneOffset.UTC).toString(), now);
    opportunity.set("AccountId", account.id, now);
    if (ownerId != null) opportunity.set("OwnerId", ownerId, now);
    List<String> contactIds = new ArrayList<>();
    for (Map<String, String> c : contacts) {
      Rec contact = records.create("Contact", now);
      for (String f : List.of("FirstName", "LastName", "Email")) contact.set(f, c.get(f), now);
      contact.set("AccountId", account.id, now);
      Rec role = records.create("OpportunityContactRole", now);
      role.set("OpportunityId", opportunity.id, now);
      role.set("ContactId", contact.id, now);
      role.set("Role", c.getOrDefault("Role", "Business User"), now);
      contactIds.add(contact.id);
    }
    for (String productName : products) {
      Rec product = records.create("Product2", now);
      product.set("Name", productName, now);
      Rec item = records.create("OpportunityLineItem", now);
      item.set("OpportunityId", opportunity.id, now);
      item.set("Product2Id", product.id, now);
      item.set("Quantity", "1", now);
    }
    return Map.of("opportunityId", opportunity.id, "accountId", account.id, "contactIds", contactIds);
  }

  /** "Closed Won" sets IsWon. */
  void move(String id, String stage, Instant now) {
    Rec opportunity = records.get(id);
    if (opportunity == null || !opportunity.type.equals("Opportunity")) {
      throw new IllegalArgumentException("no Salesforce opportunity " + id);
    }
    opportunity.set("StageName", stage, now);
    opportunity.set("IsWon", Boolean.toString(stage.equals("Closed Won")), now);
    opportunity.set("CloseDate", LocalDate.now(ZoneOffset.UTC).toString(), now);
  }
}
