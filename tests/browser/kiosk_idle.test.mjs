// Idle reset, with a short idle time so the test stays quick.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, newKioskPage } from './harness.mjs';

let stack;
before(async () => { stack = await startStack({ kiosk_idle_s: 3 }); });
after(async () => { await stack?.stop(); });

test('after idle time a visible warning lets the client continue', async () => {
  const page = await newKioskPage(stack);
  await page.click('button.lang[data-lang="tr"]');
  await page.fill('#code', 'AB');
  await page.waitForSelector('#idle-warning:not([hidden])', { timeout: 8000 });
  assert.match(await page.textContent('#idle-text'), /Hâlâ orada mısınız\?/);
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
