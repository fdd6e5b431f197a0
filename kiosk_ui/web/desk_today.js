// Today's table at the desk, for a whole shift: one compact line per appointment, keyed by its id
// and changed in place on every update (only the cells whose words changed are touched), so a
// click, a press held down or the keyboard focus is never lost to a rebuild. Under each row a
// panel of its own holds what belongs to it: a confirmation, the undo of an absence, the plan
// form, the result message. Filters (mine, per mediator, open only, by name) hide rows, never
// remove them; a "now" line sits between the past and the coming appointments.
import { el } from './desk_format.js';
import { t, lang } from './desk_i18n.js';
import { dayText } from './coach_date.js';
import { agentNow, clockText, minutesSince, nowLabel } from './desk_today_time.js';

const LATE_MIN = 5;  // minutes of grace before a client (or the desk) counts as late
const rows = new Map();  // appointment id → { a, tr, panelRow, parts }
let handlers = {};
let tbody = null;
let nowRow = null;
const filters = { mine: false, staff: '', open: false, name: '' };
let me = '';

export function startTable(body, actions) { tbody = body; handlers = actions; }
export function setMe(id) { me = id; }
export function setFilter(name, value) { filters[name] = value; applyFilters(); }
export const rowOf = (id) => rows.get(id);
export const appointments = () => [...rows.values()].map((r) => r.a);

function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
function setHidden(node, hidden) { if (node.hidden !== hidden) node.hidden = hidden; }
function setClass(node, name, on) { if (node.classList.contains(name) !== on) node.classList.toggle(name, on); }
function setAttr(node, name, value) { if (node.getAttribute(name) !== value) node.setAttribute(name, value); }

// A rule result in the desk's language: its code's text here, else the agent's own message.
export function ruleText(result) {
  if (!result) return '';
  const due = result.due ? dayText(result.due) : '';
  const key = `rule.${result.reason_code}`;
  const text = t(key, { due });
  if (text !== key) return text;
  return lang() === 'en' ? result.message_en || result.message_nl : result.message_nl || result.message_en || '';
}

const fold = (s) => String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function visible(a) {
  if (filters.mine && a.staff_id !== me) return false;
  if (filters.staff && a.staff_id !== filters.staff) return false;
  if (filters.open && a.outcome) return false;
  if (filters.name && !fold(a.client_name).includes(fold(filters.name))) return false;
  return true;
}

// A row's panel shows when the row does and there is something in it.
function showPanelRow(r) {
  setHidden(r.panelRow, !visible(r.a) || (!r.parts.panel.hasChildNodes() && !r.parts.message.textContent));
}

export function applyFilters() {
  let shown = 0;
  for (const r of rows.values()) {
    const on = visible(r.a);
    shown += on ? 1 : 0;
    setHidden(r.tr, !on);
    showPanelRow(r);
  }
  const empty = document.getElementById('today-empty');
  if (empty) setHidden(empty, shown > 0 || rows.size === 0);
}

function button(text, className, onclick, attrs = {}) {
  return el('button', { type: 'button', className, textContent: text, onclick, attrs });
}

function actionCell(id, p) {
  const menuId = `menu-${id}`;
  const act = (name) => () => handlers[name](rows.get(id).a);
  const outcome = (value) => () => { closeMenu(p); handlers.outcome(rows.get(id).a, value); };
  p.outcomeText = el('span', { className: 'outcome-text' });
  p.call = button('', 'call', act('call'));
  p.present = button('', 'secondary present', outcome('present'), { 'data-outcome': 'present' });
  p.more = button('', 'secondary more', () => toggleMenu(p), { 'aria-expanded': 'false', 'aria-controls': menuId });
  p.absentValid = button('', 'secondary', outcome('absent_valid'), { 'data-outcome': 'absent_valid' });
  p.absentInvalid = button('', 'secondary danger', outcome('absent_invalid'), { 'data-outcome': 'absent_invalid' });
  p.reschedule = button('', 'secondary', outcome('reschedule'), { 'data-outcome': 'reschedule' });
  p.plan = button('', 'secondary plan-next', () => { closeMenu(p); handlers.plan(rows.get(id).a); });
  p.menu = el('div', { id: menuId, className: 'row-menu', hidden: true },
    p.absentValid, p.absentInvalid, p.reschedule, p.plan);
  p.menu.addEventListener('keydown', (e) => { if (e.key === 'Escape') { closeMenu(p); p.more.focus(); } });
  return el('td', { className: 'actions' }, p.outcomeText, p.call, p.present, p.more, p.menu);
}

