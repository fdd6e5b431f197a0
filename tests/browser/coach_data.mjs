// The coach tests' site (coach.test.mjs): two coaches of a GOB/GLOW/TWE partner with their own
// caseloads, each client's service with the history that leads to a telling state, dated from
// today in Brussels. Jan's clients: Tom (G-WPL, a GBVS stage from the GOB's 953070 line), Sara
// (GLOW, a WES at a school: community service), Koen (TWE-wz, no workplace evaluation for seven
// months: overdue), Ines (TIBB4, only referred; later moved to Lies). Lies's client: Bart.

export const brusselsDate = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' })
  .format(new Date(Date.now() + offsetDays * 86400000));
export const shown = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export const JAN = { id: 'st-jan', name: 'Jan De Smet', username: 'jan', password: 'coach-jan-pass-1' };
export const LIES = { id: 'st-lies', name: 'Lies Maes', username: 'lies', password: 'coach-lies-pass-1' };

const day = brusselsDate;
const facts = [];
const appointments = [];

function fact(client, name, kind, on, fields = {}) {
  facts.push({ id: `sf-${client}-${name}`, service_id: `svc-${client}`,
    payload: { kind, on, occurred_at: `${on}T10:00:00Z`, recorded_by: JAN.id, ...fields } });
}

function presentAt(client, on) {
  appointments.push({ id: `ap-${client}-first`, client_id: `c-${client}`, staff_id: JAN.id, kind: 'first', registered: false,
    starts_at: `${on}T09:30:00+01:00`, duration_min: 45, location: 'Bureau 2', outcome: 'present' });
}

function signedSheet(client, on, workPoints) {
  fact(client, 'sheet', 'agreement_sheet', on, { next_contact: day(-1), content: { work_points: workPoints } });
  fact(client, 'sheet-signed', 'agreement_sheet_signed', on, { refers_to: `sf-${client}-sheet` });
}

presentAt('tom', day(-70));
signedSheet('tom', day(-68), ['Stage in de logistiek', 'Competentieverslag']);
fact('tom', 'start', 'mediation_started', day(-63));
fact('tom', 'gob-line', 'training_line', day(-62), { until: day(300), code: '953070', hours: 0 });
fact('tom', 'gbvs', 'training_line', day(-56), { until: day(60), code: 'GBVS', hours: 800 });

presentAt('sara', day(-75));
signedSheet('sara', day(-73), ['Werkervaring in een school']);
fact('sara', 'start', 'mediation_started', day(-70));
fact('sara', 'wes', 'training_line', day(-65), { until: day(60), code: '953081', hours: 300, place: 'school' });

presentAt('koen', day(-250));
fact('koen', 'weo-printed', 'weo_printed', day(-248));
fact('koen', 'weo-signed', 'weo_signed', day(-247));
signedSheet('koen', day(-246), ['Werkervaring in de groenzorg']);
fact('koen', 'start', 'mediation_started', day(-240));
fact('koen', 'wes', 'training_line', day(-230), { until: day(100), code: '953081', hours: 400 });

export const DATA = {
  staff: [JAN, LIES],
  clients: [
    { id: 'c-tom', first_name: 'Tom', last_name: 'Willems', language: 'nl', programme: 'G-WPL', coach_id: JAN.id },
    { id: 'c-sara', first_name: 'Sara', last_name: 'Haddad', language: 'ar', programme: 'GLOW', coach_id: JAN.id },
    { id: 'c-koen', first_name: 'Koen', last_name: 'Janssens', language: 'nl', programme: 'TWE-wz', coach_id: JAN.id },
    { id: 'c-ines', first_name: 'Ines', last_name: 'Aerts', language: 'fr', programme: 'TIBB4', coach_id: JAN.id },
    { id: 'c-bart', first_name: 'Bart', last_name: 'Claes', language: 'nl', programme: 'G-WPL', coach_id: LIES.id }
  ],
  appointments,
  services: [
    { id: 'svc-tom', client_id: 'c-tom', programme: 'G-WPL', referred_on: day(-80) },
    { id: 'svc-sara', client_id: 'c-sara', programme: 'GLOW', referred_on: day(-80) },
    { id: 'svc-koen', client_id: 'c-koen', programme: 'TWE-wz', referred_on: day(-260) },
    { id: 'svc-ines', client_id: 'c-ines', programme: 'TIBB4', referred_on: day(-5), max_duration_months: 12 },
    { id: 'svc-bart', client_id: 'c-bart', programme: 'G-WPL', referred_on: day(-30) }
  ],
  service_facts: facts
};

// The same site with Ines moved to Lies's caseload (VDAB's planning moved her).
export const INES_TO_LIES = {
  clients: [{ ...DATA.clients.find((c) => c.id === 'c-ines'), coach_id: LIES.id }]
};
