// Kiosk check-in page. Talks only to the agent on the same origin; works with no network beyond it.
// Shows only the checked-in client's first name and appointment, never anything about anyone else.
// Texts: kiosk_texts.js; keys and the national number: kiosk_input.js; camera: kiosk_camera.js;
// the printed slip: kiosk_slip.js.
'use strict';

// How each refusal is shown: its text, whether it is advice (what to do, in the advice colour) or
// an error, its pictogram and the phrase read aloud (none where the client must check a code).
const REFUSALS = {
  'checkin.too_early': { text: 'too_early', title: 'too_early_title', kind: 'advice', pict: 'clock', speech: 'desk' },
  'checkin.too_late': { text: 'too_late', title: 'too_late_title', kind: 'advice', pict: 'desk', speech: 'desk' },
  'checkin.not_today': { text: 'not_today', title: 'desk_title', kind: 'advice', pict: 'desk', speech: 'desk' },
  no_appointment_now: { text: 'no_appointment', title: 'desk_title', kind: 'advice', pict: 'desk', speech: 'desk' },
  unknown_code: { text: 'unknown_code' },
  code_typo: { text: 'typo' },
  'national_number.bad_check_digits': { text: 'bad_number' },
  'national_number.wrong_length': { text: 'bad_number' },
  'national_number.not_digits': { text: 'bad_number' },
  kiosk_paused: { text: 'paused' }
};
const UNKNOWN_REFUSAL = { text: 'problem', pict: 'desk', speech: 'desk' };
const LANGUAGES = ['nl', 'fr', 'en', 'ar', 'tr'];

// This screen's id, made once per page load: the agent counts failed tries per screen, so a
// person guessing here pauses only this screen. Random, never stored.
const SCREEN = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

let language = 'nl';
let idleSeconds = 45;
let resultSeconds = 15;
let speechOn = false;
let idleTimer = null;
let countdownTimer = null;
let resultTimer = null;  // clears a check-in's answer after kiosk_result_s
let playing = null;  // the answer being read aloud: it stops with its answer
let pauseTimer = null;  // counts down a pause of this screen (429 with retry_after_s)
let lastResult = null;  // re-rendered when the language changes
let speech = null;  // the phrase of the answer shown: {phrase, number, time}
let sentFrom = 'start';  // the screen of the last check-in, where "try again" returns

const $ = (id) => document.getElementById(id);
const t = (key, values = {}) => (TEXT[language][key] || TEXT.nl[key]).replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');

function setLanguage(lang) {
  language = TEXT[lang] ? lang : 'nl';
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll('.lang').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === language)));
  renderNationalNumber();
  if (lastResult) lastResult();
}

function show(id) {
  document.querySelectorAll('.screen').forEach((s) => { s.hidden = s.id !== id; });
  if (id !== 'start') stopCamera();
  const focus = { start: 'code', number: 'national-number', success: 'success-title', problem: 'problem-title' }[id];
  $(focus).focus();
}

function clearResult() {
  clearTimeout(resultTimer);
  resultTimer = null;
  endPause();
  lastResult = null;
  speech = null;
  stopSpeaking();
  document.querySelectorAll('.speak').forEach((b) => { b.hidden = true; });
  // Nothing of the last answer stays in the page, not even hidden.
  for (const id of ['success-title', 'success-detail', 'success-where', 'success-number-value', 'problem-detail', 'problem-code']) $(id).textContent = '';
  clearSlip();
}

// Back to the start screen in Dutch, nothing of the last client left (Klaar, timeouts).
function reset() {
  clearResult();
  $('code').value = '';
  setNationalDigits('');
  hideIdleWarning();
  setLanguage('nl');
  show('start');
}

// A key pressed on a result screen: the next check-in starts at once with an empty field; after
// a success it is the next client's (Dutch), after a refusal likely the same client's.
function startNextCheckin(screen) {
  if (screen === 'success') { reset(); return; }
  clearResult();
  $('code').value = '';
  setNationalDigits('');
  show('start');
}

