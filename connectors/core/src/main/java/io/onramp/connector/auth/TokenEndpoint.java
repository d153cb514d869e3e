package io.onramp.connector.auth;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * How a connector talks to a CRM's token endpoint, for Spring Security's token response clients: a form (or a JSON
 * document) out, an OAuth token response in, an OAuth error answer as an {@code OAuth2AuthorizationException}; five
 * seconds to connect and fifteen to answer, so a silent endpoint never holds a sync round.
 */
public final class TokenEndpoint {

  private TokenEndpoint() {
  }

  public static RestClient client() {
    return client(new DefaultMapOAuth2AccessTokenResponseConverter());
  }

  /** @param answers reads the token endpoint's answer (a vendor's extra or missing fields) */
  public static RestClient client(Converter<Map<String, Object>, OAuth2AccessTokenResponse> answers) {
    OAuth2AccessTokenResponseHttpMessageConverter tokens = new OAuth2AccessTokenResponseHttpMessageConverter();
    tokens.setAccessTokenResponseConverter(answers);
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
    requests.setReadTimeout(Duration.ofSeconds(15));
    return RestClient.builder().requestFactory(requests)
        .messageConverters(converters -> {
          converters.clear();
          converters.add(new FormHttpMessageConverter());
          converters.add(tokens);
          converters.add(new MappingJackson2HttpMessageConverter());
        })
        .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build();
  }
}
