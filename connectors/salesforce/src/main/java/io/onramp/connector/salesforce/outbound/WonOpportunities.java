package io.onramp.connector.salesforce.outbound;

import io.onramp.connector.handoff.ClosedWonEvents;
import io.onramp.connector.salesforce.SalesforceProperties;
import io.onramp.connector.salesforce.api.SalesforceRestApi;
import io.onramp.connector.salesforce.sync.SalesforceCalls;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A won opportunity becomes a handoff draft: the opportunity is re-read (messages arrive late and
 * unordered), then its account and contact roles; the roles become stakeholders.
 */
@Component
class WonOpportunities {

  private static final Logger log = LoggerFactory.getLogger(WonOpportunities.class);

  /** Salesforce's standard contact roles → the handoff's stakeholder roles; others are end users. */
  static final Map<String, String> ROLES = Map.of("Executive Sponsor", "EXECUTIVE_SPONSOR", "Economic Buyer", "EXECUTIVE_SPONSOR",
      "Economic Decision Maker", "EXECUTIVE_SPONSOR", "Decision Maker", "EXECUTIVE_SPONSOR", "Influencer", "CHAMPION",
      "Evaluator", "CHAMPION", "Technical Buyer", "ADMIN", "Business User", "END_USER");

  private final SalesforceRestApi api;
  private final SalesforceCalls calls;
  private final ClosedWonEvents handoffs;
  private final SalesforceProperties properties;

  WonOpportunities(SalesforceRestApi api, SalesforceCalls calls, ClosedWonEvents handoffs, SalesforceProperties properties) {
    this.api = api;
    this.calls = calls;
    this.handoffs = handoffs;
    this.properties = properties;
  }

  /** Returns the handoff id, or null when the opportunity is (no longer) won. */
  String draftHandoff(String opportunityId) {
    String version = properties.apiVersion();
    Map<String, Object> opportunity = calls.call("opportunities.read", s -> api.read(URI.create(s.instanceUrl()), version,
        "Opportunity", opportunityId, "Id,Name,Amount,CloseDate,IsWon,AccountId,OwnerId")).getBody();
    if (opportunity == null || !Boolean.TRUE.equals(opportunity.get("IsWon"))) {
      log.info("opportunity {} is not won (any more); no handoff", opportunityId);
      return null;
    }
    Map<String, Object> account = new HashMap<>(Map.of("name", String.valueOf(opportunity.get("Name"))));
    Map<String, Object> crm = new HashMap<>(Map.of("salesforceOpportunityId", opportunityId));
    Object accountId = opportunity.get("AccountId");
    if (accountId != null) {
      crm.put("salesforceAccountId", accountId.toString());
      Map<String, Object> sfAccount = calls.call("accounts.read", s -> api.read(URI.create(s.instanceUrl()), version, "Account",
          accountId.toString(), "Name,Website")).getBody();
      if (sfAccount != null && sfAccount.get("Name") != null) {
        account.put("name", sfAccount.get("Name").toString());
      }
      if (sfAccount != null && sfAccount.get("Website") != null) {
        String domain = sfAccount.get("Website").toString().replaceFirst("^https?://", "").replaceFirst("^www\\.", "").replaceFirst("/.*$", "");
        if (!domain.isBlank()) account.put("domain", domain);
      }
    }
    Map<String, Object> handoff = new HashMap<>(Map.of("account", account, "crm", crm));
    if (opportunity.get("Amount") != null) handoff.put("arr", new BigDecimal(opportunity.get("Amount").toString()));
    if (opportunity.get("CloseDate") != null) {
      LocalDate closed = LocalDate.parse(opportunity.get("CloseDate").toString());
      if (!closed.isAfter(LocalDate.now(ZoneOffset.UTC))) handoff.put("closedWonDate", closed.toString());
    }
    List<Map<String, Object>> products = products(opportunityId, version);
    if (!products.isEmpty()) handoff.put("products", products);
    List<Map<String, Object>> stakeholders = stakeholders(opportunityId, version);
    if (!stakeholders.isEmpty()) handoff.put("stakeholders", stakeholders);
    String ownerId = opportunity.get("OwnerId") == null ? null : opportunity.get("OwnerId").toString();
    ClosedWonEvents.Draft draft = handoffs.create(handoff, ownerId == null ? null : username(ownerId));
    if (draft.open()) {
      tellOwner(opportunityId, ownerId, draft, String.valueOf(account.get("name")));
    }
    log.info("won opportunity {} → handoff {}", opportunityId, draft.id());
    return draft.id();
  }

