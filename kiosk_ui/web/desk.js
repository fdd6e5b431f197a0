// Reception desk: today's appointments with live arrivals (short polling, rows changed in place:
// desk_today.js), the arrival alert, calling a client, outcomes confirmed and undoable
// (desk_today_outcome.js), planning by the rules (desk_plan.js), the sync status in plain words
// and the conflicts. Staff sign in; every change carries the CSRF token the agent gave at sign-in
// (desk_api.js). A client's file, the search and the list of services to close are hash routes
// (desk_routes.js), so Back works. Every text is in the chosen language (desk_i18n.js).
import { api, setCsrf, onSignedOut } from './desk_api.js';
import { $, el } from './desk_format.js';
import { startRoutes, showTodayRoute } from './desk_routes.js';
import { renderConflicts } from './desk_conflicts.js';
import { LANGUAGES, t, setLang, lang, onLanguage, startLanguage } from './desk_i18n.js';
import { dayText } from './coach_date.js';
import './desk_today_texts.js';
import { startTable, renderRows, setMe, setFilter, patchRow, showMessage, waitingCount, retranslate } from './desk_today.js';
import { startOutcomes, chooseOutcome, keepCsrf, sendPending, sendPendingOnLeave, dropPending, settlePending } from './desk_today_outcome.js';
import { startPlanning, setStaff, openPlan } from './desk_plan.js';
import { renderSync, forgetSync } from './desk_today_sync.js';
import { announceArrivals, showWaiting, setMuted, isMuted, unlockSound } from './desk_today_alert.js';
import { setAgentNow } from './desk_today_time.js';

let pollTimer = null;
let loaded = false;
let lastBody = null;
let conflictsShown = '';
let staffShown = '';

function showLogin(message = '') {
  clearInterval(pollTimer);
  const lost = dropPending();
  if (lost.length) message = [message, t('pending.lost', { names: lost.join(', ') })].filter(Boolean).join(' ');
  $('desk').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('username').focus();
}

function fillStaffFilter(staff) {
  const key = JSON.stringify(staff) + lang();
  if (key === staffShown) return;
  staffShown = key;
  const select = $('filter-staff');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', textContent: t('today.everyone') }),
    ...staff.map((s) => el('option', { value: s.id, textContent: s.name })));
  select.value = staff.some((s) => s.id === chosen) ? chosen : '';
}

function render(body) {
  setAgentNow(body.now);
  setMe(body.me);
  setStaff(body.staff);
  fillStaffFilter(body.staff || []);
  $('today').textContent = dayText(body.date);
  const arrived = renderRows(body.appointments, { first: !loaded });
  settlePending();
  loaded = true;
  announceArrivals(arrived);
  showWaiting(waitingCount());
  renderSync(body.sync);
  // The conflict list is drawn again only when it changed (a rebuild would take the focus).
  const conflicts = JSON.stringify(body.conflicts) + lang();
  if (conflicts !== conflictsShown) { conflictsShown = conflicts; renderConflicts(body.conflicts, refresh); }
}

async function refresh() {
  const { status, body } = await api('/api/v1/desk/today');
  if (status !== 200) return;
  lastBody = body;
  render(body);
}

async function call(a) {
  let answer;
  try {
    answer = await api(`/api/v1/desk/appointments/${encodeURIComponent(a.id)}/call`, { method: 'POST', body: '{}' });
  } catch (e) {
    if (e.message !== 'signed out') showMessage(a.id, t('result.network'), 'network');
    return;
  }
  const { status, body } = answer;
  if (status === 200) {
    patchRow(a.id, { queue_number: body.queue_number, called_at: body.called_at });
    showMessage(a.id, t('today.called', { name: a.client_name, n: body.queue_number }), 'called');
    showWaiting(waitingCount());
  } else {
    const code = (body.error && body.error.code) || `http_${status}`;
    showMessage(a.id, code === 'not_checked_in' ? t('today.not_checked_in') : t('result.failed'), code);
  }
}

async function checkResidence(a, box) {
  const { status } = await api(`/api/v1/desk/clients/${encodeURIComponent(a.client_id)}/residence-check`, { method: 'POST', body: '{}' })
    .catch(() => ({ status: 0 }));
  if (status === 200) { patchRow(a.id, { residence_checked: true }); return; }
  box.checked = false;
  showMessage(a.id, t('today.residence_failed'), 'residence_failed');
}

function startDesk(staffName, csrf) {
  setCsrf(csrf);
  keepCsrf(csrf);
  $('login').hidden = true;
  $('desk').hidden = false;
  $('staff-name').textContent = staffName;
  startRoutes();
  refresh();
  clearInterval(pollTimer);
  // Arrivals, waiting minutes and the sync bar change without reload.
  pollTimer = setInterval(() => refresh().catch(() => {}), 2000);
}

function startControls() {
  const langSelect = $('lang-select');
  langSelect.replaceChildren(...LANGUAGES.map(([code, name]) => el('option', { value: code, textContent: name, lang: code })));
  langSelect.value = lang();
  langSelect.addEventListener('change', () => setLang(langSelect.value));
  onLanguage(() => {
    forgetSync();
    retranslate();
    if (lastBody) render(lastBody);
  });
  $('filter-mine').addEventListener('change', (e) => setFilter('mine', e.target.checked));
  $('filter-open').addEventListener('change', (e) => setFilter('open', e.target.checked));
  $('filter-staff').addEventListener('change', (e) => setFilter('staff', e.target.value));
  $('filter-name').addEventListener('input', (e) => setFilter('name', e.target.value));
  $('today-filters').addEventListener('submit', (e) => e.preventDefault());
  $('sound-toggle').checked = !isMuted();
  $('sound-toggle').addEventListener('change', (e) => { setMuted(!e.target.checked); if (e.target.checked) unlockSound(); });
}

async function signIn(e) {
  e.preventDefault();
  unlockSound();
  const { status, body } = await api('/api/v1/desk/login', {
    method: 'POST', body: JSON.stringify({ username: $('username').value, password: $('password').value })
  });
  $('password').value = '';
  if (status === 200) { startDesk(body.staff_name, body.csrf_token); return; }
  $('login-error').textContent = status === 429 ? t('desk.paused') : t('desk.wrong_password');
}

async function init() {
  startLanguage();
  document.title = t('desk.title');
  onSignedOut(showLogin);
  showTodayRoute(refresh);
  startTable($('appointments'), { outcome: chooseOutcome, plan: (a) => openPlan(a), call, residence: checkResidence });
  startOutcomes({ refresh, plan: openPlan });
  startPlanning({ refresh });
  startControls();
  $('login-form').addEventListener('submit', signIn);
  $('logout').addEventListener('click', async () => {
    // What was confirmed is recorded before leaving; if it cannot be, the desk stays signed in
    // with the row saying so.
    if (!(await sendPending().catch(() => false))) return;
    await api('/api/v1/desk/logout', { method: 'POST', body: '{}' }).catch(() => {});
    setCsrf('');
    showLogin();
  });
  window.addEventListener('pagehide', sendPendingOnLeave);
  const response = await fetch('/api/v1/desk/session', { credentials: 'same-origin' });
  if (response.ok) {
    const body = await response.json();
    startDesk(body.staff_name, body.csrf_token);
  } else {
    showLogin();
  }
}

init();  // a module runs after the document is parsed
