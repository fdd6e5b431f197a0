// #/klanten: the coach's own clients (GET /api/v1/coach/caseload), by name: programme, stage,
// how many warnings are open, the next deadline with its countdown, and conflicts to review.
import { el, fullName, countdown, brusselsToday, STAGE_NL } from './desk_format.js';
import { getCaseload } from './coach_api.js';

const th = (text) => el('th', { textContent: text, attrs: { scope: 'col' } });

function warningsCell(n) {
  if (!n) return el('td', { className: 'muted', textContent: 'geen' });
  return el('td', {}, el('span', { className: 'count-badge warn', textContent: `${n} waarschuwing${n === 1 ? '' : 'en'}` }));
}

function nextCell(next, today) {
  if (!next) return el('td', { className: 'muted', textContent: '–' });
  return el('td', { className: next.warning ? 'next-deadline warning-text' : 'next-deadline', dataset: { code: next.code } },
    el('span', { textContent: next.nl }), ' ', next.nl.includes(next.due) ? null : el('span', { className: 'nowrap', textContent: next.due }), ' ',
    countdown(next.due_iso, today));
}

function conflictsCell(n) {
  if (!n) return el('td', { className: 'muted', textContent: '–' });
  return el('td', {}, el('span', { className: 'count-badge conflict', textContent: `${n} conflict${n === 1 ? '' : 'en'}` }));
}

// `stillIdle`: when given, the list is drawn only if it still answers true (read by itself).
export async function renderCaseload(root, stillIdle = null) {
  const { status, body } = await getCaseload();
  if (stillIdle && !stillIdle()) return;
  const clients = status === 200 ? body.clients : [];
  const today = brusselsToday();
  root.replaceChildren(
    el('h1', { textContent: 'Mijn klanten' }),
    el('p', { className: 'muted', textContent: `Vandaag ${body.today || ''} · ${clients.length} klant${clients.length === 1 ? '' : 'en'} in uw caseload` }),
    clients.length ? el('table', { id: 'caseload' },
      el('caption', { className: 'visually-hidden', textContent: 'Uw klanten, met hun waarschuwingen en volgende termijn' }),
      el('thead', {}, el('tr', {}, ...['Klant', 'Programma', 'Stand van zaken', 'Waarschuwingen', 'Volgende termijn', 'Conflicten'].map(th))),
      el('tbody', {}, ...clients.map((c) => el('tr', { dataset: { client: c.id } },
        el('td', {}, el('a', { href: `#/klant/${encodeURIComponent(c.id)}`, className: 'client-link', textContent: fullName(c) })),
        el('td', { textContent: c.programme || '–' }),
        el('td', { textContent: c.stage ? STAGE_NL[c.stage] || c.stage : '–' }),
        warningsCell(c.warnings), nextCell(c.next, today), conflictsCell(c.conflicts)))))
      : el('p', { className: 'muted', textContent: 'Er staan nog geen klanten in uw caseload op deze laptop. Ze komen bij de volgende synchronisatie.' }));
}
