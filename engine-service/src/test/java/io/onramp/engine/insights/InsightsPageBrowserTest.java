package io.onramp.engine.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.testing.HeadlessBrowser;
import io.onramp.testing.Screenshots;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The insights page in a real headless browser (Debian's Chromium driven by playwright-core,
 * {@link HeadlessBrowser}): a CS lead opens a link to a quarter with the six onboardings of
 * {@link InsightsIntegrationTest}'s table and reads the figures off the charts; the screenshot
 * ({@code target/insights-page.png}) must match the approved one ({@link Screenshots}).
 */
class InsightsPageBrowserTest extends EngineIntegrationTest {

  private static final Path SCREENSHOT = Path.of("target/insights-page.png");
  private static final String APPROVED_PATH = "src/test/browser/insights-page.approved.png";
  private static final Path APPROVED = Path.of(APPROVED_PATH);

  @Autowired
  JdbcClient jdbc;

  @Test
  void shouldDrawTheChartsACsLeadReadsTheFiguresFrom() throws Exception {
    new SeededHistory(jdbc, "page-" + UUID.randomUUID()).sixOnboardings("SMB", "ENT", Instant.parse("2018-01-10T00:00:00Z"),
        Instant.parse("2018-02-05T00:00:00Z"), Instant.parse("2018-03-01T00:00:00Z"));    // a quarter no other test writes

    JsonNode page = open("http://localhost:" + port + "/insights/?from=2018-01-01&to=2018-04-01");

    assertThat(page.get("errors")).as("script errors").isEmpty();
    assertThat(page.get("loaded").asText()).isEqualTo("true");
    assertThat(texts(page, "tiles")).containsExactly("15 dmedian time to first value (n=4)",
        "66.7 %completion rate (4 completed, 1 cancelled, 1 stuck)", "6onboardings won in the period",
        "1open onboardings at risk or off track");
    assertThat(page.get("alert").asText()).isEqualTo("Completion rate 66.7 % is below 80 %. Most drop-outs: KICKOFF 1, SETUP 1");
    // time to first value by segment: ENT 40 days (n=1); SMB median 10, p90 18 (6, 10, 20)
    assertThat(texts(page, "ttvTexts")).containsExactly("ENT", "40 d (p90 40 d, n=1)", "SMB", "10 d (p90 18 d, n=3)");
    assertThat(page.get("ttvBars").get(0).asDouble()).as("ENT's bar is four times SMB's").isGreaterThan(page.get("ttvBars").get(1).asDouble() * 3.9);
    assertThat(texts(page, "funnelTexts")).containsSequence("handoff", "6 · 2.5 d", "kickoff", "6 · 8 d", "setup", "1 · 3 d");
    assertThat(page.get("trendThreshold").asInt()).as("the 80% line").isEqualTo(1);
    assertThat(page.get("trendPoints")).extracting(p -> p.get("month").asText() + "=" + p.get("rate").asDouble())
        .containsExactly("2018-01=1.0", "2018-02=1.0", "2018-03=0.0");
    assertThat(page.get("status").asText()).isEqualTo("Closed-won 2018-01-01 to 2018-04-01");
    assertThat(texts(page, "slaTexts")).containsExactly("HoldKickoffCall", "2 · nudge 1, pending 1", "MigrateData", "1 · escalate 1");

    BufferedImage screenshot = Screenshots.assertLooksApproved(SCREENSHOT, APPROVED);
    assertThat(screenshot.getWidth()).isEqualTo(1280);
  }

  @Test
  void shouldLetACsLeadFilterToOneSegmentAndCsmClickAFigureAndDownloadTheOnboardingsBehindIt() throws Exception {
    new SeededHistory(jdbc, "drill-" + UUID.randomUUID()).sixOnboardings("SMB", "ENT", Instant.parse("2017-01-10T00:00:00Z"),
        Instant.parse("2017-02-05T00:00:00Z"), Instant.parse("2017-03-01T00:00:00Z"));    // a quarter no other test writes
    String quarter = "from=2017-01-01&to=2017-04-01";

    JsonNode page = new ObjectMapper().readTree(HeadlessBrowser.run("insights-drill.mjs", List.of(
        "http://localhost:" + port + "/insights/?" + quarter, ADMIN, PASSWORD, "SMB", "casey", "won",
        Path.of("target/insights-drill.png").toAbsolutePath().toString()), 90));

    assertThat(page.get("errors")).as("script errors").isEmpty();
    assertThat(page.get("loaded").asText()).isEqualTo("true");
    assertThat(page.get("segments")).extracting(JsonNode::asText).containsExactly("", "SMB", "ENT");   // most onboardings first
    assertThat(page.get("csms")).extracting(JsonNode::asText).containsExactly("", "casey", "jo");       // the period's CSMs
    assertThat(page.get("address").asText()).as("a link to this slice").endsWith("/insights/?" + quarter + "&segment=SMB&csm=casey");
    assertThat(page.get("tiles").get(2).asText()).isEqualTo("4onboardings won in the period");
    assertThat(page.get("title").asText()).isEqualTo("Won in the period");
    assertThat(page.get("count").asText()).isEqualTo("4 onboardings");
    // what the API lists behind the same figure, in the same order
    JsonNode api = as(ADMIN).get("/api/insights/onboardings?" + quarter + "&segment=SMB&csm=casey&figure=won").expect(200).json();
    List<String> accounts = new ArrayList<>();
    api.get("onboardings").forEach(o -> accounts.add(o.get("account").asText()));
    assertThat(accounts).containsExactly("Account F", "Account A", "Account B", "Account C");   // the open one, longest in stage, first
    assertThat(page.get("rows")).extracting(r -> r.get(0).asText()).containsExactlyElementsOf(accounts);
    assertThat(page.get("rows").get(0)).extracting(JsonNode::asText).startsWith("Account F", "casey", "kickoff").contains("AT_RISK");
    assertThat(page.get("links").get(0).asText()).endsWith("/process-instance/" + api.at("/onboardings/0/id").asText());
    // the CSV the browser downloaded: a header and the API's rows, id for id
    String[] csv = page.get("csv").asText().split("\r\n");
    assertThat(page.get("csvName").asText()).isEqualTo("onboardings-won.csv");
    assertThat(csv[0]).startsWith("onboarding,handoff,account,");
    List<String> ids = new ArrayList<>();
    api.get("onboardings").forEach(o -> ids.add(o.get("id").asText()));
    assertThat(List.of(csv).subList(1, csv.length)).extracting(line -> line.split(",")[0]).containsExactlyElementsOf(ids);
    assertThat(List.of(csv).subList(1, csv.length)).allSatisfy(line -> assertThat(line).contains(",SMB,").contains(",casey,"));
    // every report is on the page, each with its CSV for the same slice
    assertThat(page.get("reportCsvLinks")).extracting(JsonNode::asText).hasSize(9)
        .allSatisfy(href -> assertThat(href).contains("segment=SMB").contains("csm=casey"));
    assertThat(page.get("cards")).hasSize(5);
  }

  private static List<String> texts(JsonNode page, String field) {
    List<String> texts = new ArrayList<>();
    page.get(field).forEach(t -> texts.add(t.asText()));
    return texts;
  }

  /** The page in headless Chromium as the CS lead ({@code test-support/browser/insights-page.mjs}). */
  private static JsonNode open(String url) throws IOException, InterruptedException {
    Files.createDirectories(SCREENSHOT.getParent());
    return new ObjectMapper().readTree(HeadlessBrowser.run("insights-page.mjs",
        List.of(url, ADMIN, PASSWORD, SCREENSHOT.toAbsolutePath().toString()), 90));
  }
}
