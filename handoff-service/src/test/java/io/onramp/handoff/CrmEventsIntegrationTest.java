package io.onramp.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connectors' shared record of handled closed-won events: what a second replica, or the same one after a restart, asks. */
class CrmEventsIntegrationTest extends HandoffIntegrationTest {

  @Test
  void shouldRememberAHandledEventOnceWithTheDraftItMadeForEveryCaller() {
    String handoff = httpPost("/api/handoffs", Handoffs.draftFromCrm(Handoffs.dealId())).expect(201).json().get("id").asText();
    String event = "/api/crm-events/hubspot/" + System.nanoTime();

    JsonNode unknown = httpGet(event).expect(404).json();
    assertThat(unknown.get("title").asText()).isEqualTo("CRM event not handled");

    JsonNode first = call("PUT", event, Map.of("handoffId", handoff), Map.of()).expect(201).json();
    assertThat(first.get("handoffId").asText()).isEqualTo(handoff);
    JsonNode again = call("PUT", event, Map.of(), Map.of()).expect(200).json();
    assertThat(again.get("handoffId").asText()).as("the first record stays").isEqualTo(handoff);
    assertThat(again.get("handledAt").asText()).isEqualTo(first.get("handledAt").asText());
    assertThat(httpGet(event).expect(200).json().get("handoffId").asText()).isEqualTo(handoff);

    assertThat(httpGet(event.replace("hubspot", "salesforce")).status()).as("ids are per CRM").isEqualTo(404);
    String noDraft = "/api/crm-events/salesforce/04l5g00000" + (System.nanoTime() % 100_000);
    assertThat(call("PUT", noDraft, null, Map.of()).expect(201).json().has("handoffId")).as("an event that made no draft").isFalse();
  }

  @Test
  void shouldNameTheFieldOfABadEvent() {
    assertThat(httpGet("/api/crm-events/pipedrive/1").expect(400).json().at("/errors/0/field").asText()).isEqualTo("crm");
    assertThat(call("PUT", "/api/crm-events/hubspot/" + "9".repeat(101), Map.of(), Map.of()).expect(400).json()
        .at("/errors/0/field").asText()).isEqualTo("eventId");
    assertThat(httpGet("/api/crm-events/hubspot/a%20b").expect(400).json().at("/errors/0/field").asText()).isEqualTo("eventId");
    JsonNode noSuchDraft = call("PUT", "/api/crm-events/hubspot/77", Map.of("handoffId", "no-such-handoff"), Map.of()).expect(400).json();
    assertThat(noSuchDraft.at("/errors/0/field").asText()).isEqualTo("handoffId");
    assertThat(call("PUT", "/api/crm-events/hubspot/78", Map.of("handoff", "x"), Map.of()).expect(400).json()
        .at("/errors/0/field").asText()).isEqualTo("handoff");
    assertThat(httpGet("/api/crm-events/hubspot/77").status()).as("nothing recorded by a refused call").isEqualTo(404);
  }
}
