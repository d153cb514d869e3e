package io.onramp.handoff.config;

import io.onramp.web.KeycloakJwt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The handoff page ({@code /handoffs/}, static/handoffs) signs people in with Keycloak like Tasklist and
 * the insights page: a browser without a session goes to Keycloak's login (authorization code with PKCE,
 * client {@code handoff-service}) and comes back signed in; its roles are the realm roles of the access
 * token Keycloak issued at sign-in (checked as the API checks tokens). The page calls the handoff API under
 * {@code /handoffs/api/**} with its session — the same controllers and rules as {@code /api/handoffs} —
 * and sends the CSRF token from the {@value #CSRF_COOKIE} cookie in {@code X-XSRF-TOKEN} on every change.
 * Sessions live in PostgreSQL (Spring Session), so any replica serves any request.
 */
@Configuration
@ConditionalOnProperty("onramp.keycloak.url")
class HandoffPageSecurity {

  static final String CSRF_COOKIE = "HANDOFF-XSRF-TOKEN";
  private static final String LOGIN = "/handoffs/oauth2/authorization/keycloak";
  private static final String[] READERS = {"sales", "cs-lead", "csm", "onramp-admin"};
  private static final String[] WRITERS = {"sales", "onramp-admin"};

  @Bean
  @Order(1)
  SecurityFilterChain handoffPageSignIn(HttpSecurity http, @Value("${onramp.keycloak.url}") String keycloak,
                                  @Value("${onramp.keycloak.realm:onramp}") String realm,
                                  @Value("${onramp.keycloak.client-id:handoff-service}") String clientId,
                                  @Value("${onramp.keycloak.client-secret}") String secret) throws Exception {
    String issuer = KeycloakJwt.issuer(keycloak, realm);
    ClientRegistration registration = ClientRegistration.withRegistrationId("keycloak")
        .clientId(clientId).clientSecret(secret).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri("{baseUrl}/handoffs/login/oauth2/code/{registrationId}").scope("openid", "profile", "email")
        .authorizationUri(issuer + "/protocol/openid-connect/auth").tokenUri(issuer + "/protocol/openid-connect/token")
        .jwkSetUri(issuer + "/protocol/openid-connect/certs").userInfoUri(issuer + "/protocol/openid-connect/userinfo")
        .userNameAttributeName("preferred_username").issuerUri(issuer)
        .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build()).build();
    CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    csrfTokens.setCookieName(CSRF_COOKIE);
    csrfTokens.setCookiePath("/handoffs");
    csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
    CsrfTokenRequestAttributeHandler plainToken = new CsrfTokenRequestAttributeHandler();
    plainToken.setCsrfRequestAttributeName(null);              // written on every page answer, read back raw from the header
    return http
        .securityMatcher(new org.springframework.security.web.util.matcher.OrRequestMatcher(path("/handoffs"), path("/handoffs/**")))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/handoffs/api/**")).hasAnyRole(READERS)
            .requestMatchers(path("/handoffs/api/**")).hasAnyRole(WRITERS)
            .anyRequest().hasAnyRole(READERS))
        // the page's API calls get 401 (the page keeps the edits and signs in again); anything else goes to Keycloak
        .exceptionHandling(e -> e
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), path("/handoffs/api/**"))
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN), AnyRequestMatcher.INSTANCE)
            .accessDeniedHandler(HandoffPageSecurity::forbidden))
        .oauth2Login(login -> login
            .clientRegistrationRepository(new InMemoryClientRegistrationRepository(registration))
            .loginPage(LOGIN)
            .authorizationEndpoint(a -> a.baseUri("/handoffs/oauth2/authorization"))
            .redirectionEndpoint(r -> r.baseUri("/handoffs/login/oauth2/code/*"))
            .userInfoEndpoint(u -> u.oidcUserService(withRealmRoles(KeycloakJwt.decoder(issuer))))
            .defaultSuccessUrl("/handoffs/", false))
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(plainToken))
        .build();
  }

  /** 403 as a problem document, written here: an error dispatch would pass the API's chain and turn into its 401. */
  private static void forbidden(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                org.springframework.security.access.AccessDeniedException denied) throws java.io.IOException {
    boolean csrf = denied instanceof org.springframework.security.web.csrf.CsrfException;
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType("application/problem+json");
    response.getWriter().write("{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"" + (csrf
        ? "the page's CSRF token (X-XSRF-TOKEN, from the HANDOFF-XSRF-TOKEN cookie) is missing or wrong; reload the page"
        : "your roles do not allow this on the handoff page") + "\"}");
  }

  /** The signed-in user with the realm roles of the access token Keycloak issued at sign-in (as the API reads tokens). */
  static OAuth2UserService<OidcUserRequest, OidcUser> withRealmRoles(JwtDecoder decoder) {
    OidcUserService oidc = new OidcUserService();
    return request -> {
      OidcUser user = oidc.loadUser(request);
      var authorities = KeycloakJwt.authentication(decoder.decode(request.getAccessToken().getTokenValue())).getAuthorities();
      return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
    };
  }

  private static PathPatternRequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }
}
