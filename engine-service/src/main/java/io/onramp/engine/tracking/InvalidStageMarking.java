package io.onramp.engine.tracking;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A model marks an element with an {@code onramp.stage} value that is not a stage. Reported as a
 * parse error, so the deployment is refused with HTTP 400 naming the element, its line and the allowed values.
 */
class InvalidStageMarking extends BpmnParseException {
  InvalidStageMarking(String elementId, String value, String allowed, Element element) {
    super("Element '" + elementId + "' has onramp.stage='" + value + "', which is not a stage. Use one of " + allowed, element);
  }
}
