// A client's file on the desk as staff use it (issue 13): reached from today's list and by search,
// the service's state and deadlines, an agreement sheet drawn up, printed on one A4 page and
// signed, the history with what central has and has not received yet. At the desk's screen size
// (1366x768), with axe-core on every screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, newDeskPage, expectNoAxeViolations, pdfPageCount, minutesFromNow, SCREENSHOTS } from './harness.mjs';

// Its own site: Amina's first appointment is now (she is completed present on the desk), Mehmet
// is only referred, Koen (TWE-wz) comes later today.
const DATA = {
  staff: [{ id: 'st-els', name: 'Els Peeters', username: 'els', password: 'correct-horse-1' }],
  clients: [
    { id: 'c-amina', first_name: 'Amina', last_name: 'Benali', language: 'ar', programme: 'TIBB4 anderstaligen', coach_id: 'st-els' },
    { id: 'c-mehmet', first_name: 'Mehmet', last_name: 'Yilmaz', language: 'tr', programme: 'TIBB4' },
    { id: 'c-koen', first_name: 'Koen', last_name: 'Janssens', language: 'nl', programme: 'TWE-wz' }
  ],
  appointments: [
    { id: 'ap-amina', client_id: 'c-amina', staff_id: 'st-els', kind: 'first', registered: false, starts_at: minutesFromNow(-5), duration_min: 45, location: 'Bureau 2', code: 'AMINA2' },
    { id: 'ap-mehmet', client_id: 'c-mehmet', staff_id: 'st-els', kind: 'regular', registered: false, starts_at: minutesFromNow(30), duration_min: 30, location: 'Wachtzaal 1', code: 'MEHM3T' },
    { id: 'ap-koen', client_id: 'c-koen', staff_id: 'st-els', kind: 'first', registered: false, starts_at: minutesFromNow(90), duration_min: 45, location: 'Bureau 4', code: 'JANSS4' }
  ]
};

const brusselsDate = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' })
  .format(new Date(Date.now() + offsetDays * 86400000));
const shown = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

let stack;
let page;
before(async () => {
  stack = await startStack({}, { data: DATA });
  page = await newDeskPage(stack);
});
after(async () => { await stack?.stop(); });

const noViolations = (screen) => expectNoAxeViolations(page, screen);

test("the client's name on today's list opens the file: state in plain Dutch, deadline with countdown, what can be done now", async () => {
  await page.waitForSelector('tr[data-id="ap-amina"]');
  await page.click('tr[data-id="ap-amina"] button[data-outcome="present"]');
  await page.waitForSelector('tr[data-id="ap-amina"] button[data-outcome="present"]', { state: 'detached' });
  await page.click('tr[data-id="ap-amina"] a.client-link');
  await page.waitForSelector('#client-name');
  assert.equal(page.url().split('#')[1], '/klant/c-amina');
  assert.equal(await page.textContent('#client-name'), 'Amina Benali');
  const service = page.locator('section.service').first();
  assert.equal(await service.locator('.stage').textContent(), 'aanwezig');
  // 15 calendar days after presence (002 §2.2): today's presence gives 15 days left.
  const due = service.locator('li[data-code="agreement_sheet.due"]');
  assert.match(await due.textContent(), new RegExp(`${shown(brusselsDate(15))}.*nog 15 dagen`));
  assert.equal(await service.locator('a[data-kind="agreement_sheet"]').textContent(), 'Afsprakenblad opmaken');
  assert.match(await page.textContent('table.history'), /Aanwezig.*Els Peeters/);
  await noViolations('the client page');
  await page.goBack();
  await page.waitForSelector('#view-today:not([hidden]) tr[data-id="ap-amina"]');
});

test('the search box finds a client by part of the name; a name that is not there says so', async () => {
  await page.fill('#search-q', 'yilm');
  await page.press('#search-q', 'Enter');
  await page.waitForSelector('#search-results tr[data-client="c-mehmet"]');
  assert.equal(await page.locator('#search-results tbody tr').count(), 1);
  assert.match(await page.textContent('#search-results tr[data-client="c-mehmet"]'), /Mehmet Yilmaz.*TIBB4.*doorverwezen/);
  await noViolations('the search results');
  await page.click('#search-results a.client-link');
  await page.waitForSelector('#client-name:has-text("Mehmet Yilmaz")');
  assert.equal(await page.locator('section.service .stage').first().textContent(), 'doorverwezen');
  await page.fill('#search-q', 'niemand');
  await page.press('#search-q', 'Enter');
  await page.waitForSelector('#view-search p.muted');
  assert.match(await page.textContent('#view-search'), /Geen klant gevonden/);
});

