package io.onramp.engine.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Checks a Basic login against the engine's users; the user's engine groups become GROUP_* authorities. */
class EngineUserAuthentication implements AuthenticationProvider {

  private final IdentityService identity;

  EngineUserAuthentication(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication login) {
    String user = login.getName();
    String password = String.valueOf(login.getCredentials());
    if (!identity.checkPassword(user, password)) {
      throw new BadCredentialsException("bad credentials");
    }
    List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).unlimitedList().stream()
        .map(g -> new SimpleGrantedAuthority("GROUP_" + g.getId())).toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
