// The field coach's pages (issue 14) as coaches use them, on real processes: one central, Jan's
// laptop (and his second one), Lies's laptop. Jan signs in and sees only his caseload; his
// client's file has its bars and warnings; with central stopped he records stage hours (the bar
// moves; a retry after a lost answer is one entry) and a visit with sealed notes, which wait as
// "nog niet bij centraal" until central is back; his second laptop shows that the visit has notes
// elsewhere, never the notes. Lies's laptop never gets Jan's clients, and gets one once it
// is moved to her. Two laptops edit the same work plan while offline: both show the conflict,
// one review settles it on both. Every screen at 1280x800 and 1366x768, no sideways scrolling,
// axe-core on each; the browser's language is English, the page's dates stay dd/mm/yyyy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, startCentral, startAgent, newCoachPage, waitForPulls, scrollsSideways, expectNoAxeViolations, SCREENSHOTS } from './harness.mjs';
import { DATA, INES_TO_LIES, JAN, LIES, brusselsDate, shown } from './coach_data.mjs';

let central, janLaptop, liesLaptop, browser, page;
before(async () => {
  central = await startCentral(DATA);
  janLaptop = await startAgent(central, 'jan-laptop', 'coach', { staff: JAN.id });
  liesLaptop = await startAgent(central, 'lies-laptop', 'coach', { staff: LIES.id });
  browser = await launchBrowser();
});
after(async () => {
  // The processes first: a browser slow to close must not leave them running.
  for (const agent of [janLaptop, liesLaptop]) await agent?.stop();
  await central?.close();
  await browser?.close();
});

// Both of the coach's screen sizes: no sideways scrolling, no axe-core violation, a screenshot.
async function shoot(p, name, { fullPage = false } = {}) {
  for (const [width, height] of [[1280, 800], [1366, 768]]) {
    await p.setViewportSize({ width, height });
    assert.equal(await scrollsSideways(p), false, `${name} scrolls sideways at ${width}x${height}`);
    await p.screenshot({ path: join(SCREENSHOTS, `coach-${name}-${width}.png`), fullPage });
  }
  await expectNoAxeViolations(p, name);
  await p.setViewportSize({ width: 1280, height: 800 });
}

// A change through the page's own session, as the page sends it (seeding hours fast).
function coachPost(p, path, body) {
  return p.evaluate(async ({ path, body }) => {
    const session = await (await fetch('/api/v1/desk/session')).json();
    const r = await fetch(path, { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token } });
    return { status: r.status, body: await r.json() };
  }, { path, body });
}

// From the caseload when it is on screen (a click), else by the file's address.
async function openClient(p, id, name) {
  const link = p.locator(`#caseload tr[data-client="${id}"] a.client-link`);
  if (await link.isVisible()) await link.click();
  else await p.evaluate((client) => { location.hash = `#/klant/${client}`; }, id);
  await p.waitForSelector(`#client-name:has-text("${name}")`);
}

const waitForSync = (p, light) => p.waitForFunction((l) => document.querySelector('#sync').dataset.light === l, light, { timeout: 20000 });

