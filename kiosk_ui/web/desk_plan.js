// Planning a client's next appointment by the rules, in the panel under the client's row: a new,
// empty form each time (never the previous client's date), the date as dd/mm/yyyy whatever the
// browser's language (coach_date.js) and the time as HH:MM, in Europe/Brussels. The mediator is
// the client's own, changeable from the site's staff. Planned after the 7-day target after an
// absence (the rules' "plan before" day; 002 §2.1.1: the day it is planned ON counts, the
// appointment itself may fall later) the form asks for a reason, which the agent and central keep.
import { api } from './desk_api.js';
import { el, brusselsToday } from './desk_format.js';
import { t } from './desk_i18n.js';
import { dateValue, dayText } from './coach_date.js';
import { deskDateField } from './desk_forms.js';
import { brusselsInstant, parseTime, clockText } from './desk_today_time.js';
import { rowOf, ruleText, showMessage, showPanel } from './desk_today.js';

let staffList = [];
let afterChange = async () => {};
let count = 0;

export function startPlanning({ refresh }) { afterChange = refresh; }
export function setStaff(list) { staffList = list || []; }

function field(label, input) {
  return el('div', { className: 'field' }, el('label', { htmlFor: input.id, textContent: label }), input);
}

function mediatorSelect(id, a) {
  const own = a.client_coach_id && staffList.some((s) => s.id === a.client_coach_id) ? a.client_coach_id : a.staff_id;
  const select = el('select', { id, name: 'mediator' });
  for (const s of staffList) {
    const label = s.id === a.client_coach_id ? t('plan.own_mediator', { name: s.name }) : s.name;
    select.append(el('option', { value: s.id, textContent: label, selected: s.id === own }));
  }
  return select;
}

// Always built, shown when today is past the target (or when the agent says so): a receptionist
// is never left with a refusal and no field to answer it.
function reasonField(id, due) {
  const reason = el('textarea', { id, name: 'late_reason', rows: 2, maxLength: 500, attrs: { 'aria-describedby': `${id}-hint` } });
  const label = el('label', { htmlFor: id, textContent: t('plan.reason', { due: dayText(due) }) });
  const past = Boolean(due) && brusselsToday() > due;
  const wrap = el('div', { className: 'field late-reason', hidden: !past }, label, reason,
    el('span', { id: `${id}-hint`, className: 'hint', textContent: t('plan.reason_hint') }));
  reason.required = past;
  const show = (when) => {
    if (when) label.textContent = t('plan.reason', { due: dayText(when) });
    wrap.hidden = false;
    reason.required = true;
    reason.focus();
  };
  return { wrap, reason, show };
}

// The form's parts, built new for each opening.
function buildForm(a, keepType) {
  const n = ++count;
  const form = el('form', { className: 'plan', attrs: { 'aria-labelledby': `plan-title-${n}` }, noValidate: true });
  const time = el('input', { id: `plan-time-${n}`, name: 'time', inputMode: 'numeric', autocomplete: 'off', required: true,
    className: 'time-input', attrs: { placeholder: 'UU:MM', size: '5', maxlength: '5' } });
  const duration = el('input', { id: `plan-duration-${n}`, name: 'duration', type: 'number', min: 1, max: 1440, value: a.duration_min || 30, required: true });
  const location = el('input', { id: `plan-location-${n}`, name: 'location', maxLength: 200, value: a.location || '' });
  const registered = el('input', { id: `plan-registered-${n}`, name: 'registered', type: 'checkbox',
    checked: keepType ? a.registered : (a.guidance || []).some((g) => g.reason_code === 'guidance.plan_registered'), disabled: keepType });
  const late = reasonField(`plan-reason-${n}`, a.plan_due || '');
  const error = el('p', { className: 'plan-error error', attrs: { role: 'alert' } });
  form.append(
    el('h2', { id: `plan-title-${n}`, textContent: t('plan.title', { name: a.client_name }) }),
    a.plan_due ? el('p', { className: 'plan-due', textContent: t('plan.due', { due: dayText(a.plan_due) }) }) : '',
    deskDateField(t('plan.day'), 'day'),
    field(t('plan.time'), time), field(t('plan.duration'), duration), field(t('plan.place'), location),
    field(t('plan.mediator'), mediatorSelect(`plan-mediator-${n}`, a)),
    el('div', { className: 'field check' }, registered, el('label', { htmlFor: registered.id, textContent: t('plan.registered') })),
    late.wrap, error,
    el('div', { className: 'plan-buttons' },
      el('button', { type: 'submit', className: 'plan-submit', textContent: t('plan.submit') }),
      el('button', { type: 'button', className: 'secondary plan-cancel', textContent: t('plan.cancel'),
        onclick: () => { showPanel(a.id); rowOf(a.id)?.parts.more.focus(); } })));
  return { form, time, duration, location, registered, late, error };
}

export function openPlan(a, keepType = false) {
  const f = buildForm(a, keepType);
  f.form.addEventListener('submit', (e) => { e.preventDefault(); submit(a, f); });
  showMessage(a.id, '');
  showPanel(a.id, f.form);
  f.form.querySelector('input[name="day"]').focus();
}

function readForm(a, f) {
  const day = dateValue(f.form, 'day');
  const time = parseTime(f.time.value);
  f.time.setCustomValidity(time ? '' : t('plan.time_invalid'));
  if (!day || !time) {
    f.error.textContent = !day ? f.form.querySelector('input[name="day"]').validationMessage || t('plan.day') : t('plan.time_invalid');
    (day ? f.time : f.form.querySelector('input[name="day"]')).focus();
    return null;
  }
  const reason = f.late && !f.late.wrap.hidden ? f.late.reason.value.trim() : '';
  return {
    client_id: a.client_id, starts_at: brusselsInstant(day, time), duration_min: Number(f.duration.value),
    location: f.location.value, registered: f.registered.checked,
    staff_id: f.form.querySelector('select[name="mediator"]').value, late_reason: reason
  };
}

async function submit(a, f) {
  const body = readForm(a, f);
  if (!body) return;
  if (f.late && !f.late.wrap.hidden && !body.late_reason) {
    f.error.textContent = ruleText({ reason_code: 'plan.late_reason_required', due: a.plan_due });
    f.late.reason.focus();
    return;
  }
  const { status, body: answer } = await api('/api/v1/desk/appointments', { method: 'POST', body: JSON.stringify(body) });
  if (status === 201) {
    const staff = staffList.find((s) => s.id === body.staff_id);
    showPanel(a.id);
    showMessage(a.id, t('result.planned', { when: `${dateOf(body.starts_at)} ${clockText(body.starts_at)}`,
      staff: staff ? staff.name : '', code: answer.checkin_code }), 'appointment.planned');
    rowOf(a.id)?.parts.more.focus();
    await afterChange();
    return;
  }
  const code = (answer.error && answer.error.code) || '';
  if (code === 'plan.late_reason_required') f.late.show(answer.result && answer.result.due);
  f.error.textContent = answer.result ? ruleText(answer.result) : (answer.error && answer.error.message) || t('result.failed');
  f.error.dataset.code = code;
}

// The Brussels day of an instant, dd/mm/yyyy.
function dateOf(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year}`;
}
