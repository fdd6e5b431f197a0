// The sync bar in words a receptionist understands: what it means for her work (is everything
// kept? will it be sent?), never the worker's technical error ("push: connect: Connection
// refused"), which stays in the element's title for the administrator.
import { $ } from './desk_format.js';
import { t } from './desk_i18n.js';
import { clockText } from './desk_today_time.js';

const NO_CONNECTION = /connect|refused|timed? ?out|timeout|resolve|unreachable|network|reset|tls|handshake|host/i;

// The main sentence for the status fields of the today answer (or /api/v1/status).
export function syncSentence(sync) {
  if (sync.light === 'grey') return t('today.sync_off');
  if (sync.light === 'red' || sync.state === 'device_not_authorised') return t('today.sync_not_authorised');
  if (sync.state === 'offline' || (sync.last_error && NO_CONNECTION.test(sync.last_error))) return t('today.sync_offline');
  if (sync.last_error && sync.state !== 'online') return t('today.sync_server_error');
  if (sync.state === 'never_synced') return t('today.sync_never');
  return t('today.sync_ok');
}

export function syncParts(sync) {
  const parts = [syncSentence(sync)];
  if (sync.light !== 'grey') {
    if (sync.pending) parts.push(t('today.sync_pending', { n: sync.pending }));
    if (sync.quarantined) parts.push(t('today.sync_refused', { n: sync.quarantined }));
    if (sync.set_aside) parts.push(t('today.sync_set_aside', { n: sync.set_aside }));
    if (sync.last_success_at) parts.push(t('today.sync_last', { time: clockText(sync.last_success_at) }));
  }
  return parts;
}

let shown = '';
export function renderSync(sync) {
  const text = syncParts(sync).join(' · ');
  $('sync').dataset.light = sync.light;
  $('sync').dataset.state = sync.state || '';
  if (text === shown) return;  // the live region speaks only when the words change
  shown = text;
  $('sync-light').className = `light ${sync.light}`;
  $('sync-text').textContent = text;
  $('sync-text').title = sync.last_error ? `${text}\n(${sync.last_error})` : text;
}
export function forgetSync() { shown = ''; }
