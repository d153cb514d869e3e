package io.onramp.engine;

import java.util.List;
import io.onramp.testing.EmbeddedPostgres;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A full engine-service on a real (embedded) PostgreSQL, called over HTTP like a client would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class EngineIntegrationTest {

  public static final String ADMIN = "ops";
  public static final String CONNECTOR = "hubspotworker";
  public static final String CSM = "casey";
  public static final String PASSWORD = "s3cret-for-tests";

  @LocalServerPort
  protected int port;

  @Autowired
  protected IdentityService identityService;

  @Autowired
  private ProcessEngine processEngine;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry);
  }

  /**
   * Camunda's REST API finds its engine in a static registry, where the engine of the test context
   * started last is "default": with several cached contexts, a call to /engine-rest would run on another
   * context's engine and beans (its meters, its clock). Each test puts its own context's engine back.
   */
  @BeforeEach
  void ownEngine() {
    ProcessEngines.registerProcessEngine(processEngine);
  }

  @BeforeEach
  void users() {
    user(ADMIN, "camunda-admin");
    user(CONNECTOR, "onramp-connectors");
    user(CSM, "csm");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  protected Api as(String user) {
    return new Api("http://localhost:" + port, user, PASSWORD);
  }

  protected Api anonymous() {
    return new Api("http://localhost:" + port, null, null);
  }

  /** A user of the engine's own identity (the test profile), member of {@code group}; created once. */
  protected void user(String id, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      var user = identityService.newUser(id);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
    }
    if (identityService.createGroupQuery().groupId(group).count() == 0) {
      var g = identityService.newGroup(group);
      g.setName(group);
      identityService.saveGroup(g);
    }
    if (!identityService.createGroupQuery().groupMember(id).list().stream().map(g -> g.getId()).toList().contains(group)) {
      identityService.createMembership(id, group);
    }
  }

  protected static List<String> list(String... values) {
    return List.of(values);
  }
}
