package io.onramp.handoff.config;

import io.onramp.web.KeycloakJwt;
import io.onramp.web.ServiceToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** handoff-service's own Keycloak service account ({@code journey-starter}), for its calls to engine-service. */
@Configuration
@ConditionalOnProperty("onramp.keycloak.url")
class KeycloakServiceAccount {

  @Bean
  ServiceToken serviceToken(@Value("${onramp.keycloak.url}") String keycloak, @Value("${onramp.keycloak.realm:onramp}") String realm,
                            @Value("${onramp.keycloak.client-id:handoff-service}") String clientId,
                            @Value("${onramp.keycloak.client-secret:}") String secret) {
    return new ServiceToken(KeycloakJwt.issuer(keycloak, realm), clientId, secret);
  }
}
