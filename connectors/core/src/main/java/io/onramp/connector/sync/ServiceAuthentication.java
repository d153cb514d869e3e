package io.onramp.connector.sync;

import feign.RequestInterceptor;
import io.onramp.web.ServiceAuthorization;
import io.onramp.web.ServiceToken;
import org.springframework.beans.factory.ObjectProvider;

/** {@link ServiceAuthorization} on a connector's Feign clients toward Onramp's own services. */
public final class ServiceAuthentication {

  private ServiceAuthentication() {}

  public static RequestInterceptor interceptor(ObjectProvider<ServiceToken> keycloak, String user, String password) {
    ServiceAuthorization account = ServiceAuthorization.of(keycloak.getIfAvailable(), user, password);
    return request -> request.header("Authorization", account.header());
  }
}
