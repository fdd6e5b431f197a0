// A site with two kiosks, two desk PCs and one waiting-room TV (issue 15, item 3). Central gives
// each kiosk device its letter (A, B) with nobody setting queue_prefix, so the kiosks never give
// the same number. The TV hangs on desk B, the receptionist at desk A calls: the call travels
// through central (entity queue_call) and the TV shows and chimes it within seconds; desk B's
// today page shows the client as called.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DATA, launchBrowser, newDeskPage, startAgent, startCentral } from './harness.mjs';

let browser, central, kiosk, kiosk2, deskA, deskB, tv, pageA, pageB;
before(async () => {
  browser = await launchBrowser();
  central = await startCentral(DATA);
  kiosk = await startAgent(central, 'kiosk-1', 'kiosk');
  kiosk2 = await startAgent(central, 'kiosk-2', 'kiosk');
  deskA = await startAgent(central, 'desk-a', 'desk');
  deskB = await startAgent(central, 'desk-b', 'desk');
  tv = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await tv.goto(`${deskB.url}/display`);
  pageA = await newDeskPage({ browser, url: deskA.url });
  pageB = await newDeskPage({ browser, url: deskB.url });
});
after(async () => {
  await browser?.close();
  for (const agent of [kiosk, kiosk2, deskA, deskB]) await agent?.stop();
  await central?.close();
});

// The call desk A's page makes, with its session and CSRF token.
function callFromDeskA(id) {
  return pageA.evaluate(async (appointment) => {
    const { csrf_token: csrf } = await (await fetch('/api/v1/desk/session')).json();
    const r = await fetch(`/api/v1/desk/appointments/${appointment}/call`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: '{}'
    });
    return { status: r.status, body: await r.json() };
  }, id);
}

async function checkIn(agent, code) {
  const response = await fetch(`${agent.url}/api/v1/kiosk/checkin`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code })
  });
  return response.json();
}

test('each kiosk device numbers with the letter central gave it', async () => {
  assert.equal((await checkIn(kiosk, 'KIOSK2')).queue_number, 'A1');
  assert.equal((await checkIn(kiosk2, 'MEHM3T')).queue_number, 'B1');
});

test('a call made at desk A is shown and chimed on the TV of desk B, and desk B sees it', async () => {
  // Desk A learns of the check-in from central, then calls.
  let called;
  for (let i = 0; i < 100; i++) {
    called = await callFromDeskA('ap-amina');
    if (called.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(called.status, 200, JSON.stringify(called.body));
  assert.equal(called.body.queue_number, 'A1');
  await tv.waitForFunction(() => document.querySelector('#now-number').textContent === 'A1', null, { timeout: 15000 });
  assert.equal(await tv.textContent('#now-where'), '→ Wachtzaal 2');
  assert.equal(await tv.evaluate(() => document.body.dataset.chimes), '1');
  assert.match(await tv.textContent('#waiting'), /^1 persoon wacht /, 'Mehmet, checked in at the other kiosk, still waits');
  await pageB.waitForFunction(() => /geroepen \d\d:\d\d/.test(document.querySelector('tr[data-id="ap-amina"]')?.textContent || ''),
    null, { timeout: 15000 });
  // Calling her once more (she did not come) chimes again on B's TV.
  assert.equal((await callFromDeskA('ap-amina')).status, 200);
  await tv.waitForFunction(() => document.body.dataset.chimes === '2', null, { timeout: 15000 });
});
