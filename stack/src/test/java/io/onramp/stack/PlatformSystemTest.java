package io.onramp.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole platform as separate processes — PostgreSQL, Keycloak, engine, handoff service, three
 * connectors, the CRM sandbox and the gateway — driven as people drive it: a deal won in a CRM, the
 * sales rep's handoff, the CS lead's review, the CSM's steps; and watched where the CRM admin
 * watches, in the CRM records.
 */
class PlatformSystemTest {

  static final LocalStack stack = SystemStack.get();
  final Platform platform = stack.platform();

  /** A failed test leaves each service's threads next to its log (target/system-stack/logs) for the post-mortem. */
  @RegisterExtension
  final TestWatcher threadsOnFailure = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      stack.dumpThreads();
    }
  };

  @AfterEach
  void everyVendorUp() {
    for (String vendor : List.of("hubspot", "salesforce", "eloqua")) {
      platform.sandbox("DELETE", "/sandbox/faults/" + vendor, null);
    }
  }

  @Test
  void shouldCarryAHubSpotClosedWonDealThroughEveryStageWithTheCrmsInStep() throws Exception {
    String domain = "northwind-" + shortId() + ".example";
    String deal = platform.winHubSpotDeal("Northwind " + domain, domain);

    JsonNode draft = platform.awaitDraft("hubspotDealId", deal, Journey.STEP);
    JsonNode prefilled = draft.get("content");
    assertThat(prefilled.path("account").path("name").asText()).isEqualTo("Northwind " + domain);
    assertThat(prefilled.path("account").path("domain").asText()).isEqualTo(domain);
    assertThat(prefilled.path("arr").decimalValue()).isEqualByComparingTo("48000");
    assertThat(prefilled.path("crm").path("hubspotCompanyId").asText()).isNotBlank();
    assertThat(prefilled.path("stakeholders").findValues("email").stream().map(JsonNode::asText).toList())
        .containsExactlyInAnyOrder("dana@" + domain, "sam.ortiz@" + domain, "lee.park@" + domain);
    assertThat(prefilled.path("products").findValues("name").stream().map(JsonNode::asText).toList())
        .as("the deal's line items").containsExactlyInAnyOrderElementsOf(Platform.PRODUCTS);

    Journey journey = new Journey(platform, platform.completeAndSubmit(draft), hubspotStage(deal));
    walk(journey);

    JsonNode state = platform.sandboxState();
    assertThat(stageHistory(hubspotDeal(state, deal), "onboarding_stage")).containsExactlyElementsOf(Journey.STAGES);
    long ttv = platform.as("casey", "GET", "/api/onboardings/" + journey.handoffId, null).expect(200).json().get("ttvDays").asLong();
    assertThat(hubspotDeal(state, deal).path("fields").path("onboarding_ttv_days").asText())
        .as("the CRM's TTV: the recorded first-value date minus closed-won, as the onboarding says").isEqualTo(Long.toString(ttv));
    assertTasksOnceEachAndCompleted(settled(() -> hubspotTasks(platform.sandboxState(), deal), "hs_task_status", "COMPLETED"),
        "hs_task_subject", "hs_task_status", "COMPLETED");
    assertEloquaInStep(domain, "STEADY_STATE");
  }

  @Test
  void shouldCarryASalesforceWonOpportunityThroughEveryStageWithTheCrmsInStep() throws Exception {
    String domain = "contoso-" + shortId() + ".example";
    String opportunity = platform.winSalesforceOpportunity("Contoso " + domain, domain);

    JsonNode draft = platform.awaitDraft("salesforceOpportunityId", opportunity, Journey.STEP);
    JsonNode prefilled = draft.get("content");
    assertThat(prefilled.path("account").path("domain").asText()).isEqualTo(domain);
    assertThat(prefilled.path("stakeholders").findValues("role").stream().map(JsonNode::asText).toList())
        .containsExactlyInAnyOrder("EXECUTIVE_SPONSOR", "CHAMPION", "ADMIN");
    assertThat(prefilled.path("products").findValues("name").stream().map(JsonNode::asText).toList())
        .as("the opportunity's line items").containsExactlyInAnyOrderElementsOf(Platform.PRODUCTS);

    Journey journey = new Journey(platform, platform.completeAndSubmit(draft), salesforceStage(opportunity));
    walk(journey);

    JsonNode state = platform.sandboxState();
    assertThat(stageHistory(salesforceOpportunity(state, opportunity), "Onboarding_Stage__c")).containsExactlyElementsOf(Journey.STAGES);
    assertThat(salesforceOpportunity(state, opportunity).path("fields").path("Onboarding_TTV_Days__c").asText()).matches("\\d+(\\.0)?");
    assertTasksOnceEachAndCompleted(settled(() -> salesforceTasks(platform.sandboxState(), opportunity), "Status", "Completed"),
        "Subject", "Status", "Completed");
    assertEloquaInStep(domain, "STEADY_STATE");
  }

  @Test
  void shouldNeverHoldUpTheCsmNorLoseASyncWhileTheCrmIsDown() throws Exception {
    String domain = "fabrikam-" + shortId() + ".example";
    String deal = platform.winHubSpotDeal("Fabrikam " + domain, domain);
    Journey journey = acceptedWithDealAtKickoff(deal);
    long faultedBefore = platform.sandboxState().path("faultedCalls").path("hubspot").asLong();

    platform.sandbox("PUT", "/sandbox/faults/hubspot", Map.of("kind", "UNAVAILABLE")).expect(200);
    for (String step : Journey.STEPS.subList(0, 4)) {
      long begin = System.nanoTime();
      journey.complete(step);
      assertThat((System.nanoTime() - begin) / 1_000_000).as("completing %s while HubSpot is down (ms)", step).isLessThan(5_000);
    }
    Platform.await("the connector to keep trying during the outage", Journey.STEP,
        () -> platform.sandboxState().path("faultedCalls").path("hubspot").asLong() >= faultedBefore + 3);
    assertThat(hubspotDeal(platform.sandboxState(), deal).path("fields").path("onboarding_stage").asText()).isEqualTo("KICKOFF");
    assertThat(journey.incidents()).as("no incident within the retry budget").isEmpty();

    platform.sandbox("DELETE", "/sandbox/faults/hubspot", null).expect(204);
    assertThat(journey.awaitCrmShowsEngineStage()).isEqualTo("GO_LIVE");
    Platform.await("every mirrored task in HubSpot", Journey.STEP, () -> {
      List<JsonNode> tasks = hubspotTasks(platform.sandboxState(), deal);
      // five steps done and the next open, the sales rep's "Complete the handoff", done when they submitted, and the note
      // telling the rep (Informed) that the kickoff call was held
      return tasks.size() == 8 && tasks.stream().filter(t -> t.path("fields").path("hs_task_status").asText().equals("COMPLETED")).count() == 7;
    });
    assertThat(journey.incidents()).isEmpty();
    assertThat(stageHistory(hubspotDeal(platform.sandboxState(), deal), "onboarding_stage"))
        .as("every stage passed while HubSpot was down arrives after it, in order, once")
        .containsExactlyElementsOf(Journey.STAGES.subList(0, Journey.STAGES.indexOf("GO_LIVE") + 1));
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenTheEngineAndAConnectorRestartMidJourney() throws Exception {
    String domain = "tailspin-" + shortId() + ".example";
    String deal = platform.winHubSpotDeal("Tailspin " + domain, domain);
    Journey journey = acceptedWithDealAtKickoff(deal);

    stack.restart("engine-service");
    journey.complete("Task_HoldKickoffCall");
    assertThat(journey.awaitCrmShowsEngineStage()).isEqualTo("SETUP");

    stack.service("connector-hubspot").stop();
    try {
      journey.complete("Task_CompleteTechnicalSetup");
      journey.complete("Task_DeliverAdminTraining");
    } finally {
      stack.ensureRunning("connector-hubspot");           // the other tests need it, whatever happened here
    }
    journey.awaitCrmShowsEngineStage();
    for (String step : Journey.STEPS.subList(3, Journey.STEPS.size())) {
      journey.complete(step);
      journey.awaitCrmShowsEngineStage();
    }
    journey.awaitSteadyState();

    JsonNode state = platform.sandboxState();
    assertThat(journey.engineStage()).isEqualTo("STEADY_STATE");
    assertThat(stageHistory(hubspotDeal(state, deal), "onboarding_stage")).as("every stage in order, once")
        .containsExactlyElementsOf(Journey.STAGES);
    assertTasksOnceEachAndCompleted(settled(() -> hubspotTasks(platform.sandboxState(), deal), "hs_task_status", "COMPLETED"),
        "hs_task_subject", "hs_task_status", "COMPLETED");
    assertEloquaInStep(domain, "STEADY_STATE");
    assertThat(journey.incidents()).isEmpty();
  }

  @Test
  void shouldCarryAHubSpotOnlyJourneyToSteadyStateWithoutTheEloquaConnectorAndCountItCompleted() throws Exception {
    stack.service("connector-eloqua").stop();                 // production runs without Eloqua (helm/ci/production-values.yaml)
    try {
      String domain = "fabrikam-" + shortId() + ".example";
      String deal = platform.winHubSpotDeal("Fabrikam " + domain, domain);
      Journey journey = new Journey(platform, platform.completeAndSubmit(platform.awaitDraft("hubspotDealId", deal, Journey.STEP)),
          hubspotStage(deal));
      long completedBefore = completedToday();

      walk(journey);                                          // to STEADY_STATE, the deal showing each stage, no incident

      assertThat(completedToday()).as("the completion rate counts it completed").isEqualTo(completedBefore + 1);
      JsonNode onboarding = platform.as("casey", "GET", "/api/onboardings/" + journey.handoffId, null).expect(200).json();
      List<String> plays = new ArrayList<>();
      onboarding.get("marketingPlays").forEach(play -> plays.add(play.get("activityId").asText() + " " + play.get("status").asText()));
      assertThat(plays).as("the plays nobody sent are reported, not left waiting")
          .containsExactly("Task_SendWelcome SKIPPED", "Task_SendTrainingInvitation SKIPPED", "Task_SendCsatSurvey SKIPPED");
      assertThat(platform.as("otto", "GET", "/engine-rest/external-task?maxResults=10&processInstanceId=" + journey.processInstanceId(),
          null).expect(200).json()).as("nothing left for Eloqua to send late").isEmpty();
    } finally {
      stack.restart("connector-eloqua");
    }
  }

  @Test
  void shouldTurnAClosedWonWebhookIntoOneHandoffWhicheverReplicaGetsItAndAfterARestart() throws Exception {
    String domain = "litware-" + shortId() + ".example";
    String deal = platform.winHubSpotDeal("Litware " + domain, domain);
    platform.awaitDraft("hubspotDealId", deal, Journey.STEP);         // the sandbox's own delivery made the draft
    Service first = stack.service("connector-hubspot");
    Service second = stack.startReplica("connector-hubspot");
    try {
      redeliver(deal, first, second);
    } finally {
      second.stop();                                                      // the other tests run with one replica
    }
  }

  private void redeliver(String deal, Service first, Service second) throws Exception {
    String event = closedWonEvent(deal);

    assertThat(deliver(second, event)).as("a redelivery that reaches the other replica").isEqualTo(200);
    assertThat(deliver(first, event)).isEqualTo(200);
    assertThat(duplicates(first)).as("replica 1 recognises what replica 2 handled").isEqualTo(1);
    stack.restart("connector-hubspot");
    assertThat(deliver(first, event)).as("and after a restart").isEqualTo(200);
    assertThat(deliver(second, event)).isEqualTo(200);

    assertThat(duplicates(first)).as("the restarted replica remembers nothing itself, yet knows the event").isEqualTo(1);
    assertThat(duplicates(second)).isEqualTo(1);
    long handoffs = java.util.stream.StreamSupport.stream(platform.as("sam", "GET", "/api/handoffs?limit=500", null).expect(200).json()
        .spliterator(), false).filter(h -> deal.equals(h.path("content").path("crm").path("hubspotDealId").asText(null))).count();
    assertThat(handoffs).as("one handoff for the deal").isEqualTo(1);
  }

  /** A HubSpot closed-won event for the deal with an id of its own, as HubSpot would deliver it again. */
  private static String closedWonEvent(String deal) {
    return """
        [{"eventId":%d,"subscriptionId":2291,"portalId":62515,"appId":54321,"occurredAt":%d,"subscriptionType":"deal.propertyChange",
          "attemptNumber":1,"objectId":%s,"propertyName":"dealstage","propertyValue":"closedwon","changeSource":"CRM"}]"""
        .formatted(System.nanoTime() % 1_000_000_000L, System.currentTimeMillis(), deal);
  }

  /** Delivers signed (v3, over the public URL HubSpot calls) straight to one replica, as the Service would route it. */
  private int deliver(Service replica, String body) throws Exception {
    String uri = stack.settings().url("gateway") + "/webhooks/hubspot";
    String timestamp = Long.toString(System.currentTimeMillis());
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(stack.sandboxCredentials().get("hubspot-app-secret")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal(("POST" + uri + body + timestamp)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + replica.port() + "/webhooks/hubspot"))
        .header("Content-Type", "application/json").header("X-HubSpot-Signature-v3", signature)
        .header("X-HubSpot-Request-Timestamp", timestamp).POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The replica's count of redeliveries it skipped, as Prometheus scrapes it. */
  private double duplicates(Service replica) throws Exception {
    String scrape = get("http://localhost:" + replica.port() + "/actuator/prometheus", stack.keycloak().serviceToken("prometheus")).body();
    return scrape.lines().filter(l -> l.startsWith("onramp_webhook_duplicates_total{") && l.contains("crm=\"hubspot\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /** Onboardings won today that the completion report counts completed (a CS lead's view). */
  private long completedToday() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    return platform.as("lee", "GET", "/api/insights/completion?from=" + today + "&to=" + today.plusDays(1), null).expect(200).json()
        .path("overall").path("completed").asLong();
  }

  @Test
  void shouldTurnProductUsageIntoHealthTheCrmShowsAndCarryOutTheCsLeadsNudgeInTasklistAndTheCrm() throws Exception {
    String domain = "litware-" + shortId() + ".example";
    String deal = platform.winHubSpotDeal("Litware " + domain, domain);
    Journey journey = acceptedWithDealAtKickoff(deal);
    for (String step : Journey.STEPS.subList(0, 4)) {
      journey.complete(step);
    }
    assertThat(journey.awaitCrmShowsEngineStage()).isEqualTo("GO_LIVE");
    JsonNode told = Platform.await("the note telling sam of the kickoff", Journey.STEP, () -> hubspotTasks(platform.sandboxState(), deal)
        .stream().filter(t -> t.path("fields").path("hs_task_subject").asText().startsWith("Done: Hold kickoff call")).findFirst().orElse(null));
    assertThat(told.path("fields").path("hubspot_owner_id").asText()).as("the deal's owner, Informed").isEqualTo(LocalStack.SAM_IN_HUBSPOT);

    // the product reports through the gateway with its own service account: the last login was nine days ago
    String nineDaysAgo = java.time.Instant.now().minus(Duration.ofDays(9)).toString();
    JsonNode goLive = platform.tasks("casey", journey.handoffId).stream()
        .filter(t -> t.get("taskDefinitionKey").asText().equals("Task_ConfirmGoLive")).findFirst().orElseThrow();
    platform.as("casey", "POST", "/engine-rest/task/" + goLive.get("id").asText() + "/claim", Map.of("userId", "casey")).expect(204);
    String events = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("events", List.of(
        Map.of("eventId", "login-" + domain, "onboarding", journey.handoffId, "kind", "LOGIN", "occurredAt", nineDaysAgo),
        Map.of("eventId", "users-" + domain, "onboarding", journey.handoffId, "kind", "ACTIVE_USERS", "value", 8, "occurredAt", nineDaysAgo),
        Map.of("eventId", "act-" + domain, "onboarding", journey.handoffId, "kind", "ACTIVATED", "occurredAt", nineDaysAgo))));
    HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.settings().url("gateway")
            + "/api/usage/events")).header("Authorization", "Bearer " + stack.keycloak().serviceToken("product-usage"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(events)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

    Platform.await("HubSpot to show the deal AT_RISK", Journey.STEP,
        () -> "AT_RISK".equals(hubspotDeal(platform.sandboxState(), deal).path("fields").path("onboarding_health").asText()));
    Platform.await("the CS lead's rescue task in HubSpot", Journey.STEP, () -> hubspotTasks(platform.sandboxState(), deal).stream()
        .anyMatch(t -> t.path("fields").path("hs_task_subject").asText().startsWith("Rescue: No login for over 7 days")));

    platform.complete("lee", journey.handoffId, "Task_RescueHealth", Map.of("rescueAction", "NUDGE"), Journey.STEP);

    JsonNode reminder = Platform.await("the reminder for the go-live's owner in HubSpot", Journey.STEP, () -> hubspotTasks(
        platform.sandboxState(), deal).stream().filter(t -> t.path("fields").path("hs_task_subject").asText()
        .startsWith("Reminder: Confirm go-live")).findFirst().orElse(null));
    assertThat(reminder.path("fields").path("hs_task_status").asText()).isEqualTo("NOT_STARTED");
    JsonNode nudged = platform.as("casey", "GET", "/engine-rest/task/" + goLive.get("id").asText(), null).expect(200).json();
    assertThat(nudged.get("followUp").isNull()).as("a follow-up in casey's Tasklist").isFalse();
    JsonNode onboarding = platform.as("casey", "GET", "/api/onboardings/" + journey.handoffId, null).expect(200).json();
    assertThat(onboarding.get("healthHistory")).anySatisfy(h -> assertThat(h.get("cause").asText()).isEqualTo("SIGNAL"));
    assertThat(onboarding.get("accountable").asText()).isEqualTo("casey");
  }

  @Test
  void shouldLetPrometheusScrapeEveryServiceWithItsOwnTokenAndReadNothingElse() throws Exception {
    String prometheus = stack.keycloak().serviceToken("prometheus");
    String csm = stack.keycloak().userToken("casey");
    Map<String, String> published = Map.of("engine-service", "onramp_insights_completion_rate", "handoff-service", "jvm_memory_used_bytes",
        "connector-hubspot", "onramp_sync", "connector-salesforce", "onramp_sync", "connector-eloqua", "onramp_sync");
    for (var service : published.entrySet()) {
      String url = stack.settings().url(service.getKey()) + "/actuator/prometheus";
      HttpResponse<String> scrape = get(url, prometheus);
      assertThat(scrape.statusCode()).as("Prometheus scrapes %s", service.getKey()).isEqualTo(200);
      assertThat(scrape.body()).as(url).contains(service.getValue());
      assertThat(get(url, csm).statusCode()).as("a CSM reads no metrics of %s", service.getKey()).isEqualTo(403);
    }
    assertThat(platform.as(null, "GET", "/api/insights/completion", null).status()).isEqualTo(401);
    assertThat(get(stack.settings().url("gateway") + "/api/insights/completion", prometheus).statusCode())
        .as("the metrics token reads no API").isEqualTo(403);
    assertThat(get(stack.settings().url("engine-service") + "/api/onboardings/anything", prometheus).statusCode()).isEqualTo(403);
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The won deal's handoff submitted as it came and accepted; the deal shows KICKOFF. */
  private Journey acceptedWithDealAtKickoff(String deal) throws InterruptedException {
    Journey journey = new Journey(platform, platform.completeAndSubmit(platform.awaitDraft("hubspotDealId", deal, Journey.STEP)),
        hubspotStage(deal));
    journey.awaitCrmShowsEngineStage();
    journey.accept();
    journey.awaitCrmShowsEngineStage();
    return journey;
  }

  /** Review, then the CSM's steps one by one; after each, the CRM must show the stage the engine holds. */
  private static void walk(Journey journey) throws InterruptedException {
    journey.awaitCrmShowsEngineStage();
    journey.accept();
    journey.awaitCrmShowsEngineStage();
    for (String step : Journey.STEPS) {
      journey.complete(step);
      journey.awaitCrmShowsEngineStage();
    }
    journey.awaitSteadyState();
    assertThat(journey.stagesSeen).containsExactlyElementsOf(Journey.RESTING);
    assertThat(journey.incidents()).isEmpty();
  }

  /** The mirrored tasks once 8 exist and all show the completed status (or, at the deadline, as they are). */
  private static List<JsonNode> settled(java.util.function.Supplier<List<JsonNode>> tasks, String status, String completed)
      throws InterruptedException {
    try {
      return Platform.await("11 completed tasks", Duration.ofSeconds(60), () -> {
        List<JsonNode> now = tasks.get();
        return now.size() >= 11 && now.stream().allMatch(t -> t.path("fields").path(status).asText().equals(completed)) ? now : null;
      });
    } catch (IllegalStateException late) {
      return tasks.get();                        // the assertion below says what is wrong
    }
  }

  /** The review, the seven CSM steps and the rep's two Informed notes were mirrored: each once (by subject), each completed. */
  private static void assertTasksOnceEachAndCompleted(List<JsonNode> tasks, String subject, String status, String completed) {
    List<String> subjects = tasks.stream().map(t -> t.path("fields").path(subject).asText()).toList();
    assertThat(subjects).as("the journey's 8 steps, the sales rep's handoff, and the notes telling the rep (Informed) of kickoff "
        + "and go-live").hasSize(11).doesNotHaveDuplicates()
        .anyMatch(subjectLine -> subjectLine.startsWith("Complete the handoff"))
        .anyMatch(subjectLine -> subjectLine.startsWith("Done: Hold kickoff call"))
        .anyMatch(subjectLine -> subjectLine.startsWith("Done: Confirm go-live"));
    assertThat(new HashSet<>(tasks.stream().map(t -> t.path("fields").path(status).asText()).toList())).containsExactly(completed);
  }

  /**
   * Each stakeholder carries the stage and role; welcome went to all, CSAT to sponsor and champion, each
   * once. Eloqua has its own connector: it is given until the deadline to catch up with HubSpot.
   */
  private void assertEloquaInStep(String domain, String stage) throws InterruptedException {
    JsonNode state = Platform.await("Eloqua to carry " + stage + " for every stakeholder of " + domain, Journey.STEP, () -> {
      JsonNode now = platform.sandboxState();
      long there = 0;
      for (JsonNode c : now.path("eloqua").path("contacts")) {
        if (c.path("email").asText().endsWith("@" + domain) && c.path("stage").asText().equals(stage)) there++;
      }
      return there == 3 && submissions(now, "302", domain).size() >= 2 ? now : null;
    });
    Map<String, String> roles = Map.of("dana@" + domain, "EXECUTIVE_SPONSOR", "sam.ortiz@" + domain, "CHAMPION",
        "lee.park@" + domain, "ADMIN");
    roles.forEach((email, role) -> {
      JsonNode contact = find(state.path("eloqua").path("contacts"), c -> c.path("email").asText().equals(email));
      assertThat(contact).as("Eloqua contact %s", email).isNotNull();
      assertThat(contact.path("stage").asText()).as("stage of %s", email).isEqualTo(stage);
      assertThat(contact.path("role").asText()).as("role of %s", email).isEqualTo(role);
    });
    assertThat(submissions(state, "301", domain)).as("welcome play").containsExactlyInAnyOrderElementsOf(roles.keySet());
    assertThat(submissions(state, "302", domain)).as("CSAT play").containsExactlyInAnyOrder("dana@" + domain, "sam.ortiz@" + domain);
  }

  private static List<String> submissions(JsonNode state, String form, String domain) {
    List<String> emails = new ArrayList<>();
    for (JsonNode submission : state.path("eloqua").path("formSubmissions")) {
      if (submission.path("formId").asText().equals(form)) {
        for (JsonNode value : submission.path("fields")) {
          if (value.path("id").asText().equals("9001") && value.path("value").asText().endsWith("@" + domain)) {
            emails.add(value.path("value").asText());
          }
        }
      }
    }
    return emails;
  }

  static Function<JsonNode, String> hubspotStage(String deal) {
    return state -> {
      JsonNode record = hubspotDeal(state, deal);
      return record == null ? null : record.path("fields").path("onboarding_stage").asText(null);
    };
  }

  static Function<JsonNode, String> salesforceStage(String opportunity) {
    return state -> {
      JsonNode record = salesforceOpportunity(state, opportunity);
      return record == null ? null : record.path("fields").path("Onboarding_Stage__c").asText(null);
    };
  }

  static JsonNode hubspotDeal(JsonNode state, String id) {
    return find(state.path("hubspot").path("deals"), d -> d.path("id").asText().equals(id));
  }

  static JsonNode salesforceOpportunity(JsonNode state, String id) {
    return find(state.path("salesforce").path("Opportunity"), o -> o.path("id").asText().equals(id));
  }

  static List<JsonNode> hubspotTasks(JsonNode state, String deal) {
    List<JsonNode> tasks = new ArrayList<>();
    for (JsonNode task : state.path("hubspot").path("tasks")) {
      for (JsonNode linked : task.path("links").path("deals")) {
        if (linked.asText().equals(deal)) tasks.add(task);
      }
    }
    return tasks;
  }

  static List<JsonNode> salesforceTasks(JsonNode state, String opportunity) {
    List<JsonNode> tasks = new ArrayList<>();
    state.path("salesforce").path("Task").forEach(t -> {
      if (t.path("fields").path("WhatId").asText().equals(opportunity)) tasks.add(t);
    });
    return tasks;
  }

  static List<String> stageHistory(JsonNode record, String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode change : record.path("history")) {
      if (change.path("field").asText().equals(field) && !change.path("value").asText().isEmpty()) {
        values.add(change.path("value").asText());
      }
    }
    return values;
  }

  private static JsonNode find(JsonNode list, java.util.function.Predicate<JsonNode> match) {
    for (JsonNode item : list) {
      if (match.test(item)) return item;
    }
    return null;
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
