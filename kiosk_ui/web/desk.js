// Reception desk: today's appointments with live arrivals (short polling), completing appointments
// under the rules engine, the sync status and conflicts. Staff sign in; every change carries the
// CSRF token the agent gave at sign-in (desk_api.js). A client's file, the search and the list of
// services to close are hash routes (desk_routes.js), so Back works.
import { api, setCsrf, onSignedOut } from './desk_api.js';
import { $, el, dateText, instantText } from './desk_format.js';
import { startRoutes, showTodayRoute } from './desk_routes.js';
import { renderConflicts } from './desk_conflicts.js';

const OUTCOMES = [
  ['present', 'Aanwezig'],
  ['absent_valid', 'Afwezig – geldige reden'],
  ['absent_invalid', 'Afwezig – ongeldige reden'],
  ['reschedule', 'Herinplannen (bemiddelaar afwezig)']
];
const OUTCOME_LABEL = { present: 'Aanwezig', absent_valid: 'Afwezig (geldig)', absent_invalid: 'Afwezig (ongeldig)', rescheduled: 'Herpland' };

let pollTimer = null;

function showLogin(message = '') {
  clearInterval(pollTimer);
  $('desk').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('username').focus();
}

function guidanceList(items) {
  const list = el('ul', { className: 'guidance' });
  for (const g of items) {
    const item = el('li', { textContent: g.message_nl });
    item.dataset.code = g.reason_code;
    list.append(item);
  }
  return list;
}

async function complete(a, outcome) {
  const id = a.id;
  const body = { outcome };
  if (outcome === 'reschedule') {
    if (!confirm('Herinplannen is enkel voor afwezigheid van de bemiddelaar zelf. Doorgaan?')) return;
    body.mediator_absent = true;
  }
  const { status, body: answer } = await api(`/api/v1/desk/appointments/${encodeURIComponent(id)}/outcome`,
    { method: 'POST', body: JSON.stringify(body) });
  $('action-result').textContent = status === 200
    ? answer.result.message_nl + (answer.result.due ? ` (uiterlijk ${answer.result.due})` : '')
    : (answer.result ? answer.result.message_nl : (answer.error && answer.error.message) || 'Mislukt.');
  $('action-result').dataset.code = status === 200 ? answer.result.reason_code : (answer.error && answer.error.code) || '';
  await refresh();
  // Rescheduling may change place, date, time and duration, never the type: plan the new time now,
  // with the registered flag fixed to the original's.
  if (status === 200 && outcome === 'reschedule') openPlanForm(a, true);
}

function openPlanForm(a, keepType = false) {
  $('plan-client').textContent = a.client_name;
  $('plan-client-id').value = a.client_id;
  $('plan-location').value = a.location;
  $('plan-duration').value = a.duration_min || 30;
  // The rules engine says whether the next one must be registered; start from its advice.
  // A reschedule keeps the original's type.
  $('plan-registered').checked = keepType ? a.registered : a.guidance.some((g) => g.reason_code === 'guidance.plan_registered');
  $('plan-registered').disabled = keepType;
  $('plan-form').hidden = false;
  $('plan-when').focus();
}

async function submitPlan(event) {
  event.preventDefault();
  const when = new Date($('plan-when').value);
  const body = {
    client_id: $('plan-client-id').value, starts_at: when.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    duration_min: Number($('plan-duration').value), location: $('plan-location').value,
    registered: $('plan-registered').checked
  };
  const { status, body: answer } = await api('/api/v1/desk/appointments', { method: 'POST', body: JSON.stringify(body) });
  if (status === 201) {
    $('action-result').textContent = `Afspraak gepland (code ${answer.checkin_code}).`;
    $('action-result').dataset.code = 'appointment.planned';
    $('plan-form').hidden = true;
    $('plan-registered').disabled = false;
  } else {
    $('action-result').textContent = answer.result ? answer.result.message_nl : (answer.error && answer.error.message) || 'Mislukt.';
    $('action-result').dataset.code = (answer.error && answer.error.code) || '';
  }
  await refresh();
}

