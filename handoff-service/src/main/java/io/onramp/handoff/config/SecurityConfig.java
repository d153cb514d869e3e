package io.onramp.handoff.config;

import io.onramp.web.KeycloakJwt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * No API answers without authentication (health probes excepted). With Keycloak
 * ({@code onramp.keycloak.url} set) callers bring an access token of realm {@code onramp}: sales
 * write and submit handoffs, the CRM connectors ({@code handoff-drafter}) create drafts and record the
 * closed-won events they handled, CS leads and
 * CSMs read; the token's username is the actor in the audit trail. Without it (tests of the other
 * parts and the local stack until issue 7) callers use HTTP Basic with the API account from the
 * environment; there is no default.
 */
@Configuration
class SecurityConfig {

  @Bean
  @ConditionalOnProperty("onramp.keycloak.url")
  SecurityFilterChain keycloakApi(HttpSecurity http, @Value("${onramp.keycloak.url}") String keycloak,
                                  @Value("${onramp.keycloak.realm:onramp}") String realm) throws Exception {
    return stateless(http)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/handoffs", "/api/handoffs/**").hasAnyRole("sales", "cs-lead", "csm", "onramp-admin")
            .requestMatchers(HttpMethod.POST, "/api/handoffs").hasAnyRole("sales", "handoff-drafter", "onramp-admin")
            .requestMatchers("/api/handoffs/**").hasAnyRole("sales", "onramp-admin")
            .requestMatchers("/api/crm-events/**").hasAnyRole("handoff-drafter", "onramp-admin")
            .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
            .requestMatchers(KeycloakJwt.METRICS).hasAnyRole(KeycloakJwt.METRICS_READERS)
            .requestMatchers("/actuator/**").hasRole("onramp-admin")
            .anyRequest().denyAll())
        .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(KeycloakJwt.decoder(KeycloakJwt.issuer(keycloak, realm)))
            .jwtAuthenticationConverter(KeycloakJwt::authentication)))
        .build();
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain api(HttpSecurity http, @Value("${onramp.handoff.api-user:}") String user,
                          @Value("${onramp.handoff.api-password:}") String password) throws Exception {
    return stateless(http)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .userDetailsService(apiAccount(user, password))
        .build();
  }

  private static HttpSecurity stateless(HttpSecurity http) throws Exception {
    return http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)).csrf(csrf -> csrf.disable());
  }

  private static UserDetailsService apiAccount(String user, String password) {
    if (user.isBlank() || password.isBlank()) {
      throw new IllegalStateException("ONRAMP_HANDOFF_API_USER and ONRAMP_HANDOFF_API_PASSWORD must be set "
          + "(the account API callers authenticate with), or ONRAMP_KEYCLOAK_URL for Keycloak tokens");
    }
    return new InMemoryUserDetailsManager(User.withUsername(user)
        .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password)).roles("API").build());
  }
}
