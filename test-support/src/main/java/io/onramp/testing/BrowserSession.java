package io.onramp.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser, as far as single sign-on needs one: follows redirects itself and keeps cookies per host
 * (Secure ones too: the tests run on http://localhost, where browsers keep them as well), and fills
 * Keycloak's login form.
 */
public final class BrowserSession {

  private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"", Pattern.DOTALL);
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Map<String, String>> cookies = new HashMap<>();

  /** Opens {@code appUrl}, signs in at Keycloak's login page and follows the way back; returns the final page. */
  public HttpResponse<String> signIn(String appUrl, String username, String password) throws IOException, InterruptedException {
    HttpResponse<String> page = follow(get(appUrl));
    Matcher form = LOGIN_FORM.matcher(page.body());
    if (!form.find()) {
      throw new IllegalStateException("no Keycloak login form at " + page.uri() + " (" + page.statusCode() + ")");
    }
    String action = form.group(1).replace("&amp;", "&");
    return follow(post(action, "username=" + encode(username) + "&password=" + encode(password) + "&credentialId=",
        Map.of("Content-Type", "application/x-www-form-urlencoded")));
  }

  /** On Keycloak's "Grant access to …" page (a device login, a consent), answers yes; returns the page after. */
  public HttpResponse<String> grant(HttpResponse<String> consentPage) throws IOException, InterruptedException {
    Matcher form = Pattern.compile("<form[^>]*action=\"([^\"]*login-actions/consent[^\"]*)\"", Pattern.DOTALL).matcher(consentPage.body());
    Matcher code = Pattern.compile("name=\"code\" value=\"([^\"]+)\"").matcher(consentPage.body());
    if (!form.find() || !code.find()) {
      throw new IllegalStateException("no Keycloak consent form at " + consentPage.uri());
    }
    String action = consentPage.uri().resolve(form.group(1).replace("&amp;", "&")).toString();
    return follow(post(action, "code=" + encode(code.group(1)) + "&accept=Yes", Map.of("Content-Type", "application/x-www-form-urlencoded")));
  }

  public HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
  }

  public HttpResponse<String> post(String url, String body, Map<String, String> headers) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  /** Follows redirects (at most 10) the way a browser does: GET the Location, resolved against the current URL. */
  public HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
    for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
      String location = response.headers().firstValue("Location").orElseThrow();
      response = get(response.uri().resolve(location).toString());
    }
    return response;
  }

  /** A cookie this browser holds for {@code url}'s host, or null. */
  /** What a browser page of this session sends with its own API calls: its cookies and Camunda's XSRF token header. */
  public Map<String, String> sessionHeaders(String url) {
    Map<String, String> jar = cookies.getOrDefault(host(URI.create(url)), Map.of());
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
    if (jar.containsKey("XSRF-TOKEN")) {
      headers.put("X-XSRF-TOKEN", jar.get("XSRF-TOKEN"));
    }
    return headers;
  }

  public String cookie(String url, String name) {
    return cookies.getOrDefault(host(URI.create(url)), Map.of()).get(name);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
    Map<String, String> jar = cookies.getOrDefault(host(built.uri()), Map.of());
    HttpRequest.Builder withCookies = HttpRequest.newBuilder(built.uri()).timeout(Duration.ofSeconds(30))
        .method(built.method(), built.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
    headers.forEach(withCookies::header);
    if (!jar.isEmpty()) {
      withCookies.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response = http.send(withCookies.build(), HttpResponse.BodyHandlers.ofString());
    Map<String, String> stored = cookies.computeIfAbsent(host(built.uri()), h -> new HashMap<>());
    response.headers().allValues("Set-Cookie").forEach(c -> {
      String[] pair = c.split(";", 2)[0].split("=", 2);
      if (pair.length == 2) {
        if (pair[1].isEmpty() || c.toLowerCase().contains("max-age=0")) {
          stored.remove(pair[0]);
        } else {
          stored.put(pair[0], pair[1]);
        }
      }
    });
    return response;
  }

  private static String host(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
