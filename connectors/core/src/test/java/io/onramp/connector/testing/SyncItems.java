package io.onramp.connector.testing;

import java.util.ArrayList;
import java.util.List;

/** Claimed items exactly as engine-service's sync API returns them, linked to records of one CRM. */
public final class SyncItems {

  /** Onboarding i linked to HubSpot deal 7000+i and company 8000+i. */
  public static final SyncItems HUBSPOT = new SyncItems(i -> "\"hubspotDealId\":\"%d\",\"hubspotCompanyId\":\"%d\"".formatted(7000 + i, 8000 + i));
  /** Onboarding i linked to Salesforce opportunity 006…(7000+i) and account 001…(8000+i). */
  public static final SyncItems SALESFORCE = new SyncItems(i ->
      "\"salesforceOpportunityId\":\"006%012dAAA\",\"salesforceAccountId\":\"001%012dAAA\"".formatted(7000 + i, 8000 + i));

  private final java.util.function.IntFunction<String> links;

  private SyncItems(java.util.function.IntFunction<String> links) {
    this.links = links;
  }

  public String onboardings(int count) {
    List<String> items = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      items.add("""
          {"id":%d,"kind":"ONBOARDING","subject":"onboarding:pi-%d","version":4,"attempts":0,
           "changedAt":"2026-11-23T01:00:00Z","leaseUntil":"2026-11-23T01:02:00Z","lease":"3f2b6c1e-lease","onboarding":%s}
          """.formatted(i, i, onboarding(i)));
    }
    return "[" + String.join(",", items) + "]";
  }

  /** One onboarding item, now in {@code stage} at version 9, that passed {@code passed} ("STAGE:version", oldest first). */
  public String passing(int i, String stage, String... passed) {
    return """
        {"id":%d,"kind":"ONBOARDING","subject":"onboarding:pi-%d","version":9,"attempts":0,
         "changedAt":"2026-11-23T01:00:00Z","leaseUntil":"2026-11-23T01:02:00Z","lease":"3f2b6c1e-lease","onboarding":%s%s}
        """.formatted(i, i, onboarding(i).replace("\"KICKOFF\"", "\"" + stage + "\""), PassedStagesJson.member(passed));
  }

  public String tasks(String status, String... keys) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      items.add("""
          {"id":%d,"kind":"TASK","subject":"task:%s","version":5,"attempts":0,"changedAt":"2026-11-23T01:00:00Z",
           "leaseUntil":"2026-11-23T01:02:00Z","lease":"3f2b6c1e-lease","onboarding":%s,
           "task":{"key":"%s","taskId":"%s","taskDefinitionKey":"Task_HoldKickoffCall","name":"Hold kickoff call",
                   "assignee":"casey","candidateGroups":["csm"],"createdAt":"2026-11-23T01:00:00Z","dueAt":"2026-11-30T09:00:00Z",
                   "priority":50,"status":"%s","url":"http://localhost:8081/camunda/app/tasklist/default/#/?task=%s"}}
          """.formatted(100 + i, keys[i], onboarding(1), keys[i], keys[i], status, keys[i]));
    }
    return "[" + String.join(",", items) + "]";
  }

  private String onboarding(int i) {
    return """
        {"id":"pi-%d","businessKey":"H-%d","processDefinitionKey":"customer-onboarding","accountName":"Acme %d",
         "segment":"assisted","stage":"KICKOFF","health":"ON_TRACK","version":4,"startedAt":"2026-11-20T10:00:00Z",
         "stageEnteredAt":"2026-11-23T01:00:00Z",
         "url":"http://localhost:8081/camunda/app/cockpit/default/#/process-instance/pi-%d/runtime",
         "links":{%s,"eloquaContactEmails":[]}}
        """.formatted(i, i, i, i, links.apply(i));
  }
}
