// The desk in the receptionist's language and in Brussels time (issue 15, item 8), in a browser
// set to en-US in New York: the client file, the search, the to-close list and a form read
// dd/mm/yyyy and Brussels times; French and English replace every text (no untranslated key),
// the date field's calendar names months in the chosen language, and axe-core finds nothing
// serious in Dutch or French. An error from the agent reads as a sentence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStack, expectNoAxeViolations, scrollsSideways, SCREENSHOTS } from './harness.mjs';

const DAY = 86400000;
const brussels = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(ms));
const daysAgo = (n) => brussels(Date.now() - n * DAY);
const shown = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
// 25 months ago, mid-month: Sara's mediation started then, so its maximum duration is over.
const longAgo = (() => { const [y, m] = brussels(Date.now()).split('-').map(Number); const d = new Date(Date.UTC(y, m - 26, 15)); return brussels(d); })();

const DATA = {
  staff: [{ id: 'st-els', name: 'Els Peeters', username: 'els', password: 'correct-horse-1' }],
  clients: [{ id: 'c-sara', first_name: 'Sara', last_name: 'Haddad', language: 'fr', programme: 'GLOW', coach_id: 'st-els' },
    { id: 'c-lena', first_name: 'Lena', last_name: 'Claes', language: 'nl', programme: 'TIBB4', coach_id: 'st-els' }],
  services: [{ id: 'sv-sara', client_id: 'c-sara', programme: 'GLOW', referred_on: longAgo },
    { id: 'sv-lena', client_id: 'c-lena', programme: 'TIBB4', referred_on: daysAgo(10), max_duration_months: 12 }],
  appointments: [
    // 09:30 in Brussels (winter, +01:00): 03:30 in the browser's New York.
    { id: 'ap-sara-1', client_id: 'c-sara', staff_id: 'st-els', kind: 'first', registered: false, starts_at: `${longAgo}T09:30:00+01:00`,
      duration_min: 45, location: 'Bureau 1', outcome: 'present' },
    { id: 'ap-lena-1', client_id: 'c-lena', staff_id: 'st-els', kind: 'first', registered: false, starts_at: `${daysAgo(3)}T10:15:00Z`,
      duration_min: 45, location: 'Bureau 2', outcome: 'present' }
  ],
  service_facts: [{ id: 'sf-sara-start', service_id: 'sv-sara',
    payload: { kind: 'mediation_started', on: longAgo, occurred_at: `${longAgo}T10:00:00Z`, recorded_by: 'st-els' } }]
};

// Texts a key would show when it has no translation: "client.history", "routes.to_close", ...
const KEY = /\b(client|routes|form|docs|conflicts|fact|field|value|check|date|error|sync|stage|explain|kind|action|training|advice|reason|way|returns_to|outcome|language|history|countdown|print)\.[a-z_0-9]+\b/;

let stack;
let page;
before(async () => {
  stack = await startStack({}, { data: DATA });
  page = await stack.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'America/New_York' });
  await page.goto(`${stack.url}/desk`);
  await page.waitForSelector('#login:not([hidden])');
  await page.fill('#username', 'els');
  await page.fill('#password', 'correct-horse-1');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#desk:not([hidden])');
});
after(async () => { await stack?.stop(); });

// Through the header's select once it is there; the language module itself until then.
async function setLang(code) {
  const select = page.locator('header.bar select');
  if (await select.count()) await select.first().selectOption(code);
  else await page.evaluate(async (c) => (await import('/desk_i18n.js')).setLang(c), code);
}
const visibleText = () => page.evaluate(() => document.body.innerText);
async function noKeys(screen) {
  const text = await visibleText();
  assert.doesNotMatch(text, KEY, `an untranslated key on ${screen}`);
}

test('in a New York en-US browser the client file shows Brussels times and dd/mm/yyyy', async () => {
  await page.goto(`${stack.url}/desk#/klant/c-sara`);
  await page.waitForSelector('#client-name:has-text("Sara Haddad")');
  const appointments = await page.textContent('table.client-appointments');
  assert.match(appointments, new RegExp(`${shown(longAgo)} 09:30`), 'not in Brussels time');
  assert.doesNotMatch(appointments, /03:30|AM|PM|\d{4}-\d\d-\d\d/);
  assert.match(await page.textContent('section.service'), new RegExp(`Doorverwezen op${shown(longAgo)}`));
  await expectNoAxeViolations(page, 'the client file (nl)');
});

