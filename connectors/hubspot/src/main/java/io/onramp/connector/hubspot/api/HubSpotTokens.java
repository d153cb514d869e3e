package io.onramp.connector.hubspot.api;

import io.onramp.connector.auth.TokenEndpoint;
import io.onramp.connector.auth.VendorTokens;
import io.onramp.connector.hubspot.HubSpotProperties;
import java.time.Duration;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.stereotype.Component;

/**
 * The bearer token for HubSpot: a private-app token as configured, or an OAuth access token ({@link VendorTokens})
 * refreshed ({@code POST /oauth/v3/token}, refresh_token grant, client secret in the form; HubSpot may rotate the
 * refresh token) five minutes before it expires and once more when HubSpot answers 401.
 */
@Component
public class HubSpotTokens {

  private static final Duration AHEAD = Duration.ofMinutes(5);

  private final String privateAppToken;
  private final VendorTokens oauth;

  HubSpotTokens(HubSpotProperties properties) {
    boolean privateApp = properties.accessToken() != null && !properties.accessToken().isBlank();
    boolean oauthApp = properties.oauthClientId() != null && !properties.oauthClientId().isBlank();
    if (!privateApp && !oauthApp) {
      throw new IllegalStateException("HubSpot credentials missing: set ONRAMP_HUBSPOT_TOKEN (private app) or "
          + "onramp.hubspot.oauth-client-id, -client-secret and -refresh-token (OAuth)");
    }
    this.privateAppToken = privateApp ? properties.accessToken() : null;
    this.oauth = privateApp ? null : oauth(properties);
  }

  private static VendorTokens oauth(HubSpotProperties properties) {
    ClientRegistration registration = ClientRegistration.withRegistrationId("hubspot").clientId(properties.oauthClientId())
        .clientSecret(String.valueOf(properties.oauthClientSecret()))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .tokenUri(properties.baseUrl() + "/oauth/v3/token").build();
    RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
    refresh.setClockSkew(AHEAD);
    RestClientRefreshTokenTokenResponseClient endpoint = new RestClientRefreshTokenTokenResponseClient();
    endpoint.setRestClient(TokenEndpoint.client());
    refresh.setAccessTokenResponseClient(endpoint);
    return new VendorTokens("HubSpot", "set a new ONRAMP_HUBSPOT_OAUTH_REFRESH_TOKEN and restart the connector", registration,
        refresh, null).startingFrom(new OAuth2RefreshToken(String.valueOf(properties.oauthRefreshToken()), null));
  }

  public String current() {
    return privateAppToken != null ? privateAppToken : oauth.current();
  }

  /** HubSpot refused the token: the next call refreshes (OAuth). A private-app token cannot be refreshed. */
  public boolean invalidate() {
    if (oauth == null) {
      return false;
    }
    oauth.invalidate();
    return true;
  }
}
