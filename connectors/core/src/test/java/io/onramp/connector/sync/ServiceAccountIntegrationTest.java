package io.onramp.connector.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.testing.KeycloakServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With Keycloak, a connector calls engine-service with its own service account's token (Spring Security's OAuth2
 * client, client credentials), not a password — the sync API and Camunda's external task client alike.
 */
@SpringBootTest(properties = {"onramp.connector.enabled=false", "onramp.keycloak.client-id=eloqua-connector"})
class ServiceAccountIntegrationTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ConnectorCoreConfiguration.class)
  static class App {
  }

  static final KeycloakServer keycloak = KeycloakServer.get();
  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    engine.start();
  }

  @Autowired
  SyncApi sync;
  @Autowired
  org.camunda.bpm.client.interceptor.ClientRequestInterceptor stepsAccount;

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("onramp.keycloak.url", () -> keycloak.url().toString());
    registry.add("onramp.keycloak.client-secret", () -> KeycloakServer.SECRETS.get("eloqua-connector"));
  }

  @Test
  void shouldCallTheEngineWithTheServiceAccountsTokenAndReuseIt() throws Exception {
    engine.stubFor(post(urlPathEqualTo("/api/sync/eloqua/claim")).willReturn(okJson("[]")));

    sync.claim("eloqua", new ClaimRequest("w", 1, 60, 0, false));
    sync.claim("eloqua", new ClaimRequest("w", 1, 60, 0, false));
    Map<String, String> stepHeaders = new java.util.HashMap<>();
    stepsAccount.intercept(stepHeaders::put);             // what Camunda's external task client sends with each fetch

    List<String> headers = engine.findAll(postRequestedFor(urlPathEqualTo("/api/sync/eloqua/claim"))).stream()
        .map(r -> r.getHeader("Authorization")).toList();
    assertThat(headers).hasSize(2).allMatch(h -> h.startsWith("Bearer "));
    assertThat(headers.get(1)).as("the token is kept, not fetched per call").isEqualTo(headers.get(0));
    JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(headers.get(0).substring(7).split("\\.")[1]));
    assertThat(claims.get("azp").asText()).isEqualTo("eloqua-connector");
    assertThat(claims.get("realm_access").get("roles").toString()).contains("sync-eloqua");
    assertThat(stepHeaders.get("Authorization")).as("journey steps: the same account, the same token").isEqualTo(headers.get(0));
    assertThat(new String(Base64.getUrlDecoder().decode(headers.get(0).substring(7).split("\\.")[1]), StandardCharsets.UTF_8))
        .doesNotContain("secret");
  }
}
