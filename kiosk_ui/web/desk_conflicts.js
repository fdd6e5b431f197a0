// The conflicts central reported, for a staff member to review, in the desk's language: whose
// appointment (by name, its day and hour in Brussels), what this device recorded meanwhile, what
// changed at central (old → new; the mediator by name) and what to check with the client. One per
// appointment (the agent groups the facts of one record); no internal id is shown.
// renderConflicts fills the desk's conflict section; `reviewed` runs after one is marked reviewed.
import { api, errorText } from './desk_api.js';
import { $, el, dateText, instantText, timeText, brusselsDay } from './desk_format.js';
import { addTexts, t, lang, onLanguage } from './desk_i18n.js';

addTexts({
  'conflicts.heading': { nl: 'Te bekijken conflicten', fr: 'Conflits à vérifier', en: 'Conflicts to review' },
  'conflicts.appointment': { nl: 'Afspraak van {name} op {day} om {time}', fr: 'Rendez-vous de {name} le {day} à {time}',
    en: 'Appointment of {name} on {day} at {time}' },
  'conflicts.appointment_unknown': { nl: 'Afspraak van {name}', fr: 'Rendez-vous de {name}', en: 'Appointment of {name}' },
  'conflicts.someone': { nl: 'een klant', fr: 'un client', en: 'a client' },
  'conflicts.changed': { nl: 'werd op centraal gewijzigd terwijl dit toestel geen verbinding had.',
    fr: 'a été modifié au central pendant que cet appareil était hors ligne.',
    en: 'was changed at central while this device was offline.' },
  'conflicts.work_plan': { nl: 'Werkpunten en opdrachten van {name}', fr: 'Points de travail et missions de {name}',
    en: 'Work points and assignments of {name}' },
  'conflicts.workplace_visit': { nl: 'Werkplekbezoek van {name}', fr: 'Visite sur le lieu de travail de {name}',
    en: 'Workplace visit of {name}' },
  'conflicts.record': { nl: 'Gegevens van {name}', fr: 'Données de {name}', en: 'Record of {name}' },
  'conflicts.facts': { nl: 'Op dit toestel geregistreerd: {facts}. Dat blijft bewaard.',
    fr: 'Enregistré sur cet appareil : {facts}. Cela reste conservé.', en: 'Recorded on this device: {facts}. This is kept.' },
  'conflicts.change': { nl: '{field}: ', fr: '{field} : ', en: '{field}: ' },
  'conflicts.what_changed': { nl: 'Wat werd gewijzigd', fr: 'Ce qui a changé', en: 'What changed' },
  'conflicts.detected': { nl: 'Vastgesteld op {day} om {time}', fr: 'Constaté le {day} à {time}', en: 'Noticed on {day} at {time}' },
  'conflicts.file': { nl: 'Dossier van {name}', fr: 'Dossier de {name}', en: 'File of {name}' },
  'conflicts.reviewed': { nl: 'Bekeken', fr: 'Vérifié', en: 'Reviewed' },
  'conflicts.reviewed_label': { nl: 'Bekeken: {what}', fr: 'Vérifié : {what}', en: 'Reviewed: {what}' },
  'fact.checked_in': { nl: 'aangemeld', fr: 'arrivée enregistrée', en: 'checked in' },
  'fact.present': { nl: 'aanwezig', fr: 'présent', en: 'present' },
  'fact.absent_valid': { nl: 'afwezig met geldige reden', fr: 'absent pour un motif valable', en: 'absent with a valid reason' },
  'fact.absent_invalid': { nl: 'afwezig zonder geldige reden', fr: 'absent sans motif valable', en: 'absent without a valid reason' },
  'fact.rescheduled': { nl: 'herpland', fr: 'replanifié', en: 'rescheduled' },
  'field.starts_at': { nl: 'Dag en uur', fr: 'Jour et heure', en: 'Day and time' },
  'field.duration_min': { nl: 'Duur', fr: 'Durée', en: 'Duration' },
  'field.location': { nl: 'Plaats', fr: 'Lieu', en: 'Place' },
  'field.staff': { nl: 'Bemiddelaar', fr: 'Médiateur', en: 'Mediator' },
  'field.kind': { nl: 'Soort afspraak', fr: 'Type de rendez-vous', en: 'Kind of appointment' },
  'field.registered': { nl: 'Aangetekend', fr: 'Recommandé', en: 'Registered' },
  'field.outcome': { nl: 'Resultaat', fr: 'Résultat', en: 'Outcome' },
  'value.none': { nl: 'geen', fr: 'aucun', en: 'none' },
  'value.yes': { nl: 'ja', fr: 'oui', en: 'yes' },
  'value.no': { nl: 'nee', fr: 'non', en: 'no' },
  'value.minutes': { nl: '{n} minuten', fr: '{n} minutes', en: '{n} minutes' },
  'value.first': { nl: 'eerste afspraak', fr: 'premier rendez-vous', en: 'first appointment' },
  'value.regular': { nl: 'gewone afspraak', fr: 'rendez-vous ordinaire', en: 'regular appointment' },
  'check.starts_at': { nl: 'Controleer met de klant welk uur geldt.', fr: "Vérifiez avec le client quelle heure est la bonne.",
    en: 'Check with the client which time applies.' },
  'check.starts_at_day': { nl: 'Controleer met de klant welke dag en welk uur gelden.',
    fr: 'Vérifiez avec le client quel jour et quelle heure sont les bons.', en: 'Check with the client which day and time apply.' },
  'check.location': { nl: 'Zeg de klant waar de afspraak nu doorgaat: {place}.', fr: 'Dites au client où a lieu le rendez-vous maintenant : {place}.',
    en: 'Tell the client where the appointment now takes place: {place}.' },
  'check.staff': { nl: 'Controleer of {name} de klant nu ontvangt.', fr: 'Vérifiez si {name} reçoit maintenant le client.',
    en: 'Check whether {name} now sees the client.' },
  'check.duration_min': { nl: 'De afspraak duurt nu {n} minuten.', fr: 'Le rendez-vous dure maintenant {n} minutes.',
    en: 'The appointment now lasts {n} minutes.' },
  'check.registered': { nl: 'Controleer of de afspraak aangetekend moet zijn: de regels voor een afwezigheid hangen ervan af.',
    fr: "Vérifiez si le rendez-vous doit être recommandé : les règles en cas d'absence en dépendent.",
    en: 'Check whether the appointment must be registered: the rules for an absence depend on it.' },
  'check.kind': { nl: 'Controleer of dit de eerste afspraak van de klant is.', fr: "Vérifiez s'il s'agit du premier rendez-vous du client.",
    en: "Check whether this is the client's first appointment." },
  'check.outcome': { nl: 'Op een ander toestel werd al "{outcome}" geregistreerd: controleer welk resultaat klopt.',
    fr: 'Un autre appareil a déjà enregistré « {outcome} » : vérifiez quel résultat est correct.',
    en: 'Another device already recorded "{outcome}": check which outcome is right.' },
  'check.outcome_kept': { nl: 'Controleer of het geregistreerde resultaat nog klopt voor de gewijzigde afspraak.',
    fr: "Vérifiez si le résultat enregistré est toujours correct pour le rendez-vous modifié.",
    en: 'Check whether the recorded outcome still holds for the changed appointment.' },
  'check.general': { nl: 'Controleer de afspraak met de klant.', fr: 'Vérifiez le rendez-vous avec le client.',
    en: 'Check the appointment with the client.' },
  'check.file': { nl: 'Bekijk het dossier en controleer welke versie klopt.', fr: 'Consultez le dossier et vérifiez quelle version est correcte.',
    en: 'Open the file and check which version is right.' }
});

