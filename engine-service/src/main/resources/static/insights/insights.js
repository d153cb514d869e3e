// The insights page: four reports of /api/insights drawn as SVG charts (no libraries). Served by
// engine-service at /insights/ for signed-in CS leads and revops; data from /insights/data/<report>.
(function () {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(svg) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const box = svg.getBoundingClientRect();
    return { width: Math.max(box.width, 320), height: Math.max(box.height, 200) };
  }

  function empty(svg, size, message) {
    svg.appendChild(el('text', { x: size.width / 2, y: size.height / 2, 'text-anchor': 'middle', class: 'muted' }, message));
  }

  function days(value) {
    return value === null || value === undefined ? '–' : (Math.round(value * 10) / 10) + ' d';
  }

  function percent(rate) {
    return rate === null || rate === undefined ? '–' : Math.round(rate * 1000) / 10 + ' %';
  }

  /** Horizontal bars with an optional whisker: rows of {label, value, whisker, note, cls}. */
  function bars(svg, rows, unit) {
    const size = clear(svg);
    if (rows.length === 0) return empty(svg, size, 'No onboardings in this period');
    const notes = rows.map(r => r.note !== undefined ? r.note : r.value + unit);
    const left = 130, right = 12 + 7 * Math.max(...notes.map(n => String(n).length));   // room for the longest note
    const rowHeight = Math.min(32, (size.height - 10) / rows.length);
    const max = Math.max(...rows.map(r => Math.max(r.value || 0, r.whisker || 0)), 1);
    const scale = v => left + (size.width - left - right) * v / max;
    rows.forEach((r, i) => {
      const y = 5 + i * rowHeight;
      svg.appendChild(el('text', { x: left - 8, y: y + rowHeight * 0.65, 'text-anchor': 'end' }, r.label));
      svg.appendChild(el('rect', { class: 'bar ' + (r.cls || ''), x: left, y: y + rowHeight * 0.2, height: rowHeight * 0.6,
        width: Math.max(scale(r.value || 0) - left, 1), 'data-value': r.value }));
      if (r.whisker) {
        svg.appendChild(el('line', { class: 'whisker', x1: scale(r.value || 0), x2: scale(r.whisker), y1: y + rowHeight / 2,
          y2: y + rowHeight / 2 }));
      }
      svg.appendChild(el('text', { x: scale(Math.max(r.value || 0, r.whisker || 0)) + 6, y: y + rowHeight * 0.65, class: 'muted' },
        notes[i]));
    });
  }

  function ttv(report) {
    bars(document.getElementById('ttv'), report.groups.map(g => {
      const p = g.value.closedWonToFirstValue;
      return { label: g.key, value: p.median, whisker: p.p90, note: days(p.median) + ' (p90 ' + days(p.p90) + ', n=' + p.n + ')' };
    }), ' d');
  }

  function funnel(report) {
    bars(document.getElementById('funnel'), report.overall.stages.filter(s => s.reached > 0 || s.stage !== 'CANCELLED').map(s => ({
      label: s.stage.replace('_', ' ').toLowerCase(), value: s.reached, cls: s.stage === 'CANCELLED' ? 'cancelled' : '',
      note: s.reached + (s.daysInStage && s.daysInStage.n ? ' · ' + days(s.daysInStage.median) : '')
    })), '');
  }

  function trend(report) {
    const svg = document.getElementById('trend');
    const size = clear(svg);
    const months = report.trend.filter(m => m.completion.rate !== null && m.completion.rate !== undefined);
    if (months.length === 0) return empty(svg, size, 'No finished onboardings in this period');
    const left = 44, right = 16, top = 10, bottom = 28;
    const x = i => left + (size.width - left - right) * (months.length === 1 ? 0.5 : i / (months.length - 1));
    const y = rate => top + (size.height - top - bottom) * (1 - rate);
    [0, 0.5, 1].forEach(r => {
      svg.appendChild(el('line', { class: 'axis', x1: left, x2: size.width - right, y1: y(r), y2: y(r) }));
      svg.appendChild(el('text', { x: left - 6, y: y(r) + 4, 'text-anchor': 'end', class: 'muted' }, r * 100 + '%'));
    });
    svg.appendChild(el('line', { class: 'threshold', x1: left, x2: size.width - right, y1: y(report.alertBelow), y2: y(report.alertBelow) }));
    svg.appendChild(el('text', { x: size.width - right, y: y(report.alertBelow) - 4, 'text-anchor': 'end', class: 'muted' },
      'alert below ' + percent(report.alertBelow)));
    svg.appendChild(el('polyline', { class: 'line', points: months.map((m, i) => x(i) + ',' + y(m.completion.rate)).join(' ') }));
    months.forEach((m, i) => {
      const point = el('circle', { class: 'point' + (m.completion.alert ? ' below' : ''), cx: x(i), cy: y(m.completion.rate), r: 4,
        'data-month': m.month, 'data-rate': m.completion.rate });
      point.appendChild(el('title', {}, m.month + ': ' + percent(m.completion.rate)));
      svg.appendChild(point);
      if (months.length <= 12 || i % Math.ceil(months.length / 12) === 0) {
        svg.appendChild(el('text', { x: x(i), y: size.height - 8, 'text-anchor': 'middle', class: 'muted' }, m.month.substring(2)));
      }
    });
  }

  function sla(report) {
    bars(document.getElementById('sla'), report.overall.steps.map(s => ({
      label: s.step.replace(/^Task_/, ''), value: s.breaches,
      note: s.breaches + ' · ' + Object.entries(s.rescueActions).map(([k, v]) => k.toLowerCase() + ' ' + v).join(', ')
    })), '');
  }

  function tiles(ttvReport, completion, slaReport) {
    const overall = ttvReport.overall || { onboardings: 0, closedWonToFirstValue: {} };
    const c = completion.overall || {};
    const health = slaReport.overall.healthOfOpenOnboardings;
    const items = [
      [days(overall.closedWonToFirstValue.median), 'median time to first value (n=' + (overall.closedWonToFirstValue.n || 0) + ')'],
      [percent(c.rate), 'completion rate (' + (c.completed || 0) + ' completed, ' + (c.cancelled || 0) + ' cancelled, ' + (c.stuck || 0) + ' stuck)'],
      [String(overall.onboardings), 'onboardings won in the period'],
      [String((health.AT_RISK || 0) + (health.OFF_TRACK || 0)), 'open onboardings at risk or off track']
    ];
    const box = document.getElementById('tiles');
    box.replaceChildren(...items.map(([value, label]) => {
      const tile = document.createElement('div');
      tile.className = 'tile';
      const b = document.createElement('b');
      b.textContent = value;
      const span = document.createElement('span');
      span.textContent = label;
      tile.append(b, span);
      return tile;
    }));
    const alert = document.getElementById('alert');
    alert.hidden = !c.alert;
    alert.textContent = c.alert ? 'Completion rate ' + percent(c.rate) + ' is below ' + percent(completion.alertBelow)
      + '. Most drop-outs: ' + Object.entries(completion.dropOutsByStage).slice(0, 3).map(([k, v]) => k + ' ' + v).join(', ') : '';
  }

  /** The period: ?from=YYYY-MM-DD&to=YYYY-MM-DD in the address (a link to share), else the last N months chosen. */
  function period() {
    const select = document.getElementById('period');
    if (select.value === 'link') {
      const params = new URLSearchParams(location.search);
      return 'from=' + params.get('from') + (params.has('to') ? '&to=' + params.get('to') : '');
    }
    const from = new Date();
    from.setUTCMonth(from.getUTCMonth() - Number(select.value));
    return 'from=' + from.toISOString().substring(0, 10);
  }

  function linkedPeriod() {
    const params = new URLSearchParams(location.search);
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!date.test(params.get('from') || '') || (params.has('to') && !date.test(params.get('to')))) return;
    const option = document.createElement('option');
    option.value = 'link';
    option.textContent = params.get('from') + (params.has('to') ? ' to ' + params.get('to') : ' on');
    const select = document.getElementById('period');
    select.prepend(option);
    select.value = 'link';
  }

  async function load() {
    const query = period();
    const status = document.getElementById('status');
    status.textContent = 'Loading…';
    try {
      const get = async path => {
        const response = await fetch('data/' + path + (path.includes('?') ? '&' : '?') + query, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
        return response.json();
      };
      const [ttvReport, stages, completion, slaReport] = await Promise.all([get('time-to-value?by=segment'), get('stages'),
        get('completion'), get('sla')]);
      tiles(ttvReport, completion, slaReport);
      ttv(ttvReport);
      funnel(stages);
      trend(completion);
      sla(slaReport);
      status.textContent = 'Closed-won ' + ttvReport.from + ' to ' + ttvReport.to;
      document.body.dataset.loaded = 'true';
    } catch (e) {
      status.textContent = 'Could not load the insights: ' + e.message;
      document.body.dataset.loaded = 'error';
    }
  }

  linkedPeriod();
  document.getElementById('period').addEventListener('change', load);
  load();
})();
