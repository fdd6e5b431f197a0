// Kiosk check-in page. Talks only to the agent on the same origin; works with no network beyond it.
// Shows only the checked-in client's first name and appointment, never anything about anyone else.
'use strict';

const TEXT = {
  nl: {
    welcome: 'Welkom', scan_or_type: 'Scan de code van uw uitnodiging of typ ze hieronder.', code_label: 'Code',
    check_in: 'Aanmelden', no_code: 'Geen code? Gebruik uw rijksregisternummer',
    number_title: 'Rijksregisternummer', number_help: 'Typ de 11 cijfers op de achterkant van uw identiteitskaart.',
    back: 'Terug', done: 'Klaar', try_again: 'Opnieuw proberen', continue: 'Ik ben er nog',
    hello: 'Welkom, {name}!', already: 'U bent al aangemeld, {name}.',
    appointment: 'Uw afspraak is om {time} met {staff}.', wait_in: 'Wacht in: {place}',
    idle: 'Bent u er nog? Het scherm begint opnieuw over {s} seconden.',
    unknown_code: 'We kennen deze code niet. Kijk de code na of ga naar de balie.',
    too_early: 'U bent te vroeg voor uw afspraak. Kom straks terug of ga naar de balie.',
    too_late: 'Uw afspraak is al voorbij. Ga naar de balie.',
    not_today: 'Uw afspraak is niet vandaag. Ga naar de balie.',
    bad_number: 'Dit nummer klopt niet. Kijk het na of ga naar de balie.',
    no_appointment: 'We vinden nu geen afspraak voor u. Ga naar de balie.',
    paused: 'Even geduld. Probeer het zo meteen opnieuw of ga naar de balie.',
    paused_wait: 'Te veel pogingen op dit scherm. Probeer het opnieuw over {s} seconden, of ga naar de balie.',
    paused_over: 'U kunt het nu opnieuw proberen.',
    typo: 'Deze code bevat een tikfout. Kijk de code op uw uitnodiging na en probeer opnieuw.',
    problem: 'Er ging iets mis. Ga naar de balie.', problem_title: 'Dat lukte niet'
  },
  fr: {
    welcome: 'Bienvenue', scan_or_type: 'Scannez le code de votre invitation ou tapez-le ci-dessous.', code_label: 'Code',
    check_in: 'Je suis là', no_code: 'Pas de code ? Utilisez votre numéro de registre national',
    number_title: 'Numéro de registre national', number_help: 'Tapez les 11 chiffres au dos de votre carte d’identité.',
    back: 'Retour', done: 'Terminé', try_again: 'Réessayer', continue: 'Je suis encore là',
    hello: 'Bienvenue, {name} !', already: 'Vous êtes déjà inscrit(e), {name}.',
    appointment: 'Votre rendez-vous est à {time} avec {staff}.', wait_in: 'Attendez dans : {place}',
    idle: 'Êtes-vous encore là ? L’écran recommence dans {s} secondes.',
    unknown_code: 'Nous ne connaissons pas ce code. Vérifiez-le ou allez à l’accueil.',
    too_early: 'Vous êtes en avance. Revenez un peu plus tard ou allez à l’accueil.',
    too_late: 'Votre rendez-vous est déjà passé. Allez à l’accueil.',
    not_today: 'Votre rendez-vous n’est pas aujourd’hui. Allez à l’accueil.',
    bad_number: 'Ce numéro n’est pas correct. Vérifiez-le ou allez à l’accueil.',
    no_appointment: 'Nous ne trouvons pas de rendez-vous pour vous maintenant. Allez à l’accueil.',
    paused: 'Un instant. Réessayez dans un moment ou allez à l’accueil.',
    paused_wait: 'Trop d’essais sur cet écran. Réessayez dans {s} secondes, ou allez à l’accueil.',
    paused_over: 'Vous pouvez réessayer maintenant.',
    typo: 'Ce code contient une faute de frappe. Vérifiez le code sur votre invitation et réessayez.',
    problem: 'Un problème est survenu. Allez à l’accueil.', problem_title: 'Cela n’a pas marché'
  },
  en: {
    welcome: 'Welcome', scan_or_type: 'Scan the code on your invitation or type it below.', code_label: 'Code',
    check_in: 'Check in', no_code: 'No code? Use your national register number',
    number_title: 'National register number', number_help: 'Type the 11 digits on the back of your identity card.',
    back: 'Back', done: 'Done', try_again: 'Try again', continue: 'I am still here',
    hello: 'Welcome, {name}!', already: 'You are already checked in, {name}.',
    appointment: 'Your appointment is at {time} with {staff}.', wait_in: 'Please wait in: {place}',
    idle: 'Are you still there? The screen starts over in {s} seconds.',
    unknown_code: 'We do not know this code. Please check it or go to the desk.',
    too_early: 'You are early for your appointment. Please come back a bit later or go to the desk.',
    too_late: 'Your appointment has already passed. Please go to the desk.',
    not_today: 'Your appointment is not today. Please go to the desk.',
    bad_number: 'This number is not correct. Please check it or go to the desk.',
    no_appointment: 'We cannot find an appointment for you right now. Please go to the desk.',
    paused: 'Please wait a moment and try again, or go to the desk.',
    paused_wait: 'Too many tries on this screen. Try again in {s} seconds, or go to the desk.',
    paused_over: 'You can try again now.',
    typo: 'This code has a typo. Please check the code on your invitation and try again.',
    problem: 'Something went wrong. Please go to the desk.', problem_title: 'That did not work'
  },
  ar: {
    welcome: 'مرحبًا', scan_or_type: 'امسح الرمز الموجود في دعوتك أو اكتبه أدناه.', code_label: 'الرمز',
    check_in: 'تسجيل الحضور', no_code: 'لا يوجد رمز؟ استخدم رقم السجل الوطني',
    number_title: 'رقم السجل الوطني', number_help: 'اكتب الأرقام الـ 11 الموجودة على ظهر بطاقة هويتك.',
    back: 'رجوع', done: 'تم', try_again: 'حاول مرة أخرى', continue: 'ما زلت هنا',
    hello: 'مرحبًا، {name}!', already: 'لقد سجلت حضورك بالفعل، {name}.',
    appointment: 'موعدك في الساعة {time} مع {staff}.', wait_in: 'انتظر في: {place}',
    idle: 'هل ما زلت هنا؟ ستبدأ الشاشة من جديد خلال {s} ثوانٍ.',
    unknown_code: 'لا نعرف هذا الرمز. تحقق منه أو توجه إلى مكتب الاستقبال.',
    too_early: 'لقد وصلت مبكرًا. عد بعد قليل أو توجه إلى مكتب الاستقبال.',
    too_late: 'لقد فات موعدك. توجه إلى مكتب الاستقبال.',
    not_today: 'موعدك ليس اليوم. توجه إلى مكتب الاستقبال.',
    bad_number: 'هذا الرقم غير صحيح. تحقق منه أو توجه إلى مكتب الاستقبال.',
    no_appointment: 'لا نجد موعدًا لك الآن. توجه إلى مكتب الاستقبال.',
    paused: 'انتظر قليلًا ثم حاول مرة أخرى، أو توجه إلى مكتب الاستقبال.',
    paused_wait: 'محاولات كثيرة على هذه الشاشة. حاول مرة أخرى بعد {s} ثانية، أو توجه إلى مكتب الاستقبال.',
    paused_over: 'يمكنك المحاولة مرة أخرى الآن.',
    typo: 'يوجد خطأ مطبعي في هذا الرمز. تحقق من الرمز المكتوب في دعوتك وحاول مرة أخرى.',
    problem: 'حدث خطأ ما. توجه إلى مكتب الاستقبال.', problem_title: 'لم ينجح ذلك'
  },
  tr: {
    welcome: 'Hoş geldiniz', scan_or_type: 'Davetiyenizdeki kodu okutun veya aşağıya yazın.', code_label: 'Kod',
    check_in: 'Giriş yap', no_code: 'Kodunuz yok mu? Ulusal sicil numaranızı kullanın',
    number_title: 'Ulusal sicil numarası', number_help: 'Kimlik kartınızın arkasındaki 11 rakamı yazın.',
    back: 'Geri', done: 'Tamam', try_again: 'Tekrar deneyin', continue: 'Hâlâ buradayım',
    hello: 'Hoş geldiniz, {name}!', already: 'Girişiniz zaten yapıldı, {name}.',
    appointment: 'Randevunuz saat {time}, {staff} ile.', wait_in: 'Bekleme yeri: {place}',
    idle: 'Hâlâ orada mısınız? Ekran {s} saniye içinde baştan başlayacak.',
    unknown_code: 'Bu kodu tanımıyoruz. Kodu kontrol edin veya danışmaya gidin.',
    too_early: 'Randevunuz için erken geldiniz. Biraz sonra tekrar gelin veya danışmaya gidin.',
    too_late: 'Randevunuzun saati geçti. Lütfen danışmaya gidin.',
    not_today: 'Randevunuz bugün değil. Lütfen danışmaya gidin.',
    bad_number: 'Bu numara doğru değil. Kontrol edin veya danışmaya gidin.',
    no_appointment: 'Şu anda sizin için bir randevu bulamıyoruz. Lütfen danışmaya gidin.',
    paused: 'Lütfen biraz bekleyip tekrar deneyin veya danışmaya gidin.',
    paused_wait: 'Bu ekranda çok fazla deneme yapıldı. {s} saniye sonra tekrar deneyin veya danışmaya gidin.',
    paused_over: 'Şimdi tekrar deneyebilirsiniz.',
    typo: 'Bu kodda bir yazım hatası var. Davetiyenizdeki kodu kontrol edip tekrar deneyin.',
    problem: 'Bir sorun oluştu. Lütfen danışmaya gidin.', problem_title: 'Olmadı'
  }
};

