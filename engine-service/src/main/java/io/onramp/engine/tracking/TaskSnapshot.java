package io.onramp.engine.tracking;

import java.time.Instant;
import java.util.List;

/**
 * A user task as the CRMs mirror it. {@code key} is stable across retries and versions and is the
 * CRM's idempotency key (HubSpot {@code onboarding_task_key}, Salesforce {@code Onboarding_Task_Key__c}).
 */
record TaskSnapshot(String key, String taskId, String taskDefinitionKey, String name, String description,
                    String assignee, List<String> candidateGroups, Instant createdAt, Instant dueAt, int priority,
                    Status status, String url) {

  enum Status { OPEN, COMPLETED, CANCELLED }
}
