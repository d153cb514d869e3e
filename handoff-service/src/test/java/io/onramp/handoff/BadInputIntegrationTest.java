package io.onramp.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A table of bad requests: each gets a problem document naming the field and why, and nothing is stored. */
class BadInputIntegrationTest extends HandoffIntegrationTest {

  @Autowired
  JdbcClient jdbc;

  static Stream<Arguments> badBodies() {
    return Stream.of(
        bad("missing account name", h -> h.put("account", Map.of("segment", "assisted")), "account.name", "must not be blank"),
        bad("unknown segment", h -> h.put("account", Map.of("name", "Acme", "segment", "mid-market")), "account.segment", "mid-market"),
        bad("unknown stakeholder role", h -> h.put("stakeholders", List.of(Map.of("role", "CEO", "name", "X", "email", "x@acme.example"))),
            "stakeholders[0].role", "CEO"),
        bad("ARR not a number", h -> h.put("arr", "lots"), "arr", "lots"),
        bad("negative ARR", h -> h.put("arr", -5), "arr", "must be greater than or equal to 0"),
        bad("unknown field", h -> h.put("nextSteps", "call them"), "nextSteps", "is not a known field"),
        bad("oversized name", h -> h.put("account", Map.of("name", "A".repeat(201))), "account.name", "size must be between"),
        bad("too many goals", h -> h.put("goals", Collections.nCopies(21, Map.of("description", "g"))), "goals", "size must be between"),
        bad("invalid email", h -> h.put("stakeholders", List.of(Map.of("role", "CHAMPION", "name", "Sam", "email", "sam-at-acme"))),
            "stakeholders[0].email", "well-formed email"),
        bad("go-live in the past", h -> h.put("targetGoLiveDate", LocalDate.now().minusDays(1).toString()), "targetGoLiveDate", "future"),
        bad("closed-won in the future", h -> h.put("closedWonDate", LocalDate.now().plusDays(5).toString()), "closedWonDate", "past"),
        bad("not a date", h -> h.put("targetGoLiveDate", "next spring"), "targetGoLiveDate", "next spring"),
        bad("reversed kickoff window", h -> h.put("kickoffWindow", Map.of("earliest", LocalDate.now().plusDays(9).toString(),
            "latest", LocalDate.now().plusDays(2).toString())), "kickoffWindow.ordered", "latest must not be before earliest"),
        bad("bad HubSpot id", h -> h.put("crm", Map.of("hubspotDealId", "deal-42")), "crm.hubspotDealId", "HubSpot record id"),
        bad("bad Salesforce id", h -> h.put("crm", Map.of("salesforceOpportunityId", "006xyz")), "crm.salesforceOpportunityId", "Salesforce id"),
        bad("bad phone", h -> h.put("stakeholders", List.of(Map.of("role", "ADMIN", "name", "Lee", "email", "lee@acme.example",
            "phone", "call me maybe"))), "stakeholders[0].phone", "phone number"),
        // the text rule (docs/security.md): what PostgreSQL, three CRMs, logs and browsers all take
        bad("NUL in a name", h -> h.put("account", Map.of("name", "Acme\u0000 Ltd", "segment", "assisted")), "account.name",
            "control character U+0000"),
        bad("a bell in a goal", h -> h.put("goals", List.of(Map.of("description", "Go \u0007live", "successCriterion", "x"))),
            "goals[0].description", "control character U+0007"),
        bad("a C1 control in the notes", h -> h.put("salesNotes", "price agreed\u0085"), "salesNotes", "control character U+0085"));
  }

