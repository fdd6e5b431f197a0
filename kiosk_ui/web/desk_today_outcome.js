// Outcomes with legal weight. An absence can stop a client's service (002 §2.1.1), so it is
// confirmed in the page (never the browser's confirm(), which blocks every other update) and then
// kept for 10 s with "Undo" and "Record now" before it is sent. What a receptionist confirmed she
// expects recorded: signing out sends the pending ones first, and leaving or reloading the page
// sends them too (fetch keepalive outlives the page). Each answer is shown next to its row.
import { api } from './desk_api.js';
import { el } from './desk_format.js';
import { t } from './desk_i18n.js';
import { dayText } from './coach_date.js';
import { rowOf, ruleText, showMessage, showPanel, patchRow } from './desk_today.js';

export const UNDO_SECONDS = 10;
const pending = new Map();  // appointment id → { body, timer, tick, left }
const lost = [];  // clients whose confirmed outcome could not be sent before the session ended
let csrf = '';
let afterChange = async () => {};
let openPlan = () => {};

export function startOutcomes({ refresh, plan }) { afterChange = refresh; openPlan = plan; }
export function keepCsrf(token) { csrf = token; }
export const pendingCount = () => pending.size;

const path = (id) => `/api/v1/desk/appointments/${encodeURIComponent(id)}/outcome`;

function focusMore(id) { rowOf(id)?.parts.more.focus(); }

function confirmBox(a, outcome, onYes) {
  const yes = el('button', { type: 'button', className: 'danger confirm-yes', textContent: t('confirm.yes') });
  const no = el('button', { type: 'button', className: 'secondary confirm-no', textContent: t('confirm.no') });
  const text = el('p', { className: 'confirm-text', id: `confirm-${a.id}`, textContent: t(`confirm.${outcome}`, { name: a.client_name }) });
  const box = el('div', { className: 'confirm', attrs: { role: 'group', 'aria-labelledby': text.id } }, text, yes, no);
  yes.addEventListener('click', onYes);
  no.addEventListener('click', () => { showPanel(a.id); focusMore(a.id); });
  box.addEventListener('keydown', (e) => { if (e.key === 'Escape') { showPanel(a.id); focusMore(a.id); } });
  showMessage(a.id, '');
  showPanel(a.id, box);
  yes.focus();
}

// Present now; absences after confirmation and 10 s; a reschedule after confirmation.
export function chooseOutcome(a, outcome) {
  if (pending.has(a.id)) { showMessage(a.id, t('pending.wait'), 'pending'); return; }
  const known = rowOf(a.id)?.a.outcome;
  if (known) { showMessage(a.id, t('pending.done_elsewhere', { what: t(`outcome.done_${known}`) }), 'done_elsewhere'); return; }
  if (outcome === 'present') { send(a.id, { outcome }); return; }
  if (outcome === 'reschedule') {
    confirmBox(a, outcome, () => { showPanel(a.id); send(a.id, { outcome, mediator_absent: true }, a); });
    return;
  }
  confirmBox(a, outcome, () => hold(a, { outcome }));
}

function hold(a, body) {
  const entry = { body, left: UNDO_SECONDS, name: a.client_name };
  const what = t(`outcome.${body.outcome}`);
  const text = el('p', { className: 'undo-text' });
  const undo = el('button', { type: 'button', className: 'undo', textContent: t('undo.undo') });
  const now = el('button', { type: 'button', className: 'secondary record-now', textContent: t('undo.now') });
  const draw = () => { text.textContent = t('undo.pending', { what, s: entry.left }); };
  draw();
  entry.tick = setInterval(() => { entry.left = Math.max(0, entry.left - 1); draw(); }, 1000);
  entry.timer = setTimeout(() => release(a.id), UNDO_SECONDS * 1000);
  undo.addEventListener('click', () => {
    stop(a.id);
    showPanel(a.id);
    showMessage(a.id, t('undo.undone'), 'undone');
    focusMore(a.id);
  });
  now.addEventListener('click', () => release(a.id));
  pending.set(a.id, entry);
  rowOf(a.id)?.tr.classList.add('pending');
  showPanel(a.id, el('div', { className: 'undo-box' }, text, undo, now));
  showMessage(a.id, '');
  undo.focus();
}

