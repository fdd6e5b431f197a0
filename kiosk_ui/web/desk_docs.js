// The pages around a printable document: the agreement sheet (print, then "signed by both"), the
// WEO (print records weo_printed, then "signed"), the final advice (recorded only once the letter
// is printed or mailed) and the C91 certificate. The document itself is in desk_print.js; on paper
// only the document shows (desk_print.css). The page around it speaks the desk's language; the
// document stays in Dutch with the client's language beside its headings.
import { el, dateText, label } from './desk_format.js';
import { postFact } from './desk_api.js';
import { showResult } from './desk_forms.js';
import { agreementSheetDoc, weoDoc, adviceLetterDoc, c91Doc } from './desk_print.js';
import { addTexts, t } from './desk_i18n.js';

addTexts({
  'docs.back': { nl: '← Terug naar de klant', fr: '← Retour au client', en: '← Back to the client' },
  'docs.sheet': { nl: 'Afsprakenblad', fr: "Feuille d'accords", en: 'Agreement sheet' },
  'docs.sheet_missing': { nl: 'Dit afsprakenblad is niet gevonden.', fr: "Cette feuille d'accords est introuvable.",
    en: 'This agreement sheet was not found.' },
  'docs.print': { nl: 'Afdrukken', fr: 'Imprimer', en: 'Print' },
  'docs.print_again': { nl: 'Opnieuw afdrukken', fr: 'Imprimer à nouveau', en: 'Print again' },
  'docs.signed_both': { nl: 'Getekend door beide partijen', fr: 'Signée par les deux parties', en: 'Signed by both parties' },
  'docs.signed_on': { nl: 'Getekend door beide partijen op {on}.', fr: 'Signée par les deux parties le {on}.', en: 'Signed by both parties on {on}.' },
  'docs.sheet_how': { nl: 'Druk het blad af, laat het tekenen door de klant en de partner, en klik dan op "Getekend door beide partijen".',
    fr: 'Imprimez la feuille, faites-la signer par le client et le partenaire, puis cliquez sur « Signée par les deux parties ».',
    en: 'Print the sheet, have the client and the partner sign it, then click "Signed by both parties".' },
  'docs.weo': { nl: 'Werkervaringsovereenkomst', fr: "Convention d'expérience professionnelle", en: 'Work experience agreement' },
  'docs.weo_signed': { nl: 'Getekend door de klant en de partner', fr: 'Signée par le client et le partenaire', en: 'Signed by the client and the partner' },
  'docs.which_advice': { nl: 'Welk eindadvies geeft u?', fr: 'Quel avis final donnez-vous ?', en: 'Which final advice do you give?' },
  'docs.open_actions': { nl: ' Er zijn nog open acties of contacten in het dossier (de bemiddeling gaat dan altijd terug naar VDAB)',
    fr: ' Il reste des actions ou des contacts ouverts dans le dossier (la médiation retourne alors toujours au VDAB)',
    en: ' There are still open actions or contacts in the file (mediation then always goes back to VDAB)' },
  'docs.choose_advice': { nl: 'Kies eerst een eindadvies.', fr: "Choisissez d'abord un avis final.", en: 'Choose a final advice first.' },
  'docs.advice_due': { nl: 'Geef het eindadvies uiterlijk op {on}, anders sluit de dienstverlening automatisch zonder advies.',
    fr: "Donnez l'avis final au plus tard le {on}, sinon le service se clôture automatiquement sans avis.",
    en: 'Give the final advice by {on}, or the service closes automatically without advice.' },
  'docs.advice': { nl: 'Eindadvies', fr: 'Avis final', en: 'Final advice' },
  'docs.print_record': { nl: 'Brief afdrukken en advies registreren', fr: "Imprimer la lettre et enregistrer l'avis",
    en: 'Print the letter and record the advice' },
  'docs.mailed': { nl: 'Brief per mail verstuurd: advies registreren', fr: "Lettre envoyée par e-mail : enregistrer l'avis",
    en: 'Letter sent by e-mail: record the advice' },
  'docs.c91': { nl: 'C91-attest', fr: 'Attestation C91', en: 'C91 certificate' }
});

const clientHash = (detail) => `#/klant/${encodeURIComponent(detail.client.id)}`;
const resultLine = () => el('p', { className: 'result', attrs: { role: 'status', 'aria-live': 'polite' } });

