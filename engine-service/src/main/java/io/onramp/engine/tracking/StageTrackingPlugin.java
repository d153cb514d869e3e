package io.onramp.engine.tracking;

import io.onramp.engine.sync.CrmSyncIncidentHandler;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.springframework.stereotype.Component;

/**
 * Engine plugin (DESIGN decision 3): every deployed BPMN, ours or a designer's, gets stage tracking
 * for activities marked {@code onramp.stage} and CRM task mirroring for its user tasks.
 */
@Component
class StageTrackingPlugin extends AbstractProcessEnginePlugin {

  private final JourneyTracker tracker;
  private final TaskSnapshots tasks;
  private final CrmSyncIncidentHandler incidentHandler;
  private final OneJourneyPerHandoff oneJourney;

  StageTrackingPlugin(JourneyTracker tracker, TaskSnapshots tasks, CrmSyncIncidentHandler incidentHandler,
                      OneJourneyPerHandoff oneJourney) {
    this.tracker = tracker;
    this.tasks = tasks;
    this.incidentHandler = incidentHandler;
    this.oneJourney = oneJourney;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    listeners.add(new StageParseListener(tracker, new TaskSyncListener(tracker, tasks), oneJourney));
    configuration.setCustomPostBPMNParseListeners(listeners);

    List<IncidentHandler> handlers = new ArrayList<>();
    if (configuration.getCustomIncidentHandlers() != null) {
      handlers.addAll(configuration.getCustomIncidentHandlers());
    }
    handlers.add(incidentHandler);
    configuration.setCustomIncidentHandlers(handlers);
  }
}
