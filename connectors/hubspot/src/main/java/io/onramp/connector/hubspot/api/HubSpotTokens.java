package io.onramp.connector.hubspot.api;

import io.onramp.connector.hubspot.HubSpotProperties;
import io.onramp.connector.sync.VendorError;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.stereotype.Component;

/**
 * The bearer token for HubSpot: a private-app token as configured, or an OAuth access token kept by Spring
 * Security's OAuth2 client — refreshed ({@code POST /oauth/v3/token}, refresh_token grant; HubSpot rotates the
 * refresh token) five minutes before it expires and once more when HubSpot answers 401. Tokens are never logged.
 */
@Component
public class HubSpotTokens {

  private static final Duration AHEAD = Duration.ofMinutes(5);
  private static final String REGISTRATION = "hubspot";
  private static final Authentication CONNECTOR = UsernamePasswordAuthenticationToken.unauthenticated("hubspot-connector", "");

  private final String privateAppToken;
  private final ClientRegistration registration;
  private final InMemoryOAuth2AuthorizedClientService tokens;
  private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

  HubSpotTokens(HubSpotProperties properties) {
    boolean privateApp = properties.accessToken() != null && !properties.accessToken().isBlank();
    boolean oauth = properties.oauthClientId() != null && !properties.oauthClientId().isBlank();
    if (!privateApp && !oauth) {
      throw new IllegalStateException("HubSpot credentials missing: set ONRAMP_HUBSPOT_TOKEN (private app) or "
          + "onramp.hubspot.oauth-client-id, -client-secret and -refresh-token (OAuth)");
    }
    this.privateAppToken = privateApp ? properties.accessToken() : null;
    if (privateApp) {
      registration = null;
      tokens = null;
      manager = null;
      return;
    }
    registration = ClientRegistration.withRegistrationId(REGISTRATION).clientId(properties.oauthClientId())
        .clientSecret(String.valueOf(properties.oauthClientSecret()))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .tokenUri(properties.baseUrl() + "/oauth/v3/token").build();
    InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
    tokens = new InMemoryOAuth2AuthorizedClientService(registrations);
    RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
    refresh.setClockSkew(AHEAD);
    manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, tokens);
    manager.setAuthorizedClientProvider(refresh);
    expire(new OAuth2RefreshToken(String.valueOf(properties.oauthRefreshToken()), null));   // the first call refreshes
  }

  public String current() {
    if (privateAppToken != null) {
      return privateAppToken;
    }
    OAuth2AuthorizedClient client;
    try {
      client = manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(CONNECTOR).build());
    } catch (OAuth2AuthorizationException refused) {
      throw new VendorError(VendorError.Kind.AUTH, 400, "HubSpot refused to refresh the OAuth token ("
          + refused.getError().getErrorCode() + ")");
    } catch (RuntimeException unreachable) {
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, "HubSpot token endpoint not reachable: " + unreachable.getMessage());
    }
    if (client == null) {          // HubSpot refused the refresh token for good (invalid_grant): Spring dropped it
      throw new VendorError(VendorError.Kind.AUTH, 400, "HubSpot refused the OAuth refresh token: set a new one "
          + "(ONRAMP_HUBSPOT_OAUTH_REFRESH_TOKEN) and restart the connector");
    }
    return client.getAccessToken().getTokenValue();
  }

  /** HubSpot refused the token: the next call refreshes (OAuth). A private-app token cannot be refreshed. */
  public boolean invalidate() {
    if (privateAppToken != null) {
      return false;
    }
    OAuth2AuthorizedClient held = tokens.loadAuthorizedClient(REGISTRATION, CONNECTOR.getName());
    if (held != null && held.getRefreshToken() != null) {
      expire(held.getRefreshToken());
    }
    return true;
  }

  /** Keeps {@code refreshToken} with an access token that has run out, so the next call refreshes. */
  private void expire(OAuth2RefreshToken refreshToken) {
    OAuth2AccessToken spent = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "expired", Instant.EPOCH,
        Instant.EPOCH.plusSeconds(1));
    tokens.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, CONNECTOR.getName(), spent, refreshToken), CONNECTOR);
  }
}
