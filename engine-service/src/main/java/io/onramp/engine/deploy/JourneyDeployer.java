package io.onramp.engine.deploy;

import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the {@code processes/} jar (BPMN, DMN, forms) as one deployment at start-up. Duplicate
 * filtering makes an unchanged set a no-op: no new versions on every restart. Forms are bound by
 * deployment, so a change to any file redeploys them all together.
 */
@Component
class JourneyDeployer {

  static final String DEPLOYMENT_NAME = "onramp-processes";
  private static final String ROOT = "onramp/processes/";
  private static final Logger log = LoggerFactory.getLogger(JourneyDeployer.class);

  private final RepositoryService repository;

  JourneyDeployer(RepositoryService repository) {
    this.repository = repository;
  }

  @EventListener(ApplicationStartedEvent.class)
  void deploy() throws IOException {
    DeploymentBuilder deployment = repository.createDeployment().name(DEPLOYMENT_NAME).source("engine-service")
        .enableDuplicateFiltering(false);
    int count = 0;
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "**/*.*")) {
      String url = resource.getURL().toString();
      String name = url.substring(url.lastIndexOf(ROOT) + ROOT.length());
      if (name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form")) {
        try (InputStream in = resource.getInputStream()) {
          deployment.addInputStream(name, new java.io.ByteArrayInputStream(in.readAllBytes()));
          count++;
        }
      }
    }
    DeploymentWithDefinitions result = deployment.deployWithResult();
    log.info("deployment {} ({} resources): {} process definition(s) {}", DEPLOYMENT_NAME, count,
        result.getDeployedProcessDefinitions() == null ? 0 : result.getDeployedProcessDefinitions().size(),
        result.getDeployedProcessDefinitions() == null || result.getDeployedProcessDefinitions().isEmpty()
            ? "(unchanged, nothing new deployed)" : "deployed");
  }
}
