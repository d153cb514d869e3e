package io.onramp.connector.sync;

import io.onramp.web.KeycloakJwt;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What a connector answers: its CRM webhooks (public; each verifies the vendor's signature
 * itself), health probes, and for the operations account (HTTP Basic, from the environment)
 * metrics — with Keycloak ({@code onramp.keycloak.url}), for {@code onramp-admin} tokens instead.
 * Nothing else. Without an operations account configured, metrics answer no one.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConnectorSecurity {

  /** With Keycloak: metrics for {@code metrics-reader} (Prometheus) and {@code onramp-admin} tokens. */
  @Bean
  @ConditionalOnProperty("onramp.keycloak.url")
  SecurityFilterChain keycloakConnectorEndpoints(HttpSecurity http, @Value("${onramp.keycloak.url}") String keycloak,
                                                 @Value("${onramp.keycloak.realm:onramp}") String realm) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/webhooks/**", "/error").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .requestMatchers(KeycloakJwt.METRICS).hasAnyRole(KeycloakJwt.METRICS_READERS)
            .requestMatchers("/actuator/**").hasRole("onramp-admin")
            .anyRequest().denyAll())
        .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(KeycloakJwt.decoder(KeycloakJwt.issuer(keycloak, realm)))
            .jwtAuthenticationConverter(KeycloakJwt::authentication)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain connectorEndpoints(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/webhooks/**", "/error").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .requestMatchers("/actuator/**").hasRole("OPERATIONS")
            .anyRequest().denyAll())
        .httpBasic(Customizer.withDefaults())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  UserDetailsService operationsAccount(@Value("${onramp.connector.operations-user:}") String user,
                                       @Value("${onramp.connector.operations-password:}") String password) {
    if (user.isBlank() || password.isBlank()) {
      return new InMemoryUserDetailsManager();
    }
    return new InMemoryUserDetailsManager(User.withUsername(user)
        .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password)).roles("OPERATIONS").build());
  }
}
