package io.onramp.connector.salesforce.api;

import io.onramp.connector.sync.VendorError;
import com.fasterxml.jackson.databind.JsonNode;
import feign.RequestInterceptor;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.onramp.connector.sync.VendorAnswers;
import org.springframework.context.annotation.Bean;

/** The session's bearer token on every call; Salesforce's error arrays turned into {@link VendorError}. */
class SalesforceClientConfiguration {

  @Bean
  RequestInterceptor salesforceBearer(SalesforceSession session) {
    return request -> request.header("Authorization", "Bearer " + session.current().accessToken());
  }

  @Bean
  ErrorDecoder salesforceErrors(SalesforceBudget budget) {
    return (method, response) -> {
      budget.observe(VendorAnswers.header(response, "Sforce-Limit-Info"));
      return decode(response);
    };
  }

  static VendorError decode(Response response) {
    int status = response.status();
    JsonNode body = VendorAnswers.json(response);
    JsonNode first = body.isArray() && !body.isEmpty() ? body.get(0) : body;
    String code = first.path("errorCode").asText("");
    String message = "Salesforce " + status + (code.isEmpty() ? "" : " " + code) + ": " + first.path("message").asText(body.toString())
        + (first.has("fields") && !first.path("fields").isEmpty() ? " (fields " + first.path("fields") + ")" : "");
    if (status == 403 && "REQUEST_LIMIT_EXCEEDED".equals(code)) {
      return new VendorError(VendorError.Kind.DAY_SPENT, status, message, null);
    }
    return switch (status) {
      case 401 -> new VendorError(VendorError.Kind.AUTH, status, message, null);
      case 403 -> new VendorError(VendorError.Kind.AUTH, status, message, null);
      case 404 -> new VendorError(VendorError.Kind.NOT_FOUND, status, message, null);
      default -> status >= 500 ? new VendorError(VendorError.Kind.UNAVAILABLE, status, message, null)
          : new VendorError(VendorError.Kind.REJECTED, status, message, null);
    };
  }
}
