// The desk's today page for a full shift (issue 15, item 5), in Debian's chromium against a real
// central and agent: compact rows, updates in place (clicks and focus survive live arrivals), the
// arrival alert, minutes waiting and lateness, filters and search, the "now" line, the residence
// check once per client per day, recorded as a fact that reaches central.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, newDeskPage, SCREENSHOTS, expectNoAxeViolations } from './harness.mjs';
import { TODAY_DATA, CODES, checkIn, todayOnPage } from './desk_today_data.mjs';

let stack;
let page;
before(async () => {
  stack = await startStack({}, { data: TODAY_DATA });
  page = await newDeskPage(stack);
  page.on('dialog', () => assert.fail('the desk opened a browser dialog'));
  await page.waitForSelector('tr[data-id="ap-noah"]');
});
after(async () => { await stack?.stop(); });

const row = (id) => `tr.appointment[data-id="${id}"]`;
const refreshes = (n) => page.waitForTimeout(2100 * n);

test('twelve or more appointments fit on a 1366x768 screen, one line each', async () => {
  const fit = await page.evaluate(() => [...document.querySelectorAll('tr.appointment')]
    .filter((tr) => { const r = tr.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })
    .map((tr) => tr.getBoundingClientRect().height));
  assert.ok(fit.length >= 12, `only ${fit.length} appointments visible`);
  assert.ok(fit.every((h) => h < 48), `a row takes more than one line: ${fit}`);
  // The residence reminder is said once above the table, not on every row.
  assert.equal(await page.locator('text=/verblijfsstatus en de arbeidskaart/').count(), 1);
  await expectNoAxeViolations(page, 'the today page');
  await page.screenshot({ path: join(SCREENSHOTS, 'desk.png') });
});

test('updates change rows in place: the same nodes, the focus stays, 100 clicks are all taken', async () => {
  await page.evaluate(() => { document.querySelector('tr[data-id="ap-bart"]').marked = true; });
  await page.focus(`${row('ap-lotte')} button.more`);
  await page.evaluate(() => { document.activeElement.dataset.focusMark = 'yes'; });
  assert.equal(await checkIn(stack.url, CODES.sara), 200);
  await page.waitForSelector(`${row('ap-sara')}.arrived`, { timeout: 6000 });
  await refreshes(2);
  assert.equal(await page.evaluate(() => document.querySelector('tr[data-id="ap-bart"]').marked), true, 'the row was rebuilt');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.focusMark), 'yes', 'the focus moved');

  const more = page.locator(`${row('ap-eva')} button.more`);
  const box = await more.boundingBox();
  const arrivals = ['ines', 'yusuf', 'tom', 'bart'];
  for (let i = 0; i < 100; i++) {
    if (i % 25 === 10) assert.equal(await checkIn(stack.url, CODES[arrivals[Math.floor(i / 25)]]), 200);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(i % 10 === 0 ? 400 : 20);  // every tenth a slow press
    await page.mouse.up();
  }
  await page.waitForSelector(`${row('ap-bart')}.arrived`, { timeout: 6000 });
  assert.equal(await more.getAttribute('data-toggles'), '100', 'clicks were lost');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
});

test('an arrival rings (unless muted), shows a badge and the count in the title, and is announced', async () => {
  const before = await page.evaluate(() => ({ chimes: Number(document.body.dataset.chimes || 0), waiting: Number(document.querySelector('#arrival-badge').dataset.count) }));
  assert.equal(await checkIn(stack.url, CODES.claire), 200);
  await page.waitForSelector(`${row('ap-claire')}.arrived`, { timeout: 6000 });
  const after1 = await page.evaluate(() => ({ chimes: Number(document.body.dataset.chimes || 0), badge: document.querySelector('#arrival-badge').textContent,
    title: document.title, live: document.querySelector('#arrivals-live').textContent }));
  assert.equal(after1.chimes, before.chimes + 1);
  assert.equal(after1.badge, `${before.waiting + 1} wachtend`);
  assert.match(after1.title, new RegExp(`^\\(${before.waiting + 1}\\) `));
  assert.equal(after1.live, 'Claire Dubois is aangekomen.');
  // Claire came for an appointment 10 minutes ago and was not called yet: overdue, minutes waiting.
  assert.equal(await page.getAttribute(row('ap-claire'), 'data-late'), 'overdue');
  assert.match(await page.textContent(`${row('ap-claire')} .arrival`), /wacht 0 min/);
  // Koen's appointment was 40 minutes ago and he is not here.
  assert.equal(await page.textContent(`${row('ap-koen')} .flag`), 'klant te laat');
  await page.screenshot({ path: join(SCREENSHOTS, 'desk-arrival.png') });

  await page.uncheck('#sound-toggle');
  assert.equal(await checkIn(stack.url, CODES.lotte), 200);
  await page.waitForSelector(`${row('ap-lotte')}.arrived`, { timeout: 6000 });
  assert.equal(await page.evaluate(() => Number(document.body.dataset.chimes)), after1.chimes, 'muted, yet it rang');
  await page.check('#sound-toggle');
});

