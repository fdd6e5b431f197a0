// Camera QR scanning, only where the kiosk has a camera: the invitation's QR code holds the
// check-in code as plain text (docs/kiosk.md). The decoder (jsQR, kiosk_jsqr.js, vendored from
// npm) is loaded from the agent when the client starts the camera, never from a CDN; the camera is
// asked for only then, and stopped when a code is read, after a minute, or when the screen changes.
'use strict';

const CAMERA_MAX_MS = 60000;
let cameraStream = null;
let cameraTimer = null;
let cameraStopAt = 0;

async function hasCamera() {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.some((d) => d.kind === 'videoinput');
  } catch (e) {
    return false;
  }
}

function loadDecoder() {
  if (window.jsQR) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/kiosk_jsqr.js';
    script.onload = resolve;
    script.onerror = reject;
    document.head.appendChild(script);
  });
}

function stopCamera() {
  clearInterval(cameraTimer);
  cameraTimer = null;
  if (cameraStream) cameraStream.getTracks().forEach((track) => track.stop());
  cameraStream = null;
  $('camera-video').srcObject = null;
  $('camera-view').hidden = true;
  $('camera-stop').hidden = true;
  $('camera-start').hidden = !cameraPresent;
}

// One look at the current frame; a code found is checked in like a scan.
function readFrame(canvas) {
  const video = $('camera-video');
  if (Date.now() > cameraStopAt || currentScreen() !== 'start') { stopCamera(); return; }
  if (!video.videoWidth) return;
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(video, 0, 0);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  const code = found && found.data.trim();
  if (!code || !/^[A-Za-z0-9 -]{4,20}$/.test(code)) return;
  stopCamera();
  $('code').value = code;
  $('code-form').requestSubmit();
}

async function startCamera() {
  try {
    await loadDecoder();
    cameraStream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  } catch (e) {
    stopCamera();
    return;
  }
  const video = $('camera-video');
  video.srcObject = cameraStream;
  await video.play().catch(() => {});
  $('camera-view').hidden = false;
  $('camera-start').hidden = true;
  $('camera-stop').hidden = false;
  cameraStopAt = Date.now() + CAMERA_MAX_MS;
  const canvas = document.createElement('canvas');
  cameraTimer = setInterval(() => readFrame(canvas), 200);
}

let cameraPresent = false;
async function setUpCamera() {
  cameraPresent = Boolean(navigator.mediaDevices) && await hasCamera();
  $('camera-start').hidden = !cameraPresent;
  $('camera-start').addEventListener('click', startCamera);
  $('camera-stop').addEventListener('click', () => { stopCamera(); $('code').focus(); });
}