test('an agreement sheet is drawn up, printed on one A4 page with Arabic headings, signed by both, and is in the history', async () => {
  await page.goto(`${stack.url}/desk#/klant/c-amina`);
  await page.waitForSelector('#client-name:has-text("Amina Benali")');
  await page.click('a[data-kind="agreement_sheet"]');
  await page.waitForSelector('#sheet-form');
  assert.match(await page.textContent('.sheet-due'), /nog 15 dagen/);
  await noViolations('the agreement sheet form');
  const points = page.locator('input[name=work_point]');
  await points.nth(0).fill('Nederlandse les volgen, niveau 1.2, drie keer per week');
  await points.nth(1).fill('Een cv opmaken met de hulp van de bemiddelaar');
  await page.click('button:has-text("Werkpunt toevoegen")');
  await points.nth(2).fill('Vacatures zoeken in de logistiek en de schoonmaak');
  await page.locator('input[name=assignment_text]').nth(0).fill('Inschrijven bij het Huis van het Nederlands');
  await page.locator('input[name=assignment_due]').nth(0).fill(shown(brusselsDate(7)));
  await page.locator('input[name=assignment_text]').nth(1).fill('Drie vacatures meebrengen naar het volgende gesprek');
  await page.locator('input[name=assignment_due]').nth(1).fill(shown(brusselsDate(14)));
  await page.fill('input[name=next_contact]', shown(brusselsDate(14)));
  await page.click('#sheet-form button[type=submit]');

  await page.waitForSelector('article.doc-agreement-sheet');
  const sheet = page.locator('article.doc-agreement-sheet');
  assert.equal(await sheet.locator('.doc-site').textContent(), 'OCMW Test');
  assert.equal(await sheet.locator('.doc-client').textContent(), 'Amina Benali');
  assert.equal(await sheet.locator('.doc-date').textContent(), shown(brusselsDate()));
  assert.equal(await sheet.locator('ol li').count(), 3);
  assert.match(await sheet.textContent(), new RegExp(`Inschrijven bij het Huis van het Nederlands${shown(brusselsDate(7))}`));
  assert.equal(await sheet.locator('.doc-next-date').textContent(), shown(brusselsDate(14)));
  assert.match(await sheet.textContent(), /Handtekening partner.*Handtekening klant/);
  // Dutch first, then Arabic, right to left.
  const title = sheet.locator('h1 .translation');
  assert.equal(await title.textContent(), 'ورقة الاتفاقات');
  assert.equal(await title.getAttribute('dir'), 'rtl');
  assert.equal(await sheet.locator('h2 .translation[lang="ar"]').first().textContent(), 'نقاط العمل');
  await noViolations('the printable agreement sheet');
  await page.screenshot({ path: join(SCREENSHOTS, 'desk-agreement-sheet.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdfPageCount(pdf), 1, 'the agreement sheet does not fit one A4 page');

  const printed = await page.evaluate(() => window.printed || 0);
  await page.click('#print');
  assert.equal(await page.evaluate(() => window.printed), printed + 1);
  await page.click('#signed');
  await page.waitForSelector('#client-name');
  await page.waitForSelector('.sheets li .signed');
  assert.equal(await page.textContent('.sheets li .signed'), `getekend op ${shown(brusselsDate())}`);
  // The sheet is signed: its deadline is no longer open.
  assert.equal(await page.locator('li[data-code="agreement_sheet.due"]').count(), 0);
  const rows = page.locator('table.history tbody tr');
  const kinds = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.kind));
  assert.deepEqual(kinds.slice(-2), ['agreement_sheet', 'agreement_sheet_signed']);
  assert.match(await rows.last().textContent(), /Afsprakenblad ondertekend.*Els Peeters/);
  assert.equal(await page.textContent('#client-result'), 'Afsprakenblad getekend: geregistreerd.');
});

test('the history says central has a fact; with central away, a new fact shows "nog niet bij centraal"', async () => {
  // Central was up: the desk's sync pushed the sheet, central applied it and sent it back with
  // the time it received it; the reopened file shows both.
  const signed = page.locator('table.history tr[data-kind="agreement_sheet_signed"]');
  for (let i = 0; i < 50; i++) {
    await page.reload();
    await page.waitForSelector('#client-name:has-text("Amina Benali")');
    if (await signed.getAttribute('data-sync') === 'applied' && await signed.locator('td').nth(4).textContent() !== '–') break;
    await page.waitForTimeout(200);
  }
  assert.match(await signed.textContent(), /Els Peeters.*dit toestel.*ontvangen door centraal/);
  assert.match(await signed.locator('td').nth(4).textContent(), /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);

  stack.stopCentral();
  await page.click('button[data-kind="mediation_started"]');
  await page.click('.inline-form button[type=submit]');
  await page.waitForSelector('#client-result.ok');
  assert.equal(await page.locator('section.service .stage').first().textContent(), 'bemiddeling gestart');
  const started = page.locator('table.history tr[data-kind="mediation_started"]');
  assert.match(await started.textContent(), /Bemiddelingsproces gestart.*Els Peeters.*dit toestel.*nog niet bij centraal/);
  assert.equal(await started.locator('td').nth(4).textContent(), '–');
  // The bar says the desk waits for the connection.
  await page.waitForFunction(() => document.querySelector('#sync').dataset.light === 'amber', null, { timeout: 15000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'desk-client.png'), fullPage: true });
});