function toggleMenu(p) {
  const open = p.menu.hidden;
  p.menu.hidden = !open;
  p.more.setAttribute('aria-expanded', String(open));
  p.more.dataset.toggles = String(Number(p.more.dataset.toggles || 0) + 1);
}
function closeMenu(p) { p.menu.hidden = true; p.more.setAttribute('aria-expanded', 'false'); }

function createRow(a) {
  const p = {};
  p.time = el('span', { className: 'time-text' });
  p.flag = el('span', { className: 'flag', hidden: true });
  p.link = el('a', { className: 'client-link', href: `#/klant/${encodeURIComponent(a.client_id)}` });
  p.kind = el('span', { className: 'badge' });
  p.registered = el('span', { className: 'badge registered', hidden: true });
  p.staff = el('td', { className: 'staff' });
  p.place = el('td', { className: 'place' });
  p.arrival = el('span', { className: 'arrival-text' });
  p.queue = el('span', { className: 'queue', hidden: true });
  p.residence = el('td', { className: 'residence' });
  p.advice = el('td', { className: 'advice' });
  const tr = el('tr', { className: 'appointment' },
    el('td', { className: 'time' }, p.time, p.flag),
    el('th', { scope: 'row', className: 'client' }, p.link, ' ', p.kind, p.registered),
    p.staff, p.place, el('td', { className: 'arrival' }, p.arrival, p.queue),
    p.residence, actionCell(a.id, p), p.advice);
  tr.dataset.id = a.id;
  p.message = el('p', { className: 'row-message', tabIndex: -1 });
  p.panel = el('div', { className: 'row-panel' });
  const panelRow = el('tr', { className: 'panel-row', hidden: true },
    el('td', { colSpan: 8 }, p.message, p.panel));
  panelRow.dataset.for = a.id;
  return { a, tr, panelRow, parts: p };
}

function staffName(a) { return a.staff_name || '–'; }

function arrivalText(a) {
  if (!a.arrived_at) return t('today.not_arrived');
  const parts = [t('today.arrived_at', { time: clockText(a.arrived_at) })];
  if (a.called_at) parts.push(t('today.called_at', { time: clockText(a.called_at) }));
  else if (!a.outcome) parts.push(t('today.waiting', { n: minutesSince(a.arrived_at) }));
  return parts.join(' · ');
}

// Client late: not here 5 minutes after the hour. Overdue: here, not called 5 minutes after it.
function lateness(a) {
  if (a.outcome) return '';
  const late = agentNow() - Date.parse(a.starts_at) > LATE_MIN * 60000;
  if (!late) return '';
  if (!a.arrived_at) return 'client_late';
  return a.called_at ? '' : 'overdue';
}

function updateCells(r, a, firstOfClient) {
  const p = r.parts;
  setText(p.time, clockText(a.starts_at));
  const late = lateness(a);
  setHidden(p.flag, !late);
  setText(p.flag, late ? t(`today.${late}`) : '');
  r.tr.dataset.late = late;
  setText(p.link, a.client_name);
  setText(p.kind, t(a.kind === 'first' ? 'today.first' : 'today.regular'));
  setHidden(p.registered, !a.registered);
  setText(p.registered, t('today.registered'));
  setText(p.staff, staffName(a));
  setText(p.place, a.location || '–');
  setText(p.arrival, arrivalText(a));
  setHidden(p.queue, !a.queue_number);
  setText(p.queue, a.queue_number ? t('today.queue', { n: a.queue_number }) : '');
  setClass(r.tr, 'arrived', Boolean(a.arrived_at));
  setClass(r.tr, 'done', Boolean(a.outcome));
  setClass(r.tr, 'waiting', Boolean(a.arrived_at && !a.called_at && !a.outcome));
  updateActions(p, a);
  updateResidence(r, a, firstOfClient);
  const advice = (a.guidance || []).filter((g) => g.reason_code !== 'contact.verify_residence_and_work_permit');
  const adviceText = advice.map(ruleText).join(' ');
  setText(p.advice, adviceText);
  setAttr(p.advice, 'title', adviceText);
  p.advice.dataset.codes = advice.map((g) => g.reason_code).join(' ');
}

// Once completed, the outcome buttons leave the row (not only hidden: nothing can press them);
// they come back only if central refused the outcome.
function attach(node, present, before) {
  if (present && node.parentNode !== before.parentNode) before.parentNode.insertBefore(node, before);
  if (!present && node.parentNode) node.remove();
}

