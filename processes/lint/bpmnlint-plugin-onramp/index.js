// Onramp's own bpmnlint rules (docs/designer-guide.md, "Linting").
module.exports = {
  configs: {
    all: {
      rules: {
        'onramp/history-time-to-live': 'error',
        'onramp/element-ids': 'error',
        'onramp/user-task-owner-and-due-date': 'error',
        'onramp/stage-values': 'error'
      }
    }
  }
};
