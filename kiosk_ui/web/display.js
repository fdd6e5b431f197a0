// The waiting room's screen (issue 15, item 3): the number the desk called last, large, with the
// room to go to, and the ones called before; a chime on every new call. It polls the agent every
// second; no sign-in, as it shows numbers and rooms only. A browser plays sound only after one
// click on the page (or with --autoplay-policy=no-user-gesture-required on a kiosk-mode TV): the
// "sound on" button is that click, and it goes once sound works.
const $ = (id) => document.getElementById(id);
const POLL_MS = 1000;
let lastSeq = null;  // the newest call shown; null before the first answer (no chime at start)
let audio = null;

function clock() {
  $('clock').textContent = new Date().toLocaleTimeString('nl-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' });
}

// Two soft tones, like a station's announcement; counted in data-chimes for the tests.
function chime() {
  document.body.dataset.chimes = String(Number(document.body.dataset.chimes || 0) + 1);
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [i, freq] of [[0, 659.25], [1, 523.25]]) {
    const osc = audio.createOscillator(), gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + i * 0.45);
    gain.gain.exponentialRampToValueAtTime(0.4, start + i * 0.45 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.45 + 0.9);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + i * 0.45);
    osc.stop(start + i * 0.45 + 1);
  }
}

function roomText(call) { return call.location ? `→ ${call.location}` : ''; }

// Sets a text only when it changes: the live region then announces a new call, not every poll.
function setText(id, text) { if ($(id).textContent !== text) $(id).textContent = text; }

function waitingText(n) {
  return n === 1 ? '1 persoon wacht · 1 personne attend · 1 person waiting'
    : `${n} personen wachten · ${n} personnes attendent · ${n} people waiting`;
}

function render(body) {
  const [latest, ...earlier] = body.calls;
  setText('now-number', latest ? (latest.queue_number || '—') : '—');
  setText('now-where', latest ? roomText(latest) : '');
  // Each number once, the one called now not again (a client called twice).
  const seen = new Set(latest ? [latest.queue_number] : []);
  const before = earlier.filter((c) => !seen.has(c.queue_number) && seen.add(c.queue_number));
  $('earlier').replaceChildren(...before.slice(0, 6).map((c) => {
    const item = document.createElement('li');
    const room = document.createElement('span');
    room.className = 'room';
    room.textContent = c.location;
    item.append(c.queue_number || '—', room);
    return item;
  }));
  setText('waiting', waitingText(body.waiting));
  // A call that arrived late (its desk was offline) is listed without a chime.
  const seq = latest && latest.fresh ? latest.seq : (lastSeq ?? 0);
  if (lastSeq !== null && seq > lastSeq) {
    chime();
    $('now').classList.remove('fresh');
    void $('now').offsetWidth;  // restarts the flash for a call right after another
    $('now').classList.add('fresh');
  }
  lastSeq = seq;
}

async function poll() {
  try {
    const response = await fetch('/api/v1/display/calls', { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    render(await response.json());
    $('offline').hidden = true;
  } catch {
    $('offline').hidden = false;  // the last numbers stay: they were called
  }
}

async function soundOn() {
  audio = audio || new AudioContext();
  await audio.resume();
  if (audio.state === 'running') $('sound').hidden = true;
}

$('sound').addEventListener('click', soundOn);
// Where autoplay is allowed the context runs at once and the button never shows.
try {
  audio = new AudioContext();
  if (audio.state === 'running') $('sound').hidden = true;
} catch { $('sound').hidden = true; }
clock();
setInterval(clock, 10000);
poll();
setInterval(poll, POLL_MS);
