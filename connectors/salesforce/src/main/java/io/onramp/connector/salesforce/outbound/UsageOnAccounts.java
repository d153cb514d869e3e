package io.onramp.connector.salesforce.outbound;

import io.onramp.connector.usage.UsageApi;
import io.onramp.connector.usage.UsageEvent;
import io.onramp.connector.usage.UsageFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Product usage on Salesforce Accounts: an Outbound Message notification for an Account carrying configured usage fields
 * ({@code onramp.salesforce.outbound.usage-fields}, field → usage kind) becomes one usage event per field, idempotent by
 * the notification id and field, sent to engine-service for the account's onboarding.
 */
@Component
class UsageOnAccounts {

  private final UsageFields fields;
  private final UsageApi engine;

  UsageOnAccounts(OutboundProperties properties, UsageApi engine) {
    this.fields = new UsageFields(properties.usageFields());
    this.engine = engine;
  }

  List<UsageEvent> of(String notificationId, Element sObject, Instant receivedAt) {
    List<UsageEvent> events = new ArrayList<>();
    String accountId = field(sObject, "Id");
    if (accountId == null || !accountId.startsWith("001")) {
      return events;
    }
    for (Node child = sObject.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element field && OutboundMessageController.SOBJECT_NS.equals(field.getNamespaceURI())
          && fields.reports(field.getLocalName())) {
        fields.event("salesforce-" + notificationId + "-" + field.getLocalName(), null, accountId, field.getLocalName(),
            field.getTextContent().trim(), receivedAt).ifPresent(events::add);
      }
    }
    return events;
  }

  void send(List<UsageEvent> events) {
    if (!events.isEmpty()) {
      engine.send(new UsageApi.Batch(events));
    }
  }

  private static String field(Element sObject, String name) {
    var nodes = sObject.getElementsByTagNameNS(OutboundMessageController.SOBJECT_NS, name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
