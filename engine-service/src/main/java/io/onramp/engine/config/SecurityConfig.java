package io.onramp.engine.config;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * No API answers without authentication (health probes excepted). Until Keycloak arrives (gateway
 * issue), API callers authenticate with HTTP Basic against the engine's own users. The webapps
 * keep their own login; the Admin app's first-run setup endpoint is blocked outright, and task
 * queries with expressions in {@code orQueries} are refused ({@link OrQueriesGuard}).
 */
@Configuration
class SecurityConfig {

  static final String CONNECTORS_GROUP = "onramp-connectors";
  static final String ADMIN_GROUP = "camunda-admin";

  @Bean
  SecurityFilterChain api(HttpSecurity http, IdentityService identity) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
            .requestMatchers("/camunda/api/admin/setup/**").denyAll()
            .requestMatchers("/camunda/**", "/camunda-welcome", "/", "/error").permitAll()
            .requestMatchers("/api/sync/**").hasAnyAuthority("GROUP_" + CONNECTORS_GROUP, "GROUP_" + ADMIN_GROUP)
            .requestMatchers("/actuator/**").hasAuthority("GROUP_" + ADMIN_GROUP)
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .authenticationProvider(new EngineUserAuthentication(identity))
        .addFilterAfter(new EngineAuthenticationContext(identity), BasicAuthenticationFilter.class)
        .addFilterAfter(new OrQueriesGuard(), EngineAuthenticationContext.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // stateless Basic/Bearer APIs; the webapps run their own CSRF protection
        .csrf(csrf -> csrf.disable())
        .build();
  }
}
