package io.onramp.connector.handoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url      handoff-service, where closed-won deals become handoff drafts
 * @param user     its API account without Keycloak (from the environment)
 * @param password its password (from the environment)
 */
@ConfigurationProperties("onramp.connector.handoff")
public record HandoffProperties(@DefaultValue("http://localhost:8082") String url, String user, String password) {
}
