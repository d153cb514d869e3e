package io.onramp.connector.eloqua;

import java.util.ArrayList;
import java.util.List;

/** Claimed items exactly as engine-service's sync API returns them for Eloqua. */
final class SyncItems {
  private SyncItems() {}

  /** {@code count} onboardings, each with the stakeholders {@code <name>.<i>@acme<i>.example} (champion first, then admins). */
  static String onboardings(int count, String stage, String... names) {
    List<String> items = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      List<String> emails = new ArrayList<>();
      List<String> roles = new ArrayList<>();
      for (int n = 0; n < names.length; n++) {
        String email = names[n].contains("@") ? names[n] : names[n] + "@acme" + i + ".example";
        emails.add("\"" + email + "\"");
        roles.add("\"" + email + "\":\"" + (n == 0 ? "CHAMPION" : "ADMIN") + "\"");
      }
      items.add("""
          {"id":%d,"kind":"ONBOARDING","subject":"onboarding:pi-%d","version":4,"attempts":0,
           "changedAt":"2026-11-23T01:00:00Z","leaseUntil":"2026-11-23T01:02:00Z","lease":"3f2b6c1e-lease",
           "onboarding":{"id":"pi-%d","businessKey":"H-%d","processDefinitionKey":"customer-onboarding","accountName":"Acme %d",
             "segment":"assisted","stage":"%s","health":"ON_TRACK","version":4,"startedAt":"2026-11-20T10:00:00Z",
             "stageEnteredAt":"2026-11-23T01:00:00Z","goLiveAt":"2026-11-22T09:00:00Z","firstValueAt":null,
             "url":"http://localhost:8081/camunda/app/cockpit/default/#/process-instance/pi-%d/runtime",
             "links":{"eloquaContactEmails":[%s],"eloquaContactRoles":{%s}}}}
          """.formatted(i, i, i, i, i, stage, i, String.join(",", emails), String.join(",", roles)));
    }
    return "[" + String.join(",", items) + "]";
  }

  static String task(long id) {
    return """
        [{"id":%d,"kind":"TASK","subject":"task:t-1","version":5,"attempts":0,"changedAt":"2026-11-23T01:00:00Z",
          "leaseUntil":"2026-11-23T01:02:00Z","lease":"3f2b6c1e-lease","onboarding":{"id":"pi-1","stage":"KICKOFF","health":"ON_TRACK","version":5,
          "links":{"eloquaContactEmails":["ada@acme.example"]}},"task":{"key":"onramp-task-t-1","taskId":"t-1","name":"Hold kickoff call",
          "status":"OPEN","priority":50,"createdAt":"2026-11-23T01:00:00Z"}}]
        """.formatted(id);
  }
}
