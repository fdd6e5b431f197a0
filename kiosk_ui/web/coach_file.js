// #/klant/ID: a client's file for the coach (GET /api/v1/coach/clients/ID): per service its
// programme and stage, open deadlines and warnings (warnings marked, an overdue TWE evaluation
// in red), the progress bars, stage hours (a form per day and line, and what stands), visits
// (their confidential notes are shown here only), the sheets' work points and assignments, and
// conflicts to review. Each item says whether central has it. The CSV export never holds notes.
import { el, dateText, countdown, brusselsToday, fullName, STAGE_NL, STAGE_EXPLAIN, LANGUAGE_NL, TRAINING_NL } from './desk_format.js';
import { exportUrl } from './coach_api.js';
import { progressBlock } from './coach_bars.js';
import { hoursForm } from './coach_forms.js';
import { conflictsBlock } from './coach_plan.js';

export const VISIT_KIND_NL = { intake: 'Intake', evaluation: 'Evaluatie', follow_up: 'Opvolging', aftercare: 'Nazorg' };
const SYNC_NL = { pending: 'nog niet bij centraal', synced: 'bij centraal', refused: 'geweigerd door centraal' };

const section = (title, ...children) => el('section', { className: 'panel' }, el('h3', { textContent: title }), ...children);
const th = (text) => (typeof text === 'string' ? el('th', { textContent: text, attrs: { scope: 'col' } }) : text);
const table = (className, heads, rows) => el('table', { className }, el('thead', {}, el('tr', {}, ...heads.map(th))), el('tbody', {}, ...rows));
const link = (href, text, className = 'button-link secondary') => el('a', { href, textContent: text, className });

export function syncBadge(sync) {
  return el('span', { className: `sync-badge sync-${sync}`, textContent: SYNC_NL[sync] || sync, dataset: { sync } });
}

// "GBVS vanaf 12/01/2026" for a line's id, the id itself when unknown.
export function lineLabel(service, lineId) {
  const line = (service.lines || []).find((l) => l.id === lineId);
  return line ? `${line.code} vanaf ${line.on}` : lineId;
}

function stateBlock(service) {
  const s = service.state;
  const facts = [
    ['Doorverwezen op', dateText(service.referred_on)],
    s.mediation_start && ['Bemiddeling gestart op', dateText(s.mediation_start)],
    s.max_end && ['Maximale duur tot', dateText(s.max_end)],
    s.weo_end && ['Werkervaringsovereenkomst tot', dateText(s.weo_end)]
  ].filter(Boolean);
  return el('div', { className: 'state' },
    el('p', { className: 'stage-line' }, 'Stand van zaken: ',
      el('strong', { className: `stage stage-${s.stage}`, textContent: STAGE_NL[s.stage] || s.stage, dataset: { stage: s.stage } })),
    el('p', { className: 'stage-explain', textContent: STAGE_EXPLAIN[s.stage] || '' }),
    el('dl', { className: 'facts' }, ...facts.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })])));
}

function noticesBlock(service, today) {
  const notices = service.notices || [];
  if (!notices.length) return el('p', { className: 'muted', textContent: 'Geen open termijnen of waarschuwingen.' });
  return el('ul', { className: 'notices' }, ...notices.map((n) => {
    const overdue = n.code === 'twe.evaluation_overdue';
    // An information dated in the past ("the line runs since ...") is no deadline gone by.
    const deadline = n.due_iso && (n.warning || n.due_iso >= today);
    return el('li', { className: `notice${n.warning ? ' warning' : ''}${overdue ? ' overdue' : ''}`, dataset: { code: n.code } },
      n.warning ? el('span', { className: 'warning-mark', textContent: overdue ? 'Te laat: ' : 'Let op: ' }) : null,
      el('span', { textContent: n.nl }), deadline ? ' ' : null, deadline ? countdown(n.due_iso, today) : null);
  }));
}

