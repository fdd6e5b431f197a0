// The desk by keyboard alone (issue 15, item 10): sign in, filter, call a client, record an
// absence through its confirmation, plan the next appointment, with Tab, Enter and Space only
// (and typing into fields); axe-core on the today page in each of those states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, expectNoAxeViolations } from './harness.mjs';
import { TODAY_DATA, CODES, checkIn, brusselsDay, shownDay } from './desk_today_data.mjs';

let stack;
let page;
before(async () => {
  stack = await startStack({}, { data: TODAY_DATA });
  page = await stack.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
  page.on('dialog', () => assert.fail('the desk opened a browser dialog'));
  await page.goto(`${stack.url}/desk`);
  await page.waitForSelector('#login:not([hidden])');
});
after(async () => { await stack?.stop(); });

// Presses Tab until the focus is on `selector` (at most 150 times).
async function tabTo(selector) {
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

const row = (id) => `tr.appointment[data-id="${id}"]`;
const panel = (id) => `tr.panel-row[data-for="${id}"]`;

test('the sign-in form by keyboard, and axe-core on it', async () => {
  await expectNoAxeViolations(page, 'the sign-in form');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'username');
  await page.keyboard.type('els');
  await page.keyboard.press('Tab');
  await page.keyboard.type('correct-horse-1');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${row('ap-noah')}`);
  await expectNoAxeViolations(page, 'the today page');
});

test('filter by keyboard: open only, then a mediator', async () => {
  await tabTo('#filter-open');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#filter-open'), true);
  await page.keyboard.press('Space');
  await tabTo('#filter-name');
  await page.keyboard.type('Tom');
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('tr.appointment')].filter((tr) => !tr.hidden).map((tr) => tr.dataset.id)), ['ap-tom']);
  await expectNoAxeViolations(page, 'the today page, filtered');
});

test('call an arrived client by keyboard', async () => {
  assert.equal(await checkIn(stack.url, CODES.tom), 200);
  await page.waitForSelector(`${row('ap-tom')}.arrived`, { timeout: 6000 });
  await expectNoAxeViolations(page, 'the today page with an arrival');
  await tabTo(`${row('ap-tom')} button.call`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('tr.panel-row[data-for="ap-tom"] .row-message').dataset.code === 'called');
  assert.match(await page.textContent(`${row('ap-tom')} .queue`), /^nr \S+$/);
  assert.match(await page.textContent(`${row('ap-tom')} .arrival`), /geroepen \d\d:\d\d/);
});

test('an absence with its confirmation by keyboard', async () => {
  // Tom came: his first appointment can only be completed as present. Ines did not come.
  await tabTo('#filter-name');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('Ines');
  await tabTo(`${row('ap-ines')} button.more`);
  await page.keyboard.press('Enter');
  await tabTo(`${row('ap-ines')} button[data-outcome="absent_valid"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${panel('ap-ines')} .confirm`);
  await expectNoAxeViolations(page, 'the confirmation');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('confirm-yes')), true);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${panel('ap-ines')} .undo-box`);
  await expectNoAxeViolations(page, 'the undo');
  await tabTo(`${panel('ap-ines')} button.record-now`);
  await page.keyboard.press('Space');
  await page.waitForSelector(`${row('ap-ines')}.done`);
  assert.equal(await page.textContent(`${row('ap-ines')} .outcome-text`), 'Afwezig (geldig)');
  await page.waitForFunction(() => document.querySelector('tr.panel-row[data-for="ap-ines"] .row-message').textContent !== '');
  await expectNoAxeViolations(page, 'a result next to its row');
});

test('plan the next appointment by keyboard', async () => {
  await tabTo(`${row('ap-ines')} button.more`);
  await page.keyboard.press('Enter');
  await tabTo(`${row('ap-ines')} button.plan-next`);
  await page.keyboard.press('Enter');
  const form = `${panel('ap-ines')} form.plan`;
  await page.waitForSelector(form);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'day');
  await page.keyboard.type(shownDay(brusselsDay(3)));
  await tabTo(`${form} input[name="time"]`);
  await page.keyboard.type('14:00');
  await expectNoAxeViolations(page, 'the plan form');
  await tabTo(`${form} button.plan-submit`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('tr.panel-row[data-for="ap-ines"] .row-message').dataset.code === 'appointment.planned');
  assert.match(await page.textContent(`${panel('ap-ines')} .row-message`), new RegExp(`${shownDay(brusselsDay(3))} 14:00 bij Jan De Smet`));
});