const ERROR_TEXT = {
  unknown_code: 'unknown_code', 'checkin.too_early': 'too_early', 'checkin.too_late': 'too_late',
  'checkin.not_today': 'not_today', 'national_number.bad_check_digits': 'bad_number',
  'national_number.wrong_length': 'bad_number', 'national_number.not_digits': 'bad_number',
  no_appointment_now: 'no_appointment', kiosk_paused: 'paused', code_typo: 'typo'
};

// This screen's id, made once per page load: the agent counts failed tries per screen, so a
// person guessing here pauses only this screen. Random, never stored.
const SCREEN = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

let language = 'nl';
let idleSeconds = 45;
let idleTimer = null;
let countdownTimer = null;
let pauseTimer = null;  // counts down a pause of this screen (429 with retry_after_s)
let lastResult = null;  // re-rendered when the language changes

const $ = (id) => document.getElementById(id);
const t = (key, values = {}) => (TEXT[language][key] || TEXT.nl[key]).replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');

function setLanguage(lang) {
  language = TEXT[lang] ? lang : 'nl';
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll('.lang').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === language)));
  if (lastResult) lastResult();
}

function show(id) {
  document.querySelectorAll('.screen').forEach((s) => { s.hidden = s.id !== id; });
  const focus = { start: 'code', number: 'national-number' }[id];
  if (focus) $(focus).focus();
  else document.querySelector(`#${id} .back`)?.focus();
}

