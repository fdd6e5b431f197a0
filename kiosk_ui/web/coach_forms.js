// The coach's forms for a visit (new, or an edit of the version shown) and for a day's stage hours
// on one line. Each answer is shown in Dutch: what was kept, or the rule that refused it. Notes are
// confidential: sealed on this laptop and for central, never in an export; while this laptop
// cannot seal them (no key yet) the agent refuses them and the visit can be kept without.
import { el, brusselsToday, fullName, TRAINING_NL } from './desk_format.js';
import { postVisit, postHours, changeIds } from './coach_api.js';
import { dateField, dateValue, dayText } from './coach_date.js';

const VISIT_KINDS = [['intake', 'Intake'], ['evaluation', 'Evaluatie'], ['follow_up', 'Opvolging'], ['aftercare', 'Nazorg']];
const NOTES_REFUSED = ['notes.no_key', 'notes.central_key_unknown'];

let fieldCount = 0;
export function field(label, input, hint) {
  const id = input.id || `cf${++fieldCount}`;
  input.id = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: label }), input,
    hint ? el('span', { id: `${id}-hint`, className: 'hint', textContent: hint }) : null);
}

export function showResult(node, result) {
  node.textContent = result.message;
  node.dataset.code = result.code;
  node.className = result.ok ? 'result ok' : 'result refused';
}

export const resultLine = () => el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
const lineText = (l) => `${TRAINING_NL[l.code] || l.code}, vanaf ${l.on}${l.until ? ` tot ${l.until}` : ''}`;

// The browser's own checks, with their messages in Dutch (the browser would speak its own
// language): true when every field is fine, else the first one says what is wrong.
export function validate(form) {
  for (const f of form.elements) {
    if (!f.willValidate || f.type === 'button' || f.type === 'submit') continue;
    f.setCustomValidity('');
    const v = f.validity;
    if (v.valid) continue;
    f.setCustomValidity(v.valueMissing ? 'Vul dit veld in.'
      : v.rangeUnderflow || v.rangeOverflow ? `Geef een getal van ${f.min} tot ${f.max}.`
        : v.stepMismatch ? 'Geef een geheel getal.' : 'Dit is geen geldige waarde.');
  }
  return form.reportValidity();
}

// "7,5" or "7.5" → 7.5, whatever the browser's language; null when it is no number.
export function parseNumber(text) {
  const t = String(text || '').trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

// Dates the page checked itself: a message in Dutch before anything is sent.
function checkDates(form, result, names) {
  for (const name of names) {
    if (dateValue(form, name) === null) {
      showResult(result, { ok: false, code: 'page.bad_date', message: 'Geef de datum als dd/mm/jjjj, bv. 03/02/2026.' });
      form.querySelector(`input[name="${name}"]`).focus();
      return false;
    }
  }
  return true;
}

// #/klant/ID/bezoek/SERVICE[/VISIT]
export function visitForm(root, detail, service, visit, go) {
  const back = `#/klant/${encodeURIComponent(detail.client.id)}`;
  const today = brusselsToday();
  const idFor = changeIds();
  const kind = el('select', { name: 'kind', required: true }, ...VISIT_KINDS.map(([v, t]) => el('option', { value: v, textContent: t, selected: visit ? visit.kind === v : v === 'follow_up' })));
  const action = el('select', { name: 'action_id' }, el('option', { value: '', textContent: 'Geen actie gekozen' }),
    ...service.lines.map((l) => el('option', { value: l.id, textContent: lineText(l), selected: visit && visit.action_id === l.id })));
  const pop = el('input', { type: 'checkbox', name: 'development_plan_updated', checked: !!(visit && visit.development_plan_updated) });
  const evaluation = el('fieldset', { className: 'evaluation-fields' }, el('legend', { textContent: 'Evaluatie' }),
    field('Geëvalueerde actie (lijn)', action), el('label', { className: 'check' }, pop, ' POP bijgewerkt na deze evaluatie'));
  const originalNotes = (visit && visit.notes) || '';
  const notes = el('textarea', { name: 'notes', rows: 5, maxLength: 4000, value: originalNotes, className: 'wide' });
  const notesHint = visit && visit.notes_elsewhere
    ? 'De notities van dit bezoek staan op een andere laptop. Laat leeg om ze te behouden; wat u typt, vervangt ze.'
    : 'Enkel voor u: verzegeld bewaard op deze laptop en bij centraal, nooit in de export.';
  const result = resultLine();
  const withoutNotes = el('button', { type: 'button', className: 'secondary', textContent: 'Bewaren zonder notities', hidden: true });
  const form = el('form', { id: 'visit-form', className: 'page-form', noValidate: true },
    el('h1', { textContent: visit ? `Bezoek van ${visit.on} wijzigen – ${fullName(detail.client)}` : `Bezoek registreren – ${fullName(detail.client)}` }),
    el('p', { className: 'muted', textContent: `Dienstverlening ${service.programme}` }),
    el('div', { className: 'form-row' }, field('Soort bezoek', kind),
      dateField('Datum', 'on', { iso: visit ? visit.on_iso : today, today }),
      field('Duur (minuten)', el('input', { type: 'number', name: 'duration_min', min: '1', max: '720', step: '1', required: true, value: visit ? String(visit.duration_min) : '60' }))),
    el('div', { className: 'form-row' },
      field('Werkplek', el('input', { name: 'workplace', maxLength: 200, value: visit ? visit.workplace : '', className: 'wide' })),
      field('Werkgever', el('input', { name: 'employer', maxLength: 200, value: visit ? visit.employer : '', className: 'wide' }))),
    evaluation,
    el('fieldset', { className: 'confidential' }, el('legend', { textContent: 'Vertrouwelijke notities' }),
      field('Notities (vertrouwelijk)', notes, notesHint)),
    el('div', { className: 'form-buttons' }, el('button', { type: 'submit', textContent: visit ? 'Wijziging bewaren' : 'Bezoek bewaren' }), withoutNotes,
      el('a', { href: back, className: 'button-link secondary', textContent: 'Annuleren' })),
    result);
  const showEvaluation = () => { evaluation.hidden = kind.value !== 'evaluation'; };
  kind.addEventListener('change', showEvaluation);
  showEvaluation();
  const send = async (keepNotes) => {
    if (!validate(form) || !checkDates(form, result, ['on'])) return;
    const data = new FormData(form);
    const body = { kind: data.get('kind'), on: dateValue(form, 'on'), duration_min: Number(data.get('duration_min')),
      workplace: data.get('workplace').trim(), employer: data.get('employer').trim() };
    if (body.kind === 'evaluation') {
      if (data.get('action_id')) body.action_id = data.get('action_id');
      body.development_plan_updated = pop.checked;
    }
    const typed = String(data.get('notes') || '');
    if (keepNotes && typed !== originalNotes) {
      if (new TextEncoder().encode(typed).length > 4000) {
        showResult(result, { ok: false, code: 'page.notes_too_long', message: 'De notities zijn te lang (maximaal 4000 tekens).' });
        return;
      }
      body.notes = typed;
    }
    if (visit) { body.visit_id = visit.id; body.base_version = visit.version; }
    const answer = await postVisit(service.id, body, idFor);
    withoutNotes.hidden = !(answer.code && NOTES_REFUSED.includes(answer.code) && !answer.ok);
    if (!answer.ok) {
      showResult(result, { ...answer, message: withoutNotes.hidden ? answer.message
        : `${answer.message} Uw notities blijven in het veld staan: kopieer ze of bewaar het bezoek zonder notities.` });
      return;
    }
    const what = `${VISIT_KINDS.find(([v]) => v === body.kind)[1]} van ${dayText(body.on)}`;
    go(back, { ok: true, code: answer.code, message: `${visit ? 'Bezoek gewijzigd' : 'Bezoek bewaard'}: ${what}.${answer.remark ? ` ${answer.remark}` : ''}` });
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); send(true); });
  withoutNotes.addEventListener('click', () => send(false));
  root.replaceChildren(form);
}

