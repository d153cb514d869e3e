package io.onramp.connector.sync;

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
 * metrics. Nothing else. Without an operations account configured, metrics answer no one.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConnectorSecurity {

  @Bean
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
