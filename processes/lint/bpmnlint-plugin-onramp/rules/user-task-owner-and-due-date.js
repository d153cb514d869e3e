const { is } = require('bpmnlint-utils');
const { attr } = require('./camunda');

/** Every user task names who may take it (candidate groups) and when it is due (the plan's SLA). */
module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    if (!attr(node, 'candidateGroups')) {
      reporter.report(node.id, 'User task has no candidate groups (Assignment > Candidate groups, e.g. ${plan.csmGroup})');
    }
    if (!attr(node, 'dueDate')) {
      reporter.report(node.id, 'User task has no due date (Assignment > Due date, e.g. ${dateTime().plusDays(plan.slaKickoffDays).toDate()})');
    }
  }
  return { check };
};
