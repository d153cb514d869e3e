package io.onramp.engine.sync;

import io.onramp.engine.onboarding.CrmLinks;
import io.onramp.engine.onboarding.Health;
import io.onramp.engine.onboarding.Onboarding;
import io.onramp.processes.Stage;
import java.time.Instant;

/** The onboarding's current state as the CRMs should show it. */
public record OnboardingSnapshot(String id, String businessKey, String processDefinitionKey, String accountName,
                                 String segment, Stage stage, Health health, long version, Instant startedAt,
                                 Instant stageEnteredAt, Instant goLiveAt, Instant firstValueAt, Instant endedAt, Long ttvDays,
                                 String url, CrmLinks links) {

  static OnboardingSnapshot of(Onboarding o, String publicUrl) {
    return new OnboardingSnapshot(o.id(), o.businessKey(), o.processDefinitionKey(), o.accountName(), o.segment(),
        o.stage(), o.health(), o.version(), o.startedAt(), o.stageEnteredAt(), o.goLiveAt(), o.firstValueAt(), o.endedAt(),
        o.timeToValueDays(), publicUrl + "/camunda/app/cockpit/default/#/process-instance/" + o.id() + "/runtime", o.links());
  }
}
