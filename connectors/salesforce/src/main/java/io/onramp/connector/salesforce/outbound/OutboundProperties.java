package io.onramp.connector.salesforce.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param organizationId   the org whose Outbound Messages are accepted (15 or 18 characters)
 * @param handoffUrl       handoff-service
 * @param handoffUser      its API account (from the environment)
 * @param handoffPassword  its password (from the environment)
 */
@ConfigurationProperties("onramp.salesforce.outbound")
public record OutboundProperties(String organizationId, @DefaultValue("http://localhost:8082") String handoffUrl,
                                 String handoffUser, String handoffPassword) {
}
