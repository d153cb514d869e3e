package io.onramp.connector.eloqua;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.onramp.sandbox.Answer;
import io.onramp.sandbox.Call;
import io.onramp.sandbox.eloqua.EloquaSim;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CRM sandbox's Eloqua ({@link EloquaSim}, the same the local stack runs) behind WireMock, so
 * that a test can also verify the requests: company AcmeCorp, user onramp.api, OAuth app onramp-app.
 */
public class FakeEloqua extends EloquaSim implements ResponseDefinitionTransformerV2 {

  public static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("AcmeCorp\\onramp.api:test-only".getBytes(StandardCharsets.UTF_8));

  public FakeEloqua() {
    super("AcmeCorp", "onramp.api", "test-only", "onramp-app:test-only-secret", "https://secure.p01.eloqua.example");
  }

  @Override
  public String getName() {
    return "fake-eloqua";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String[] url = request.getUrl().split("\\?", 2);
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpHeader header : request.getHeaders().all()) {
      headers.put(header.key().toLowerCase(Locale.ROOT), header.firstValue());
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
    Answer answer;
    try {
      answer = handle(new Call(request.getMethod().getName(), url[0], query(url.length > 1 ? url[1] : null), headers, body));
    } catch (Call.BadRequest e) {
      answer = Answer.json(400, "{\"type\":\"Error\",\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}");
    }
    ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(answer.status()).withBody(answer.body());
    if (answer.contentType() != null) {
      response.withHeader("Content-Type", answer.contentType());
    }
    answer.headers().forEach(response::withHeader);
    return response.build();
  }

  private static Map<String, String> query(String query) {
    Map<String, String> values = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return values;
  }
}
