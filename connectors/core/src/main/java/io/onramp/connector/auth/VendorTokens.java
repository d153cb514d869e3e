package io.onramp.connector.auth;

import io.onramp.connector.sync.VendorError;
import java.time.Instant;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.web.client.RestClientResponseException;

/**
 * A CRM account's OAuth access token, kept by Spring Security's OAuth2 client: obtained by the grant its provider
 * speaks (refresh_token, client_credentials, JWT bearer), renewed within the provider's clock skew of its expiry, and
 * once more when the CRM answers 401 ({@link #invalidate}). One refresh at a time, so a rotating refresh token is
 * never spent twice. A refusal becomes a {@link VendorError}: AUTH naming the OAuth error and what to set, UNAVAILABLE
 * when the token endpoint does not answer. Tokens are never logged.
 */
public final class VendorTokens {

  private static final Set<String> REFUSALS = Set.of("invalid_grant", "invalid_client", "unauthorized_client",
      "invalid_request", "invalid_scope", "unsupported_grant_type", "access_denied");

  private final String vendor;
  private final String whatToSet;
  private final ClientRegistration registration;
  private final Authentication connector;
  private final OAuth2AuthorizedClientService store;
  private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

  /**
   * @param whatToSet what an operator does when the CRM refuses the credentials, e.g. "set ONRAMP_X_TOKEN and restart"
   * @param store     where the authorized client lives; {@code null} keeps it in memory
   */
  public VendorTokens(String vendor, String whatToSet, ClientRegistration registration, OAuth2AuthorizedClientProvider provider,
                      OAuth2AuthorizedClientService store) {
    this.vendor = vendor;
    this.whatToSet = whatToSet;
    this.registration = registration;
    this.connector = UsernamePasswordAuthenticationToken.unauthenticated(registration.getRegistrationId() + "-connector", "");
    InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
    this.store = store != null ? store : new InMemoryOAuth2AuthorizedClientService(registrations);
    this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, this.store);
    manager.setAuthorizedClientProvider(provider);
  }

  /** Starts from a refresh token: the first call refreshes. */
  public VendorTokens startingFrom(OAuth2RefreshToken refreshToken) {
    keepSpent(refreshToken);
    return this;
  }

  /** The access token for the next call, obtained or refreshed first when it is missing or about to run out. */
  public synchronized String current() {
    OAuth2AuthorizedClient client;
    try {
      client = manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registration.getRegistrationId())
          .principal(connector).build());
    } catch (OAuth2AuthorizationException refused) {
      String code = refused.getError().getErrorCode();
      String reason = code + (refused.getError().getDescription() == null ? "" : ": " + refused.getError().getDescription());
      if (REFUSALS.contains(code)) {
        throw new VendorError(VendorError.Kind.AUTH, 400, vendor + " refused the OAuth token request (" + reason + "); " + whatToSet);
      }
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 0, vendor + " token endpoint did not answer usefully (" + reason + ")");
    } catch (VendorError error) {
      throw error;
    } catch (RuntimeException failed) {
      RestClientResponseException answer = answer(failed);
      if (answer != null && answer.getStatusCode().is4xxClientError()) {
        throw new VendorError(VendorError.Kind.AUTH, answer.getStatusCode().value(), vendor + " refused the OAuth token request ("
            + answer.getStatusCode().value() + " " + brief(answer.getResponseBodyAsString()) + "); " + whatToSet);
      }
      throw new VendorError(VendorError.Kind.UNAVAILABLE, answer == null ? 0 : answer.getStatusCode().value(),
          vendor + " token endpoint not reachable: " + failed.getMessage());
    }
    if (client == null) {      // the refresh token was refused for good (invalid_grant) and Spring dropped it
      throw new VendorError(VendorError.Kind.AUTH, 400, vendor + " refused the OAuth refresh token; " + whatToSet);
    }
    return client.getAccessToken().getTokenValue();
  }

  /** The CRM refused the access token: the next call refreshes it (keeping the refresh token) or obtains a new one. */
  public synchronized void invalidate() {
    OAuth2AuthorizedClient held = store.loadAuthorizedClient(registration.getRegistrationId(), connector.getName());
    if (held != null && held.getRefreshToken() != null) {
      keepSpent(held.getRefreshToken());
    } else {
      store.removeAuthorizedClient(registration.getRegistrationId(), connector.getName());
    }
  }

  private static RestClientResponseException answer(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RestClientResponseException answer) {
        return answer;
      }
    }
    return null;
  }

  private static String brief(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
  }

  /** Keeps {@code refreshToken} with an access token that has run out, so the next call refreshes. */
  private void keepSpent(OAuth2RefreshToken refreshToken) {
    OAuth2AccessToken spent = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "spent", Instant.EPOCH,
        Instant.EPOCH.plusSeconds(1));
    store.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, connector.getName(), spent, refreshToken), connector);
  }
}
