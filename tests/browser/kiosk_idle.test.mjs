// Idle reset, with a short idle time so the test stays quick.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, newKioskPage, expectNoAxeViolations } from './harness.mjs';

let stack;
// No speech program here: the kiosk must simply stay silent.
before(async () => { stack = await startStack({ kiosk_idle_s: 3, kiosk_speech_program: 'onthaal-no-such-speech-program' }); });
after(async () => { await stack?.stop(); });

test('after idle time a visible warning lets the client continue', async () => {
  const page = await newKioskPage(stack);
  await page.click('button.lang[data-lang="tr"]');
  await page.fill('#code', 'AB');
  await page.waitForSelector('#idle-warning:not([hidden])', { timeout: 8000 });
  assert.match(await page.textContent('#idle-text'), /Hâlâ orada mısınız\?/);
  await expectNoAxeViolations(page, 'the idle warning');
  await page.click('#idle-continue');
  assert.equal(await page.locator('#idle-warning').isHidden(), true);
  assert.equal(await page.inputValue('#code'), 'AB', 'continuing lost what the client typed');
  assert.equal(await page.getAttribute('html', 'lang'), 'tr');
});

test('without an answer the kiosk returns to the start screen in Dutch', async () => {
  const page = await newKioskPage(stack);
  await page.click('button.lang[data-lang="ar"]');
  await page.fill('#code', 'XYZ');
  await page.waitForSelector('#idle-warning:not([hidden])', { timeout: 8000 });
  await page.waitForSelector('#idle-warning[hidden]', { state: 'attached', timeout: 8000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.equal(await page.inputValue('#code'), '');
  assert.equal(await page.textContent('#start-title'), 'Welkom');
});

test('without the speech program the answer shows no speak button', async () => {
  const page = await newKioskPage(stack);
  await page.keyboard.type('JANSSEN4A');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#success:not([hidden])');
  assert.equal(await page.textContent('#success-title'), 'Welkom, Koen!');
  assert.equal(await page.locator('#success .speak').isVisible(), false);
  const config = await (await fetch(`${stack.url}/api/v1/kiosk/config`)).json();
  assert.equal(config.speech, false);
});
