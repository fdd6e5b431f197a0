// The reception desk as staff use it, in Debian's chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, SCREENSHOTS } from './harness.mjs';

let stack;
let page;
before(async () => {
  stack = await startStack();
  page = await stack.browser.newPage({ viewport: { width: 1500, height: 900 } });
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(`${stack.url}/desk`);
  await page.waitForSelector('#login:not([hidden])');
});
after(async () => { await stack?.stop(); });

test('a wrong password is refused, the right one signs in', async () => {
  await page.fill('#username', 'els');
  await page.fill('#password', 'not-the-password');
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#login-error').textContent !== '');
  assert.equal(await page.textContent('#login-error'), 'Verkeerde gebruikersnaam of wachtwoord.');
  await page.fill('#password', 'correct-horse-1');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#desk:not([hidden])');
  await page.waitForSelector('tr[data-id="ap-koen"]');
  assert.equal(await page.textContent('#staff-name'), 'Els Peeters');
});

test('the desk marks an absence and sees the rules engine guidance', async () => {
  await page.click('tr[data-id="ap-koen"] button[data-outcome="absent_invalid"]');
  await page.waitForFunction(() => document.querySelector('#action-result').dataset.code === 'first_appointment.next_registered');
  assert.match(await page.textContent('#action-result'), /aangetekende afspraak.*uiterlijk \d{4}-\d\d-\d\d/);
  await page.waitForSelector('tr[data-id="ap-koen"] li[data-code="guidance.plan_registered"]');
  assert.match(await page.textContent('tr[data-id="ap-koen"] li[data-code="guidance.plan_registered"]'),
    /Plan vóór \d{4}-\d\d-\d\d een aangetekende afspraak\./);
  assert.ok(await page.locator('tr[data-id="ap-koen"] li[data-code="contact.verify_residence_and_work_permit"]').count() === 1);
});

test('planning the next appointment follows the rules: after an invalid absence it must be registered', async () => {
  await page.click('tr[data-id="ap-koen"] .plan-next');
  await page.waitForSelector('#plan-form:not([hidden])');
  assert.equal(await page.isChecked('#plan-registered'), true, 'the form did not start from the rules engine advice');
  await page.evaluate(() => {
    const d = new Date(Date.now() + 5 * 60000);
    const pad = (n) => String(n).padStart(2, '0');
    document.querySelector('#plan-when').value =
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await page.uncheck('#plan-registered');
  await page.click('#plan-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#action-result').dataset.code === 'first_appointment.must_be_registered');
  await page.check('#plan-registered');
  await page.click('#plan-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#action-result').dataset.code === 'appointment.planned');
  const koenRows = page.locator('tr', { hasText: 'Koen Janssens' });
  await page.waitForFunction(() => [...document.querySelectorAll('tr')].filter((r) => r.textContent.includes('Koen Janssens')).length === 2);
  assert.equal(await koenRows.locator('.badge.registered').count(), 1);
});

test('an arrival at the kiosk appears on the desk without reload', async () => {
  const before = await page.textContent('tr[data-id="ap-sara"] .arrival');
  assert.equal(before, '—');
  const response = await fetch(`${stack.url}/api/v1/kiosk/checkin`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'ARRIV4' })
  });
  assert.equal(response.status, 200);
  await page.waitForFunction(() => document.querySelector('tr[data-id="ap-sara"] .arrival').textContent.startsWith('✓'),
    null, { timeout: 6000 });
  await page.waitForFunction(() => document.querySelector('#sync').dataset.light === 'green', null, { timeout: 10000 });
  // The last sync in Brussels time, as every time on the desk (it said "UTC" before).
  const syncText = await page.textContent('#sync-text');
  const brussels = (d) => new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  const now = new Date();
  assert.ok([brussels(now), brussels(new Date(now - 60000))].some((t) => syncText.includes(`laatst ${t}`)), syncText);
  assert.ok(!syncText.includes('UTC'), syncText);
  await page.screenshot({ path: join(SCREENSHOTS, 'desk.png') });
});

test('signing out ends the session', async () => {
  await page.click('#logout');
  await page.waitForSelector('#login:not([hidden])');
  const status = await page.evaluate(async () => (await fetch('/api/v1/desk/today')).status);
  assert.equal(status, 401);
});
