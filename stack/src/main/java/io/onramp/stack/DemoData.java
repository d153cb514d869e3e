package io.onramp.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Starts one demo journey (business key DEMO-1) unless it exists, so Tasklist has something to show. */
final class DemoData {
  private DemoData() {}

  static void seed(String engineUrl) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String auth = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> existing = http.send(HttpRequest.newBuilder(
            URI.create(engineUrl + "/engine-rest/process-instance/count?businessKey=DEMO-1"))
        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
    if (existing.statusCode() == 200 && !existing.body().contains("\"count\":0")) {
      return;
    }
    String body = """
        {"messageName":"HandoffSubmitted","businessKey":"DEMO-1","processVariables":{
          "handoffId":{"value":"DEMO-1","type":"String"},
          "accountName":{"value":"Acme Analytics","type":"String"},
          "segment":{"value":"assisted","type":"String"},
          "arr":{"value":48000.0,"type":"Double"},
          "productCount":{"value":2,"type":"Integer"},
          "goals":{"value":"1. Replace weekly spreadsheet reporting - success: first automated board report sent\\n2. Cut report preparation time - success: under 1 hour per week by day 60","type":"String"},
          "firstValueMilestone":{"value":"First automated board report sent to the executive team","type":"String"},
          "stakeholders":{"value":"Executive sponsor: Dana Reyes <dana@acme.example>\\nChampion: Sam Ortiz <sam@acme.example>\\nAdmin: Lee Park <lee@acme.example>","type":"String"},
          "requirements":{"value":"Salesforce and HubSpot connectors; SSO via Okta; 3 years of history migrated","type":"String"},
          "painPoints":{"value":"Two analysts spend two days a week on manual reports","type":"String"},
          "targetGoLiveDate":{"value":"2027-01-31","type":"String"},
          "salesNotes":{"value":"Risk: data migration depends on their IT team's availability in December","type":"String"}}}
        """;
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(engineUrl + "/engine-rest/message"))
        .header("Authorization", auth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() >= 300) {
      System.err.println("onramp: demo journey not started (" + started.statusCode() + "): " + started.body());
    } else {
      System.out.println("onramp: demo journey DEMO-1 started: a 'Review handoff' task waits in Tasklist");
    }
  }
}
