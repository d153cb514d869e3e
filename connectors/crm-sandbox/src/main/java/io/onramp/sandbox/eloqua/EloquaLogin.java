package io.onramp.sandbox.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Call;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who may call the instance: the integration user by HTTP Basic ({@code Company\\User:password}), or an OAuth app's
 * access token. The refresh grant authenticates the app with Basic and takes JSON; each refresh token works once and
 * a new one is issued with the access token.
 */
final class EloquaLogin {

  private final EloquaData data;
  private final String basic;
  private final String oauthClient;
  String accessToken;
  String refreshToken;

  /** {@code password} null: no Basic; {@code oauthClient} ({@code clientId:clientSecret}) null: no OAuth. */
  EloquaLogin(EloquaData data, String company, String username, String password, String oauthClient) {
    this.data = data;
    this.basic = password == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (company + "\\" + username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.oauthClient = oauthClient == null ? null : "Basic " + Base64.getEncoder().encodeToString(oauthClient.getBytes(StandardCharsets.UTF_8));
  }

  void clear() {
    accessToken = null;
    refreshToken = null;
  }

  boolean authorized(String header) {
    return header != null && (header.equals(basic) || (accessToken != null && header.equals("Bearer " + accessToken)));
  }

  /** {@code POST /auth/oauth2/token}. */
  Answer token(Call call) {
    if (oauthClient == null || !oauthClient.equals(call.header("Authorization"))) {
      return Answer.json(401, "{\"error\":\"invalid_client\"}");
    }
    JsonNode body = call.json();
    if (!body.path("grant_type").asText().equals("refresh_token") || !body.path("refresh_token").asText().equals(refreshToken)) {
      return Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token is not valid\"}");
    }
    accessToken = "access-" + data.next();
    refreshToken = "refresh-" + data.next();                 // the old refresh token dies here
    return Answer.json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\",\"expires_in\":28800,"
        + "\"refresh_token\":\"" + refreshToken + "\"}");
  }
}
