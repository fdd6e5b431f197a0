// A full morning at the desk (desk_today*.test.mjs): two mediators, fourteen appointments from
// 40 minutes ago to 100 minutes ahead (the Brussels day's list: near midnight they spill over), clients with their own mediator (coach_id). Codes are given
// for the clients the tests check in through the kiosk API.
import { minutesFromNow } from './harness.mjs';

export const ELS = { id: 'st-els', name: 'Els Peeters', username: 'els', password: 'correct-horse-1' };
export const JAN = { id: 'st-jan', name: 'Jan De Smet', username: 'jan', password: 'correct-horse-2' };

const people = [
  ['koen', 'Koen', 'Janssens', 'TWE-wz', 'first', -40, ELS, JAN],
  ['amina', 'Amina', 'Benali', 'TIBB4 anderstaligen', 'regular', -30, ELS, ELS],
  ['mehmet', 'Mehmet', 'Yilmaz', 'TIBB4', 'regular', -20, JAN, JAN],
  ['claire', 'Claire', 'Dubois', 'SCRABA', 'regular', -10, ELS, ELS],
  ['sara', 'Sara', 'Haddad', 'GLOW', 'regular', 5, JAN, JAN],
  ['tom', 'Tom', 'Peeters', 'TIBB4', 'first', 15, ELS, JAN],
  ['ines', 'Ines', 'Maes', 'SCRABA', 'regular', 25, JAN, JAN],
  ['bart', 'Bart', 'Wouters', 'TIBB4', 'regular', 35, ELS, ELS],
  ['yusuf', 'Yusuf', 'Demir', 'TIBB4 anderstaligen', 'regular', 45, JAN, JAN],
  ['lotte', 'Lotte', 'Claes', 'SCRABA', 'regular', 50, ELS, ELS],
  ['omar', 'Omar', 'Haddou', 'TIBB4', 'regular', 70, JAN, JAN],
  ['eva', 'Eva', 'Goossens', 'TIBB4', 'regular', 80, ELS, ELS],
  ['noah', 'Noah', 'Willems', 'SCRABA', 'regular', 90, JAN, JAN]
];

export const CODES = {};
const appointments = people.map(([key, , , , kind, minutes, staff], i) => {
  const code = `DAY${'ABCDEFGHJKMNPQ'[i]}${'23456789'[i % 8]}X`;
  CODES[key] = code;
  return { id: `ap-${key}`, client_id: `c-${key}`, staff_id: staff.id, kind, registered: false,
    starts_at: minutesFromNow(minutes), duration_min: 30, location: i % 2 ? 'Bureau 2' : 'Wachtzaal 1', code };
});
// Amina comes twice today: one residence box for her, not two.
appointments.push({ id: 'ap-amina-2', client_id: 'c-amina', staff_id: ELS.id, kind: 'regular', registered: false,
  starts_at: minutesFromNow(100), duration_min: 30, location: 'Bureau 2', code: 'DAYRRX' });
CODES['amina-2'] = 'DAYRRX';

export const TODAY_DATA = {
  staff: [ELS, JAN],
  clients: people.map(([key, first, last, programme, , , , coach]) =>
    ({ id: `c-${key}`, first_name: first, last_name: last, language: 'nl', programme, coach_id: coach.id })),
  appointments
};

export async function checkIn(url, code) {
  const response = await fetch(`${url}/api/v1/kiosk/checkin`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code })
  });
  return response.status;
}

// The agent's answer for today, as the signed-in page sees it.
export function todayOnPage(page) {
  return page.evaluate(async () => (await fetch('/api/v1/desk/today')).json());
}

export const brusselsDay = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' })
  .format(new Date(Date.now() + offsetDays * 86400000));
export const shownDay = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