function updateActions(p, a) {
  const open = !a.outcome;
  setText(p.outcomeText, a.outcome ? t(`outcome.done_${a.outcome}`) : '');
  setHidden(p.outcomeText, open);
  attach(p.call, open, p.present.parentNode ? p.present : p.more);
  attach(p.present, open, p.more);
  for (const node of [p.absentValid, p.absentInvalid, p.reschedule]) attach(node, open, p.plan);
  setHidden(p.call, !(open && a.arrived_at));
  setText(p.call, t('today.call'));
  setAttr(p.call, 'aria-label', t('today.call_for', { name: a.client_name }));
  setHidden(p.present, !open);
  setText(p.present, t('today.present'));
  setAttr(p.present, 'aria-label', t('today.present_for', { name: a.client_name }));
  setText(p.more, `${t('today.more')} ▾`);
  setAttr(p.more, 'aria-label', t('today.more_for', { name: a.client_name }));
  for (const [node, key] of [[p.absentValid, 'absent_valid'], [p.absentInvalid, 'absent_invalid'], [p.reschedule, 'reschedule']]) {
    setText(node, t(`outcome.${key}`));
  }
  setText(p.plan, t('outcome.plan_next'));
}

// The residence and work-permit box: on the client's first row of the day only.
function updateResidence(r, a, firstOfClient) {
  const p = r.parts;
  if (!firstOfClient) { if (p.residence.hasChildNodes()) p.residence.replaceChildren(); return; }
  if (!p.check) {
    p.check = el('input', { type: 'checkbox', className: 'residence-check' });
    p.check.addEventListener('click', (e) => {
      if (rows.get(a.id).a.residence_checked) { e.preventDefault(); return; }  // a fact stays
      handlers.residence(rows.get(a.id).a, p.check);
    });
  }
  if (p.check.parentNode !== p.residence) p.residence.replaceChildren(p.check);
  if (p.check.checked !== Boolean(a.residence_checked) && a.residence_checked) p.check.checked = true;
  setAttr(p.check, 'aria-label', t('today.residence_for', { name: a.client_name }));
  setAttr(p.check, 'title', t('today.residence_for', { name: a.client_name }));
}

// The rows in the answer's order, moved only when out of place (moving a node drops its focus).
function place(list) {
  if (nowRow && nowRow.parentNode) nowRow.remove();
  let cursor = tbody.firstElementChild;
  for (const r of list) {
    for (const node of [r.tr, r.panelRow]) {
      if (cursor === node) cursor = cursor.nextElementSibling;
      else tbody.insertBefore(node, cursor);
    }
  }
  for (const [id, r] of rows) {
    if (!list.includes(r)) { r.tr.remove(); r.panelRow.remove(); rows.delete(id); }
  }
  nowRow = nowRow || el('tr', { className: 'now-line' }, el('td', { colSpan: 8 }, el('span', { className: 'now-label' })));
  nowRow.firstChild.firstChild.textContent = nowLabel();
  const next = list.find((r) => Date.parse(r.a.starts_at) > agentNow());
  tbody.insertBefore(nowRow, next ? next.tr : null);
}

// One update: the agent's list (each row's data merged with what the page knows, such as a call
// just made). Returns the names of clients who arrived since the last update.
export function renderRows(list, { first = false } = {}) {
  const arrived = [];
  const seen = new Set();
  const ordered = list.map((a) => {
    let r = rows.get(a.id);
    if (!r) { r = createRow(a); rows.set(a.id, r); } else if (!r.a.arrived_at && a.arrived_at && !first) arrived.push(a.client_name);
    r.a = { ...a, called_at: a.called_at || r.a.called_at, queue_number: a.queue_number || r.a.queue_number };
    updateCells(r, r.a, !seen.has(a.client_id));
    seen.add(a.client_id);
    return r;
  });
  place(ordered);
  applyFilters();
  return arrived;
}

// Merges what the page learned (a call's answer) and redraws that row only.
export function patchRow(id, changes) {
  const r = rows.get(id);
  if (!r) return;
  r.a = { ...r.a, ...changes };
  const firstOfClient = appointments().find((a) => a.client_id === r.a.client_id).id === id;
  updateCells(r, r.a, firstOfClient);
  applyFilters();
}

export function waitingCount() {
  let n = 0;
  for (const r of rows.values()) if (r.a.arrived_at && !r.a.called_at && !r.a.outcome) n++;
  return n;
}

// The row's own message (next to it, not at the top) and panel.
export function showMessage(id, text, code = '') {
  const r = rows.get(id);
  if (!r) return;
  r.parts.message.textContent = text;
  r.parts.message.dataset.code = code;
  r.parts.message.hidden = !text;
  showPanelRow(r);
  const live = document.getElementById('results-live');
  if (live && text) live.textContent = `${r.a.client_name}: ${text}`;
}

export function showPanel(id, ...content) {
  const r = rows.get(id);
  if (!r) return;
  r.parts.panel.replaceChildren(...content);
  showPanelRow(r);
}

// Redraws every text (after a language change), keeping rows and focus.
export function retranslate() {
  renderRows(appointments(), { first: true });
}
