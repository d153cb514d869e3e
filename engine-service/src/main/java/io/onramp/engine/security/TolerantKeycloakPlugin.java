package io.onramp.engine.security;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.extension.keycloak.KeycloakConfiguration;
import org.camunda.bpm.extension.keycloak.KeycloakContextProvider;
import org.camunda.bpm.extension.keycloak.KeycloakIdentityProviderFactory;
import org.camunda.bpm.extension.keycloak.KeycloakIdentityProviderSession;
import org.camunda.bpm.extension.keycloak.cache.QueryCache;
import org.camunda.bpm.extension.keycloak.rest.KeycloakRestTemplate;
import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two tolerances the retired Keycloak plugin lacks. At start it asks Keycloak for the admin group and
 * fails the engine when Keycloak is not up yet; here it waits for Keycloak (up to {@code startupWait},
 * logging each try), so that the engine and Keycloak can start together. And it lets Keycloak's 400 {@code invalid_grant} for a wrong password escape
 * {@code checkPassword} as an exception, so the Tasklist login answered 500 instead of "wrong
 * credentials" (found by our test on 7.24). Sessions here are the plugin's own, except that a refused
 * password is simply false. The plugin keeps its session parts in protected fields; they are read once.
 */
class TolerantKeycloakPlugin extends KeycloakIdentityProviderPlugin {

  private static final Logger log = LoggerFactory.getLogger(TolerantKeycloakPlugin.class);
  private final java.time.Duration startupWait;

  TolerantKeycloakPlugin(java.time.Duration startupWait) {
    this.startupWait = startupWait;
  }

  @Override
  public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
    long deadline = System.nanoTime() + startupWait.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        super.postProcessEngineBuild(engine);
        return;
      } catch (org.camunda.bpm.engine.impl.identity.IdentityProviderException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        log.warn("Keycloak not reachable yet (try {}: {}); trying again in 2 s", attempt, notYet.getMessage());
        try {
          Thread.sleep(2000);       // waiting for another server to come up at start, with a deadline
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw notYet;
        }
      }
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    super.preInit(configuration);
    KeycloakIdentityProviderFactory factory = (KeycloakIdentityProviderFactory) configuration.getIdentityProviderSessionFactory();
    KeycloakConfiguration config = field(factory, "keycloakConfiguration");
    KeycloakRestTemplate rest = field(factory, "restTemplate");
    KeycloakContextProvider context = field(factory, "keycloakContextProvider");
    QueryCache users = field(factory, "userQueryCache");
    QueryCache groups = field(factory, "groupQueryCache");
    QueryCache passwords = field(factory, "checkPasswordCache");
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return factory.getSessionType();
      }

      @Override
      @SuppressWarnings("unchecked")
      public Session openSession() {
        return new KeycloakIdentityProviderSession(config, rest, context, users, groups, passwords) {
          @Override
          public boolean checkPassword(String userId, String password) {
            try {
              return super.checkPassword(userId, password);
            } catch (RuntimeException refused) {
              log.info("Keycloak refused the password of {}: {}", userId, refused.getMessage());
              return false;
            }
          }
        };
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(Object owner, String name) {
    try {
      Field field = KeycloakIdentityProviderFactory.class.getDeclaredField(name);
      field.setAccessible(true);
      return (T) field.get(owner);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Keycloak plugin changed: no field " + name, e);
    }
  }
}
