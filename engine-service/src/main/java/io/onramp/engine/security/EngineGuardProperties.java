package io.onramp.engine.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the engine lets a query do (docs/security.md).
 *
 * @param allowedQueryExpressions the exact expressions a stored filter may hold (Tasklist's own: the current user and their
 *                                groups, now and a few dates around it); matched character for character, never by prefix
 * @param queryMaxResults         the most results one REST or webapp query may ask for (Camunda's {@code queryMaxResultsLimit};
 *                                the webapps need 2,000 for their full feature set)
 */
@ConfigurationProperties("onramp.engine")
record EngineGuardProperties(
    @DefaultValue({"${currentUser()}", "${currentUserGroups()}", "${now()}", "${dateTime()}", "${dateTime().plusDays(1)}",
        "${dateTime().plusDays(7)}", "${dateTime().minusDays(1)}", "${dateTime().minusDays(7)}"}) List<String> allowedQueryExpressions,
    @DefaultValue("2000") int queryMaxResults) {
}
