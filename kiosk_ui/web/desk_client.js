// A client's file on the desk (#/klant/ID): each service's state in plain words (the desk's
// language), its deadlines and warnings with countdowns, what may be done now, the agreement sheets
// and lines, the appointments and the history (who, when on the device, when central received
// it, from which device). Dates dd/mm/yyyy, times in Brussels.
import { el, dateText, instantText, countdown, fullName, label } from './desk_format.js';
import { inlineFactForm } from './desk_forms.js';
import { addTexts, t, lang } from './desk_i18n.js';

addTexts({
  'client.referred_on': { nl: 'Doorverwezen op', fr: 'Orienté le', en: 'Referred on' },
  'client.mediation_start': { nl: 'Bemiddeling gestart op', fr: 'Médiation commencée le', en: 'Mediation started on' },
  'client.weo_end': { nl: 'Werkervaringsovereenkomst tot', fr: "Convention d'expérience professionnelle jusqu'au", en: 'Work experience agreement until' },
  'client.max_end': { nl: 'Maximale duur tot', fr: "Durée maximale jusqu'au", en: 'Maximum duration until' },
  'client.aftercare_end': { nl: 'Nazorg tot', fr: "Suivi jusqu'au", en: 'Aftercare until' },
  'client.stage_hours': { nl: 'Stage-uren (GBVS)', fr: 'Heures de stage (GBVS)', en: 'Placement hours (GBVS)' },
  'client.hours_of': { nl: '{n} van 800', fr: '{n} sur 800', en: '{n} of 800' },
  'client.closing_reason': { nl: 'Reden van afsluiten', fr: 'Motif de clôture', en: 'Reason for closing' },
  'client.to_close_on': { nl: 'Te sluiten sinds', fr: 'À clôturer depuis le', en: 'To close since' },
  'client.advice_deadline': { nl: 'Eindadvies uiterlijk', fr: 'Avis final au plus tard le', en: 'Final advice due by' },
  'client.closed_on': { nl: 'Afgesloten op', fr: 'Clôturé le', en: 'Closed on' },
  'client.advice': { nl: 'Eindadvies', fr: 'Avis final', en: 'Final advice' },
  'client.stage_line': { nl: 'Stand van zaken: ', fr: 'État : ', en: 'Where things stand: ' },
  'client.no_return': { nl: 'De bemiddeling gaat niet terug naar VDAB.', fr: 'La médiation ne retourne pas au VDAB.',
    en: 'Mediation does not go back to VDAB.' },
  'client.returns': { nl: 'De bemiddeling gaat terug naar VDAB.', fr: 'La médiation retourne au VDAB.', en: 'Mediation goes back to VDAB.' },
  'client.returns_to': { nl: 'De bemiddeling gaat terug naar VDAB: {to}.', fr: 'La médiation retourne au VDAB : {to}.',
    en: 'Mediation goes back to VDAB: {to}.' },
  'client.no_notices': { nl: 'Geen open termijnen of waarschuwingen.', fr: "Aucun délai ouvert ni avertissement.", en: 'No open deadlines or warnings.' },
  'client.warning': { nl: 'Let op: ', fr: 'Attention : ', en: 'Note: ' },
  'client.c91': { nl: 'C91-attest afdrukken', fr: "Imprimer l'attestation C91", en: 'Print the C91 certificate' },
  'client.nothing_now': { nl: 'Nu is er niets te registreren.', fr: "Il n'y a rien à enregistrer pour l'instant.", en: 'There is nothing to record now.' },
  'client.sheets': { nl: 'Afsprakenbladen', fr: "Feuilles d'accords", en: 'Agreement sheets' },
  'client.sheet_line': { nl: 'Afsprakenblad van {on} · volgend contact {next} · ', fr: "Feuille d'accords du {on} · prochain contact le {next} · ",
    en: 'Agreement sheet of {on} · next contact {next} · ' },
  'client.signed_on': { nl: 'getekend op {on}', fr: 'signée le {on}', en: 'signed on {on}' },
  'client.unsigned': { nl: 'nog niet getekend', fr: 'pas encore signée', en: 'not signed yet' },
  'client.view_print': { nl: 'Bekijken en afdrukken', fr: 'Voir et imprimer', en: 'View and print' },
  'client.print_sign': { nl: 'Afdrukken en laten tekenen', fr: 'Imprimer et faire signer', en: 'Print and have it signed' },
  'client.lines': { nl: 'Opleidingen en stages', fr: 'Formations et stages', en: 'Training and placements' },
  'client.code': { nl: 'Code', fr: 'Code', en: 'Code' },
  'client.from': { nl: 'Van', fr: 'Du', en: 'From' },
  'client.until': { nl: 'Tot', fr: 'Au', en: 'Until' },
  'client.hours': { nl: 'Uren', fr: 'Heures', en: 'Hours' },
  'client.financing': { nl: 'Financieringsnummer', fr: 'Numéro de financement', en: 'Financing number' },
  'client.service': { nl: 'Dienstverlening {programme}', fr: 'Service {programme}', en: 'Service {programme}' },
  'client.notices': { nl: 'Termijnen en waarschuwingen', fr: 'Délais et avertissements', en: 'Deadlines and warnings' },
  'client.now': { nl: 'Wat kan nu', fr: 'Ce qui est possible maintenant', en: 'What can be done now' },
  'client.this_device': { nl: 'dit toestel', fr: 'cet appareil', en: 'this device' },
  'client.nothing_yet': { nl: 'Nog niets geregistreerd.', fr: "Rien n'a encore été enregistré.", en: 'Nothing recorded yet.' },
  'client.h_when': { nl: 'Wanneer (op het toestel)', fr: "Quand (sur l'appareil)", en: 'When (on the device)' },
  'client.h_what': { nl: 'Wat', fr: 'Quoi', en: 'What' },
  'client.h_by': { nl: 'Door', fr: 'Par', en: 'By' },
  'client.h_device': { nl: 'Toestel', fr: 'Appareil', en: 'Device' },
  'client.h_received': { nl: 'Ontvangen door centraal', fr: 'Reçu par le central', en: 'Received by central' },
  'client.h_state': { nl: 'Stand', fr: 'État', en: 'State' },
  'client.no_appointments': { nl: 'Geen afspraken.', fr: 'Aucun rendez-vous.', en: 'No appointments.' },
  'client.a_when': { nl: 'Wanneer', fr: 'Quand', en: 'When' },
  'client.a_kind': { nl: 'Soort', fr: 'Type', en: 'Kind' },
  'client.a_mediator': { nl: 'Bemiddelaar', fr: 'Médiateur', en: 'Mediator' },
  'client.a_place': { nl: 'Plaats', fr: 'Lieu', en: 'Place' },
  'client.a_arrived': { nl: 'Aangemeld', fr: 'Arrivé', en: 'Checked in' },
  'client.a_outcome': { nl: 'Afwerking', fr: 'Résultat', en: 'Outcome' },
  'client.first': { nl: 'eerste afspraak', fr: 'premier rendez-vous', en: 'first appointment' },
  'client.regular': { nl: 'gewone afspraak', fr: 'rendez-vous ordinaire', en: 'regular appointment' },
  'client.registered': { nl: ', aangetekend', fr: ', recommandé', en: ', registered' },
  'client.open': { nl: 'nog af te werken', fr: 'à clôturer', en: 'still to complete' },
  'client.back': { nl: 'Terug', fr: 'Retour', en: 'Back' },
  'client.back_today': { nl: '← Afspraken vandaag', fr: "← Rendez-vous d'aujourd'hui", en: "← Today's appointments" },
  'client.mediator': { nl: 'bemiddelaar {name}', fr: 'médiateur {name}', en: 'mediator {name}' },
  'client.language': { nl: 'taal: {language}', fr: 'langue : {language}', en: 'language: {language}' },
  'client.no_services': { nl: 'Geen dienstverlening gekend voor deze klant.', fr: 'Aucun service connu pour ce client.',
    en: 'No service known for this client.' },
  'client.appointments': { nl: 'Afspraken', fr: 'Rendez-vous', en: 'Appointments' },
  'client.history': { nl: 'Geschiedenis', fr: 'Historique', en: 'History' },
  // The rules' notices come in Dutch and English; French for the usual ones ({due}: their day).
  'notice.fr.agreement_sheet.due': { nl: '', fr: "Première feuille d'accords au plus tard le {due}." },
  'notice.fr.agreement_sheet.overdue': { nl: '', fr: "La première feuille d'accords est en retard (au plus tard le {due})." },
  'notice.fr.weo.to_print': { nl: '', fr: "Imprimez la convention d'expérience professionnelle." },
  'notice.fr.weo.to_sign': { nl: '', fr: "Faites signer la convention d'expérience professionnelle." },
  'notice.fr.mediation.can_start': { nl: '', fr: 'Le processus de médiation peut commencer.' },
  'notice.fr.closing.advice_due': { nl: '', fr: 'À clôturer : avis final au plus tard le {due}, sinon le service se clôture automatiquement sans avis.' },
  'notice.fr.service.max_end': { nl: '', fr: "Durée maximale jusqu'au {due}." },
  'notice.fr.twe.c91_available': { nl: '', fr: "L'attestation C91 (fin du parcours d'apprentissage) peut être imprimée." },
  'notice.fr.contact.verify_residence_and_work_permit': { nl: '', fr: 'Vérifiez le statut de séjour et le permis de travail.' }
});

