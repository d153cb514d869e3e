package io.onramp.sandbox.salesforce;

import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Rec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the connector reads: one sObject with the fields it names, and the two SOQL queries it sends (an
 * opportunity's contact roles with their contacts, its products) with relationships as nested records.
 */
final class SalesforceReads {

  private static final Pattern CONTACT_ROLES = Pattern.compile(
      "SELECT Role, Contact\\.FirstName, Contact\\.LastName, Contact\\.Email, Contact\\.Phone FROM OpportunityContactRole "
          + "WHERE OpportunityId = '(\\w+)'");
  private static final Pattern LINE_ITEMS = Pattern.compile("SELECT Product2\\.Name FROM OpportunityLineItem WHERE OpportunityId = '(\\w+)'");

  private final SalesforceRecords records;

  SalesforceReads(SalesforceRecords records) {
    this.records = records;
  }

  /** {@code GET /sobjects/{type}/{id}?fields=…}. */
  Answer sObject(String type, String id, String fieldList) {
    Rec rec = records.get(id);
    if (rec == null || !rec.type.equals(type)) {
      return SalesforceSim.notFound();
    }
    String fields = fieldList != null ? fieldList : String.join(",", SalesforceRecords.FIELDS.get(rec.type));
    Map<String, Object> json = SalesforceRecords.attributes(rec);
    for (String field : fields.split(",")) {
      if (field.equals("Id")) continue;
      if (!SalesforceRecords.FIELDS.get(rec.type).contains(field)) {
        return Answer.json(400, List.of(Map.of("errorCode", "INVALID_FIELD", "message", "No such column '" + field + "' on entity '"
            + rec.type + "'.")));
      }
      json.put(field, SalesforceRecords.typed(field, rec.fields.get(field)));
    }
    return Answer.json(200, json);
  }

  /** {@code GET /query?q=…}: only the queries Onramp sends. */
  Answer query(String soql) {
    Matcher products = LINE_ITEMS.matcher(soql);
    if (products.matches()) {
      return lineItems(products.group(1));
    }
    Matcher roles = CONTACT_ROLES.matcher(soql);
    if (!roles.matches()) {
      return Answer.json(400, List.of(Map.of("errorCode", "MALFORMED_QUERY", "message", "the sandbox answers only the queries Onramp sends")));
    }
    List<Object> rows = new ArrayList<>();
    for (Rec role : records.where("OpportunityContactRole", "OpportunityId", roles.group(1))) {
      Rec contact = records.get(role.fields.get("ContactId"));
      Map<String, Object> row = SalesforceRecords.attributes(role);
      row.put("Role", role.fields.get("Role"));
      Map<String, Object> c = SalesforceRecords.attributes(contact);
      for (String f : List.of("FirstName", "LastName", "Email", "Phone")) c.put(f, contact.fields.get(f));
      row.put("Contact", c);
      rows.add(row);
    }
    return result(rows);
  }

  private Answer lineItems(String opportunityId) {
    List<Object> rows = new ArrayList<>();
    for (Rec item : records.where("OpportunityLineItem", "OpportunityId", opportunityId)) {
      Map<String, Object> row = SalesforceRecords.attributes(item);
      Rec product = records.get(item.fields.get("Product2Id"));
      Map<String, Object> p = SalesforceRecords.attributes(product);
      p.put("Name", product.fields.get("Name"));
      row.put("Product2", p);
      rows.add(row);
    }
    return result(rows);
  }

  private static Answer result(List<Object> rows) {
    return Answer.json(200, Map.of("totalSize", rows.size(), "done", true, "records", rows));
  }
}
