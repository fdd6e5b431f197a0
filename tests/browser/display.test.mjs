// The day's queue as people see it (issue 15, item 3): the kiosk gives a number, the desk calls it,
// the waiting room's TV shows it large with the room and chimes; no name anywhere on the TV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, newDeskPage, expectNoAxeViolations, SCREENSHOTS } from './harness.mjs';

let stack, desk, tv;
before(async () => {
  stack = await startStack();
  desk = await newDeskPage(stack);
  tv = await stack.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await tv.goto(`${stack.url}/display`);
});
after(async () => { await stack?.stop(); });

async function checkIn(code) {
  const response = await fetch(`${stack.url}/api/v1/kiosk/checkin`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code })
  });
  return { status: response.status, body: await response.json() };
}

// The desk's call, as the desk page makes it (its session cookie and CSRF token).
function call(id) {
  return desk.evaluate(async (appointment) => {
    const { csrf_token: csrf } = await (await fetch('/api/v1/desk/session')).json();
    const r = await fetch(`/api/v1/desk/appointments/${appointment}/call`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: '{}'
    });
    return { status: r.status, body: await r.json() };
  }, id);
}

test('each check-in gets the next number of the day, and keeps it when checking in again', async () => {
  const amina = await checkIn('KIOSK2');
  assert.equal(amina.status, 200);
  assert.equal(amina.body.queue_number, '1');
  assert.equal((await checkIn('MEHM3T')).body.queue_number, '2');
  const again = await checkIn('KIOSK2');
  assert.equal(again.body.status, 'already_checked_in');
  assert.equal(again.body.queue_number, '1');
});

test('the waiting room sees how many wait, and nothing before a call', async () => {
  await tv.waitForFunction(() => document.querySelector('#waiting').textContent.startsWith('2 personen wachten ·'));
  assert.equal(await tv.textContent('#now-number'), '—');
  await expectNoAxeViolations(tv, 'the waiting-room display before a call');
});

test('a client who has not arrived cannot be called', async () => {
  const refused = await call('ap-koen');
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.code, 'not_checked_in');
});

test('a call shows the number large with the room, chimes, and the earlier call moves down', async () => {
  assert.equal((await call('ap-amina')).status, 200);
  await tv.waitForFunction(() => document.querySelector('#now-number').textContent === '1');
  assert.equal(await tv.textContent('#now-where'), '→ Wachtzaal 2');
  assert.equal(await tv.evaluate(() => document.body.dataset.chimes), '1');
  assert.equal((await call('ap-mehmet')).body.queue_number, '2');
  await tv.waitForFunction(() => document.querySelector('#now-number').textContent === '2');
  assert.equal(await tv.textContent('#now-where'), '→ Wachtzaal 1');
  assert.match(await tv.textContent('#earlier'), /^1\s*Wachtzaal 2$/);
  assert.equal(await tv.evaluate(() => document.body.dataset.chimes), '2');
  // Calling the same client again (they did not come) chimes again.
  await call('ap-mehmet');
  await tv.waitForFunction(() => document.body.dataset.chimes === '3');
  assert.match(await tv.textContent('#waiting'), /^0 personen wachten · 0 personnes attendent · 0 people waiting$/);
  assert.match(await tv.textContent('#earlier'), /^1\s*Wachtzaal 2$/, 'the number called now is not listed again');
  // The number is readable from across the room: at least a fifth of the screen's height.
  const height = await tv.$eval('#now-number', (n) => n.getBoundingClientRect().height);
  assert.ok(height >= 1080 / 5, `number ${height}px high`);
  const text = await tv.textContent('body');
  for (const name of ['Amina', 'Mehmet', 'Benali', 'ap-']) assert.ok(!text.includes(name), `${name} on the TV`);
  await expectNoAxeViolations(tv, 'the waiting-room display with calls');
  await tv.screenshot({ path: join(SCREENSHOTS, 'display.png') });
});

test('a reloaded display shows the last call without chiming for it', async () => {
  await tv.reload();
  await tv.waitForFunction(() => document.querySelector('#now-number').textContent === '2');
  await new Promise((r) => setTimeout(r, 1500));  // a poll or two
  assert.equal(await tv.evaluate(() => document.body.dataset.chimes), undefined);
});
