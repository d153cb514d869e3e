package io.onramp.engine.plays;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Engine plugin: RACI on every deployed user task ({@link RaciParseListener}). */
@Component
class PlaysPlugin extends AbstractProcessEnginePlugin {

  private final InformPeople inform;

  PlaysPlugin(InformPeople inform) {
    this.inform = inform;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    listeners.add(new RaciParseListener(inform));
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
