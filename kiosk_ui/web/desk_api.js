// The desk's calls to its agent: same origin, the session cookie, and on every change the CSRF
// token the agent gave at sign-in. A 401 sends staff back to the sign-in form.
import { KIND_NL } from './desk_format.js';

let csrf = '';
let signedOut = () => {};

export function setCsrf(token) { csrf = token; }
export function onSignedOut(handler) { signedOut = handler; }

export async function api(path, options = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (options.method && options.method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== '/api/v1/desk/login') {
    signedOut('Uw sessie is verlopen. Meld opnieuw aan.');
    throw new Error('signed out');
  }
  return { status: response.status, body };
}

export const getClient = (id) => api(`/api/v1/desk/clients/${encodeURIComponent(id)}`);
export const searchClients = (q) => api(`/api/v1/desk/clients?q=${encodeURIComponent(q)}`);
export const getToClose = () => api('/api/v1/desk/to-close');

// Records one fact on a service. Answers { ok, id, code, message } with the rule's Dutch message
// (why it was refused, or a remark such as a late sheet).
// The same fact posted again within a minute (a double click, a retry after no answer) carries
// the same id, and the agent records it once.
const recentIds = new Map();
function factId(serviceId, fact) {
  const key = serviceId + JSON.stringify(fact);
  const now = Date.now();
  for (const [k, v] of recentIds) if (now - v.at > 60000) recentIds.delete(k);
  // getRandomValues works on plain HTTP too (randomUUID needs a secure context).
  const hex = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  if (!recentIds.has(key)) recentIds.set(key, { id: `f-${hex()}`, at: now });
  return recentIds.get(key).id;
}

export async function postFact(serviceId, fact) {
  let answer;
  try {
    answer = await api(`/api/v1/desk/services/${encodeURIComponent(serviceId)}/facts`,
      { method: 'POST', body: JSON.stringify({ ...fact, id: factId(serviceId, fact) }) });
  } catch (e) {
    if (e.message === 'signed out') throw e;
    return { ok: false, code: 'network', message: 'Het toestel antwoordt niet. Probeer opnieuw.' };
  }
  const { status, body } = answer;
  const result = body.result || {};
  if (status === 201 || (status === 200 && body.duplicate)) {
    // "In orde." says little: name what was recorded, and add the rule's remark when it made one.
    const remark = result.reason_code && result.reason_code !== 'ok' ? ` ${result.message_nl}` : '';
    return { ok: true, id: body.id, code: result.reason_code || 'ok', message: `${KIND_NL[fact.kind] || fact.kind}: geregistreerd.${remark}` };
  }
  return {
    ok: false, code: (body.error && body.error.code) || `http_${status}`,
    message: result.message_nl || (status === 400 ? 'Niet alle velden zijn juist ingevuld.' : 'Niet geregistreerd.')
  };
}