// A notice in the desk's language: the agent's Dutch or English, French from the list above
// (Dutch for a notice it does not know).
function noticeText(n) {
  if (lang() === 'en' && n.en) return n.en;
  const key = `notice.fr.${n.code}`;
  if (lang() === 'fr' && t(key) !== key) return t(key, { due: dateText(n.due) });
  return n.nl;
}

// Kinds with a page of their own; the others get a small form on the client page.
const PAGE_OF = { agreement_sheet: 'afsprakenblad', weo_printed: 'weo', training_line: 'lijn', final_advice: 'eindadvies' };

const link = (href, text, className = 'button-link', kind) => el('a', { href, textContent: text, className, dataset: kind ? { kind } : {} });
const section = (title, ...children) => el('section', { className: 'panel' }, el('h3', { textContent: title }), ...children);

function stateBlock(service) {
  const s = service.state;
  const facts = [
    [t('client.referred_on'), dateText(service.referred_on)],
    s.mediation_start && [t('client.mediation_start'), dateText(s.mediation_start)],
    s.weo_end && [t('client.weo_end'), dateText(s.weo_end)],
    s.max_end && [t('client.max_end'), dateText(s.max_end)],
    s.aftercare_end && [t('client.aftercare_end'), dateText(s.aftercare_end)],
    s.stage_hours ? [t('client.stage_hours'), t('client.hours_of', { n: s.stage_hours })] : null,
    s.closing_reason && [t('client.closing_reason'), label('reason', s.closing_reason)],
    s.to_close_on && [t('client.to_close_on'), dateText(s.to_close_on)],
    s.advice_deadline && s.stage === 'to_close' && [t('client.advice_deadline'), dateText(s.advice_deadline)],
    s.closed_on && [t('client.closed_on'), `${dateText(s.closed_on)} (${label('way', s.closed_way)})`],
    s.advice && [t('client.advice'), label('advice', s.advice)]
  ].filter(Boolean);
  return el('div', { className: 'state' },
    el('p', { className: 'stage-line' }, t('client.stage_line'),
      el('strong', { className: `stage stage-${s.stage}`, textContent: label('stage', s.stage), dataset: { stage: s.stage } })),
    el('p', { className: 'stage-explain', textContent: label('explain', s.stage) }),
    el('dl', { className: 'facts' }, ...facts.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })])),
    s.stage === 'closed' ? returnsBlock(s) : null);
}

