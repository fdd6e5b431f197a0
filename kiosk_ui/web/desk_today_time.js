// Times on the today page: Europe/Brussels whatever the computer's zone, in the desk's language;
// the agent's clock (each today answer carries its "now") rather than the PC's, so minutes waiting
// and lateness agree with what the agent records.
import { locale, t } from './desk_i18n.js';

let skew = 0;  // agent's clock minus this PC's, in ms

export function setAgentNow(iso) {
  const at = Date.parse(iso || '');
  if (!Number.isNaN(at)) skew = at - Date.now();
}
export const agentNow = () => Date.now() + skew;

// "09:05" in Brussels for a UTC instant.
export function clockText(iso) {
  const at = typeof iso === 'number' ? iso : Date.parse(iso || '');
  if (Number.isNaN(at)) return '–';
  return new Intl.DateTimeFormat(locale(), { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(at));
}

export const minutesSince = (iso) => Math.max(0, Math.floor((agentNow() - Date.parse(iso)) / 60000));

// The Brussels wall-clock parts of an instant.
function brusselsParts(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
}

// "2026-12-03" + "09:30" in Brussels → "2026-12-03T08:30:00Z" (summer and winter time alike).
export function brusselsInstant(day, time) {
  const wall = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), +time.slice(0, 2), +time.slice(3, 5));
  let guess = wall;
  for (let i = 0; i < 3; i++) guess += wall - brusselsParts(guess);
  return new Date(guess).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The Brussels day "YYYY-MM-DD" of now.
export function brusselsToday() {
  return new Date(brusselsParts(agentNow())).toISOString().slice(0, 10);
}

// "HH:MM" (also "9:30", "0930") → "09:30", or null.
export function parseTime(text) {
  const m = /^(\d{1,2})[:.h]?(\d\d)$/.exec(String(text || '').trim());
  if (!m || +m[1] > 23 || +m[2] > 59) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

export const nowLabel = () => t('today.now', { time: clockText(agentNow()) });