function reset() {
  endPause();
  lastResult = null;
  $('code').value = '';
  $('national-number').value = '';
  hideIdleWarning();
  setLanguage('nl');
  show('start');
}

function showSuccess(body) {
  lastResult = () => {
    $('success-title').textContent = t(body.status === 'already_checked_in' ? 'already' : 'hello', { name: body.first_name });
    $('success-detail').textContent = t('appointment', { time: body.time, staff: body.staff_name });
    $('success-where').textContent = body.location ? t('wait_in', { place: body.location }) : '';
  };
  lastResult();
  show('success');
}

function showProblem(code) {
  lastResult = () => {
    $('problem-title').textContent = t('problem_title');
    $('problem-detail').textContent = t(ERROR_TEXT[code] || 'problem');
  };
  lastResult();
  show('problem');
}

function endPause() {
  clearInterval(pauseTimer);
  pauseTimer = null;
  $('problem').setAttribute('aria-live', 'assertive');
  $('problem-retry').disabled = false;
}

// The agent paused this screen: count down to the end, with "try again" held until then. The
// seconds are not read out each time (aria-live off); the end is.
function showPaused(seconds) {
  endPause();
  let left = seconds;
  lastResult = () => {
    $('problem-title').textContent = t('problem_title');
    $('problem-detail').textContent = left > 0 ? t('paused_wait', { s: left }) : t('paused_over');
  };
  $('problem').setAttribute('aria-live', 'off');
  $('problem-retry').disabled = true;
  lastResult();
  show('problem');
  pauseTimer = setInterval(() => {
    left -= 1;
    if (left <= 0) { endPause(); $('problem-retry').focus(); }
    lastResult();
  }, 1000);
}

async function checkIn(payload) {
  try {
    const response = await fetch('/api/v1/kiosk/checkin', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...payload, screen: SCREEN })
    });
    const body = await response.json();
    if (response.ok) showSuccess(body);
    else if (response.status === 429 && body.retry_after_s > 0) showPaused(body.retry_after_s);
    else showProblem(body.error && body.error.code);
  } catch (e) {
    showProblem('');
  }
}

function buildKeypad(container, keys, input) {
  for (const key of keys) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = key === '⌫' ? '⌫' : key;
    if (key === '⌫') button.setAttribute('aria-label', 'delete');
    button.tabIndex = -1;  // keyboard users type directly; the pad is for touch
    button.addEventListener('click', () => {
      input.value = key === '⌫' ? input.value.slice(0, -1) : (input.value + key).slice(0, input.maxLength);
      input.focus();
    });
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

function init() {
  document.querySelectorAll('.lang').forEach((b) => b.addEventListener('click', () => setLanguage(b.dataset.lang)));
  $('code-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const code = $('code').value.trim();
    if (code) checkIn({ code });
  });
  $('number-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const number = $('national-number').value.trim();
    if (number) checkIn({ national_number: number });
  });
  $('use-number').addEventListener('click', () => show('number'));
  document.querySelectorAll('.back').forEach((b) => b.addEventListener('click', () => {
    endPause();
    lastResult = null;
    $('code').value = '';
    $('national-number').value = '';
    show('start');
  }));
  $('idle-continue').addEventListener('click', () => { hideIdleWarning(); noteActivity(); });
  buildKeypad($('keypad'), '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ⌫'.split(''), $('code'));
  buildKeypad($('digit-pad'), '123456789⌫0'.split(''), $('national-number'));
  for (const event of ['pointerdown', 'keydown', 'input']) document.addEventListener(event, noteActivity, true);
  fetch('/api/v1/kiosk/config').then((r) => r.json()).then((c) => { idleSeconds = c.idle_s || 45; noteActivity(); })
    .catch(() => noteActivity());
  setLanguage('nl');
  show('start');
}

document.addEventListener('DOMContentLoaded', init);
