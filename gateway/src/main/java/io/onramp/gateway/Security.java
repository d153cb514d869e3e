package io.onramp.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Who may call what. APIs need a Keycloak access token of realm {@code onramp} (issuer, signature,
 * expiry, audience {@code onramp-api}); roles come from the realm roles in the token. Public: health
 * probes and the two webhooks (their connectors verify the vendor's signature). {@code /camunda/**}
 * (the webapps), {@code /insights/**} (the insights page) and the sign-in round trip ({@code /oauth2/authorization/**}, {@code /login/oauth2/code/**})
 * go to engine-service, which signs browsers in with Keycloak, and {@code /handoffs/**} (the handoff page, its API and its
 * sign-in) to handoff-service, which does the same; the gateway only keeps the first-run
 * setup endpoint out of reach ({@link CamundaGuard}). Anything not listed is refused.
 */
@Configuration
@EnableWebFluxSecurity
class Security {

  private static final String[] PEOPLE = {"process-designer", "cs-lead", "csm", "implementation", "sales", "marketing-ops", "revops",
      "crm-admin", "onramp-admin"};

  @Bean
  SecurityWebFilterChain onrampSecurity(ServerHttpSecurity http) {
    return http
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .authorizeExchange(a -> a
            .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .pathMatchers(HttpMethod.POST, "/webhooks/hubspot", "/webhooks/salesforce").permitAll()
            .pathMatchers("/camunda/**", "/insights/**", "/oauth2/authorization/**", "/login/oauth2/code/**").permitAll()
            .pathMatchers("/handoffs", "/handoffs/**").permitAll()
            .pathMatchers(HttpMethod.POST, "/engine-rest/deployment/create").hasRole("process-designer")
            .pathMatchers("/engine-rest/deployment", "/engine-rest/deployment/**").hasAnyRole("process-designer", "onramp-admin")
            .pathMatchers(HttpMethod.GET, "/api/handoffs", "/api/handoffs/**").hasAnyRole("sales", "cs-lead", "csm", "onramp-admin")
            .pathMatchers("/api/handoffs", "/api/handoffs/**").hasAnyRole("sales", "handoff-drafter", "onramp-admin")
            .pathMatchers(HttpMethod.GET, "/api/onboardings/**")
                .hasAnyRole("csm", "cs-lead", "implementation", "revops", "crm-admin", "onramp-admin")
            .pathMatchers(HttpMethod.GET, "/api/insights", "/api/insights/**").hasAnyRole("cs-lead", "revops", "onramp-admin")
            .pathMatchers("/api/journeys/**").hasAnyRole("process-designer", "onramp-admin")
            .pathMatchers(HttpMethod.POST, "/api/sync/*/resync").hasRole("onramp-admin")
            .pathMatchers(HttpMethod.POST, "/api/usage/events").hasAnyRole("usage-reporter", "onramp-admin")
            .pathMatchers(HttpMethod.POST, "/api/insights/surveys", "/api/insights/outcomes").hasAnyRole("cs-lead", "revops", "onramp-admin")
            .pathMatchers(HttpMethod.GET, "/v3/api-docs/engine-service", "/v3/api-docs/handoff-service").hasAnyRole(PEOPLE)
            .pathMatchers("/engine-rest/**").hasAnyRole(PEOPLE)
            .anyExchange().denyAll())
        .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(
            new ReactiveJwtAuthenticationConverterAdapter(Security::withRealmRoles))))
        .build();
  }

  /** Issuer, signature and expiry as Keycloak publishes them, plus the audience. Keys are fetched on first use. */
  @Bean
  ReactiveJwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, GatewayProperties properties) {
    String issuer = resourceServer.getJwt().getIssuerUri();
    NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs").build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
        new JwtIssuerValidator(issuer), audience(properties.audience())));
    return decoder;
  }

  static OAuth2TokenValidator<Jwt> audience(String audience) {
    return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience) ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token is not meant for " + audience, null));
  }

  /** Keycloak's realm roles ({@code realm_access.roles}) as ROLE_ authorities. */
  static AbstractAuthenticationToken withRealmRoles(Jwt jwt) {
    Object access = jwt.getClaims().get("realm_access");
    Collection<?> roles = access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> list ? list : List.of();
    List<GrantedAuthority> authorities = roles.stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList();
    return new JwtAuthenticationToken(jwt, authorities, jwt.getClaimAsString("preferred_username"));
  }
}
