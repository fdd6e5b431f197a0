// The documents the desk prints on one A4 page each: the agreement sheet, the work experience
// agreement (WEO, TWE-wz), the final advice letter and the C91 certificate (TWE). Headings are in
// Dutch and, where the client's language is known and not Dutch, also in that language (Arabic
// right to left). The text the mediator writes stays as written.
import { el, dateText, fullName, ADVICE_NL, REASON_NL } from './desk_format.js';
import { addTexts, t } from './desk_i18n.js';

addTexts({ 'print.preview': { nl: 'Afdrukvoorbeeld', fr: "Aperçu avant impression", en: 'Print preview' } });

const WORDS = {
  sheet: { nl: 'Afsprakenblad', fr: "Feuille d'accords", en: 'Agreement sheet', ar: 'ورقة الاتفاقات', tr: 'Anlaşma belgesi' },
  organisation: { nl: 'Organisatie', fr: 'Organisation', en: 'Organisation', ar: 'المنظمة', tr: 'Kurum' },
  client: { nl: 'Naam van de klant', fr: 'Nom du client', en: "Client's name", ar: 'اسم العميل', tr: 'Danışanın adı' },
  date: { nl: 'Datum', fr: 'Date', en: 'Date', ar: 'التاريخ', tr: 'Tarih' },
  work_points: { nl: 'Werkpunten', fr: 'Points de travail', en: 'Work points', ar: 'نقاط العمل', tr: 'Çalışma noktaları' },
  assignments: { nl: 'Opdrachten', fr: 'Missions', en: 'Assignments', ar: 'المهام', tr: 'Görevler' },
  deadline: { nl: 'Uiterlijk op', fr: 'Échéance', en: 'Deadline', ar: 'الموعد النهائي', tr: 'Son tarih' },
  next_contact: { nl: 'Volgend contact', fr: 'Prochain contact', en: 'Next contact', ar: 'الموعد القادم', tr: 'Bir sonraki görüşme' },
  partner_signature: { nl: 'Handtekening partner', fr: 'Signature du partenaire', en: "Partner's signature", ar: 'توقيع الشريك', tr: 'Kurumun imzası' },
  client_signature: { nl: 'Handtekening klant', fr: 'Signature du client', en: "Client's signature", ar: 'توقيع العميل', tr: 'Danışanın imzası' },
  weo: { nl: 'Werkervaringsovereenkomst', fr: "Convention d'expérience professionnelle", en: 'Work experience agreement', ar: 'اتفاقية الخبرة العملية', tr: 'İş deneyimi sözleşmesi' },
  start: { nl: 'Begindatum', fr: 'Date de début', en: 'Start date', ar: 'تاريخ البدء', tr: 'Başlangıç tarihi' },
  end: { nl: 'Einddatum', fr: 'Date de fin', en: 'End date', ar: 'تاريخ الانتهاء', tr: 'Bitiş tarihi' },
  advice: { nl: 'Eindadvies', fr: 'Avis final', en: 'Final advice', ar: 'التوصية النهائية', tr: 'Nihai tavsiye' },
  c91: { nl: 'Attest C91 – einde leertraject', fr: "Attestation C91 – fin du parcours d'apprentissage", en: 'C91 certificate – end of learning path', ar: 'شهادة C91 – نهاية مسار التعلم', tr: 'C91 belgesi – öğrenme yolunun sonu' },
  programme: { nl: 'Programma', fr: 'Programme', en: 'Programme', ar: 'البرنامج', tr: 'Program' }
};

const RTL = new Set(['ar']);

// "Werkpunten / Points de travail": Dutch first, then the client's language (its own direction).
export function bilingual(key, lang, tag = 'span') {
  const words = WORDS[key];
  const node = el(tag, { className: 'bilingual' }, el('span', { lang: 'nl', textContent: words.nl }));
  if (lang && lang !== 'nl' && words[lang]) {
    node.append(el('span', { className: 'separator', textContent: ' / ', attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'translation', lang, dir: RTL.has(lang) ? 'rtl' : 'ltr', textContent: words[lang] }));
  }
  return node;
}

function docHeader(detail, titleKey, lang, date) {
  return el('header', { className: 'doc-head' },
    bilingual(titleKey, lang, 'h1'),
    el('dl', { className: 'doc-facts' },
      el('dt', {}, bilingual('organisation', lang)), el('dd', { className: 'doc-site', textContent: detail.site.name }),
      el('dt', {}, bilingual('client', lang)), el('dd', { className: 'doc-client', textContent: fullName(detail.client) }),
      el('dt', {}, bilingual('date', lang)), el('dd', { className: 'doc-date', textContent: dateText(date) })));
}

function signatures(lang, partnerName) {
  const line = (key, name) => el('div', { className: 'signature' },
    el('div', { className: 'signature-line' }), bilingual(key, lang, 'div'),
    name ? el('div', { className: 'signature-name', textContent: name }) : null);
  return el('footer', { className: 'signatures' },
    line('partner_signature', partnerName), line('client_signature', null));
}

function doc(kind, lang, ...children) {
  return el('article', { className: `doc doc-${kind}`, dataset: { doc: kind }, attrs: { 'aria-label': t('print.preview') } }, ...children);
}

