package io.onramp.handoff.handoff;

import java.time.Instant;
import java.util.List;

/** One entry of a handoff's audit trail: who did what, when, to which fields. */
public record HandoffChange(int version, String kind, String actor, Instant at, List<?> fields, String note) {
}
