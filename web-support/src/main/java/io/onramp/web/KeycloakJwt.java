package io.onramp.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AbstractAuthenticationToken;
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

/**
 * Keycloak access tokens as Onramp's servlet services read them: realm {@code onramp}'s keys,
 * issuer and expiry (30 s skew) and the audience {@code onramp-api}; realm roles become {@code ROLE_}
 * authorities, groups {@code GROUP_}, and so is each Onramp role the token carries (each Onramp role is the
 * Camunda group of the same name): a service account has no groups, and a token whose scope is cut down
 * (Camunda Modeler's device login carries {@code process-designer} only, and no groups) still names its
 * group. The name is the username (for a service account without one, {@code service-account-<client>}).
 */
public final class KeycloakJwt {

  public static final String AUDIENCE = "onramp-api";
  /** The metrics endpoints: Prometheus' service account ({@code metrics-reader}) may read these and nothing else. */
  public static final String[] METRICS = {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**"};
  public static final String[] METRICS_READERS = {"metrics-reader", "onramp-admin"};
  /** The roles people have; each is also their Camunda group. */
  public static final String[] PEOPLE = {"process-designer", "cs-lead", "csm", "implementation", "sales", "marketing-ops", "revops",
      "crm-admin", "onramp-admin"};
  private static final List<String> SERVICE_ROLES = List.of("journey-starter", "handoff-drafter", "sync-hubspot", "sync-salesforce",
      "sync-eloqua", "usage-reporter");
  private static final List<String> ROLE_GROUPS = java.util.stream.Stream.concat(java.util.Arrays.stream(PEOPLE), SERVICE_ROLES.stream())
      .toList();

  private KeycloakJwt() {}

  public static String issuer(String keycloakUrl, String realm) {
    return keycloakUrl + "/realms/" + realm;
  }

  public static JwtDecoder decoder(String issuer) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs").build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ofSeconds(30)),
        new JwtIssuerValidator(issuer), jwt -> jwt.getAudience() != null && jwt.getAudience().contains(AUDIENCE)
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token is not meant for " + AUDIENCE, null))));
    return decoder;
  }

  public static AbstractAuthenticationToken authentication(Jwt jwt) {
    Object access = jwt.getClaims().get("realm_access");
    Collection<?> roles = access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> list ? list : List.of();
    List<String> groups = jwt.getClaimAsStringList("groups") == null ? List.of() : jwt.getClaimAsStringList("groups");
    List<GrantedAuthority> authorities = new ArrayList<>();
    roles.forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
    java.util.Set<String> camundaGroups = new java.util.LinkedHashSet<>(groups);
    roles.stream().map(String::valueOf).filter(ROLE_GROUPS::contains).forEach(camundaGroups::add);
    camundaGroups.forEach(g -> authorities.add(new SimpleGrantedAuthority("GROUP_" + g)));
    return new JwtAuthenticationToken(jwt, authorities, name(jwt));
  }

  /** The username; a service account's token may carry none, then its client ({@code azp}). */
  static String name(Jwt jwt) {
    String user = jwt.getClaimAsString("preferred_username");
    if (user != null && !user.isBlank()) {
      return user;
    }
    String client = jwt.getClaimAsString("azp");
    return client != null ? "service-account-" + client : jwt.getSubject();
  }
}
