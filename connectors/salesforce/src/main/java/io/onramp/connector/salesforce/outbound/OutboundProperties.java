package io.onramp.connector.salesforce.outbound;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param organizationId the org whose Outbound Messages are accepted (15 or 18 characters)
 * @param usageFields    Account fields that carry product usage → the usage kind each reports (ACTIVE_USERS: a count;
 *                       the others: when it last happened); an Outbound Message on an Account with them reaches the
 *                       onboarding's health
 */
@ConfigurationProperties("onramp.salesforce.outbound")
public record OutboundProperties(String organizationId, Map<String, String> usageFields) {
  public OutboundProperties {
    usageFields = usageFields == null ? Map.of() : Map.copyOf(usageFields);
  }
}
