package io.onramp.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo goes the way real work does: a sales rep's handoff for HubSpot deal 1001 is created
 * (once — creation is idempotent per deal) and submitted, which starts its journey; the CS lead's
 * "Review handoff" task then waits in Tasklist.
 */
final class DemoData {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  private DemoData() {}

  static void seed(String handoffUrl, String engineUrl) throws Exception {
    LocalDate today = LocalDate.now();
    String body = """
        {"account":{"name":"Acme Analytics","domain":"acme.example","segment":"assisted","region":"EMEA"},
         "crm":{"hubspotDealId":"1001","hubspotCompanyId":"2001"},
         "products":[{"name":"Reports"},{"name":"Connectors"}], "arr":48000, "closedWonDate":"%s",
         "goals":[{"description":"Replace weekly spreadsheet reporting","successCriterion":"first automated board report sent","targetDate":"%s"},
                  {"description":"Cut report preparation time","successCriterion":"under 1 hour per week by day 60","targetDate":"%s"}],
         "firstValueMilestone":"First automated board report sent to the executive team",
         "painPoints":["Two analysts spend two days a week on manual reports"],
         "requirements":["Board report from Salesforce pipeline data","SSO for 40 users"],
         "integrations":["Salesforce","HubSpot","Okta"],
         "risks":["Data migration depends on their IT team in December"],
         "salesNotes":"Champion is very engaged; sponsor wants a board demo before the quarter ends.",
         "stakeholders":[{"role":"EXECUTIVE_SPONSOR","name":"Dana Reyes","email":"dana@acme.example"},
                         {"role":"CHAMPION","name":"Sam Ortiz","email":"sam@acme.example"},
                         {"role":"ADMIN","name":"Lee Park","email":"lee@acme.example"}],
         "targetGoLiveDate":"%s"}
        """.formatted(today.minusDays(2), today.plusDays(45), today.plusDays(60), today.plusDays(50));
    HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(handoffUrl + "/api/handoffs"))
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    if (created.statusCode() >= 300) {
      System.err.println("onramp: demo handoff not created (" + created.statusCode() + "): " + created.body());
      return;
    }
    String id = field(created.body(), "id");
    if ("DRAFT".equals(field(created.body(), "status"))) {
      HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create(handoffUrl + "/api/handoffs/" + id + "/submit"))
          .POST(HttpRequest.BodyPublishers.noBody()));
      if (submitted.statusCode() >= 300) {
        System.err.println("onramp: demo handoff not submitted (" + submitted.statusCode() + "): " + submitted.body());
        return;
      }
    }
    System.out.println("onramp: demo handoff " + id + " submitted; its journey: " + engineUrl + "/api/onboardings/" + id);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.header("Authorization", AUTH).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }
}
