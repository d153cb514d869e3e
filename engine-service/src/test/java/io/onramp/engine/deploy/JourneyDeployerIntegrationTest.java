package io.onramp.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.onramp.engine.EngineIntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JourneyDeployerIntegrationTest extends EngineIntegrationTest {

  @Autowired
  JourneyDeployer deployer;
  @Autowired
  RepositoryService repository;

  @Test
  void shouldDeployTheJourneyItsPlanAndFormsOnceAndNotAgainWhenNothingChanged() throws Exception {
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("customer-onboarding").count()).isEqualTo(1);
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("onboarding-plan").count()).isEqualTo(1);
    String deploymentId = repository.createProcessDefinitionQuery().processDefinitionKey("customer-onboarding")
        .singleResult().getDeploymentId();
    assertThat(repository.getDeploymentResourceNames(deploymentId)).contains("customer-onboarding.bpmn",
        "onboarding-plan.dmn", "forms/kickoff-call.form", "forms/review-handoff.form");

    deployer.deploy();     // what a restart does

    assertThat(repository.createDeploymentQuery().deploymentName(JourneyDeployer.DEPLOYMENT_NAME).count()).isEqualTo(1);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("customer-onboarding").count()).isEqualTo(1);
  }
}
