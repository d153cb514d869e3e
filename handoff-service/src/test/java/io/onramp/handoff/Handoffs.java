package io.onramp.handoff;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Handoff bodies as a sales rep (or a connector) sends them. */
final class Handoffs {
  private Handoffs() {}

  /** Everything the onboarding team needs before kickoff. */
  static Map<String, Object> complete(String hubspotDealId) {
    Map<String, Object> h = new HashMap<>();
    h.put("account", Map.of("name", "Acme Analytics", "domain", "acme.example", "segment", "assisted", "region", "EMEA"));
    h.put("crm", Map.of("hubspotDealId", hubspotDealId, "hubspotCompanyId", "77"));
    h.put("products", List.of(Map.of("name", "Reports"), Map.of("name", "Connectors")));
    h.put("arr", 48000);
    h.put("closedWonDate", LocalDate.now().minusDays(3).toString());
    h.put("goals", List.of(Map.of("description", "Replace spreadsheet reporting",
        "successCriterion", "first automated board report sent", "targetDate", LocalDate.now().plusDays(40).toString())));
    h.put("firstValueMilestone", "First automated board report sent");
    h.put("painPoints", List.of("Two analysts spend two days a week on reports"));
    h.put("requirements", List.of("Salesforce connector", "SSO via Okta"));
    h.put("integrations", List.of("Salesforce", "Okta"));
    h.put("risks", List.of("IT availability in December"));
    h.put("salesNotes", "Champion is very engaged");
    h.put("stakeholders", List.of(
        Map.of("role", "EXECUTIVE_SPONSOR", "name", "Dana Reyes", "email", "dana@acme.example", "phone", "+44 20 7946 0000"),
        Map.of("role", "CHAMPION", "name", "Sam Ortiz", "email", "sam@acme.example")));
    h.put("targetGoLiveDate", LocalDate.now().plusDays(60).toString());
    h.put("kickoffWindow", Map.of("earliest", LocalDate.now().plusDays(2).toString(), "latest", LocalDate.now().plusDays(9).toString()));
    return h;
  }

  /** What a closed-won webhook knows: the account and the deal, nothing more. */
  static Map<String, Object> draftFromCrm(String hubspotDealId) {
    return new HashMap<>(Map.of("account", Map.of("name", "Globex"), "crm", Map.of("hubspotDealId", hubspotDealId)));
  }

  static String dealId() {
    return Long.toString(System.nanoTime() % 1_000_000_000_000L);
  }
}
