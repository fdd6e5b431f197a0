// The forms that record a service's facts: a small form on the client page for the simple kinds
// (a date, sometimes an end or two checkboxes), the agreement sheet and the training or stage line.
// Every answer is shown in the desk's language: what was recorded, or the rule that refused it.
// Dates are typed dd/mm/yyyy (coach_date.js) whatever the browser's language.
import { el, dateText, countdown, label, brusselsToday, TRAINING_CODES } from './desk_format.js';
import { postFact } from './desk_api.js';
import { dateField, dateValue, inputDay } from './date_field.js';
import { addTexts, t, locale } from './desk_i18n.js';

addTexts({
  'form.on': { nl: 'Op', fr: 'Le', en: 'On' },
  'form.from': { nl: 'Van', fr: 'Du', en: 'From' },
  'form.until': { nl: 'Tot en met', fr: "Jusqu'au", en: 'Until' },
  'form.employer': { nl: 'De werkgever neemt deel', fr: "L'employeur participe", en: 'The employer takes part' },
  'form.three_party': { nl: 'Overeenkomst Jobcoaching met werkgever, werknemer en GOB getekend',
    fr: 'Convention de jobcoaching signée par employeur, travailleur et GOB', en: 'Job coaching agreement signed by employer, employee and GOB' },
  'form.record': { nl: 'Registreren', fr: 'Enregistrer', en: 'Record' },
  'form.cancel': { nl: 'Annuleren', fr: 'Annuler', en: 'Cancel' },
  'form.sheet_late': { nl: 'Let op: het eerste afsprakenblad is te laat. Het moest getekend zijn op ',
    fr: "Attention : la première feuille d'accords est en retard. Elle devait être signée le ",
    en: 'Note: the first agreement sheet is late. It had to be signed on ' },
  'form.sheet_due': { nl: 'Het eerste afsprakenblad moet getekend zijn op ', fr: "La première feuille d'accords doit être signée le ",
    en: 'The first agreement sheet must be signed on ' },
  'form.sheet_due_why': { nl: ' (15 dagen na de eerste aanwezigheid): ', fr: ' (15 jours après la première présence) : ',
    en: ' (15 days after the first attendance): ' },
  'form.work_point': { nl: 'Werkpunt', fr: 'Point de travail', en: 'Work point' },
  'form.assignment': { nl: 'Opdracht', fr: 'Mission', en: 'Assignment' },
  'form.due': { nl: 'Uiterlijk op', fr: 'Au plus tard le', en: 'Due by' },
  'form.sheet_title': { nl: 'Afsprakenblad voor {name}', fr: "Feuille d'accords pour {name}", en: 'Agreement sheet for {name}' },
  'form.date': { nl: 'Datum', fr: 'Date', en: 'Date' },
  'form.work_points': { nl: 'Werkpunten', fr: 'Points de travail', en: 'Work points' },
  'form.add_point': { nl: 'Werkpunt toevoegen', fr: 'Ajouter un point de travail', en: 'Add a work point' },
  'form.assignments': { nl: 'Opdrachten met een uiterste datum', fr: 'Missions avec une date limite', en: 'Assignments with a deadline' },
  'form.add_assignment': { nl: 'Opdracht toevoegen', fr: 'Ajouter une mission', en: 'Add an assignment' },
  'form.next_contact': { nl: 'Volgend contact', fr: 'Prochain contact', en: 'Next contact' },
  'form.save_sheet': { nl: 'Afsprakenblad opslaan', fr: "Enregistrer la feuille d'accords", en: 'Save the agreement sheet' },
  'form.line_title': { nl: 'Opleiding of stage voor {name}', fr: 'Formation ou stage pour {name}', en: 'Training or placement for {name}' },
  'form.financing': { nl: 'Financieringsnummer: ', fr: 'Numéro de financement : ', en: 'Financing number: ' },
  'form.kind': { nl: 'Soort', fr: 'Type', en: 'Kind' },
  'form.choose_code': { nl: 'Kies een code', fr: 'Choisissez un code', en: 'Choose a code' },
  'form.hours': { nl: 'Aantal uren', fr: "Nombre d'heures", en: 'Number of hours' },
  'form.back': { nl: 'Terug naar de klant', fr: 'Retour au client', en: 'Back to the client' },
  'date.pattern': { nl: 'dd/mm/jjjj', fr: 'jj/mm/aaaa', en: 'dd/mm/yyyy' },
  'date.optional': { nl: 'dd/mm/jjjj, mag leeg', fr: 'jj/mm/aaaa, facultatif', en: 'dd/mm/yyyy, optional' },
  'date.calendar': { nl: 'Kalender', fr: 'Calendrier', en: 'Calendar' },
  'date.calendar_for': { nl: 'Kalender voor {label}', fr: 'Calendrier pour {label}', en: 'Calendar for {label}' },
  'date.choose': { nl: 'Kies {label}', fr: 'Choisissez {label}', en: 'Choose {label}' },
  'date.previous': { nl: '‹ Vorige maand', fr: '‹ Mois précédent', en: '‹ Previous month' },
  'date.next': { nl: 'Volgende maand ›', fr: 'Mois suivant ›', en: 'Next month ›' },
  'date.close': { nl: 'Sluiten', fr: 'Fermer', en: 'Close' },
  'date.invalid': { nl: 'Geef een datum als dd/mm/jjjj, bv. 03/02/2026.', fr: 'Indiquez une date au format jj/mm/aaaa, p. ex. 03/02/2026.',
    en: 'Give a date as dd/mm/yyyy, e.g. 03/02/2026.' }
});