test('the "now" line sits between the past and the coming appointments', async () => {
  const order = await page.evaluate(() => [...document.querySelectorAll('#appointments > tr:not(.panel-row)')]
    .map((tr) => (tr.classList.contains('now-line') ? 'now' : tr.dataset.id)));
  assert.deepEqual(order.slice(0, 5), ['ap-koen', 'ap-amina', 'ap-mehmet', 'ap-claire', 'now']);
  assert.match(await page.textContent('.now-line'), /^nu \d\d:\d\d$/);
});

test('filters: mine, per mediator, open only, and search by name', async () => {
  const shown = () => page.evaluate(() => [...document.querySelectorAll('tr.appointment')].filter((tr) => !tr.hidden).map((tr) => tr.dataset.id));
  await page.check('#filter-mine');
  assert.ok((await shown()).every((id) => ['ap-koen', 'ap-amina', 'ap-claire', 'ap-tom', 'ap-bart', 'ap-lotte', 'ap-eva', 'ap-amina-2'].includes(id)));
  await page.uncheck('#filter-mine');
  await page.selectOption('#filter-staff', 'st-jan');
  assert.deepEqual(await shown(), ['ap-mehmet', 'ap-sara', 'ap-ines', 'ap-yusuf', 'ap-omar', 'ap-noah']);
  await page.selectOption('#filter-staff', '');
  await page.fill('#filter-name', 'yilm');
  assert.deepEqual(await shown(), ['ap-mehmet']);
  await page.fill('#filter-name', '');
  await page.click(`${row('ap-sara')} button.present`);
  await page.waitForSelector(`${row('ap-sara')}.done`);
  await page.check('#filter-open');
  assert.ok(!(await shown()).includes('ap-sara'));
  await page.uncheck('#filter-open');
});

test('the residence and work-permit check: one box per client per day, recorded and sent to central', async () => {
  assert.equal(await page.locator(`${row('ap-amina')} input.residence-check`).count(), 1);
  assert.equal(await page.locator(`${row('ap-amina-2')} input.residence-check`).count(), 0, 'asked twice the same day');
  await page.check(`${row('ap-amina')} input.residence-check`);
  await page.waitForFunction(async () => (await (await fetch('/api/v1/desk/today')).json())
    .appointments.find((a) => a.id === 'ap-amina').residence_checked);
  // It is a fact: sent to central (nothing pending, nothing refused) and kept after a reload.
  await page.waitForFunction(async () => { const s = await (await fetch('/api/v1/status')).json(); return s.pending_mutations === 0; }, null, { timeout: 10000 });
  const status = await page.evaluate(async () => (await fetch('/api/v1/status')).json());
  assert.equal(status.quarantined_mutations, 0);
  await page.reload();
  await page.waitForSelector(`${row('ap-amina')} input.residence-check:checked`);
  const today = await todayOnPage(page);
  assert.equal(today.appointments.find((a) => a.id === 'ap-amina-2').residence_checked, true);
});

test('the desk at 1920x1080', async () => {
  const wide = await newDeskPage(stack, { width: 1920, height: 1080 });
  await wide.waitForSelector('tr[data-id="ap-noah"]');
  await wide.screenshot({ path: join(SCREENSHOTS, 'desk-1920.png') });
  await wide.close();
});
