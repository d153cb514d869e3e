package io.onramp.connector.hubspot.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param clientSecret     the HubSpot app's client secret, which signs webhook requests (from the environment)
 * @param publicUrl        the URL HubSpot calls, as HubSpot sees it (behind the gateway it differs from ours);
 *                         empty = rebuilt from the request
 * @param acceptV1         also accept v1 signatures (still sent for some CRM-object subscriptions); off by default
 * @param maxAge           how old a signed request may be
 * @param closedWonStages  deal stage ids that mean closed-won (custom pipelines have their own)
 * @param usageProperties  company properties that carry product usage → the usage kind each reports (ACTIVE_USERS: a
 *                         count; the others: when it last happened); their {@code company.propertyChange} events reach
 *                         the onboarding's health
 */
@ConfigurationProperties("onramp.hubspot.webhook")
public record WebhookProperties(String clientSecret, String publicUrl, @DefaultValue("false") boolean acceptV1,
                                @DefaultValue("5m") Duration maxAge, @DefaultValue("closedwon") java.util.List<String> closedWonStages,
                                java.util.Map<String, String> usageProperties) {
  public WebhookProperties {
    usageProperties = usageProperties == null ? java.util.Map.of() : java.util.Map.copyOf(usageProperties);
  }
}
