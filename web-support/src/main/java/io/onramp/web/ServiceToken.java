package io.onramp.web;

import java.time.Duration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * A service account's access token from Keycloak (client credentials), through Spring Security's OAuth2
 * client: kept until 30 s before it expires and fetched again then. The secret comes from the
 * environment and is never logged.
 */
public final class ServiceToken {

  private static final Duration EARLY = Duration.ofSeconds(30);

  private final String clientId;
  private final InMemoryOAuth2AuthorizedClientService tokens;
  private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

  public ServiceToken(String issuer, String clientId, String clientSecret) {
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalStateException("the Keycloak client secret of " + clientId + " is not set (see docs/security.md)");
    }
    this.clientId = clientId;
    InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(ClientRegistration
        .withRegistrationId(clientId).clientId(clientId).clientSecret(clientSecret)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .tokenUri(issuer + "/protocol/openid-connect/token").build());
    this.tokens = new InMemoryOAuth2AuthorizedClientService(registrations);
    ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
    provider.setClockSkew(EARLY);
    this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, tokens);
    this.manager.setAuthorizedClientProvider(provider);
  }

  /** "Bearer …" for the next call. */
  public String header() {
    OAuth2AuthorizedClient client;
    try {
      client = manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(clientId).principal(clientId).build());
    } catch (OAuth2AuthorizationException e) {
      throw new IllegalStateException("Keycloak refused a token for " + clientId + ": " + e.getError().getErrorCode()
          + " " + (e.getError().getDescription() == null ? "" : e.getError().getDescription()), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Keycloak gave no token for " + clientId + ": " + e.getMessage(), e);
    }
    if (client == null) {
      throw new IllegalStateException("Keycloak gave no token for " + clientId);
    }
    return "Bearer " + client.getAccessToken().getTokenValue();
  }

  /** The token was refused (revoked, keys rotated): the next call fetches a new one. */
  public void invalidate() {
    tokens.removeAuthorizedClient(clientId, clientId);
  }
}
