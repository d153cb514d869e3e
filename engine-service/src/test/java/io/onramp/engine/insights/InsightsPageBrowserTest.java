package io.onramp.engine.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.engine.EngineIntegrationTest;
import io.onramp.testing.HeadlessBrowser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The insights page in a real headless browser (Debian's Chromium driven by playwright-core,
 * {@link HeadlessBrowser}): a CS lead opens a link to a quarter with the six onboardings of
 * {@link InsightsIntegrationTest}'s table and reads the figures off the charts; the screenshot
 * ({@code target/insights-page.png}) must match the approved one.
 */
class InsightsPageBrowserTest extends EngineIntegrationTest {

  private static final Path SCREENSHOT = Path.of("target/insights-page.png");
  private static final String APPROVED_PATH = "src/test/browser/insights-page.approved.png";
  private static final Path APPROVED = Path.of(APPROVED_PATH);
  private static final Path DIFF = Path.of("target/insights-page-diff.png");
  private static final double MAX_CHANGED_SHARE = 0.005;

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
        "1open onboardings at risk or stalled");
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

    BufferedImage screenshot = ImageIO.read(SCREENSHOT.toFile());
    assertThat(screenshot.getWidth()).isEqualTo(1280);
    assertThat(colours(screenshot)).as("a drawn page, not a blank one").isGreaterThan(20);
    assertLooksLikeTheApprovedScreenshot(screenshot);
  }

  /**
   * The page as a person sees it must match the approved screenshot ({@value #APPROVED_PATH}): same size,
   * at most {@value #MAX_CHANGED_SHARE} of the pixels visibly different (anti-aliasing and font hinting
   * move a few). A different page leaves {@code target/insights-page-diff.png} (changed pixels red);
   * when the change is wanted, {@code -Donramp.screenshots.approve=true} makes the new screenshot the approved one.
   */
  private static void assertLooksLikeTheApprovedScreenshot(BufferedImage screenshot) throws IOException {
    if (Boolean.getBoolean("onramp.screenshots.approve") || !Files.exists(APPROVED)) {
      Files.createDirectories(APPROVED.getParent());
      Files.copy(SCREENSHOT, APPROVED, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      throw new AssertionError("approved screenshot written to " + APPROVED + ": look at it, commit it, and run the test again");
    }
    BufferedImage approved = ImageIO.read(APPROVED.toFile());
    assertThat(screenshot.getWidth() + "x" + screenshot.getHeight()).as("size of the page, against %s", APPROVED)
        .isEqualTo(approved.getWidth() + "x" + approved.getHeight());
    BufferedImage diff = new BufferedImage(approved.getWidth(), approved.getHeight(), BufferedImage.TYPE_INT_RGB);
    long changed = 0;
    for (int y = 0; y < approved.getHeight(); y++) {
      for (int x = 0; x < approved.getWidth(); x++) {
        int now = screenshot.getRGB(x, y);
        int before = approved.getRGB(x, y);
        boolean differs = channelDistance(now, before) > 48;
        changed += differs ? 1 : 0;
        diff.setRGB(x, y, differs ? 0xFF0000 : (before & 0xFEFEFE) >> 1 | 0x808080);   // unchanged: faded
      }
    }
    double share = (double) changed / (approved.getWidth() * approved.getHeight());
    if (share > MAX_CHANGED_SHARE) {
      ImageIO.write(diff, "png", DIFF.toFile());
      throw new AssertionError("the page differs from the approved screenshot in %.2f %% of its pixels (see %s)"
          .formatted(100 * share, DIFF.toAbsolutePath()));
    }
  }

  private static int channelDistance(int a, int b) {
    int max = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      max = Math.max(max, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
    }
    return max;
  }

  private static List<String> texts(JsonNode page, String field) {
    List<String> texts = new ArrayList<>();
    page.get(field).forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static long colours(BufferedImage image) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  /** The page in headless Chromium as the CS lead ({@code test-support/browser/insights-page.mjs}). */
  private static JsonNode open(String url) throws IOException, InterruptedException {
    Files.createDirectories(SCREENSHOT.getParent());
    return new ObjectMapper().readTree(HeadlessBrowser.run("insights-page.mjs",
        List.of(url, ADMIN, PASSWORD, SCREENSHOT.toAbsolutePath().toString()), 90));
  }
}