function linesTable(service) {
  if (!service.lines.length) return el('p', { className: 'muted', textContent: 'Geen opleidings- of stagelijnen.' });
  return table('lines', ['Lijn', 'Van', 'Tot', 'Gepland', 'Geregistreerd', 'Telt voor'], service.lines.map((l) => el('tr', { dataset: { line: l.id } },
    el('td', { textContent: TRAINING_NL[l.code] || l.code }), el('td', { textContent: l.on }), el('td', { textContent: l.until || '–' }),
    el('td', { textContent: l.planned_hours === null || l.planned_hours === undefined ? '–' : `${l.planned_hours} uur` }),
    el('td', { className: 'recorded-hours', textContent: `${String(l.recorded_hours).replace('.', ',')} uur` }),
    el('td', { textContent: [l.gbvs && 'GBVS (max. 800 uur, 8 maanden)', l.community_service && 'gemeenschapsdienst (32–64 uur per maand)'].filter(Boolean).join(', ') || '–' }))));
}

const hoursRow = (service, h) => el('tr', { dataset: { hours: h.id, sync: h.sync } },
  el('td', { textContent: h.on }), el('td', { textContent: lineLabel(service, h.line_id) }),
  el('td', { textContent: `${String(h.hours).replace('.', ',')} uur` }), el('td', {}, syncBadge(h.sync)));

function hoursBlock(service, today, onDone) {
  const parts = [];
  if (service.lines.length) parts.push(hoursForm(service, today, onDone));
  parts.push(linesTable(service));
  const heads = ['Dag', 'Lijn', 'Uren', 'Stand'];
  if (service.hours.length) {
    const recent = service.hours.slice(0, 7);
    parts.push(el('h4', { textContent: 'Geregistreerde uren (recentste eerst)' }), table('hours', heads, recent.map((h) => hoursRow(service, h))));
    if (service.hours.length > recent.length) {
      parts.push(el('details', { className: 'all-hours' }, el('summary', { textContent: `Alle ${service.hours.length} dagen tonen` }),
        table('hours all', heads, service.hours.slice(recent.length).map((h) => hoursRow(service, h)))));
    }
  }
  return section('Stage-uren', ...parts);
}

function notesCell(v) {
  if (v.notes) return el('td', { className: 'notes-cell' }, el('span', { className: 'confidential-mark', textContent: 'Vertrouwelijk' }), el('span', { className: 'notes-text', textContent: v.notes }));
  if (v.notes_elsewhere) return el('td', { className: 'muted notes-cell', textContent: 'notities op een andere laptop' });
  return el('td', { className: 'muted', textContent: '–' });
}

function visitsBlock(detail, service) {
  const base = `#/klant/${encodeURIComponent(detail.client.id)}/bezoek/${encodeURIComponent(service.id)}`;
  const closed = ['closed', 'stopped'].includes(service.state.stage);
  const add = closed ? null : link(base, 'Bezoek registreren', 'button-link new-visit');
  if (!service.visits.length) return section('Bezoeken', add, el('p', { className: 'muted', textContent: 'Nog geen bezoeken.' }));
  return section('Bezoeken', add, table('visits', ['Datum', 'Soort', 'Duur', 'Werkplek', 'Werkgever', 'Evaluatie', 'Notities', 'Stand',
    el('th', { attrs: { scope: 'col' } }, el('span', { className: 'visually-hidden', textContent: 'Wijzigen' }))],
    service.visits.map((v) => el('tr', { dataset: { visit: v.id, sync: v.sync } },
      el('td', { className: 'nowrap', textContent: v.on }), el('td', { className: 'nowrap', textContent: VISIT_KIND_NL[v.kind] || v.kind }),
      el('td', { className: 'nowrap', textContent: `${v.duration_min} min` }), el('td', { textContent: v.workplace || '–' }),
      el('td', { textContent: v.employer || '–' }),
      el('td', { textContent: v.kind === 'evaluation' ? [v.action_id && lineLabel(service, v.action_id), v.development_plan_updated ? 'POP bijgewerkt' : 'POP niet bijgewerkt'].filter(Boolean).join(' · ') : '–' }),
      notesCell(v), el('td', {}, syncBadge(v.sync)),
      el('td', { className: 'nowrap' }, closed ? null : el('a', { href: `${base}/${encodeURIComponent(v.id)}`, className: 'edit-visit', textContent: 'Wijzigen',
        attrs: { 'aria-label': `Bezoek van ${v.on} wijzigen` } }))))));
}

