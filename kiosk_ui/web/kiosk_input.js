// What the kiosk does with keys, whatever was tapped last. A barcode or QR scanner types like a
// keyboard and ends with Enter: every printable key goes into the code field (the digits into the
// national number on that screen), and Enter checks in what was typed, never pressing the button
// that happens to have focus. On a result screen the first key starts the next check-in.
// The national number is shown grouped (00.00.00-000.00) and masked once complete.
'use strict';

const NATIONAL_DIGITS = 11;
let nationalDigits = '';
let nationalShown = false;

// "85073003328" -> "85.07.30-033.28"; with `masked` every digit is a dot.
function groupNationalNumber(digits, masked) {
  const d = masked ? digits.replace(/\d/g, '•') : digits;
  const cuts = [[0, 2, ''], [2, 4, '.'], [4, 6, '.'], [6, 9, '-'], [9, 11, '.']];
  return cuts.filter(([from]) => d.length > from).map(([from, to, sep]) => sep + d.slice(from, to)).join('');
}

function renderNationalNumber() {
  const complete = nationalDigits.length === NATIONAL_DIGITS;
  const field = $('national-number');
  field.value = groupNationalNumber(nationalDigits, complete && !nationalShown);
  $('number-show').hidden = !complete;
  $('number-show').setAttribute('aria-pressed', String(nationalShown));
  $('number-show').textContent = t(nationalShown ? 'hide_number' : 'show_number');
}

function setNationalDigits(digits) {
  nationalDigits = digits.replace(/\D/g, '').slice(0, NATIONAL_DIGITS);
  if (nationalDigits.length < NATIONAL_DIGITS) nationalShown = false;
  renderNationalNumber();
}

function typeNationalKey(key) {
  if (key === '⌫') setNationalDigits(nationalDigits.slice(0, -1));
  else setNationalDigits(nationalDigits + key);
}

function typeCodeKey(key) {
  const input = $('code');
  input.value = key === '⌫' ? input.value.slice(0, -1) : (input.value + key).slice(0, input.maxLength);
  input.focus();
}

function currentScreen() {
  return document.querySelector('.screen:not([hidden])')?.id || 'start';
}

// Enter: check in what was typed. With nothing typed, a button the person chose with the keyboard
// still works; on a result screen nothing has focus to press.
function onEnter(event, screen) {
  if (screen === 'number' && nationalDigits) {
    event.preventDefault();
    $('number-form').requestSubmit();
  } else if (screen === 'start' && $('code').value.trim()) {
    event.preventDefault();
    $('code-form').requestSubmit();
  }
}

function onBackspace(event, screen) {
  if (screen === 'number') { event.preventDefault(); typeNationalKey('⌫'); }
  else if (screen === 'start' && event.target !== $('code')) { event.preventDefault(); typeCodeKey('⌫'); }
}

// Keys that come faster than a person types are a scanner's: a code that starts with digits,
// scanned on the national number screen, is moved to the code field whole at its first letter.
const SCANNER_GAP_MS = 60;
let burst = { digits: '', at: 0 };

function noteNationalDigit(key) {
  const now = performance.now();
  if (now - burst.at > SCANNER_GAP_MS) burst.digits = '';
  burst = { digits: burst.digits + key, at: now };
}

function scannedDigits() {
  const digits = performance.now() - burst.at <= SCANNER_GAP_MS ? burst.digits : '';
  burst = { digits: '', at: 0 };
  return digits;
}

function onPrintable(event, screen) {
  if (screen === 'number' && /\d/.test(event.key)) {
    event.preventDefault();
    noteNationalDigit(event.key);
    typeNationalKey(event.key);
    return;
  }
  if (screen === 'start' && event.target === $('code')) return;  // the field types it itself
  if (screen === 'start' && event.key === ' ' && !$('code').value) return;  // presses a button
  event.preventDefault();
  const carried = screen === 'number' ? scannedDigits() : '';
  if (screen !== 'start') startNextCheckin(screen);
  for (const key of carried + event.key) typeCodeKey(key);
}

function onKioskKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  if (!$('idle-warning').hidden) { hideIdleWarning(); noteActivity(); }
  const screen = currentScreen();
  if (event.key === 'Enter') onEnter(event, screen);
  else if (event.key === 'Backspace') onBackspace(event, screen);
  else if (event.key.length === 1) onPrintable(event, screen);
}

function installKeyRouting() {
  document.addEventListener('keydown', onKioskKey, true);
  $('number-show').addEventListener('click', () => { nationalShown = !nationalShown; renderNationalNumber(); });
}
