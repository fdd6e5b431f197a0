// The receipt slip (issue 15, item 3): when the agent's kiosk_slip setting names the paper (58mm
// or 80mm), the kiosk has the browser print a slip after each check-in that got a queue number.
// Chromium started with --kiosk-printing prints it on the default printer without a dialog
// (docs/kiosk.md). The slip holds the number, the appointment's time and room and the day in the
// client's language, never a name: a slip left on a chair tells nobody who was here. Its text is
// removed with the answer (clearSlip), like everything else of the last client.
'use strict';

let slipPaper = '';  // '' (no slip), '58mm' or '80mm', from /api/v1/kiosk/config

function setSlipPaper(paper) {
  slipPaper = paper === '58mm' || paper === '80mm' ? paper : '';
  $('slip').dataset.paper = slipPaper;
}

// Today as dd/mm/yyyy in Brussels, whatever the kiosk PC's own zone and locale.
function slipDay() {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric' })
    .formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('day')}/${part('month')}/${part('year')}`;
}

// Fills the slip now and prints it once the answer is on the screen (the timer that clears it is
// running by then: a print dialog, where --kiosk-printing is missing, cannot hold the answer up),
// unless the answer was cleared meanwhile.
function printSlip(body, number) {
  if (!slipPaper || !number) return;
  fillSlip(body, number);
  requestAnimationFrame(() => setTimeout(() => {
    if (!$('success').hidden && $('slip-number').textContent === number) window.print();
  }, 0));
}

function fillSlip(body, number) {
  const slip = $('slip');
  slip.lang = language;
  slip.dir = language === 'ar' ? 'rtl' : 'ltr';
  $('slip-day').textContent = slipDay();
  $('slip-number-label').textContent = t('number_label');
  $('slip-number').textContent = number;
  $('slip-time').textContent = body.time ? t('slip_time', { time: body.time }) : '';
  $('slip-where').textContent = body.location ? t('wait_in', { place: body.location }) : t('waiting_room');
  $('slip-wait').textContent = t('slip_wait');
}

function clearSlip() {
  for (const id of ['slip-day', 'slip-number-label', 'slip-number', 'slip-time', 'slip-where', 'slip-wait']) $(id).textContent = '';
}
