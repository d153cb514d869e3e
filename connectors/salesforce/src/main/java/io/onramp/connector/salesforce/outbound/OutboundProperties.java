package io.onramp.connector.salesforce.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param organizationId   the org whose Outbound Messages are accepted (15 or 18 characters)
 */
@ConfigurationProperties("onramp.salesforce.outbound")
public record OutboundProperties(String organizationId) {
}
