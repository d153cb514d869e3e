package io.onramp.engine.security;

import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** A signed-in browser user is let through when they belong to one of the groups (as the engine's identity knows them). */
final class InGroup {
  private InGroup() {}

  static AuthorizationManager<RequestAuthorizationContext> any(IdentityService identity, String... groups) {
    Set<String> allowed = Set.of(groups);
    return (Supplier<Authentication> authentication, RequestAuthorizationContext context) -> {
      Authentication user = authentication.get();
      boolean member = user != null && user.isAuthenticated() && !"anonymousUser".equals(user.getName())
          && identity.createGroupQuery().groupMember(user.getName()).unlimitedList().stream().anyMatch(g -> allowed.contains(g.getId()));
      return new AuthorizationDecision(member);
    };
  }
}
