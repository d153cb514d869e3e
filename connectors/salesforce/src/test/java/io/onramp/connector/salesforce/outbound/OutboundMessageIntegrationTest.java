package io.onramp.connector.salesforce.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.onramp.connector.testing.HandoffServiceStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Salesforce Outbound Messages as Salesforce sends them: SOAP in, Ack or fault out, one handoff per won opportunity. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OutboundMessageIntegrationTest {

  static final WireMockServer salesforce = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final WireMockServer handoffService = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  /** engine-service, for product usage. */
  static final WireMockServer engine = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    salesforce.start();
    handoffService.start();
    engine.start();
  }

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("onramp.salesforce.login-url", salesforce::baseUrl);
    registry.add("onramp.connector.handoff.url", handoffService::baseUrl);
    registry.add("onramp.connector.engine-url", engine::baseUrl);
    registry.add("onramp.connector.handoff.page-url", () -> "https://onramp.acme.example/handoffs/");
    registry.add("onramp.salesforce.owner-ids.sam", () -> "005000000000777AAA");
  }

  @BeforeEach
  void stubs() {
    salesforce.resetAll();
    handoffService.resetAll();
    salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson(
        "{\"access_token\":\"session-1\",\"instance_url\":\"" + salesforce.baseUrl() + "\",\"token_type\":\"Bearer\"}")));
    salesforce.stubFor(get(urlPathEqualTo("/services/data/v62.0/sobjects/Opportunity/006000000000042AAA")).willReturn(okJson("""
        {"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/006000000000042AAA"},
         "Id":"006000000000042AAA","Name":"Acme - Platform","Amount":120000.0,"CloseDate":"2026-11-20","IsWon":true,
         "AccountId":"001000000000042AAA","OwnerId":"005000000000777AAA"}""")));
    salesforce.stubFor(get(urlPathEqualTo("/services/data/v62.0/sobjects/Account/001000000000042AAA")).willReturn(okJson("""
        {"attributes":{"type":"Account"},"Name":"Acme Analytics","Website":"https://www.acme.example/about"}""")));
    salesforce.stubFor(get(urlPathEqualTo("/services/data/v62.0/query")).withQueryParam("q", containing("FROM OpportunityContactRole"))
        .willReturn(okJson("""
            {"totalSize":3,"done":true,"records":[
              {"attributes":{"type":"OpportunityContactRole"},"Role":"Executive Sponsor",
               "Contact":{"attributes":{"type":"Contact"},"FirstName":"Dana","LastName":"Reyes","Email":"dana@acme.example","Phone":null}},
              {"attributes":{"type":"OpportunityContactRole"},"Role":"Technical Buyer",
               "Contact":{"attributes":{"type":"Contact"},"FirstName":"Lee","LastName":"Park","Email":"lee@acme.example","Phone":null}},
              {"attributes":{"type":"OpportunityContactRole"},"Role":"Influencer",
               "Contact":{"attributes":{"type":"Contact"},"FirstName":"No","LastName":"Email","Email":null,"Phone":null}}]}""")));
    salesforce.stubFor(get(urlPathEqualTo("/services/data/v62.0/query")).withQueryParam("q", containing("FROM OpportunityLineItem"))
        .willReturn(okJson("""
            {"totalSize":2,"done":true,"records":[
              {"attributes":{"type":"OpportunityLineItem"},"Product2":{"attributes":{"type":"Product2"},"Name":"Reports"}},
              {"attributes":{"type":"OpportunityLineItem"},"Product2":{"attributes":{"type":"Product2"},"Name":"Connectors"}}]}""")));
    handoffService.stubFor(post(urlPathEqualTo("/api/handoffs")).willReturn(okJson("{\"id\":\"H-9\",\"status\":\"DRAFT\"}").withStatus(201)));
    HandoffServiceStub.recordsEvents(handoffService);
    // the owner's task (upsert on the external id) and the opportunity's link: sObject Collections answer per record
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects/Task/Onboarding_Task_Key__c")).willReturn(okJson("""
        [{"id":"00T000000000901AAA","success":true,"errors":[],"created":true}]""")));
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/composite/sobjects")).willReturn(okJson("""
        [{"id":"006000000000042AAA","success":true,"errors":[]}]""")));
  }

  @Test
  void shouldAcknowledgeAndCreateOneHandoffPreFilledWithTheContactRoles() throws Exception {
    HandoffServiceStub.remembers(handoffService, "salesforce", "04l000000000001AAA");
    String message = message("00D000000000001EAA", notification("04l000000000001AAA", "006000000000042AAA", true)
        + notification("04l000000000002AAA", "006000000000043AAA", false));

    HttpResponse<String> first = send(message);
    HttpResponse<String> again = send(message);          // delivered again: at least once

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("<Ack>true</Ack>");
    assertThat(again.body()).contains("<Ack>true</Ack>");
    handoffService.verify(1, postRequestedFor(urlPathEqualTo("/api/handoffs"))
        .withRequestBody(matchingJsonPath("$.account.name", equalTo("Acme Analytics")))
        .withRequestBody(matchingJsonPath("$.account.domain", equalTo("acme.example")))
        .withRequestBody(matchingJsonPath("$.crm.salesforceOpportunityId", equalTo("006000000000042AAA")))
        .withRequestBody(matchingJsonPath("$.crm.salesforceAccountId", equalTo("001000000000042AAA")))
        .withRequestBody(matchingJsonPath("$.arr", equalTo("120000.0")))
        .withRequestBody(matchingJsonPath("$.closedWonDate", equalTo("2026-11-20")))
        .withRequestBody(matchingJsonPath("$.stakeholders[0].role", equalTo("EXECUTIVE_SPONSOR")))
        .withRequestBody(matchingJsonPath("$.stakeholders[1].role", equalTo("ADMIN")))
        .withRequestBody(matchingJsonPath("$.stakeholders.length()", equalTo("2")))
        .withRequestBody(matchingJsonPath("$.products[0].name", equalTo("Reports")))          // the opportunity's line items
        .withRequestBody(matchingJsonPath("$.products[1].name", equalTo("Connectors")))
        .withQueryParam("owner", equalTo("sam")));
    String link = "https://onramp.acme.example/handoffs/?handoff=H-9";
    salesforce.verify(1, patchRequestedFor(urlPathEqualTo("/services/data/v62.0/composite/sobjects/Task/Onboarding_Task_Key__c"))
        .withRequestBody(matchingJsonPath("$.records[0].Onboarding_Task_Key__c", equalTo("handoff-H-9")))
        .withRequestBody(matchingJsonPath("$.records[0].WhatId", equalTo("006000000000042AAA")))
        .withRequestBody(matchingJsonPath("$.records[0].OwnerId", equalTo("005000000000777AAA")))
        .withRequestBody(matchingJsonPath("$.records[0].Description", containing(link))));
    salesforce.verify(1, patchRequestedFor(urlPathEqualTo("/services/data/v62.0/composite/sobjects"))
        .withRequestBody(matchingJsonPath("$.records[0].id", equalTo("006000000000042AAA")))
        .withRequestBody(matchingJsonPath("$.records[0].Onboarding_Handoff_URL__c", equalTo(link))));
    // the redelivery is recognised by handoff-service's record (shared by every replica): Salesforce is not read again
    salesforce.verify(1, getRequestedFor(urlPathEqualTo("/services/data/v62.0/sobjects/Opportunity/006000000000042AAA")));
    handoffService.verify(1, putRequestedFor(urlPathEqualTo("/api/crm-events/salesforce/04l000000000001AAA"))
        .withRequestBody(matchingJsonPath("$.handoffId", equalTo("H-9"))));
  }

  @Test
  void shouldRefuseMessagesFromAnotherOrganization() throws Exception {
    HttpResponse<String> response = send(message("00D999999999999EAA", notification("04l000000000003AAA", "006000000000042AAA", true)));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("<faultcode>soapenv:Client</faultcode>").doesNotContain("<Ack>");
    assertThat(salesforce.getAllServeEvents()).isEmpty();
    assertThat(handoffService.getAllServeEvents()).isEmpty();
  }

  @Test
  void shouldAnswerMalformedXmlWithAFaultAndCreateNothing() throws Exception {
    for (String bad : new String[] {"<soapenv:Envelope><unclosed>", "{\"json\":true}",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"}) {
      HttpResponse<String> response = send(bad);
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).contains("<faultcode>soapenv:Client</faultcode>").doesNotContain("root:");
    }
    assertThat(handoffService.getAllServeEvents()).isEmpty();
  }

  @Test
  void shouldAskSalesforceToDeliverAgainWhileTheHandoffCannotBeCreated() throws Exception {
    handoffService.stubFor(post(urlPathEqualTo("/api/handoffs")).willReturn(okJson("{}").withStatus(503)));
    String message = message("00D000000000001", notification("04l000000000004AAA", "006000000000042AAA", true));
    assertThat(send(message).body()).contains("<faultcode>soapenv:Server</faultcode>");
    handoffService.verify(0, putRequestedFor(urlPathEqualTo("/api/crm-events/salesforce/04l000000000004AAA")));

    handoffService.stubFor(post(urlPathEqualTo("/api/handoffs")).willReturn(okJson("{\"id\":\"H-9\"}").withStatus(201)));
    assertThat(send(message).body()).contains("<Ack>true</Ack>");
    handoffService.verify(1, putRequestedFor(urlPathEqualTo("/api/crm-events/salesforce/04l000000000004AAA")));
  }

  @Test
  void shouldPassProductUsageOnAnAccountOnToTheEngineAndAskForRedeliveryWhenItCannotTakeIt() throws Exception {
    engine.resetAll();
    engine.stubFor(post(urlPathEqualTo("/api/usage/events")).willReturn(okJson("{\"accepted\":2}")));
    String message = message("00D000000000001", """
        <Notification>
         <Id>04l000000000009AAA</Id>
         <sObject xsi:type="sf:Account" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
          <sf:Id>001000000000042AAA</sf:Id>
          <sf:Name>Acme Analytics</sf:Name>
          <sf:Onramp_Active_Users__c>7</sf:Onramp_Active_Users__c>
          <sf:Onramp_Activated_At__c>2025-12-02T09:30:00.000Z</sf:Onramp_Activated_At__c>
         </sObject>
        </Notification>""");

    assertThat(send(message).body()).contains("<Ack>true</Ack>");

    engine.verify(1, postRequestedFor(urlPathEqualTo("/api/usage/events"))
        .withRequestBody(matchingJsonPath("$.events.length()",
            equalTo("2")))
        .withRequestBody(containing("\"eventId\":\"salesforce-04l000000000009AAA-Onramp_Active_Users__c\""))
        .withRequestBody(containing("\"salesforceAccountId\":\"001000000000042AAA\""))
        .withRequestBody(containing("\"kind\":\"ACTIVATED\"")).withRequestBody(containing("2025-12-02T09:30:00Z")));
    handoffService.verify(0, postRequestedFor(urlPathEqualTo("/api/handoffs")));

    engine.stubFor(post(urlPathEqualTo("/api/usage/events")).willReturn(okJson("{}").withStatus(503)));
    assertThat(send(message).body()).as("Salesforce delivers again; the engine keeps each event id once")
        .contains("<faultcode>soapenv:Server</faultcode>");
  }

  private HttpResponse<String> send(String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/salesforce"))
        .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String message(String organizationId, String notifications) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>%s</OrganizationId>
           <ActionId>04k000000000001AAA</ActionId>
           <SessionId xsi:nil="true"/>
           <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/62.0/00D000000000001</EnterpriseUrl>
           <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/62.0/00D000000000001</PartnerUrl>
           %s
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>""".formatted(organizationId, notifications);
  }

  private static String notification(String id, String opportunityId, boolean won) {
    return """
        <Notification>
         <Id>%s</Id>
         <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
          <sf:Id>%s</sf:Id>
          <sf:IsWon>%s</sf:IsWon>
          <sf:StageName>%s</sf:StageName>
         </sObject>
        </Notification>""".formatted(id, opportunityId, won, won ? "Closed Won" : "Negotiation/Review");
  }
}
