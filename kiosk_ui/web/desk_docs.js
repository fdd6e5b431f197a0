// The pages around a printable document: the agreement sheet (print, then "signed by both"), the
// WEO (print records weo_printed, then "signed"), the final advice (recorded only once the letter
// is printed or mailed) and the C91 certificate. The document itself is in desk_print.js; on paper
// only the document shows (desk_print.css).
import { el, dateText, ADVICE_NL } from './desk_format.js';
import { postFact } from './desk_api.js';
import { showResult } from './desk_forms.js';
import { agreementSheetDoc, weoDoc, adviceLetterDoc, c91Doc } from './desk_print.js';

const clientHash = (detail) => `#/klant/${encodeURIComponent(detail.client.id)}`;
const resultLine = () => el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });

function toolbar(detail, title, ...buttons) {
  return el('div', { className: 'doc-toolbar no-print' },
    el('a', { href: clientHash(detail), className: 'back', textContent: '← Terug naar de klant' }),
    el('h1', { textContent: title }), el('div', { className: 'form-buttons' }, ...buttons));
}

const button = (id, text, onclick, secondary = false) =>
  el('button', { type: 'button', id, textContent: text, className: secondary ? 'secondary' : '', onclick });

export function sheetPage(root, detail, service, sheetId, go) {
  const sheet = (service.sheets || []).find((s) => s.id === sheetId);
  if (!sheet) {
    root.replaceChildren(toolbar(detail, 'Afsprakenblad'), el('p', { textContent: 'Dit afsprakenblad is niet gevonden.' }));
    return;
  }
  const result = resultLine();
  const buttons = [button('print', 'Afdrukken', () => window.print())];
  if (!sheet.signed_on && (service.actions || []).includes('agreement_sheet_signed')) {
    buttons.push(button('signed', 'Getekend door beide partijen', async () => {
      const answer = await postFact(service.id, { kind: 'agreement_sheet_signed', on: detail.today, refers_to: sheet.id });
      showResult(result, answer);
      if (answer.ok) go(clientHash(detail), answer);
    }, true));
  }
  const state = el('p', { className: 'no-print', textContent: sheet.signed_on
    ? `Getekend door beide partijen op ${dateText(sheet.signed_on)}.`
    : 'Druk het blad af, laat het tekenen door de klant en de partner, en klik dan op "Getekend door beide partijen".' });
  root.replaceChildren(toolbar(detail, 'Afsprakenblad', ...buttons), state, result, agreementSheetDoc(detail, service, sheet));
}

export function weoPage(root, detail, service, go) {
  const result = resultLine();
  const actions = service.actions || [];
  const buttons = [button('print', actions.includes('weo_printed') ? 'Afdrukken' : 'Opnieuw afdrukken', async () => {
    window.print();
    if (!actions.includes('weo_printed')) return;
    const answer = await postFact(service.id, { kind: 'weo_printed', on: detail.today });
    showResult(result, answer);
    if (answer.ok) go(`${clientHash(detail)}/dienst/${encodeURIComponent(service.id)}/weo`, answer);
  })];
  if (actions.includes('weo_signed')) {
    buttons.push(button('signed', 'Getekend door de klant en de partner', async () => {
      const answer = await postFact(service.id, { kind: 'weo_signed', on: detail.today });
      showResult(result, answer);
      if (answer.ok) go(clientHash(detail), answer);
    }, true));
  }
  root.replaceChildren(toolbar(detail, 'Werkervaringsovereenkomst', ...buttons), result, weoDoc(detail, service));
}

export function advicePage(root, detail, service, go) {
  const options = service.advice_options || [];
  const result = resultLine();
  let letter = adviceLetterDoc(detail, service, null, false);
  const radios = el('fieldset', { className: 'advice-options' }, el('legend', { textContent: 'Welk eindadvies geeft u?' }),
    ...options.map((o) => el('label', { className: 'check' },
      el('input', { type: 'radio', name: 'advice', value: o, required: true }), ` ${ADVICE_NL[o] || o}`)));
  const open = el('label', { className: 'check' }, el('input', { type: 'checkbox', name: 'open_actions', id: 'open-actions' }),
    ' Er zijn nog open acties of contacten in het dossier (de bemiddeling gaat dan altijd terug naar VDAB)');
  const form = el('form', { id: 'advice-form', className: 'page-form no-print' }, radios, open);
  const chosen = () => {
    const picked = form.querySelector('input[name=advice]:checked');
    return { advice: picked ? picked.value : null, open: form.querySelector('#open-actions').checked };
  };
  form.addEventListener('change', () => {
    showResult(result, { ok: true, code: '', message: '' });
    const c = chosen();
    const next = adviceLetterDoc(detail, service, c.advice, c.open);
    letter.replaceWith(next);
    letter = next;
  });
  const record = async (deliveredBy) => {
    const c = chosen();
    if (!c.advice) { showResult(result, { ok: false, code: 'advice.missing', message: 'Kies eerst een eindadvies.' }); return; }
    if (deliveredBy === 'print') window.print();  // the letter goes out first; then the advice is recorded
    const answer = await postFact(service.id, { kind: 'final_advice', on: detail.today, advice: c.advice,
      delivered_by: deliveredBy, open_actions_or_contacts: c.open });
    showResult(result, answer);
    if (answer.ok) go(clientHash(detail), answer);
  };
  const deadline = service.state.advice_deadline
    ? el('p', { className: 'no-print', textContent: `Geef het eindadvies uiterlijk op ${dateText(service.state.advice_deadline)}, ` +
      'anders sluit de dienstverlening automatisch zonder advies.' }) : null;
  root.replaceChildren(
    toolbar(detail, 'Eindadvies', button('print', 'Brief afdrukken en advies registreren', () => record('print')),
      button('mail', 'Brief per mail verstuurd: advies registreren', () => record('mail'), true)),
    deadline, form, result, letter);
}

export function c91Page(root, detail, service) {
  root.replaceChildren(toolbar(detail, 'C91-attest', button('print', 'Afdrukken', () => window.print())), c91Doc(detail, service));
}