const OUTCOMES = new Set(['present', 'absent_valid', 'absent_invalid', 'rescheduled']);
// What matters most to the client first: when, where, with whom.
const ORDER = ['starts_at', 'location', 'staff', 'duration_min', 'kind', 'registered', 'outcome'];
const byImportance = (changes) => [...changes].sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field));

// "01/12/2026 om 20:28" parts of an instant, in Brussels.
function when(iso) { return { day: dateText(brusselsDay(iso)), time: timeText(iso) }; }

function shownValue(field, value, sameDay) {
  if (value === null || value === undefined || value === '') return t('value.none');
  if (field === 'starts_at') return sameDay ? timeText(value) : instantText(value);
  if (field === 'registered') return t(value ? 'value.yes' : 'value.no');
  if (field === 'duration_min') return t('value.minutes', { n: value });
  if (field === 'kind') return t(`value.${value}`);
  if (field === 'outcome') return t(`fact.${value}`);
  return String(value);
}

function changeLine(change) {
  const sameDay = change.field === 'starts_at' && change.was && change.now && brusselsDay(change.was) === brusselsDay(change.now);
  return el('li', { dataset: { field: change.field } },
    el('span', { className: 'change-label', textContent: t('conflicts.change', { field: t(`field.${change.field}`) }) }),
    el('del', { textContent: shownValue(change.field, change.was, sameDay) }), ' → ',
    el('ins', { textContent: shownValue(change.field, change.now, sameDay) }));
}