function sheetsBlock(detail, service) {
  if (!service.sheets.length) return null;
  return section('Afsprakenbladen: werkpunten en opdrachten', el('ul', { className: 'plans' }, ...service.sheets.map((sheet) => {
    const plan = sheet.plan;
    const href = `#/klant/${encodeURIComponent(detail.client.id)}/werkplan/${encodeURIComponent(sheet.id)}`;
    return el('li', { className: 'plan-item', dataset: { sheet: sheet.id } },
      el('p', { className: 'plan-title' }, el('strong', { textContent: `Afsprakenblad van ${sheet.on}` }), ' ',
        plan ? syncBadge(plan.sync) : el('span', { className: 'muted', textContent: 'nog geen werkpunten of opdrachten' }), ' ',
        link(href, plan ? 'Werkpunten en opdrachten bewerken' : 'Werkpunten en opdrachten invullen', 'button-link secondary edit-plan')),
      plan && plan.work_points.length ? el('ul', { className: 'work-points' }, ...plan.work_points.map((p) => el('li', { textContent: p }))) : null,
      plan && plan.assignments.length ? el('ul', { className: 'assignments' }, ...plan.assignments.map((a) => el('li', { className: a.done ? 'done' : '' },
        a.done ? el('span', { className: 'signed', textContent: '✓ gedaan: ' }) : null, a.text,
        a.deadline ? el('span', { className: 'nowrap', textContent: ` · tegen ${dateText(a.deadline)} ` }) : null,
        a.deadline && !a.done ? countdown(a.deadline, brusselsToday()) : null))) : null);
  })));
}

function serviceCard(detail, service, onDone) {
  const today = brusselsToday();
  const bars = progressBlock(service.progress);
  const card = el('section', { className: 'service card-wide', dataset: { service: service.id, stage: service.state.stage } },
    el('h2', { textContent: `Dienstverlening ${service.programme}` }),
    el('div', { className: bars ? 'file-grid' : '' },
      el('div', {}, stateBlock(service), section('Termijnen en waarschuwingen', noticesBlock(service, today))),
      bars ? section('Voortgang', bars) : null),
    hoursBlock(service, today, onDone), visitsBlock(detail, service));
  const sheets = sheetsBlock(detail, service);
  if (sheets) card.append(sheets);
  return card;
}

export function showFileResult(root, result) {
  const line = root.querySelector('#client-result');
  if (!line) return;
  line.textContent = result.message;
  line.dataset.code = result.code;
  line.className = result.ok ? 'ok' : 'refused';
}

export function renderFile(root, detail, go) {
  const c = detail.client;
  const here = `#/klant/${encodeURIComponent(c.id)}`;
  const onDone = (result) => go(here, result);
  const conflicts = detail.services.flatMap((s) => (s.conflicts || []).map((x) => ({ ...x, service: s })));
  root.replaceChildren(...[
    el('nav', { className: 'crumbs', attrs: { 'aria-label': 'Terug' } }, link('#/klanten', '← Mijn klanten', 'back')),
    el('div', { className: 'file-head' },
      el('h1', { id: 'client-name', textContent: fullName(c) }),
      el('a', { href: exportUrl(c.id), className: 'button-link secondary', id: 'export-csv', download: `bezoeken-en-uren-${c.id}.csv`,
        textContent: 'Bezoeken en uren exporteren (CSV, zonder notities)' })),
    el('p', { className: 'client-meta', textContent: [c.programme, c.language && `taal: ${LANGUAGE_NL[c.language] || c.language}`].filter(Boolean).join(' · ') }),
    el('p', { id: 'client-result', attrs: { role: 'status', 'aria-live': 'polite' } }),
    conflicts.length ? conflictsBlock(conflicts, onDone) : null,
    ...(detail.services.length ? detail.services.map((s) => serviceCard(detail, s, onDone))
      : [el('p', { className: 'muted', textContent: 'Geen dienstverlening gekend voor deze klant.' })])].filter(Boolean));
}
