package io.onramp.engine.security;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Single sign-on for Tasklist, Cockpit, Admin and the insights page (groups cs-lead, revops, onramp-admin) with Keycloak: any webapp page without a session
 * goes to Keycloak's login (authorization code with PKCE, client {@code engine-service}) and comes
 * back signed in; Camunda's {@link ContainerBasedAuthenticationFilter} then takes the signed-in user
 * (username) into the webapps' session, with their groups from Keycloak (identity plugin). Session
 * cookies are {@code Secure}, {@code HttpOnly} and {@code SameSite=Lax} (application.yml). The
 * Admin app's first-run setup stays unreachable.
 */
@Configuration
@ConditionalOnProperty("onramp.keycloak.url")
class WebappSso {

  private static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/*";

  @Bean
  @Order(1)
  SecurityFilterChain webapps(HttpSecurity http, IdentityService identity, @Value("${onramp.keycloak.url}") String keycloak,
                              @Value("${onramp.keycloak.realm:onramp}") String realm,
                              @Value("${onramp.keycloak.engine-client-id:engine-service}") String clientId,
                              @Value("${onramp.keycloak.engine-client-secret}") String secret) throws Exception {
    String issuer = keycloak + "/realms/" + realm;
    ClientRegistration registration = ClientRegistration.withRegistrationId("keycloak")
        .clientId(clientId).clientSecret(secret).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid", "profile", "email")
        .authorizationUri(issuer + "/protocol/openid-connect/auth").tokenUri(issuer + "/protocol/openid-connect/token")
        .jwkSetUri(issuer + "/protocol/openid-connect/certs").userInfoUri(issuer + "/protocol/openid-connect/userinfo")
        .userNameAttributeName("preferred_username").issuerUri(issuer)
        .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build()).build();
    return http
        // path matchers, not MVC ones: the webapps' REST API is its own (Jersey) servlet
        .securityMatcher(new OrRequestMatcher(path("/camunda/**"), path("/oauth2/**"), path("/login/**"), path("/camunda-welcome"),
            path("/insights/**"), path("/insights")))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(path("/camunda/api/admin/setup/**"), path("/camunda/app/admin/*/setup/**")).denyAll()
            // the webapps' own door to the engine REST API holds the API's rules (SecurityConfig); the engine checks the rest
            .requestMatchers(path(WEBAPP_ENGINE + "/identity/verify")).denyAll()
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, WEBAPP_ENGINE + "/external-task/**"))
                .authenticated()
            .requestMatchers(path(WEBAPP_ENGINE + "/external-task/**"), path(WEBAPP_ENGINE + "/message"), path(WEBAPP_ENGINE + "/message/**"))
                .access(InGroup.any(identity, "onramp-admin"))
            // the page only reads (recording answers and outcomes is the bearer API's): no CSRF surface
            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/insights/**"), path("/insights"))
                .access(InGroup.any(identity, SecurityConfig.INSIGHTS))
            .requestMatchers(path("/insights/**")).denyAll()
            .anyRequest().authenticated())
        .oauth2Login(login -> login.clientRegistrationRepository(new InMemoryClientRegistrationRepository(registration)))
        // the webapps run Camunda's own CSRF protection (XSRF-TOKEN cookie and header)
        .csrf(csrf -> csrf.disable())
        .build();
  }

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaContainerAuthentication(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter() {
          /** The webapps live under {@code /camunda}; the filter's own patterns start after it. */
          @Override
          protected String getRequestUri(jakarta.servlet.http.HttpServletRequest request) {
            String uri = super.getRequestUri(request);
            return uri.startsWith(webappPath) ? uri.substring(webappPath.length()) : uri;
          }
        });
    registration.setInitParameters(Map.of("authentication-provider", SsoAuthenticationProvider.class.getName()));
    registration.addUrlPatterns("/camunda/*");
    registration.setOrder(101);                 // after Spring Security, before the webapps
    return registration;
  }
}