  private String username(String salesforceUserId) {
    return properties.ownerIds().entrySet().stream().filter(e -> e.getValue().equals(salesforceUserId)).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  /**
   * The owner's task on the opportunity with the link to the draft (upserted on the task key {@code handoff-<id>}: never
   * twice), and the same link in the opportunity's handoff field.
   */
  private void tellOwner(String opportunityId, String ownerId, ClosedWonEvents.Draft draft, String accountName) {
    String version = properties.apiVersion();
    Map<String, Object> task = new java.util.LinkedHashMap<>();
    task.put("attributes", Map.of("type", "Task"));
    task.put(properties.taskKeyField(), draft.taskKey());
    task.put("Subject", draft.taskSubject(accountName));
    task.put("Status", "Not Started");
    task.put("Priority", "High");
    task.put("ActivityDate", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString());
    task.put("WhatId", opportunityId);
    if (ownerId != null) task.put("OwnerId", ownerId);
    task.put("Description", draft.taskBody("opportunity"));
    calls.call("tasks.upsert", s -> api.upsert(URI.create(s.instanceUrl()), version, "Task", properties.taskKeyField(),
        Map.of("allOrNone", false, "records", List.of(task))));
    Map<String, Object> link = new java.util.LinkedHashMap<>();
    link.put("attributes", Map.of("type", properties.opportunityObject()));
    link.put("id", opportunityId);
    link.put(properties.handoffUrlField(), draft.link());
    calls.call("opportunities.update", s -> api.update(URI.create(s.instanceUrl()), version,
        Map.of("allOrNone", false, "records", List.of(link))));
  }

  /** The opportunity's products (its line items' Product2 names, each once, at most the handoff's 20). */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> products(String opportunityId, String version) {
    String soql = "SELECT Product2.Name FROM OpportunityLineItem WHERE OpportunityId = '" + opportunityId.replaceAll("[^A-Za-z0-9]", "") + "'";
    Map<String, Object> result = calls.call("lineitems.query", s -> api.query(URI.create(s.instanceUrl()), version, soql)).getBody();
    return ((List<Map<String, Object>>) result.getOrDefault("records", List.of())).stream()
        .map(item -> item.get("Product2") instanceof Map<?, ?> product && product.get("Name") != null ? product.get("Name").toString().strip() : "")
        .filter(name -> !name.isEmpty()).distinct().limit(20)
        .map(name -> Map.<String, Object>of("name", name.length() > 100 ? name.substring(0, 100) : name)).toList();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> stakeholders(String opportunityId, String version) {
    String soql = "SELECT Role, Contact.FirstName, Contact.LastName, Contact.Email, Contact.Phone FROM OpportunityContactRole "
        + "WHERE OpportunityId = '" + opportunityId.replaceAll("[^A-Za-z0-9]", "") + "'";
    Map<String, Object> result = calls.call("contactroles.query", s -> api.query(URI.create(s.instanceUrl()), version, soql)).getBody();
    List<Map<String, Object>> stakeholders = new ArrayList<>();
    for (Map<String, Object> role : (List<Map<String, Object>>) result.getOrDefault("records", List.of())) {
      Map<String, Object> contact = (Map<String, Object>) role.get("Contact");
      if (contact == null || contact.get("Email") == null) {
        continue;                                  // the handoff needs an email per stakeholder
      }
      Map<String, Object> stakeholder = new HashMap<>();
      stakeholder.put("role", ROLES.getOrDefault(String.valueOf(role.get("Role")), "END_USER"));
      stakeholder.put("name", (String.valueOf(contact.getOrDefault("FirstName", "")) + " " + contact.getOrDefault("LastName", "")).trim());
      stakeholder.put("email", contact.get("Email"));
      stakeholders.add(stakeholder);
    }
    return stakeholders;
  }
}
