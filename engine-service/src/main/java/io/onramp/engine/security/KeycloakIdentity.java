package io.onramp.engine.security;

import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's users and groups come from Keycloak realm {@code onramp} (read-only): user id = Keycloak
 * username, group id = group path without the slash (= its name), so BPMN candidate groups ({@code csm}, {@code cs-lead}…) are the
 * Keycloak groups. Members of {@code onramp-admin} are Camunda administrators, and Camunda
 * authorization is on ({@link AuthorizationGrants}). Active when
 * {@code onramp.keycloak.url} is set; the client secret comes from the environment only.
 */
@Configuration
@ConditionalOnProperty("onramp.keycloak.url")
class KeycloakIdentity {

  @Bean
  KeycloakIdentityProviderPlugin keycloakIdentityProvider(@Value("${onramp.keycloak.url}") String keycloak,
                                                          @Value("${onramp.keycloak.realm:onramp}") String realm,
                                                          @Value("${onramp.keycloak.engine-client-id:engine-service}") String clientId,
                                                          @Value("${onramp.keycloak.engine-client-secret}") String clientSecret,
                                                          @Value("${onramp.keycloak.startup-wait:120s}") java.time.Duration startupWait) {
    KeycloakIdentityProviderPlugin plugin = new TolerantKeycloakPlugin(startupWait);
    plugin.setKeycloakIssuerUrl(keycloak + "/realms/" + realm);
    plugin.setKeycloakAdminUrl(keycloak + "/admin/realms/" + realm);
    plugin.setClientId(clientId);
    plugin.setClientSecret(clientSecret);
    plugin.setUseUsernameAsCamundaUserId(true);
    plugin.setUseGroupPathAsCamundaGroupId(true);       // top-level groups: id = name (csm, cs-lead…), not a UUID
    plugin.setAdministratorGroupName("onramp-admin");
    plugin.setDisableSSLCertificateValidation(false);
    return plugin;
  }

  @Bean
  AuthorizationGrants authorizationGrants(@Value("${onramp.engine.worker-journeys:customer-onboarding}") java.util.List<String> journeys) {
    return new AuthorizationGrants(journeys);
  }
}
