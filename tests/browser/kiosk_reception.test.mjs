// The kiosk through a full reception shift (issue 15, items 1, 2, 4 and 10): scans never lost,
// the answer in the client's language with pictograms, a queue number and speech, screens that say
// what to do, the national number masked, layouts for a portrait kiosk and a tablet, axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, newKioskPage, minutesFromNow, expectNoAxeViolations, SCREENSHOTS } from './harness.mjs';

// Codes from the kiosk's alphabet (no 0, 1, I, L, O): the keypad can type every one of them.
const client = (id, first_name, language, extra = {}) => ({ id, first_name, last_name: 'Achternaam', language, programme: 'TIBB4', ...extra });
const appointment = (id, client_id, code, minutes) => ({
  id, client_id, staff_id: 'st-els', kind: 'regular', registered: false, starts_at: minutesFromNow(minutes),
  duration_min: 30, location: 'Wachtzaal 1', code
});
const EARLY_MINUTES = 75;
const DATA = {
  staff: [{ id: 'st-els', name: 'Els Peeters', username: 'els', password: 'correct-horse-1' }],
  clients: [
    client('c-anna', 'Anna', 'nl'), client('c-bart', 'Bart', 'nl'), client('c-chloe', 'Chloé', 'fr'),
    client('c-dilan', 'Dilan', 'tr'), client('c-emre', 'Emre', 'tr'), client('c-fatima', 'Fatima', 'ar'),
    client('c-greet', 'Greet', 'nl', { national_number: '85073003328' }), client('c-hanna', 'Hanna', 'en'),
    client('c-jonas', 'Jonas', 'nl'), client('c-kim', 'Kim', 'nl'), client('c-lotte', 'Lotte', 'nl'),
    client('c-mila', 'Mila', 'tr'), client('c-noor', 'Noor', 'nl')
  ],
  appointments: [
    appointment('ap-anna', 'c-anna', 'TAPK3Y', 5), appointment('ap-bart', 'c-bart', 'NEXT7R', 5),
    appointment('ap-chloe', 'c-chloe', 'PADK2Y', 5), appointment('ap-dilan', 'c-dilan', 'TURK5A', 10),
    appointment('ap-emre', 'c-emre', 'EARLY5', EARLY_MINUTES), appointment('ap-fatima', 'c-fatima', 'ARAB9C', 10),
    appointment('ap-greet', 'c-greet', 'GREET2', 10), appointment('ap-hanna', 'c-hanna', 'SPEAK7', 10),
    appointment('ap-jonas', 'c-jonas', 'LATE6X', -45), appointment('ap-kim', 'c-kim', 'QUEUE8', 10),
    appointment('ap-lotte', 'c-lotte', 'SH0TS3', 15),
    appointment('ap-mila', 'c-mila', 'KLAAR4', 15),
    appointment('ap-noor', 'c-noor', '42SCAN', 15)
  ]
};

let stack;
before(async () => { stack = await startStack({ kiosk_result_s: 4 }, { data: DATA }); });
after(async () => { await stack?.stop(); });

const brusselsTime = (date) => new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
const brusselsDay = (date) => new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels' }).format(date);
const shown = (page, selector) => page.locator(selector).isVisible();

async function kioskAt(width, height) {
  const page = await stack.browser.newPage({ viewport: { width, height } });
  await page.goto(`${stack.url}/`);
  await page.waitForSelector('#start:not([hidden])');
  return page;
}

test('a scan after tapping a language, a key or on the result screen is never lost', async () => {
  const page = await newKioskPage(stack);
  await page.click('button.lang[data-lang="en"]');  // focus now on the language button
  await page.keyboard.type('TAPK3Y');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.textContent('#success-title'), 'Welkom, Anna!');  // Anna's own language
  // The next client scans while the answer is still on screen: Enter must not press "Klaar".
  await page.keyboard.type('NEXT7R');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#success-title').textContent === 'Welkom, Bart!');
  assert.ok(await shown(page, '#success'));
  // A tap on the keypad leaves focus on a key: the scan still goes into the code field.
  await page.click('#success-done');
  await page.click('#keypad button:text-is("P")');
  await page.click('#keypad button[data-key="delete"]');
  await page.click('button.lang[data-lang="nl"]');
  await page.keyboard.type('padk2y');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.textContent('#success-title'), 'Bienvenue, Chloé !');
  // A code that starts with digits, scanned on the national number screen, is not split up.
  await page.click('#success-done');
  await page.click('#use-number');
  await page.keyboard.type('42SCAN');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.textContent('#success-title'), 'Welkom, Noor!');
});

