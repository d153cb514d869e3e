package io.onramp.handoff.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.handoff.handoff.Handoff;
import io.onramp.processes.CustomerOnboarding;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Journey messages waiting for engine-service, stored in the submit's own transaction. */
@Component
public class JourneyOutbox {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  JourneyOutbox(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The first submission starts the journey; later ones tell the waiting journey the handoff was revised. */
  public void enqueue(Handoff handoff, int submission) {
    String message = submission == 1 ? CustomerOnboarding.MESSAGE_HANDOFF_SUBMITTED : CustomerOnboarding.MESSAGE_HANDOFF_REVISED;
    Instant now = Instant.now();
    jdbc.sql("""
        insert into journey_outbox (handoff_id, message_name, submission, variables, status, next_attempt_at, created_at)
        values (?, ?, ?, ?, 'PENDING', ?, ?)
        """).params(handoff.id(), message, submission, write(JourneyVariablesOf.handoff(handoff)), Timestamp.from(now),
        Timestamp.from(now)).update();
  }

  record Pending(long id, String handoffId, String messageName, int attempts, Map<String, Object> variables) {
  }

  /** Reserves due messages for this delivery run (other replicas skip them). */
  @Transactional
  List<Pending> claimDue(int max, Duration lease) {
    Instant now = Instant.now();
    return jdbc.sql("""
        update journey_outbox o set locked_until = :until from (
          select id from journey_outbox where status = 'PENDING' and next_attempt_at <= :now
            and (locked_until is null or locked_until < :now)
          order by id limit :max for update skip locked) due
        where o.id = due.id
        returning o.id, o.handoff_id, o.message_name, o.attempts, o.variables
        """).param("until", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now)).param("max", max)
        .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), read(rs.getString(5))))
        .list();
  }

  void delivered(long id, String processInstanceId) {
    jdbc.sql("""
        update journey_outbox set status = 'DELIVERED', delivered_at = now(), locked_until = null, last_error = null,
          process_instance_id = coalesce(?, process_instance_id), attempts = attempts + 1
        where id = ?
        """).params(processInstanceId, id).update();
  }

  void failed(long id, int attempts, Duration backoff, String error) {
    jdbc.sql("update journey_outbox set attempts = ?, next_attempt_at = ?, locked_until = null, last_error = ? where id = ?")
        .params(attempts, Timestamp.from(Instant.now().plus(backoff)), error, id).update();
  }

  void release(long id) {
    jdbc.sql("update journey_outbox set locked_until = null where id = ?").param(id).update();
  }

  /** Delivery state of a handoff's latest message, for the handoff API. */
  public Optional<JourneyDeliveryStatus> status(String handoffId) {
    return jdbc.sql("""
        select message_name, status, attempts, last_error, process_instance_id, delivered_at from journey_outbox
        where handoff_id = ? order by submission desc limit 1
        """).param(handoffId)
        .query((rs, n) -> new JourneyDeliveryStatus(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
        .optional();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> read(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
