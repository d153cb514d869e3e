package io.onramp.connector.sync;

import feign.RequestInterceptor;
import feign.auth.BasicAuthRequestInterceptor;
import io.onramp.web.ServiceToken;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;

/**
 * How a connector authenticates to Onramp's own services: its Keycloak service account's token when
 * Keycloak is configured ({@code onramp.keycloak.url}), else the Basic account from the environment.
 */
public final class ServiceAuthentication {

  private ServiceAuthentication() {}

  public static RequestInterceptor interceptor(ObjectProvider<ServiceToken> keycloak, String user, String password) {
    ServiceToken token = keycloak.getIfAvailable();
    if (token != null) {
      return request -> request.header("Authorization", token.header());
    }
    return new BasicAuthRequestInterceptor(String.valueOf(user), String.valueOf(password), StandardCharsets.UTF_8);
  }
}
