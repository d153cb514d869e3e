package io.onramp.engine.exit;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's REST resources, plus Onramp's answer to missed exit criteria ({@link ExitCriteriaProblems}). */
@Component
class EngineRestResources extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(ExitCriteriaProblems.class);
  }
}
