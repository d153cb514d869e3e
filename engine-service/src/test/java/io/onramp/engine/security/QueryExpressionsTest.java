package io.onramp.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expression rule over every {@code …Expression} field Camunda's own {@code TaskQueryDto} has (read
 * from the class, so a field a later Camunda adds is covered without touching this test), at the top
 * level and inside {@code orQueries}, turned into an engine query exactly as the REST API does.
 */
class QueryExpressionsTest {

  static final Set<String> ALLOWED = Set.of("${currentUser()}", "${currentUserGroups()}", "${now()}");
  static final String EVIL = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch /tmp/x')}";

  final StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
  final QueryExpressions adhoc = new QueryExpressions(QueryExpressions.Kind.ADHOC, ALLOWED, configuration);
  final QueryExpressions stored = new QueryExpressions(QueryExpressions.Kind.STORED, ALLOWED, configuration);

  static Stream<String> expressionFields() {
    return Arrays.stream(TaskQueryDto.class.getMethods()).map(Method::getName)
        .filter(n -> n.startsWith("set") && n.endsWith("Expression")).map(n -> Character.toLowerCase(n.charAt(3)) + n.substring(4))
        .sorted();
  }

  @Test
  void shouldKnowEveryExpressionFieldCamundaHas() {
    assertThat(expressionFields()).hasSizeGreaterThanOrEqualTo(20).contains("assigneeExpression", "candidateGroupsExpression",
        "processInstanceBusinessKeyLikeExpression", "followUpBeforeOrNotExistentExpression", "updatedAfterExpression");
  }

  @ParameterizedTest
  @MethodSource("expressionFields")
  void shouldRefuseAnyExpressionInAnAdhocQueryAtTheTopAndInsideOrQueries(String field) throws Exception {
    for (String expression : List.of(EVIL, "${currentUser()}", "#{1+1}")) {
      assertThatThrownBy(() -> adhoc.validate(query(top(field, expression)))).isInstanceOf(BadUserRequestException.class)
          .hasMessageStartingWith(field + ": ");
      assertThatThrownBy(() -> adhoc.validate(query(or(field, expression)))).isInstanceOf(BadUserRequestException.class)
          .hasMessageStartingWith("orQueries[0]." + field + ": ");
    }
  }

  @ParameterizedTest
  @MethodSource("expressionFields")
  void shouldLetAStoredFilterHoldOnlyTheAllowedExpressionsCharacterForCharacter(String field) throws Exception {
    assertThatCode(() -> stored.validate(query(top(field, "${currentUser()}")))).doesNotThrowAnyException();
    assertThatCode(() -> stored.validate(query(or(field, "${currentUserGroups()}")))).doesNotThrowAnyException();
    for (String expression : List.of(EVIL, "${currentUser() }", "${ currentUser()}", "${currentUser()}${x}",
        "${currentUser().getClass()}", "#{currentUser()}", "${execution}")) {
      assertThatThrownBy(() -> stored.validate(query(top(field, expression)))).as(expression).hasMessageStartingWith(field + ": ");
      assertThatThrownBy(() -> stored.validate(query(or(field, expression)))).as(expression)
          .hasMessageStartingWith("orQueries[0]." + field + ": ");
    }
  }

  @Test
  void shouldNameTheOrQueryThatCarriesTheExpression() throws Exception {
    TaskQueryDto dto = new TaskQueryDto();
    TaskQueryDto honest = new TaskQueryDto();
    honest.setAssignee("casey");
    TaskQueryDto injected = new TaskQueryDto();
    injected.setOwnerExpression(EVIL);
    dto.setOrQueries(List.of(honest, injected));
    assertThatThrownBy(() -> adhoc.validate(query(dto))).hasMessageStartingWith("orQueries[1].ownerExpression: ");
  }

  @Test
  void shouldPassQueriesWithoutExpressions() throws Exception {
    TaskQueryDto dto = new TaskQueryDto();
    dto.setAssignee("casey");
    TaskQueryDto or = new TaskQueryDto();
    or.setCandidateGroups(List.of("csm"));
    dto.setOrQueries(List.of(or));
    assertThatCode(() -> adhoc.validate(query(dto))).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseEveryStoredExpressionWhenStoredExpressionsAreOff() throws Exception {
    configuration.setEnableExpressionsInStoredQueries(false);
    assertThatThrownBy(() -> stored.validate(query(top("assigneeExpression", "${currentUser()}"))))
        .hasMessageContaining("not allowed in stored filters");
  }

  // -- helpers ---------------------------------------------------------------------------------------

  private static TaskQueryDto top(String field, String expression) throws Exception {
    TaskQueryDto dto = new TaskQueryDto();
    TaskQueryDto.class.getMethod("set" + Character.toUpperCase(field.charAt(0)) + field.substring(1), String.class).invoke(dto, expression);
    return dto;
  }

  private static TaskQueryDto or(String field, String expression) throws Exception {
    TaskQueryDto dto = new TaskQueryDto();
    dto.setOrQueries(List.of(top(field, expression)));
    return dto;
  }

  /** As the REST API builds it: the DTO applied to a query from the engine's task service. */
  private AbstractQuery<?, ?> query(TaskQueryDto dto) {
    ProcessEngine engine = mock(ProcessEngine.class);
    when(engine.getTaskService()).thenReturn(new GuardedTaskService(adhoc));
    return (AbstractQuery<?, ?>) dto.toQuery(engine);
  }
}
