// The coach's sync bar, from GET /api/v1/status: a light (green: central has everything; amber:
// offline or waiting; red: the laptop is not (or no longer) allowed; grey: sync off), how many
// changes wait for central, the last sync in Brussels time, what central refused, and, while a
// round runs, how far it is (the first pull of a new laptop, a week's queue going out).
import { $, instantText } from './desk_format.js';

export function syncLight(s) {
  if (!s.sync_enabled) return 'grey';
  if (s.sync_state === 'device_not_authorised') return 'red';
  if (s.sync_state === 'online' && !s.quarantined_mutations && !s.set_aside_changes) return 'green';
  return 'amber';
}

const STATE_NL = {
  green: 'Gesynchroniseerd', red: 'Laptop niet toegelaten door centraal', grey: 'Sync uit'
};

function amberText(s) {
  if (s.sync_state === 'offline') return 'Offline: alles blijft bewaard op deze laptop';
  if (s.sync_state === 'never_synced') return 'Nog nooit gesynchroniseerd';
  return 'Wacht op centraal';
}

const seconds = (n) => (n >= 90 ? `nog ongeveer ${Math.round(n / 60)} min` : `nog ongeveer ${n} s`);

// One round's progress ({active, received|sent, total, seconds_left}), or '' when none runs.
function roundText(p, verb, doneField) {
  if (!p || !p.active) return '';
  const done = p[doneField] ?? p.done ?? 0;
  const of = p.total === null || p.total === undefined ? '' : ` van ${p.total}`;
  const left = typeof p.seconds_left === 'number' ? ` (${seconds(p.seconds_left)})` : '';
  return `${verb}: ${done}${of}${left}`;
}

// `progress` in whatever form the agent gives it: a text, or rounds by name.
function progressText(progress) {
  if (!progress) return [];
  if (typeof progress === 'string') return [progress];
  if (typeof progress !== 'object') return [String(progress)];
  if ('active' in progress || 'done' in progress) return [roundText({ active: true, ...progress }, 'bezig', 'done')].filter(Boolean);
  const VERB = { pull: 'ophalen', bootstrap: 'eerste ophaling', push: 'verzenden' };
  return Object.entries(progress).map(([k, v]) => (v && typeof v === 'object'
    ? roundText({ active: true, ...v }, VERB[k] || k, k === 'push' ? 'sent' : 'received') : `${VERB[k] || k}: ${v}`)).filter(Boolean);
}

export function syncParts(s) {
  const light = syncLight(s);
  const parts = [light === 'amber' ? amberText(s) : STATE_NL[light]];
  parts.push(s.pending_mutations === 1 ? '1 wijziging wacht op centraal' : `${s.pending_mutations} wijzigingen wachten op centraal`);
  parts.push(...[roundText(s.pull_progress, 'ophalen', 'received'), roundText(s.push_progress, 'verzenden', 'sent')].filter(Boolean));
  parts.push(...progressText(s.progress));
  if (s.last_success_at) parts.push(`laatst ${instantText(s.last_success_at).slice(11)}`);
  if (s.quarantined_mutations) parts.push(`${s.quarantined_mutations} geweigerd`);
  if (s.open_conflicts) parts.push(`${s.open_conflicts} conflict${s.open_conflicts === 1 ? '' : 'en'} te bekijken`);
  if (light !== 'green' && s.stopped_message) parts.push(s.stopped_message);
  return { light, parts };
}

export function renderSync(s) {
  const { light, parts } = syncParts(s);
  $('sync-light').className = `light ${light}`;
  $('sync-text').textContent = parts.join(' · ');
  $('sync-text').title = parts.join(' · ');
  $('sync').dataset.light = light;
  $('sync').dataset.pending = String(s.pending_mutations);
}