// What the staff member should check, one sentence per change.
function checks(c) {
  const out = [];
  for (const ch of byImportance(c.changes)) {
    if (ch.field === 'starts_at') {
      out.push(t(ch.was && ch.now && brusselsDay(ch.was) !== brusselsDay(ch.now) ? 'check.starts_at_day' : 'check.starts_at'));
    } else if (ch.field === 'location' && ch.now) out.push(t('check.location', { place: ch.now }));
    else if (ch.field === 'staff' && ch.now) out.push(t('check.staff', { name: ch.now }));
    else if (ch.field === 'duration_min') out.push(t('check.duration_min', { n: ch.now }));
    else if (ch.field === 'outcome' && ch.now) out.push(t('check.outcome', { outcome: t(`fact.${ch.now}`) }));
    else if (ch.field === 'registered' || ch.field === 'kind') out.push(t(`check.${ch.field}`));
  }
  if (c.entity !== 'attendance') out.push(t('check.file'));
  else if (c.facts.some((f) => OUTCOMES.has(f)) && c.changes.length) out.push(t('check.outcome_kept'));
  if (!out.length) out.push(t('check.general'));
  return out;
}

function title(c) {
  const name = c.client_name || t('conflicts.someone');
  if (c.entity !== 'attendance') return t(`conflicts.${c.entity}`) === `conflicts.${c.entity}` ? t('conflicts.record', { name }) : t(`conflicts.${c.entity}`, { name });
  return c.starts_at ? t('conflicts.appointment', { name, ...when(c.starts_at) }) : t('conflicts.appointment_unknown', { name });
}

function conflictItem(c, reviewed) {
  const what = title(c);
  const result = el('p', { className: 'result', attrs: { role: 'status' } });
  const done = el('button', { type: 'button', className: 'secondary review', textContent: t('conflicts.reviewed'),
    attrs: { 'aria-label': t('conflicts.reviewed_label', { what }) } });
  done.addEventListener('click', async () => {
    let answer;
    try {
      answer = await api(`/api/v1/desk/conflicts/${encodeURIComponent(c.id)}/reviewed`, { method: 'POST', body: '{}' });
    } catch (e) {
      if (e.message === 'signed out') return;
      answer = { status: 0, body: {} };
    }
    if (answer.status !== 200) { result.textContent = errorText(answer.status, answer.body); result.className = 'result refused'; return; }
    await reviewed();
  });
  const facts = c.facts.length ? el('p', { className: 'conflict-facts',
    textContent: t('conflicts.facts', { facts: c.facts.map((f) => t(`fact.${f}`)).join(', ') }) }) : null;
  const changes = c.changes.length ? el('ul', { className: 'conflict-changes', attrs: { 'aria-label': t('conflicts.what_changed') } },
    ...byImportance(c.changes).map(changeLine)) : null;
  const item = el('li', { className: 'conflict', dataset: { conflict: c.id } },
    el('p', { className: 'conflict-what' }, el('strong', { textContent: what }), ` ${t('conflicts.changed')}`),
    facts, changes,
    el('ul', { className: 'conflict-check' }, ...checks(c).map((text) => el('li', { textContent: text }))),
    el('p', { className: 'conflict-foot' },
      el('span', { className: 'muted', textContent: t('conflicts.detected', when(c.detected_at)) }), ' ',
      c.client_id ? el('a', { href: `#/klant/${encodeURIComponent(c.client_id)}`, textContent: t('conflicts.file', { name: c.client_name }) }) : null,
      ' ', done),
    result);
  return item;
}

// Drawn again only when the list or the language changed: the desk polls every 2 s, and a list
// rebuilt under the pointer or the keyboard focus loses clicks.
let drawn = '';
let last = null;
export function renderConflicts(conflicts, reviewed) {
  last = [conflicts, reviewed];
  const signature = lang() + JSON.stringify(conflicts);
  $('conflicts-section').hidden = conflicts.length === 0;
  if (signature === drawn) return;
  drawn = signature;
  // The section's heading is in desk.html; worded here too, so it follows the language as the list does.
  const heading = $('conflicts-section').querySelector('h2');
  if (heading) heading.textContent = t('conflicts.heading');
  $('conflicts').replaceChildren(...conflicts.map((c) => conflictItem(c, reviewed)));
}

onLanguage(() => { if (last) renderConflicts(...last); });
