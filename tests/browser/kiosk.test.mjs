// The kiosk as a client uses it, in Debian's chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, newKioskPage, SCREENSHOTS } from './harness.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const visible = (page, selector) => page.locator(selector).isVisible();

test('check-in by code with the keyboard alone shows only the first name, time, staff and place', async () => {
  const page = await newKioskPage(stack);
  await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-start.png') });
  // Focus starts in the code field: a scanner or keyboard types straight into it.
  await page.keyboard.type('kiosk2');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  // Amina's language (from the import) is Arabic: the answer comes in it, and Dutch is a tap away.
  assert.equal(await page.textContent('#success-title'), 'مرحبًا، Amina!');
  await page.click('button.lang[data-lang="nl"]');
  assert.equal(await page.textContent('#success-title'), 'Welkom, Amina!');
  assert.match(await page.textContent('#success-detail'), /^Uw afspraak is om \d\d:\d\d met Els Peeters\.$/);
  assert.equal(await page.textContent('#success-where'), 'Wacht in: Wachtzaal 2');
  const text = await page.textContent('body');
  assert.ok(!text.includes('Benali'), 'the last name is shown');
  assert.ok(!text.includes('Mehmet'), 'another client is shown');
  await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-success.png') });
  await page.click('#success .back');
  assert.ok(await visible(page, '#start'));
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
});

test('check-in by national number on the digit pad', async () => {
  const page = await newKioskPage(stack);
  await page.click('#use-number');
  for (const digit of '85073003328') await page.click(`#digit-pad button:text-is("${digit}")`);
  await page.click('#number-form button[type=submit]');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.textContent('#success-title'), 'Hoş geldiniz, Mehmet!');  // his language
});

test('a bad code gets a friendly message that says what to do', async () => {
  const page = await newKioskPage(stack);
  await page.fill('#code', 'NOPE99');
  await page.click('#code-form button[type=submit]');
  await page.waitForSelector('#problem:not([hidden])');
  assert.equal(await page.textContent('#problem-detail'), 'We kennen deze code niet. Kijk de code na of ga naar de balie.');
  await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-error.png') });
});

test('an appointment outside the check-in window is refused with advice', async () => {
  const page = await newKioskPage(stack);
  await page.fill('#code', 'LATER3');
  await page.click('#code-form button[type=submit]');
  await page.waitForSelector('#problem:not([hidden])');
  const detail = await page.textContent('#problem-detail');
  // Three hours ahead is too early, or another day when the test runs late in the evening.
  assert.ok(/^U kunt zich aanmelden vanaf \d\d:\d\d\. Kom dan terug\.$/.test(detail) ||
            detail === 'Uw afspraak is niet vandaag. Ga naar de balie.', detail);
});

test('languages switch by their own names, Arabic right-to-left, and results follow the language', async () => {
  const page = await newKioskPage(stack);
  await page.click('button.lang[data-lang="ar"]');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.textContent('#start-title'), 'مرحبًا');
  await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-arabic.png') });
  await page.fill('#code', 'NOPE98');
  await page.click('#code-form button[type=submit]');
  await page.waitForSelector('#problem:not([hidden])');
  assert.equal(await page.textContent('#problem-detail'), 'لا نعرف هذا الرمز. تحقق منه أو توجه إلى مكتب الاستقبال.');
  await page.click('button.lang[data-lang="tr"]');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.equal(await page.textContent('#problem-detail'), 'Bu kodu tanımıyoruz. Kodu kontrol edin veya danışmaya gidin.');
  await page.click('button.lang[data-lang="fr"]');
  assert.equal(await page.getAttribute('button.lang[data-lang="fr"]', 'aria-pressed'), 'true');
});

test('touch targets are at least 48 pixels', async () => {
  const page = await newKioskPage(stack);
  const sizes = await page.$$eval('button', (buttons) => buttons.filter((b) => b.offsetParent !== null)
    .map((b) => [b.textContent, b.getBoundingClientRect().width, b.getBoundingClientRect().height]));
  assert.ok(sizes.length > 10);
  for (const [label, width, height] of sizes) assert.ok(width >= 48 && height >= 48, `${label}: ${width}x${height}`);
});

test('with central unreachable the client checks in exactly the same way', async () => {
  stack.stopCentral();
  const page = await newKioskPage(stack);
  await page.keyboard.type('ARRIV4');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.textContent('#success-title'), 'مرحبًا، Sara!');
  const status = await (await fetch(`${stack.url}/api/v1/status`)).json();
  assert.ok(status.pending_mutations >= 1, 'the fact was not kept for later sync');
});
