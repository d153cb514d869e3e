package io.onramp.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.testing.HeadlessBrowser;
import io.onramp.testing.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The handoff page as a sales rep lives in it, in headless Chromium through the gateway: a HubSpot deal is won
 * in the sandbox, the deal owner's CRM task carries the link to the draft, {@code sam} signs in from it, sees the
 * draft pre-filled, adds a goal and its criterion and watches the meter move, saves; {@code otto} saves the same
 * handoff meanwhile and sam's next save shows the conflict with sam's text kept; sam submits, {@code lee} asks
 * for a revision, sam reads the comments, fixes and resubmits, lee accepts, and the journey starts. The page's
 * screenshots must match the approved ones ({@code src/test/browser}, {@link Screenshots}).
 */
class HandoffPageSystemTest {

  static final LocalStack stack = SystemStack.get();
  final Platform platform = stack.platform();
  static final Path SHOTS = Path.of("target/handoff-page").toAbsolutePath();
  static final String ACCOUNT = "Northwind Traders";          // one deal per stack: the screenshots' text is the same every run

  /** A failed test leaves each service's threads next to its log (target/system-stack/logs) for the post-mortem. */
  @org.junit.jupiter.api.extension.RegisterExtension
  final org.junit.jupiter.api.extension.TestWatcher threadsOnFailure = new org.junit.jupiter.api.extension.TestWatcher() {
    @Override
    public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
      stack.dumpThreads();
    }
  };

  @Test
  void shouldLetTheSalesRepFillInTheDraftTheyAreToldAboutSaveThroughAConflictSubmitAndReviseUntilTheJourneyStarts() throws Exception {
    String deal = platform.winHubSpotDeal(ACCOUNT, "northwind-traders.example");
    JsonNode draft = platform.awaitDraft("hubspotDealId", deal, Journey.STEP);
    String id = draft.get("id").asText();
    assertThat(draft.get("owner").asText()).as("the deal owner's draft").isEqualTo("sam");

    // told where to go: a task on the deal for its owner, with the link, and the same link on the deal
    String link = stack.settings().url("gateway") + "/handoffs/?handoff=" + id;
    JsonNode task = Platform.await("the deal owner's task for handoff " + id, Journey.STEP, () -> PlatformSystemTest
        .hubspotTasks(platform.sandboxState(), deal).stream()
        .filter(t -> ("handoff-" + id).equals(t.path("fields").path("onboarding_task_key").asText())).findFirst().orElse(null));
    assertThat(task.path("fields").path("hubspot_owner_id").asText()).isEqualTo(LocalStack.SAM_IN_HUBSPOT);
    assertThat(task.path("fields").path("hs_task_status").asText()).isEqualTo("NOT_STARTED");
    assertThat(task.path("fields").path("hs_task_body").asText()).contains(link);
    assertThat(PlatformSystemTest.hubspotDeal(platform.sandboxState(), deal).path("fields").path("onboarding_handoff_url").asText())
        .isEqualTo(link);

    Files.createDirectories(SHOTS);
    String password = stack.settings().demoPassword();
    JsonNode rep = browse("draft", link, "sam", password, "otto", password, SHOTS.toString());
    assertThat(rep.get("errors")).as("script errors").isEmpty();
    assertThat(rep.get("failedRequests")).as("failed requests").isEmpty();
    assertThat(rep.get("signedInAs").asText()).isEqualTo("Signed in as Sam Seller");
    assertThat(rep.at("/prefilled/accountName").asText()).isEqualTo(ACCOUNT);
    assertThat(rep.at("/prefilled/arr").asText()).isEqualTo("48000");
    assertThat(rep.at("/prefilled/state").asText()).isEqualTo("Draft");
    assertThat(texts(rep.at("/prefilled/stakeholderEmails"))).as("the deal's contacts as stakeholders")
        .containsExactlyInAnyOrder("dana@northwind-traders.example", "sam.ortiz@northwind-traders.example", "lee.park@northwind-traders.example");
    assertThat(rep.at("/domainError/text").asText()).isEqualTo("Domain must be a domain name like acme.com");
    assertThat(rep.at("/domainError/invalid").asText()).isEqualTo("true");
    assertThat(texts(rep.at("/prefilled/products"))).as("the deal's line items").containsExactlyElementsOf(Platform.PRODUCTS);
    assertThat(rep.get("scoreBefore").asInt()).isEqualTo(42);
    assertThat(texts(rep.get("missingBefore"))).contains("no customer goals", "no executive sponsor").doesNotContain("no products");
    assertThat(texts(rep.get("missingWithGoal"))).doesNotContain("no customer goals").contains("goal(s) [1] without a measurable success criterion");
    assertThat(rep.get("scoreWithCriterion").asInt()).as("goals and their criteria: one more fact of twelve").isEqualTo(50);
    assertThat(rep.at("/conflict/who").asText()).startsWith("otto saved version");
    assertThat(texts(rep.at("/conflict/fields"))).containsExactly("risks: their change is now in the form");
    assertThat(rep.at("/conflict/milestoneKept").asText()).isEqualTo("First automated board report sent to the executive team");
    assertThat(rep.at("/conflict/goalKept").asText()).isEqualTo("First automated board report sent");
    assertThat(rep.at("/conflict/theirRisk").asText()).isEqualTo("Their IT team is away for two weeks in December");
    assertThat(rep.get("conflictAfterSave").asBoolean()).isFalse();
    assertThat(texts(rep.get("missingAtSubmit"))).containsExactly("Nothing — ready to submit.");
    assertThat(rep.at("/submitted/state").asText()).isEqualTo("Submitted, waiting for CS review");
    assertThat(rep.at("/submitted/editable").asBoolean()).isFalse();

    JsonNode saved = platform.as("sam", "GET", "/api/handoffs/" + id, null).expect(200).json();
    assertThat(saved.get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(saved.at("/content/firstValueMilestone").asText()).isEqualTo("First automated board report sent to the executive team");
    assertThat(texts(saved.at("/content/risks"))).containsExactly("Their IT team is away for two weeks in December");
    assertThat(saved.at("/content/goals/0/successCriterion").asText()).isEqualTo("First automated board report sent");

    String comments = "Please list the integrations they need before kickoff.";
    platform.complete("lee", id, "Task_ReviewHandoff", Map.of("handoffAccepted", false, "revisionComments", comments), Journey.STEP);
    try {
      Platform.await("the revision request on " + id, Journey.STEP,
          () -> "REVISION_REQUESTED".equals(platform.as("sam", "GET", "/api/handoffs/" + id, null).expect(200).json().get("status").asText()));
    } catch (IllegalStateException e) {
      String pi = new Journey(platform, id, s -> null).processInstanceId();
      throw new AssertionError(e.getMessage() + "\nexternal tasks: " + platform.as("otto", "GET", "/engine-rest/external-task?maxResults=50&processInstanceId=" + pi, null).body()
          + "\nactivities: " + platform.as("otto", "GET", "/engine-rest/history/activity-instance?maxResults=100&processInstanceId=" + pi, null).body()
          + "\nall handoff-review tasks: " + platform.as("otto", "GET", "/engine-rest/external-task?maxResults=50&topicName=handoff-review", null).body()
          + "\nincidents: " + platform.as("otto", "GET", "/engine-rest/incident?maxResults=50&processInstanceId=" + pi, null).body(), e);
    }

    JsonNode revised = browse("revise", stack.settings().url("gateway") + "/handoffs/", id, "sam", password, SHOTS.toString());
    assertThat(revised.get("errors")).isEmpty();
    assertThat(revised.get("failedRequests")).isEmpty();
    assertThat(revised.get("groups").get(0).asText()).as("revision requests first").startsWith("Revision requested");
    assertThat(revised.get("listedComments").asText()).isEqualTo(comments);
    assertThat(revised.get("comments").asText()).isEqualTo(comments);
    assertThat(revised.get("reviewFirst").asBoolean()).as("the CS lead's comments above the form").isTrue();
    assertThat(revised.get("resubmitted").asText()).isEqualTo("Submitted, waiting for CS review");
    assertThat(texts(platform.as("sam", "GET", "/api/handoffs/" + id, null).expect(200).json().at("/content/integrations")))
        .containsExactly("Salesforce");

    Platform.await("the sales rep's CRM task done once the handoff was submitted", Journey.STEP, () -> PlatformSystemTest
        .hubspotTasks(platform.sandboxState(), deal).stream().anyMatch(t -> ("handoff-" + id).equals(t.path("fields")
            .path("onboarding_task_key").asText()) && t.path("fields").path("hs_task_status").asText().equals("COMPLETED")));

    platform.accept(id, Journey.STEP);
    Journey journey = new Journey(platform, id, state -> null);
    assertThat(Platform.await("the journey of " + id, Journey.STEP, journey::engineStage)).isIn("HANDOFF", "KICKOFF");

    List<String> different = new java.util.ArrayList<>();
    for (String page : List.of("handoff-page-draft", "handoff-page-conflict", "handoff-page-revision")) {
      try {
        Screenshots.assertLooksApproved(SHOTS.resolve(page + ".png"), Path.of("src/test/browser/" + page + ".approved.png"));
      } catch (AssertionError e) {
        different.add(e.getMessage());               // each page checked (or approved), then all reported
      }
    }
    assertThat(different).as("the page's screenshots against the approved ones").isEmpty();
  }

  private static JsonNode browse(String... arguments) throws Exception {
    return new ObjectMapper().readTree(HeadlessBrowser.run("handoff-page.mjs", List.of(arguments), 240));
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
