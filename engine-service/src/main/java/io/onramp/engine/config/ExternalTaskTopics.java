package io.onramp.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A worker's service account may only fetch, lock, complete, fail or extend tasks of its own topics:
 * handoff-service ({@code journey-starter}) works {@code handoff-review}, the Eloqua connector
 * ({@code sync-eloqua}) works {@code marketing-journey}; {@code onramp-admin} may work any. Anything
 * else under {@code /engine-rest/external-task} (listing, retries, other topics) is refused with 403.
 */
class ExternalTaskTopics extends OncePerRequestFilter {

  static final Map<String, String> TOPIC_BY_ROLE = Map.of("journey-starter", "handoff-review", "sync-eloqua", "marketing-journey");
  static final String[] WORKER_ROLES = {"journey-starter", "sync-eloqua", "onramp-admin"};
  private static final Pattern TASK_ACTION = Pattern.compile("^/engine-rest/external-task/([^/]+)/(complete|failure|bpmnError|extendLock|unlock)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExternalTaskService externalTasks;

  ExternalTaskTopics(ExternalTaskService externalTasks) {
    this.externalTasks = externalTasks;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !path(request).startsWith("/engine-rest/external-task");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    Set<String> allowed = new HashSet<>();
    boolean admin = false;
    for (var authority : auth == null ? java.util.List.<org.springframework.security.core.GrantedAuthority>of() : auth.getAuthorities()) {
      String role = authority.getAuthority().startsWith("ROLE_") ? authority.getAuthority().substring(5) : "";
      admin |= role.equals("onramp-admin");
      if (TOPIC_BY_ROLE.containsKey(role)) {
        allowed.add(TOPIC_BY_ROLE.get(role));
      }
    }
    if (admin) {
      chain.doFilter(request, response);
      return;
    }
    String path = path(request);
    if (path.equals("/engine-rest/external-task/fetchAndLock") && request.getMethod().equals("POST")) {
      byte[] body = request.getInputStream().readNBytes(1 << 20);
      Set<String> asked = new HashSet<>();
      JsonNode topics = JSON.readTree(body.length == 0 ? "{}".getBytes() : body).path("topics");
      topics.forEach(t -> asked.add(t.path("topicName").asText()));
      if (asked.isEmpty() || !allowed.containsAll(asked)) {
        refuse(response, "topics " + asked + " are not yours (yours: " + allowed + ")");
        return;
      }
      chain.doFilter(new ReplayedRequest(request, body), response);
      return;
    }
    Matcher action = TASK_ACTION.matcher(path);
    if (action.matches() && request.getMethod().equals("POST")) {
      ExternalTask task = externalTasks.createExternalTaskQuery().externalTaskId(action.group(1)).singleResult();
      if (task != null && !allowed.contains(task.getTopicName())) {
        refuse(response, "external task " + action.group(1) + " is on a topic that is not yours");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    refuse(response, "workers may only fetch and lock, complete, fail, raise BPMN errors and extend or release their own tasks");
  }

  private static void refuse(HttpServletResponse response, String why) throws IOException {
    response.setStatus(403);
    response.setContentType("application/problem+json");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
        + why.replace("\"", "'") + "\"}");
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
