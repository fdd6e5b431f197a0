// The coach page's calls to its agent (kiosk_ui/coach_api.hpp), through the desk's session
// (desk_api.js: cookie, CSRF token, back to sign-in on a 401). Every change carries an id the page
// chooses: the same change sent again (a double click, a retry after no answer) keeps its id, so
// the agent records it once; a different change gets a new one.
import { api } from './desk_api.js';

const enc = encodeURIComponent;

export const getCaseload = () => api('/api/v1/coach/caseload');
export const getCoachClient = (id) => api(`/api/v1/coach/clients/${enc(id)}`);
export const exportUrl = (id) => `/api/v1/coach/clients/${enc(id)}/export.csv`;

export async function getStatus() {
  const response = await fetch('/api/v1/status', { credentials: 'same-origin' });
  return response.json();
}

// A fresh id of letters, digits and '-' (8 to 64 of them, as the agent asks).
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `c-${hex}`;
}

// One per form: the id of the change last sent, kept for as long as the change is the same.
export function changeIds() {
  let last = { key: null, id: null };
  return (key) => {
    if (last.key !== key) last = { key, id: newId() };
    return last.id;
  };
}

// The agent's answer in the page's words: { ok, duplicate, code, message, body }.
async function post(path, body, idFor) {
  const key = path + JSON.stringify(body);
  let answer;
  try {
    answer = await api(path, { method: 'POST', body: JSON.stringify({ ...body, id: idFor(key) }) });
  } catch (e) {
    if (e.message === 'signed out') throw e;
    return { ok: false, code: 'network', message: 'De laptop antwoordt niet. Probeer opnieuw: het wordt maar één keer bewaard.' };
  }
  const { status, body: reply } = answer;
  const result = reply.result || {};
  if (status === 201 || (status === 200 && reply.duplicate)) {
    return { ok: true, duplicate: !!reply.duplicate, code: result.reason_code || 'ok', remark: result.reason_code && result.reason_code !== 'ok' ? result.message_nl : '', body: reply };
  }
  const code = (reply.error && reply.error.code) || `http_${status}`;
  const message = result.message_nl ||
    (status === 400 ? `Niet alle velden zijn juist ingevuld (${(reply.error && reply.error.message) || ''}).`
      : status === 404 ? 'Deze klant staat niet (meer) in uw caseload.' : 'Niet bewaard.');
  return { ok: false, code, message, body: reply };
}

export const postVisit = (serviceId, visit, idFor) => post(`/api/v1/coach/services/${enc(serviceId)}/visits`, visit, idFor);
export const postHours = (serviceId, entry, idFor) => post(`/api/v1/coach/services/${enc(serviceId)}/hours`, entry, idFor);
export const postWorkPlan = (sheetId, plan, idFor) => post(`/api/v1/coach/work-plans/${enc(sheetId)}`, plan, idFor);
export const postReview = (conflictId, resolution, idFor) => post(`/api/v1/coach/conflicts/${enc(conflictId)}`, { resolution }, idFor);
