// A sheet's work points and assignments with their deadlines (#/klant/ID/werkplan/SHEET), edited
// on the version shown (base_version), and the conflicts central kept for review: the version
// central kept beside the edit that did not go through, field by field in Dutch, with "Behoud
// dit" (kept) or "Pas mijn wijziging toe" (edit_applied: the edit is made again on the kept one;
// "Pas deze wijziging toe" on a laptop where the edit was not made).
import { el, fullName } from './desk_format.js';
import { postWorkPlan, postReview, changeIds } from './coach_api.js';
import { dateField, dateValue } from './coach_date.js';
import { field, showResult, resultLine } from './coach_forms.js';

let rowCount = 0;

function pointRow(value = '') {
  return field('Werkpunt', el('input', { name: 'work_point', value, maxLength: 500, className: 'wide' }));
}

function assignmentRow(a, today) {
  const n = ++rowCount;
  return el('div', { className: 'assignment-row', dataset: { row: String(n) } },
    field('Opdracht', el('input', { name: 'assignment_text', value: a ? a.text : '', maxLength: 500, className: 'wide' })),
    dateField('Uiterlijk op', `assignment_due_${n}`, { iso: a && a.deadline ? a.deadline : '', today, required: false, hint: 'dd/mm/jjjj, mag leeg' }),
    el('label', { className: 'check' }, el('input', { type: 'checkbox', name: `assignment_done_${n}`, checked: !!(a && a.done) }), ' Gedaan'));
}

export function workPlanForm(root, detail, service, sheet, go) {
  const back = `#/klant/${encodeURIComponent(detail.client.id)}`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
  const idFor = changeIds();
  const plan = sheet.plan || { work_points: [], assignments: [] };
  const points = el('div', { className: 'rows' }, ...plan.work_points.map((p) => pointRow(p)), pointRow());
  const tasks = el('div', { className: 'rows' }, ...plan.assignments.map((a) => assignmentRow(a, today)), assignmentRow(null, today));
  const result = resultLine();
  const form = el('form', { id: 'plan-form', className: 'page-form', noValidate: true },
    el('h1', { textContent: `Werkpunten en opdrachten – ${fullName(detail.client)}` }),
    el('p', { className: 'muted', textContent: `Afsprakenblad van ${sheet.on}. Maak een veld leeg om het te schrappen.` }),
    el('fieldset', {}, el('legend', { textContent: 'Werkpunten' }), points,
      el('button', { type: 'button', className: 'secondary', textContent: 'Werkpunt toevoegen',
        onclick: () => { const row = pointRow(); points.append(row); row.querySelector('input').focus(); } })),
    el('fieldset', {}, el('legend', { textContent: 'Opdrachten met een uiterste datum' }), tasks,
      el('button', { type: 'button', className: 'secondary', textContent: 'Opdracht toevoegen',
        onclick: () => { const row = assignmentRow(null, today); tasks.append(row); row.querySelector('input').focus(); } })),
    el('div', { className: 'form-buttons' }, el('button', { type: 'submit', textContent: 'Werkpunten en opdrachten bewaren' }),
      el('a', { href: back, className: 'button-link secondary', textContent: 'Annuleren' })),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const assignments = [];
    for (const row of tasks.querySelectorAll('.assignment-row')) {
      const n = row.dataset.row;
      const text = row.querySelector('input[name=assignment_text]').value.trim();
      const deadline = dateValue(row, `assignment_due_${n}`);
      if (deadline === null) {
        showResult(result, { ok: false, code: 'page.bad_date', message: 'Geef de datum als dd/mm/jjjj, bv. 03/02/2026.' });
        row.querySelector(`input[name="assignment_due_${n}"]`).focus();
        return;
      }
      if (!text) continue;
      const item = { text, done: row.querySelector(`input[name="assignment_done_${n}"]`).checked };
      if (deadline) item.deadline = deadline;
      assignments.push(item);
    }
    const body = { base_version: sheet.version, work_points: [...form.querySelectorAll('input[name=work_point]')].map((i) => i.value.trim()).filter(Boolean), assignments };
    const answer = await postWorkPlan(sheet.id, body, idFor);
    if (!answer.ok) {
      showResult(result, answer);
      if (answer.code === 'record.changed_meanwhile') result.append(' ', el('a', { href: back, textContent: 'Terug naar de klant' }));
      return;
    }
    go(back, { ok: true, code: answer.code, message: `Werkpunten en opdrachten bewaard (afsprakenblad van ${sheet.on}).${answer.remark ? ` ${answer.remark}` : ''}` });
  });
  root.replaceChildren(form);
}

const RESOLUTION_NL = { kept: 'behouden wat centraal had', edit_applied: 'de wijziging opnieuw toegepast' };

function openConflict(c, onDone) {
  const idFor = changeIds();
  const result = resultLine();
  const review = async (resolution) => {
    const answer = await postReview(c.id, resolution, idFor);
    if (!answer.ok) { showResult(result, answer); return; }
    onDone({ ok: true, code: answer.code, message: resolution === 'kept' ? `Conflict bekeken: ${c.what.toLowerCase()} blijft zoals centraal het had.`
      : `Conflict bekeken: de wijziging van ${c.what.toLowerCase()} is opnieuw bewaard.` });
  };
  const th = (text) => el('th', { textContent: text, attrs: { scope: 'col' } });
  return el('article', { className: 'conflict', dataset: { conflict: c.id, entity: c.entity } },
    el('h3', { textContent: `${c.what} · gemeld op ${c.detected_at}` }),
    el('table', { className: 'side-by-side' },
      el('thead', {}, el('tr', {}, th('Gegeven'), th('Bewaard bij centraal'),
        th(c.edit_here ? 'Uw wijziging op deze laptop (niet doorgegaan)' : 'Wijziging van een ander toestel (niet doorgegaan)'))),
      el('tbody', {}, ...c.changes.map((ch) => el('tr', { dataset: { field: ch.field } },
        el('th', { textContent: ch.label, attrs: { scope: 'row' } }),
        el('td', { className: 'kept', textContent: ch.kept || '(leeg)' }), el('td', { className: 'edit', textContent: ch.edit || '(leeg)' }))))),
    el('div', { className: 'form-buttons' },
      el('button', { type: 'button', className: 'secondary resolve-kept', textContent: 'Behoud dit',
        attrs: { 'aria-label': 'Behoud dit: de versie bij centraal' }, onclick: () => review('kept') }),
      el('button', { type: 'button', className: 'resolve-edit', textContent: c.edit_here ? 'Pas mijn wijziging toe' : 'Pas deze wijziging toe',
        onclick: () => review('edit_applied') })),
    result);
}

// The conflicts of a client's services (open first), or null when there are none.
export function conflictsBlock(conflicts, onDone) {
  const open = conflicts.filter((c) => !c.resolved);
  const done = conflicts.filter((c) => c.resolved);
  return el('section', { id: 'conflicts', className: `card-wide conflicts${open.length ? ' has-open' : ''}` },
    el('h2', { textContent: open.length ? `Conflicten te bekijken (${open.length})` : 'Bekeken conflicten' }),
    open.length ? el('p', { textContent: 'Deze wijzigingen werden gemaakt op een oudere versie dan die bij centraal. Centraal hield de andere versie; kies wat blijft.' }) : null,
    ...open.map((c) => openConflict(c, onDone)),
    done.length ? el('ul', { className: 'reviewed' }, ...done.map((c) => el('li', { dataset: { conflict: c.id } },
      `${c.what} (gemeld op ${c.detected_at}): ${RESOLUTION_NL[c.resolution] || 'bekeken'}.`))) : null);
}
