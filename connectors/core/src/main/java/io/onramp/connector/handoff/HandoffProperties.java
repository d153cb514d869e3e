package io.onramp.connector.handoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url      handoff-service, where closed-won deals become handoff drafts
 * @param user     its API account without Keycloak (from the environment)
 * @param password its password (from the environment)
 * @param pageUrl  the handoff page as people reach it (through the gateway), for the links written into CRMs
 */
@ConfigurationProperties("onramp.connector.handoff")
public record HandoffProperties(@DefaultValue("http://localhost:8082") String url, String user, String password,
                                @DefaultValue("http://localhost:8080/handoffs/") String pageUrl) {

  /** The page of one handoff: {@code <pageUrl>?handoff=<id>}. */
  public String link(String handoffId) {
    return pageUrl + (pageUrl.endsWith("/") ? "" : "/") + "?handoff=" + java.net.URLEncoder.encode(handoffId, java.nio.charset.StandardCharsets.UTF_8);
  }
}
