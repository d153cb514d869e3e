package io.onramp.connector.hubspot;

import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl          HubSpot API base (a sandbox or stub in tests)
 * @param accessToken      private-app token, from the environment (or use the OAuth fields)
 * @param oauthClientId    OAuth app client id, with the client secret and a refresh token, when no private-app token is set
 * @param oauthClientSecret OAuth app client secret (from the environment)
 * @param oauthRefreshToken the account's refresh token (from the environment)
 * @param requestsPer10s   the account's rolling limit: 100 (Free/Starter), 190 (Pro/Enterprise), 250 (add-on)
 * @param requestsPerDay   the account's daily limit (250k / 650k / 1M)
 * @param account          names the HubSpot account (portal) whose limits every replica of this connector shares
 *                         through engine-service; connectors for different portals name theirs
 * @param dayZone          the account's time zone, where HubSpot's day starts
 * @param syncCompany      also write stage and health to the linked company
 * @param ownerIds         Camunda user id → HubSpot owner id, so a mirrored task lands with its owner
 */
@ConfigurationProperties("onramp.hubspot")
public record HubSpotProperties(@DefaultValue("https://api.hubapi.com") String baseUrl, String accessToken,
                                String oauthClientId, String oauthClientSecret, String oauthRefreshToken,
                                @DefaultValue("100") int requestsPer10s, @DefaultValue("250000") long requestsPerDay,
                                @DefaultValue("default") String account, @DefaultValue("UTC") ZoneId dayZone,
                                @DefaultValue("false") boolean syncCompany, Map<String, String> ownerIds) {

  public HubSpotProperties {
    ownerIds = ownerIds == null ? Map.of() : Map.copyOf(ownerIds);
  }
}
