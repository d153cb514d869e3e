package io.onramp.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CVE-2026-109432 (Camunda 7.24 CE, no community patch): a task query's {@code orQueries} can carry
 * an expression the engine evaluates. Task queries and filters — through the engine REST API or
 * the webapps' own — whose {@code orQueries} hold {@code ${…}} or {@code #{…}} anywhere are refused
 * with 400 here, for installations without the gateway (which refuses them too).
 */
class OrQueriesGuard extends OncePerRequestFilter {

  private static final Pattern QUERIES = Pattern.compile("^/(engine-rest|camunda/api/engine/engine/[^/]+)/(task|filter)(/.*)?$");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final int MAX = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return !(method.equals("POST") || method.equals("PUT"))
        || !QUERIES.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX + 1);
    if (body.length > MAX || expressionInOrQueries(body)) {
      response.setStatus(body.length > MAX ? 413 : 400);
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":" + response.getStatus()
          + ",\"detail\":\"" + (body.length > MAX ? "a task query must not exceed 1 MB"
          : "orQueries must not contain expressions (${...} or #{...})") + "\"}");
      return;
    }
    chain.doFilter(new ReplayedRequest(request, body), response);
  }

  static boolean expressionInOrQueries(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      return root != null && root.findValues("orQueries").stream().anyMatch(OrQueriesGuard::holdsExpression);
    } catch (IOException notJson) {
      return false;                                // the engine refuses what it cannot read
    }
  }

  private static boolean holdsExpression(JsonNode node) {
    if (node.isTextual()) {
      return EXPRESSION.matcher(node.asText()).find();
    }
    for (JsonNode child : node) {
      if (holdsExpression(child)) {
        return true;
      }
    }
    return false;
  }
}