export function returnsText(s) {
  if (!s.returns_to_vdab) return t('client.no_return');
  return s.returns_to ? t('client.returns_to', { to: label('returns_to', s.returns_to) }) : t('client.returns');
}

function returnsBlock(s) {
  return el('p', { className: 'returns', dataset: { returns: s.returns_to_vdab ? s.returns_to || 'yes' : 'none' },
    textContent: returnsText(s) });
}

function noticesBlock(service, today) {
  const notices = service.state.notices || [];
  if (!notices.length) return el('p', { className: 'muted', textContent: t('client.no_notices') });
  return el('ul', { className: 'notices' }, ...notices.map((n) => el('li', {
    className: n.allowed ? 'notice' : 'notice warning', dataset: { code: n.code }
  }, n.allowed ? null : el('span', { className: 'warning-mark', textContent: t('client.warning') }),
  el('span', { textContent: noticeText(n) }), n.due ? ' ' : null, n.due ? countdown(n.due, today) : null)));
}

function actionsBlock(detail, service, onDone) {
  const actions = service.actions || [];
  const base = `#/klant/${encodeURIComponent(detail.client.id)}/dienst/${encodeURIComponent(service.id)}`;
  const box = el('div', { className: 'actions-now' });
  const formSlot = el('div', { className: 'inline-form-slot' });
  for (const kind of actions) {
    if (kind === 'agreement_sheet_signed') continue;  // on each unsigned sheet below
    if (PAGE_OF[kind]) { box.append(link(`${base}/${PAGE_OF[kind]}`, label('action', kind), 'button-link action', kind)); continue; }
    const button = el('button', { type: 'button', className: 'secondary action', textContent: label('action', kind),
      dataset: { kind } });
    button.addEventListener('click', () => formSlot.replaceChildren(inlineFactForm(service, kind, detail.today, onDone)));
    box.append(button);
  }
  if (service.state.stage === 'closed' && service.programme.startsWith('TWE')) {
    box.append(link(`${base}/c91`, t('client.c91'), 'button-link action', 'c91'));
  }
  if (!box.childElementCount) return el('p', { className: 'muted', textContent: t('client.nothing_now') });
  return el('div', {}, box, formSlot);
}

