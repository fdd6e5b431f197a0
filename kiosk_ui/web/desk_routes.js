// The desk's screens as hash routes, so the browser's Back button works:
//   #/vandaag                          today's appointments (desk.js)
//   #/zoeken?q=TEXT                    clients found by name
//   #/te-sluiten                       services to close, soonest deadline first
//   #/klant/ID                         a client's file (desk_client.js)
//   #/klant/ID/dienst/SID/afsprakenblad[/SHEET] | weo | lijn | eindadvies | c91
// After a change the page is fetched again: the agent's answer includes what is not yet at central.
// A change of language ('desk-language') draws the screen shown again in the new language.
import { $, el, dateText, countdownText, fullName, label } from './desk_format.js';
import { getClient, searchClients, getToClose, errorText } from './desk_api.js';
import { addTexts, t, onLanguage } from './desk_i18n.js';
import { renderClient } from './desk_client.js';
import { agreementSheetForm, trainingLineForm, showResult } from './desk_forms.js';
import { sheetPage, weoPage, advicePage, c91Page } from './desk_docs.js';

addTexts({
  'routes.desk': { nl: 'Onthaal balie', fr: 'Onthaal accueil', en: 'Onthaal desk' },
  'routes.search': { nl: 'Klant zoeken', fr: 'Rechercher un client', en: 'Find a client' },
  'routes.found': { nl: 'Klanten met "{q}"', fr: 'Clients avec « {q} »', en: 'Clients matching "{q}"' },
  'routes.all': { nl: 'Alle klanten', fr: 'Tous les clients', en: 'All clients' },
  'routes.client': { nl: 'Klant', fr: 'Client', en: 'Client' },
  'routes.programme': { nl: 'Programma', fr: 'Programme', en: 'Programme' },
  'routes.stage': { nl: 'Stand van zaken', fr: 'État', en: 'Where things stand' },
  'routes.none_found': { nl: 'Geen klant gevonden. Controleer de spelling of zoek op een deel van de naam.',
    fr: "Aucun client trouvé. Vérifiez l'orthographe ou cherchez une partie du nom.",
    en: 'No client found. Check the spelling or search for part of the name.' },
  'routes.to_close': { nl: 'Te sluiten', fr: 'À clôturer', en: 'To close' },
  'routes.to_close_title': { nl: 'Te sluiten: eindadvies geven', fr: 'À clôturer : donner un avis final', en: 'To close: give a final advice' },
  'routes.to_close_explain': { nl: 'Geef binnen de maand een eindadvies, anders sluit de dienstverlening automatisch zonder advies.',
    fr: "Donnez un avis final dans le mois, sinon le service se clôture automatiquement sans avis.",
    en: 'Give a final advice within the month, or the service closes automatically without advice.' },
  'routes.reason': { nl: 'Reden', fr: 'Motif', en: 'Reason' },
  'routes.since': { nl: 'Te sluiten sinds', fr: 'À clôturer depuis le', en: 'To close since' },
  'routes.deadline': { nl: 'Eindadvies uiterlijk', fr: 'Avis final au plus tard le', en: 'Final advice due by' },
  'routes.left': { nl: 'Tijd over', fr: 'Temps restant', en: 'Time left' },
  'routes.nothing_to_close': { nl: 'Er zijn geen diensten om af te sluiten.', fr: "Il n'y a aucun service à clôturer.",
    en: 'There are no services to close.' },
  'routes.sheet': { nl: 'Afsprakenblad', fr: "Feuille d'accords", en: 'Agreement sheet' },
  'routes.weo': { nl: 'Werkervaringsovereenkomst', fr: "Convention d'expérience professionnelle", en: 'Work experience agreement' },
  'routes.line': { nl: 'Opleiding of stage', fr: 'Formation ou stage', en: 'Training or placement' },
  'routes.advice': { nl: 'Eindadvies', fr: 'Avis final', en: 'Final advice' },
  'routes.c91': { nl: 'C91-attest', fr: 'Attestation C91', en: 'C91 certificate' },
  'routes.not_found': { nl: 'Klant niet gevonden', fr: 'Client introuvable', en: 'Client not found' },
  'routes.not_here': { nl: 'Deze klant is niet gekend op dit toestel.', fr: "Ce client n'est pas connu sur cet appareil.",
    en: 'This client is not known on this device.' },
  'routes.today': { nl: 'Afspraken vandaag', fr: "Rendez-vous d'aujourd'hui", en: "Today's appointments" },
  'routes.no_answer': { nl: 'Geen antwoord van het toestel', fr: "Pas de réponse de l'appareil", en: 'No answer from the device' },
  'routes.back_today': { nl: '← Afspraken vandaag', fr: "← Rendez-vous d'aujourd'hui", en: "← Today's appointments" }
});

