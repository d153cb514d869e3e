// The insights page: every report of /api/insights for the period and filters chosen — four drawn as SVG charts (no
// libraries: nothing is fetched from outside, and the page stays a few kilobytes), the others as figure cards. Each
// figure opens the list of onboardings behind it; every report and list downloads as CSV. Served by engine-service at
// /insights/ for signed-in CS leads and revops; data from /insights/data/<report>.
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
      const bar = el('rect', { class: 'bar ' + (r.cls || '') + (r.figure ? ' link' : ''), x: left, y: y + rowHeight * 0.2,
        height: rowHeight * 0.6, width: Math.max(scale(r.value || 0) - left, 1), 'data-value': r.value });
      if (r.figure) {
        bar.dataset.figure = r.figure;
        if (r.group !== undefined) bar.dataset.group = r.group;
        bar.appendChild(el('title', {}, 'Show these onboardings'));
        bar.addEventListener('click', () => drill(r.figure, r.group, r.by, r.title));
      }
      svg.appendChild(bar);
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
      return { label: g.key, value: p.median, whisker: p.p90, note: days(p.median) + ' (p90 ' + days(p.p90) + ', n=' + p.n + ')',
        figure: 'first-value', by: 'segment', group: g.key, title: 'Reached first value — segment ' + g.key };
    }), ' d');
  }

  function funnel(report) {
    bars(document.getElementById('funnel'), report.overall.stages.filter(s => s.reached > 0 || s.stage !== 'CANCELLED').map(s => ({
      label: s.stage.replace('_', ' ').toLowerCase(), value: s.reached, cls: s.stage === 'CANCELLED' ? 'cancelled' : '',
      figure: 'stage:' + s.stage, title: 'Reached ' + s.stage.replace('_', ' ').toLowerCase(),
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
      label: s.step.replace(/^Task_/, ''), value: s.breaches, figure: 'breached:' + s.step,
      title: 'SLA passed on ' + s.step.replace(/^Task_/, ''),
      note: s.breaches + ' · ' + Object.entries(s.rescueActions).map(([k, v]) => k.toLowerCase() + ' ' + v).join(', ')
    })), '');
  }

  function tiles(ttvReport, completion, slaReport) {
    const overall = ttvReport.overall || { onboardings: 0, closedWonToFirstValue: {} };
    const c = completion.overall || {};
    const health = slaReport.overall.healthOfOpenOnboardings;
    const items = [
      [days(overall.closedWonToFirstValue.median), 'median time to first value (n=' + (overall.closedWonToFirstValue.n || 0) + ')',
        'first-value', 'Reached first value'],
      [percent(c.rate), 'completion rate (' + (c.completed || 0) + ' completed, ' + (c.cancelled || 0) + ' cancelled, ' + (c.stuck || 0) + ' stuck)',
        'completed', 'Completed'],
      [String(overall.onboardings), 'onboardings won in the period', 'won', 'Won in the period'],
      [String((health.AT_RISK || 0) + (health.OFF_TRACK || 0)), 'open onboardings at risk or off track', 'at-risk', 'At risk or off track']
    ];
    const box = document.getElementById('tiles');
    box.replaceChildren(...items.map(([value, label, figure, title]) => {
      const tile = figureLink(figure, null, null, title);
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

  /** The period and every filter chosen, as the API takes them. */
  function query() {
    const filters = [...document.querySelectorAll('select[data-filter]')].filter(s => s.value !== '')
      .map(s => '&' + s.dataset.filter + '=' + encodeURIComponent(s.value));
    return period() + filters.join('');
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

  /** Filters in the address (?segment=…&csm=…): a link to the same slice opens it. */
  function linkedFilters() {
    const params = new URLSearchParams(location.search);
    document.querySelectorAll('select[data-filter]').forEach(select => {
      const value = params.get(select.dataset.filter);
      if (!value) return;
      const option = document.createElement('option');
      option.value = value;
      option.textContent = value;
      select.append(option);
      select.value = value;
    });
  }

  /** The address says what is shown (period and filters), so it can be shared or bookmarked. */
  function rememberInAddress() {
    const params = new URLSearchParams();
    if (document.getElementById('period').value === 'link') {
      const linked = new URLSearchParams(location.search);
      params.set('from', linked.get('from'));
      if (linked.has('to')) params.set('to', linked.get('to'));
    }
    document.querySelectorAll('select[data-filter]').forEach(select => {
      if (select.value) params.set(select.dataset.filter, select.value);
    });
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
  }

  async function getJson(path) {
    const response = await fetch('data/' + path, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(path.split('?')[0] + ': HTTP ' + response.status);
    return response.json();
  }

  /** Each filter offers the values the period has (most frequent first), keeping what is chosen. */
  async function filterValues() {
    const values = await getJson('filters?' + period());
    document.querySelectorAll('select[data-filter]').forEach(select => {
      const chosen = select.value;
      const options = [['', 'all'], ...(values[select.dataset.filter] || []).map(v => [v, v])];
      if (chosen && !options.some(([v]) => v === chosen)) options.push([chosen, chosen]);
      select.replaceChildren(...options.map(([value, label]) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = label;
        return option;
      }));
      select.value = chosen;
    });
  }

  /** An element that opens the onboardings behind a figure. */
  function figureLink(figure, by, group, title) {
    const a = document.createElement('a');
    a.href = '#';
    a.className = 'figure';
    a.dataset.figure = figure;
    if (group !== null && group !== undefined) a.dataset.group = group;
    a.title = 'Show these onboardings';
    a.addEventListener('click', e => {
      e.preventDefault();
      drill(figure, group, by, title);
    });
    return a;
  }

  function listQuery(figure, group, by) {
    return query() + '&figure=' + encodeURIComponent(figure) + (group !== null && group !== undefined
      ? '&by=' + encodeURIComponent(by) + '&group=' + encodeURIComponent(group) : '');
  }

  /** The list behind a figure: account (a link to the onboarding in Cockpit), CSM, stage, days in stage, health. */
  async function drill(figure, group, by, title) {
    const section = document.getElementById('drill');
    delete document.body.dataset.drilled;
    const list = await getJson('onboardings?' + listQuery(figure, group, by));
    document.getElementById('drillTitle').textContent = title || figure;
    document.getElementById('drillCount').textContent = list.total + ' onboarding' + (list.total === 1 ? '' : 's')
      + (list.total > list.onboardings.length ? ' (the first ' + list.onboardings.length + ' shown; the CSV has them all)' : '');
    document.getElementById('drillCsv').href = 'data/onboardings.csv?' + listQuery(figure, group, by);
    document.getElementById('drillRows').replaceChildren(...list.onboardings.map(o => {
      const tr = document.createElement('tr');
      const account = document.createElement('a');
      account.href = '../camunda/app/cockpit/default/#/process-instance/' + encodeURIComponent(o.id);
      account.textContent = o.account || o.handoffId || o.id;
      const cells = [account, o.csm || 'unassigned', (o.stage || '').replace('_', ' ').toLowerCase(),
        o.daysInStage === null ? '–' : String(o.daysInStage), o.health || '', o.segment || ''];
      cells.forEach(c => {
        const td = document.createElement('td');
        if (typeof c === 'string') td.textContent = c; else td.append(c);
        if (c === 'AT_RISK' || c === 'OFF_TRACK') td.className = 'risk';
        tr.append(td);
      });
      return tr;
    }));
    section.hidden = false;
    document.body.dataset.drilled = 'true';
    section.scrollIntoView({ block: 'nearest' });
  }

  /** The reports not drawn as charts, as cards of figures; each figure with a list behind it is a link. */
  function cards(activation, handoffs, satisfaction, retention, likeYou) {
    const card = (title, report, rows, text) => {
      const box = document.createElement('figure');
      box.className = 'card';
      const caption = document.createElement('figcaption');
      caption.textContent = title + ' ';
      if (report) caption.append(csvLink(report));
      const dl = document.createElement('dl');
      rows.forEach(([label, value, figure, figureTitle]) => {
        const dt = document.createElement('dt');
        dt.textContent = label;
        const dd = document.createElement('dd');
        if (figure) {
          const a = figureLink(figure, null, null, figureTitle || label);
          a.textContent = value;
          dd.append(a);
        } else {
          dd.textContent = value;
          dd.title = value;
        }
        dl.append(dt, dd);
      });
      box.append(caption, dl);
      if (text) {
        const p = document.createElement('p');
        p.textContent = text;
        box.append(p);
      }
      return box;
    };
    const a = activation.overall || {};
    const h = handoffs.overall || {};
    const s = satisfaction.overall || {};
    const r = retention.overall || { withinTarget: {}, late: {}, neverReachedFirstValue: {} };
    const rate = x => percent(x === undefined ? null : x);
    document.getElementById('reports').replaceChildren(
      card('Self-serve activation', 'activation', [['self-serve onboardings', String(a.selfServe || 0), 'self-serve', 'Self-serve'],
        ['activated within the window', String(a.activatedInWindow || 0)], ['activation rate', rate(a.rate)]]),
      card('Handoff quality', 'handoffs', [['handoffs', String(h.handoffs || 0), 'won', 'Won in the period'],
        ['average completeness', h.averageCompleteness === null || h.averageCompleteness === undefined ? '–' : Math.round(h.averageCompleteness) + ' %'],
        ['closed-won to handoff (median)', days((h.closedWonToHandoffDays || {}).median)]]),
      card('Satisfaction', 'satisfaction', [['CSAT answers', String(s.csatAnswers || 0), 'surveyed', 'Answered a survey'],
        ['average CSAT', s.averageCsat === null || s.averageCsat === undefined ? '–' : String(Math.round(s.averageCsat * 10) / 10)],
        ['NPS', s.nps === null || s.nps === undefined ? '–' : String(Math.round(s.nps))]]),
      card('Retention by time to value (target ' + retention.targetDays + ' d)', 'retention', [
        ['renewed', String((r.withinTarget.renewed || 0) + (r.late.renewed || 0) + (r.neverReachedFirstValue.renewed || 0)), 'renewed', 'Renewed'],
        ['churned', String((r.withinTarget.churned || 0) + (r.late.churned || 0) + (r.neverReachedFirstValue.churned || 0)), 'churned', 'Churned'],
        ['retention within target', rate(r.withinTarget.retentionRate)], ['retention when late', rate(r.late.retentionRate)]]),
      card('Customers like you', 'customers-like-you', [['compared on', Object.entries(likeYou.comparedOn || {}).map(([k, v]) => k + ' ' + v).join(', ') || 'all customers']],
        likeYou.summary || 'no history to compare with yet'));
  }

  function csvLink(report, by) {
    const a = document.createElement('a');
    a.className = 'csv';
    a.dataset.report = report;
    if (by) a.dataset.by = by;
    a.textContent = 'CSV';
    a.href = 'data/' + report + '.csv?' + query() + (by ? '&by=' + by : '');
    a.download = report + '.csv';
    return a;
  }

  async function load() {
    const status = document.getElementById('status');
    status.textContent = 'Loading…';
    delete document.body.dataset.loaded;        // set again when this load has finished
    try {
      await filterValues();
      const q = query();
      const get = path => getJson(path + (path.includes('?') ? '&' : '?') + q);
      const segment = document.getElementById('segment').value;
      const product = document.getElementById('product').value;
      const [ttvReport, stages, completion, slaReport, activation, handoffs, satisfaction, retention, likeYou] = await Promise.all([
        get('time-to-value?by=segment'), get('stages'), get('completion'), get('sla'), get('activation'), get('handoffs'),
        get('satisfaction'), get('retention'),
        getJson('customers-like-you?' + (segment ? 'segment=' + encodeURIComponent(segment) : '')
          + (product ? '&product=' + encodeURIComponent(product) : ''))]);
      tiles(ttvReport, completion, slaReport);
      ttv(ttvReport);
      funnel(stages);
      trend(completion);
      sla(slaReport);
      cards(activation, handoffs, satisfaction, retention, likeYou);
      document.querySelectorAll('main a.csv').forEach(a => {
        a.href = 'data/' + a.dataset.report + '.csv?' + q + (a.dataset.by ? '&by=' + a.dataset.by : '');
        a.download = a.dataset.report + '.csv';
      });
      status.textContent = 'Closed-won ' + ttvReport.from + ' to ' + ttvReport.to;
      document.body.dataset.loaded = 'true';
    } catch (e) {
      status.textContent = 'Could not load the insights: ' + e.message;
      document.body.dataset.loaded = 'error';
    }
  }

  linkedPeriod();
  linkedFilters();
  document.querySelectorAll('#filters select').forEach(select => select.addEventListener('change', () => {
    document.getElementById('drill').hidden = true;
    rememberInAddress();
    load();
  }));
  document.getElementById('drillClose').addEventListener('click', () => { document.getElementById('drill').hidden = true; });
  load();
})();
