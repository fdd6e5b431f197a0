// What people read on the desk: dates dd/mm/yyyy, instants in Europe/Brussels, the Dutch names of
// stages, fact kinds, training codes and advice, and countdowns to a deadline.

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

// A UTC instant → "01/12/2026 15:04" in Brussels.
export function instantText(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('nl-BE', {
    timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

const dayNumber = (iso) => Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000);

// Calendar days from `today` to `due` (both YYYY-MM-DD): positive = still to come.
export function daysLeft(due, today) { return dayNumber(due) - dayNumber(today); }

// "nog 5 dagen", "nog 1 dag", "vandaag", "1 dag te laat", "3 dagen te laat".
export function countdownText(days) {
  if (days === 0) return 'vandaag';
  const n = Math.abs(days);
  const unit = n === 1 ? 'dag' : 'dagen';
  return days > 0 ? `nog ${n} ${unit}` : `${n} ${unit} te laat`;
}

export function countdown(due, today) {
  const days = daysLeft(due, today);
  return el('span', { className: `countdown${days < 0 ? ' late' : days <= 3 ? ' soon' : ''}`,
    textContent: countdownText(days), dataset: { days: String(days) } });
}

export const STAGE_NL = {
  referred: 'doorverwezen', first_appointment: 'eerste afspraak', stopped: 'gestopt', present: 'aanwezig',
  mediation_started: 'bemiddeling gestart', suspended: 'geschorst', to_close: 'te sluiten', closed: 'afgesloten'
};

export const STAGE_EXPLAIN = {
  referred: 'VDAB heeft de klant doorverwezen; de eerste afspraak is nog niet afgewerkt.',
  first_appointment: 'De eerste afspraak is gepland of de klant was afwezig.',
  stopped: 'De dienstverlening is gestopt wegens afwezigheid.',
  present: 'De klant was aanwezig op de eerste afspraak. De bemiddeling kan nog niet of net starten.',
  mediation_started: 'De bemiddeling loopt.',
  suspended: 'De dienstverlening is geschorst.',
  to_close: 'De dienstverlening moet afgesloten worden: geef een eindadvies.',
  closed: 'De dienstverlening is afgesloten.'
};

export const KIND_NL = {
  agreement_sheet: 'Afsprakenblad opgemaakt', agreement_sheet_signed: 'Afsprakenblad getekend',
  weo_printed: 'Werkervaringsovereenkomst afgedrukt', weo_signed: 'Werkervaringsovereenkomst getekend',
  mediation_started: 'Bemiddeling gestart', training_line: 'Opleiding of stage geregistreerd',
  suspended: 'Geschorst', resumed: 'Hervat', work_found: 'Werk gevonden',
  action_plan_signed: 'Actieplan getekend', short_job: 'Korte job', art60_contract: 'Arbeidsovereenkomst art. 60 gestart',
  art60_contract_ended: 'Arbeidsovereenkomst art. 60 gestopt', final_advice: 'Eindadvies gegeven'
};

// The button that records each kind (agreement sheets, WEO, lines and advice have their own pages).
export const ACTION_NL = {
  agreement_sheet: 'Afsprakenblad opmaken', weo_printed: 'Werkervaringsovereenkomst afdrukken',
  weo_signed: 'Werkervaringsovereenkomst getekend', mediation_started: 'Bemiddeling starten',
  training_line: 'Opleiding of stage registreren', suspended: 'Schorsen', resumed: 'Hervatten',
  work_found: 'Werk gevonden', action_plan_signed: 'Actieplan getekend', short_job: 'Korte job registreren',
  art60_contract: 'Arbeidsovereenkomst art. 60 gestart', art60_contract_ended: 'Arbeidsovereenkomst art. 60 gestopt',
  final_advice: 'Eindadvies geven'
};

export const TRAINING_CODES = [
  ['953030', '953030 – BVS beroepsverkennende stage'],
  ['953081', '953081 – WES werkervaringsstage'],
  ['953082', '953082 – remediëring (context en generieke competenties)'],
  ['953070', '953070 – GOB-opleiding (gespecialiseerde opleiding en begeleiding)'],
  ['GBVS', 'GBVS – gespecialiseerde beroepsverkennende stage (vanuit 953070, stagetype 9)'],
  ['recognised_training', 'Erkende opleiding (VDAB-opleidingsgids)']
];
export const TRAINING_NL = Object.fromEntries(TRAINING_CODES);

export const ADVICE_NL = {
  no_need: 'geen nood aan persoonlijke dienstverlening', need: 'nood aan persoonlijke dienstverlening',
  exhausted: 'dienstverlening uitgeput', new_assessment: 'nieuwe inschaling nodig'
};

export const REASON_NL = {
  passive_category_3x: '3 maanden na elkaar in een passieve categorie', max_duration: 'maximale duur bereikt',
  no_contract_days_2_months: '2 maanden zonder contractdagen', art60_contract_ended: 'arbeidsovereenkomst art. 60 gestopt',
  aftercare_ended: 'nazorg voorbij'
};

export const WAY_NL = { manual_by_partner: 'door de partner, met eindadvies', automatic: 'automatisch, zonder advies',
  by_vdab: 'door VDAB' };

export const RETURNS_TO_NL = { head_of_office: 'diensthoofd', vdab_mediator: 'VDAB-bemiddelaar' };

export const OUTCOME_NL = { present: 'aanwezig', absent_valid: 'afwezig (geldige reden)',
  absent_invalid: 'afwezig (ongeldige reden)', rescheduled: 'herpland', reschedule: 'herpland' };

export const LANGUAGE_NL = { nl: 'Nederlands', fr: 'Frans', en: 'Engels', ar: 'Arabisch', tr: 'Turks' };

export const SYNC_NL = { pending: 'nog niet bij centraal', applied: 'ontvangen door centraal',
  refused: 'geweigerd door centraal', from_central: 'van centraal' };

// Today in Brussels as YYYY-MM-DD (the form's default dates).
export function brusselsToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
}

export function fullName(c) { return `${c.first_name} ${c.last_name}`; }
