// The conflicts central reported, for a staff member to review: what changed and what to check.
// renderConflicts fills the desk's conflict section; `reviewed` runs after one is marked reviewed.
import { api } from './desk_api.js';
import { $, el } from './desk_format.js';

const FIELD_NAMES = { starts_at: 'tijdstip', location: 'plaats', staff_id: 'medewerker', duration_min: 'duur',
  outcome: 'resultaat', kind: 'soort', registered: 'aangetekend', checkin_code: 'code' };
function fieldName(field) { return FIELD_NAMES[field] || field; }
// Instants in Europe/Brussels, dd/mm/yyyy; other values as they are.
function shown(value) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value)) {
    return new Date(value).toLocaleString('nl-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit',
      year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
  if (value === true) return 'ja';
  if (value === false) return 'nee';
  return String(value);
}

export function renderConflicts(conflicts, reviewed) {
  $('conflicts-section').hidden = conflicts.length === 0;
  $('conflicts').replaceChildren(...conflicts.map((c) => {
    const done = el('button', { type: 'button', className: 'secondary', textContent: 'Bekeken' });
    done.addEventListener('click', async () => {
      await api(`/api/v1/desk/conflicts/${encodeURIComponent(c.mutation_id)}/reviewed`, { method: 'POST', body: '{}' });
      await reviewed();
    });
    const what = (c.changes || []).map((ch) => `${fieldName(ch.field)}: ${shown(ch.was)} → ${shown(ch.now)}`);
    const text = what.length ? `gewijzigd op centraal: ${what.join('; ')}` : c.message;
    const item = el('li', { textContent: `${c.detected_at.slice(0, 16)} · afspraak ${c.entity_id}: ${text} ` }, done);
    item.dataset.mutation = c.mutation_id;
    return item;
  }));
}
