// Guessing at the kiosk (issue 12, item 7): a typo in a new 9-character code is caught before any
// lookup; a screen that fails too often counts down while the other screens keep working. Two
// failed tries per 4 s per screen, so the test stays quick.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, newKioskPage, expectNoAxeViolations, SCREENSHOTS } from './harness.mjs';

let stack;
before(async () => { stack = await startStack({ kiosk_max_failed_tries: 2, kiosk_pause_s: 4 }); });
after(async () => { await stack?.stop(); });

async function submit(page, code) {
  await page.fill('#code', code);
  await page.click('#code-form button[type=submit]');
  await page.waitForSelector('#problem:not([hidden]), #success:not([hidden])');
}

test('a typo in a new code is caught in the kiosk language and the right code still works', async () => {
  const page = await newKioskPage(stack);
  await submit(page, 'JANSSNE4A');  // two characters swapped
  assert.equal(await page.textContent('#problem-detail'),
    'Deze code bevat een tikfout. Kijk de code op uw uitnodiging na en probeer opnieuw.');
  await page.click('button.lang[data-lang="tr"]');
  assert.equal(await page.textContent('#problem-detail'),
    'Bu kodda bir yazım hatası var. Davetiyenizdeki kodu kontrol edip tekrar deneyin.');
  await page.click('button.lang[data-lang="nl"]');
  await page.click('#problem .back');
  for (const typo of ['JANSSEN4B', 'JANSSEN5A']) {
    await submit(page, typo);
    await page.click('#problem .back');
  }
  await submit(page, 'jans-sen4a');  // typos are no guesses: this screen is not paused
  assert.equal(await page.textContent('#success-title'), 'Welkom, Koen!');
});

test('a paused screen counts down to the end while another screen keeps working', async () => {
  const left = await newKioskPage(stack);
  for (let i = 0; i < 2; i++) {
    await submit(left, 'NOPE9' + i);
    await left.click('#problem .back');
  }
  await submit(left, 'NOPE97');
  assert.match(await left.textContent('#problem-detail'),
    /^Te veel pogingen op dit scherm\. Probeer het opnieuw over [1-4] seconden, of ga naar de balie\.$/);
  assert.equal(await left.isDisabled('#problem-retry'), true, 'try again was offered during the pause');
  await left.screenshot({ path: join(SCREENSHOTS, 'kiosk-paused.png') });
  await expectNoAxeViolations(left, 'the paused screen');

  const right = await newKioskPage(stack);  // another screen: its own id, the same address
  await submit(right, 'ARRIV4');
  assert.equal(await right.textContent('#success-title'), 'مرحبًا، Sara!');  // her language

  await left.waitForFunction(() => document.querySelector('#problem-detail').textContent ===
    'U kunt het nu opnieuw proberen.', null, { timeout: 8000 });
  assert.equal(await left.isDisabled('#problem-retry'), false);
  await left.click('#problem .back');
  await submit(left, 'KIOSK2');
  assert.equal(await left.textContent('#success-title'), 'مرحبًا، Amina!');
});