test('the answer clears after kiosk_result_s, back to Dutch, and "Klaar" clears it at once', async () => {
  const page = await newKioskPage(stack);
  await page.keyboard.type('TURK5A');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.getAttribute('html', 'lang'), 'tr');
  await page.waitForSelector('#start:not([hidden])', { timeout: 8000 });  // kiosk_result_s is 4 here
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.equal(await page.inputValue('#code'), '');
  assert.ok(!(await page.textContent('body')).includes('Dilan'), 'the previous client is still on screen');
  await page.keyboard.type('KLAAR4');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.getAttribute('html', 'lang'), 'tr');
  await page.click('#success-done');
  assert.ok(await shown(page, '#start'));
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.ok(!(await page.textContent('body')).includes('Mila'), 'the previous client is still on screen');
  // A refusal, with the code as typed, clears the same way: the people behind need not read it.
  await page.keyboard.type('ZZZ222');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#problem:not([hidden])');
  assert.match(await page.textContent('#problem-code'), /ZZZ222/);
  await page.waitForSelector('#start:not([hidden])', { timeout: 8000 });
  assert.ok(!(await page.textContent('body')).includes('ZZZ222'), 'the typed code is still on screen');
});

test('the answer comes in the client\'s language, right to left for Arabic, and can be switched', async () => {
  const page = await newKioskPage(stack);
  await page.click('button.lang[data-lang="fr"]');
  await page.keyboard.type('ARAB9C');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.textContent('#success-title'), 'مرحبًا، Fatima!');
  assert.equal(await page.getAttribute('button.lang[data-lang="ar"]', 'aria-pressed'), 'true');
  await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-client-language.png') });
  await expectNoAxeViolations(page, 'the success screen in Arabic');
  await page.click('button.lang[data-lang="fr"]');
  assert.equal(await page.textContent('#success-title'), 'Bienvenue, Fatima !');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
});

test('the queue number is shown large with the "wait" pictogram, and the answer can be heard', async () => {
  const page = await newKioskPage(stack);
  await page.keyboard.type('QUEUE8');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/kiosk/checkin')),
    page.keyboard.press('Enter')
  ]);
  const body = await answer.json();
  await page.waitForSelector('#success:not([hidden])');
  assert.ok(await shown(page, '#success .pictogram svg'), 'no pictogram');
  if (body.queue_number) {
    assert.equal((await page.textContent('#success-number')).replace(/\s+/g, ' ').trim(), `Uw nummer ${body.queue_number}`);
    const size = await page.$eval('#success-number-value', (el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 90, `the number is ${size}px`);
  } else {
    assert.equal(await shown(page, '#success-number'), false, 'a number was shown that the agent did not give');
  }
  await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-success-number.png') });
  // Read aloud: a WAV from the agent, for a fixed phrase (no name in the request).
  const [clip] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/kiosk/speech')),
    page.click('#success .speak')
  ]);
  assert.equal(clip.status(), 200);
  assert.equal(clip.headers()['content-type'], 'audio/wav');
  assert.equal((await clip.body()).subarray(0, 4).toString(), 'RIFF');
  const url = new URL(clip.url());
  assert.equal(url.searchParams.get('phrase'), 'checked_in');
  assert.equal(url.searchParams.get('lang'), 'nl');
  assert.equal(url.searchParams.get('number'), body.queue_number || null, 'the number is not said');
  assert.ok(!clip.url().includes('Kim'), 'the name went to the speech program');
});

test('too early says when to come back, in the advice colour, and the typed code stays', async (t) => {
  // The appointment's own start, as imported (not now + 75 min again: a minute may have passed).
  const start = new Date(DATA.appointments.find((a) => a.id === 'ap-emre').starts_at);
  if (brusselsDay(start) !== brusselsDay(new Date())) return t.skip('the appointment falls on tomorrow in Brussels');
  const page = await newKioskPage(stack);
  await page.keyboard.type('EARLY5');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#problem:not([hidden])');
  const comeBack = brusselsTime(new Date(start.getTime() - 60 * 60000));
  assert.equal(await page.textContent('#problem-title'), 'U bent te vroeg');
  assert.equal(await page.textContent('#problem-detail'), `U kunt zich aanmelden vanaf ${comeBack}. Kom dan terug.`);
  assert.equal(await page.getAttribute('#problem', 'data-kind'), 'advice');
  assert.ok(await shown(page, '#pict-clock'), 'no clock pictogram');
  assert.equal(await shown(page, '#pict-desk'), false, 'two pictograms');
  assert.equal(await page.textContent('#problem-code'), 'Uw code: EARLY5');
  await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-too-early.png') });
  await expectNoAxeViolations(page, 'too early');
  const advice = await page.$eval('#problem-title', (el) => getComputedStyle(el).color);
  await page.click('#problem-retry');
  assert.equal(await page.inputValue('#code'), 'EARLY5', 'the typed code was cleared');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#problem:not([hidden])');
  await page.click('#problem-retry');
  await page.fill('#code', 'NOPE99');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#problem[data-kind="error"]:not([hidden])');
  assert.notEqual(await page.$eval('#problem-title', (el) => getComputedStyle(el).color), advice, 'errors look like advice');
  assert.equal(await page.textContent('#problem-code'), 'Uw code: NOPE99');
  await expectNoAxeViolations(page, 'an unknown code');
});

