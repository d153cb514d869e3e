package io.onramp.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The demo goes the way real work does: a deal is won in the HubSpot sandbox, HubSpot's signed
 * webhook reaches the connector through the gateway and becomes a handoff draft, the sales rep
 * completes and submits it, the CS lead accepts it — and the kickoff waits in the CSM's Tasklist.
 */
final class DemoJourney {

  private static final Duration STEP = Duration.ofSeconds(90);

  private DemoJourney() {}

  static void seed(Platform platform) {
    try {
      String deal = platform.winHubSpotDeal("Acme Analytics", "acme.example");
      System.out.println("onramp: demo: HubSpot deal " + deal + " moved to closed-won (signed webhook sent)");
      JsonNode draft = platform.awaitDraft("hubspotDealId", deal, STEP);
      String id = platform.completeAndSubmit(draft);
      System.out.println("onramp: demo: sam completed and submitted handoff " + id);
      platform.accept(id, STEP);
      Platform.await("the kickoff in casey's Tasklist", STEP, () -> platform.tasks("casey", id).stream()
          .anyMatch(t -> t.get("taskDefinitionKey").asText().equals("Task_HoldKickoffCall")));
      System.out.println("onramp: demo: lee accepted it; \"Hold kickoff call\" waits for casey (CSM)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      throw new StartFailed("the demo could not be seeded: " + e.getMessage() + " (logs in .onramp/logs)");
    }
  }
}
