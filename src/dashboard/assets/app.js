// sinchctl dashboard: follows listen's event stream and renders it; the
// send and replay buttons post to this same origin with the page's token.
'use strict';

const TOKEN = document.querySelector('meta[name="sinchctl-token"]').content;
const MAX_REQUEST_ROWS = 500;
const $ = (id) => document.getElementById(id);
const state = { config: null, open: new Set(), selected: null, detail: null, rows: new Map() };

// Builds an element; children are nodes or text (never parsed as HTML).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleTimeString();
}

function badge(text, cls) {
  return el('span', { class: 'badge ' + cls }, text);
}

// ---- messages ----
function messageCells(m) {
  const code = m.code ? m.code + (m.code_meaning ? ' ' + m.code_meaning : '') : (m.code_meaning || '');
  return [
    el('td', { class: 'mono' }, m.id),
    el('td', { class: 'mono' }, m.recipient || ''),
    el('td', {}, badge(m.status, 'status c-' + m.class)),
    el('td', {}, code),
    el('td', {}, m.client_reference || ''),
    el('td', {}, time(m.last_report)),
    el('td', { class: 'num' }, m.reports),
  ];
}

function historyRow(m) {
  const items = m.history.map((h) =>
    el('div', {}, badge(h.status, 'c-' + classOf(h.status)), ' ',
      h.code ? 'code ' + h.code + ' ' : '',
      h.at ? 'at ' + time(h.at) + ' ' : '',
      el('span', { class: 'dim' }, '(received ' + time(h.received_at) + ')')));
  if (!items.length) items.push(el('div', { class: 'dim' }, 'no reports yet'));
  return el('tr', { class: 'history', 'data-history': m.key }, el('td', { colSpan: 7 }, ...items));
}

function classOf(status) {
  const s = (status || '').toUpperCase();
  if (['QUEUED', 'DISPATCHED', 'QUEUED_ON_CHANNEL', 'SWITCHING_CHANNEL'].includes(s)) return 'intermediate';
  if (['DELIVERED', 'READ'].includes(s)) return 'success';
  if (['FAILED', 'REJECTED', 'EXPIRED', 'ABORTED', 'CANCELLED', 'CANCELED', 'DELETED'].includes(s)) return 'failure';
  return 'unknown';
}

function upsertMessage(m) {
  const body = $('messages').tBodies[0];
  let row = state.rows.get(m.key);
  const fresh = el('tr', { 'data-key': m.key, 'data-class': m.class, title: 'click for the status history' },
    ...messageCells(m));
  fresh.addEventListener('click', () => toggleHistory(m.key));
  fresh._message = m;
  if (row) {
    row.replaceWith(fresh);
  } else {
    body.prepend(fresh);
  }
  state.rows.set(m.key, fresh);
  const old = body.querySelector('tr[data-history="' + CSS.escape(m.key) + '"]');
  if (old) old.remove();
  if (state.open.has(m.key)) fresh.after(historyRow(m));
  $('messages-empty').hidden = true;
  $('messages-count').textContent = '(' + state.rows.size + ')';
}

function toggleHistory(key) {
  if (state.open.has(key)) state.open.delete(key); else state.open.add(key);
  const row = state.rows.get(key);
  if (row) upsertMessage(row._message);
}

// ---- requests ----
function requestRow(r) {
  const from = [r.forwarded_for || r.peer];
  if (r.forwarded_for) from.push(el('span', { class: 'fwd', title: 'from X-Forwarded-For; peer ' + r.peer }, 'fwd'));
  const what = r.verdict === 'rejected' || r.verdict === 'forward_failed'
    ? [el('span', { class: 'reason' }, r.reason || ''), r.cause ? el('span', { class: 'cause' }, 'likely cause: ' + r.cause) : null]
    : [r.summary || (r.size + ' bytes')];
  const tr = el('tr', { 'data-id': r.id, 'data-verdict': r.verdict },
    el('td', {}, time(r.at)),
    el('td', {}, badge(r.verdict.replace('_', ' '), 'verdict v-' + r.verdict), ' ', el('span', { class: 'dim' }, r.status)),
    el('td', { class: 'mono' }, ...from),
    el('td', { class: 'mono' }, r.method + ' ' + r.path),
    el('td', {}, ...what));
  tr.addEventListener('click', () => select(r.id));
  return tr;
}

function addRequest(r) {
  const body = $('requests').tBodies[0];
  body.prepend(requestRow(r));
  while (body.rows.length > MAX_REQUEST_ROWS) body.deleteRow(-1);
  $('requests-empty').hidden = true;
}

async function select(id) {
  state.selected = id;
  for (const tr of $('requests').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.id === String(id));
  let resp;
  try {
    resp = await fetch('/api/requests/' + id, { headers: { 'x-sinchctl-token': TOKEN } });
  } catch (e) {
    showResult('detail-result', false, 'cannot reach listen: ' + e.message);
    return;
  }
  const section = $('detail-section');
  section.hidden = false;
  if (!resp.ok) {
    state.detail = null;
    $('detail-title').textContent = '#' + id;
    $('detail-headers').textContent = '';
    $('detail-body').textContent = (await resp.json()).error;
    $('detail-curl').textContent = '';
    return;
  }
  const d = await resp.json();
  state.detail = d;
  $('detail-title').textContent = '#' + d.id + ' ' + d.method + ' ' + d.path;
  $('detail-headers').textContent = d.headers.map(([n, v]) => n + ': ' + v).join('\n');
  // The raw body, byte for byte as it arrived (a trailing newline matters to a signature).
  $('detail-body').textContent = d.body;
  $('detail-curl').textContent = curlOf(d);
  $('detail-result').textContent = '';
}

