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
import io.onramp.connector.step.ExternalTaskApi;
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

/** With Keycloak, a connector calls engine-service with its own service account's token, not a password. */
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
  ExternalTaskApi externalTasks;

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("onramp.keycloak.url", () -> keycloak.url().toString());
    registry.add("onramp.keycloak.client-secret", () -> KeycloakServer.SECRETS.get("eloqua-connector"));
  }

  @Test
  void shouldCallTheEngineWithTheServiceAccountsTokenAndReuseIt() throws Exception {
    engine.stubFor(post(urlPathEqualTo("/api/sync/eloqua/claim")).willReturn(okJson("[]")));
    engine.stubFor(post(urlPathEqualTo("/engine-rest/external-task/fetchAndLock")).willReturn(okJson("[]")));

    sync.claim("eloqua", new ClaimRequest("w", 1, 60, 0, false));
    externalTasks.fetchAndLock(Map.of("workerId", "w", "maxTasks", 1, "topics", List.of()));

    List<String> headers = engine.findAll(postRequestedFor(urlPathEqualTo("/api/sync/eloqua/claim"))).stream()
        .map(r -> r.getHeader("Authorization")).toList();
    assertThat(headers).hasSize(1).allMatch(h -> h.startsWith("Bearer "));
    JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(headers.get(0).substring(7).split("\\.")[1]));
    assertThat(claims.get("azp").asText()).isEqualTo("eloqua-connector");
    assertThat(claims.get("realm_access").get("roles").toString()).contains("sync-eloqua");
    String fetchHeader = engine.findAll(postRequestedFor(urlPathEqualTo("/engine-rest/external-task/fetchAndLock"))).get(0)
        .getHeader("Authorization");
    assertThat(fetchHeader).as("the token is kept, not fetched per call").isEqualTo(headers.get(0));
    assertThat(new String(Base64.getUrlDecoder().decode(headers.get(0).substring(7).split("\\.")[1]), StandardCharsets.UTF_8))
        .doesNotContain("secret");
  }
}
