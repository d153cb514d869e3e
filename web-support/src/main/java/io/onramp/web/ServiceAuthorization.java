package io.onramp.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;

/**
 * How a service authenticates to another Onramp service, one rule for every client it has (Feign and
 * Camunda's external task client alike): its Keycloak service account's token when Keycloak is
 * configured, else the Basic account from the environment.
 */
public final class ServiceAuthorization {

  private final ServiceToken token;
  private final String basic;

  private ServiceAuthorization(ServiceToken token, String basic) {
    this.token = token;
    this.basic = basic;
  }

  /** {@code token} null: no Keycloak, so the Basic account {@code user}/{@code password}. */
  public static ServiceAuthorization of(ServiceToken token, String user, String password) {
    return new ServiceAuthorization(token, token != null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** The Authorization header's value for the next call. */
  public String header() {
    return token != null ? token.header() : basic;
  }

  /** The same header on every request of Camunda's external task client. */
  public ClientRequestInterceptor forExternalTasks() {
    return request -> request.addHeader("Authorization", header());
  }
}
