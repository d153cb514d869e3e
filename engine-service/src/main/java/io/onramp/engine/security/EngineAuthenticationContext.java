package io.onramp.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Tells the engine who is calling, so its history and authorization checks name the real user. */
class EngineAuthenticationContext extends OncePerRequestFilter {

  private final IdentityService identity;

  EngineAuthenticationContext(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || request.getRequestURI().startsWith(request.getContextPath() + "/camunda/")) {
      chain.doFilter(request, response);
      return;
    }
    identity.setAuthentication(auth.getName(), auth.getAuthorities().stream()
        .map(a -> a.getAuthority()).filter(a -> a.startsWith("GROUP_")).map(a -> a.substring(6)).toList());
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }
}
