package io.onramp.connector.salesforce.api;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.onramp.connector.auth.TokenEndpoint;
import io.onramp.connector.auth.VendorTokens;
import io.onramp.connector.salesforce.SalesforceProperties;
import io.onramp.connector.sync.VendorError;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.JwtBearerOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientJwtBearerTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * A Salesforce session through Spring Security's OAuth2 client ({@link VendorTokens}): OAuth 2.0 JWT bearer (an
 * RS256 assertion: iss = consumer key, sub = user, aud = login URL, exp in 3 minutes; no refresh token) or client
 * credentials. Requests go to the returned {@code instance_url}. Salesforce says nothing of when a session ends (the
 * org's timeout, two hours by default), so it is used until then or until a 401 INVALID_SESSION_ID mints a new one.
 */
@Component
public class SalesforceSession {

  public record Session(String accessToken, String instanceUrl) {
  }

  /** Salesforce's default session timeout; a shorter org timeout shows as a 401, which mints a new session. */
  private static final Duration SESSION = Duration.ofHours(2);
  private static final Duration ASSERTION = Duration.ofMinutes(3);

  private final VendorTokens tokens;
  private volatile String instanceUrl;

  @Autowired
  SalesforceSession(SalesforceProperties properties) {
    this(properties, Clock.systemUTC());
  }

  SalesforceSession(SalesforceProperties properties, Clock clock) {
    boolean jwt = notBlank(properties.privateKey()) && notBlank(properties.consumerKey()) && notBlank(properties.username());
    boolean clientCredentials = notBlank(properties.clientId()) && notBlank(properties.clientSecret());
    if (!jwt && !clientCredentials) {
      throw new IllegalStateException("Salesforce credentials missing: set ONRAMP_SALESFORCE_CONSUMER_KEY, ONRAMP_SALESFORCE_USERNAME "
          + "and ONRAMP_SALESFORCE_PRIVATE_KEY (JWT bearer), or ONRAMP_SALESFORCE_CLIENT_ID and ONRAMP_SALESFORCE_CLIENT_SECRET "
          + "(client credentials)");
    }
    String tokenUri = properties.loginUrl() + "/services/oauth2/token";
    RestClient endpoint = TokenEndpoint.client(this::session);
    OAuth2AuthorizedClientProvider provider;
    ClientRegistration registration;
    if (jwt) {
      registration = ClientRegistration.withRegistrationId("salesforce").clientId(properties.consumerKey())
          .clientAuthenticationMethod(ClientAuthenticationMethod.NONE).authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
          .tokenUri(tokenUri).build();
      NimbusJwtEncoder signer = signer(properties.privateKey());
      JwtBearerOAuth2AuthorizedClientProvider bearer = new JwtBearerOAuth2AuthorizedClientProvider();
      bearer.setJwtAssertionResolver(context -> assertion(signer, properties, clock));
      RestClientJwtBearerTokenResponseClient client = new RestClientJwtBearerTokenResponseClient();
      client.setRestClient(endpoint);
      bearer.setAccessTokenResponseClient(client);
      bearer.setClock(clock);
      provider = bearer;
    } else {
      registration = ClientRegistration.withRegistrationId("salesforce").clientId(properties.clientId())
          .clientSecret(properties.clientSecret()).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).tokenUri(tokenUri).build();
      ClientCredentialsOAuth2AuthorizedClientProvider credentials = new ClientCredentialsOAuth2AuthorizedClientProvider();
      RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
      client.setRestClient(endpoint);
      credentials.setAccessTokenResponseClient(client);
      credentials.setClock(clock);
      provider = credentials;
    }
    this.tokens = new VendorTokens("Salesforce", "check the connected app and the ONRAMP_SALESFORCE_* credentials",
        registration, provider, null);
  }

  public Session current() {
    String accessToken = tokens.current();
    return new Session(accessToken, instanceUrl);
  }

  /** The session was refused: the next call mints a new one. */
  public void invalidate() {
    tokens.invalidate();
  }

  /** Salesforce's token answer: {@code instance_url} is where the org lives; no {@code expires_in}. */
  private OAuth2AccessTokenResponse session(Map<String, Object> answer) {
    Map<String, Object> parameters = new HashMap<>(answer);
    parameters.putIfAbsent("expires_in", SESSION.toSeconds());
    parameters.putIfAbsent("token_type", "Bearer");
    Object instance = parameters.get("instance_url");
    if (instance == null || instance.toString().isBlank()) {
      throw new VendorError(VendorError.Kind.UNAVAILABLE, 200, "Salesforce's token answer names no instance_url");
    }
    instanceUrl = instance.toString();
    return new DefaultMapOAuth2AccessTokenResponseConverter().convert(parameters);
  }

  private static Jwt assertion(NimbusJwtEncoder signer, SalesforceProperties properties, Clock clock) {
    JwtClaimsSet claims = JwtClaimsSet.builder().issuer(properties.consumerKey()).subject(properties.username())
        .audience(List.of(properties.loginUrl())).expiresAt(clock.instant().plus(ASSERTION)).build();
    return signer.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims));
  }

  private static NimbusJwtEncoder signer(String pem) {
    try {
      String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(publicKey).privateKey(key).build())));
    } catch (Exception e) {
      throw new IllegalStateException("ONRAMP_SALESFORCE_PRIVATE_KEY is not an RSA private key in PKCS#8 PEM: " + e.getMessage(), e);
    }
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
