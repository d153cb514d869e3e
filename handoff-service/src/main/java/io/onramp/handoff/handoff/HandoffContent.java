package io.onramp.handoff.handoff;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything sales knows about one closed-won deal, so the customer never repeats it. A draft may
 * be incomplete (see {@link HandoffCompleteness}); what is given must be well-formed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoffContent(
    @NotNull @Valid Account account,
    @Valid CrmReferences crm,
    @Size(max = 20) List<@Valid @NotNull Product> products,
    @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal arr,
    @PastOrPresent LocalDate closedWonDate,
    @Size(max = 20) List<@Valid @NotNull Goal> goals,
    @Size(max = 1000) String firstValueMilestone,
    @Size(max = 20) List<@NotBlank @Size(max = 500) String> painPoints,
    @Size(max = 50) List<@NotBlank @Size(max = 500) String> requirements,
    @Size(max = 50) List<@NotBlank @Size(max = 200) String> integrations,
    @Size(max = 20) List<@NotBlank @Size(max = 500) String> risks,
    @Size(max = 5000) String salesNotes,
    @Size(max = 50) List<@Valid @NotNull Stakeholder> stakeholders,
    @Future LocalDate targetGoLiveDate,
    @Valid KickoffWindow kickoffWindow) {

  public HandoffContent {
    products = products == null ? List.of() : List.copyOf(products);
    goals = goals == null ? List.of() : List.copyOf(goals);
    painPoints = painPoints == null ? List.of() : List.copyOf(painPoints);
    requirements = requirements == null ? List.of() : List.copyOf(requirements);
    integrations = integrations == null ? List.of() : List.copyOf(integrations);
    risks = risks == null ? List.of() : List.copyOf(risks);
    stakeholders = stakeholders == null ? List.of() : List.copyOf(stakeholders);
    crm = crm == null ? new CrmReferences(null, null, null, null, null) : crm;
  }

  public record Account(@NotBlank @Size(max = 200) String name,
                        @Size(max = 253) @Pattern(regexp = "^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", message = "must be a domain name like acme.com") String domain,
                        Segment segment,
                        @Size(max = 64) String region) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CrmReferences(@Size(max = 64) @Pattern(regexp = "^[0-9]+$", message = "must be a HubSpot record id (digits)") String hubspotDealId,
                              @Size(max = 64) @Pattern(regexp = "^[0-9]+$", message = "must be a HubSpot record id (digits)") String hubspotCompanyId,
                              @Pattern(regexp = "^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$", message = "must be a 15- or 18-character Salesforce id") String salesforceOpportunityId,
                              @Pattern(regexp = "^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$", message = "must be a 15- or 18-character Salesforce id") String salesforceAccountId,
                              @Size(max = 50) List<@NotBlank @Size(max = 64) String> eloquaContactIds) {
    public CrmReferences {
      eloquaContactIds = eloquaContactIds == null ? List.of() : List.copyOf(eloquaContactIds);
    }
  }

  public record Product(@NotBlank @Size(max = 100) String name) {
  }

  public record Goal(@NotBlank @Size(max = 500) String description,
                     @Size(max = 500) String successCriterion,
                     @FutureOrPresent LocalDate targetDate) {
  }

  public enum StakeholderRole { EXECUTIVE_SPONSOR, CHAMPION, ADMIN, END_USER }

  public record Stakeholder(@NotNull StakeholderRole role, @NotBlank @Size(max = 200) String name,
                            @NotBlank @Email @Size(max = 254) String email,
                            @Size(max = 40) @Pattern(regexp = "^\\+?[0-9 ()./-]{5,40}$", message = "must be a phone number") String phone) {
  }

  public record KickoffWindow(@NotNull @FutureOrPresent LocalDate earliest, @NotNull @FutureOrPresent LocalDate latest) {
    @AssertTrue(message = "latest must not be before earliest")
    boolean isOrdered() {
      return earliest == null || latest == null || !latest.isBefore(earliest);
    }
  }
}