function offerSpeech(phrase) {
  speech = phrase;
  document.querySelectorAll('.speak').forEach((b) => { b.hidden = !speechOn || !phrase; });
}

// A clip made late (the speech worker was busy) must not talk over the next client.
function stopSpeaking() {
  if (!playing) return;
  playing.pause();
  playing.removeAttribute('src');
  playing = null;
}

function speak() {
  if (!speech) return;
  stopSpeaking();
  const query = new URLSearchParams({ lang: language, phrase: speech.phrase });
  if (speech.number) query.set('number', speech.number);
  if (speech.time) query.set('time', speech.time);
  playing = new Audio(`/api/v1/kiosk/speech?${query}`);
  playing.play().catch(() => {});
}

function showSuccess(body) {
  // The answer in the client's own language (from the import); the buttons still switch it.
  if (LANGUAGES.includes(body.language) && body.language !== language) setLanguage(body.language);
  const number = body.queue_number ? String(body.queue_number) : '';
  lastResult = () => {
    $('success-title').textContent = t(body.status === 'already_checked_in' ? 'already' : 'hello', { name: body.first_name });
    $('success-detail').textContent = t('appointment', { time: body.time, staff: body.staff_name });
    $('success-where').textContent = body.location ? t('wait_in', { place: body.location }) : t('waiting_room');
    $('success-number-value').textContent = number;
    $('success-number').hidden = !number;
  };
  lastResult();
  $('code').value = '';
  setNationalDigits('');
  const spoken = /^[A-Z]{0,2}\d{1,4}$/.test(number) ? number : '';
  offerSpeech({ phrase: body.status === 'already_checked_in' ? 'already' : 'checked_in', number: spoken });
  show('success');
  resultTimer = setTimeout(reset, resultSeconds * 1000);
  printSlip(body, number);
}

function showRefusal(how, detail, typed) {
  $('problem').dataset.kind = how.kind || 'error';
  // toggleAttribute: SVG elements have no `hidden` property.
  $('pict-clock').toggleAttribute('hidden', how.pict !== 'clock');
  $('pict-desk').toggleAttribute('hidden', how.pict !== 'desk');
  $('pict-error').toggleAttribute('hidden', Boolean(how.pict));
  lastResult = () => {
    $('problem-title').textContent = t(how.title || 'problem_title');
    $('problem-detail').textContent = detail();
    $('problem-code').textContent = typed ? t('your_code', { code: typed }) : '';
    $('problem-code').hidden = !typed;
  };
  lastResult();
  show('problem');
}

function showProblem(body, typed) {
  const code = body && body.error && body.error.code;
  const how = REFUSALS[code] || UNKNOWN_REFUSAL;
  const comeBack = code === 'checkin.too_early' && /^\d\d:\d\d$/.test(body.come_back_at || '') ? body.come_back_at : '';
  showRefusal(how, () => (comeBack ? t('too_early_at', { time: comeBack }) : t(how.text)), typed);
  offerSpeech(comeBack ? { phrase: 'too_early', time: comeBack } : how.speech ? { phrase: how.speech } : null);
  // A refusal (with the typed code, a time to come back) clears like an answer: the people
  // behind need not read it. A paused screen counts down instead.
  clearTimeout(resultTimer);
  resultTimer = setTimeout(reset, resultSeconds * 1000);
}

function endPause() {
  clearInterval(pauseTimer);
  pauseTimer = null;
  $('problem-detail').setAttribute('aria-live', 'assertive');
  $('problem-retry').disabled = false;
}

