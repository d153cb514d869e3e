package io.onramp.engine.plays;

import io.onramp.web.KeycloakJwt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * RACI of a step, from the model: {@code onramp.raci.consulted} and {@code onramp.raci.informed} (comma-separated roles)
 * on a user task. Responsible is the task's candidate group; Accountable is the onboarding's CSM. Informed roles are
 * people Onramp can reach in the CRM: {@code sales} (the account executive, variable {@code salesRep}) and {@code csm}.
 */
record Raci(List<String> consulted, List<String> informed) {

  static final String CONSULTED = "onramp.raci.consulted";
  static final String INFORMED = "onramp.raci.informed";
  /** Where the parse listener leaves a step's RACI on the activity (a map consulted/informed → roles) for the onboarding API. */
  static final String PROPERTY = "onramp.raci";
  static final String SALES = "sales";
  static final String CSM = "csm";
  static final Set<String> INFORMABLE = Set.of(SALES, CSM);
  static final Set<String> CONSULTABLE = new TreeSet<>(List.of("executive-sponsor", "champion"));

  static {
    CONSULTABLE.addAll(Arrays.asList(KeycloakJwt.PEOPLE));
  }

  boolean isEmpty() {
    return consulted.isEmpty() && informed.isEmpty();
  }

  Map<String, List<String>> asProperty() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("consulted", consulted);
    map.put("informed", informed);
    return map;
  }

  /** The step's RACI; an unknown role fails the deployment naming the element, the property and the allowed roles. */
  static Raci of(Element element, String activityId) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    List<String> consulted = List.of();
    List<String> informed = List.of();
    if (properties != null) {
      for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
        String name = property.attribute("name");
        if (CONSULTED.equals(name)) {
          consulted = roles(property.attribute("value"), CONSULTABLE, activityId, name, property);
        } else if (INFORMED.equals(name)) {
          informed = roles(property.attribute("value"), INFORMABLE, activityId, name, property);
        }
      }
    }
    return new Raci(consulted, informed);
  }

  /** The roles of an {@code informed} input of {@code ${onrampInform}}; an unknown one fails the step with a clear message. */
  static List<String> informedRoles(String value, String activityId) {
    List<String> roles = split(value);
    for (String role : roles) {
      if (!INFORMABLE.contains(role)) {
        throw new IllegalArgumentException("'" + activityId + "' informs '" + role + "'; Onramp can inform " + new TreeSet<>(INFORMABLE));
      }
    }
    return roles;
  }

  static String label(String role) {
    return switch (role) {
      case SALES -> "account executive";
      case CSM -> "CSM";
      default -> role;
    };
  }

  private static List<String> roles(String value, Set<String> allowed, String activityId, String property, Element element) {
    List<String> roles = split(value);
    for (String role : roles) {
      if (!allowed.contains(role)) {
        throw new BpmnParseException("Element '" + activityId + "' has " + property + "='" + value + "': '" + role
            + "' is not a role it can name. Use " + new TreeSet<>(allowed), element);
      }
    }
    return roles;
  }

  private static List<String> split(String value) {
    List<String> roles = new ArrayList<>();
    for (String part : (value == null ? "" : value).split(",")) {
      if (!part.isBlank() && !roles.contains(part.trim())) {
        roles.add(part.trim());
      }
    }
    return List.copyOf(roles);
  }
}
