package io.onramp.handoff.handoff;

import io.onramp.handoff.handoff.HandoffContent.StakeholderRole;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the onboarding team needs before kickoff. Each rule is a fact that is either there or
 * missing; the score is the share of rules met (0–100).
 */
public final class HandoffCompleteness {

  public record Missing(String rule, String message) {
  }

  public record Result(int score, List<Missing> missing) {
    public boolean complete() {
      return missing.isEmpty();
    }
  }

  private record Rule(String code, Predicate<HandoffContent> met, Function<HandoffContent, String> message) {
  }

  private static final List<Rule> RULES = List.of(
      new Rule("SEGMENT", h -> h.account().segment() != null, h -> "no segment (self-serve, assisted or enterprise)"),
      new Rule("CRM_DEAL", h -> h.crm().hubspotDealId() != null || h.crm().salesforceOpportunityId() != null,
          h -> "no CRM deal reference (HubSpot deal or Salesforce opportunity)"),
      new Rule("PRODUCTS", h -> !h.products().isEmpty(), h -> "no products"),
      new Rule("ARR", h -> h.arr() != null, h -> "no ARR"),
      new Rule("CLOSED_WON_DATE", h -> h.closedWonDate() != null, h -> "no closed-won date"),
      new Rule("GOALS", h -> !h.goals().isEmpty(), h -> "no customer goals"),
      new Rule("GOAL_CRITERIA", h -> goalsWithoutCriterion(h).isEmpty(),
          h -> "goal(s) " + goalsWithoutCriterion(h) + " without a measurable success criterion"),
      new Rule("FIRST_VALUE_MILESTONE", h -> !blank(h.firstValueMilestone()), h -> "no first-value milestone"),
      new Rule("EXECUTIVE_SPONSOR", h -> has(h, StakeholderRole.EXECUTIVE_SPONSOR), h -> "no executive sponsor"),
      new Rule("CHAMPION", h -> has(h, StakeholderRole.CHAMPION), h -> "no champion"),
      new Rule("REQUIREMENTS", h -> !h.requirements().isEmpty(), h -> "no requirements or use cases"),
      new Rule("TARGET_GO_LIVE", h -> h.targetGoLiveDate() != null, h -> "no target go-live date"));

  private HandoffCompleteness() {}

  public static Result of(HandoffContent handoff) {
    List<Missing> missing = new ArrayList<>();
    for (Rule rule : RULES) {
      if (!rule.met().test(handoff)) {
        missing.add(new Missing(rule.code(), rule.message().apply(handoff)));
      }
    }
    int score = Math.round(100f * (RULES.size() - missing.size()) / RULES.size());
    return new Result(score, List.copyOf(missing));
  }

  /** 1-based positions of goals that lack a measurable success criterion. */
  private static List<Integer> goalsWithoutCriterion(HandoffContent h) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < h.goals().size(); i++) {
      if (blank(h.goals().get(i).successCriterion())) {
        positions.add(i + 1);
      }
    }
    return positions;
  }

  private static boolean has(HandoffContent h, StakeholderRole role) {
    return h.stakeholders().stream().anyMatch(s -> s.role() == role);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