function stop(id) {
  const entry = pending.get(id);
  if (!entry) return null;
  clearTimeout(entry.timer);
  clearInterval(entry.tick);
  pending.delete(id);
  rowOf(id)?.tr.classList.remove('pending');
  return entry;
}

function release(id) {
  const entry = stop(id);
  if (!entry) return Promise.resolve(true);
  const hadFocus = rowOf(id)?.panelRow.contains(document.activeElement);
  showPanel(id);
  return send(id, entry.body, null, hadFocus, entry.name);
}

function resultText(status, answer) {
  if (status !== 200) return answer.result ? ruleText(answer.result) : (answer.error && answer.error.message) || t('result.failed');
  // "In orde." says little: name what was recorded when the rule has nothing more to say.
  const done = t('result.recorded', { what: t(`outcome.done_${answer.recorded === 'reschedule' ? 'rescheduled' : answer.recorded}`) });
  const text = answer.result.reason_code === 'ok' ? done : ruleText(answer.result) || done;
  const due = answer.result.due ? dayText(answer.result.due) : '';
  return due && !text.includes(due) ? `${text} ${t('result.due', { due })}` : text;
}

// Sends one outcome; true once the agent answered (recorded or refused with its reason). A
// network failure says plainly it was NOT recorded and offers to send it again.
async function send(id, body, rescheduled = null, focus = true, name = rowOf(id)?.a.client_name) {
  let status, answer;
  try {
    ({ status, body: answer } = await api(path(id), { method: 'POST', body: JSON.stringify(body) }));
  } catch (e) {
    if (e.message === 'signed out') { lost.push(name || ''); return false; }
    const retry = el('button', { type: 'button', className: 'secondary retry', textContent: t('result.retry') });
    retry.addEventListener('click', () => { showPanel(id); send(id, body, rescheduled, true, name); });
    showPanel(id, retry);
    showMessage(id, t('result.not_recorded'), 'network');
    return false;
  }
  const code = status === 200 ? answer.result.reason_code : (answer.error && answer.error.code) || '';
  if (status === 200) patchRow(id, { outcome: answer.recorded === 'reschedule' ? 'rescheduled' : answer.recorded, guidance: answer.guidance });
  showMessage(id, resultText(status, answer), code);
  if (focus) focusMore(id);
  await afterChange();
  // Rescheduling may change place, date, time and duration, never the type: plan it now.
  if (status === 200 && rescheduled) openPlan(rescheduled, true);
  return true;
}

// Sign-out: every pending outcome is sent first (what was confirmed is recorded).
// False when one could not be sent: the desk then stays signed in, the row saying so.
export async function sendPending() {
  return (await Promise.all([...pending.keys()].map((id) => release(id)))).every(Boolean);
}

// The session ended (expired, or signed out elsewhere): nothing pending may be sent later under
// another person's session. Returns the names of the clients whose outcome was not recorded.
export function dropPending() {
  for (const [id, entry] of [...pending]) { stop(id); lost.push(entry.name); }
  return lost.splice(0);
}

// After each update: an outcome pending on a row that got one from a colleague, or on an
// appointment no longer listed today, is not sent; the staff member is told.
export function settlePending() {
  for (const [id, entry] of [...pending]) {
    const r = rowOf(id);
    if (r && !r.a.outcome) continue;
    stop(id);
    if (!r) { announce(t('pending.gone', { name: entry.name })); continue; }
    showPanel(id);
    showMessage(id, t('pending.done_elsewhere', { what: t(`outcome.done_${r.a.outcome}`) }), 'done_elsewhere');
  }
}

function announce(text) {
  const live = document.getElementById('results-live');
  if (live) live.textContent = text;
}

// The page goes away (reload, closed tab, another address): the requests outlive it.
export function sendPendingOnLeave() {
  for (const id of [...pending.keys()]) {
    const entry = stop(id);
    fetch(path(id), {
      method: 'POST', keepalive: true, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(entry.body)
    }).catch(() => {});
  }
}
