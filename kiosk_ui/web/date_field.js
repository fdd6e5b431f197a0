// A date field (the coach's and the desk's) that reads and writes dd/mm/jjjj whatever the browser's language: a text field
// (typed: 3/2/2026, 03-02-2026 and 03022026 are read too) and a calendar beside it, weeks from
// Monday, month and day names in the page's language (Dutch unless `locale` and `words` say
// otherwise: the desk passes its own). Keyboard: arrows move a day or a week, Page Up/Down a
// month, Home/End the week's start and end, Enter picks, Escape closes and gives the focus back.
import { el } from './desk_format.js';

// The field's own words; {label} is the field's label in lower case.
export const DUTCH_WORDS = { pattern: 'dd/mm/jjjj', calendar: 'Kalender', calendarFor: 'Kalender voor {label}',
  choose: 'Kies {label}', previous: '‹ Vorige maand', next: 'Volgende maand ›', close: 'Sluiten',
  invalid: 'Geef een datum als dd/mm/jjjj, bv. 03/02/2026.' };
const fill = (text, label) => text.replace('{label}', label.toLowerCase());

// Month and weekday names (Monday first) in `locale`, from Intl: no list to keep per language.
function names(locale) {
  const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return { months: Array.from({ length: 12 }, (_, m) => month.format(Date.UTC(2026, m, 1))),
    days: Array.from({ length: 7 }, (_, d) => day.format(Date.UTC(2026, 0, 5 + d))) };  // 5/1/2026: a Monday
}

const pad = (n) => String(n).padStart(2, '0');
const isoOfParts = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const utc = (iso) => new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)));
const isoOfUtc = (d) => isoOfParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
const addDays = (iso, n) => { const d = utc(iso); d.setUTCDate(d.getUTCDate() + n); return isoOfUtc(d); };
function addMonths(iso, n) {
  const y = +iso.slice(0, 4), m = +iso.slice(5, 7) - 1 + n, d = +iso.slice(8, 10);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return isoOfUtc(new Date(Date.UTC(y, m, Math.min(d, last))));
}
const weekday = (iso) => (utc(iso).getUTCDay() + 6) % 7;  // Monday 0

// "2026-03-02" → "02/03/2026"; "" for nothing.
export const dayText = (iso) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

// What a person typed → "YYYY-MM-DD", or null when it is no date.
export function parseDay(text) {
  const t = String(text || '').trim();
  const m = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(t) || /^(\d\d)(\d\d)(\d{4})$/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [+m[1], +m[2], +m[3]];
  const iso = isoOfParts(y, mo, d);
  return mo >= 1 && mo <= 12 && d >= 1 && isoOfUtc(utc(iso)) === iso ? iso : null;
}

let count = 0;

