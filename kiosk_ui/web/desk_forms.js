// The forms that record a service's facts: a small form on the client page for the simple kinds
// (a date, sometimes an end or two checkboxes), the agreement sheet and the training or stage line.
// Every answer is shown in Dutch: what was recorded, or the rule that refused it.
import { el, dateText, countdown, TRAINING_CODES, ACTION_NL } from './desk_format.js';
import { postFact } from './desk_api.js';

let fieldCount = 0;
function field(label, input, hint) {
  const id = input.id || `f${++fieldCount}`;
  input.id = id;
  return el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: label }), input,
    hint ? el('span', { className: 'hint', textContent: hint }) : null);
}
const dateInput = (name, value = '', required = true) => el('input', { type: 'date', name, value, required });
const checkbox = (name, label) => el('label', { className: 'check' }, el('input', { type: 'checkbox', name }), ` ${label}`);

export function showResult(node, result) {
  node.textContent = result.message;
  node.dataset.code = result.code;
  node.className = result.ok ? 'result ok' : 'result refused';
}

// A form for the kinds without a page of their own; `onDone(result)` re-fetches the client.
export function inlineFactForm(service, kind, today, onDone) {
  const form = el('form', { className: 'inline-form', dataset: { kind } },
    el('h4', { textContent: ACTION_NL[kind] || kind }));
  form.append(field(kind === 'short_job' ? 'Van' : 'Op', dateInput('on', today)));
  if (kind === 'short_job') form.append(field('Tot en met', dateInput('until')));
  if (kind === 'action_plan_signed') {
    form.append(checkbox('employer_involved', 'De werkgever neemt deel'),
      checkbox('three_party_agreement', 'Overeenkomst Jobcoaching met werkgever, werknemer en GOB getekend'));
  }
  const result = el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
  form.append(el('div', { className: 'form-buttons' },
    el('button', { type: 'submit', textContent: 'Registreren' }),
    el('button', { type: 'button', className: 'secondary', textContent: 'Annuleren', onclick: () => form.remove() })), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const fact = { kind, on: data.get('on') };
    if (kind === 'short_job') fact.until = data.get('until');
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
    late ? 'Let op: het eerste afsprakenblad is te laat. Het moest getekend zijn op ' : 'Het eerste afsprakenblad moet getekend zijn op ',
    el('strong', { textContent: dateText(s.first_sheet_due) }), ' (15 dagen na de eerste aanwezigheid): ',
    countdown(s.first_sheet_due, today), '.');
}

function pointRow(value = '') {
  const input = el('input', { name: 'work_point', value, maxLength: 300, className: 'wide' });
  return field('Werkpunt', input);
}

function assignmentRow() {
  return el('div', { className: 'assignment' },
    field('Opdracht', el('input', { name: 'assignment_text', maxLength: 300, className: 'wide' })),
    field('Uiterlijk op', dateInput('assignment_due', '', false)));
}

// #/klant/ID/dienst/SID/afsprakenblad: draw up an agreement sheet; then its printable view.
export function agreementSheetForm(root, detail, service, go) {
  const points = el('div', { className: 'rows' }, pointRow(), pointRow());
  const tasks = el('div', { className: 'rows' }, assignmentRow(), assignmentRow());
  const result = el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const form = el('form', { id: 'sheet-form', className: 'page-form' },
    el('h1', { textContent: `Afsprakenblad voor ${detail.client.first_name} ${detail.client.last_name}` }),
    firstSheetCountdown(service, detail.today),
    field('Datum', dateInput('on', detail.today)),
    el('fieldset', {}, el('legend', { textContent: 'Werkpunten' }), points,
      el('button', { type: 'button', className: 'secondary', textContent: 'Werkpunt toevoegen', onclick: () => points.append(pointRow()) })),
    el('fieldset', {}, el('legend', { textContent: 'Opdrachten met een uiterste datum' }), tasks,
      el('button', { type: 'button', className: 'secondary', textContent: 'Opdracht toevoegen', onclick: () => tasks.append(assignmentRow()) })),
    field('Volgend contact', dateInput('next_contact')),
    el('div', { className: 'form-buttons' }, el('button', { type: 'submit', textContent: 'Afsprakenblad opslaan' }),
      el('a', { href: `#/klant/${encodeURIComponent(detail.client.id)}`, className: 'button-link secondary', textContent: 'Annuleren' })),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const texts = data.getAll('assignment_text');
    const dues = data.getAll('assignment_due');
    const content = {
      work_points: data.getAll('work_point').map((p) => p.trim()).filter(Boolean),
      assignments: texts.map((text, i) => ({ text: text.trim(), due: dues[i] || null })).filter((a) => a.text)
    };
    const answer = await postFact(service.id, { kind: 'agreement_sheet', on: data.get('on'), next_contact: data.get('next_contact'), content });
    showResult(result, answer);
    if (answer.ok) go(`#/klant/${encodeURIComponent(detail.client.id)}/dienst/${encodeURIComponent(service.id)}/afsprakenblad/${encodeURIComponent(answer.id)}`, answer);
  });
  root.replaceChildren(form);
  form.querySelector('input[name=work_point]').focus();
}

// #/klant/ID/dienst/SID/lijn: a training or stage line with its code, dates and hours.
export function trainingLineForm(root, detail, service, go) {
  const code = el('select', { name: 'code', required: true },
    el('option', { value: '', textContent: 'Kies een code' }), ...TRAINING_CODES.map(([v, t]) => el('option', { value: v, textContent: t })));
  const result = el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const form = el('form', { id: 'line-form', className: 'page-form' },
    el('h1', { textContent: `Opleiding of stage voor ${detail.client.first_name} ${detail.client.last_name}` }),
    el('p', {}, 'Financieringsnummer: ', el('strong', { id: 'financing-number', textContent: detail.site.financing_number || '–' }),
      ` (${detail.site.name})`),
    field('Soort', code),
    field('Van', dateInput('on', detail.today)), field('Tot en met', dateInput('until')),
    field('Aantal uren', el('input', { type: 'number', name: 'hours', min: '0', max: '2000', step: '0.5', required: true })),
    el('div', { className: 'form-buttons' }, el('button', { type: 'submit', textContent: 'Registreren' }),
      el('a', { href: `#/klant/${encodeURIComponent(detail.client.id)}`, className: 'button-link secondary', textContent: 'Terug naar de klant' })),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const answer = await postFact(service.id, { kind: 'training_line', code: data.get('code'), on: data.get('on'),
      until: data.get('until'), hours: Number(data.get('hours')) });
    showResult(result, answer);
    if (answer.ok) go(`#/klant/${encodeURIComponent(detail.client.id)}`, answer);
  });
  root.replaceChildren(form);
  code.focus();
}
