// A conflict as staff read it (issue 15, item 7): while the desk's line to central is down, a
// client checks in at the kiosk and is marked present at the desk; meanwhile central moves the
// appointment an hour, to another room and another mediator. Once central is back the desk lists
// the conflict once, in Dutch (or French), in Brussels time dd/mm/yyyy, without internal ids,
// saying what changed and what to check. The browser itself is set to New York and en-US.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startCentral, startAgent, launchBrowser, minutesFromNow, expectNoAxeViolations, SCREENSHOTS } from './harness.mjs';

const STAFF = [{ id: 'st-els', name: 'Els Peeters', username: 'els', password: 'correct-horse-1' },
  { id: 'st-jan', name: 'Jan De Smet' }];
const APPOINTMENT = { id: 'ap-006', client_id: 'c-amira', staff_id: 'st-els', kind: 'regular', registered: false,
  starts_at: minutesFromNow(5), duration_min: 30, location: 'Wachtzaal 2', code: 'AMIRA2' };
const DATA = { staff: STAFF, clients: [{ id: 'c-amira', first_name: 'Amira', last_name: 'Benali', language: 'fr', programme: 'TIBB4' }],
  appointments: [APPOINTMENT] };
const MOVED = { ...DATA, appointments: [{ ...APPOINTMENT, starts_at: minutesFromNow(65), location: 'Bureau 4', staff_id: 'st-jan' }] };

// How Brussels reads an instant, whatever the test machine's zone.
const brussels = (iso) => Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', day: '2-digit',
  month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso))
  .map((p) => [p.type, p.value]));
const dayOf = (iso) => { const p = brussels(iso); return `${p.day}/${p.month}/${p.year}`; };
const timeOf = (iso) => { const p = brussels(iso); return `${p.hour}:${p.minute}`; };

let central;
let desk;
let browser;
let page;
before(async () => {
  central = await startCentral(DATA);
  desk = await startAgent(central, 'desk', 'desk');
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'America/New_York' });
  await page.goto(`${desk.url}/desk`);
  await page.evaluate(() => localStorage.setItem('onthaal.desk.language', 'nl'));
  await page.fill('#username', 'els');
  await page.fill('#password', 'correct-horse-1');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#desk:not([hidden])');
});
after(async () => {
  await browser?.close();
  await desk?.stop();
  await central?.close();
});

const setLang = (code) => page.evaluate(async (c) => (await import('/desk_i18n.js')).setLang(c), code);

test('two facts recorded offline on an appointment central moved make one conflict that says what changed and what to check', async () => {
  await central.stop();
  const checkin = await fetch(`${desk.url}/api/v1/kiosk/checkin`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: APPOINTMENT.code, screen: 'code' }) });
  assert.equal(checkin.status, 200);
  // "present" at the desk, as its button does (the session's CSRF token from the agent).
  const present = await page.evaluate(async () => {
    const { csrf_token: token } = await (await fetch('/api/v1/desk/session')).json();
    return (await fetch('/api/v1/desk/appointments/ap-006/outcome', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token }, body: JSON.stringify({ outcome: 'present' }) })).status;
  });
  assert.equal(present, 200);
  central.import(MOVED);
  await central.start();
  await page.waitForSelector('#conflicts li.conflict', { timeout: 30000 });
  await page.waitForTimeout(2500);  // a second conflict would have arrived in the same push
  assert.equal(await page.locator('#conflicts li.conflict').count(), 1, 'the conflict is listed more than once');
  assert.equal((await desk.status()).open_conflicts, 1, 'the status counts the conflict twice');
  const text = await page.textContent('#conflicts');
  const was = APPOINTMENT.starts_at, now = MOVED.appointments[0].starts_at;
  assert.match(text, new RegExp(`Afspraak van Amira Benali op ${dayOf(was)} om ${timeOf(was)} werd op centraal gewijzigd`));
  assert.match(text, /Op dit toestel geregistreerd: aangemeld, aanwezig\. Dat blijft bewaard\./);
  assert.equal(await page.textContent('#conflicts li[data-field="starts_at"]'), `Dag en uur: ${timeOf(was)} → ${timeOf(now)}`);
  assert.equal(await page.textContent('#conflicts li[data-field="location"]'), 'Plaats: Wachtzaal 2 → Bureau 4');
  assert.equal(await page.textContent('#conflicts li[data-field="staff"]'), 'Bemiddelaar: Els Peeters → Jan De Smet');
  assert.equal(await page.locator('#conflicts li[data-field="outcome"]').count(), 0, "the desk's own 'present' is no change at central");
  assert.match(text, /Controleer met de klant welk uur geldt\./);
  assert.match(text, /Zeg de klant waar de afspraak nu doorgaat: Bureau 4\./);
  assert.match(text, /Controleer of Jan De Smet de klant nu ontvangt\./);
  for (const internal of [/ap-006/, /st-jan/, /c-amira/, /[0-9a-f]{32}/, /\d{4}-\d\d-\d\d/, /UTC|Z\b/, /changed on central/]) {
    assert.doesNotMatch(text, internal);
  }
  await expectNoAxeViolations(page, 'the conflict list (nl)');
  await page.locator('#conflicts-section').scrollIntoViewIfNeeded();
  await page.locator('#conflicts-section').screenshot({ path: join(SCREENSHOTS, 'desk-conflicts.png') });
});

test('the conflict reads in French and English, and one review settles both facts', async () => {
  await setLang('fr');
  await page.waitForSelector('#conflicts li.conflict:has-text("Rendez-vous de Amira Benali")');
  assert.equal(await page.textContent('#conflicts-section h2'), 'Conflits à vérifier');
  const fr = await page.textContent('#conflicts');
  assert.match(fr, /a été modifié au central pendant que cet appareil était hors ligne/);
  assert.equal(await page.textContent("#conflicts li[data-field=\"location\"]"), "Lieu : Wachtzaal 2 → Bureau 4");
  assert.match(fr, /Vérifiez avec le client quelle heure est la bonne\./);
  assert.doesNotMatch(fr, /conflicts\.|check\.|field\.|fact\./, 'an untranslated key');
  await expectNoAxeViolations(page, 'the conflict list (fr)');
  await setLang('en');
  await page.waitForSelector('#conflicts li.conflict:has-text("Check with the client which time applies.")');
  await setLang('nl');
  await page.click('#conflicts li.conflict button.review');
  await page.waitForSelector('#conflicts-section', { state: 'hidden' });
  assert.equal((await desk.status()).open_conflicts, 0, "a fact of the appointment is still open");
});
