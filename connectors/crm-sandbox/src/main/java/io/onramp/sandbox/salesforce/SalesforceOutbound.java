package io.onramp.sandbox.salesforce;

import io.onramp.sandbox.Deliveries;
import io.onramp.sandbox.SandboxProperties;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Outbound Messages as a Flow's action sends them: SOAP 1.1 with the organization id and one
 * Notification carrying the opportunity, retried until the listener answers {@code <Ack>true</Ack>}.
 */
@Component
class SalesforceOutbound {

  private final SandboxProperties.Salesforce org;
  private final Deliveries deliveries;
  private final AtomicLong notificationIds = new AtomicLong();

  SalesforceOutbound(SandboxProperties properties, Deliveries deliveries) {
    this.org = properties.salesforce();
    this.deliveries = deliveries;
  }

  String opportunityWon(String opportunityId, String stage) {
    if (org.outboundUrl() == null || org.outboundUrl().isBlank()) {
      return "no Outbound Message configured (onramp.sandbox.salesforce.outbound-url)";
    }
    String notificationId = "04l5g00000" + String.format("%08d", notificationIds.incrementAndGet());
    String body = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>\
        <notifications xmlns="http://soap.sforce.com/2005/09/outbound">\
        <OrganizationId>%s</OrganizationId><ActionId>04k5g000000SANDBOX</ActionId>\
        <SessionId xsi:nil="true"/><EnterpriseUrl>https://sandbox.invalid/services/Soap/c/62.0</EnterpriseUrl>\
        <PartnerUrl>https://sandbox.invalid/services/Soap/u/62.0</PartnerUrl>\
        <Notification><Id>%s</Id><sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">\
        <sf:Id>%s</sf:Id><sf:IsWon>true</sf:IsWon><sf:StageName>%s</sf:StageName></sObject></Notification>\
        </notifications></soapenv:Body></soapenv:Envelope>""".formatted(org.organizationId(), notificationId, opportunityId, stage);
    deliveries.send("Salesforce Outbound Message " + notificationId + " for won opportunity " + opportunityId,
        attempt -> HttpRequest.newBuilder(URI.create(org.outboundUrl())).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        response -> response.statusCode() == 200 && response.body().contains("<Ack>true</Ack>"));
    return "sent";
  }
}
