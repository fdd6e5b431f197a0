// A client's file on the desk (#/klant/ID): each service's state in plain Dutch, its deadlines and
// warnings with countdowns, what may be done now, the agreement sheets and lines, the appointments
// and the history (who, when on the device, when central received it, from which device).
import {
  el, dateText, instantText, countdown, fullName, STAGE_NL, STAGE_EXPLAIN, KIND_NL, ACTION_NL, TRAINING_NL,
  ADVICE_NL, REASON_NL, WAY_NL, RETURNS_TO_NL, OUTCOME_NL, LANGUAGE_NL, SYNC_NL
} from './desk_format.js';
import { inlineFactForm } from './desk_forms.js';

// Kinds with a page of their own; the others get a small form on the client page.
const PAGE_OF = { agreement_sheet: 'afsprakenblad', weo_printed: 'weo', training_line: 'lijn', final_advice: 'eindadvies' };

const link = (href, text, className = 'button-link', kind) => el('a', { href, textContent: text, className, dataset: kind ? { kind } : {} });
const section = (title, ...children) => el('section', { className: 'panel' }, el('h3', { textContent: title }), ...children);

function stateBlock(service) {
  const s = service.state;
  const facts = [
    ['Doorverwezen op', dateText(service.referred_on)],
    s.mediation_start && ['Bemiddeling gestart op', dateText(s.mediation_start)],
    s.weo_end && ['Werkervaringsovereenkomst tot', dateText(s.weo_end)],
    s.max_end && ['Maximale duur tot', dateText(s.max_end)],
    s.aftercare_end && ['Nazorg tot', dateText(s.aftercare_end)],
    s.stage_hours ? ['Stage-uren (GBVS)', `${s.stage_hours} van 800`] : null,
    s.closing_reason && ['Reden van afsluiten', REASON_NL[s.closing_reason] || s.closing_reason],
    s.to_close_on && ['Te sluiten sinds', dateText(s.to_close_on)],
    s.advice_deadline && s.stage === 'to_close' && ['Eindadvies uiterlijk', dateText(s.advice_deadline)],
    s.closed_on && ['Afgesloten op', `${dateText(s.closed_on)} (${WAY_NL[s.closed_way] || s.closed_way || ''})`],
    s.advice && ['Eindadvies', ADVICE_NL[s.advice] || s.advice]
  ].filter(Boolean);
  return el('div', { className: 'state' },
    el('p', { className: 'stage-line' }, 'Stand van zaken: ',
      el('strong', { className: `stage stage-${s.stage}`, textContent: STAGE_NL[s.stage] || s.stage, dataset: { stage: s.stage } })),
    el('p', { className: 'stage-explain', textContent: STAGE_EXPLAIN[s.stage] || '' }),
    el('dl', { className: 'facts' }, ...facts.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })])),
    s.stage === 'closed' ? returnsBlock(s) : null);
}

export function returnsText(s) {
  if (!s.returns_to_vdab) return 'De bemiddeling gaat niet terug naar VDAB.';
  const to = RETURNS_TO_NL[s.returns_to];
  return `De bemiddeling gaat terug naar VDAB${to ? `: ${to}` : ''}.`;
}

function returnsBlock(s) {
  return el('p', { className: 'returns', dataset: { returns: s.returns_to_vdab ? s.returns_to || 'yes' : 'none' },
    textContent: returnsText(s) });
}

function noticesBlock(service, today) {
  const notices = service.state.notices || [];
  if (!notices.length) return el('p', { className: 'muted', textContent: 'Geen open termijnen of waarschuwingen.' });
  return el('ul', { className: 'notices' }, ...notices.map((n) => el('li', {
    className: n.allowed ? 'notice' : 'notice warning', dataset: { code: n.code }
  }, n.allowed ? null : el('span', { className: 'warning-mark', textContent: 'Let op: ' }),
  el('span', { textContent: n.nl }), n.due ? ' ' : null, n.due ? countdown(n.due, today) : null)));
}