const VIEWS = ['view-today', 'view-search', 'view-to-close', 'view-client'];
let refreshToday = () => {};
let pendingResult = null;  // shown on the next screen after an action that moved on
let started = false;

export function showTodayRoute(refresh) { refreshToday = refresh; }

function show(view, title) {
  for (const id of VIEWS) $(id).hidden = id !== view;
  if (view !== 'view-search') $('search-q').value = '';
  document.title = `${title} — ${t('routes.desk')}`;
  for (const a of document.querySelectorAll('.bar nav a')) {
    if (a.getAttribute('href') === `#/${location.hash.slice(2).split(/[/?]/)[0] || 'vandaag'}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function focusHeading(root) {
  const h1 = root.querySelector('h1');
  if (h1) { h1.tabIndex = -1; h1.focus({ preventScroll: true }); }
  window.scrollTo(0, 0);
}

// Moves to `hash` (or renders it again) and shows `result` there.
function go(hash, result) {
  pendingResult = result || null;
  if (location.hash === hash) route(); else location.hash = hash;
}

function clientLinkCell(id, name) {
  return el('td', {}, el('a', { href: `#/klant/${encodeURIComponent(id)}`, className: 'client-link', textContent: name }));
}

async function searchView(q) {
  show('view-search', t('routes.search'));
  $('search-q').value = q;
  const root = $('view-search');
  const { status, body } = await searchClients(q);
  const clients = status === 200 ? body.clients : [];
  root.replaceChildren(el('h1', { textContent: q ? t('routes.found', { q }) : t('routes.all') }),
    clients.length ? el('table', { id: 'search-results' },
      el('thead', {}, el('tr', {}, ...['client', 'programme', 'stage'].map((h) => el('th', { textContent: t(`routes.${h}`), attrs: { scope: 'col' } })))),
      el('tbody', {}, ...clients.map((c) => el('tr', { dataset: { client: c.id } }, clientLinkCell(c.id, fullName(c)),
        el('td', { textContent: c.programme || '–' }), el('td', { textContent: c.stage ? label('stage', c.stage) : '–' })))))
      : el('p', { className: status === 200 ? 'muted' : 'result refused', textContent: status === 200 ? t('routes.none_found') : errorText(status, body) }));
  focusHeading(root);
}

async function toCloseView() {
  show('view-to-close', t('routes.to_close'));
  const root = $('view-to-close');
  const { status, body } = await getToClose();
  const services = status === 200 ? body.services : [];
  root.replaceChildren(el('h1', { textContent: t('routes.to_close_title') }),
    el('p', { textContent: t('routes.to_close_explain') }),
    services.length ? el('table', { id: 'to-close' },
      el('thead', {}, el('tr', {}, ...['client', 'programme', 'reason', 'since', 'deadline', 'left']
        .map((h) => el('th', { textContent: t(`routes.${h}`), attrs: { scope: 'col' } })))),
      el('tbody', {}, ...services.map((s) => el('tr', { dataset: { service: s.service_id } },
        clientLinkCell(s.client_id, fullName(s)), el('td', { textContent: s.programme }),
        el('td', { textContent: label('reason', s.closing_reason) }), el('td', { textContent: dateText(s.to_close_on) }),
        el('td', { textContent: dateText(s.advice_deadline) }),
        el('td', {}, el('span', { className: `countdown${s.days_left < 0 ? ' late' : s.days_left <= 3 ? ' soon' : ''}`,
          textContent: countdownText(s.days_left), dataset: { days: String(s.days_left) } }))))))
      : el('p', { className: status === 200 ? 'muted' : 'result refused', textContent: status === 200 ? t('routes.nothing_to_close') : errorText(status, body) }));
  focusHeading(root);
}

const PAGES = {
  afsprakenblad: (root, d, s, rest) => (rest[0] ? sheetPage(root, d, s, rest[0], go) : agreementSheetForm(root, d, s, go)),
  weo: (root, d, s) => weoPage(root, d, s, go),
  lijn: (root, d, s) => trainingLineForm(root, d, s, go),
  eindadvies: (root, d, s) => advicePage(root, d, s, go),
  c91: (root, d, s) => c91Page(root, d, s)
};
const PAGE_TITLES = { afsprakenblad: 'routes.sheet', weo: 'routes.weo', lijn: 'routes.line', eindadvies: 'routes.advice', c91: 'routes.c91' };

async function clientView(id, sub) {
  const root = $('view-client');
  show('view-client', t('routes.client'));
  const { status, body } = await getClient(id);
  if (status !== 200) {
    root.replaceChildren(el('h1', { textContent: t('routes.not_found') }),
      el('p', { textContent: status === 404 ? t('routes.not_here') : errorText(status, body) }),
      el('a', { href: '#/vandaag', textContent: t('routes.back_today') }));
    focusHeading(root);
    return;
  }
  const result = pendingResult;
  pendingResult = null;
  const [, serviceId, page, ...rest] = sub;
  const service = body.services.find((s) => s.id === serviceId);
  if (sub[0] === 'dienst' && service && PAGES[page]) {
    show('view-client', `${t(PAGE_TITLES[page])} – ${fullName(body.client)}`);
    PAGES[page](root, body, service, rest);
  } else {
    show('view-client', fullName(body.client));
    renderClient(root, body, (answer) => go(`#/klant/${encodeURIComponent(id)}`, answer));
  }
  const line = root.querySelector('#client-result, .result');
  if (result && line) showResult(line, result);
  focusHeading(root);
}

function routeTo(hash) {
  const [path, query = ''] = hash.slice(2).split('?');
  const parts = path.split('/').map(decodeURIComponent);
  if (parts[0] === 'klant' && parts[1]) return clientView(parts[1], parts.slice(2));
  if (parts[0] === 'zoeken') return searchView(new URLSearchParams(query).get('q') || '');
  if (parts[0] === 'te-sluiten') return toCloseView();
  show('view-today', t('routes.today'));
  return refreshToday();
}

// A screen the agent did not answer for (stopped, unplugged) says so instead of staying blank.
export async function route() {
  try {
    return await routeTo(location.hash || '#/vandaag');
  } catch (e) {
    if (e.message === 'signed out') return undefined;
    const view = VIEWS.map($).find((v) => !v.hidden && v.id !== 'view-today');
    if (view) view.replaceChildren(el('h1', { textContent: t('routes.no_answer') }), el('p', { className: 'result refused', textContent: errorText(0) }));
    return undefined;
  }
}

export function startRoutes() {
  if (!started) {
    started = true;
    window.addEventListener('hashchange', () => route().catch(() => {}));
    // Today's view draws itself again (desk.js); the others are drawn here in the new language.
    onLanguage(() => { if ($('view-today').hidden) route().catch(() => {}); else show('view-today', t('routes.today')); });
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      go(`#/zoeken?q=${encodeURIComponent($('search-q').value.trim())}`);
    });
  }
  route().catch(() => {});
}
