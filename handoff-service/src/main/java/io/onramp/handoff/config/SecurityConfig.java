package io.onramp.handoff.config;

import org.springframework.beans.factory.annotation.Value;
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
 * No API answers without authentication (health probes excepted). Until Keycloak arrives (gateway
 * issue), callers use HTTP Basic with the API account from the environment; there is no default.
 */
@Configuration
class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  UserDetailsService apiAccount(@Value("${onramp.handoff.api-user:}") String user,
                                @Value("${onramp.handoff.api-password:}") String password) {
    if (user.isBlank() || password.isBlank()) {
      throw new IllegalStateException("ONRAMP_HANDOFF_API_USER and ONRAMP_HANDOFF_API_PASSWORD must be set "
          + "(the account API callers authenticate with)");
    }
    return new InMemoryUserDetailsManager(User.withUsername(user)
        .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password)).roles("API").build());
  }
}
