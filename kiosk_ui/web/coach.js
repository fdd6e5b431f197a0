// The field coach's pages (issue 14) on the coach's own laptop, offline for days: sign-in (the
// desk's sessions), the caseload, a client's file with progress bars and warnings, forms for
// visits, stage hours and a sheet's work plan, conflicts to review, the CSV export and the sync
// bar. Screens are hash routes, so Back works:
//   #/klanten                                the caseload (coach_caseload.js)
//   #/klant/ID                               a client's file (coach_file.js)
//   #/klant/ID/bezoek/SERVICE[/VISIT]        a new visit, or an edit of one (coach_forms.js)
//   #/klant/ID/werkplan/SHEET                a sheet's work points and assignments (coach_plan.js)
// After a change the file is read again: the agent's answer holds what central has not yet.
import { api, setCsrf, onSignedOut } from './desk_api.js';
import { $, el, fullName } from './desk_format.js';
import { getStatus, getCoachClient } from './coach_api.js';
import { renderSync } from './coach_sync.js';
import { renderCaseload } from './coach_caseload.js';
import { renderFile, showFileResult } from './coach_file.js';
import { visitForm } from './coach_forms.js';
import { workPlanForm } from './coach_plan.js';

let pollTimer = null;
let lastPending = null;
let pendingResult = null;  // shown on the file after a form moved back to it
let shownResult = null;  // { hash, result } the file shows
let started = false;

function showLogin(message = '') {
  clearInterval(pollTimer);
  $('coach').hidden = true;
  $('skip').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('username').focus();
}

