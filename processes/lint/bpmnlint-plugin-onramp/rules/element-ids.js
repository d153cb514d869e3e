const { is, isAny } = require('bpmnlint-utils');

// CONVENTIONS.md: element ids are <Type>_<PascalName> (Task_HoldKickoffCall), never the Modeler's
// generated Activity_0x1y2z; process ids are kebab-case (customer-onboarding).
const PREFIXES = [
  ['bpmn:SequenceFlow', 'Flow'],
  ['bpmn:SubProcess', 'SubProcess'],
  ['bpmn:CallActivity', 'Task'],
  ['bpmn:Task', 'Task'],
  ['bpmn:Event', 'Event'],
  ['bpmn:Gateway', 'Gateway']
];

module.exports = function () {
  function check(node, reporter) {
    if (is(node, 'bpmn:Process')) {
      if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(node.id)) {
        reporter.report(node.id, 'Process id must be kebab-case, like customer-onboarding');
      }
      return;
    }
    if (!isAny(node, ['bpmn:FlowElement'])) return;
    const match = PREFIXES.find(([type]) => is(node, type));
    if (!match) return;
    const prefix = match[1];
    if (!new RegExp('^' + prefix + '_[A-Z][A-Za-z0-9]*$').test(node.id)) {
      reporter.report(node.id, 'Element id must be ' + prefix + '_<PascalName> (like ' + prefix + '_HoldKickoffCall), not ' + node.id);
    }
  }
  return { check };
};