// The agent paused this screen: count down to the end, with "try again" held until then. The
// seconds are not read out each time (aria-live off); the end is.
function showPaused(seconds) {
  endPause();
  let left = seconds;
  showRefusal({}, () => (left > 0 ? t('paused_wait', { s: left }) : t('paused_over')), '');
  $('problem-detail').setAttribute('aria-live', 'off');
  $('problem-retry').disabled = true;
  pauseTimer = setInterval(() => {
    left -= 1;
    if (left <= 0) { endPause(); $('problem-retry').focus(); }
    lastResult();
  }, 1000);
}

async function checkIn(payload, from) {
  sentFrom = from;
  const typed = payload.code || '';
  try {
    const response = await fetch('/api/v1/kiosk/checkin', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...payload, screen: SCREEN })
    });
    const body = await response.json();
    clearResult();
    if (response.ok) showSuccess(body);
    else if (response.status === 429 && body.retry_after_s > 0) showPaused(body.retry_after_s);
    else showProblem(body, typed);
  } catch (e) {
    clearResult();
    showProblem(null, typed);
  }
}

function buildKeypad(container, keys, type) {
  for (const key of keys) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = key;
    if (key === '⌫') button.dataset.key = 'delete';
    button.tabIndex = -1;  // keyboard users type directly; the pad is for touch
    button.addEventListener('click', () => type(key));
    container.appendChild(button);
  }
}

function hideIdleWarning() {
  clearInterval(countdownTimer);
  countdownTimer = null;
  $('idle-warning').hidden = true;
}

function showIdleWarning() {
  let left = Math.min(10, idleSeconds);
  const render = () => { $('idle-text').textContent = t('idle', { s: left }); };
  render();
  $('idle-warning').hidden = false;
  $('idle-continue').focus();
  countdownTimer = setInterval(() => {
    left -= 1;
    if (left <= 0) reset(); else render();
  }, 1000);
}

function atRest() {
  return !$('start').hidden && $('code').value === '' && language === 'nl';
}

function noteActivity() {
  if (countdownTimer) return;  // only the explicit "continue" button dismisses the warning
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => { if (!atRest()) showIdleWarning(); else noteActivity(); }, idleSeconds * 1000);
}

function bindButtons() {
  document.querySelectorAll('.lang').forEach((b) => b.addEventListener('click', () => setLanguage(b.dataset.lang)));
  $('code-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const code = $('code').value.trim();
    if (code) checkIn({ code }, 'start');
  });
  $('number-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (nationalDigits) checkIn({ national_number: nationalDigits }, 'number');
  });
  $('use-number').addEventListener('click', () => show('number'));
  $('success-done').addEventListener('click', reset);
  // Try again: back where the client was, with what was typed still there to correct.
  $('problem-retry').addEventListener('click', () => { clearResult(); show(sentFrom); });
  $('number').querySelector('.back').addEventListener('click', () => { setNationalDigits(''); show('start'); });
  document.querySelectorAll('.speak').forEach((b) => b.addEventListener('click', speak));
  $('idle-continue').addEventListener('click', () => { hideIdleWarning(); noteActivity(); });
}

function applyConfig(c) {
  idleSeconds = c.idle_s || 45;
  resultSeconds = c.result_s || 15;
  speechOn = c.speech === true;
  setSlipPaper(c.slip);
}

function init() {
  bindButtons();
  installKeyRouting();
  // Only the characters codes are made of (domain/checkin_code.hpp): no 0, 1, I, L or O.
  buildKeypad($('keypad'), '23456789ABCDEFGHJKMNPQRSTUVWXYZ⌫'.split(''), typeCodeKey);
  buildKeypad($('digit-pad'), '123456789⌫0'.split(''), typeNationalKey);
  for (const event of ['pointerdown', 'keydown', 'input']) document.addEventListener(event, noteActivity, true);
  fetch('/api/v1/kiosk/config').then((r) => r.json()).then((c) => { applyConfig(c); noteActivity(); })
    .catch(() => noteActivity());
  setUpCamera();
  setLanguage('nl');
  show('start');
}

document.addEventListener('DOMContentLoaded', init);
