package io.onramp.connector.sync;

import feign.Client;
import io.onramp.web.KeycloakJwt;
import io.onramp.web.ExternalTaskFetching;
import io.onramp.web.ServiceAuthorization;
import io.onramp.web.ServiceToken;
import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import feign.hc5.ApacheHttp5Client;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Import this from a connector application: the sync API client, the connector properties, the journey-step client's account. */
@Configuration
@Import(ConnectorSecurity.class)
@EnableConfigurationProperties(ConnectorProperties.class)
@EnableFeignClients(clients = {SyncApi.class, io.onramp.connector.limit.BudgetApi.class, io.onramp.connector.usage.UsageApi.class})
public class ConnectorCoreConfiguration {

  /**
   * The HTTP client under every Feign client, with HttpClient's own retries off: it would retry a
   * 429 by itself and hide it from the request budget. Retry lives in one layer only — ours.
   */
  @Bean
  CloseableHttpClient feignHttpClient() {
    return HttpClients.custom().disableAutomaticRetries()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(50).setMaxConnPerRoute(20).build())
        .build();
  }

  /** The connector's Keycloak service account, when Keycloak is configured. */
  @Bean
  @ConditionalOnProperty("onramp.keycloak.url")
  ServiceToken serviceToken(@Value("${onramp.keycloak.url}") String keycloak, @Value("${onramp.keycloak.realm:onramp}") String realm,
                            @Value("${onramp.keycloak.client-id}") String clientId, @Value("${onramp.keycloak.client-secret:}") String secret) {
    return new ServiceToken(KeycloakJwt.issuer(keycloak, realm), clientId, secret);
  }

  /** Camunda's external task client (journey steps) calls the engine with the same account as the sync API. */
  @Bean
  ClientRequestInterceptor engineAccountForSteps(ConnectorProperties properties, ObjectProvider<ServiceToken> keycloak) {
    return ServiceAuthorization.of(keycloak.getIfAvailable(), properties.engineUser(), properties.enginePassword()).forExternalTasks();
  }

  @Bean
  BackoffStrategy stepFetchBackoff() {
    return ExternalTaskFetching.backoffOnErrors();
  }

  /** Feign on that client; per-client timeouts (spring.cloud.openfeign.client.config.*) still apply per request. */
  @Bean
  Client feignClient(CloseableHttpClient feignHttpClient) {
    return new ApacheHttp5Client(feignHttpClient);
  }
}
