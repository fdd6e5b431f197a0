// Starts a real onthaal-central and onthaal-agent on loopback (ports picked at run time) with
// appointments around now, and Debian's chromium through playwright-core. No browser download.
import { processEnv, shiftBrowserClock } from './clock.mjs';  // first: the shifted clock
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
const BUILD = process.env.ONTHAAL_BUILD_DIR || join(ROOT, 'build');
// Not ONTHAAL_*: the agent refuses unknown ONTHAAL_ variables (a typo must never be ignored).
const CENTRAL = process.env.BROWSER_TEST_CENTRAL_BINARY || join(BUILD, 'central', 'onthaal-central');
const AGENT = process.env.BROWSER_TEST_AGENT_BINARY || join(BUILD, 'agent', 'onthaal-agent');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
// An admin command of central, on the tests' clock.
const runCentral = (args, options = {}) => execFileSync(CENTRAL, args, { env: processEnv(), ...options });
export const minutesFromNow = (m) => new Date(Date.now() + m * 60000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const DATA = {
  staff: [{ id: 'st-els', name: 'Els Peeters', username: 'els', password: 'correct-horse-1' }],
  clients: [
    { id: 'c-amina', first_name: 'Amina', last_name: 'Benali', language: 'ar', programme: 'TIBB4 anderstaligen' },
    { id: 'c-mehmet', first_name: 'Mehmet', last_name: 'Yilmaz', language: 'tr', programme: 'TIBB4', national_number: '85073003328' },
    { id: 'c-claire', first_name: 'Claire', last_name: 'Dubois', language: 'fr', programme: 'SCRABA' },
    { id: 'c-koen', first_name: 'Koen', last_name: 'Janssens', language: 'nl', programme: 'TWE-wz' },
    { id: 'c-sara', first_name: 'Sara', last_name: 'Haddad', language: 'ar', programme: 'GLOW' }
  ],
  appointments: [
    { id: 'ap-amina', client_id: 'c-amina', staff_id: 'st-els', kind: 'regular', registered: false, starts_at: minutesFromNow(5), duration_min: 30, location: 'Wachtzaal 2', code: 'KIOSK2' },
    { id: 'ap-mehmet', client_id: 'c-mehmet', staff_id: 'st-els', kind: 'regular', registered: false, starts_at: minutesFromNow(10), duration_min: 30, location: 'Wachtzaal 1', code: 'MEHM3T' },
    { id: 'ap-claire', client_id: 'c-claire', staff_id: 'st-els', kind: 'regular', registered: false, starts_at: minutesFromNow(180), duration_min: 30, location: 'Wachtzaal 1', code: 'LATER3' },
    { id: 'ap-koen', client_id: 'c-koen', staff_id: 'st-els', kind: 'first', registered: false, starts_at: minutesFromNow(15), duration_min: 45, location: 'Bureau 4', code: 'JANSSEN4A' },
    { id: 'ap-sara', client_id: 'c-sara', staff_id: 'st-els', kind: 'regular', registered: false, starts_at: minutesFromNow(20), duration_min: 30, location: 'Wachtzaal 3', code: 'ARRIV4' }
  ]
};

function startServer(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: processEnv() });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${stderr}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const match = out.match(/listening on (http:\/\/[^\s]+)/);
      if (match) { clearTimeout(timer); resolve({ child, url: match[1], stderr: () => stderr }); }
    });
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${stderr}`)));
  });
}

// One central and one agent per test file; `agentSettings` are extra agent settings. `options.data`
// replaces DATA as the site's import file (a test file with its own clients); the agent is ready
// once it pulled at least as many changes as the file has staff, clients and appointments.
// `options.browserArgs` are extra chromium flags (a fake camera for the kiosk's QR test).
export async function startStack(agentSettings = {}, options = {}) {
  const data = options.data || DATA;
  const records = (data.staff || []).length + (data.clients || []).length + (data.appointments || []).length;
  const dir = mkdtempSync(join(tmpdir(), 'onthaal-browser-'));
  const db = join(dir, 'central.db');
  runCentral(['site', 'add', '--db', db, '--id', 'site-1', '--name', 'OCMW Test', '--province', 'O']);
  const token = runCentral(['device', 'add', '--db', db, '--site', 'site-1', '--name', 'kiosk', '--role', 'desk']).toString();
  writeFileSync(join(dir, 'token'), token, { mode: 0o600 });  // the agent refuses a readable token
  writeFileSync(join(dir, 'import.json'), JSON.stringify(data));
  runCentral(['import', '--db', db, '--site', 'site-1', join(dir, 'import.json')], { stdio: 'ignore' });
  const central = await startServer(CENTRAL, ['serve', '--db', db, '--listen', '127.0.0.1:0']);
  writeFileSync(join(dir, 'agent.json'), JSON.stringify({
    site_id: 'site-1', role: 'desk', store_path: join(dir, 'agent.db'), listen: '127.0.0.1:0',
    central_url: central.url, device_token_file: join(dir, 'token'), sync_long_poll_s: 1, sync_push_delay_ms: 10,
    ...agentSettings
  }));
  let agent;
  try {
    agent = await startServer(AGENT, ['run', '--config', join(dir, 'agent.json')]);
  } catch (e) {
    central.child.kill('SIGTERM');  // or the test runner waits for it forever
    throw e;
  }
  // Wait until the agent pulled the site's planning (clients, appointments, staff, hash key).
  for (let i = 0; i < 200; i++) {
    const status = await (await fetch(`${agent.url}/api/v1/status`)).json();
    if (status.pull_cursor >= records) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  // A file of its own may carry more (services, facts, past outcomes): wait until pulls stop.
  for (let last = -1, i = 0; options.data && i < 40; i++) {
    const { pull_cursor: cursor } = await (await fetch(`${agent.url}/api/v1/status`)).json();
    if (cursor === last) break;
    last = cursor;
    await new Promise((r) => setTimeout(r, 400));
  }
  const browser = shiftBrowserClock(await chromium.launch({
    timeout: 30000,
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update',
           '--disable-sync', '--no-first-run', ...(options.browserArgs || [])]
  }));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: agent.url, browser,
    stopCentral() { central.child.kill('SIGTERM'); },
    async stop() {
      await browser.close();
      agent.child.kill('SIGTERM');
      central.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

export async function newKioskPage(stack) {
  const page = await stack.browser.newPage({ viewport: { width: 1080, height: 1200 } });
  await page.goto(`${stack.url}/`);
  await page.waitForSelector('#start:not([hidden])');
  return page;
}

// A desk page signed in as `username`, at one of the desk's screen sizes, in the desk's locale
// (Flemish: date fields read dd/mm/yyyy). window.print() is counted instead of opening a dialog.
export async function newDeskPage(stack, { width = 1366, height = 768, username = 'els', password = 'correct-horse-1' } = {}) {
  const page = await stack.browser.newPage({ viewport: { width, height }, locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
  await page.addInitScript(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(`${stack.url}/desk`);
  await page.waitForSelector('#login:not([hidden])');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#desk:not([hidden])');
  return page;
}

// axe-core (from npm, tests/browser/node_modules) on the page as it is: the violations, each as
// "rule: selectors", so a failing assertion says what to fix.
// Evaluated through the DevTools protocol: the desk's Content-Security-Policy (script-src 'self')
// rightly refuses an injected <script>, and the page keeps its policy in the test.
const AXE = readFileSync(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
}

// Fails the test when axe-core finds a violation on the page as it stands (`screen` names it).
export async function expectNoAxeViolations(page, screen) {
  assert.deepEqual(await axeViolations(page), [], `axe-core on ${screen}`);
}

// The number of pages of a PDF (its "/Type /Page" objects, not "/Pages").
export function pdfPageCount(pdf) {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

// ---- A site with several devices (the coach's tests): one central that can be stopped and
// started again on the same port (offline for a while), agents enrolled with their own role
// (`coach` with `--staff`), and imports at any time (moving a client to another coach).

// Every process these helpers start ends with the test file's process, whatever happens to it.
const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGTERM'); });

async function startTracked(command, args) {
  const server = await startServer(command, args);
  running.add(server.child);
  server.child.once('exit', () => running.delete(server.child));
  return server;
}

// SIGTERM, and SIGKILL when it has not ended after 5 seconds.
async function stopProcess(child) {
  child.removeAllListeners('exit');
  if (child.exitCode !== null || child.signalCode !== null) { running.delete(child); return; }
  await new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(hard); running.delete(child); resolve(); });
    child.kill('SIGTERM');
  });
}

export async function launchBrowser(options = {}) {
  return shiftBrowserClock(await chromium.launch({
    timeout: 30000,
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update',
           '--disable-sync', '--no-first-run', ...(options.browserArgs || [])]
  }));
}

// A central with site `site` (GOB Test, Oost-Vlaanderen) and `data` imported. `stop()` ends the
// process (devices go offline), `start()` serves the same database on the same port again.
export async function startCentral(data, { site = 'site-1', name = 'GOB Test' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'onthaal-site-'));
  const db = join(dir, 'central.db');
  runCentral(['site', 'add', '--db', db, '--id', site, '--name', name, '--province', 'O']);
  let imports = 0;
  const central = {
    dir, db, site, url: null, process: null,
    // Imports `file` (docs/import-format.md); throws with central's message when it refuses it.
    import(file) {
      const path = join(dir, `import-${++imports}.json`);
      writeFileSync(path, JSON.stringify(file));
      runCentral(['import', '--db', db, '--site', site, path], { stdio: ['ignore', 'ignore', 'pipe'] });
    },
    // A device token file for an agent: role kiosk | desk | coach (a coach's caseload: `staff`).
    addDevice(deviceName, role, staff) {
      const args = ['device', 'add', '--db', db, '--site', site, '--name', deviceName, '--role', role];
      if (staff) args.push('--staff', staff);
      const file = join(dir, `${deviceName}.token`);
      writeFileSync(file, runCentral(args).toString(), { mode: 0o600 });
      return file;
    },
    async start() {
      const listen = central.url ? central.url.replace(/^http:\/\//, '') : '127.0.0.1:0';
      central.process = await startTracked(CENTRAL, ['serve', '--db', db, '--listen', listen]);
      central.url = central.process.url;
    },
    async stop() {
      if (!central.process) return;
      const { child } = central.process;
      central.process = null;
      await stopProcess(child);
    },
    async close() {
      await central.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  central.import(data);
  await central.start();
  return central;
}

const status = async (url) => (await fetch(`${url}/api/v1/status`)).json();

// Waits until the agent at `url` synced once and its pull cursor stood still for a moment.
export async function waitForPulls(url) {
  for (let i = 0; i < 100; i++) {
    if ((await status(url)).last_success_at) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (let last = -1, i = 0; i < 40; i++) {
    const { pull_cursor: cursor } = await status(url);
    if (cursor === last) break;
    last = cursor;
    await new Promise((r) => setTimeout(r, 400));
  }
}

// An agent enrolled at `central` as device `name` with `role` (and `staff` for a coach), its
// store in central's directory. `stop()` ends it; `start()` runs it again on the same store (a new
// port: read `url` again).
export async function startAgent(central, name, role, { staff, settings = {} } = {}) {
  const token = central.addDevice(name, role, staff);
  const config = join(central.dir, `${name}.json`);
  writeFileSync(config, JSON.stringify({
    site_id: central.site, role, store_path: join(central.dir, `${name}.db`), listen: '127.0.0.1:0',
    central_url: central.url, device_token_file: token, sync_long_poll_s: 1, sync_push_delay_ms: 10,
    sync_backoff_cap_ms: 2000,  // central comes back within seconds in a test: so does the agent
    ...settings
  }));
  const agent = {
    url: null, process: null,
    async start() {
      agent.process = await startTracked(AGENT, ['run', '--config', config]);
      agent.url = agent.process.url;
    },
    async stop() {
      if (!agent.process) return;
      const { child } = agent.process;
      agent.process = null;
      await stopProcess(child);
    },
    status: () => status(agent.url)
  };
  await agent.start();
  await waitForPulls(agent.url);
  return agent;
}

// The coach's page on `agentUrl` signed in, at one of the coach's laptop sizes, in a browser
// whose language is not Dutch (the page must not depend on it: dates stay dd/mm/yyyy).
export async function newCoachPage(browser, agentUrl, { width = 1280, height = 800, username, password } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, locale: 'en-US', timezoneId: 'Europe/Brussels' });
  await page.goto(`${agentUrl}/coach`);
  await page.waitForSelector('#login:not([hidden])');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#coach:not([hidden])');
  return page;
}

// Whether the page is wider than its window (a horizontal scroll bar).
export async function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