// The inline form on the file: one line's hours on one day (a later entry for the same day and
// line replaces it). Lines that count for a GBVS or community service say so.
export function hoursForm(service, today, onDone) {
  const idFor = changeIds();
  const preferred = service.lines.find((l) => l.gbvs || l.community_service) || service.lines[0];
  const line = el('select', { name: 'line_id', required: true }, ...service.lines.map((l) => el('option', {
    value: l.id, selected: l === preferred,
    textContent: `${l.code}, ${l.on}${l.until ? ` tot ${l.until}` : ''}${l.gbvs ? ' (telt voor de GBVS)' : l.community_service ? ' (gemeenschapsdienst)' : ''}` })));
  const result = resultLine();
  const form = el('form', { className: 'inline-form hours-form', noValidate: true, dataset: { service: service.id } },
    el('h4', { textContent: 'Uren van een dag registreren' }),
    el('p', { className: 'hint form-note', textContent: 'Een dag opnieuw invullen verbetert zijn uren: die dag telt één keer.' }),
    field('Lijn', line), dateField('Dag', 'on', { iso: today, today }),
    field('Uren', el('input', { name: 'hours', inputMode: 'decimal', required: true, size: '5', autocomplete: 'off' }), '0 tot 12, bv. 7,5'),
    el('div', { className: 'form-buttons' }, el('button', { type: 'submit', textContent: 'Uren bewaren' })), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!validate(form) || !checkDates(form, result, ['on'])) return;
    const data = new FormData(form);
    const hours = parseNumber(data.get('hours'));
    if (hours === null || hours > 12) {
      showResult(result, { ok: false, code: 'page.bad_hours', message: 'Geef de uren als een getal van 0 tot 12, bv. 7,5.' });
      form.querySelector('input[name=hours]').focus();
      return;
    }
    const entry = { line_id: data.get('line_id'), on: dateValue(form, 'on'), hours };
    const answer = await postHours(service.id, entry, idFor);
    if (!answer.ok) { showResult(result, answer); return; }
    const chosen = service.lines.find((l) => l.id === entry.line_id);
    onDone({ ok: true, code: answer.code, message: `Uren bewaard: ${String(entry.hours).replace('.', ',')} uur op ${dayText(entry.on)} (${chosen ? chosen.code : entry.line_id}).${answer.remark ? ` ${answer.remark}` : ''}` });
  });
  return form;
}
