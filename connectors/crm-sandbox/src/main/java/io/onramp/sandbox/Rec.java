package io.onramp.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CRM record: its fields, every change to them in order (what a CRM admin's field history
 * shows), and its links to other records by type.
 */
public final class Rec {

  public record Change(String field, String value, Instant at) {
  }

  public final String id;
  public final String type;
  public final Map<String, String> fields = new LinkedHashMap<>();
  public final List<Change> history = new ArrayList<>();
  public final Map<String, Set<String>> links = new LinkedHashMap<>();
  public final Instant createdAt;
  public Instant updatedAt;

  public Rec(String type, String id, Instant now) {
    this.type = type;
    this.id = id;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Sets a field; a change (not a rewrite of the same value) is kept in the history. */
  public void set(String field, String value, Instant now) {
    String before = fields.put(field, value);
    if (!java.util.Objects.equals(before, value)) {
      history.add(new Change(field, value, now));
      updatedAt = now;
    }
  }

  public void link(String type, String id) {
    links.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(id);
  }

  /** The values a field took, oldest first. */
  public List<String> historyOf(String field) {
    return history.stream().filter(c -> c.field().equals(field)).map(Change::value).toList();
  }
}
