// The tests' clock. They plan today's appointments around now; late in the evening in Brussels
// (or in the small hours) "now + 3 hours" is tomorrow, and the kiosk and the desk rightly treat
// it so. Outside 08:00-18:00 Brussels every process of a test therefore runs at 12:00 of the same
// day, moved by whole hours (time still flows):
//   - this Node process: Date (Date.now(), new Date()) is replaced by a shifted one;
//   - central and the agents: processEnv() preloads tests/support/wall_clock_shift.cpp (path in
//     BROWSER_TEST_CLOCK_SHIFT_LIB), which moves their wall clock by the same seconds;
//   - chromium: shiftBrowserClock() gives each context's pages the same shifted Date (an init
//     script). Not Playwright's clock API: that replaces the page's timers too, and a countdown
//     or a pause then fires at the wrong moment.
// Imported first by harness.mjs and preloaded by the test command (--import), so data modules
// see the shifted clock too. Idempotent.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RealDate = globalThis.__onthaalRealDate || Date;
const LIB = process.env.BROWSER_TEST_CLOCK_SHIFT_LIB || '';

function brusselsHour(date) {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', hourCycle: 'h23' }).format(date));
}

function chooseShift() {
  if (process.env.BROWSER_TEST_CLOCK_SHIFT_S !== undefined) return Number(process.env.BROWSER_TEST_CLOCK_SHIFT_S);
  if (!LIB) return 0;  // no way to move the servers' clocks: run on the real one
  const hour = brusselsHour(new RealDate());
  return hour >= 8 && hour < 18 ? 0 : (12 - hour) * 3600;
}

export const SHIFT_S = globalThis.__onthaalShiftS ?? chooseShift();
const SHIFT_FILE = join(tmpdir(), `onthaal-clock-shift-${process.pid}`);

if (!globalThis.__onthaalRealDate) {
  globalThis.__onthaalRealDate = RealDate;
  globalThis.__onthaalShiftS = SHIFT_S;
  // Inherited by the child test processes of `node --test`, so every file uses one shift.
  process.env.BROWSER_TEST_CLOCK_SHIFT_S = String(SHIFT_S);
  if (SHIFT_S !== 0) {
    writeFileSync(SHIFT_FILE, String(SHIFT_S));
    process.once('exit', () => rmSync(SHIFT_FILE, { force: true }));
    const offset = SHIFT_S * 1000;
    class ShiftedDate extends RealDate {
      constructor(...args) { if (args.length === 0) super(RealDate.now() + offset); else super(...args); }
      static now() { return RealDate.now() + offset; }
    }
    globalThis.Date = ShiftedDate;
  }
}

// The environment for central and the agents: their wall clock moved like this process's.
export function processEnv() {
  if (SHIFT_S === 0) return process.env;
  return { ...process.env, LD_PRELOAD: LIB, TEST_WALL_CLOCK_SHIFT_FILE: SHIFT_FILE };
}

// Runs in each page before its scripts: only Date moves; setTimeout and friends stay real.
function shiftPageDate(offset) {
  const RealPageDate = Date;
  class ShiftedDate extends RealPageDate {
    constructor(...args) { if (args.length === 0) super(RealPageDate.now() + offset); else super(...args); }
    static now() { return RealPageDate.now() + offset; }
  }
  globalThis.Date = ShiftedDate;
}

// Every new context (and page) of `browser` starts on the shifted clock.
export function shiftBrowserClock(browser) {
  if (SHIFT_S === 0) return browser;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(shiftPageDate, SHIFT_S * 1000);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once('close', () => { context.close().catch(() => {}); });
    return page;
  };
  return browser;
}
