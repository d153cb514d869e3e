package io.onramp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onramp.testing.EmbeddedPostgres;
import io.onramp.testing.KeycloakServer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The retired Camunda Keycloak identity plugin (7.23.0, the newest on Maven Central) on this
 * engine (7.24) against a real Keycloak with the realm of this repository: users and groups come
 * from Keycloak, read-only.
 */
@SpringBootTest
class KeycloakIdentityIntegrationTest {

  static final KeycloakServer keycloak = KeycloakServer.get();

  @Autowired
  IdentityService identity;

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry);
    registry.add("onramp.keycloak.url", () -> keycloak.url().toString());
    registry.add("onramp.keycloak.engine-client-secret", () -> KeycloakServer.SECRETS.get("engine-service"));
  }

  @Test
  void shouldSeeKeycloakUsersAndTheirGroupsWithTheUsernameAsId() {
    User casey = identity.createUserQuery().userId("casey").singleResult();
    assertThat(casey).isNotNull();
    assertThat(casey.getEmail()).isEqualTo("casey@onramp.example");
    assertThat(casey.getFirstName()).isEqualTo("Casey");
    assertThat(identity.createGroupQuery().groupMember("casey").list()).extracting(Group::getId).containsExactly("csm");
    assertThat(identity.createUserQuery().memberOfGroup("cs-lead").list()).extracting(User::getId).containsExactly("lee");
    assertThat(identity.createGroupQuery().groupId("process-designer").singleResult().getName()).isEqualTo("process-designer");
    assertThat(identity.createUserQuery().userId("nobody").singleResult()).isNull();
  }

  @Test
  void shouldRefuseToChangeUsersOrGroupsItReadsFromKeycloak() {
    assertThatThrownBy(() -> identity.saveUser(identity.newUser("mallory"))).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> identity.createMembership("casey", "onramp-admin")).isInstanceOf(RuntimeException.class);
  }
}
