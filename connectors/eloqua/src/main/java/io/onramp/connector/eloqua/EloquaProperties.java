package io.onramp.connector.eloqua;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param loginUrl       where the instance is discovered ({@code /id}) and OAuth tokens are minted
 * @param company        Basic: the Eloqua company (site) name; Basic is used when no OAuth client is set
 * @param username       Basic: the integration user
 * @param password       Basic: its password, from the environment
 * @param clientId       OAuth: the app's client id
 * @param clientSecret   OAuth: its secret, from the environment
 * @param refreshToken   OAuth: the first refresh token (they rotate; the latest lives in {@code tokenFile})
 * @param redirectUri    OAuth: the app's redirect URI, sent with refresh requests when set
 * @param tokenFile      where the latest rotated refresh token is kept across restarts (owner-only file)
 * @param contactFields  internal names of the contact fields for onboarding stage and stakeholder role
 * @param onboardingObject the "Onboarding" custom object: its name and the internal names of its fields
 * @param bulkThreshold  more contact (or record) updates than this in one batch go through the Bulk API 2.0
 * @param bulkPoll       how often a bulk sync's status is asked for
 * @param bulkWait       how long one batch waits for a bulk sync before handing its items back to retry
 * @param bulkImportsPerHour Eloqua's soft limit on bulk imports per instance and hour (2,000)
 * @param account        names the Eloqua instance whose import budget every replica of this connector shares
 * @param backoff        first wait after a 429 or 503 (doubles per consecutive refusal, with jitter)
 * @param maxBackoff     longest such wait
 * @param plays          milestone plays (WELCOME, TRAINING_INVITATION, CSAT_SURVEY): the form that enrols, and for whom
 * @param playLookback   how far back the form's submissions are read to keep a play to once per stakeholder
 */
@ConfigurationProperties("onramp.eloqua")
public record EloquaProperties(@DefaultValue("https://login.eloqua.com") String loginUrl,
                               String company, String username, String password,
                               String clientId, String clientSecret, String refreshToken, String redirectUri, Path tokenFile,
                               @DefaultValue ContactFields contactFields,
                               @DefaultValue OnboardingObject onboardingObject,
                               @DefaultValue("50") int bulkThreshold,
                               @DefaultValue("2s") Duration bulkPoll,
                               @DefaultValue("90s") Duration bulkWait,
                               @DefaultValue("2000") int bulkImportsPerHour,
                               @DefaultValue("default") String account,
                               @DefaultValue("5s") Duration backoff,
                               @DefaultValue("10m") Duration maxBackoff,
                               Map<String, Play> plays,
                               @DefaultValue("60d") Duration playLookback) {

  public EloquaProperties {
    plays = plays == null ? Map.of() : Map.copyOf(plays);
    if (bulkImportsPerHour < 1) {
      throw new IllegalArgumentException("onramp.eloqua.bulk-imports-per-hour must be at least 1; it is " + bulkImportsPerHour);
    }
    if (bulkThreshold < 1) {
      throw new IllegalArgumentException("onramp.eloqua.bulk-threshold must be at least 1; it is " + bulkThreshold);
    }
  }

  public boolean oauth() {
    return clientId != null && !clientId.isBlank();
  }

  public record ContactFields(@DefaultValue("C_Onboarding_Stage1") String stage,
                              @DefaultValue("C_Onboarding_Role1") String role) {
  }

  /** Field names are the custom object fields' internal names. */
  public record OnboardingObject(@DefaultValue("Onboarding") String name,
                                 @DefaultValue("Onboarding_ID1") String onboardingId,
                                 @DefaultValue("Account_Name1") String accountName,
                                 @DefaultValue("Stage1") String stage,
                                 @DefaultValue("Health1") String health,
                                 @DefaultValue("Go_Live_Date1") String goLiveDate,
                                 @DefaultValue("First_Value_Date1") String firstValueDate) {
  }

  /**
   * @param formId the Eloqua form whose processing steps add the contact to the nurture
   * @param roles  the stakeholder roles the play is for; empty = every stakeholder
   */
  public record Play(String formId, @DefaultValue List<String> roles) {
  }
}
