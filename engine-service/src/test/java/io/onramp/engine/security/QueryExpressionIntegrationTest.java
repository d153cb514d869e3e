package io.onramp.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onramp.engine.Api;
import io.onramp.engine.EngineIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine refuses expressions in task queries by every door it has — both REST roots, list and count,
 * query parameters and bodies, filters (stored, extended, created, updated, stored before this rule
 * existed), other charsets, and Java — and never evaluates one: {@link EvaluationTrace} counts every
 * evaluation. Tasklist's own "My tasks" filter ({@code ${currentUser()}}) still works.
 */
class QueryExpressionIntegrationTest extends EngineIntegrationTest {

  static final String TRACE = EvaluationTrace.EXPRESSION;
  static final List<String> ROOTS = List.of("/engine-rest", "/engine-rest/engine/default");

  @Autowired
  FilterService filterService;
  @Autowired
  TaskService taskService;
  @Autowired
  ProcessEngineConfiguration configuration;
  @Autowired
  JdbcClient jdbc;

  String allTasks;
  int hitsBefore;

  @BeforeEach
  void filter() {
    Filter filter = filterService.newTaskFilter("all-" + UUID.randomUUID());
    allTasks = filterService.saveFilter(filter).getId();
    hitsBefore = EvaluationTrace.hits();
  }

  @AfterEach
  void nothingEvaluated() {
    assertThat(EvaluationTrace.hits()).as("expressions the engine evaluated").isEqualTo(hitsBefore);
  }

  @Test
  void shouldPinExpressionsInAdhocQueriesOffAndLimitResults() {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
    assertThat(engine.isEnableExpressionsInAdhocQueries()).isFalse();
    assertThat(engine.getQueryMaxResultsLimit()).isEqualTo(2000);
    Api.Response unbounded = as(ADMIN).get("/engine-rest/task");
    assertThat(unbounded.status()).isEqualTo(400);
    assertThat(unbounded.body()).contains("unbound number of results");
    assertThat(as(ADMIN).get("/engine-rest/task?maxResults=2001").status()).isEqualTo(400);
    as(ADMIN).get("/engine-rest/task?maxResults=2000").expect(200);
  }

  @Test
  void shouldRefuseEveryExpressionFieldAtTheTopAndInOrQueriesUnderBothRootsForListAndCount() {
    List<String> doors = new ArrayList<>();
    for (String root : ROOTS) {
      doors.addAll(List.of(root + "/task?maxResults=10", root + "/task/count", root + "/filter/" + allTasks + "/list?maxResults=10",
          root + "/filter/" + allTasks + "/count", root + "/filter/" + allTasks + "/singleResult"));
    }
    List<String> answered = new ArrayList<>();
    for (String field : QueryExpressionsTest.expressionFields().toList()) {
      for (String door : doors) {
        for (Map<String, Object> body : List.of(Map.<String, Object>of(field, TRACE), Map.<String, Object>of("orQueries",
            List.of(Map.of("assignee", "casey"), Map.of(field, TRACE))))) {
          Api.Response response = as(ADMIN).post(door, body);
          // singleResult: Camunda's REST layer answers its own "not a valid single result" for any engine refusal
          boolean named = door.endsWith("/singleResult") || response.body().contains(field);
          if (response.status() != 400 || !named) {
            answered.add(door + " " + body.keySet() + " " + field + " -> " + response.status() + " " + response.body());
          }
        }
      }
      for (String root : ROOTS) {                                // query parameters take expression fields too
        Api.Response get = as(ADMIN).get(root + "/task?maxResults=10&" + field + "=" + java.net.URLEncoder.encode(TRACE,
            StandardCharsets.UTF_8));
        if (get.status() != 400) {
          answered.add("GET " + root + "/task " + field + " -> " + get.status());
        }
      }
    }
    assertThat(answered).as("doors that did not refuse").isEmpty();
  }

  @Test
  void shouldRefuseTheExpressionWhateverTheCharsetTheBodyDeclares() {
    String body = "{\"nameLike\":\"Caf\u00e9%\",\"orQueries\":[{\"assigneeExpression\":\"" + TRACE + "\"}]}";
    for (String root : ROOTS) {
      for (String path : List.of("/task", "/task/count", "/filter/" + allTasks + "/list")) {
        Api.Response latin1 = as(ADMIN).send("POST", root + path, body.getBytes(StandardCharsets.ISO_8859_1),
            "application/json; charset=ISO-8859-1");
        assertThat(latin1.status()).as(root + path).isEqualTo(400);
        Api.Response utf16 = as(ADMIN).send("POST", root + path, body.getBytes(StandardCharsets.UTF_16),
            "application/json; charset=UTF-16");
        assertThat(utf16.status()).as(root + path + " UTF-16").isEqualTo(400);
      }
    }
  }

