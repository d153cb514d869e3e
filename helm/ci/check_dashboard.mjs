// Checks the Grafana dashboard shipped with the chart: every query parses with Prometheus' own
// PromQL grammar (@prometheus-io/lezer-promql, the Prometheus UI's parser), every panel queries the
// dashboard's data source variable, ids are unique and panels fit the 24-column grid without overlapping.
// Usage: node check_dashboard.mjs <dashboard.json>
import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';

const file = process.argv[2];
const board = JSON.parse(readFileSync(file, 'utf8'));
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

check(board.uid && board.title && board.schemaVersion, 'uid, title and schemaVersion are required');
const variable = (board.templating?.list ?? []).find(v => v.type === 'datasource' && v.query === 'prometheus');
check(variable, 'no Prometheus data source variable');
const ids = new Set();
const cells = new Map();
let queries = 0;
for (const panel of board.panels) {
  const name = `panel ${panel.id} "${panel.title}"`;
  check(!ids.has(panel.id), `${name}: duplicate id`);
  ids.add(panel.id);
  const { x, y, w, h } = panel.gridPos;
  check(x >= 0 && w > 0 && x + w <= 24, `${name}: outside the 24-column grid`);
  const overlapped = new Set();
  for (let row = y; row < y + h; row++) {
    for (let col = x; col < x + w; col++) {
      const other = cells.get(`${row}:${col}`);
      if (other) overlapped.add(other);
      cells.set(`${row}:${col}`, name);
    }
  }
  overlapped.forEach(other => failures.push(`${name}: overlaps ${other}`));
  if (panel.type === 'row') continue;
  check(panel.datasource?.uid === `\${${variable?.name}}`, `${name}: not on the data source variable`);
  check((panel.targets ?? []).length > 0, `${name}: no query`);
  for (const target of panel.targets ?? []) {
    queries++;
    check(target.datasource?.uid === `\${${variable?.name}}`, `${name} ${target.refId}: not on the data source variable`);
    let error = -1;
    parser.parse(target.expr).iterate({ enter: node => { if (node.type.isError && error < 0) error = node.from; } });
    check(error < 0, `${name} ${target.refId}: PromQL does not parse at ${error}: ${target.expr}`);
  }
}
if (failures.length) {
  console.error(`dashboard checks failed (${file}):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`dashboard checks: ${board.panels.length} panels, ${queries} queries parse as PromQL`);
