package io.onramp.engine.config;

import io.onramp.web.KeycloakJwt;
import org.camunda.bpm.engine.ExternalTaskService;
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
 * engine's own users. Either way the webapps keep their own login, the Admin app's first-run setup is
 * blocked, and task queries with expressions in {@code orQueries} are refused ({@link OrQueriesGuard}).
 */
@Configuration
class SecurityConfig {

  static final String CONNECTORS_GROUP = "onramp-connectors";
  static final String ADMIN_GROUP = "camunda-admin";
  static final String[] PEOPLE = {"process-designer", "cs-lead", "csm", "implementation", "sales", "marketing-ops", "revops",
      "crm-admin", "onramp-admin"};
  /** Who reads the insights and records survey answers and renewal outcomes. */
  static final String[] INSIGHTS = {"cs-lead", "revops", "onramp-admin"};

  @Bean
  @org.springframework.core.annotation.Order(2)
  @ConditionalOnProperty("onramp.keycloak.url")
  SecurityFilterChain keycloakApi(HttpSecurity http, IdentityService identity, ExternalTaskService externalTasks,
                                  @Value("${onramp.keycloak.url}") String keycloak,
                                  @Value("${onramp.keycloak.realm:onramp}") String realm) throws Exception {
    return common(http)
        .authorizeHttpRequests(auth -> publicPaths(auth)
            .requestMatchers("/api/sync/*/resync").hasRole("onramp-admin")
            .requestMatchers("/api/sync/hubspot/**").hasAnyRole("sync-hubspot", "onramp-admin")
            .requestMatchers("/api/sync/salesforce/**").hasAnyRole("sync-salesforce", "onramp-admin")
            .requestMatchers("/api/sync/eloqua/**").hasAnyRole("sync-eloqua", "onramp-admin")
            .requestMatchers("/api/sync/**").denyAll()
            .requestMatchers(KeycloakJwt.METRICS).hasAnyRole(KeycloakJwt.METRICS_READERS)
            .requestMatchers("/actuator/**").hasRole("onramp-admin")
            .requestMatchers("/engine-rest/external-task/**").hasAnyRole(ExternalTaskTopics.WORKER_ROLES)
            .requestMatchers(HttpMethod.POST, "/engine-rest/deployment/create").hasRole("process-designer")
            .requestMatchers("/engine-rest/deployment/**").hasAnyRole("process-designer", "onramp-admin")
            .requestMatchers("/engine-rest/message").hasAnyRole("journey-starter", "onramp-admin")
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
        .addFilterAfter(new ExternalTaskTopics(externalTasks), EngineAuthenticationContext.class)
        .addFilterAfter(new OrQueriesGuard(), ExternalTaskTopics.class)
        .build();
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain api(HttpSecurity http, IdentityService identity) throws Exception {
    return common(http)
        .authorizeHttpRequests(auth -> publicPaths(auth)
            .requestMatchers("/api/sync/*/resync").hasAuthority("GROUP_" + ADMIN_GROUP)
            .requestMatchers("/api/sync/**").hasAnyAuthority("GROUP_" + CONNECTORS_GROUP, "GROUP_" + ADMIN_GROUP)
            .requestMatchers("/actuator/**", "/api/journeys/**").hasAuthority("GROUP_" + ADMIN_GROUP)
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .authenticationProvider(new EngineUserAuthentication(identity))
        .addFilterAfter(new EngineAuthenticationContext(identity), BasicAuthenticationFilter.class)
        .addFilterAfter(new OrQueriesGuard(), EngineAuthenticationContext.class)
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
        .requestMatchers("/camunda/**", "/camunda-welcome", "/", "/error").permitAll();
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
