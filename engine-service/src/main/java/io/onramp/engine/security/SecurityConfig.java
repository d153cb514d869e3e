package io.onramp.engine.security;

import io.onramp.web.KeycloakJwt;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * No API answers without authentication (health probes excepted). With Keycloak
 * ({@code onramp.keycloak.url} set) APIs take Keycloak access tokens of realm {@code onramp} with the
 * audience {@code onramp-api}; realm roles decide the routes, the token's groups (and a service's roles)
 * are its Camunda groups, and Camunda authorization is on ({@link AuthorizationGrants}). Without it
 * (tests of the other parts and the local stack until issue 7), API callers use HTTP Basic against the
 * engine's own users. Either way the webapps keep their own login and the Admin app's first-run setup is
 * blocked. Camunda serves its REST API under two roots ({@code /engine-rest/…} and
 * {@code /engine-rest/engine/{name}/…}): every rule here holds for both ({@link #rest}). What the engine
 * itself may do — expressions in queries, workers' topics, result limits — is not decided here but inside
 * the engine, for every door ({@link EngineGuards}); these rules are the second layer.
 */
@Configuration
class SecurityConfig {

  static final String CONNECTORS_GROUP = "onramp-connectors";
  static final String ADMIN_GROUP = "camunda-admin";
  static final String[] PEOPLE = KeycloakJwt.PEOPLE;
  /** Who reads the insights and records survey answers and renewal outcomes. */
  /** Product usage: the product's own service account, the CRM connectors' property routes, an admin. */
  static final String[] USAGE_REPORTERS = {"usage-reporter", "sync-hubspot", "sync-salesforce", "onramp-admin"};
  static final String[] INSIGHTS = {"cs-lead", "revops", "onramp-admin"};
  /** Who may call the external-task API at all; {@link WorkerTopics} holds each to its own topics. */
  static final String[] WORKER_ROLES = {"journey-starter", "sync-eloqua", "onramp-admin"};

  @Bean
  @org.springframework.core.annotation.Order(2)
  @ConditionalOnProperty("onramp.keycloak.url")
  SecurityFilterChain keycloakApi(HttpSecurity http, IdentityService identity,
                                  @Value("${onramp.keycloak.url}") String keycloak,
                                  @Value("${onramp.keycloak.realm:onramp}") String realm) throws Exception {
    return common(http)
        .authorizeHttpRequests(auth -> publicPaths(auth)
            .requestMatchers("/api/sync/*/resync").hasRole("onramp-admin")
            .requestMatchers("/api/sync/hubspot/**").hasAnyRole("sync-hubspot", "onramp-admin")
            .requestMatchers("/api/sync/salesforce/**").hasAnyRole("sync-salesforce", "onramp-admin")
            .requestMatchers("/api/sync/eloqua/**").hasAnyRole("sync-eloqua", "onramp-admin")
            .requestMatchers("/api/sync/**").denyAll()
            .requestMatchers(HttpMethod.POST, "/api/usage/events").hasAnyRole(USAGE_REPORTERS)
            .requestMatchers("/api/usage/**").denyAll()
            .requestMatchers(KeycloakJwt.METRICS).hasAnyRole(KeycloakJwt.METRICS_READERS)
            .requestMatchers("/actuator/**").hasRole("onramp-admin")
            .requestMatchers(rest("/external-task", "/external-task/**")).hasAnyRole(WORKER_ROLES)
            .requestMatchers(HttpMethod.POST, rest("/deployment/create")).hasRole("process-designer")
            .requestMatchers(rest("/deployment", "/deployment/**")).hasAnyRole("process-designer", "onramp-admin")
            .requestMatchers(rest("/message", "/message/**")).hasAnyRole("journey-starter", "onramp-admin")
            .requestMatchers(HttpMethod.GET, "/api/onboardings/**").hasAnyRole(PEOPLE)
            .requestMatchers("/api/journeys/**").hasAnyRole("process-designer", "onramp-admin")
            .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").hasAnyRole(PEOPLE)
            .requestMatchers(HttpMethod.GET, "/api/insights/customers-like-you").hasAnyRole(concat(INSIGHTS, "journey-starter"))
            .requestMatchers(HttpMethod.GET, "/api/insights/**").hasAnyRole(INSIGHTS)
            .requestMatchers(HttpMethod.POST, "/api/insights/surveys", "/api/insights/outcomes").hasAnyRole(INSIGHTS)
            .requestMatchers("/engine-rest/**").hasAnyRole(concat(PEOPLE, "journey-starter", "sync-eloqua"))
            .anyRequest().denyAll())
        .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(KeycloakJwt.decoder(KeycloakJwt.issuer(keycloak, realm)))
            .jwtAuthenticationConverter(KeycloakJwt::authentication)))
        .addFilterAfter(new EngineAuthenticationContext(identity), BearerTokenAuthenticationFilter.class)
        .build();
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain api(HttpSecurity http, IdentityService identity) throws Exception {
    return common(http)
        .authorizeHttpRequests(auth -> publicPaths(auth)
            .requestMatchers("/api/sync/*/resync").hasAuthority("GROUP_" + ADMIN_GROUP)
            .requestMatchers("/api/sync/**").hasAnyAuthority("GROUP_" + CONNECTORS_GROUP, "GROUP_" + ADMIN_GROUP)
            .requestMatchers("/api/usage/**").hasAnyAuthority("GROUP_" + CONNECTORS_GROUP, "GROUP_" + ADMIN_GROUP, "GROUP_usage-reporter")
            .requestMatchers("/actuator/**", "/api/journeys/**").hasAuthority("GROUP_" + ADMIN_GROUP)
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .authenticationProvider(new EngineUserAuthentication(identity))
        .addFilterAfter(new EngineAuthenticationContext(identity), BasicAuthenticationFilter.class)
        .build();
  }

  private static HttpSecurity common(HttpSecurity http) throws Exception {
    return http
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // stateless Basic/Bearer APIs; the webapps run their own CSRF protection
        .csrf(csrf -> csrf.disable());
  }

  private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry publicPaths(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
    return auth
        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
        .requestMatchers("/camunda/api/admin/setup/**").denyAll()
        // checks any user's password (and can lock them out): nobody's business over HTTP
        .requestMatchers(rest("/identity/verify")).denyAll()
        .requestMatchers("/camunda/**", "/camunda-welcome", "/", "/error").permitAll();
  }

  /** Each path under both of Camunda's REST roots: the default one and the named-engine one. */
  static String[] rest(String... paths) {
    return java.util.Arrays.stream(paths).flatMap(p -> java.util.stream.Stream.of("/engine-rest" + p, "/engine-rest/engine/*" + p))
        .toArray(String[]::new);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
