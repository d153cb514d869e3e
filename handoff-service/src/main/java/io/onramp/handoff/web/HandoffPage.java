package io.onramp.handoff.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The page sales reps live in ({@code static/handoffs/}): their handoffs, the form, the live completeness
 * meter, save with conflict handling, submit. Signed in with Keycloak ({@code config.HandoffPageSecurity});
 * it calls the API's own controllers under {@value HandoffController#PAGE}.
 */
@Configuration
class HandoffPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/handoffs", "/handoffs/");
    registry.addViewController("/handoffs/").setViewName("forward:/handoffs/index.html");
  }

  /** Who is signed in, for the page's header and "my handoffs". */
  @RestController
  static class Me {
    record SignedIn(String username, String name, List<String> roles) {
    }

    @GetMapping("/handoffs/api/me")
    SignedIn me(Authentication user) {
      String name = user.getPrincipal() instanceof OidcUser oidc && oidc.getFullName() != null ? oidc.getFullName() : user.getName();
      List<String> roles = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
          .map(a -> a.substring(5)).sorted().toList();
      return new SignedIn(user.getName(), name, roles);
    }
  }
}