function show(view, title) {
  for (const id of ['view-caseload', 'view-client']) $(id).hidden = id !== view;
  document.title = `${title} — Onthaal jobcoach`;
  const current = view === 'view-caseload';
  for (const a of document.querySelectorAll('.bar nav a')) {
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

function focusHeading(root) {
  const h1 = root.querySelector('h1');
  if (h1) { h1.tabIndex = -1; h1.focus({ preventScroll: true }); }
  window.scrollTo(0, 0);
}

// Moves to `hash` (or draws it again) and shows `result` there.
export function go(hash, result) {
  pendingResult = result || null;
  if (result && result.ok) setTimeout(() => poll().catch(() => {}), 50);  // the bar counts the change
  if (location.hash === hash) route().catch(() => {}); else location.hash = hash;
}

function notFound(root) {
  show('view-client', 'Klant niet gevonden');
  root.replaceChildren(el('h1', { textContent: 'Klant niet gevonden' }),
    el('p', { textContent: 'Deze klant staat niet in uw caseload op deze laptop.' }),
    el('a', { href: '#/klanten', textContent: '← Mijn klanten', className: 'back' }));
  focusHeading(root);
}

async function clientRoute(id, sub, { keepFocus = false, stillIdle = null } = {}) {
  const root = $('view-client');
  const { status, body } = await getCoachClient(id);
  // Read again by itself: not over what the coach began to type meanwhile.
  if (stillIdle && !stillIdle()) return undefined;
  if (status !== 200) return notFound(root);
  const [page, target, visitId] = sub;
  if (page === 'bezoek') {
    const service = body.services.find((s) => s.id === target);
    if (!service) return notFound(root);
    const visit = visitId ? service.visits.find((v) => v.id === visitId) : null;
    show('view-client', `${visit ? 'Bezoek wijzigen' : 'Bezoek registreren'} – ${fullName(body.client)}`);
    visitForm(root, body, service, visit, go);
    return focusFirstField(root);
  }
  if (page === 'werkplan') {
    const service = body.services.find((s) => s.sheets.some((sh) => sh.id === target));
    if (!service) return notFound(root);
    show('view-client', `Werkpunten en opdrachten – ${fullName(body.client)}`);
    workPlanForm(root, body, service, service.sheets.find((sh) => sh.id === target), go);
    return focusFirstField(root);
  }
  show('view-client', fullName(body.client));
  // A result stays on its file when the file is read again by itself (the poll below).
  if (pendingResult) shownResult = { hash: location.hash, result: pendingResult };
  else if (!keepFocus || !shownResult || shownResult.hash !== location.hash) shownResult = null;
  const result = shownResult && shownResult.result;
  pendingResult = null;
  const y = window.scrollY;
  renderFile(root, body, go);
  if (result) showFileResult(root, result);
  if (keepFocus) { window.scrollTo(0, y); return undefined; }
  return focusHeading(root);
}

function focusFirstField(root) {
  const first = root.querySelector('form input:not([type=hidden]), form select, form textarea');
  if (first) first.focus();
  window.scrollTo(0, 0);
}

async function route(options = {}) {
  const parts = (location.hash || '#/klanten').slice(2).split('/').map(decodeURIComponent);
  if (parts[0] === 'klant' && parts[1]) return clientRoute(parts[1], parts.slice(2), options);
  show('view-caseload', 'Mijn klanten');
  await renderCaseload($('view-caseload'), options.stillIdle);
  if (!options.keepFocus) focusHeading($('view-caseload'));
  return undefined;
}

// When central answered for what waited (or new data came in), the caseload and the file show it
// without a reload, unless the coach is busy on the page (typing, or the focus on a control).
function idle() {
  const active = document.activeElement;
  if ([...document.querySelectorAll('#coach-main form')].some((f) => f.dataset.dirty === 'true')) return false;
  return !active || active === document.body || active.tagName === 'H1' || active.id === 'coach-main';
}

async function poll() {
  const status = await getStatus();
  renderSync(status);
  const key = `${status.pending_mutations}/${status.quarantined_mutations}/${status.open_conflicts}/${status.pull_cursor}`;
  const onForm = /\/(bezoek|werkplan)\//.test(location.hash);
  if (lastPending !== null && key !== lastPending && !onForm && idle()) {
    const h1Focused = document.activeElement && document.activeElement.tagName === 'H1';
    await route({ keepFocus: true, stillIdle: idle });
    if (h1Focused) { const h1 = document.querySelector('#coach-main section:not([hidden]) h1'); if (h1) h1.focus({ preventScroll: true }); }
  }
  lastPending = key;
}

function startCoach(staffName) {
  $('login').hidden = true;
  $('coach').hidden = false;
  $('skip').hidden = false;
  $('staff-name').textContent = staffName;
  if (!started) {
    started = true;
    window.addEventListener('hashchange', () => route().catch(() => {}));
    // The screens are hash routes: the skip link moves the focus, not the address.
    $('skip').addEventListener('click', (e) => { e.preventDefault(); $('coach-main').focus(); });
    $('coach-main').addEventListener('input', (e) => { const f = e.target.closest('form'); if (f) f.dataset.dirty = 'true'; });
  }
  route().catch(() => {});
  clearInterval(pollTimer);
  lastPending = null;
  poll().catch(() => {});
  pollTimer = setInterval(() => poll().catch(() => {}), 2000);
}

async function init() {
  onSignedOut(showLogin);
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const { status, body } = await api('/api/v1/desk/login', {
      method: 'POST', body: JSON.stringify({ username: $('username').value, password: $('password').value })
    });
    $('password').value = '';
    if (status === 200) { setCsrf(body.csrf_token); startCoach(body.staff_name); return; }
    $('login-error').textContent = status === 429 ? 'Te veel foute pogingen. Wacht even.' : 'Verkeerde gebruikersnaam of wachtwoord.';
  });
  $('logout').addEventListener('click', async () => {
    await api('/api/v1/desk/logout', { method: 'POST', body: '{}' }).catch(() => {});
    setCsrf('');
    showLogin();
  });
  const response = await fetch('/api/v1/desk/session', { credentials: 'same-origin' });
  if (response.ok) {
    const body = await response.json();
    setCsrf(body.csrf_token);
    startCoach(body.staff_name);
  } else {
    showLogin();
  }
}

init();  // a module runs after the document is parsed
