// The desk's screens as hash routes, so the browser's Back button works:
//   #/vandaag                          today's appointments (desk.js)
//   #/zoeken?q=TEXT                    clients found by name
//   #/te-sluiten                       services to close, soonest deadline first
//   #/klant/ID                         a client's file (desk_client.js)
//   #/klant/ID/dienst/SID/afsprakenblad[/SHEET] | weo | lijn | eindadvies | c91
// After a change the page is fetched again: the agent's answer includes what is not yet at central.
import { $, el, dateText, countdownText, fullName, STAGE_NL, REASON_NL } from './desk_format.js';
import { getClient, searchClients, getToClose } from './desk_api.js';
import { renderClient } from './desk_client.js';
import { agreementSheetForm, trainingLineForm, showResult } from './desk_forms.js';
import { sheetPage, weoPage, advicePage, c91Page } from './desk_docs.js';

const VIEWS = ['view-today', 'view-search', 'view-to-close', 'view-client'];
let refreshToday = () => {};
let pendingResult = null;  // shown on the next screen after an action that moved on
let started = false;

export function showTodayRoute(refresh) { refreshToday = refresh; }

function show(view, title) {
  for (const id of VIEWS) $(id).hidden = id !== view;
  if (view !== 'view-search') $('search-q').value = '';
  document.title = `${title} — Onthaal balie`;
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
  show('view-search', 'Klant zoeken');
  $('search-q').value = q;
  const root = $('view-search');
  const { status, body } = await searchClients(q);
  const clients = status === 200 ? body.clients : [];
  root.replaceChildren(el('h1', { textContent: q ? `Klanten met "${q}"` : 'Alle klanten' }),
    clients.length ? el('table', { id: 'search-results' },
      el('thead', {}, el('tr', {}, ...['Klant', 'Programma', 'Stand van zaken'].map((h) => el('th', { textContent: h, attrs: { scope: 'col' } })))),
      el('tbody', {}, ...clients.map((c) => el('tr', { dataset: { client: c.id } }, clientLinkCell(c.id, fullName(c)),
        el('td', { textContent: c.programme || '–' }), el('td', { textContent: STAGE_NL[c.stage] || c.stage || '–' })))))
      : el('p', { className: 'muted', textContent: 'Geen klant gevonden. Controleer de spelling of zoek op een deel van de naam.' }));
  focusHeading(root);
}

async function toCloseView() {
  show('view-to-close', 'Te sluiten');
  const root = $('view-to-close');
  const { status, body } = await getToClose();
  const services = status === 200 ? body.services : [];
  root.replaceChildren(el('h1', { textContent: 'Te sluiten: eindadvies geven' }),
    el('p', { textContent: 'Geef binnen de maand een eindadvies, anders sluit de dienstverlening automatisch zonder advies.' }),
    services.length ? el('table', { id: 'to-close' },
      el('thead', {}, el('tr', {}, ...['Klant', 'Programma', 'Reden', 'Te sluiten sinds', 'Eindadvies uiterlijk', 'Tijd over']
        .map((h) => el('th', { textContent: h, attrs: { scope: 'col' } })))),
      el('tbody', {}, ...services.map((s) => el('tr', { dataset: { service: s.service_id } },
        clientLinkCell(s.client_id, fullName(s)), el('td', { textContent: s.programme }),
        el('td', { textContent: REASON_NL[s.closing_reason] || s.closing_reason }), el('td', { textContent: dateText(s.to_close_on) }),
        el('td', { textContent: dateText(s.advice_deadline) }),
        el('td', {}, el('span', { className: `countdown${s.days_left < 0 ? ' late' : s.days_left <= 3 ? ' soon' : ''}`,
          textContent: countdownText(s.days_left), dataset: { days: String(s.days_left) } }))))))
      : el('p', { className: 'muted', textContent: 'Er zijn geen diensten om af te sluiten.' }));
  focusHeading(root);
}

const PAGES = {
  afsprakenblad: (root, d, s, rest) => (rest[0] ? sheetPage(root, d, s, rest[0], go) : agreementSheetForm(root, d, s, go)),
  weo: (root, d, s) => weoPage(root, d, s, go),
  lijn: (root, d, s) => trainingLineForm(root, d, s, go),
  eindadvies: (root, d, s) => advicePage(root, d, s, go),
  c91: (root, d, s) => c91Page(root, d, s)
};
const PAGE_TITLES = { afsprakenblad: 'Afsprakenblad', weo: 'Werkervaringsovereenkomst', lijn: 'Opleiding of stage',
  eindadvies: 'Eindadvies', c91: 'C91-attest' };

async function clientView(id, sub) {
  const root = $('view-client');
  show('view-client', 'Klant');
  const { status, body } = await getClient(id);
  if (status !== 200) {
    root.replaceChildren(el('h1', { textContent: 'Klant niet gevonden' }),
      el('p', { textContent: 'Deze klant is niet gekend op dit toestel.' }), el('a', { href: '#/vandaag', textContent: '← Afspraken vandaag' }));
    focusHeading(root);
    return;
  }
  const result = pendingResult;
  pendingResult = null;
  const [, serviceId, page, ...rest] = sub;
  const service = body.services.find((s) => s.id === serviceId);
  if (sub[0] === 'dienst' && service && PAGES[page]) {
    show('view-client', `${PAGE_TITLES[page]} – ${fullName(body.client)}`);
    PAGES[page](root, body, service, rest);
  } else {
    show('view-client', fullName(body.client));
    renderClient(root, body, (answer) => go(`#/klant/${encodeURIComponent(id)}`, answer));
  }
  const line = root.querySelector('#client-result, .result');
  if (result && line) showResult(line, result);
  focusHeading(root);
}

export async function route() {
  const hash = location.hash || '#/vandaag';
  const [path, query = ''] = hash.slice(2).split('?');
  const parts = path.split('/').map(decodeURIComponent);
  if (parts[0] === 'klant' && parts[1]) return clientView(parts[1], parts.slice(2));
  if (parts[0] === 'zoeken') return searchView(new URLSearchParams(query).get('q') || '');
  if (parts[0] === 'te-sluiten') return toCloseView();
  show('view-today', 'Afspraken vandaag');
  return refreshToday();
}

export function startRoutes() {
  if (!started) {
    started = true;
    window.addEventListener('hashchange', () => route().catch(() => {}));
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      go(`#/zoeken?q=${encodeURIComponent($('search-q').value.trim())}`);
    });
  }
  route().catch(() => {});
}
