package io.onramp.engine.tracking;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A CRM task a play gives a person — a reminder for a step's owner, a word to the account executive — written to every
 * linked CRM that keeps tasks through the same outbox and mirror as journey tasks, on the account's deal and company.
 * {@code key} makes it idempotent: the same key again updates the one CRM task.
 */
@Component
public class CrmTasks {

  /**
   * @param tasklistTaskId the Tasklist task it is about (its link), or null for the journey as a whole
   * @param note           a record for the person's information (written completed: it shows on the account's timeline
   *                       without joining their to-do list), else a task for them to do
   */
  public record Notice(String key, String name, String body, String assignee, Duration dueIn, int priority, String tasklistTaskId,
                       boolean note) {}

  private final JourneyTracker tracker;
  private final TaskSnapshots tasks;

  CrmTasks(JourneyTracker tracker, TaskSnapshots tasks) {
    this.tracker = tracker;
    this.tasks = tasks;
  }

  /** A short stable key ({@code kind-<24 hex>}) for what identifies one notice, e.g. the play's run and the step. */
  public static String key(String kind, String... identity) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(String.join("|", identity).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return kind + "-" + java.util.HexFormat.of().formatHex(hash, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public void give(DelegateExecution execution, Notice notice) {
    Instant now = ClockUtil.now().toInstant();
    tracker.taskChanged(tasks.notice(notice.key(), notice.name(), notice.body(), notice.assignee(), now, now.plus(notice.dueIn()),
        notice.priority(), notice.tasklistTaskId() == null ? null : tasks.taskUrl(notice.tasklistTaskId()), notice.note()), execution);
  }
}