function toolbar(detail, title, ...buttons) {
  return el('div', { className: 'doc-toolbar no-print' },
    el('a', { href: clientHash(detail), className: 'back', textContent: t('docs.back') }),
    el('h1', { textContent: title }), el('div', { className: 'form-buttons' }, ...buttons));
}

const button = (id, text, onclick, secondary = false) =>
  el('button', { type: 'button', id, textContent: text, className: secondary ? 'secondary' : '', onclick });

export function sheetPage(root, detail, service, sheetId, go) {
  const sheet = (service.sheets || []).find((s) => s.id === sheetId);
  if (!sheet) {
    root.replaceChildren(toolbar(detail, t('docs.sheet')), el('p', { textContent: t('docs.sheet_missing') }));
    return;
  }
  const result = resultLine();
  const buttons = [button('print', t('docs.print'), () => window.print())];
  if (!sheet.signed_on && (service.actions || []).includes('agreement_sheet_signed')) {
    buttons.push(button('signed', t('docs.signed_both'), async () => {
      const answer = await postFact(service.id, { kind: 'agreement_sheet_signed', on: detail.today, refers_to: sheet.id });
      showResult(result, answer);
      if (answer.ok) go(clientHash(detail), answer);
    }, true));
  }
  const state = el('p', { className: 'no-print', textContent: sheet.signed_on
    ? t('docs.signed_on', { on: dateText(sheet.signed_on) }) : t('docs.sheet_how') });
  root.replaceChildren(toolbar(detail, t('docs.sheet'), ...buttons), state, result, agreementSheetDoc(detail, service, sheet));
}

export function weoPage(root, detail, service, go) {
  const result = resultLine();
  const actions = service.actions || [];
  const buttons = [button('print', t(actions.includes('weo_printed') ? 'docs.print' : 'docs.print_again'), async () => {
    window.print();
    if (!actions.includes('weo_printed')) return;
    const answer = await postFact(service.id, { kind: 'weo_printed', on: detail.today });
    showResult(result, answer);
    if (answer.ok) go(`${clientHash(detail)}/dienst/${encodeURIComponent(service.id)}/weo`, answer);
  })];
  if (actions.includes('weo_signed')) {
    buttons.push(button('signed', t('docs.weo_signed'), async () => {
      const answer = await postFact(service.id, { kind: 'weo_signed', on: detail.today });
      showResult(result, answer);
      if (answer.ok) go(clientHash(detail), answer);
    }, true));
  }
  root.replaceChildren(toolbar(detail, t('docs.weo'), ...buttons), result, weoDoc(detail, service));
}

export function advicePage(root, detail, service, go) {
  const options = service.advice_options || [];
  const result = resultLine();
  let letter = adviceLetterDoc(detail, service, null, false);
  const radios = el('fieldset', { className: 'advice-options' }, el('legend', { textContent: t('docs.which_advice') }),
    ...options.map((o) => el('label', { className: 'check' },
      el('input', { type: 'radio', name: 'advice', value: o, required: true }), ` ${label('advice', o)}`)));
  const open = el('label', { className: 'check' }, el('input', { type: 'checkbox', name: 'open_actions', id: 'open-actions' }),
    t('docs.open_actions'));
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
    if (!c.advice) { showResult(result, { ok: false, code: 'advice.missing', message: t('docs.choose_advice') }); return; }
    if (deliveredBy === 'print') window.print();  // the letter goes out first; then the advice is recorded
    const answer = await postFact(service.id, { kind: 'final_advice', on: detail.today, advice: c.advice,
      delivered_by: deliveredBy, open_actions_or_contacts: c.open });
    showResult(result, answer);
    if (answer.ok) go(clientHash(detail), answer);
  };
  const deadline = service.state.advice_deadline
    ? el('p', { className: 'no-print', textContent: t('docs.advice_due', { on: dateText(service.state.advice_deadline) }) }) : null;
  root.replaceChildren(
    toolbar(detail, t('docs.advice'), button('print', t('docs.print_record'), () => record('print')),
      button('mail', t('docs.mailed'), () => record('mail'), true)),
    deadline, form, result, letter);
}

export function c91Page(root, detail, service) {
  root.replaceChildren(toolbar(detail, t('docs.c91'), button('print', t('docs.print'), () => window.print())), c91Doc(detail, service));
}