function sheetsBlock(detail, service) {
  const base = `#/klant/${encodeURIComponent(detail.client.id)}/dienst/${encodeURIComponent(service.id)}/afsprakenblad`;
  if (!service.sheets || !service.sheets.length) return null;
  return section(t('client.sheets'), el('ul', { className: 'sheets' }, ...service.sheets.map((sheet) => el('li', {
    dataset: { sheet: sheet.id } },
  t('client.sheet_line', { on: dateText(sheet.on), next: dateText(sheet.next_contact) }),
  el('span', { className: sheet.signed_on ? 'signed' : 'unsigned',
    textContent: sheet.signed_on ? t('client.signed_on', { on: dateText(sheet.signed_on) }) : t('client.unsigned') }), ' ',
  link(`${base}/${encodeURIComponent(sheet.id)}`, t(sheet.signed_on ? 'client.view_print' : 'client.print_sign'))))));
}

function linesBlock(detail, service) {
  if (!service.lines || !service.lines.length) return null;
  return section(t('client.lines'), el('table', { className: 'lines' },
    el('thead', {}, el('tr', {}, ...['code', 'from', 'until', 'hours', 'financing'].map((h) => el('th', { textContent: t(`client.${h}`), attrs: { scope: 'col' } })))),
    el('tbody', {}, ...service.lines.map((l) => el('tr', {},
      el('td', { textContent: label('training', l.code) }), el('td', { textContent: dateText(l.on) }),
      el('td', { textContent: dateText(l.until) }), el('td', { textContent: String(l.hours ?? '–') }),
      el('td', { textContent: l.financing_number || detail.site.financing_number || '–' }))))));
}

function serviceCard(detail, service, onDone) {
  const card = el('section', { className: 'service card-wide', dataset: { service: service.id, stage: service.state.stage } },
    el('h2', { textContent: t('client.service', { programme: service.programme }) }),
    stateBlock(service),
    section(t('client.notices'), noticesBlock(service, detail.today)),
    section(t('client.now'), actionsBlock(detail, service, onDone)));
  const sheets = sheetsBlock(detail, service);
  const lines = linesBlock(detail, service);
  if (sheets) card.append(sheets);
  if (lines) card.append(lines);
  return card;
}

