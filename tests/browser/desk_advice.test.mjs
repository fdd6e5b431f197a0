// Closing a service on the desk (issue 13): the "Te sluiten" list with reason and days left, the
// final advice chosen, its letter printed on one A4 page and only then recorded, the closed
// service saying whether mediation returns to VDAB and to whom; a late first agreement sheet
// flagged; a closed TWE service's C91 certificate. The site's history comes from the import:
// services, service facts and past appointment outcomes (docs/import-format.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, newDeskPage, expectNoAxeViolations, pdfPageCount, SCREENSHOTS } from './harness.mjs';

const DAY = 86400000;
const brussels = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(ms));
const daysAgo = (n) => brussels(Date.now() - n * DAY);
// The Brussels day `months` months and `days` days before today (month ends as calendars do).
function before_(months, days) {
  const [y, m, d] = brussels(Date.now()).split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return brussels(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), Math.min(d, last), 12) - days * DAY);
}
const at = (day, hhmm = '09:30') => `${day}T${hhmm}:00+01:00`;
const fact = (id, service, kind, on, extra = {}) =>
  ({ id, service_id: service, payload: { kind, on, occurred_at: `${on}T10:00:00Z`, recorded_by: 'st-els', ...extra } });
const shown = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// Sara (GLOW): mediation started 24 months and 10 days ago, so the maximum duration ended 10 days
// ago and the service is to close. Lena (TIBB4): present 20 days ago, no agreement sheet yet.
// Nadia (GLOW) is to close like Sara. Jan (TWE-wz): started 6 months ago and no contract day in 2 months: to close, and closed
// automatically a month later without advice.
const DATA = {
  staff: [{ id: 'st-els', name: 'Els Peeters', username: 'els', password: 'correct-horse-1' }],
  clients: [
    { id: 'c-sara', first_name: 'Sara', last_name: 'Haddad', language: 'fr', programme: 'GLOW', coach_id: 'st-els' },
    { id: 'c-lena', first_name: 'Lena', last_name: 'Claes', language: 'nl', programme: 'TIBB4' },
    { id: 'c-jan', first_name: 'Jan', last_name: 'Peeters', language: 'tr', programme: 'TWE-wz' },
    { id: 'c-nadia', first_name: 'Nadia', last_name: 'Mertens', language: 'en', programme: 'GLOW' }
  ],
  services: [
    { id: 'sv-sara', client_id: 'c-sara', programme: 'GLOW', referred_on: before_(24, 20) },
    { id: 'sv-lena', client_id: 'c-lena', programme: 'TIBB4', referred_on: daysAgo(30), max_duration_months: 12 },
    { id: 'sv-jan', client_id: 'c-jan', programme: 'TWE-wz', referred_on: before_(6, 5) },
    { id: 'sv-nadia', client_id: 'c-nadia', programme: 'GLOW', referred_on: before_(24, 20) }
  ],
  appointments: [
    { id: 'ap-sara-1', client_id: 'c-sara', staff_id: 'st-els', kind: 'first', registered: false, starts_at: at(before_(24, 12)), duration_min: 45, location: 'Bureau 1', outcome: 'present' },
    { id: 'ap-lena-1', client_id: 'c-lena', staff_id: 'st-els', kind: 'first', registered: false, starts_at: at(daysAgo(20)), duration_min: 45, location: 'Bureau 1', outcome: 'present' },
    { id: 'ap-nadia-1', client_id: 'c-nadia', staff_id: 'st-els', kind: 'first', registered: false, starts_at: at(before_(24, 12)), duration_min: 45, location: 'Bureau 1', outcome: 'present' },
    { id: 'ap-jan-1', client_id: 'c-jan', staff_id: 'st-els', kind: 'first', registered: false, starts_at: at(before_(6, 3)), duration_min: 45, location: 'Bureau 1', outcome: 'present' }
  ],
  service_facts: [
    fact('sf-sara-start', 'sv-sara', 'mediation_started', before_(24, 10)),
    fact('sf-nadia-start', 'sv-nadia', 'mediation_started', before_(24, 10)),
    fact('sf-jan-weo-printed', 'sv-jan', 'weo_printed', before_(6, 3)),
    fact('sf-jan-weo-signed', 'sv-jan', 'weo_signed', before_(6, 3)),
    fact('sf-jan-start', 'sv-jan', 'mediation_started', before_(6, 2))
  ]
};

