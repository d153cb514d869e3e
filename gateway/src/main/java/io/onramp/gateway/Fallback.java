package io.onramp.gateway;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a caller gets while a service is down or too slow: a plain 503 that says who and when to retry. */
@RestController
class Fallback {

  @RequestMapping("/fallback/{service}")
  ResponseEntity<ProblemDetail> unavailable(@PathVariable String service) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        service + " is not answering right now; nothing was lost on our side — try again in a minute");
    problem.setTitle("Service unavailable");
    problem.setType(URI.create("https://onramp.example/problems/service-unavailable"));
    problem.setProperty("service", service);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30").body(problem);
  }
}