function actionsBlock(detail, service, onDone) {
  const actions = service.actions || [];
  const base = `#/klant/${encodeURIComponent(detail.client.id)}/dienst/${encodeURIComponent(service.id)}`;
  const box = el('div', { className: 'actions-now' });
  const formSlot = el('div', { className: 'inline-form-slot' });
  for (const kind of actions) {
    if (kind === 'agreement_sheet_signed') continue;  // on each unsigned sheet below
    if (PAGE_OF[kind]) { box.append(link(`${base}/${PAGE_OF[kind]}`, ACTION_NL[kind], 'button-link action', kind)); continue; }
    const button = el('button', { type: 'button', className: 'secondary action', textContent: ACTION_NL[kind] || kind,
      dataset: { kind } });
    button.addEventListener('click', () => formSlot.replaceChildren(inlineFactForm(service, kind, detail.today, onDone)));
    box.append(button);
  }
  if (service.state.stage === 'closed' && service.programme.startsWith('TWE')) {
    box.append(link(`${base}/c91`, 'C91-attest afdrukken', 'button-link action', 'c91'));
  }
  if (!box.childElementCount) return el('p', { className: 'muted', textContent: 'Nu is er niets te registreren.' });
  return el('div', {}, box, formSlot);
}

function sheetsBlock(detail, service) {
  const base = `#/klant/${encodeURIComponent(detail.client.id)}/dienst/${encodeURIComponent(service.id)}/afsprakenblad`;
  if (!service.sheets || !service.sheets.length) return null;
  return section('Afsprakenbladen', el('ul', { className: 'sheets' }, ...service.sheets.map((sheet) => el('li', {
    dataset: { sheet: sheet.id } },
  `Afsprakenblad van ${dateText(sheet.on)} · volgend contact ${dateText(sheet.next_contact)} · `,
  el('span', { className: sheet.signed_on ? 'signed' : 'unsigned',
    textContent: sheet.signed_on ? `getekend op ${dateText(sheet.signed_on)}` : 'nog niet getekend' }), ' ',
  link(`${base}/${encodeURIComponent(sheet.id)}`, sheet.signed_on ? 'Bekijken en afdrukken' : 'Afdrukken en laten tekenen')))));
}

function linesBlock(detail, service) {
  if (!service.lines || !service.lines.length) return null;
  return section('Opleidingen en stages', el('table', { className: 'lines' },
    el('thead', {}, el('tr', {}, ...['Code', 'Van', 'Tot', 'Uren', 'Financieringsnummer'].map((h) => el('th', { textContent: h, attrs: { scope: 'col' } })))),
    el('tbody', {}, ...service.lines.map((l) => el('tr', {},
      el('td', { textContent: TRAINING_NL[l.code] || l.code }), el('td', { textContent: dateText(l.on) }),
      el('td', { textContent: dateText(l.until) }), el('td', { textContent: String(l.hours ?? '–') }),
      el('td', { textContent: l.financing_number || detail.site.financing_number || '–' }))))));
}

function serviceCard(detail, service, onDone) {
  const card = el('section', { className: 'service card-wide', dataset: { service: service.id, stage: service.state.stage } },
    el('h2', { textContent: `Dienstverlening ${service.programme}` }),
    stateBlock(service),
    section('Termijnen en waarschuwingen', noticesBlock(service, detail.today)),
    section('Wat kan nu', actionsBlock(detail, service, onDone)));
  const sheets = sheetsBlock(detail, service);
  const lines = linesBlock(detail, service);
  if (sheets) card.append(sheets);
  if (lines) card.append(lines);
  return card;
}

function syncBadge(item) {
  const label = SYNC_NL[item.sync] || item.sync || '';
  const badge = el('span', { className: `sync-badge sync-${item.sync}`, textContent: label });
  if (item.sync === 'refused' && item.refused_reason) badge.textContent += `: ${item.refused_reason}`;
  return badge;
}