let stack;
let page;
before(async () => {
  stack = await startStack({}, { data: DATA });
  page = await newDeskPage(stack);
});
after(async () => { await stack?.stop(); });

const noViolations = (screen) => expectNoAxeViolations(page, screen);

test('"Te sluiten" lists the service to close with its reason, deadline and the days left', async () => {
  await page.click('.bar nav a[href="#/te-sluiten"]');
  await page.waitForSelector('#to-close tr[data-service="sv-sara"]');
  const row = page.locator('#to-close tr[data-service="sv-sara"]');
  const text = await row.textContent();
  assert.match(text, /Sara Haddad/);
  assert.match(text, /GLOW/);
  assert.match(text, /maximale duur bereikt/);
  assert.match(await row.locator('.countdown').textContent(), /^nog \d+ dagen$/);
  assert.equal(await page.locator('#to-close tr[data-service="sv-nadia"]').count(), 1);
  assert.equal(await page.locator('#to-close tr[data-service="sv-lena"]').count(), 0);
  await noViolations('the to-close list');
});

test('final advice: chosen, its letter fits one A4 page, recorded only when printed; the service closes and says where mediation goes', async () => {
  await page.click('#to-close tr[data-service="sv-sara"] a.client-link');
  await page.waitForSelector('#client-name:has-text("Sara Haddad")');
  assert.equal(await page.textContent('section.service .stage'), 'te sluiten');
  assert.match(await page.textContent('li[data-code="closing.advice_due"]'), /nog \d+ dagen/);
  // The start of mediation two years ago came from central (the import), with its receipt time.
  const started = page.locator('table.history tr[data-kind="mediation_started"]');
  assert.match(await started.textContent(), /Bemiddelingsproces gestart.*import.*van centraal/);
  assert.match(await started.locator('td').nth(4).textContent(), /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  await page.click('a[data-kind="final_advice"]');
  await page.waitForSelector('#advice-form');
  // Closing for maximum duration offers three options, not "nieuwe inschaling nodig" (002 §4.3).
  assert.deepEqual(await page.locator('.advice-options label').allTextContents(), [
    ' geen nood aan persoonlijke dienstverlening', ' nood aan persoonlijke dienstverlening', ' dienstverlening uitgeput']);
  // Nothing is recorded without a choice, and nothing is printed.
  await page.click('#print');
  assert.match(await page.textContent('.result'), /Kies eerst een eindadvies/);
  assert.equal(await page.evaluate(() => window.printed || 0), 0);

  await page.check('input[name=advice][value=need]');
  const letter = page.locator('article.doc-advice-letter');
  assert.equal(await letter.locator('.letter-advice').textContent(), 'nood aan persoonlijke dienstverlening');
  assert.equal(await letter.locator('.doc-client').textContent(), 'Sara Haddad');
  assert.equal(await letter.locator('.doc-date').textContent(), shown(daysAgo(0)));
  assert.equal(await letter.locator('h1 .translation[lang="fr"]').textContent(), 'Avis final');
  await noViolations('the final advice page');
  await page.screenshot({ path: join(SCREENSHOTS, 'desk-final-advice.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdfPageCount(pdf), 1, 'the advice letter does not fit one A4 page');
  const before = await page.evaluate(async () => (await (await fetch('/api/v1/desk/clients/c-sara')).json()).services[0].state.stage);
  assert.equal(before, 'to_close', 'the advice was recorded before the letter was printed');

  await page.click('#print');
  await page.waitForSelector('#client-name:has-text("Sara Haddad")');
  assert.equal(await page.evaluate(() => window.printed), 1);
  assert.equal(await page.textContent('section.service .stage'), 'afgesloten');
  // Maximum duration, closed by the partner with "need for personal services": back to VDAB's
  // head of office (002 annex 3).
  assert.equal(await page.textContent('.returns'), 'De bemiddeling gaat terug naar VDAB: diensthoofd.');
  assert.match(await page.textContent('section.service dl.facts'), /Eindadvies\s*nood aan persoonlijke dienstverlening/);
  assert.match(await page.textContent('table.history tr[data-kind="final_advice"]'), /Eindadvies gegeven.*Els Peeters/);
  await page.click('.bar nav a[href="#/te-sluiten"]');
  await page.waitForSelector('#to-close');
  assert.equal(await page.locator('#to-close tr[data-service="sv-sara"]').count(), 0);
  assert.equal(await page.locator('#to-close tr[data-service="sv-nadia"]').count(), 1);
});

test('final advice sent by mail, with open actions in the file: recorded without printing, mediation returns to the VDAB mediator', async () => {
  await page.click('#to-close tr[data-service="sv-nadia"] a.client-link');
  await page.waitForSelector('#client-name:has-text("Nadia Mertens")');
  await page.click('a[data-kind="final_advice"]');
  await page.waitForSelector('#advice-form');
  await page.check('input[name=advice][value=no_need]');
  await page.check('#open-actions');
  assert.match(await page.textContent('article.doc-advice-letter .letter-open'), /open acties of contacten.*terug naar VDAB/);
  const printed = await page.evaluate(() => window.printed || 0);
  await page.click('#mail');
  await page.waitForSelector('#client-name:has-text("Nadia Mertens")');
  assert.equal(await page.evaluate(() => window.printed || 0), printed, 'mailing the letter printed it');
  assert.equal(await page.textContent('section.service .stage'), 'afgesloten');
  // "No need" alone keeps mediation with nobody at VDAB; open actions or contacts send it back
  // (002 annex 3, DOMAIN.md: to the VDAB mediator).
  assert.equal(await page.textContent('.returns'), 'De bemiddeling gaat terug naar VDAB: VDAB-bemiddelaar.');
  await page.click('.bar nav a[href="#/te-sluiten"]');
  await page.waitForSelector('#view-to-close p.muted');
  assert.match(await page.textContent('#view-to-close'), /geen diensten om af te sluiten/);
});

test('a first agreement sheet not signed within 15 days is flagged late, with the days over', async () => {
  await page.goto(`${stack.url}/desk#/klant/c-lena`);
  await page.waitForSelector('#client-name:has-text("Lena Claes")');
  const late = page.locator('li[data-code="agreement_sheet.overdue"]');
  assert.match(await late.textContent(), /^Let op: .*te laat.*5 dagen te laat$/);
  await page.click('a[data-kind="agreement_sheet"]');
  await page.waitForSelector('#sheet-form .sheet-due.late');
  assert.match(await page.textContent('.sheet-due'), /te laat.*5 dagen te laat/);
});

test('a TWE service closed automatically says so and where mediation goes, and prints its C91 certificate on one A4 page', async () => {
  await page.goto(`${stack.url}/desk#/klant/c-jan`);
  await page.waitForSelector('#client-name:has-text("Jan Peeters")');
  const service = page.locator('section.service');
  assert.equal(await service.locator('.stage').textContent(), 'afgesloten');
  assert.match(await service.locator('dl.facts').textContent(), /Reden van afsluiten\s*2 maanden zonder contractdagen/);
  assert.match(await service.locator('dl.facts').textContent(), /automatisch, zonder advies/);
  // Closed automatically for 2 months without contract days: back to VDAB's head of office (004 annex 2).
  assert.equal(await service.locator('.returns').textContent(), 'De bemiddeling gaat terug naar VDAB: diensthoofd.');
  const closedOn = await page.evaluate(async () => (await (await fetch('/api/v1/desk/clients/c-jan')).json()).services[0].state.closed_on);
  await page.click('a[data-kind="c91"]');
  await page.waitForSelector('article.doc-c91');
  const c91 = page.locator('article.doc-c91');
  assert.equal(await c91.locator('.doc-client').textContent(), 'Jan Peeters');
  assert.equal(await c91.locator('.c91-end').textContent(), shown(closedOn));
  assert.equal(await c91.locator('h1 .translation[lang="tr"]').textContent(), 'C91 belgesi – öğrenme yolunun sonu');
  await noViolations('the C91 certificate');
  assert.equal(pdfPageCount(await page.pdf({ format: 'A4', printBackground: true })), 1, 'the C91 does not fit one A4 page');
  const printed = await page.evaluate(() => window.printed || 0);
  await page.click('#print');
  assert.equal(await page.evaluate(() => window.printed), printed + 1);
});
