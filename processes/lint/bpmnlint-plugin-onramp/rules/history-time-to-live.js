const { is } = require('bpmnlint-utils');
const { attr } = require('./camunda');

/** Every executable process sets camunda:historyTimeToLive (the engine enforces it at deployment). */
module.exports = function () {
  function check(node, reporter) {
    if (is(node, 'bpmn:Process') && node.isExecutable && !attr(node, 'historyTimeToLive')) {
      reporter.report(node.id, 'Process has no historyTimeToLive (set it in the Modeler: History cleanup > Time to live)');
    }
  }
  return { check };
};
