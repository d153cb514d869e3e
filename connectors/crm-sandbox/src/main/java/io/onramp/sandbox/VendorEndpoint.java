package io.onramp.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every vendor API call: {@code /hubspot/**}, {@code /salesforce/**}, {@code /eloqua/**} — faults first, then the vendor. */
@RestController
class VendorEndpoint {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VendorEndpoint.class);

  private final Map<String, Vendor> vendors;
  private final Faults faults;

  VendorEndpoint(List<Vendor> vendors, Faults faults) {
    this.vendors = vendors.stream().collect(Collectors.toMap(Vendor::name, Function.identity()));
    this.faults = faults;
  }

  @RequestMapping({"/hubspot/**", "/salesforce/**", "/eloqua/**"})
  ResponseEntity<String> call(HttpServletRequest request) throws IOException, InterruptedException {
    byte[] body = request.getInputStream().readAllBytes();
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    String name = uri.substring(1, uri.indexOf('/', 1));
    Vendor vendor = vendors.get(name);
    Call call = new Call(request.getMethod(), uri.substring(name.length() + 1), query(request.getQueryString()), headers(request), body);
    Answer answer = faulted(vendor, call);
    if (answer == null) {
      try {
        answer = vendor.handle(call);
      } catch (Call.BadRequest e) {
        answer = Answer.json(400, Map.of("message", e.getMessage()));
      }
    }
    if (answer.status() >= 400 && answer.status() != 429) {
      log.info("{} {} {} -> {} {}", name, call.method(), call.path(), answer.status(),
          answer.body().length() > 500 ? answer.body().substring(0, 500) + "…" : answer.body());
    }
    HttpHeaders headers = new HttpHeaders();
    answer.headers().forEach(headers::add);
    if (answer.contentType() != null) {
      headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
    }
    return ResponseEntity.status(answer.status()).headers(headers).body(answer.body());
  }

  private Answer faulted(Vendor vendor, Call call) throws InterruptedException {
    Faults.Fault fault = faults.current(vendor.name());
    if (fault == null) {
      return null;
    }
    faults.hit(vendor.name());
    switch (fault.kind()) {
      case UNAVAILABLE -> {
        return Answer.text(503, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>");
      }
      case RATE_LIMITED -> {
        return vendor instanceof RateLimited limited ? limited.refusal() : Answer.text(429, "text/plain", "Too Many Requests");
      }
      case TIMEOUT -> {
        Thread.sleep(fault.delayMs());        // the fault itself: the call hangs past the client's read timeout
        return Answer.text(504, "text/html", "<html><body><h1>504 Gateway Time-out</h1></body></html>");
      }
      case LATENCY -> {
        Thread.sleep(fault.delayMs());        // the fault itself: a slow vendor
        return null;
      }
      default -> throw new IllegalStateException(fault.kind().name());
    }
  }

  private static Map<String, String> query(String queryString) {
    if (queryString == null || queryString.isEmpty()) {
      return Map.of();
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : queryString.split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return query;
  }

  private static Map<String, String> headers(HttpServletRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
    }
    return headers;
  }

}
