package io.onramp.connector.eloqua.api;

import io.onramp.connector.sync.VendorError;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.eloqua.EloquaProperties;
import io.onramp.connector.eloqua.FakeEloqua;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OAuth with rotating refresh tokens kept across restarts, and the instance found (again) through /id. */
class EloquaSessionTest {

  static final FakeEloqua fake = new FakeEloqua();
  static final WireMockServer login = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(fake));

  static {
    login.start();
  }

  @TempDir
  Path dir;

  @BeforeEach
  void reset() {
    login.resetAll();
    login.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(fake.getName())));
    fake.reset("https://secure.p03.eloqua.example");
    fake.refreshToken("refresh-initial");
  }

  @AfterAll
  static void stop() {
    login.stop();
  }

  @Test
  void shouldKeepTheRotatedRefreshTokenSoARestartStillAuthenticates() throws Exception {
    Path file = dir.resolve("state/eloqua-refresh-token");
    EloquaSession session = new EloquaSession(oauth("refresh-initial", file));

    assertThat(session.authorization()).isEqualTo("Bearer " + fake.accessToken());
    assertThat(session.base()).isEqualTo(URI.create("https://secure.p03.eloqua.example"));
    String rotated = fake.refreshToken();
    assertThat(rotated).isNotEqualTo("refresh-initial");
    assertThat(Files.readString(file)).endsWith(" " + rotated);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(session.authorization()).as("still valid: no new refresh").isEqualTo("Bearer " + fake.accessToken());
    login.verify(1, postRequestedFor(urlPathEqualTo("/auth/oauth2/token")));

    EloquaSession restarted = new EloquaSession(oauth("refresh-initial", file));      // the environment still names the first token
    assertThat(restarted.authorization()).isEqualTo("Bearer " + fake.accessToken());
    assertThat(Files.readString(file)).endsWith(" " + fake.refreshToken());
  }

  @Test
  void shouldRefreshOnceWhenManyCallsNeedATokenAtOnce() throws Exception {
    EloquaSession session = new EloquaSession(oauth("refresh-initial", dir.resolve("t")));
    java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(callers.submit(session::authorization));
      }
      for (java.util.concurrent.Future<String> answer : answers) {
        assertThat(answer.get()).as("a spent refresh token is never used twice").isEqualTo("Bearer " + fake.accessToken());
      }
    } finally {
      callers.shutdown();
    }
    login.verify(1, postRequestedFor(urlPathEqualTo("/auth/oauth2/token")));
  }

  @Test
  void shouldPreferANewTokenFromTheEnvironmentOverTheStoredOne() throws Exception {
    Path file = dir.resolve("eloqua-refresh-token");
    new EloquaSession(oauth("refresh-initial", file)).authorization();
    fake.refreshToken("refresh-reissued-by-an-admin");

    EloquaSession replaced = new EloquaSession(oauth("refresh-reissued-by-an-admin", file));

    assertThat(replaced.authorization()).isEqualTo("Bearer " + fake.accessToken());
  }

  @Test
  void shouldAskForTheInstanceAgainAfterARenewalAndSayClearlyWhenCredentialsAreRefused() {
    EloquaSession session = new EloquaSession(oauth("refresh-initial", dir.resolve("t")));
    assertThat(session.base()).isEqualTo(URI.create("https://secure.p03.eloqua.example"));
    fake.instanceBase("https://secure.p04.eloqua.example");           // the instance moved

    session.renew();

    assertThat(session.base()).isEqualTo(URI.create("https://secure.p04.eloqua.example"));
    login.verify(2, getRequestedFor(urlPathEqualTo("/id")));
    login.verify(2, postRequestedFor(urlPathEqualTo("/auth/oauth2/token")));

    fake.refreshToken("someone-else-rotated-it");
    session.renew();
    assertThatThrownBy(session::authorization).isInstanceOf(VendorError.class)
        .hasMessageContaining("invalid_grant").hasMessageContaining("ONRAMP_ELOQUA_REFRESH_TOKEN");
  }

  @Test
  void shouldUseBasicAuthWithCompanyAndUserAndRefuseToStartWithoutCredentials() {
    EloquaSession basic = new EloquaSession(properties("AcmeCorp", "onramp.api", "test-only", null, null, null, null));
    assertThat(basic.authorization()).isEqualTo(FakeEloqua.BASIC);
    assertThat(basic.base()).isEqualTo(URI.create("https://secure.p03.eloqua.example"));

    assertThatThrownBy(() -> new EloquaSession(properties(null, null, null, null, null, null, null)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ONRAMP_ELOQUA_CLIENT_ID")
        .hasMessageContaining("ONRAMP_ELOQUA_COMPANY");
    EloquaSession wrongPassword = new EloquaSession(properties("AcmeCorp", "onramp.api", "wrong", null, null, null, null));
    assertThatThrownBy(wrongPassword::base).isInstanceOf(VendorError.class).hasMessageContaining("did not accept our credentials");
  }

  private EloquaProperties oauth(String refreshToken, Path file) {
    return properties(null, null, null, "onramp-app", "test-only-secret", refreshToken, file);
  }

  private EloquaProperties properties(String company, String user, String password, String clientId, String secret, String refresh,
                                      Path file) {
    return new EloquaProperties(login.baseUrl(), company, user, password, clientId, secret, refresh, null, file,
        new EloquaProperties.ContactFields("C_Onboarding_Stage1", "C_Onboarding_Role1"),
        new EloquaProperties.OnboardingObject("Onboarding", "Onboarding_ID1", "Account_Name1", "Stage1", "Health1", "Go_Live_Date1",
            "First_Value_Date1"), 50, Duration.ofSeconds(2), Duration.ofSeconds(90), 2000, "default", Duration.ofSeconds(5), Duration.ofMinutes(10),
        Map.of(), Duration.ofDays(60));
  }
}
