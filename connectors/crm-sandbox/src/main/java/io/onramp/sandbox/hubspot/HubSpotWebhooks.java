package io.onramp.sandbox.hubspot;

import io.onramp.sandbox.Deliveries;
import io.onramp.sandbox.SandboxProperties;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Deal events as HubSpot's webhooks send them: a JSON array, signed v3 (Base64 HMAC-SHA256 of
 * method + URI + body + timestamp with the app secret), delivered at least once and retried.
 */
@Component
class HubSpotWebhooks {

  private final SandboxProperties.HubSpot account;
  private final Deliveries deliveries;
  private final AtomicLong eventIds = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 10);

  HubSpotWebhooks(SandboxProperties properties, Deliveries deliveries) {
    this.account = properties.hubspot();
    this.deliveries = deliveries;
  }

  /** Returns "sent" or why not. */
  String dealStageChanged(String dealId, String stage) {
    if (account.webhookUrl() == null || account.webhookUrl().isBlank() || account.clientSecret() == null) {
      return "no webhook subscription (onramp.sandbox.hubspot.webhook-url and client-secret)";
    }
    long eventId = eventIds.incrementAndGet();
    long occurredAt = System.currentTimeMillis();
    deliveries.send("HubSpot deal.propertyChange dealstage=" + stage + " for deal " + dealId, attempt -> {
      String body = "[{\"eventId\":" + eventId + ",\"subscriptionId\":2481,\"portalId\":62515,\"appId\":54321,\"occurredAt\":"
          + occurredAt + ",\"subscriptionType\":\"deal.propertyChange\",\"attemptNumber\":" + attempt + ",\"objectId\":" + dealId
          + ",\"propertyName\":\"dealstage\",\"propertyValue\":\"" + stage + "\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:101\"}]";
      String timestamp = Long.toString(System.currentTimeMillis());
      return HttpRequest.newBuilder(URI.create(account.webhookUrl())).timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json").header("X-HubSpot-Request-Timestamp", timestamp)
          .header("X-HubSpot-Signature-v3", sign("POST" + account.webhookUrl() + body + timestamp))
          .header("X-HubSpot-Signature-Version", "v3")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }, response -> response.statusCode() / 100 == 2);
    return "sent";
  }

  private String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(account.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