export function agreementSheetDoc(detail, service, sheet) {
  const lang = detail.client.language;
  const points = sheet.content.work_points.filter((p) => p.trim());
  const tasks = sheet.content.assignments.filter((a) => a.text.trim());
  return doc('agreement-sheet', lang,
    docHeader(detail, 'sheet', lang, sheet.on),
    el('p', { className: 'doc-programme', textContent: `${service.programme} · ${detail.client.coach_name || detail.site.name}` }),
    el('section', {}, bilingual('work_points', lang, 'h2'),
      points.length ? el('ol', {}, ...points.map((p) => el('li', { textContent: p }))) : el('p', { textContent: '–' })),
    el('section', {}, bilingual('assignments', lang, 'h2'),
      el('table', { className: 'doc-table' },
        el('thead', {}, el('tr', {}, el('th', { attrs: { scope: 'col' } }, bilingual('assignments', lang)),
          el('th', { attrs: { scope: 'col' } }, bilingual('deadline', lang)))),
        el('tbody', {}, ...(tasks.length ? tasks : [{ text: '–', due: '' }]).map((a) =>
          el('tr', {}, el('td', { textContent: a.text }), el('td', { textContent: a.due ? dateText(a.due) : '–' })))))),
    el('section', { className: 'doc-next' }, bilingual('next_contact', lang, 'h2'),
      el('p', { className: 'doc-next-date', textContent: dateText(sheet.next_contact) })),
    signatures(lang, detail.client.coach_name));
}

export function weoDoc(detail, service) {
  const lang = detail.client.language;
  // The first presence; else the day two years before the WEO's end (the API's own reckoning).
  const start = firstPresence(detail) || (service.state.weo_end &&
    `${Number(service.state.weo_end.slice(0, 4)) - 2}${service.state.weo_end.slice(4)}`);
  return doc('weo', lang,
    docHeader(detail, 'weo', lang, detail.today),
    el('p', { textContent: `Tussen ${detail.site.name} (de partner) en ${fullName(detail.client)} (de werkzoekende) ` +
      'wordt een werkervaringsovereenkomst gesloten binnen het traject tijdelijke werkervaring (TWE).' }),
    el('dl', { className: 'doc-facts doc-period' },
      el('dt', {}, bilingual('programme', lang)), el('dd', { textContent: service.programme }),
      el('dt', {}, bilingual('start', lang)), el('dd', { className: 'weo-start', textContent: dateText(start) }),
      el('dt', {}, bilingual('end', lang)), el('dd', { className: 'weo-end', textContent: dateText(service.state.weo_end) })),
    el('p', { textContent: 'De overeenkomst loopt 2 jaar vanaf de eerste afspraak. Vanaf dezelfde datum is de werkzoekende ' +
      '2 jaar vrijgesteld van beschikbaarheid voor de arbeidsmarkt. Het traject kan niet verlengd worden.' }),
    el('p', { textContent: 'De werkzoekende neemt deel aan de afgesproken acties (opleiding, stage, werkervaring) en ' +
      'meldt elke afwezigheid. De partner begeleidt, evalueert op de werkplek minstens elke 6 maanden en past het ' +
      'persoonlijk ontwikkelingsplan aan na elke evaluatie.' }),
    signatures(lang, detail.client.coach_name));
}

// The day of the first appointment completed as present (the WEO's start, 004 §1.3).
export function firstPresence(detail) {
  const present = detail.appointments.filter((a) => a.kind === 'first' && a.outcome === 'present')
    .map((a) => a.starts_at).sort();
  if (!present.length) return null;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(present[0]));
}

export function adviceLetterDoc(detail, service, advice, openActions) {
  const lang = detail.client.language;
  const s = service.state;
  return doc('advice-letter', lang,
    docHeader(detail, 'advice', lang, detail.today),
    el('p', { textContent: `Betreft: einde van de dienstverlening ${service.programme} bij ${detail.site.name}.` }),
    el('dl', { className: 'doc-facts' },
      el('dt', { textContent: 'Reden van afsluiten' }), el('dd', { textContent: REASON_NL[s.closing_reason] || s.closing_reason || '–' }),
      el('dt', { textContent: 'Te sluiten sinds' }), el('dd', { textContent: dateText(s.to_close_on) }),
      el('dt', {}, bilingual('advice', lang)),
      el('dd', { className: 'letter-advice', textContent: advice ? ADVICE_NL[advice] : 'nog te kiezen' })),
    el('p', { className: 'letter-open', textContent: openActions
      ? 'Er staan nog open acties of contacten in het dossier: de bemiddeling gaat terug naar VDAB.'
      : 'Er staan geen open acties of contacten meer in het dossier.' }),
    el('p', { textContent: 'Met dit eindadvies sluit de partner de dienstverlening af. VDAB bekijkt op basis van dit ' +
      'advies welke begeleiding de klant verder nodig heeft.' }),
    signatures(lang, detail.client.coach_name));
}

export function c91Doc(detail, service) {
  const lang = detail.client.language;
  const s = service.state;
  return doc('c91', lang,
    docHeader(detail, 'c91', lang, s.closed_on || detail.today),
    el('p', { textContent: `${detail.site.name} verklaart dat ${fullName(detail.client)} het leertraject binnen ` +
      `${service.programme} (tijdelijke werkervaring) beëindigd heeft.` }),
    el('dl', { className: 'doc-facts doc-period' },
      el('dt', {}, bilingual('start', lang)), el('dd', { textContent: dateText(s.mediation_start || service.referred_on) }),
      el('dt', {}, bilingual('end', lang)), el('dd', { className: 'c91-end', textContent: dateText(s.closed_on) })),
    el('p', { textContent: 'Dit attest wordt aan de klant overhandigd voor de werkervaringsstage (WES).' }),
    signatures(lang, detail.client.coach_name));
}