test('a training line shows the financing number; one the rules refuse says why in Dutch, a fitting one is listed', async () => {
  await page.click('a[data-kind="training_line"]');
  await page.waitForSelector('#line-form');
  assert.equal(await page.textContent('#financing-number'), 'O00S200');  // Oost-Vlaanderen, regulier DGOB
  assert.match(await page.textContent('#line-form select'), /953030 – BVS beroepsverkennende stage.*953081 – WES werkervaringsstage/);
  await noViolations('the training line form');
  await page.selectOption('#line-form select', '953082');
  await page.fill('#line-form input[name=until]', shown(brusselsDate(120)));
  await page.fill('#line-form input[name=hours]', '100');
  await page.click('#line-form button[type=submit]');
  await page.waitForSelector('#line-form .result.refused');
  assert.equal(await page.textContent('#line-form .result'), '953082 duurt maximaal 3 maanden.');
  await page.selectOption('#line-form select', '953081');
  await page.fill('#line-form input[name=until]', shown(brusselsDate(60)));
  await page.click('#line-form button[type=submit]');
  await page.waitForSelector('#client-name');
  const line = page.locator('table.lines tbody tr');
  assert.equal(await line.count(), 1);
  assert.deepEqual(await line.locator('td').allTextContents(),
    ['953081 – WES werkervaringsstage', shown(brusselsDate()), shown(brusselsDate(60)), '100', 'O00S200']);
  assert.match(await page.textContent('table.history tr[data-kind="training_line"]'), /nog niet bij centraal/);
});

test('the file fits the desk screens (1366x768 and 1920x1080) without sideways scrolling', async () => {
  for (const [width, height] of [[1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.goto(`${stack.url}/desk#/klant/c-amina`);
    await page.waitForSelector('#client-name:has-text("Amina Benali")');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width}x${height}: ${overflow}px scroll sideways`);
    assert.ok(await page.locator('#logout').isVisible());
  }
  await page.setViewportSize({ width: 1366, height: 768 });
});

test('TWE-wz: the work experience agreement runs 2 years from the first presence, prints on one A4 page, then is signed', async () => {
  await page.goto(`${stack.url}/desk#/vandaag`);
  await page.waitForSelector('tr[data-id="ap-koen"] button[data-outcome="present"]');
  await page.click('tr[data-id="ap-koen"] button[data-outcome="present"]');
  await page.waitForSelector('tr[data-id="ap-koen"] button[data-outcome="present"]', { state: 'detached' });
  await page.click('tr[data-id="ap-koen"] a.client-link');
  await page.waitForSelector('#client-name:has-text("Koen Janssens")');
  assert.match(await page.textContent('li[data-code="weo.to_print"]'), /Druk de werkervaringsovereenkomst af/);
  await page.click('a[data-kind="weo_printed"]');
  await page.waitForSelector('article.doc-weo');
  const start = brusselsDate();
  const end = `${Number(start.slice(0, 4)) + 2}${start.slice(4)}`;
  assert.equal(await page.textContent('.doc-weo .weo-start'), shown(start));
  assert.equal(await page.textContent('.doc-weo .weo-end'), shown(end));
  await noViolations('the work experience agreement');
  assert.equal(pdfPageCount(await page.pdf({ format: 'A4', printBackground: true })), 1, 'the WEO does not fit one A4 page');
  await page.click('#print');  // printing records "afgedrukt"
  await page.waitForSelector('#signed');
  assert.match(await page.textContent('.result'), /./);
  await page.click('#signed');
  await page.waitForSelector('#client-name:has-text("Koen Janssens")');
  const kinds = await page.locator('table.history tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.kind));
  assert.deepEqual(kinds.slice(-2), ['weo_printed', 'weo_signed']);
  assert.equal(await page.locator('li[data-code^="weo."]').count(), 0);
});
