package io.onramp.connector.salesforce.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.onramp.connector.handoff.ClosedWonEvents;
import io.onramp.connector.usage.UsageEvent;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code POST /webhooks/salesforce}: the Outbound Message listener (SOAP 1.1, up to 100
 * notifications). The organization id must be ours; a won opportunity becomes a handoff draft once
 * per notification id, for every replica and across restarts ({@link ClosedWonEvents}). Only when every notification is handled does it answer
 * {@code <Ack>true</Ack>}; otherwise a SOAP fault, and Salesforce delivers again (for up to 24 h).
 * Malformed XML gets a fault and creates nothing. An Account notification with product-usage fields is passed on to
 * engine-service ({@link UsageOnAccounts}).
 */
@RestController
class OutboundMessageController {

  static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
  static final String SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";
  private static final String ACK = """
      <?xml version="1.0" encoding="UTF-8"?>
      <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>\
      <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>\
      </soapenv:Body></soapenv:Envelope>""";
  private static final Logger log = LoggerFactory.getLogger(OutboundMessageController.class);

  private final WonOpportunities opportunities;
  private final OutboundProperties properties;
  private final ClosedWonEvents events;
  private final MeterRegistry metrics;
  private final UsageOnAccounts usage;

  OutboundMessageController(WonOpportunities opportunities, ClosedWonEvents events, OutboundProperties properties,
                            MeterRegistry metrics, UsageOnAccounts usage) {
    this.usage = usage;
    if (properties.organizationId() == null || properties.organizationId().length() < 15) {
      throw new IllegalStateException("ONRAMP_SALESFORCE_ORGANIZATION_ID must be the org's 15- or 18-character id");
    }
    this.opportunities = opportunities;
    this.events = events;
    this.properties = properties;
    this.metrics = metrics;
  }

  @PostMapping(path = "/webhooks/salesforce", produces = MediaType.TEXT_XML_VALUE)
  ResponseEntity<String> receive(@RequestBody(required = false) byte[] body) {
    Document message;
    try {
      message = parse(body == null ? new byte[0] : body);
    } catch (Exception e) {
      return refused("malformed", "Client", "the body is not a SOAP Outbound Message: " + e.getMessage());
    }
    String organization = text(message.getDocumentElement(), OUTBOUND_NS, "OrganizationId");
    if (organization == null || !organization.regionMatches(0, properties.organizationId(), 0, 15)) {
      return refused("organization", "Client", "messages from organization " + organization + " are not accepted");
    }
    NodeList notifications = message.getElementsByTagNameNS(OUTBOUND_NS, "Notification");
    List<UsageEvent> used = new ArrayList<>();
    for (int i = 0; i < notifications.getLength(); i++) {
      Element notification = (Element) notifications.item(i);
      String id = text(notification, OUTBOUND_NS, "Id");
      if (id == null) {
        continue;
      }
      Element sObject = (Element) notification.getElementsByTagNameNS(OUTBOUND_NS, "sObject").item(0);
      if (sObject != null) {
        used.addAll(usage.of(id, sObject, Instant.now()));
      }
      String opportunityId = sObject == null ? null : text(sObject, SOBJECT_NS, "Id");
      if (opportunityId != null && opportunityId.startsWith("006") && "true".equals(text(sObject, SOBJECT_NS, "IsWon"))) {
        try {
          events.handleOnce("salesforce", id, () -> opportunities.draftHandoff(opportunityId));
        } catch (RuntimeException e) {
          log.warn("won opportunity {} (notification {}) not turned into a handoff yet: {}", opportunityId, id, e.getMessage());
          return refused("failed", "Server", "the handoff could not be created yet; deliver again");
        }
      }
    }
    try {
      usage.send(used);                 // engine-service stores each event id once: a redelivery is harmless
    } catch (RuntimeException e) {
      log.warn("{} product-usage events not passed on yet: {}", used.size(), e.getMessage());
      return refused("failed", "Server", "product usage could not be passed on yet; deliver again");
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(ACK);
  }

  private ResponseEntity<String> refused(String reason, String faultCode, String text) {
    metrics.counter("onramp.webhook.rejected", "crm", "salesforce", "reason", reason).increment();
    log.warn("Salesforce Outbound Message refused: {}", text);
    String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return ResponseEntity.status(500).contentType(MediaType.TEXT_XML).body("""
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>\
        <faultcode>soapenv:%s</faultcode><faultstring>%s</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>"""
        .formatted(faultCode, escaped));
  }

  /** Namespace-aware, no DTDs, no external entities. */
  private static Document parse(byte[] body) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
  }

  private static String text(Element parent, String namespace, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(namespace, name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