  @Test
  void shouldNeverStoreAFilterWithAForbiddenExpressionNorRunOneStoredBeforeThisRule() {
    String name = "evil-" + UUID.randomUUID();
    for (String root : ROOTS) {
      Api.Response created = as(ADMIN).post(root + "/filter/create", Map.of("resourceType", "Task", "name", name,
          "query", Map.of("orQueries", List.of(Map.of("candidateGroupExpression", TRACE)))));
      assertThat(created.status()).isEqualTo(400);
      assertThat(created.body()).contains("orQueries[0].candidateGroupExpression");
      Api.Response updated = as(ADMIN).put(root + "/filter/" + allTasks, Map.of("resourceType", "Task", "name", "all",
          "query", Map.of("assigneeExpression", TRACE)));
      assertThat(updated.status()).isEqualTo(400);
    }
    assertThat(filterService.createFilterQuery().filterName(name).count()).isZero();
    Filter evil = filterService.newTaskFilter(name).setQuery(taskService.createTaskQuery().or().taskCandidateGroupExpression(TRACE).endOr());
    assertThatThrownBy(() -> filterService.saveFilter(evil)).isInstanceOf(BadUserRequestException.class)
        .hasMessageStartingWith("orQueries[0].candidateGroupExpression");

    // a filter written before the rule existed (straight into the table): loading it to run it refuses it
    String stored = UUID.randomUUID().toString();
    jdbc.sql("insert into act_ru_filter (id_, rev_, resource_type_, name_, owner_, query_, properties_) values (?, 1, 'Task', ?, null, ?, '{}')")
        .params(stored, name, "{\"orQueries\":[{\"taskAssigneeExpression\":\"" + TRACE + "\"}]}").update();   // the table's own keys
    for (String root : ROOTS) {
      for (String run : List.of("/list?maxResults=10", "/count", "/singleResult")) {
        Api.Response response = as(ADMIN).get(root + "/filter/" + stored + run);
        assertThat(response.status()).as(root + run).isEqualTo(400);
        if (!run.equals("/singleResult")) {                    // Camunda's REST layer words that one itself
          assertThat(response.body()).contains("orQueries[0].assigneeExpression");
        }
      }
    }
    as(ADMIN).delete("/engine-rest/filter/" + stored).expect(204);          // an operator can still remove it
  }

  @Test
  void shouldRefuseTheExpressionFromJavaToo() {
    assertThatThrownBy(() -> taskService.createTaskQuery().or().taskAssigneeExpression(TRACE).endOr().list())
        .isInstanceOf(BadUserRequestException.class).hasMessageStartingWith("orQueries[0].assigneeExpression");
    assertThatThrownBy(() -> taskService.createTaskQuery().taskOwnerExpression(TRACE).count())
        .isInstanceOf(BadUserRequestException.class).hasMessageStartingWith("ownerExpression");
    assertThatThrownBy(() -> filterService.list(allTasks, taskService.createTaskQuery().or().dueBeforeExpression(TRACE).endOr()))
        .isInstanceOf(BadUserRequestException.class);
  }

  @Test
  void shouldStillRunTasklistsMyTasksFilterWithTheCurrentUser() {
    Task mine = standaloneTask(CSM);
    Task theirs = standaloneTask(ADMIN);
    String myTasks = as(ADMIN).post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "My tasks " + UUID.randomUUID(),
        "query", Map.of("assigneeExpression", "${currentUser()}"))).expect(200).json().get("id").asText();

    var listed = as(CSM).post("/engine-rest/filter/" + myTasks + "/list?maxResults=50", Map.of()).expect(200).json();
    List<String> ids = new ArrayList<>();
    listed.forEach(t -> ids.add(t.get("id").asText()));
    assertThat(ids).contains(mine.getId()).doesNotContain(theirs.getId());
    assertThat(as(CSM).get("/engine-rest/filter/" + myTasks + "/count").expect(200).json().get("count").asLong()).isEqualTo(ids.size());
    taskService.deleteTask(mine.getId(), true);
    taskService.deleteTask(theirs.getId(), true);
  }

  private Task standaloneTask(String assignee) {
    Task task = taskService.newTask();
    task.setName("Call the customer");
    task.setAssignee(assignee);
    taskService.saveTask(task);
    return task;
  }
}