  private static Arguments bad(String name, Consumer<Map<String, Object>> change, String field, String message) {
    return Arguments.of(name, change, field, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void shouldRefuseABadHandoffNamingTheFieldAndStoreNothing(String name, Consumer<Map<String, Object>> change,
                                                             String field, String message) {
    long before = handoffs();
    Map<String, Object> body = Handoffs.complete(Handoffs.dealId());
    change.accept(body);

    Response response = httpPost("/api/handoffs", body);

    assertThat(response.status()).isEqualTo(400);
    JsonNode problem = response.json();
    assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
    List<String> fields = new ArrayList<>();
    problem.get("errors").forEach(e -> fields.add(e.get("field").asText() + ": " + e.get("message").asText()));
    assertThat(fields).anySatisfy(f -> assertThat(f).startsWith(field + ": ").contains(message));
    assertThat(handoffs()).isEqualTo(before);
  }

  @Test
  void shouldRefuseAKeyGivenTwiceInOneObjectAndStoreNothing() throws Exception {
    long before = handoffs();
    String body = JSON.writeValueAsString(Handoffs.complete(Handoffs.dealId()));
    Response twice = httpPost("/api/handoffs", "{\"account\":{\"name\":\"Mallory Ltd\",\"segment\":\"assisted\"}," + body.substring(1));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get("errors").get(0).get("field").asText()).isEqualTo("account");
    assertThat(twice.json().get("errors").get(0).get("message").asText()).contains("more than once");
    Response nested = httpPost("/api/handoffs", body.replaceFirst("\"email\":", "\"email\":\"first@acme.example\",\"email\":"));
    assertThat(nested.status()).isEqualTo(400);
    assertThat(nested.json().get("errors").get(0).get("field").asText()).isEqualTo("stakeholders[0].email");
    Response tab = httpPost("/api/handoffs", JSON.writeValueAsString(withNotes("line one\n\tline two\r\n")));
    assertThat(tab.status()).as("tab, line feed and carriage return are text").isEqualTo(201);
    assertThat(handoffs()).isEqualTo(before + 1);
  }

  private static Map<String, Object> withNotes(String notes) {
    Map<String, Object> body = Handoffs.complete(Handoffs.dealId());
    body.put("salesNotes", notes);
    return body;
  }

  @Test
  void shouldSayWhereJsonIsMalformed() {
    Response response = httpPost("/api/handoffs", "{\"account\": {\"name\": \"Acme\",}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("message").asText()).startsWith("malformed JSON at line 1");
  }

  @Test
  void shouldRefuseAnUpdateThatBreaksTheHandoffAndKeepTheStoredOne() {
    String deal = Handoffs.dealId();
    Response created = httpPost("/api/handoffs", Handoffs.complete(deal)).expect(201);
    String id = created.json().get("id").asText();
    Map<String, Object> broken = Handoffs.complete(deal);
    broken.put("stakeholders", List.of(Map.of("role", "CHAMPION", "name", "Sam", "email", "nope")));

    assertThat(httpPut("/api/handoffs/" + id, broken, created.etag()).status()).isEqualTo(400);

    Response stored = httpGet("/api/handoffs/" + id).expect(200);
    assertThat(stored.etag()).isEqualTo("\"1\"");
    assertThat(stored.json().get("content").get("stakeholders")).hasSize(2);
  }

  @Test
  void shouldAnswerUnknownIdsAndBadParametersClearly() {
    Response missing = httpGet("/api/handoffs/H-does-not-exist");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("detail").asText()).contains("H-does-not-exist");
    assertThat(httpPost("/api/handoffs/H-does-not-exist/submit", null).status()).isEqualTo(404);
    assertThat(httpPut("/api/handoffs/H-does-not-exist", Handoffs.complete(Handoffs.dealId()), "\"1\"").status()).isEqualTo(404);

    Response badStatus = httpGet("/api/handoffs?status=WON");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
    assertThat(httpGet("/api/handoffs?limit=100000").status()).isEqualTo(400);

    String id = httpPost("/api/handoffs", Handoffs.draftFromCrm(Handoffs.dealId())).expect(201).json().get("id").asText();
    Response badTag = httpPut("/api/handoffs/" + id, Handoffs.draftFromCrm(Handoffs.dealId()), "version-one");
    assertThat(badTag.status()).isEqualTo(400);
    assertThat(badTag.json().get("errors").get(0).get("field").asText()).isEqualTo("If-Match");
  }

  @Test
  void shouldRefuseMovingAHandoffToADealThatAlreadyHasOne() {
    String taken = Handoffs.dealId();
    httpPost("/api/handoffs", Handoffs.draftFromCrm(taken)).expect(201);
    Response other = httpPost("/api/handoffs", Handoffs.draftFromCrm(Handoffs.dealId())).expect(201);

    Response moved = httpPut("/api/handoffs/" + other.json().get("id").asText(), Handoffs.draftFromCrm(taken), other.etag());

    assertThat(moved.status()).isEqualTo(409);
    assertThat(moved.json().get("detail").asText()).contains("already belongs to handoff");
  }

  private long handoffs() {
    return jdbc.sql("select count(*) from handoff").query(Long.class).single();
  }
}
