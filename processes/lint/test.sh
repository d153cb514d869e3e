#!/usr/bin/env bash
# Lints the journeys (bpmnlint recommended + camunda-compat for Camunda 7.24 + Onramp's rules in
# bpmnlint-plugin-onramp), proves each Onramp rule catches what it is for, and validates the Modeler
# element templates against @camunda/element-templates-json-schema. Run by ./onramp test.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/bpmnlint ] || npm ci --no-audit --no-fund --loglevel=error

for bpmn in ../*.bpmn; do
  npx --no-install bpmnlint "$bpmn"
  echo "bpmnlint: $bpmn clean"
done

report=$(npx --no-install bpmnlint fixtures/broken-journey.bpmn 2>&1 || true)
for rule in onramp/history-time-to-live onramp/element-ids onramp/user-task-owner-and-due-date onramp/stage-values; do
  if ! grep -q "$rule" <<<"$report"; then
    echo "bpmnlint: rule $rule did not report fixtures/broken-journey.bpmn:" >&2
    echo "$report" >&2
    exit 1
  fi
done
echo "bpmnlint: each Onramp rule reports the broken fixture"

node validate-templates.mjs ../element-templates