// A dd/mm/yyyy field with a calendar in the desk's language ("{label}" stays for coach_date).
export function deskDateField(labelText, name, iso = '', required = true) {
  const words = { pattern: t('date.pattern'), calendar: t('date.calendar'), calendarFor: t('date.calendar_for', {}),
    choose: t('date.choose', {}), previous: t('date.previous'), next: t('date.next'), close: t('date.close'), invalid: t('date.invalid') };
  return dateField(labelText, name, { iso, today: brusselsToday(), required, locale: locale(), words,
    hint: required ? words.pattern : t('date.optional') });
}

// The ISO days of a form's date fields `names`, or null (the form shows which one is wrong).
export function formDates(form, names) {
  const out = {};
  for (const name of names) {
    const iso = dateValue(form, name);
    if (iso === null) { form.reportValidity(); return null; }
    out[name] = iso || null;
  }
  return out;
}

let fieldCount = 0;
function field(label, input, hint) {
  const id = input.id || `f${++fieldCount}`;
  input.id = id;
  return el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: label }), input,
    hint ? el('span', { className: 'hint', textContent: hint }) : null);
}
const checkbox = (name, label) => el('label', { className: 'check' }, el('input', { type: 'checkbox', name }), ` ${label}`);

export function showResult(node, result) {
  node.textContent = result.message;
  node.dataset.code = result.code;
  node.className = result.ok ? 'result ok' : 'result refused';
}

// A form for the kinds without a page of their own; `onDone(result)` re-fetches the client.
export function inlineFactForm(service, kind, today, onDone) {
  const form = el('form', { className: 'inline-form', dataset: { kind } },
    el('h4', { textContent: label('action', kind) }));
  form.append(deskDateField(t(kind === 'short_job' ? 'form.from' : 'form.on'), 'on', today));
  if (kind === 'short_job') form.append(deskDateField(t('form.until'), 'until'));
  if (kind === 'action_plan_signed') {
    form.append(checkbox('employer_involved', t('form.employer')), checkbox('three_party_agreement', t('form.three_party')));
  }
  const result = el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
  form.append(el('div', { className: 'form-buttons' },
    el('button', { type: 'submit', textContent: t('form.record') }),
    el('button', { type: 'button', className: 'secondary', textContent: t('form.cancel'), onclick: () => form.remove() })), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const dates = formDates(form, kind === 'short_job' ? ['on', 'until'] : ['on']);
    if (!dates) return;
    const fact = { kind, on: dates.on };
    if (kind === 'short_job') fact.until = dates.until;
    if (kind === 'action_plan_signed') {
      fact.employer_involved = data.get('employer_involved') === 'on';
      fact.three_party_agreement = data.get('three_party_agreement') === 'on';
    }
    const answer = await postFact(service.id, fact);
    if (answer.ok) onDone(answer); else showResult(result, answer);
  });
  return form;
}

function firstSheetCountdown(service, today) {
  const s = service.state;
  if (!s.first_sheet_due || s.first_sheet_signed) return null;
  const late = s.first_sheet_due < today;
  return el('p', { className: late ? 'sheet-due late' : 'sheet-due', dataset: { late: String(late) } },
    t(late ? 'form.sheet_late' : 'form.sheet_due'),
    el('strong', { textContent: dateText(s.first_sheet_due) }), t('form.sheet_due_why'),
    countdown(s.first_sheet_due, today), '.');
}

