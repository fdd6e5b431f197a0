// Camera QR scanning at the kiosk (issue 15, item 4): chromium's fake camera plays a video made
// here of an invitation's QR code (the `qrcode` package, tests only); the kiosk's vendored decoder
// (kiosk_jsqr.js) reads it and checks the client in. Offline: nothing is downloaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { startStack, newKioskPage, minutesFromNow, expectNoAxeViolations } from './harness.mjs';

const CODE = 'QRCAM7';
const DATA = {
  staff: [{ id: 'st-els', name: 'Els Peeters', username: 'els', password: 'correct-horse-1' }],
  clients: [{ id: 'c-nora', first_name: 'Nora', last_name: 'Achternaam', language: 'nl', programme: 'TIBB4' }],
  appointments: [{ id: 'ap-nora', client_id: 'c-nora', staff_id: 'st-els', kind: 'regular', registered: false,
    starts_at: minutesFromNow(10), duration_min: 30, location: 'Wachtzaal 1', code: CODE }]
};

// A Y4M video (what chromium's fake camera plays) of `text` as a QR code, black on white.
function qrVideo(text, path) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const [width, height, scale, quiet] = [640, 480, 10, 4];
  const side = (modules.size + 2 * quiet) * scale;
  const left = (width - side) / 2, top = (height - side) / 2;
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < modules.size * scale; y++) {
    for (let x = 0; x < modules.size * scale; x++) {
      const dark = modules.data[Math.floor(y / scale) * modules.size + Math.floor(x / scale)];
      if (dark) luma[(top + quiet * scale + y) * width + left + quiet * scale + x] = 16;
    }
  }
  const chroma = Buffer.alloc(width * height / 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const frames = Array.from({ length: 10 }, () => frame);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...frames]));
}

let stack;
const dir = mkdtempSync(join(tmpdir(), 'onthaal-camera-'));
before(async () => {
  const video = join(dir, 'invitation.y4m');
  qrVideo(CODE, video);
  stack = await startStack({}, { data: DATA, browserArgs: ['--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
});
after(async () => { await stack?.stop(); rmSync(dir, { recursive: true, force: true }); });

test('a kiosk with a camera offers it, and the invitation\'s QR code checks the client in', async () => {
  const page = await newKioskPage(stack);
  await page.waitForSelector('#camera-start:not([hidden])');
  assert.equal(await page.evaluate(() => typeof window.jsQR), 'undefined', 'the decoder loaded before it was needed');
  await page.click('#camera-start');
  await page.waitForSelector('#camera-view:not([hidden])');
  await expectNoAxeViolations(page, 'the camera view');
  await page.waitForSelector('#success:not([hidden])', { timeout: 15000 });
  assert.equal(await page.textContent('#success-title'), 'Welkom, Nora!');
  assert.equal(await page.isHidden('#camera-view'), true, 'the camera stays on after the scan');
  assert.equal(await page.evaluate(() => document.querySelector('#camera-video').srcObject), null);
});
