// What people read on the desk: dates dd/mm/yyyy, instants in Europe/Brussels, the names of
// stages, fact kinds, training codes and advice in the desk's language, and countdowns.
import { addTexts, t } from './desk_i18n.js';

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'attrs') for (const [a, v] of Object.entries(value)) node.setAttribute(a, v);
    else node[key] = value;
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

// "2026-12-01" → "01/12/2026"; anything else as it is, missing → "–".
export function dateText(iso) {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(iso);
}

// An instant's parts in Brussels, whatever the browser's time zone and language.
const BRUSSELS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit',
  year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function brusselsParts(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(BRUSSELS.formatToParts(d).map((p) => [p.type, p.value]));
}

// A UTC instant → "01/12/2026 15:04" in Brussels.
export function instantText(iso) {
  const p = brusselsParts(iso);
  if (!p) return iso ? String(iso) : '–';
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

// A UTC instant → "15:04" in Brussels.
export function timeText(iso) {
  const p = brusselsParts(iso);
  return p ? `${p.hour}:${p.minute}` : '–';
}

// A UTC instant → its day in Brussels, "2026-12-01".
export function brusselsDay(iso) {
  const p = brusselsParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : '';
}

const dayNumber = (iso) => Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000);

// Calendar days from `today` to `due` (both YYYY-MM-DD): positive = still to come.
export function daysLeft(due, today) { return dayNumber(due) - dayNumber(today); }

// "nog 5 dagen", "nog 1 dag", "vandaag", "1 dag te laat", "3 dagen te laat" (or fr, en).
export function countdownText(days) {
  if (days === 0) return t('countdown.today');
  const n = Math.abs(days);
  return t(`countdown.${days > 0 ? 'left' : 'late'}${n === 1 ? '_1' : ''}`, { n });
}

export function countdown(due, today) {
  const days = daysLeft(due, today);
  return el('span', { className: `countdown${days < 0 ? ' late' : days <= 3 ? ' soon' : ''}`,
    textContent: countdownText(days), dataset: { days: String(days) } });
}

