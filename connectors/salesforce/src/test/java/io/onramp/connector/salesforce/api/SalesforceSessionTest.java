package io.onramp.connector.salesforce.api;

import io.onramp.connector.sync.VendorError;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.salesforce.SalesforceProperties;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforceSessionTest {

  final WireMockServer login = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  @AfterEach
  void stop() {
    login.stop();
  }

  @Test
  void shouldSignAJwtBearerAssertionSalesforceCanVerifyAndUseTheReturnedInstance() throws Exception {
    login.start();
    login.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson(
        "{\"access_token\":\"00Dxx!token\",\"scope\":\"api\",\"instance_url\":\"https://acme.my.salesforce.com\",\"id\":\"x\",\"token_type\":\"Bearer\"}")));
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----";
    SalesforceSession session = new SalesforceSession(properties(pem, null, null), clock);

    SalesforceSession.Session current = session.current();

    assertThat(current.instanceUrl()).isEqualTo("https://acme.my.salesforce.com");
    String form = login.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).get(0).getBodyAsString();
    assertThat(form).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
    String assertion = URLDecoder.decode(form.replaceAll(".*assertion=([^&]*).*", "$1"), StandardCharsets.UTF_8);
    String[] parts = assertion.split("\\.");
    JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(claims.get("iss").asText()).isEqualTo("3MVG9-consumer-key");
    assertThat(claims.get("sub").asText()).isEqualTo("integration@acme.example");
    assertThat(claims.get("aud").asText()).isEqualTo(login.baseUrl());
    assertThat(claims.get("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 180);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(keys.getPublic());
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
    assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void shouldKeepOneSessionUntilSalesforceRefusesItAndSendClientCredentialsInTheForm() {
    login.start();
    login.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson(
        "{\"access_token\":\"00Dxx!cc\",\"instance_url\":\"https://acme.my.salesforce.com\",\"token_type\":\"Bearer\","
            + "\"issued_at\":\"1764590400000\"}")));
    SalesforceSession session = new SalesforceSession(properties(null, "client-id", "client-secret"), clock);

    session.current();
    SalesforceSession.Session second = session.current();

    assertThat(second.accessToken()).isEqualTo("00Dxx!cc");
    login.verify(1, postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
    String form = login.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).get(0).getBodyAsString();
    assertThat(form).contains("grant_type=client_credentials").contains("client_id=client-id").contains("client_secret=client-secret");

    session.invalidate();                                  // a 401 INVALID_SESSION_ID
    assertThat(session.current().instanceUrl()).isEqualTo("https://acme.my.salesforce.com");
    login.verify(2, postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
  }

  @Test
  void shouldSayWhichCredentialsAreMissing() {
    assertThatThrownBy(() -> new SalesforceSession(properties(null, null, null), clock))
        .hasMessageContaining("ONRAMP_SALESFORCE_CLIENT_ID").hasMessageContaining("ONRAMP_SALESFORCE_PRIVATE_KEY");
  }

  @Test
  void shouldReportARefusedSessionWithSalesforcesReason() {
    login.start();
    login.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson(
        "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}").withStatus(400)));
    SalesforceSession session = new SalesforceSession(properties(null, "client", "wrong"), clock);

    assertThatThrownBy(session::current).isInstanceOf(VendorError.class).hasMessageContaining("invalid client credentials");
  }

  private SalesforceProperties properties(String pem, String clientId, String secret) {
    return new SalesforceProperties(login.isRunning() ? login.baseUrl() : "https://login.salesforce.com", "v62.0",
        "3MVG9-consumer-key", "integration@acme.example", pem, clientId, secret, 0.8, "Opportunity", "Onboarding_Stage__c",
        "Onboarding_Health__c", "Onboarding_TTV_Days__c", "Onboarding_URL__c", "Onboarding_Task_Key__c",
        "Onboarding_Handoff_URL__c", null);
  }
}
