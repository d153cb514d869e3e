// The handoff page: a sales rep's handoffs, the form, the live completeness meter, save with optimistic
// concurrency (If-Match), submit (or submit with an override). Everything it knows comes from the handoff API
// under ./api/ (the session's user, the API's own validation and completeness); nothing is fetched from elsewhere.
(() => {
  'use strict';
  const API = 'api/handoffs';
  const $ = (id) => document.getElementById(id);
  const STATES = {
    REVISION_REQUESTED: 'Revision requested', DRAFT: 'Draft', SUBMITTED: 'Submitted, waiting for CS review', ACCEPTED: 'Accepted by CS',
  };
  const ROLES = {EXECUTIVE_SPONSOR: 'Executive sponsor', CHAMPION: 'Champion', ADMIN: 'Admin', END_USER: 'End user'};
  const ITEMS = {
    product: {add: 'Add product', fields: [['name', 'Product', 'text', 100]], empty: () => ({name: ''})},
    goal: {add: 'Add goal', fields: [['description', 'Goal', 'text', 500], ['successCriterion', 'Success criterion (measurable)', 'text', 500],
      ['targetDate', 'Target date', 'date']], empty: () => ({description: '', successCriterion: '', targetDate: null})},
    stakeholder: {add: 'Add stakeholder', fields: [['role', 'Role', 'role'], ['name', 'Name', 'text', 200], ['email', 'Email', 'email', 254],
      ['phone', 'Phone', 'tel', 40]], empty: () => ({role: 'END_USER', name: '', email: '', phone: null})},
  };
  const state = {me: null, view: null, base: null, etag: null, dirty: false, meterTimer: null, meterSeq: 0};

  // -- talking to the API ---------------------------------------------------------------------------
  function csrf() {
    const cookie = document.cookie.split('; ').find((c) => c.startsWith('HANDOFF-XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.split('=')[1]) : '';
  }

  async function call(method, path, body, ifMatch) {
    const headers = {'Accept': 'application/json, application/problem+json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrf();
    if (ifMatch) headers['If-Match'] = ifMatch;
    const response = await fetch(path, {method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)});
    if (response.status === 401) {             // the session ended: keep the edits, sign in again, come back to them
      stash();
      location.reload();
      throw new Error('signing in again');
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    return {status: response.status, json, etag: response.headers.get('ETag')};
  }

  // -- the form <-> the handoff's content --------------------------------------------------------------
  function field(path) {
    return document.querySelector(`[data-path="${path}"]`);
  }

  function value(path) {
    const el = field(path);
    if (!el) return null;
    const v = el.value.trim();
    if (v === '') return null;
    return el.type === 'number' ? Number(v) : v;
  }

  function blank(item) {
    return Object.values(item).every((v) => v === null || v === '' || v === 'END_USER');
  }

  function collect() {
    const content = {
      account: {name: value('account.name') || '', domain: value('account.domain'), segment: value('account.segment'),
        region: value('account.region')},
      crm: state.base ? state.base.crm : undefined,
      arr: value('arr'), closedWonDate: value('closedWonDate'), targetGoLiveDate: value('targetGoLiveDate'),
      firstValueMilestone: value('firstValueMilestone'), salesNotes: value('salesNotes'),
    };
    const earliest = value('kickoffWindow.earliest'), latest = value('kickoffWindow.latest');
    content.kickoffWindow = earliest || latest ? {earliest, latest} : null;
    document.querySelectorAll('[data-list]').forEach((list) => {
      const name = list.dataset.list, kind = list.dataset.item;
      const rows = [...list.querySelectorAll('li')].map((li, i) => {
        if (kind === 'text') return value(`${name}[${i}]`);
        const item = {};
        ITEMS[kind].fields.forEach(([key]) => { item[key] = value(`${name}[${i}].${key}`); });
        return item;
      });
      content[name] = rows.filter((row) => row !== null && !(typeof row === 'object' && blank(row)));
    });
    return prune(content);
  }

  function prune(object) {                      // the API leaves out what is not there; so does the page
    Object.keys(object).forEach((k) => { if (object[k] === null || object[k] === undefined) delete object[k]; });
    if (object.account) Object.keys(object.account).forEach((k) => { if (object.account[k] === null) delete object.account[k]; });
    return object;
  }

  function fill(content) {
    document.querySelectorAll('[data-path]').forEach((el) => {
      if (el.closest('[data-list]')) return;
      const v = el.dataset.path.split('.').reduce((o, k) => (o == null ? null : o[k]), content);
      el.value = v == null ? '' : v;
    });
    document.querySelectorAll('[data-list]').forEach((list) => renderList(list, content[list.dataset.list] || []));
    const crm = content.crm || {};
    const refs = [['HubSpot deal', crm.hubspotDealId], ['HubSpot company', crm.hubspotCompanyId],
      ['Salesforce opportunity', crm.salesforceOpportunityId], ['Salesforce account', crm.salesforceAccountId]]
      .filter(([, id]) => id).map(([what, id]) => `${what} ${id}`);
    $('crm-refs').textContent = refs.length ? 'From the CRM: ' + refs.join(' · ') : 'Not linked to a CRM deal.';
  }

  function renderList(list, items) {
    const name = list.dataset.list, kind = list.dataset.item;
    const label = list.dataset.label || (kind === 'text' ? name : null);
    list.replaceChildren();
    const title = document.createElement('h4');
    title.textContent = list.dataset.title;
    const ol = document.createElement('ol');
    items.forEach((item, i) => ol.append(row(name, kind, label, item, i)));
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'add';
    add.textContent = kind === 'text' ? `Add ${label.toLowerCase()}` : ITEMS[kind].add;
    add.addEventListener('click', () => {
      const current = collectList(list);
      current.push(kind === 'text' ? '' : ITEMS[kind].empty());
      renderList(list, current);
      const inputs = list.querySelectorAll('li:last-child input, li:last-child select');
      if (inputs.length) inputs[kind === 'stakeholder' ? 1 : 0].focus();
      changed();
    });
    list.append(title, ol, add);
  }

  function collectList(list) {                   // the rows as typed, blanks kept (while editing)
    const name = list.dataset.list, kind = list.dataset.item;
    return [...list.querySelectorAll('li')].map((li, i) => {
      if (kind === 'text') return field(`${name}[${i}]`).value;
      const item = {};
      ITEMS[kind].fields.forEach(([key]) => { item[key] = field(`${name}[${i}].${key}`).value; });
      return item;
    });
  }

  function row(name, kind, label, item, i) {
    const li = document.createElement('li');
    const fields = kind === 'text' ? [[null, label, 'text', 500]] : ITEMS[kind].fields;
    fields.forEach(([key, text, type, max]) => {
      const wrap = document.createElement('label');
      wrap.append(document.createTextNode(`${text} `));
      let input;
      if (type === 'role') {
        input = document.createElement('select');
        Object.entries(ROLES).forEach(([v, t]) => input.append(new Option(t, v)));
      } else {
        input = document.createElement('input');
        input.type = type;
        if (max) input.maxLength = max;
      }
      input.dataset.path = key === null ? `${name}[${i}]` : `${name}[${i}].${key}`;
      const v = key === null ? item : item[key];
      input.value = v == null ? '' : v;
      wrap.append(input);
      li.append(wrap);
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove ${(kind === 'text' ? label : kind).toLowerCase()} ${i + 1}`);
    remove.addEventListener('click', () => {
      const list = li.closest('[data-list]');
      const current = collectList(list);
      current.splice(i, 1);
      renderList(list, current);
      changed();
    });
    li.append(remove);
    return li;
  }

  // -- errors beside the field the API named ----------------------------------------------------------
  function clearErrors() {
    document.querySelectorAll('.error').forEach((p) => { p.hidden = true; p.textContent = ''; });
    document.querySelectorAll('.error[data-generated]').forEach((p) => p.remove());
    document.querySelectorAll('[aria-invalid]').forEach((el) => { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); });
  }

  function showErrors(errors) {
    clearErrors();
    const unplaced = [];
    errors.forEach((e, n) => {
      const el = field(e.field);
      let slot = document.querySelector(`[data-error-for="${e.field}"]`);
      if (el) {
        slot = document.createElement('p');
        slot.className = 'error';
        slot.dataset.generated = 'true';
        slot.id = `error-${n}`;
        el.closest('label').after(slot);
        el.setAttribute('aria-invalid', 'true');
        el.setAttribute('aria-describedby', slot.id);
      }
      if (slot) {
        slot.textContent = `${labelOf(e.field)} ${e.message}`;
        slot.hidden = false;
      } else {
        unplaced.push(`${e.field} ${e.message}`);
      }
    });
    alert(unplaced.length ? 'Not saved: ' + unplaced.join('; ') : errors.length ? 'Not saved: please fix the fields marked below.' : null);
  }

  function labelOf(path) {
    const el = field(path);
    const text = el && el.closest('label') ? el.closest('label').firstChild.textContent.trim() : path;
    const n = path.match(/\[(\d+)\]/);
    return n ? `${text} ${Number(n[1]) + 1}` : text;
  }

  function alert(text) {
    $('alert').hidden = !text;
    $('alert').textContent = text || '';
  }

  // -- the live meter -----------------------------------------------------------------------------
  function showCompleteness(completeness, likeYou) {
    $('score').value = completeness.score;
    $('score-text').textContent = `${completeness.score}%`;
    const items = completeness.missing.map((m) => { const li = document.createElement('li'); li.textContent = m.message; return li; });
    if (!items.length) { const li = document.createElement('li'); li.textContent = 'Nothing — ready to submit.'; items.push(li); }
    $('missing').replaceChildren(...items);
    $('like-you').textContent = likeYou && likeYou.summary ? likeYou.summary : 'Not enough similar onboardings yet.';
  }

  function changed() {
    state.dirty = true;
    $('saved').textContent = 'Unsaved changes';
    stash();
    clearTimeout(state.meterTimer);
    $('meter').setAttribute('aria-busy', 'true');  // the meter is about to change: assistive tech waits for it
    state.meterTimer = setTimeout(measure, 300);
  }

  async function measure() {
    const seq = ++state.meterSeq;
    $('meter').setAttribute('aria-busy', 'true');
    const answer = await call('POST', `${API}/completeness`, collect());
    if (seq !== state.meterSeq) return;          // a newer keystroke is on its way
    $('meter').removeAttribute('aria-busy');
    if (answer.status === 200) {
      clearErrors();
      alert(null);
      showCompleteness(answer.json.completeness, answer.json.customersLikeYou);
    } else if (answer.status === 400 && answer.json) {
      showErrors(answer.json.errors || []);
    }
  }

  // -- unsaved edits survive a reload or a new sign-in ------------------------------------------------
  function stashKey() {
    return state.view ? `onramp-handoff:${state.view.id}` : null;
  }

  function stash() {
    if (stashKey() && state.dirty) sessionStorage.setItem(stashKey(), JSON.stringify({etag: state.etag, base: state.base, content: collect()}));
  }

  // -- one handoff --------------------------------------------------------------------------------
  function show(view, etag) {
    state.view = view;
    state.base = view.content;
    state.etag = etag;
    state.dirty = false;
    $('editor-title').textContent = view.content.account.name;
    $('state').textContent = STATES[view.status] || view.status;
    $('state').className = `state ${view.status.toLowerCase()}`;
    $('review').hidden = !(view.status === 'REVISION_REQUESTED' && view.revisionComments);
    $('review-comments').textContent = view.revisionComments || '';
    const editable = (view.status === 'DRAFT' || view.status === 'REVISION_REQUESTED') && canWrite();
    $('fields').disabled = !editable;
    $('save').hidden = !editable;
    $('submit').hidden = !editable;
    $('override').hidden = true;
    fill(view.content);
    showCompleteness(view.completeness, view.customersLikeYou);
    $('journey').textContent = journeyText(view);
    $('saved').textContent = view.updatedAt ? `Saved ${new Date(view.updatedAt).toLocaleString()}` : '';
    document.title = `Onramp · ${view.content.account.name}`;
  }

  function journeyText(view) {
    if (view.status === 'ACCEPTED') return `Accepted ${new Date(view.acceptedAt).toLocaleDateString()}; the onboarding journey has started.`;
    if (view.status === 'SUBMITTED') return 'Submitted; the CS lead reviews it next.';
    if (view.status === 'REVISION_REQUESTED') return 'Waiting for your changes; submit again when they are done.';
    return 'Starts when CS accepts the handoff.';
  }

  function canWrite() {
    return state.me && state.me.roles.some((r) => r === 'sales' || r === 'onramp-admin');
  }

  async function open(id) {
    const answer = await call('GET', `${API}/${encodeURIComponent(id)}`);
    if (answer.status !== 200) {
      status(answer.status === 404 ? `There is no handoff ${id}.` : `The handoff could not be loaded (${answer.status}).`);
      return;
    }
    show(answer.json, answer.etag);
    const stashed = sessionStorage.getItem(stashKey());
    if (stashed) {
      const kept = JSON.parse(stashed);
      if (JSON.stringify(kept.content) !== JSON.stringify(collect()) && !$('fields').disabled) {
        if (kept.etag === answer.etag) {
          fill(kept.content);
          changed();
          status('Your unsaved edits are back; save them when ready.');
        } else {
          await mergeTheirs(answer.json, answer.etag, kept.content, kept.base || answer.json.content);
        }
      }
    }
    $('list').hidden = true;
    $('editor').hidden = false;
    status(null);
  }

  async function save() {
    const answer = await call('PUT', `${API}/${encodeURIComponent(state.view.id)}`, collect(), state.etag);
    if (answer.status === 200) {
      sessionStorage.removeItem(stashKey());
      show(answer.json, answer.etag);
      $('conflict').hidden = true;
      clearErrors();
      alert(null);
      $('saved').textContent = `Saved at ${new Date().toLocaleTimeString()}`;
      return true;
    }
    if (answer.status === 400) showErrors(answer.json.errors || []);
    else if (answer.status === 412) await conflict();
    else alert((answer.json && answer.json.detail) || `Not saved (${answer.status}).`);
    return false;
  }

  /** Someone saved meanwhile: take their changes where the rep changed nothing, keep the rep's edits where they did. */
  async function conflict() {
    const theirs = await call('GET', `${API}/${encodeURIComponent(state.view.id)}`);
    mergeTheirs(theirs.json, theirs.etag, collect(), state.base);
  }

  async function mergeTheirs(theirs, etag, mine, base) {
    const history = await call('GET', `${API}/${encodeURIComponent(theirs.id)}/history`);
    const last = history.status === 200 && history.json.length ? history.json[history.json.length - 1] : null;
    const merged = {};
    const notes = [];
    const keys = new Set([...Object.keys(base || {}), ...Object.keys(theirs.content), ...Object.keys(mine)]);
    keys.forEach((k) => {
      const b = JSON.stringify(base ? base[k] : undefined), t = JSON.stringify(theirs.content[k]), m = JSON.stringify(mine[k]);
      if (t === b) { if (mine[k] !== undefined) merged[k] = mine[k]; return; }
      if (m === b) {
        if (theirs.content[k] !== undefined) merged[k] = theirs.content[k];
        notes.push([k, 'their change is now in the form']);
      } else {
        if (mine[k] !== undefined) merged[k] = mine[k];
        notes.push([k, `you both changed it — yours is kept; theirs was: ${summary(theirs.content[k])}`]);
      }
    });
    const editsKept = JSON.stringify(merged);
    show(theirs, etag);
    fill(JSON.parse(editsKept));
    state.dirty = true;
    $('saved').textContent = 'Unsaved changes';
    $('conflict-who').textContent = last ? `${last.actor} saved version ${theirs.version} at ${new Date(last.at).toLocaleTimeString()}.`
      : `Version ${theirs.version} was saved.`;
    $('conflict-fields').replaceChildren(...notes.map(([k, text]) => {
      const li = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = k;
      li.append(name, `: ${text}`);
      return li;
    }));
    $('conflict').hidden = false;
    stash();
    measure();
  }

  function summary(v) {
    if (v === undefined || v === null) return '(empty)';
    if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'object' ? Object.values(x).filter(Boolean).join(' / ') : x)).join('; ') : '(none)';
    if (typeof v === 'object') return Object.values(v).filter(Boolean).join(' / ');
    return String(v);
  }

  async function submit(overrideReason) {
    if (state.dirty && !(await save())) return;
    const body = overrideReason === undefined ? {} : {override: {reason: overrideReason}};
    const answer = await call('POST', `${API}/${encodeURIComponent(state.view.id)}/submit`, body, state.etag);
    if (answer.status === 200) {
      sessionStorage.removeItem(stashKey());
      show(answer.json, answer.etag);
      alert(null);
      status('Submitted for review.');
    } else if (answer.status === 409 && answer.json && answer.json.missing) {
      $('override').hidden = false;
      alert('Not submitted: kickoff still needs ' + answer.json.missing.map((m) => m.message).join('; ')
        + '. Add it, or submit with an override and say why.');
      $('override-reason').focus();
    } else if (answer.status === 400 && answer.json) {
      showErrors(answer.json.errors || []);
    } else if (answer.status === 412) {
      await conflict();
    } else {
      alert((answer.json && answer.json.detail) || `Not submitted (${answer.status}).`);
    }
  }

  // -- my handoffs --------------------------------------------------------------------------------
  async function list() {
    const answer = await call('GET', `${API}?owner=${encodeURIComponent(state.me.username)}&limit=200`);
    if (answer.status !== 200) { status(`Your handoffs could not be loaded (${answer.status}).`); return; }
    const order = ['REVISION_REQUESTED', 'DRAFT', 'SUBMITTED', 'ACCEPTED'];
    const groups = order.map((s) => [s, answer.json.filter((h) => h.status === s)]).filter(([, hs]) => hs.length);
    $('groups').replaceChildren(...groups.map(([s, hs]) => {
      const section = document.createElement('section');
      const h = document.createElement('h3');
      h.textContent = `${STATES[s]} (${hs.length})`;
      const ul = document.createElement('ul');
      hs.forEach((handoff) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `?handoff=${encodeURIComponent(handoff.id)}`;
        a.textContent = handoff.content.account.name;
        const meta = document.createElement('span');
        meta.className = 'meta';
        meta.textContent = ` — ${handoff.completeness.score}% ready · changed ${new Date(handoff.updatedAt).toLocaleDateString()}`;
        li.append(a, meta);
        if (s === 'REVISION_REQUESTED' && handoff.revisionComments) {
          const q = document.createElement('blockquote');
          q.textContent = handoff.revisionComments;
          li.append(q);
        }
        ul.append(li);
      });
      section.append(h, ul);
      return section;
    }));
    if (!groups.length) $('groups').textContent = 'No handoffs yet. A deal won in the CRM creates one here for its owner.';
    $('editor').hidden = true;
    $('list').hidden = false;
    status(null);
  }

  function status(text) {
    $('status').textContent = text || '';
  }

  // -- start ----------------------------------------------------------------------------------------
  async function start() {
    const me = await call('GET', 'api/me');
    state.me = me.json;
    $('me').textContent = `Signed in as ${state.me.name}`;
    const form = $('form');
    form.addEventListener('input', changed);
    form.addEventListener('submit', (e) => { e.preventDefault(); save(); });
    $('submit').addEventListener('click', () => submit());
    $('submit-override').addEventListener('click', () => {
      const reason = $('override-reason').value.trim();
      if (!reason) { showErrors([{field: 'override.reason', message: 'must say why kickoff can start without what is missing'}]); return; }
      submit(reason);
    });
    window.addEventListener('pagehide', stash);
    const id = new URLSearchParams(location.search).get('handoff');
    if (id) await open(id); else await list();
  }

  start().catch((e) => status(`The page could not start: ${e.message}`));
})();
