// The progress bars of a client's file (the service's `progress`): GBVS hours against 800 and its
// days against the 8 months, community service per month between 32 and 64 hours with the current
// month's projection, and the TWE evaluation's due date. Each bar is a progressbar with its label,
// its value in words, and near (90 %) or over a limit it turns amber or red, in words too.
import { el, countdown, brusselsToday } from './desk_format.js';

let count = 0;
const share = (value, max) => `${Math.max(0, Math.min(100, (100 * value) / max))}%`;
const hoursText = (h) => String(Math.round(h * 100) / 100).replace('.', ',');
const isoOf = (ddmmyyyy) => (ddmmyyyy ? `${ddmmyyyy.slice(6, 10)}-${ddmmyyyy.slice(3, 5)}-${ddmmyyyy.slice(0, 2)}` : '');

// A labelled bar: `value` of `max`, `text` what it says, `level` ok | near | over, `marks` lines at
// values (with their label), `projected` a lighter part beyond the value.
function bar({ label, value, max, text, level = 'ok', marks = [], projected = null, name }) {
  const id = `bar-${++count}`;
  const fill = el('span', { className: `bar-fill ${level}` });
  fill.style.width = share(value, max);
  const track = el('span', { className: 'bar-track', attrs: {
    role: 'progressbar', 'aria-labelledby': `${id}-label`, 'aria-valuemin': '0', 'aria-valuemax': String(max),
    'aria-valuenow': String(Math.min(value, max)), 'aria-valuetext': text, 'aria-describedby': `${id}-text` } });
  if (projected !== null && projected > value) {
    const ahead = el('span', { className: 'bar-projected' });
    ahead.style.left = share(value, max);
    ahead.style.width = `calc(${share(projected, max)} - ${share(value, max)})`;
    track.append(ahead);
  }
  track.append(fill);
  for (const m of marks) {
    const mark = el('span', { className: 'bar-mark', title: m.label, attrs: { 'aria-hidden': 'true' } });
    mark.style.left = share(m.at, max);
    track.append(mark);
  }
  return el('div', { className: `pbar pbar-${level}`, dataset: { bar: name, level, value: String(value) } },
    el('div', { className: 'bar-head' }, el('span', { id: `${id}-label`, className: 'bar-label', textContent: label }),
      el('span', { id: `${id}-text`, className: 'bar-text', textContent: text })),
    track);
}

const levelOf = (value, max) => (value > max ? 'over' : value >= 0.9 * max ? 'near' : 'ok');

function gbvsBars(g) {
  return [
    bar({ name: 'gbvs-hours', label: 'GBVS: stage-uren', value: g.hours, max: g.max_hours,
      text: `${hoursText(g.hours)} van ${g.max_hours} uur`, level: levelOf(g.hours, g.max_hours) }),
    bar({ name: 'gbvs-days', label: `GBVS: 8 maanden (${g.first_day} tot ${g.last_day})`, value: g.days_used, max: g.days_allowed,
      text: `dag ${g.days_used} van ${g.days_allowed}`, level: levelOf(g.days_used, g.days_allowed) })
  ];
}

function communityBar(m) {
  const max = Math.max(m.max_hours * 1.25, m.hours, m.projected);
  const outside = m.current ? m.hours > m.max_hours : m.hours < m.min_hours || m.hours > m.max_hours;
  const level = outside ? 'over' : m.current && (m.projected < m.min_hours || m.hours >= 0.9 * m.max_hours) ? 'near' : 'ok';
  const text = m.current
    ? `${hoursText(m.hours)} uur, aan dit tempo ${hoursText(Math.round(m.projected))} uur tegen het einde van de maand`
    : `${hoursText(m.hours)} uur${outside ? ', buiten 32 tot 64 uur' : ''}`;
  return bar({ name: m.current ? 'community-current' : 'community', label: `Gemeenschapsdienst ${m.month}${m.current ? ' (deze maand)' : ''}`,
    value: m.hours, max, text, level, projected: m.current ? m.projected : null,
    marks: [{ at: m.min_hours, label: `minimum ${m.min_hours} uur` }, { at: m.max_hours, label: `maximum ${m.max_hours} uur` }] });
}

function evaluationBar(e) {
  const today = brusselsToday();
  const from = isoOf(e.counted_from), due = isoOf(e.due);
  const total = Math.max(1, (Date.parse(due) - Date.parse(from)) / 86400000);
  const used = Math.max(0, (Date.parse(today) - Date.parse(from)) / 86400000);
  const late = today > due;
  const node = bar({ name: 'evaluation', label: `Volgende evaluatie op de werkplek${e.twe ? ' (TWE: elke 6 maanden)' : ''}`,
    value: Math.round(used), max: Math.round(total), level: late ? 'over' : total - used <= 30 ? 'near' : 'ok',
    text: late ? `te laat: uiterlijk ${e.due}` : `uiterlijk ${e.due}${e.counted_from ? `, gerekend vanaf ${e.counted_from}` : ''}` });
  node.querySelector('.bar-head').append(countdown(due, today));
  if (late) node.classList.add('overdue');
  return node;
}

// The bars of one service, or null when it has none.
export function progressBlock(progress) {
  if (!progress) return null;
  const bars = [];
  if (progress.gbvs) bars.push(...gbvsBars(progress.gbvs));
  for (const m of progress.community || []) bars.push(communityBar(m));
  if (progress.evaluation) bars.push(evaluationBar(progress.evaluation));
  if (!bars.length) return null;
  const legend = (progress.community || []).length
    ? el('p', { className: 'hint', textContent: 'Gemeenschapsdienst: 32 tot 64 uur per maand (de streepjes); het lichte deel is wat er deze maand aan dit tempo bij komt.' })
    : null;
  return el('div', { className: 'pbars' }, ...bars, legend);
}
