package io.onramp.engine.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
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

  @Bean
  @ConditionalOnProperty("onramp.keycloak.url")
  SecurityFilterChain keycloakApi(HttpSecurity http, IdentityService identity, ExternalTaskService externalTasks,
                                  @Value("${onramp.keycloak.url}") String keycloak,
                                  @Value("${onramp.keycloak.realm:onramp}") String realm) throws Exception {
    return common(http)
        .authorizeHttpRequests(auth -> publicPaths(auth)
            .requestMatchers("/api/sync/hubspot/**").hasAnyRole("sync-hubspot", "onramp-admin")
            .requestMatchers("/api/sync/salesforce/**").hasAnyRole("sync-salesforce", "onramp-admin")
            .requestMatchers("/api/sync/eloqua/**").hasAnyRole("sync-eloqua", "onramp-admin")
            .requestMatchers("/api/sync/**").denyAll()
            .requestMatchers("/actuator/**").hasRole("onramp-admin")
            .requestMatchers("/engine-rest/external-task/**").hasAnyRole(ExternalTaskTopics.WORKER_ROLES)
            .requestMatchers(HttpMethod.POST, "/engine-rest/deployment/create").hasRole("process-designer")
            .requestMatchers("/engine-rest/deployment/**").hasAnyRole("process-designer", "onramp-admin")
            .requestMatchers("/engine-rest/message").hasAnyRole("journey-starter", "onramp-admin")
            .requestMatchers(HttpMethod.GET, "/api/onboardings/**").hasAnyRole(PEOPLE)
            .requestMatchers("/engine-rest/**").hasAnyRole(concat(PEOPLE, "journey-starter", "sync-eloqua"))
            .anyRequest().denyAll())
        .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(decoder(keycloak + "/realms/" + realm))
            .jwtAuthenticationConverter(SecurityConfig::fromKeycloak)))
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
            .requestMatchers("/api/sync/**").hasAnyAuthority("GROUP_" + CONNECTORS_GROUP, "GROUP_" + ADMIN_GROUP)
            .requestMatchers("/actuator/**").hasAuthority("GROUP_" + ADMIN_GROUP)
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

  /** Keycloak's keys, issuer, expiry (30 s skew) and the audience onramp-api. */
  private static JwtDecoder decoder(String issuer) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs").build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(java.time.Duration.ofSeconds(30)),
        new JwtIssuerValidator(issuer), jwt -> jwt.getAudience() != null && jwt.getAudience().contains("onramp-api")
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token is not meant for onramp-api", null))));
    return decoder;
  }

  /** ROLE_ per realm role; GROUP_ per Keycloak group and per service role (a service account has no groups). */
  static AbstractAuthenticationToken fromKeycloak(Jwt jwt) {
    Object access = jwt.getClaims().get("realm_access");
    Collection<?> roles = access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> list ? list : List.of();
    List<String> groups = jwt.getClaimAsStringList("groups") == null ? List.of() : jwt.getClaimAsStringList("groups");
    List<GrantedAuthority> authorities = new ArrayList<>();
    roles.forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
    groups.forEach(g -> authorities.add(new SimpleGrantedAuthority("GROUP_" + g)));
    roles.stream().map(String::valueOf).filter(ExternalTaskTopics::isServiceRole)
        .forEach(r -> authorities.add(new SimpleGrantedAuthority("GROUP_" + r)));
    return new JwtAuthenticationToken(jwt, authorities, jwt.getClaimAsString("preferred_username"));
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