function row(a) {
  const type = el('td', {}, el('span', { className: 'badge', textContent: a.kind === 'first' ? 'eerste' : 'gewoon' }));
  if (a.registered) type.append(el('span', { className: 'badge registered', textContent: 'aangetekend' }));
  const outcome = el('td');
  if (a.outcome) {
    outcome.textContent = OUTCOME_LABEL[a.outcome] || a.outcome;
  } else {
    const actions = el('div', { className: 'actions' });
    for (const [value, label] of OUTCOMES) {
      const button = el('button', { type: 'button', className: 'secondary', textContent: label });
      button.dataset.outcome = value;
      button.addEventListener('click', () => complete(a, value));
      actions.append(button);
    }
    outcome.append(actions);
  }
  const plan = el('button', { type: 'button', className: 'secondary plan-next', textContent: 'Volgende afspraak plannen' });
  plan.addEventListener('click', () => openPlanForm(a));
  outcome.append(plan);
  const tr = el('tr', {},
    el('td', { textContent: a.time }), el('td', {}, el('a', { href: `#/klant/${encodeURIComponent(a.client_id)}`, className: 'client-link', textContent: a.client_name })), el('td', { textContent: a.programme }),
    el('td', { textContent: a.staff_name }), el('td', { textContent: a.location }), type,
    el('td', { className: 'arrival', textContent: a.checked_in_at ? `✓ ${a.checked_in_at}` : '—' }),
    outcome, el('td', {}, guidanceList(a.guidance)));
  tr.dataset.id = a.id;
  if (a.checked_in_at) tr.classList.add('arrived');
  return tr;
}

function renderSync(sync) {
  $('sync-light').className = `light ${sync.light}`;
  const parts = [{ green: 'Gesynchroniseerd', amber: 'Wacht op verbinding', red: 'Toestel niet toegelaten', grey: 'Sync uit' }[sync.light]];
  parts.push(`${sync.pending} in wachtrij`);
  // Brussels time, as every time on the desk (the agent reports UTC).
  if (sync.last_success_at) parts.push(`laatst ${instantText(sync.last_success_at).slice(11)}`);
  if (sync.quarantined) parts.push(`${sync.quarantined} geweigerd`);
  if (sync.set_aside) parts.push(`${sync.set_aside} ontvangen gegevens niet verwerkt`);
  if (sync.last_error && sync.light !== 'green') parts.push(`fout: ${sync.last_error}`);
  $('sync-text').textContent = parts.join(' · ');
  $('sync-text').title = parts.join(' · ');  // the whole text when the bar cuts it short
  $('sync').dataset.light = sync.light;
}

async function refresh() {
  const { status, body } = await api('/api/v1/desk/today');
  if (status !== 200) return;
  $('today').textContent = dateText(body.date);
  $('appointments').replaceChildren(...body.appointments.map(row));
  renderSync(body.sync);
  renderConflicts(body.conflicts, refresh);
}

function startDesk(staffName) {
  $('login').hidden = true;
  $('desk').hidden = false;
  $('staff-name').textContent = staffName;
  startRoutes();
  refresh();
  clearInterval(pollTimer);
  // Arrivals (and the sync light in the bar) change without reload.
  pollTimer = setInterval(() => refresh().catch(() => {}), 2000);
}

async function init() {
  onSignedOut(showLogin);
  showTodayRoute(refresh);
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const { status, body } = await api('/api/v1/desk/login', {
      method: 'POST', body: JSON.stringify({ username: $('username').value, password: $('password').value })
    });
    $('password').value = '';
    if (status === 200) { setCsrf(body.csrf_token); startDesk(body.staff_name); return; }
    $('login-error').textContent = status === 429 ? 'Te veel foute pogingen. Wacht even.' : 'Verkeerde gebruikersnaam of wachtwoord.';
  });
  $('plan-form').addEventListener('submit', submitPlan);
  $('plan-cancel').addEventListener('click', () => { $('plan-form').hidden = true; $('plan-registered').disabled = false; });
  $('logout').addEventListener('click', async () => {
    await api('/api/v1/desk/logout', { method: 'POST', body: '{}' }).catch(() => {});
    setCsrf('');
    showLogin();
  });
  const response = await fetch('/api/v1/desk/session', { credentials: 'same-origin' });
  if (response.ok) {
    const body = await response.json();
    setCsrf(body.csrf_token);
    startDesk(body.staff_name);
  } else {
    showLogin();
  }
}

init();  // a module runs after the document is parsed