test('a wrong password is refused; Jan signs in and sees only his own caseload', async () => {
  const login = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await login.goto(`${janLaptop.url}/coach`);
  await login.waitForSelector('#login:not([hidden])');
  await shoot(login, 'login');
  await login.fill('#username', JAN.username);
  await login.fill('#password', 'not-the-password');
  await login.click('#login-form button[type=submit]');
  await login.waitForFunction(() => document.querySelector('#login-error').textContent !== '');
  assert.equal(await login.textContent('#login-error'), 'Verkeerde gebruikersnaam of wachtwoord.');
  await login.close();

  page = await newCoachPage(browser, janLaptop.url, JAN);
  assert.equal(await page.textContent('#staff-name'), JAN.name);
  await page.waitForSelector('#caseload');
  const ids = await page.locator('#caseload tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.client));
  assert.deepEqual(ids.sort(), ['c-ines', 'c-koen', 'c-sara', 'c-tom']);
  const koen = page.locator('#caseload tr[data-client="c-koen"]');
  assert.match(await koen.textContent(), /Koen Janssens.*TWE-wz.*bemiddeling gestart.*waarschuwing/);
  assert.match(await page.textContent('#caseload tr[data-client="c-tom"]'), /Tom Willems.*G-WPL/);
  // Only loopback and the coach's own laptop: Lies's client is not here at all.
  assert.equal((await coachPost(page, '/api/v1/coach/services/svc-bart/hours', { line_id: 'x', on: brusselsDate(), hours: 1 })).status, 404);
  await waitForSync(page, 'green');
  await shoot(page, 'caseload');
});

test("a client's file: programme, stage, warnings (an overdue TWE evaluation in red) and progress bars", async () => {
  await openClient(page, 'c-koen', 'Koen Janssens');
  const overdue = page.locator('li.notice.overdue[data-code="twe.evaluation_overdue"]');
  assert.match(await overdue.textContent(), /Te laat: De evaluatie op de werkplek is te laat \(uiterlijk \d\d\/\d\d\/\d{4}\)\..*dagen te laat/);
  assert.equal(await page.getAttribute('[data-bar="evaluation"]', 'data-level'), 'over');
  await page.goBack();

  // Sara's WES at a school is community service: one bar a month, 32 to 64 hours, this month's projection.
  await openClient(page, 'c-sara', 'Sara Haddad');
  for (const [offset, hours] of [[-40, 6], [-39, 6], [-2, 7], [-1, 8]]) {
    const on = brusselsDate(offset);
    assert.equal((await coachPost(page, '/api/v1/coach/services/svc-sara/hours', { line_id: 'sf-sara-wes', on, hours })).status, 201);
  }
  await page.reload();
  await page.waitForSelector('#client-name:has-text("Sara Haddad")');
  assert.ok(await page.locator('[data-bar="community-current"]').count() === 1);
  assert.match(await page.textContent('[data-bar="community-current"]'), /deze maand.*aan dit tempo \d+ uur tegen het einde van de maand/);
  assert.ok(await page.locator('[data-bar="community"]').count() >= 1);
  await page.goBack();

  await openClient(page, 'c-tom', 'Tom Willems');
  const service = page.locator('section.service[data-service="svc-tom"]');
  assert.equal(await service.locator('.stage').textContent(), 'bemiddeling gestart');
  assert.equal(await page.getAttribute('[data-bar="gbvs-hours"]', 'data-value'), '0');
  assert.match(await page.textContent('[data-bar="gbvs-days"]'), /GBVS: 8 maanden \(\d\d\/\d\d\/\d{4} tot \d\d\/\d\d\/\d{4}\).*dag 57 van \d+/);
  // 45 days of 8 hours, as if recorded over the weeks before (the bar is then at 360).
  for (let i = 0; i < 45; i++) {
    const on = brusselsDate(-56 + i);
    const answer = await coachPost(page, '/api/v1/coach/services/svc-tom/hours', { line_id: 'sf-tom-gbvs', on, hours: 8 });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  }
  await page.reload();
  await page.waitForSelector('#client-name:has-text("Tom Willems")');
  assert.equal(await page.getAttribute('[data-bar="gbvs-hours"]', 'data-value'), '360');
  assert.equal(await page.getAttribute('[data-bar="gbvs-hours"] [role=progressbar]', 'aria-valuetext'), '360 van 800 uur');
});

test('with central stopped, stage hours move the bar at once and wait for central; a retry after a lost answer is one entry', async () => {
  await page.waitForFunction(() => document.querySelector('#sync').dataset.pending === '0', null, { timeout: 20000 });
  await central.stop();
  await waitForSync(page, 'amber');
  // Keyboard only: the line, yesterday from the calendar (arrow left, Enter), the hours, Enter.
  await page.focus('.hours-form select[name=line_id]');
  assert.equal(await page.inputValue('.hours-form select[name=line_id]'), 'sf-tom-gbvs');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue('.hours-form input[name=on]'), shown(brusselsDate()));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.hours-form .calendar:not([hidden])');
  await shoot(page, 'calendar');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('.hours-form input[name=on]'), shown(brusselsDate(-1)));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('7,5');  // a Belgian comma, in an English browser
  // The first answer is lost on the way back (the agent kept the entry): the page says so, and
  // the same change sent again is the same entry.
  let requests = 0;
  let routeError = null;
  await page.route('**/api/v1/coach/services/svc-tom/hours', async (route) => {
    requests += 1;
    try {
      if (requests > 1) return await route.continue();
      await route.fetch({ timeout: 15000 });
      return await route.abort('connectionreset');
    } catch (e) {
      routeError = e;
      return route.abort('failed').catch(() => {});
    }
  });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.hours-form .result.refused[data-code="network"]');
  assert.equal(routeError, null);
  await page.click('.hours-form button[type=submit]');
  await page.waitForSelector('#client-result.ok');
  await page.unroute('**/api/v1/coach/services/svc-tom/hours');
  assert.equal(requests, 2);
  assert.match(await page.textContent('#client-result'), new RegExp(`Uren bewaard: 7,5 uur op ${shown(brusselsDate(-1))}`));
  const yesterday = page.locator(`table.hours tr:has(td:text-is("${shown(brusselsDate(-1))}"))`);
  assert.equal(await yesterday.count(), 1);
  assert.equal(await yesterday.getAttribute('data-sync'), 'pending');
  assert.match(await yesterday.textContent(), /GBVS vanaf .*7,5 uur.*nog niet bij centraal/);
  assert.equal(await page.getAttribute('[data-bar="gbvs-hours"]', 'data-value'), '367.5');
  // A correction of that day replaces its hours: the day is counted once.
  await page.fill('.hours-form input[name=on]', shown(brusselsDate(-1)));
  await page.fill('.hours-form input[name=hours]', '6');
  await page.click('.hours-form button[type=submit]');
  await page.waitForSelector('#client-result.ok:has-text("6 uur")');
  assert.equal(await yesterday.count(), 1);
  assert.match(await yesterday.textContent(), /6 uur/);
  assert.equal(await page.getAttribute('[data-bar="gbvs-hours"]', 'data-value'), '366');
  await page.waitForFunction(() => document.querySelector('#sync').dataset.pending === '2');
  // A day the rules refuse says why, in Dutch, and keeps nothing.
  await page.fill('.hours-form input[name=on]', '05/01/2020');
  await page.fill('.hours-form input[name=hours]', '4');
  await page.click('.hours-form button[type=submit]');
  await page.waitForSelector('.hours-form .result.refused');
  assert.equal(await page.textContent('.hours-form .result'), 'Deze datum ligt vóór de doorverwijzing.');
  await page.fill('.hours-form input[name=on]', '31/02/2026');
  await page.click('.hours-form button[type=submit]');
  await page.waitForSelector('.hours-form .result[data-code="page.bad_date"]');
  // The sync bar says what waits (the 45 seeded days went to central before it stopped).
  assert.match(await page.textContent('#sync-text'), /Offline.*2 wijzigingen wachten op centraal/);
});