// Each label in nl, fr and en (desk_i18n.js); the *_NL maps are the Dutch ones, for the coach's
// pages, which are Dutch only.
const LABELS = {
  stage: {
    referred: ['doorverwezen', 'orienté', 'referred'], first_appointment: ['eerste afspraak', 'premier rendez-vous', 'first appointment'],
    stopped: ['gestopt', 'arrêté', 'stopped'], present: ['aanwezig', 'présent', 'present'],
    mediation_started: ['bemiddeling gestart', 'médiation commencée', 'mediation started'], suspended: ['geschorst', 'suspendu', 'suspended'],
    to_close: ['te sluiten', 'à clôturer', 'to close'], closed: ['afgesloten', 'clôturé', 'closed']
  },
  explain: {
    referred: ['VDAB heeft de klant doorverwezen; de eerste afspraak is nog niet afgewerkt.',
      "Le VDAB a orienté le client ; le premier rendez-vous n'est pas encore clôturé.",
      'VDAB referred the client; the first appointment is not completed yet.'],
    first_appointment: ['De eerste afspraak is gepland of de klant was afwezig.',
      'Le premier rendez-vous est planifié ou le client était absent.', 'The first appointment is planned or the client was absent.'],
    stopped: ['De dienstverlening is gestopt wegens afwezigheid.', "Le service est arrêté pour cause d'absence.",
      'The service stopped because of absence.'],
    present: ['De klant was aanwezig op de eerste afspraak. De bemiddeling kan nog niet of net starten.',
      'Le client était présent au premier rendez-vous. La médiation ne peut pas encore commencer ou vient de commencer.',
      'The client attended the first appointment. Mediation cannot start yet or is just starting.'],
    mediation_started: ['De bemiddeling loopt.', 'La médiation est en cours.', 'Mediation is under way.'],
    suspended: ['De dienstverlening is geschorst.', 'Le service est suspendu.', 'The service is suspended.'],
    to_close: ['De dienstverlening moet afgesloten worden: geef een eindadvies.', 'Le service doit être clôturé : donnez un avis final.',
      'The service must be closed: give a final advice.'],
    closed: ['De dienstverlening is afgesloten.', 'Le service est clôturé.', 'The service is closed.']
  },
  kind: {
    agreement_sheet: ['Afsprakenblad opgemaakt', "Feuille d'accords rédigée", 'Agreement sheet drawn up'],
    agreement_sheet_signed: ['Afsprakenblad getekend', "Feuille d'accords signée", 'Agreement sheet signed'],
    weo_printed: ['Werkervaringsovereenkomst afgedrukt', "Convention d'expérience professionnelle imprimée", 'Work experience agreement printed'],
    weo_signed: ['Werkervaringsovereenkomst getekend', "Convention d'expérience professionnelle signée", 'Work experience agreement signed'],
    mediation_started: ['Bemiddeling gestart', 'Médiation commencée', 'Mediation started'],
    training_line: ['Opleiding of stage geregistreerd', 'Formation ou stage enregistré', 'Training or placement recorded'],
    suspended: ['Geschorst', 'Suspendu', 'Suspended'], resumed: ['Hervat', 'Repris', 'Resumed'],
    work_found: ['Werk gevonden', 'Emploi trouvé', 'Work found'], action_plan_signed: ["Actieplan getekend", "Plan d'action signé", 'Action plan signed'],
    short_job: ['Korte job', 'Emploi de courte durée', 'Short job'],
    art60_contract: ['Arbeidsovereenkomst art. 60 gestart', 'Contrat de travail art. 60 commencé', 'Art. 60 employment contract started'],
    art60_contract_ended: ['Arbeidsovereenkomst art. 60 gestopt', 'Contrat de travail art. 60 terminé', 'Art. 60 employment contract ended'],
    final_advice: ['Eindadvies gegeven', 'Avis final donné', 'Final advice given']
  },
  action: {
    agreement_sheet: ['Afsprakenblad opmaken', "Rédiger une feuille d'accords", 'Draw up an agreement sheet'],
    weo_printed: ['Werkervaringsovereenkomst afdrukken', "Imprimer la convention d'expérience professionnelle", 'Print the work experience agreement'],
    weo_signed: ['Werkervaringsovereenkomst getekend', "Convention d'expérience professionnelle signée", 'Work experience agreement signed'],
    mediation_started: ['Bemiddeling starten', 'Commencer la médiation', 'Start mediation'],
    training_line: ['Opleiding of stage registreren', 'Enregistrer une formation ou un stage', 'Record a training or placement'],
    suspended: ['Schorsen', 'Suspendre', 'Suspend'], resumed: ['Hervatten', 'Reprendre', 'Resume'],
    work_found: ['Werk gevonden', 'Emploi trouvé', 'Work found'], action_plan_signed: ['Actieplan getekend', "Plan d'action signé", 'Action plan signed'],
    short_job: ['Korte job registreren', 'Enregistrer un emploi de courte durée', 'Record a short job'],
    art60_contract: ['Arbeidsovereenkomst art. 60 gestart', 'Contrat de travail art. 60 commencé', 'Art. 60 employment contract started'],
    art60_contract_ended: ['Arbeidsovereenkomst art. 60 gestopt', 'Contrat de travail art. 60 terminé', 'Art. 60 employment contract ended'],
    final_advice: ['Eindadvies geven', 'Donner un avis final', 'Give a final advice']
  },
  training: {
    953030: ['953030 – BVS beroepsverkennende stage', "953030 – BVS stage d'exploration professionnelle", '953030 – BVS career exploration placement'],
    953081: ['953081 – WES werkervaringsstage', "953081 – WES stage d'expérience professionnelle", '953081 – WES work experience placement'],
    953082: ['953082 – remediëring (context en generieke competenties)', '953082 – remédiation (contexte et compétences génériques)',
      '953082 – remediation (context and generic skills)'],
    953070: ['953070 – GOB-opleiding (gespecialiseerde opleiding en begeleiding)', '953070 – formation GOB (formation et accompagnement spécialisés)',
      '953070 – GOB training (specialised training and guidance)'],
    GBVS: ['GBVS – gespecialiseerde beroepsverkennende stage (vanuit 953070, stagetype 9)',
      "GBVS – stage d'exploration professionnelle spécialisé (depuis 953070, type de stage 9)",
      'GBVS – specialised career exploration placement (from 953070, placement type 9)'],
    recognised_training: ['Erkende opleiding (VDAB-opleidingsgids)', 'Formation reconnue (guide des formations du VDAB)',
      'Recognised training (VDAB training guide)']
  },
  advice: {
    no_need: ['geen nood aan persoonlijke dienstverlening', "pas besoin d'un service personnalisé", 'no need for personal services'],
    need: ['nood aan persoonlijke dienstverlening', "besoin d'un service personnalisé", 'need for personal services'],
    exhausted: ['dienstverlening uitgeput', 'service épuisé', 'services exhausted'],
    new_assessment: ['nieuwe inschaling nodig', 'nouvelle évaluation nécessaire', 'new assessment needed']
  },
  reason: {
    passive_category_3x: ['3 maanden na elkaar in een passieve categorie', '3 mois de suite dans une catégorie passive', '3 months in a row in a passive category'],
    max_duration: ['maximale duur bereikt', 'durée maximale atteinte', 'maximum duration reached'],
    no_contract_days_2_months: ['2 maanden zonder contractdagen', '2 mois sans jours de contrat', '2 months without contract days'],
    art60_contract_ended: ['arbeidsovereenkomst art. 60 gestopt', 'contrat de travail art. 60 terminé', 'art. 60 employment contract ended'],
    aftercare_ended: ['nazorg voorbij', 'suivi terminé', 'aftercare over']
  },
  way: {
    manual_by_partner: ['door de partner, met eindadvies', 'par le partenaire, avec avis final', 'by the partner, with final advice'],
    automatic: ['automatisch, zonder advies', 'automatiquement, sans avis', 'automatically, without advice'],
    by_vdab: ['door VDAB', 'par le VDAB', 'by VDAB']
  },
  returns_to: {
    head_of_office: ['diensthoofd', 'chef de service', 'head of office'],
    vdab_mediator: ['VDAB-bemiddelaar', 'médiateur du VDAB', 'VDAB mediator']
  },
  outcome: {
    present: ['aanwezig', 'présent', 'present'], absent_valid: ['afwezig (geldige reden)', 'absent (motif valable)', 'absent (valid reason)'],
    absent_invalid: ['afwezig (ongeldige reden)', 'absent (motif non valable)', 'absent (no valid reason)'],
    rescheduled: ['herpland', 'replanifié', 'rescheduled'], reschedule: ['herpland', 'replanifié', 'rescheduled']
  },
  // The history's lines: as the agent names them in Dutch and English (client_history.cpp).
  history: {
    checked_in: ['Aangemeld aan de kiosk', 'Arrivée enregistrée à la borne', 'Checked in at the kiosk'],
    present: ['Aanwezig', 'Présent', 'Present'], absent_valid: ['Afwezig met geldige reden', 'Absent pour un motif valable', 'Absent, valid reason'],
    absent_invalid: ['Afwezig zonder geldige reden', 'Absent sans motif valable', 'Absent, no valid reason'],
    rescheduled: ['Herpland', 'Replanifié', 'Rescheduled'],
    agreement_sheet: ['Afsprakenblad opgemaakt', "Feuille d'accords rédigée", 'Agreement sheet drawn up'],
    agreement_sheet_signed: ['Afsprakenblad ondertekend', "Feuille d'accords signée", 'Agreement sheet signed'],
    weo_printed: ['Werkervaringsovereenkomst afgedrukt', "Convention d'expérience professionnelle imprimée", 'Work experience agreement printed'],
    weo_signed: ['Werkervaringsovereenkomst getekend', "Convention d'expérience professionnelle signée", 'Work experience agreement signed'],
    mediation_started: ['Bemiddelingsproces gestart', 'Processus de médiation commencé', 'Mediation started'],
    training_line: ['Opleidings- of stagelijn', 'Ligne de formation ou de stage', 'Training or stage line'],
    suspended: ['Geschorst', 'Suspendu', 'Suspended'], resumed: ['Hervat', 'Repris', 'Resumed'],
    work_found: ['Werk gevonden: nazorg start', 'Emploi trouvé : le suivi commence', 'Work found: aftercare starts'],
    action_plan_signed: ['Actieplan ondertekend', "Plan d'action signé", 'Action plan signed'],
    short_job: ['Korte job', 'Emploi de courte durée', 'Short job'],
    art60_contract: ['Arbeidsovereenkomst art. 60 gestart', 'Contrat de travail art. 60 commencé', 'Art. 60 contract started'],
    art60_contract_ended: ['Arbeidsovereenkomst art. 60 gestopt', 'Contrat de travail art. 60 terminé', 'Art. 60 contract ended'],
    final_advice: ['Eindadvies gegeven: afgesloten', 'Avis final donné : clôturé', 'Final advice given: closed']
  },
  language: {
    nl: ['Nederlands', 'néerlandais', 'Dutch'], fr: ['Frans', 'français', 'French'], en: ['Engels', 'anglais', 'English'],
    ar: ['Arabisch', 'arabe', 'Arabic'], tr: ['Turks', 'turc', 'Turkish']
  },
  sync: {
    pending: ['nog niet bij centraal', 'pas encore au central', 'not yet at central'],
    applied: ['ontvangen door centraal', 'reçu par le central', 'received by central'],
    refused: ['geweigerd door centraal', 'refusé par le central', 'refused by central'],
    from_central: ['van centraal', 'du central', 'from central']
  }
};
const texts = {};
for (const [group, entries] of Object.entries(LABELS)) {
  for (const [code, [nl, fr, en]] of Object.entries(entries)) texts[`${group}.${code}`] = { nl, fr, en };
}
addTexts(texts);
addTexts({
  'countdown.today': { nl: 'vandaag', fr: "aujourd'hui", en: 'today' },
  'countdown.left_1': { nl: 'nog 1 dag', fr: 'encore 1 jour', en: '1 day left' },
  'countdown.left': { nl: 'nog {n} dagen', fr: 'encore {n} jours', en: '{n} days left' },
  'countdown.late_1': { nl: '1 dag te laat', fr: '1 jour de retard', en: '1 day late' },
  'countdown.late': { nl: '{n} dagen te laat', fr: '{n} jours de retard', en: '{n} days late' }
});

// The label of `code` in `group` in the desk's language; an unknown code as it is.
export function label(group, code) {
  if (code === null || code === undefined) return '';
  return texts[`${group}.${code}`] ? t(`${group}.${code}`) : String(code);
}
const dutch = (group) => Object.fromEntries(Object.entries(LABELS[group]).map(([code, [nl]]) => [code, nl]));
export const STAGE_NL = dutch('stage');
export const STAGE_EXPLAIN = dutch('explain');
export const KIND_NL = dutch('kind');
export const ACTION_NL = dutch('action');
export const TRAINING_NL = dutch('training');
export const ADVICE_NL = dutch('advice');
export const REASON_NL = dutch('reason');
export const WAY_NL = dutch('way');
export const RETURNS_TO_NL = dutch('returns_to');
export const OUTCOME_NL = dutch('outcome');
export const LANGUAGE_NL = dutch('language');
export const SYNC_NL = dutch('sync');
// The training codes in the order staff choose them.
export const TRAINING_CODES = ['953030', '953081', '953082', '953070', 'GBVS', 'recognised_training'];

// Today in Brussels as YYYY-MM-DD (the form's default dates).
export function brusselsToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
}

export function fullName(c) { return `${c.first_name} ${c.last_name}`; }