function shq(s) {
  return "'" + String(s).replace(/'/g, "'\\''") + "'";
}

// The request as received, and the same body freshly signed by `sinchctl sign`.
function curlOf(d) {
  const url = state.config ? state.config.listen_url : 'http://127.0.0.1:8080/';
  const keep = d.headers.filter(([n]) => n === 'content-type' || n.startsWith('x-sinch-'));
  const parts = ['curl -sS -X POST ' + shq(url)];
  for (const [n, v] of keep) parts.push('  -H ' + shq(n + ': ' + v));
  parts.push('  --data-binary ' + shq(d.body));
  return '# as received (a verifying receiver refuses it as a replayed nonce):\n' + parts.join(' \\\n') +
    '\n\n# the same body with a fresh signature:\nprintf %s ' + shq(d.body) +
    ' | sinchctl sign --format curl --url ' + shq(url) + ' | sh\n';
}

async function copyCurl() {
  const text = $('detail-curl').textContent;
  try {
    await navigator.clipboard.writeText(text);
    showResult('detail-result', true, 'copied');
  } catch (_) {
    const range = document.createRange();
    range.selectNodeContents($('detail-curl'));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    showResult('detail-result', true, 'selected: press Ctrl+C to copy');
  }
}

async function post(path, payload) {
  const resp = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sinchctl-token': TOKEN },
    body: JSON.stringify(payload),
  });
  let data = {};
  try { data = await resp.json(); } catch (_) { data = { error: 'answer was not JSON' }; }
  return { ok: resp.ok, data };
}

function showResult(id, ok, text) {
  const n = $(id);
  n.className = 'result ' + (ok ? 'ok' : 'err');
  n.textContent = text;
}

async function replay(target) {
  if (!state.detail) return;
  try {
    const { ok, data } = await post('/api/replay', { id: state.detail.id, target });
    if (ok) showResult('detail-result', data.status < 300, 'replayed to ' + data.url + ': ' + data.status + ' ' + data.answer);
    else showResult('detail-result', false, data.error);
  } catch (e) {
    showResult('detail-result', false, 'cannot reach listen: ' + e.message);
  }
}

// ---- inbound, counts, config ----
function addInbound(m) {
  const list = $('inbound');
  list.prepend(el('li', {},
    el('b', { class: 'mono' }, m.from || '?'), ' → ', el('span', { class: 'mono' }, m.to || '?'),
    ' ', el('span', { class: 'dim' }, time(m.at)), el('div', {}, m.text || '')));
  while (list.children.length > 500) list.lastChild.remove();
  $('inbound-empty').hidden = true;
}

function renderCounts(c) {
  const items = [['requests', c.requests], ['accepted', c.accepted]];
  const rejected = Object.values(c.rejected).reduce((a, b) => a + b, 0);
  items.push(['rejected', rejected]);
  if (c.forward_failed) items.push(['forward failed', c.forward_failed]);
  for (const [cls, n] of Object.entries(c.by_class)) items.push([cls, n]);
  items.push(['inbound', c.inbound]);
  $('counts').replaceChildren(...items.map(([k, v]) => el('li', { 'data-count': k }, k + ' ', el('b', {}, v))));
}

function applyConfig(cfg) {
  state.config = cfg;
  const select = $('send-report');
  if (!select.options.length) {
    for (const t of cfg.report_types) select.append(el('option', { value: t }, t));
    select.value = 'per_recipient';
  }
  const cb = $('send-callback');
  if (!cb.value && cfg.callback_url) cb.value = cfg.callback_url;
  const form = $('send-form');
  for (const input of form.elements) input.disabled = !cfg.send_enabled;
  const notice = $('send-disabled');
  notice.hidden = cfg.send_enabled;
  notice.textContent = cfg.send_enabled ? '' : 'Sending is off: ' + cfg.send_disabled;
  $('replay-forward').hidden = !cfg.forward_to;
}

async function submitSend(ev) {
  ev.preventDefault();
  const form = ev.target;
  const payload = Object.fromEntries(new FormData(form).entries());
  $('send-submit').disabled = true;
  showResult('send-result', true, 'sending…');
  try {
    const { ok, data } = await post('/api/send', payload);
    if (ok) showResult('send-result', true, 'batch ' + data.batch_id + ' sent to ' + data.to.length +
      (data.to.length === 1 ? ' recipient' : ' recipients'));
    else showResult('send-result', false, data.error);
  } catch (e) {
    showResult('send-result', false, 'cannot reach listen: ' + e.message);
  } finally {
    $('send-submit').disabled = !(state.config && state.config.send_enabled);
  }
}

// ---- the stream ----
function connect() {
  const es = new EventSource('/events?token=' + encodeURIComponent(TOKEN));
  const on = (name, fn) => es.addEventListener(name, (e) => fn(JSON.parse(e.data)));
  es.onopen = () => { $('conn').className = 'conn on'; $('conn').textContent = 'live'; };
  es.onerror = () => { $('conn').className = 'conn off'; $('conn').textContent = 'reconnecting…'; };
  on('config', applyConfig);
  on('snapshot', (s) => {
    $('messages').tBodies[0].replaceChildren();
    $('requests').tBodies[0].replaceChildren();
    $('inbound').replaceChildren();
    state.rows.clear();
    s.messages.forEach(upsertMessage);
    s.requests.forEach(addRequest);
    s.inbound.forEach(addInbound);
    renderCounts(s.counts);
  });
  on('request', addRequest);
  on('message', upsertMessage);
  on('inbound', addInbound);
  on('counts', renderCounts);
}

$('send-form').addEventListener('submit', submitSend);
$('copy-curl').addEventListener('click', copyCurl);
$('replay-listen').addEventListener('click', () => replay('listen'));
$('replay-forward').addEventListener('click', () => replay('forward'));
connect();