test('a visit with its confidential notes, recorded offline, is listed with them and waits for central', async () => {
  await page.click('section.service[data-service="svc-tom"] a.new-visit');
  await page.waitForSelector('#visit-form');
  await page.selectOption('#visit-form select[name=kind]', 'evaluation');
  assert.equal(await page.isVisible('#visit-form .evaluation-fields'), true);
  await page.selectOption('#visit-form select[name=action_id]', 'sf-tom-gbvs');
  await page.check('#visit-form input[name=development_plan_updated]');
  await page.fill('#visit-form input[name=duration_min]', '45');
  await page.fill('#visit-form input[name=workplace]', 'Magazijn Noord');
  await page.fill('#visit-form input[name=employer]', 'Logistiek Gent NV');
  await page.fill('#visit-form textarea[name=notes]', 'Werkgever tevreden; thuissituatie moeilijk.');
  await shoot(page, 'visit-form');
  await page.click('#visit-form button[type=submit]');
  await page.waitForSelector('#client-result.ok');
  assert.match(await page.textContent('#client-result'), new RegExp(`Bezoek bewaard: Evaluatie van ${shown(brusselsDate())}`));
  const visit = page.locator('table.visits tbody tr').first();
  assert.equal(await visit.getAttribute('data-sync'), 'pending');
  assert.match(await visit.textContent(), /Evaluatie.*45 min.*Magazijn Noord.*Logistiek Gent NV.*GBVS vanaf.*POP bijgewerkt/);
  assert.match(await visit.locator('.notes-cell').textContent(), /Vertrouwelijk.*thuissituatie moeilijk/);
  // An edit is made on the version shown.
  await visit.locator('a.edit-visit').click();
  await page.waitForSelector('#visit-form');
  assert.equal(await page.inputValue('#visit-form input[name=on]'), shown(brusselsDate()));
  await page.fill('#visit-form input[name=duration_min]', '50');
  await page.click('#visit-form button[type=submit]');
  await page.waitForSelector('#client-result.ok');
  assert.match(await page.locator('table.visits tbody tr').first().textContent(), /50 min.*Vertrouwelijk.*thuissituatie moeilijk/);
  assert.equal(await page.locator('table.visits tbody tr').count(), 1);
});

test('central back: the hours and the visit become synced and the bar turns green', async () => {
  await central.start();
  await waitForSync(page, 'green');
  await page.waitForFunction(() => document.querySelector('#sync').dataset.pending === '0', null, { timeout: 20000 });
  // The file follows by itself (the page reads it again when the queue changes).
  await page.waitForSelector('table.visits tbody tr[data-sync="synced"]', { timeout: 10000 });
  await page.waitForSelector(`table.hours tr[data-sync="synced"]:has(td:text-is("${shown(brusselsDate(-1))}"))`);
  assert.equal(await page.locator('[data-sync="pending"]').count(), 0);
  assert.match(await page.textContent('table.visits .notes-cell'), /thuissituatie moeilijk/, 'central\'s version hid the notes kept here');
  await shoot(page, 'client', { fullPage: true });
  // The export: visits and hours, dd/mm/yyyy, never the notes.
  const csv = await page.evaluate(async (href) => (await fetch(href)).text(), await page.getAttribute('#export-csv', 'href'));
  assert.match(csv, new RegExp(`Evaluatie;${shown(brusselsDate())};50;Magazijn Noord;Logistiek Gent NV`));
  assert.match(csv, new RegExp(`Stage-uren;${shown(brusselsDate(-1))};;;;GBVS vanaf [0-9/]+;6\r`));
  assert.doesNotMatch(csv, /thuissituatie/);
});

