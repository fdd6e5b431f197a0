// The printed slip (issue 15, item 3): with kiosk_slip set, a check-in that got a queue number
// has the browser print a receipt of that paper's width, in the client's language, with the
// number, time, room and day and never a name; nothing of it stays once the answer clears, and a
// kiosk without a printer prints nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, SCREENSHOTS } from './harness.mjs';

let slipStack;
let plainStack;
before(async () => {
  slipStack = await startStack({ kiosk_slip: '80mm' });
  plainStack = await startStack({ kiosk_slip: '' });
});
after(async () => { await slipStack?.stop(); await plainStack?.stop(); });

// A kiosk page whose window.print() records what the printed page holds, instead of printing.
async function kioskPage(stack) {
  const page = await stack.browser.newPage({ viewport: { width: 1080, height: 1200 } });
  await page.addInitScript(() => {
    window.printed = [];
    window.print = () => { window.printed.push(document.getElementById('slip').innerText); };
  });
  await page.goto(`${stack.url}/`);
  await page.waitForSelector('#start:not([hidden])');
  return page;
}

async function checkIn(page, code) {
  await page.fill('#code', code);
  await page.click('#code-form button[type=submit]');
  await page.waitForSelector('#problem:not([hidden]), #success:not([hidden])');
}

const brusselsToday = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());

test('a check-in prints one slip of 80 mm in the client\'s language, with the number and no name', async () => {
  const page = await kioskPage(slipStack);
  await checkIn(page, 'KIOSK2');  // Amina reads Arabic
  assert.equal(await page.textContent('#success-title'), 'مرحبًا، Amina!');
  const number = await page.textContent('#success-number-value');
  assert.match(number, /^\d+$/);
  await page.waitForFunction(() => window.printed.length > 0);
  await page.waitForTimeout(300);
  const printed = await page.evaluate(() => window.printed);
  assert.equal(printed.length, 1, 'one slip per check-in');
  const slip = printed[0];
  assert.ok(slip.includes(brusselsToday()), slip);
  assert.match(slip, new RegExp(`رقمك\\s+${number}\\s`));
  assert.match(slip, /الموعد في الساعة \d\d:\d\d/);
  assert.match(slip, /Wachtzaal 2/);
  assert.doesNotMatch(slip, /Amina|Els|Peeters/, 'a slip left behind names nobody');

  // On paper: only the slip, as wide as the roll (80 mm = 302 CSS px).
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#success'), false);
  assert.equal(await page.isVisible('.languages'), false);
  const box = await page.locator('#slip').boundingBox();
  assert.ok(Math.abs(box.width - 302) <= 2, `slip width ${box.width}px`);
  assert.equal(await page.getAttribute('#slip', 'dir'), 'rtl');
  await page.locator('#slip').screenshot({ path: join(SCREENSHOTS, 'kiosk-slip.png') });
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.isVisible('#slip'), false, 'the slip is never on the screen');

  // "Klaar": the slip's text goes with the answer.
  await page.click('#success-done');
  assert.equal((await page.locator('#slip p').allTextContents()).join(''), '');
  // Amina lost her slip and scans again: the same number, on a new slip.
  await checkIn(page, 'KIOSK2');
  assert.equal(await page.textContent('#success-number-value'), number);
  await page.waitForFunction(() => window.printed.length > 1);
  const again = await page.evaluate(() => window.printed);
  assert.equal(again.length, 2);
  assert.match(again[1], new RegExp(`رقمك\\s+${number}\\s`));
  await page.close();
});

test('a refusal prints nothing, and a kiosk without kiosk_slip never prints', async () => {
  const page = await kioskPage(slipStack);
  await checkIn(page, 'NOSUCH7');
  assert.equal(await page.isVisible('#problem'), true);
  assert.deepEqual(await page.evaluate(() => window.printed), []);
  await page.close();

  const plain = await kioskPage(plainStack);
  await checkIn(plain, 'ARRIV4');
  assert.match(await plain.textContent('#success-number-value'), /^\d+$/);
  await plain.waitForTimeout(300);  // where a slip would have printed by now
  assert.deepEqual(await plain.evaluate(() => window.printed), []);
  await plain.close();
});