function syncBadge(item) {
  const badge = el('span', { className: `sync-badge sync-${item.sync}`, textContent: label('sync', item.sync) });
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
  return el('td', { textContent: t('client.this_device'), title: h.device_id || '' });
}

// The agent names a fact in Dutch and English (label_nl, label_en): those, and French from the
// desk's own list.
function historyLabel(h) {
  if (lang() === 'nl' && h.label_nl) return h.label_nl;
  if (lang() === 'en' && h.label_en) return h.label_en;
  const own = label('history', h.kind);
  return own !== String(h.kind) ? own : h.label_nl || own;
}

function historyBlock(detail) {
  const items = [...(detail.history || [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((h) => (h.sync === 'refused' && !h.refused_reason ? { ...h, refused_reason: refusedReason(detail, h) } : h));
  if (!items.length) return el('p', { className: 'muted', textContent: t('client.nothing_yet') });
  const head = ['when', 'what', 'by', 'device', 'received', 'state'].map((k) => t(`client.h_${k}`));
  return el('table', { className: 'history' },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { textContent: h, attrs: { scope: 'col' } })))),
    el('tbody', {}, ...items.map((h) => el('tr', { dataset: { kind: h.kind, sync: h.sync || '' } },
      el('td', { textContent: instantText(h.at) }), el('td', { textContent: historyLabel(h) }),
      el('td', { textContent: h.by || '–' }), deviceCell(h),
      el('td', { textContent: h.received_at ? instantText(h.received_at) : '–' }), el('td', {}, syncBadge(h))))));
}

function appointmentsBlock(detail) {
  if (!detail.appointments.length) return el('p', { className: 'muted', textContent: t('client.no_appointments') });
  return el('table', { className: 'client-appointments' },
    el('thead', {}, el('tr', {}, ...['when', 'kind', 'mediator', 'place', 'arrived', 'outcome']
      .map((h) => el('th', { textContent: t(`client.a_${h}`), attrs: { scope: 'col' } })))),
    el('tbody', {}, ...[...detail.appointments].sort((a, b) => (a.starts_at < b.starts_at ? -1 : 1)).map((a) => el('tr', {},
      el('td', { textContent: instantText(a.starts_at) }),
      el('td', { textContent: t(a.kind === 'first' ? 'client.first' : 'client.regular') + (a.registered ? t('client.registered') : '') }),
      el('td', { textContent: a.staff_name || '–' }), el('td', { textContent: a.location || '–' }),
      el('td', { textContent: a.checked_in_at ? instantText(a.checked_in_at) : '–' }),
      el('td', { textContent: a.outcome ? label('outcome', a.outcome) : t('client.open') })))));
}

export function renderClient(root, detail, onDone) {
  const c = detail.client;
  root.replaceChildren(
    el('nav', { className: 'crumbs', attrs: { 'aria-label': t('client.back') } }, link('#/vandaag', t('client.back_today'), 'back')),
    el('h1', { id: 'client-name', textContent: fullName(c) }),
    el('p', { className: 'client-meta', textContent: [c.programme, c.coach_name && t('client.mediator', { name: c.coach_name }),
      c.language && t('client.language', { language: label('language', c.language) }), detail.site && detail.site.name].filter(Boolean).join(' · ') }),
    el('p', { id: 'client-result', attrs: { role: 'status', 'aria-live': 'polite' } }),
    ...(detail.services.length ? detail.services.map((s) => serviceCard(detail, s, onDone))
      : [el('p', { className: 'muted', textContent: t('client.no_services') })]),
    el('section', { className: 'card-wide' }, el('h2', { textContent: t('client.appointments') }), appointmentsBlock(detail)),
    el('section', { className: 'card-wide' }, el('h2', { textContent: t('client.history') }), historyBlock(detail)));
}
