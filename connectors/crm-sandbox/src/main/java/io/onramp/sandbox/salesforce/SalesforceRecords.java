package io.onramp.sandbox.salesforce;

import io.onramp.sandbox.Ids;
import io.onramp.sandbox.Rec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One org's records by id (18-character keys with their object's prefix), the fields each object has, and records
 * as Salesforce renders them. Not thread-safe: {@link SalesforceSim} holds the lock.
 */
final class SalesforceRecords {

  private static final Map<String, String> PREFIX = Map.of("Opportunity", "006", "Account", "001", "Contact", "003",
      "OpportunityContactRole", "00K", "Task", "00T", "Product2", "01t", "OpportunityLineItem", "00k");
  static final Map<String, Set<String>> FIELDS = Map.of(
      "Opportunity", Set.of("Name", "Amount", "CloseDate", "StageName", "IsWon", "AccountId", "Onboarding_Stage__c",
          "Onboarding_Health__c", "Onboarding_TTV_Days__c", "Onboarding_URL__c", "Onboarding_Handoff_URL__c", "OwnerId"),
      "Account", Set.of("Name", "Website"),
      "Contact", Set.of("FirstName", "LastName", "Email", "Phone", "AccountId"),
      "OpportunityContactRole", Set.of("OpportunityId", "ContactId", "Role"),
      "Product2", Set.of("Name"),
      "OpportunityLineItem", Set.of("OpportunityId", "Product2Id", "Quantity"),
      "Task", Set.of("Subject", "Status", "Priority", "ActivityDate", "WhatId", "WhoId", "OwnerId", "Description",
          "Onboarding_Task_Key__c"));

  private final Ids ids = new Ids();
  private final Map<String, Rec> records = new LinkedHashMap<>();

  void clear() {
    records.clear();
  }

  Rec get(String id) {
    return records.get(id);
  }

  boolean exists(String id) {
    return records.containsKey(id);
  }

  Rec create(String type, Instant now) {
    Rec rec = new Rec(type, ids.salesforce(PREFIX.get(type)), now);
    records.put(rec.id, rec);
    return rec;
  }

  /** Records of a type whose field equals a value. */
  List<Rec> where(String type, String field, String value) {
    return records.values().stream().filter(r -> r.type.equals(type) && value.equals(r.fields.get(field))).toList();
  }

  static Map<String, Object> attributes(Rec rec) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("attributes", Map.of("type", rec.type, "url", "/services/data/v62.0/sobjects/" + rec.type + "/" + rec.id));
    json.put("Id", rec.id);
    return json;
  }

  /** A field's value as Salesforce types it in JSON. */
  static Object typed(String field, String value) {
    if (value == null) return null;
    return switch (field) {
      case "IsWon" -> Boolean.parseBoolean(value);
      case "Amount", "Onboarding_TTV_Days__c" -> Double.parseDouble(value);
      default -> value;
    };
  }

  /** Every record by object type, with its history. */
  Map<String, Object> view() {
    Map<String, List<Object>> byType = new LinkedHashMap<>();
    for (String type : List.of("Opportunity", "Account", "Contact", "OpportunityContactRole", "Product2", "OpportunityLineItem", "Task")) {
      byType.put(type, new ArrayList<>());
    }
    records.values().forEach(r -> byType.computeIfAbsent(r.type, t -> new ArrayList<>()).add(Map.of("id", r.id, "fields",
        new LinkedHashMap<>(r.fields), "history", List.copyOf(r.history))));
    return new LinkedHashMap<>(byType);
  }
}