function pointRow(value = '') {
  const input = el('input', { name: 'work_point', value, maxLength: 300, className: 'wide' });
  return field(t('form.work_point'), input);
}

function assignmentRow() {
  return el('div', { className: 'assignment' },
    field(t('form.assignment'), el('input', { name: 'assignment_text', maxLength: 300, className: 'wide' })),
    deskDateField(t('form.due'), 'assignment_due', '', false));
}

// #/klant/ID/dienst/SID/afsprakenblad: draw up an agreement sheet; then its printable view.
export function agreementSheetForm(root, detail, service, go) {
  const points = el('div', { className: 'rows' }, pointRow(), pointRow());
  const tasks = el('div', { className: 'rows' }, assignmentRow(), assignmentRow());
  const result = el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const form = el('form', { id: 'sheet-form', className: 'page-form' },
    el('h1', { textContent: t('form.sheet_title', { name: `${detail.client.first_name} ${detail.client.last_name}` }) }),
    firstSheetCountdown(service, detail.today),
    deskDateField(t('form.date'), 'on', detail.today),
    el('fieldset', {}, el('legend', { textContent: t('form.work_points') }), points,
      el('button', { type: 'button', className: 'secondary', textContent: t('form.add_point'), onclick: () => points.append(pointRow()) })),
    el('fieldset', {}, el('legend', { textContent: t('form.assignments') }), tasks,
      el('button', { type: 'button', className: 'secondary', textContent: t('form.add_assignment'), onclick: () => tasks.append(assignmentRow()) })),
    deskDateField(t('form.next_contact'), 'next_contact'),
    el('div', { className: 'form-buttons' }, el('button', { type: 'submit', textContent: t('form.save_sheet') }),
      el('a', { href: `#/klant/${encodeURIComponent(detail.client.id)}`, className: 'button-link secondary', textContent: t('form.cancel') })),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const dates = formDates(form, ['on', 'next_contact']);
    if (!dates) return;
    const texts = data.getAll('assignment_text');
    const dues = [];
    for (const input of form.querySelectorAll('input[name="assignment_due"]')) {
      const iso = inputDay(input);
      if (iso === null) { form.reportValidity(); return; }
      dues.push(iso);
    }
    const content = {
      work_points: data.getAll('work_point').map((p) => p.trim()).filter(Boolean),
      assignments: texts.map((text, i) => ({ text: text.trim(), due: dues[i] || null })).filter((a) => a.text)
    };
    const answer = await postFact(service.id, { kind: 'agreement_sheet', on: dates.on, next_contact: dates.next_contact, content });
    showResult(result, answer);
    if (answer.ok) go(`#/klant/${encodeURIComponent(detail.client.id)}/dienst/${encodeURIComponent(service.id)}/afsprakenblad/${encodeURIComponent(answer.id)}`, answer);
  });
  root.replaceChildren(form);
  form.querySelector('input[name=work_point]').focus();
}

// #/klant/ID/dienst/SID/lijn: a training or stage line with its code, dates and hours.
export function trainingLineForm(root, detail, service, go) {
  const code = el('select', { name: 'code', required: true },
    el('option', { value: '', textContent: t('form.choose_code') }), ...TRAINING_CODES.map((v) => el('option', { value: v, textContent: label('training', v) })));
  const result = el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const form = el('form', { id: 'line-form', className: 'page-form' },
    el('h1', { textContent: t('form.line_title', { name: `${detail.client.first_name} ${detail.client.last_name}` }) }),
    el('p', {}, t('form.financing'), el('strong', { id: 'financing-number', textContent: detail.site.financing_number || '–' }),
      ` (${detail.site.name})`),
    field(t('form.kind'), code),
    deskDateField(t('form.from'), 'on', detail.today), deskDateField(t('form.until'), 'until'),
    field(t('form.hours'), el('input', { type: 'number', name: 'hours', min: '0', max: '2000', step: '0.5', required: true })),
    el('div', { className: 'form-buttons' }, el('button', { type: 'submit', textContent: t('form.record') }),
      el('a', { href: `#/klant/${encodeURIComponent(detail.client.id)}`, className: 'button-link secondary', textContent: t('form.back') })),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const dates = formDates(form, ['on', 'until']);
    if (!dates) return;
    const answer = await postFact(service.id, { kind: 'training_line', code: data.get('code'), on: dates.on,
      until: dates.until, hours: Number(data.get('hours')) });
    showResult(result, answer);
    if (answer.ok) go(`#/klant/${encodeURIComponent(detail.client.id)}`, answer);
  });
  root.replaceChildren(form);
  code.focus();
}
