package io.onramp.engine.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.engine.sync.SyncProperties;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

@Component
class TaskSnapshots {

  private final ObjectMapper json;
  private final SyncProperties properties;

  TaskSnapshots(ObjectMapper json, SyncProperties properties) {
    this.json = json;
    this.properties = properties;
  }

  TaskSnapshot of(DelegateTask task, TaskSnapshot.Status status) {
    return new TaskSnapshot("onramp-task-" + task.getId(), task.getId(), task.getTaskDefinitionKey(), task.getName(),
        task.getDescription(), task.getAssignee(),
        task.getCandidates().stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
            .map(l -> l.getGroupId()).sorted().toList(),
        instant(task.getCreateTime()), instant(task.getDueDate()), task.getPriority(), status,
        taskUrl(task.getId()));
  }

  /** The sales rep's "Complete the handoff" task, done: the handoff {@code handoffId} was submitted and its journey started. */
  TaskSnapshot handoffDone(String handoffId, Instant now) {
    String key = "handoff-" + handoffId;
    return new TaskSnapshot(key, key, "onramp-handoff", "Complete the handoff", "Submitted for review; Customer Success takes it from here.",
        null, List.of(), now, null, 75, TaskSnapshot.Status.COMPLETED,
        properties.publicUrl() + "/handoffs/?handoff=" + java.net.URLEncoder.encode(handoffId, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A CRM task a play gives someone (a reminder, a word to the account executive): no Tasklist task behind it. */
  TaskSnapshot notice(String key, String name, String body, String assignee, Instant now, Instant due, int priority, String url,
                      boolean note) {
    return new TaskSnapshot(key, key, "onramp-play", name, body, assignee, List.of(), now, due, priority,
        note ? TaskSnapshot.Status.COMPLETED : TaskSnapshot.Status.OPEN,
        url != null ? url : properties.publicUrl() + "/camunda/app/tasklist/");
  }

  String taskUrl(String taskId) {
    return properties.publicUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  String json(TaskSnapshot snapshot) {
    try {
      return json.writeValueAsString(snapshot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("task snapshot not serialisable", e);
    }
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
