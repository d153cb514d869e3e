package io.onramp.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param engineUrl        engine-service (onboardings, insights, engine REST, webapps)
 * @param handoffUrl       handoff-service
 * @param hubspotUrl       the HubSpot connector (webhooks)
 * @param salesforceUrl    the Salesforce connector (Outbound Messages)
 * @param audience         the audience every API token must carry
 * @param maxRequest       largest request body for APIs
 * @param maxDeployment    largest deployment upload (BPMN, DMN, forms)
 * @param webhooksPerMinute webhook calls a sender address may make per minute before 429s
 * @param trustedProxies   CIDRs of the proxies in front of the gateway (the ingress controller) whose
 *                         {@code X-Forwarded-For} names the real sender; empty: the connection's peer is the sender
 * @param downstreamTimeout how long a downstream may take to answer before the fallback answers
 * @param clockSkew        how far token expiry may be off between Keycloak's clock and ours
 * @param allowedQueryExpressions the exact expressions a task query or filter body may carry through the gateway (Tasklist's
 *                         own filter expressions; engine-service holds the same list and is the real check)
 */
@ConfigurationProperties("onramp.gateway")
public record GatewayProperties(@DefaultValue("http://localhost:8081") String engineUrl,
                                @DefaultValue("http://localhost:8082") String handoffUrl,
                                @DefaultValue("http://localhost:8083") String hubspotUrl,
                                @DefaultValue("http://localhost:8084") String salesforceUrl,
                                @DefaultValue("onramp-api") String audience,
                                @DefaultValue("1MB") DataSize maxRequest,
                                @DefaultValue("10MB") DataSize maxDeployment,
                                @DefaultValue("600") int webhooksPerMinute,
                                @DefaultValue("") java.util.List<String> trustedProxies,
                                @DefaultValue("30s") Duration downstreamTimeout,
                                @DefaultValue("30s") Duration clockSkew,
                                @DefaultValue({"${currentUser()}", "${currentUserGroups()}", "${now()}", "${dateTime()}",
                                    "${dateTime().plusDays(1)}", "${dateTime().plusDays(7)}", "${dateTime().minusDays(1)}",
                                    "${dateTime().minusDays(7)}"}) java.util.List<String> allowedQueryExpressions) {
}
