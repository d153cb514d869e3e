package io.onramp.connector.salesforce;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param loginUrl          where tokens are minted: login.salesforce.com, test.salesforce.com or the org's My Domain
 * @param apiVersion        REST API version, e.g. v62.0
 * @param consumerKey       JWT bearer: the connected app's consumer key
 * @param username          JWT bearer: the integration user
 * @param privateKey        JWT bearer: the RS256 key (PKCS#8 PEM), from the environment
 * @param clientId          client credentials: the connected app's client id (used when no private key is set)
 * @param clientSecret      client credentials: its secret, from the environment
 * @param budgetShare       stop sending when this share of the daily API allocation is used (Sforce-Limit-Info)
 * @param opportunityObject the object onboardings write to
 * @param stageField        …and its fields (defaults in DESIGN.md)
 * @param healthField       health field
 * @param ttvField          time-to-value field
 * @param urlField          journey link field
 * @param taskKeyField      the Task external id field that makes mirroring idempotent
 * @param handoffUrlField   the opportunity's link to the sales rep's handoff page
 * @param ownerIds          Onramp username → Salesforce User id, so a won opportunity's draft belongs to its owner
 */
@ConfigurationProperties("onramp.salesforce")
public record SalesforceProperties(@DefaultValue("https://login.salesforce.com") String loginUrl,
                                   @DefaultValue("v62.0") String apiVersion, String consumerKey, String username,
                                   String privateKey, String clientId, String clientSecret,
                                   @DefaultValue("0.8") double budgetShare,
                                   @DefaultValue("Opportunity") String opportunityObject,
                                   @DefaultValue("Onboarding_Stage__c") String stageField,
                                   @DefaultValue("Onboarding_Health__c") String healthField,
                                   @DefaultValue("Onboarding_TTV_Days__c") String ttvField,
                                   @DefaultValue("Onboarding_URL__c") String urlField,
                                   @DefaultValue("Onboarding_Task_Key__c") String taskKeyField,
                                   @DefaultValue("Onboarding_Handoff_URL__c") String handoffUrlField,
                                   java.util.Map<String, String> ownerIds) {

  public SalesforceProperties {
    if (budgetShare <= 0 || budgetShare > 1) {
      throw new IllegalArgumentException("onramp.salesforce.budget-share must be in (0, 1], e.g. 0.8; it is " + budgetShare);
    }
    ownerIds = ownerIds == null ? java.util.Map.of() : java.util.Map.copyOf(ownerIds);
  }
}
