const { properties } = require('./camunda');

// The stages of io.onramp.processes.Stage, in order (StageMarkingTest checks this list against the enum).
const STAGES = ['HANDOFF', 'KICKOFF', 'SETUP', 'TRAINING', 'GO_LIVE', 'FIRST_VALUE', 'ADOPTION', 'STEADY_STATE', 'CANCELLED'];

/** An onramp.stage extension property names one of the stages (the engine refuses the deployment otherwise). */
module.exports = function () {
  function check(node, reporter) {
    for (const p of properties(node)) {
      if (p.name === 'onramp.stage' && !STAGES.includes(p.value)) {
        reporter.report(node.id, 'onramp.stage "' + p.value + '" is not a stage; use one of ' + STAGES.join(', '));
      }
    }
  }
  return { check };
};

module.exports.STAGES = STAGES;
