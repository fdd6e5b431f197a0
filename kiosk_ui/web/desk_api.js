// The desk's calls to its agent: same origin, the session cookie, and on every change the CSRF
// token the agent gave at sign-in. A 401 sends staff back to the sign-in form. What goes wrong is
// said in words a receptionist acts on (errorText, syncErrorText), in the desk's language.
import { label } from './desk_format.js';
import { addTexts, t, lang } from './desk_i18n.js';

addTexts({
  'error.network': { nl: 'Het toestel antwoordt niet. Controleer of het aan staat en probeer opnieuw.',
    fr: "L'appareil ne répond pas. Vérifiez qu'il est allumé et réessayez.", en: 'The device does not answer. Check that it is on and try again.' },
  'error.fields': { nl: 'Niet alle velden zijn juist ingevuld.', fr: 'Tous les champs ne sont pas correctement remplis.',
    en: 'Not all fields are filled in correctly.' },
  'error.signed_out': { nl: 'Uw sessie is verlopen. Meld opnieuw aan.', fr: 'Votre session a expiré. Reconnectez-vous.',
    en: 'Your session has expired. Please sign in again.' },
  'error.reload': { nl: 'Deze pagina is verouderd. Laad ze opnieuw (F5) en probeer nog eens.',
    fr: 'Cette page est périmée. Rechargez-la (F5) et réessayez.', en: 'This page is out of date. Reload it (F5) and try again.' },
  'error.not_found': { nl: 'Niet gevonden op dit toestel: misschien is het intussen gewijzigd. Laad de pagina opnieuw.',
    fr: 'Introuvable sur cet appareil : cela a peut-être changé entre-temps. Rechargez la page.',
    en: 'Not found on this device: it may have changed meanwhile. Reload the page.' },
  'error.conflict_done': { nl: 'Dit conflict werd intussen al bekeken.', fr: 'Ce conflit a déjà été vérifié entre-temps.',
    en: 'This conflict was already reviewed meanwhile.' },
  'error.too_many': { nl: 'Te veel pogingen na elkaar. Wacht een paar minuten.', fr: 'Trop de tentatives de suite. Attendez quelques minutes.',
    en: 'Too many attempts in a row. Wait a few minutes.' },
  'error.server': { nl: 'Er ging iets mis op dit toestel. Probeer opnieuw; blijft het, verwittig de beheerder.',
    fr: "Un problème est survenu sur cet appareil. Réessayez ; si cela persiste, prévenez l'administrateur.",
    en: 'Something went wrong on this device. Try again; if it persists, tell the administrator.' },
  'error.refused': { nl: 'Niet geregistreerd.', fr: 'Non enregistré.', en: 'Not recorded.' },
  'fact.recorded': { nl: '{what}: geregistreerd.', fr: '{what} : enregistré.', en: '{what}: recorded.' },
  'sync.offline': { nl: 'Geen verbinding met centraal. Alles blijft op dit toestel bewaard en gaat mee zodra de verbinding terug is.',
    fr: "Pas de connexion au central. Tout reste enregistré sur cet appareil et sera envoyé dès le retour de la connexion.",
    en: 'No connection to central. Everything stays on this device and is sent once the connection is back.' },
  'sync.not_allowed': { nl: 'Centraal laat dit toestel niet meer toe. Verwittig de beheerder.',
    fr: "Le central n'autorise plus cet appareil. Prévenez l'administrateur.", en: 'Central no longer accepts this device. Tell the administrator.' },
  'sync.problem': { nl: 'De verbinding met centraal lukt niet. Het toestel probeert het zelf opnieuw.',
    fr: "La connexion au central ne fonctionne pas. L'appareil réessaie de lui-même.",
    en: 'The connection to central fails. The device keeps trying by itself.' }
});

// A rule's own message in the desk's language where the agent has it (Dutch and English).
export function ruleMessage(result) {
  if (!result) return '';
  return (lang() === 'en' && result.message_en) || result.message_nl || result.message_en || '';
}

// An answer that is not a success, in words: the rule's message when a rule refused, else what
// the HTTP status or error code means for the person at the desk.
export function errorText(status, body = {}) {
  const rule = ruleMessage(body.result);
  if (rule) return rule;
  const code = (body.error && body.error.code) || '';
  if (code === 'unknown_conflict') return t('error.conflict_done');
  if (code === 'csrf' || code === 'wrong_origin') return t('error.reload');
  if (status === 0) return t('error.network');
  if (status === 400) return t('error.fields');
  if (status === 401) return t('error.signed_out');
  if (status === 404) return t('error.not_found');
  if (status === 429) return t('error.too_many');
  if (status >= 500) return t('error.server');
  return t('error.refused');
}

// The agent's sync error ("push: connect: Connection refused") as a receptionist reads it.
export function syncErrorText(lastError, state) {
  if (state === 'device_not_authorised') return t('sync.not_allowed');
  if (!lastError) return '';
  if (/connect|refused|timed? ?out|resolve|unreachable|reset|network|closed/i.test(lastError)) return t('sync.offline');
  return t('sync.problem');
}

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
    signedOut(t('error.signed_out'));
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
    return { ok: false, code: 'network', message: t('error.network') };
  }
  const { status, body } = answer;
  const result = body.result || {};
  if (status === 201 || (status === 200 && body.duplicate)) {
    // "In orde." says little: name what was recorded, and add the rule's remark when it made one.
    const remark = result.reason_code && result.reason_code !== 'ok' ? ` ${ruleMessage(result)}` : '';
    return { ok: true, id: body.id, code: result.reason_code || 'ok', message: `${t('fact.recorded', { what: label('kind', fact.kind) })}${remark}` };
  }
  return { ok: false, code: (body.error && body.error.code) || `http_${status}`, message: errorText(status, body) };
}
