package io.onramp.connector.hubspot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HubSpotSignatureTest {

  static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  /** CRM-NOTES: HubSpot's published v1 test vector. */
  static final byte[] BODY = ("[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
      + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,\"changeSource\":\"CRM\","
      + "\"changeFlag\":\"NEW\",\"appId\":54321}]").getBytes(StandardCharsets.UTF_8);
  static final String URI = "https://onramp.example.com/webhooks/hubspot?portal=62515";
  static final String TIMESTAMP = "1763860000000";
  /** Computed independently (Python's hmac/hashlib/base64) over POST + URI + BODY + TIMESTAMP. */
  static final String V3 = "MhNUDP17hXwq2OWkvmVx/fK1jESumogtSad44yWmMzs=";

  final Clock oneMinuteLater = Clock.fixed(Instant.ofEpochMilli(Long.parseLong(TIMESTAMP)).plusSeconds(60), ZoneOffset.UTC);

  @Test
  void shouldAcceptHubSpotsPublishedV1VectorWhenV1IsAccepted() {
    HubSpotSignature v1 = new HubSpotSignature(SECRET, true, Duration.ofMinutes(5), oneMinuteLater);
    assertThat(v1.verifyV1(BODY, "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"))
        .isEqualTo(HubSpotSignature.Verdict.VALID);
    assertThat(v1.verifyV1(BODY, "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817df"))
        .isEqualTo(HubSpotSignature.Verdict.MISMATCH);
  }

  @Test
  void shouldRefuseV1UnlessConfigured() {
    HubSpotSignature strict = new HubSpotSignature(SECRET, false, Duration.ofMinutes(5), oneMinuteLater);
    assertThat(strict.verifyV1(BODY, "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"))
        .isEqualTo(HubSpotSignature.Verdict.V1_NOT_ACCEPTED);
  }

  @Test
  void shouldAcceptAValidV3SignatureWithinTheWindow() {
    HubSpotSignature v3 = new HubSpotSignature(SECRET, false, Duration.ofMinutes(5), oneMinuteLater);
    assertThat(v3.verifyV3("POST", URI, BODY, TIMESTAMP, V3)).isEqualTo(HubSpotSignature.Verdict.VALID);
  }

  @Test
  void shouldRefuseV3WhenAnythingSignedDiffers() {
    HubSpotSignature v3 = new HubSpotSignature(SECRET, false, Duration.ofMinutes(5), oneMinuteLater);
    assertThat(v3.verifyV3("POST", URI.replace("?portal=62515", ""), BODY, TIMESTAMP, V3)).isEqualTo(HubSpotSignature.Verdict.MISMATCH);
    assertThat(v3.verifyV3("POST", URI, "[]".getBytes(StandardCharsets.UTF_8), TIMESTAMP, V3)).isEqualTo(HubSpotSignature.Verdict.MISMATCH);
    assertThat(v3.verifyV3("PUT", URI, BODY, TIMESTAMP, V3)).isEqualTo(HubSpotSignature.Verdict.MISMATCH);
    assertThat(v3.verifyV3("POST", URI, BODY, "1763860000001", V3)).isEqualTo(HubSpotSignature.Verdict.MISMATCH);
    assertThat(v3.verifyV3("POST", URI, BODY, TIMESTAMP, null)).isEqualTo(HubSpotSignature.Verdict.MISSING);
    assertThat(new HubSpotSignature("another-secret", false, Duration.ofMinutes(5), oneMinuteLater)
        .verifyV3("POST", URI, BODY, TIMESTAMP, V3)).isEqualTo(HubSpotSignature.Verdict.MISMATCH);
  }

  @Test
  void shouldRefuseAReplayOlderThanFiveMinutes() {
    Clock sixMinutesLater = Clock.fixed(Instant.ofEpochMilli(Long.parseLong(TIMESTAMP)).plusSeconds(360), ZoneOffset.UTC);
    HubSpotSignature v3 = new HubSpotSignature(SECRET, false, Duration.ofMinutes(5), sixMinutesLater);
    assertThat(v3.verifyV3("POST", URI, BODY, TIMESTAMP, V3)).isEqualTo(HubSpotSignature.Verdict.EXPIRED);
  }

  @Test
  void shouldRefuseToStartWithoutASecret() {
    assertThatThrownBy(() -> new HubSpotSignature(" ", false, Duration.ofMinutes(5), oneMinuteLater))
        .hasMessageContaining("ONRAMP_HUBSPOT_CLIENT_SECRET");
  }
}
