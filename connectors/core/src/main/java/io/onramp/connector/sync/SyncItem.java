package io.onramp.connector.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One unit of sync work as engine-service's sync API hands it out (docs/sync-api.md): the
 * subject's latest version, the onboarding's current snapshot and, for a task, the task at that
 * version; for an onboarding, the stages it passed since the CRM last confirmed one, oldest first.
 * {@code lease} names the claim; the acknowledgement carries it back.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncItem(long id, Kind kind, String subject, long version, int attempts, Instant changedAt,
                       Instant leaseUntil, String lease, Onboarding onboarding, Task task, List<PassedStage> passedStages) {

  public enum Kind { ONBOARDING, TASK }

  public SyncItem {
    passedStages = passedStages == null ? List.of() : List.copyOf(passedStages);
  }

  /** A stage entered and left again since the CRM's last confirmed version (e.g. the FIRST_VALUE milestone). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PassedStage(String stage, Instant enteredAt, long version) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Onboarding(String id, String businessKey, String processDefinitionKey, String accountName, String segment,
                           String stage, String health, long version, Instant startedAt, Instant stageEnteredAt,
                           Instant goLiveAt, Instant firstValueAt, Instant endedAt, Long ttvDays, String url, Links links) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Links(String hubspotDealId, String hubspotCompanyId, String salesforceOpportunityId,
                      String salesforceAccountId, List<String> eloquaContactEmails, Map<String, String> eloquaContactRoles) {

    public Links {
      eloquaContactEmails = eloquaContactEmails == null ? List.of() : eloquaContactEmails;
      eloquaContactRoles = eloquaContactRoles == null ? Map.of() : eloquaContactRoles;
    }
  }

  /** {@code key} is stable across retries: the CRM's idempotency key. Status OPEN, COMPLETED or CANCELLED. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Task(String key, String taskId, String taskDefinitionKey, String name, String description, String assignee,
                     List<String> candidateGroups, Instant createdAt, Instant dueAt, int priority, String status, String url) {

    /** The task's description, then where to work it (Tasklist, or the sales rep's handoff page), as the CRM task's body. */
    public String body() {
      String where = url != null && url.contains("/camunda/app/tasklist") ? "Open in Tasklist: " : "Open: ";
      return (description == null ? "" : description + "\n\n") + where + url;
    }
  }
}