// A labelled date field: `iso` its first value, `today` where an empty calendar opens. Its input
// has name `name`; read it with dateValue(form, name).
export function dateField(label, name, { iso = '', today, required = true, hint, locale = 'nl-BE', words = DUTCH_WORDS } = {}) {
  const id = `date-${++count}`;
  const { months: MONTHS, days: DAYS } = names(locale);
  const input = el('input', { id, name, value: dayText(iso), required, autocomplete: 'off', inputMode: 'numeric',
    className: 'date-input', dataset: { invalid: words.invalid },
    attrs: { 'aria-describedby': `${id}-hint`, placeholder: words.pattern, size: '10' } });
  const open = el('button', { type: 'button', className: 'secondary calendar-button', textContent: words.calendar,
    attrs: { 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': `${id}-cal`, 'aria-label': fill(words.calendarFor, label) } });
  const popup = el('div', { id: `${id}-cal`, className: 'calendar', hidden: true, attrs: { role: 'dialog', 'aria-label': fill(words.choose, label) } });
  let shown = '';  // the day with the focus in the calendar
  const close = (focusButton = true) => {
    popup.hidden = true;
    open.setAttribute('aria-expanded', 'false');
    if (focusButton) open.focus();
  };
  const pick = (iso) => {
    input.value = dayText(iso);
    input.setCustomValidity('');
    input.dispatchEvent(new Event('change', { bubbles: true }));
    close(false);
    input.focus();
  };
  const draw = (focus) => {
    const first = isoOfParts(+shown.slice(0, 4), +shown.slice(5, 7), 1);
    const title = el('p', { className: 'calendar-title', textContent: `${MONTHS[+shown.slice(5, 7) - 1]} ${shown.slice(0, 4)}`, attrs: { 'aria-live': 'polite' } });
    const nav = (text, months) => el('button', { type: 'button', className: 'secondary', textContent: text,
      dataset: { months: String(months) },
      onclick: () => { shown = addMonths(shown, months); draw(`button[data-months="${months}"]`); } });
    const rows = [];
    let day = addDays(first, -weekday(first));
    for (let week = 0; week < 6; week++) {
      const cells = [];
      for (let i = 0; i < 7; i++, day = addDays(day, 1)) {
        const current = day;
        const inMonth = day.slice(0, 7) === shown.slice(0, 7);
        const label = `${DAYS[i]} ${+day.slice(8, 10)} ${MONTHS[+day.slice(5, 7) - 1]} ${day.slice(0, 4)}`;
        const button = el('button', { type: 'button', textContent: String(+day.slice(8, 10)), tabIndex: day === shown ? 0 : -1,
          className: `day${inMonth ? '' : ' other-month'}${day === today ? ' today' : ''}`, dataset: { day },
          attrs: { 'aria-label': label, ...(parseDay(input.value) === day ? { 'aria-pressed': 'true' } : {}) },
          onclick: () => pick(current) });
        cells.push(el('td', {}, button));
      }
      rows.push(el('tr', {}, ...cells));
      if (day.slice(0, 7) !== shown.slice(0, 7) && week >= 3) break;
    }
    popup.replaceChildren(
      el('div', { className: 'calendar-head' }, nav(words.previous, -1), title, nav(words.next, 1)),
      el('table', { className: 'calendar-grid' },
        el('thead', {}, el('tr', {}, ...DAYS.map((d) => el('th', { scope: 'col', textContent: d.slice(0, 2), attrs: { abbr: d } })))),
        el('tbody', {}, ...rows)),
      el('button', { type: 'button', className: 'secondary', textContent: words.close, onclick: () => close() }));
    if (focus) popup.querySelector(focus === true ? `button[data-day="${shown}"]` : focus).focus();
  };
  const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  popup.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); return; }
    if (!e.target.dataset.day) return;
    let next = null;
    if (moves[e.key]) next = addDays(shown, moves[e.key]);
    else if (e.key === 'PageUp') next = addMonths(shown, -1);
    else if (e.key === 'PageDown') next = addMonths(shown, 1);
    else if (e.key === 'Home') next = addDays(shown, -weekday(shown));
    else if (e.key === 'End') next = addDays(shown, 6 - weekday(shown));
    if (next) { e.preventDefault(); shown = next; draw(true); }
  });
  open.addEventListener('click', () => {
    if (!popup.hidden) { close(); return; }
    shown = parseDay(input.value) || today;
    popup.hidden = false;
    open.setAttribute('aria-expanded', 'true');
    draw(true);
  });
  input.addEventListener('input', () => input.setCustomValidity(''));
  const wrap = el('div', { className: 'field date-field' }, el('label', { htmlFor: id, textContent: label }),
    el('div', { className: 'date-row' }, input, open),
    el('span', { id: `${id}-hint`, className: 'hint', textContent: hint ?? words.pattern }), popup);
  return wrap;
}

// The ISO day of a date field's input, '' when empty; marks it invalid (and answers null) when it
// holds no date.
export function inputDay(input) {
  if (!input.value.trim()) return '';
  const iso = parseDay(input.value);
  input.setCustomValidity(iso ? '' : input.dataset.invalid || DUTCH_WORDS.invalid);
  return iso;
}

// The same for the date field named `name` in `form`.
export const dateValue = (form, name) => inputDay(form.querySelector(`input[name="${name}"]`));
