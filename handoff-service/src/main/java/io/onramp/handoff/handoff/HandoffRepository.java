package io.onramp.handoff.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HandoffRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  HandoffRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(Handoff h) {
    jdbc.sql("""
        insert into handoff (id, status, version, owner, account_name, hubspot_deal_id, salesforce_opportunity_id, document,
          completeness_score, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(h.id(), h.status().name(), h.version(), h.owner(), h.content().account().name(),
        h.content().crm().hubspotDealId(), h.content().crm().salesforceOpportunityId(), write(h.content()),
        h.completenessScore(), ts(h.createdAt()), ts(h.updatedAt())).update();
  }

  void update(Handoff h) {
    jdbc.sql("""
        update handoff set status = ?, version = ?, account_name = ?, hubspot_deal_id = ?, salesforce_opportunity_id = ?,
          document = ?, completeness_score = ?, revision_comments = ?, override_reason = ?, updated_at = ?,
          first_submitted_at = ?, submitted_at = ?, accepted_at = ?, submissions = ?
        where id = ?
        """).params(h.status().name(), h.version(), h.content().account().name(), h.content().crm().hubspotDealId(),
        h.content().crm().salesforceOpportunityId(), write(h.content()), h.completenessScore(), h.revisionComments(),
        h.overrideReason(), ts(h.updatedAt()), ts(h.firstSubmittedAt()), ts(h.submittedAt()), ts(h.acceptedAt()),
        h.submissions(), h.id()).update();
  }

  Optional<Handoff> find(String id) {
    return jdbc.sql("select * from handoff where id = ?").param(id).query(this::map).optional();
  }

  Optional<Handoff> lock(String id) {
    return jdbc.sql("select * from handoff where id = ? for update").param(id).query(this::map).optional();
  }

  Optional<Handoff> findByDeal(String hubspotDealId, String salesforceOpportunityId) {
    return jdbc.sql("select * from handoff where hubspot_deal_id = ? or salesforce_opportunity_id = ? order by created_at limit 1")
        .params(hubspotDealId, salesforceOpportunityId).query(this::map).optional();
  }

  List<Handoff> list(HandoffStatus status, String owner, int limit) {
    String state = status == null ? null : status.name();
    return jdbc.sql("""
        select * from handoff where (cast(? as varchar) is null or status = ?) and (cast(? as varchar) is null or owner = ?)
        order by updated_at desc limit ?""").params(state, state, owner, owner, limit).query(this::map).list();
  }

  void recordChange(Handoff h, String kind, String actor, List<String> fields, String note) {
    jdbc.sql("""
        insert into handoff_change (handoff_id, version, kind, actor, changed_at, fields, note, document)
        values (?, ?, ?, ?, ?, ?, ?, ?)
        """).params(h.id(), h.version(), kind, actor, ts(h.updatedAt()), write(fields), note, write(h.content())).update();
  }

  List<HandoffChange> changes(String id) {
    return jdbc.sql("select * from handoff_change where handoff_id = ? order by version").param(id)
        .query((rs, n) -> new HandoffChange(rs.getInt("version"), rs.getString("kind"), rs.getString("actor"),
            rs.getTimestamp("changed_at").toInstant(), read(rs.getString("fields"), List.class), rs.getString("note")))
        .list();
  }

  private Handoff map(ResultSet rs, int row) throws SQLException {
    return new Handoff(rs.getString("id"), HandoffStatus.valueOf(rs.getString("status")), rs.getInt("version"),
        rs.getString("owner"), read(rs.getString("document"), HandoffContent.class), rs.getInt("completeness_score"),
        rs.getString("revision_comments"), rs.getString("override_reason"), instant(rs, "created_at"),
        instant(rs, "updated_at"), instant(rs, "first_submitted_at"), instant(rs, "submitted_at"),
        instant(rs, "accepted_at"), rs.getInt("submissions"));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored handoff document unreadable", e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