test('too late sends the client to the desk with the desk pictogram', async () => {
  const page = await newKioskPage(stack);
  await page.keyboard.type('LATE6X');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#problem:not([hidden])');
  assert.equal(await page.textContent('#problem-title'), 'Uw afspraak is voorbij');
  assert.equal(await page.textContent('#problem-detail'), 'Uw afspraak is al voorbij. Ga naar de balie: daar helpen we u verder.');
  assert.equal(await page.getAttribute('#problem', 'data-kind'), 'advice');
  assert.ok(await shown(page, '#pict-desk'), 'no desk pictogram');
  assert.equal(await shown(page, '#pict-clock'), false, 'two pictograms');
});

test('the national number is grouped, masked once typed, shown on request and fits its field', async () => {
  const page = await newKioskPage(stack);
  await page.click('#use-number');
  await page.keyboard.type('850730');
  assert.equal(await page.inputValue('#national-number'), '85.07.30');
  assert.equal(await shown(page, '#number-show'), false);
  await page.click('#digit-pad button:text-is("0")');
  await page.keyboard.type('3328');
  assert.equal(await page.inputValue('#national-number'), '••.••.••-•••.••');
  assert.ok(!(await page.textContent('body')).includes('85073003328'));
  await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-number-masked.png') });
  await expectNoAxeViolations(page, 'the national number');
  await page.click('#number-show');
  assert.equal(await page.inputValue('#national-number'), '85.07.30-033.28');
  const fits = await page.$eval('#national-number', (el) => el.scrollWidth <= el.clientWidth);
  assert.ok(fits, 'the number overflows its field');
  await page.click('#number-show');
  assert.equal(await page.inputValue('#national-number'), '••.••.••-•••.••');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.textContent('#success-title'), 'Welkom, Greet!');
});

test('the keypad offers only the characters codes are made of', async () => {
  const page = await newKioskPage(stack);
  const keys = await page.$$eval('#keypad button', (buttons) => buttons.map((b) => b.textContent).join(''));
  assert.equal(keys, '23456789ABCDEFGHJKMNPQRSTUVWXYZ⌫');
  // The camera button only where there is a camera (kiosk_camera.test.mjs gives chromium one).
  const camera = await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).some((d) => d.kind === 'videoinput'));
  assert.equal(await shown(page, '#camera-start'), camera);
});

test('a portrait kiosk has the keypad in its lower half; a 1280x800 tablet needs no scrolling', async () => {
  const portrait = await kioskAt(1080, 1920);
  const pad = await portrait.$eval('#keypad', (el) => el.getBoundingClientRect().toJSON());
  const field = await portrait.$eval('#code', (el) => el.getBoundingClientRect().toJSON());
  assert.ok(pad.top >= 960 && pad.bottom <= 1920, `keypad from ${pad.top} to ${pad.bottom}`);
  assert.ok(field.top >= 960, `code field at ${field.top}`);
  await portrait.screenshot({ path: join(SCREENSHOTS, 'kiosk-portrait.png') });
  const tablet = await kioskAt(1280, 800);
  for (const screen of ['start', 'number']) {
    if (screen === 'number') await tablet.click('#use-number');
    const height = await tablet.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 800, `the ${screen} screen is ${height}px high`);
  }
  await tablet.click('#number .back');
  const noCode = await tablet.$eval('#use-number', (el) => el.getBoundingClientRect().bottom);
  assert.ok(noCode <= 800, `"No code?" ends at ${noCode}`);
  await tablet.screenshot({ path: join(SCREENSHOTS, 'kiosk-1280x800.png') });
  await tablet.keyboard.type('SH0TS3');  // an old code's 0: typed on a keyboard, it still works
  await tablet.keyboard.press('Enter');
  await tablet.waitForSelector('#success:not([hidden])');
  const success = await tablet.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(success <= 800, `the success screen is ${success}px high`);
});

test('axe-core finds nothing serious on the start screen in every language', async () => {
  const page = await newKioskPage(stack);
  for (const lang of ['nl', 'fr', 'en', 'ar', 'tr']) {
    await page.click(`button.lang[data-lang="${lang}"]`);
    await expectNoAxeViolations(page, `the start screen in ${lang}`);
  }
});
