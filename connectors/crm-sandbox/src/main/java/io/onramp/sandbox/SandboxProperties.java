package io.onramp.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl   how the connectors reach this sandbox (instance URLs handed out by Salesforce and Eloqua)
 * @param hubspot     the HubSpot account: its private-app token, app secret, webhook target and rate limit
 * @param salesforce  the Salesforce org: connected app, organization id, Outbound Message target, daily allocation
 * @param eloqua      the Eloqua instance: Basic login and the form ids of the plays
 */
@ConfigurationProperties("onramp.sandbox")
public record SandboxProperties(@DefaultValue("http://localhost:8089") String publicUrl, @DefaultValue HubSpot hubspot,
                                @DefaultValue Salesforce salesforce, @DefaultValue Eloqua eloqua) {

  /**
   * @param token          the private-app token the connector must present
   * @param clientSecret   the app secret that signs webhooks (v3)
   * @param webhookUrl     where deal events are delivered; empty = no webhooks
   * @param requestsPer10s the rolling limit (100 = Free/Starter)
   * @param requestsPerDay the daily limit
   */
  public record HubSpot(String token, String clientSecret, String webhookUrl, @DefaultValue("100") int requestsPer10s,
                        @DefaultValue("250000") long requestsPerDay) {
  }

  /**
   * @param clientId       the connected app (client credentials)
   * @param clientSecret   its secret
   * @param organizationId the org id carried by Outbound Messages
   * @param outboundUrl    where Outbound Messages for won opportunities go; empty = none
   * @param dailyRequests  the org's daily API allocation (Sforce-Limit-Info)
   */
  public record Salesforce(String clientId, String clientSecret, @DefaultValue("00D5g000004SANDBOX") String organizationId,
                           String outboundUrl, @DefaultValue("100000") long dailyRequests) {
  }

  /**
   * @param company        site name for Basic ({@code Company\User})
   * @param username       integration user
   * @param password       its password
   */
  public record Eloqua(@DefaultValue("OnrampSandbox") String company, @DefaultValue("onramp.api") String username, String password) {
  }
}
