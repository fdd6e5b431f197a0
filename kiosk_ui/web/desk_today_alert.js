// The arrival alert: a short two-tone sound made with WebAudio (no file to load), which staff can
// mute (kept per browser), the count of clients waiting in a badge and in the page title, and a
// spoken line for screen readers for each new arrival (the only live region of the table).
import { $ } from './desk_format.js';
import { t } from './desk_i18n.js';

const MUTE_KEY = 'onthaal.desk.muted';
let audio = null;
let muted = (() => { try { return localStorage.getItem(MUTE_KEY) === '1'; } catch { return false; } })();

export const isMuted = () => muted;

export function setMuted(value) {
  muted = value;
  try { localStorage.setItem(MUTE_KEY, value ? '1' : '0'); } catch { /* this page only */ }
  const box = $('sound-toggle');
  if (box) box.checked = !value;
}

// Created on a click (sign-in, the sound box): browsers start audio only after a gesture.
export function unlockSound() {
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === 'suspended') audio.resume();
  } catch { audio = null; }
}

function chime() {
  if (!audio) return;
  const start = audio.currentTime;
  for (const [i, freq] of [[0, 880], [1, 660]]) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.25, start + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + i * 0.18);
    osc.stop(start + i * 0.18 + 0.17);
  }
}

// New arrivals (names) since the last update: one sound, one spoken line each.
export function announceArrivals(names) {
  if (!names.length) return;
  document.body.dataset.arrivals = String(Number(document.body.dataset.arrivals || 0) + names.length);
  if (!muted) {
    chime();
    document.body.dataset.chimes = String(Number(document.body.dataset.chimes || 0) + 1);
  }
  $('arrivals-live').textContent = names.map((name) => t('arrival.announce', { name })).join(' ');
}

// The badge and the title: clients who arrived and wait (not called, no outcome yet).
export function showWaiting(count) {
  const badge = $('arrival-badge');
  badge.hidden = count === 0;
  badge.textContent = t('today.waiting_badge', { n: count });
  badge.dataset.count = String(count);
  // The count in front of whatever screen's title is shown (the tab tells from afar).
  const title = document.title.replace(/^\(\d+\) /, '') || t('desk.title');
  const wanted = (count ? `(${count}) ` : '') + title;
  if (document.title !== wanted) document.title = wanted;
}