test("Lies's laptop never receives Jan's clients, and receives Ines once she is moved to Lies", async () => {
  const lies = await newCoachPage(browser, liesLaptop.url, LIES);
  await lies.waitForSelector('#caseload');
  assert.deepEqual(await lies.locator('#caseload tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.client)), ['c-bart']);
  for (const id of ['c-tom', 'c-ines']) {
    assert.equal((await lies.evaluate(async (u) => (await fetch(u)).status, `/api/v1/coach/clients/${id}`)), 404);
  }
  central.import(INES_TO_LIES);
  await lies.waitForSelector('#caseload tr[data-client="c-ines"]', { timeout: 20000 });
  await page.click('.bar nav a[href="#/klanten"]');
  await page.waitForSelector('#caseload');
  for (let i = 0; i < 50 && await page.locator('#caseload tr[data-client="c-ines"]').count(); i++) await page.waitForTimeout(200);
  assert.equal(await page.locator('#caseload tr[data-client="c-ines"]').count(), 0, "Ines is still on Jan's laptop");
  await lies.close();
});

test("two laptops edit a sheet's work plan while offline: both show the conflict, one review settles it", async () => {
  // A work plan saved on Jan's laptop reaches his second laptop.
  await openClient(page, 'c-tom', 'Tom Willems');
  await page.click('li[data-sheet="sf-tom-sheet"] a.edit-plan');
  await page.waitForSelector('#plan-form');
  const points = page.locator('#plan-form input[name=work_point]');
  await points.nth(0).fill('Stage in de logistiek');
  await page.locator('#plan-form input[name=assignment_text]').first().fill('Heftruckattest halen');
  await page.locator('#plan-form input[name^=assignment_due]').first().fill(shown(brusselsDate(14)));
  await shoot(page, 'work-plan');
  await page.click('#plan-form button[type=submit]');
  await page.waitForSelector('#client-result.ok');
  await page.waitForSelector('li[data-sheet="sf-tom-sheet"] .sync-badge[data-sync="synced"]', { timeout: 20000 });
  const second = await startAgent(central, 'jan-laptop-2', 'coach', { staff: JAN.id });
  try {
    await waitForPulls(second.url);
    const other = await newCoachPage(browser, second.url, JAN);
    await other.goto(`${second.url}/coach#/klant/c-tom`);
    await other.waitForSelector('li[data-sheet="sf-tom-sheet"] .work-points li');
    assert.match(await other.textContent('li[data-sheet="sf-tom-sheet"]'), /Stage in de logistiek.*Heftruckattest halen/);
    // The visit's notes stay on the laptop that recorded them (and sealed at central).
    assert.equal(await other.textContent('table.visits tbody tr .notes-cell'), 'notities op een andere laptop');
    assert.equal(await other.locator('text=thuissituatie').count(), 0);

    await central.stop();
    for (const [p, point] of [[page, 'Rijbewijs B halen'], [other, 'Sollicitatiebrief schrijven']]) {
      await p.click('li[data-sheet="sf-tom-sheet"] a.edit-plan');
      await p.waitForSelector('#plan-form');
      await p.locator('#plan-form input[name=work_point]').last().fill(point);
      await p.click('#plan-form button[type=submit]');
      await p.waitForSelector('#client-result.ok');
    }
    await central.start();
    for (const p of [page, other]) {
      await p.waitForSelector('#conflicts article.conflict', { timeout: 30000 });
      assert.match(await p.textContent('#conflicts article.conflict'), /Werkpunten en opdrachten.*Werkpunten.*Stage in de logistiek; /);
    }
    // Which laptop reached central first is chance: the conflict reads the same on both.
    const edit = await page.textContent('#conflicts tr[data-field="work_points"] td.edit');
    assert.equal(edit, await other.textContent('#conflicts tr[data-field="work_points"] td.edit'));
    await shoot(page, 'conflict');
    await page.click('#conflicts button.resolve-edit');
    await page.waitForSelector('#client-result.ok:has-text("Conflict bekeken")');
    assert.match(await page.textContent('#client-result'), /Conflict bekeken: de wijziging van werkpunten en opdrachten is opnieuw bewaard/);
    assert.match(await page.textContent('li[data-sheet="sf-tom-sheet"] .work-points'), new RegExp(edit.split('; ').pop()));
    await other.waitForSelector('#conflicts .reviewed li', { timeout: 30000 });
    assert.equal(await other.locator('#conflicts article.conflict').count(), 0);
    await other.close();
  } finally {
    await second.stop();
  }
});