test('the client file, search and to-close list in French and English, with no key left untranslated', async () => {
  await setLang('fr');
  await page.waitForSelector('section.card-wide h2:has-text("Historique")');
  const file = await visibleText();
  for (const text of ['Rendez-vous', 'Historique', 'État : ', 'à clôturer', 'langue : français', 'Orienté le', 'Délais et avertissements',
    'Vérifiez le statut de séjour et le permis de travail.', 'À clôturer : avis final au plus tard le']) {
    assert.ok(file.includes(text), `"${text}" is not on the French client file`);
  }
  assert.match(await page.textContent('table.client-appointments'), new RegExp(`${shown(longAgo)} 09:30`));
  await noKeys('the client file (fr)');
  assert.equal(await scrollsSideways(page), false, 'the French client file scrolls sideways at 1366x768');
  await expectNoAxeViolations(page, 'the client file (fr)');
  await page.locator('#view-client').screenshot({ path: join(SCREENSHOTS, 'desk-client-fr.png') });

  await page.goto(`${stack.url}/desk#/zoeken?q=haddad`);
  await page.waitForSelector('#search-results tr[data-client="c-sara"]');
  assert.match(await page.textContent('#view-search h1'), /Clients avec « haddad »/);
  assert.match(await page.textContent('#search-results'), /Client.*Programme.*État.*Sara Haddad.*à clôturer/);
  await noKeys('the search (fr)');
  await expectNoAxeViolations(page, 'the search (fr)');

  await page.goto(`${stack.url}/desk#/te-sluiten`);
  await page.waitForSelector('#to-close tr[data-service="sv-sara"]');
  assert.match(await page.textContent('#view-to-close h1'), /À clôturer : donner un avis final/);
  assert.match(await page.textContent('#to-close tr[data-service="sv-sara"]'), /durée maximale atteinte/);
  assert.match(await page.textContent('#to-close .countdown'), /^encore \d+ jours$|^\d+ jours? de retard$|^aujourd'hui$/);
  await noKeys('the to-close list (fr)');
  await expectNoAxeViolations(page, 'the to-close list (fr)');

  await setLang('en');
  await page.waitForSelector('#view-to-close h1:has-text("To close: give a final advice")');
  assert.match(await page.textContent('#to-close tr[data-service="sv-sara"]'), /maximum duration reached/);
  await noKeys('the to-close list (en)');
  await page.goto(`${stack.url}/desk#/klant/c-lena`);
  await page.waitForSelector('section.card-wide h2:has-text("History")');
  assert.match(await visibleText(), /Where things stand: present/);
  await noKeys('the client file (en)');
  await setLang('nl');
  await page.waitForSelector('section.card-wide h2:has-text("Geschiedenis")');
  await expectNoAxeViolations(page, 'the client file (nl, back)');
});

test("a form's date field reads dd/mm/yyyy in a US browser and its calendar speaks the desk's language", async () => {
  await page.goto(`${stack.url}/desk#/klant/c-lena/dienst/sv-lena/afsprakenblad`);
  await page.waitForSelector('#sheet-form');
  const on = page.locator('#sheet-form input[name=on]');
  assert.equal(await on.inputValue(), shown(brussels(Date.now())));
  assert.equal(await on.getAttribute('placeholder'), 'dd/mm/jjjj');
  assert.equal(await page.locator('#sheet-form input[type=date]').count(), 0, 'a browser date input (mm/dd/yyyy in en-US)');
  await expectNoAxeViolations(page, 'the agreement sheet form (nl)');
  await setLang('fr');
  await page.waitForSelector('#sheet-form h1:has-text("Feuille d\'accords pour Lena Claes")');
  assert.equal(await page.locator('#sheet-form input[name=on]').getAttribute('placeholder'), 'jj/mm/aaaa');
  await page.locator('#sheet-form input[name=next_contact]').fill('31/02/2027');
  await page.locator('#sheet-form input[name=work_point]').first().fill('Un CV');
  await page.click('#sheet-form button[type=submit]');
  assert.equal(await page.locator('#sheet-form input[name=next_contact]').evaluate((i) => i.validationMessage),
    'Indiquez une date au format jj/mm/aaaa, p. ex. 03/02/2026.');
  await page.locator('#sheet-form .calendar-button').last().click();
  const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  assert.match(await page.textContent('#sheet-form .calendar:not([hidden]) .calendar-title'), new RegExp(`^(${months.join('|')}) \\d{4}$`));
  assert.match(await page.textContent('#sheet-form .calendar:not([hidden]) thead'), /lu.*ma.*me.*je.*ve.*sa.*di/);
  await noKeys('the agreement sheet form (fr)');
  await expectNoAxeViolations(page, 'the agreement sheet form with its calendar (fr)');
  await page.keyboard.press('Escape');
  await setLang('nl');
});

test('an error from the agent reads as a sentence, not a code', async () => {
  await page.goto(`${stack.url}/desk#/klant/c-nobody`);
  await page.waitForSelector('#view-client h1:has-text("Klant niet gevonden")');
  assert.match(await page.textContent('#view-client'), /Deze klant is niet gekend op dit toestel\./);
  // The agent not answering (the connection cut): a sentence where the file would be.
  await page.route('**/api/v1/desk/clients/**', (r) => r.abort('connectionrefused'));
  await page.goto(`${stack.url}/desk#/klant/c-lena`);
  await page.waitForSelector('#view-client h1:has-text("Geen antwoord van het toestel")');
  assert.match(await page.textContent('#view-client'), /Het toestel antwoordt niet\. Controleer of het aan staat en probeer opnieuw\./);
  await page.unroute('**/api/v1/desk/clients/**');
  const texts = await page.evaluate(async () => {
    const { errorText, syncErrorText } = await import('/desk_api.js');
    return [errorText(403, { error: { code: 'csrf' } }), errorText(500, {}), errorText(409, { result: { message_nl: 'Regel zegt nee.' } }),
      syncErrorText('push: connect: Connection refused', 'offline')];
  });
  assert.deepEqual(texts, ['Deze pagina is verouderd. Laad ze opnieuw (F5) en probeer nog eens.',
    'Er ging iets mis op dit toestel. Probeer opnieuw; blijft het, verwittig de beheerder.', 'Regel zegt nee.',
    'Geen verbinding met centraal. Alles blijft op dit toestel bewaard en gaat mee zodra de verbinding terug is.']);
});