// Why central refused a fact: the history names the fact by kind and time, the facts carry it.
function refusedReason(detail, h) {
  for (const s of detail.services) {
    const f = (s.facts || []).find((x) => x.sync === 'refused' && x.kind === h.kind && x.occurred_at === h.at);
    if (f) return f.refused_reason;
  }
  return null;
}

// A fact in this device's outbox (pending, applied, refused) was recorded here: "dit toestel",
// its id on hover; another device by its id.
function deviceCell(h) {
  if (!['pending', 'applied', 'refused'].includes(h.sync)) return el('td', { textContent: h.device_id || '–' });
  return el('td', { textContent: 'dit toestel', title: h.device_id || '' });
}

function historyBlock(detail) {
  const items = [...(detail.history || [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((h) => (h.sync === 'refused' && !h.refused_reason ? { ...h, refused_reason: refusedReason(detail, h) } : h));
  if (!items.length) return el('p', { className: 'muted', textContent: 'Nog niets geregistreerd.' });
  const head = ['Wanneer (op het toestel)', 'Wat', 'Door', 'Toestel', 'Ontvangen door centraal', 'Stand'];
  return el('table', { className: 'history' },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { textContent: h, attrs: { scope: 'col' } })))),
    el('tbody', {}, ...items.map((h) => el('tr', { dataset: { kind: h.kind, sync: h.sync || '' } },
      el('td', { textContent: instantText(h.at) }), el('td', { textContent: h.label_nl || KIND_NL[h.kind] || h.kind }),
      el('td', { textContent: h.by || '–' }), deviceCell(h),
      el('td', { textContent: h.received_at ? instantText(h.received_at) : '–' }), el('td', {}, syncBadge(h))))));
}

function appointmentsBlock(detail) {
  if (!detail.appointments.length) return el('p', { className: 'muted', textContent: 'Geen afspraken.' });
  return el('table', { className: 'client-appointments' },
    el('thead', {}, el('tr', {}, ...['Wanneer', 'Soort', 'Bemiddelaar', 'Plaats', 'Aangemeld', 'Afwerking']
      .map((h) => el('th', { textContent: h, attrs: { scope: 'col' } })))),
    el('tbody', {}, ...[...detail.appointments].sort((a, b) => (a.starts_at < b.starts_at ? -1 : 1)).map((a) => el('tr', {},
      el('td', { textContent: instantText(a.starts_at) }),
      el('td', { textContent: (a.kind === 'first' ? 'eerste afspraak' : 'gewone afspraak') + (a.registered ? ', aangetekend' : '') }),
      el('td', { textContent: a.staff_name || '–' }), el('td', { textContent: a.location || '–' }),
      el('td', { textContent: a.checked_in_at ? instantText(a.checked_in_at) : '–' }),
      el('td', { textContent: a.outcome ? OUTCOME_NL[a.outcome] || a.outcome : 'nog af te werken' })))));
}

export function renderClient(root, detail, onDone) {
  const c = detail.client;
  root.replaceChildren(
    el('nav', { className: 'crumbs', attrs: { 'aria-label': 'Terug' } }, link('#/vandaag', '← Afspraken vandaag', 'back')),
    el('h1', { id: 'client-name', textContent: fullName(c) }),
    el('p', { className: 'client-meta', textContent: [c.programme, c.coach_name && `bemiddelaar ${c.coach_name}`,
      c.language && `taal: ${LANGUAGE_NL[c.language] || c.language}`, detail.site && detail.site.name].filter(Boolean).join(' · ') }),
    el('p', { id: 'client-result', attrs: { role: 'status', 'aria-live': 'polite' } }),
    ...(detail.services.length ? detail.services.map((s) => serviceCard(detail, s, onDone))
      : [el('p', { className: 'muted', textContent: 'Geen dienstverlening gekend voor deze klant.' })]),
    el('section', { className: 'card-wide' }, el('h2', { textContent: 'Afspraken' }), appointmentsBlock(detail)),
    el('section', { className: 'card-wide' }, el('h2', { textContent: 'Geschiedenis' }), historyBlock(detail)));
}
