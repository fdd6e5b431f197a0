#!/usr/bin/env python3
"""Prints a realistic import file (docs/import-format.md) for a demo site: today's appointments
around the current time, so the kiosk can check people in right away, and for every programme a
client whose service is in a telling state (issue 13), with the history that leads there.

Usage: demo-data.py [ISO-DATE-TIME [HISTORY-DAY]]   (defaults: now, and today; scripts/demo.sh
keeps the day of the demo's first run, so that running it again brings the same history, which
central keeps once: facts are append-only)
National register numbers are synthetic (valid mod-97, not real people).
"""
import calendar
import datetime as dt
import json
import sys


def national_number(yymmdd: str, serial: int, born_2000: bool) -> str:
    nine = int(f"{yymmdd}{serial:03d}")
    base = nine + 2_000_000_000 if born_2000 else nine
    return f"{yymmdd}{serial:03d}{97 - base % 97:02d}"


ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # domain/checkin_code.hpp


def checkin_code(random_part: str) -> str:
    """The 8 symbols plus their check character: the weighted sum (weights 1..9) is 0 mod 31."""
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(random_part)) % 31
    return random_part + ALPHABET[(31 - total) % 31 * 7 % 31]  # 7 = 1/9 mod 31


def add_months(day: dt.date, months: int) -> dt.date:
    """As domain/calendar.hpp: the same day so many months on, or that month's last day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


now = dt.datetime.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else dt.datetime.now(dt.timezone.utc)
now = now.replace(second=0, microsecond=0)
H = dt.date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else now.date()


def day(offset_days: int, base: dt.date = H) -> dt.date:
    return base + dt.timedelta(days=offset_days)


staff = [
    # Demo sign-in for the desk: els / demo-password.
    {"id": "st-els", "name": "Els Peeters", "username": "els", "password": "demo-password"},
    {"id": "st-jan", "name": "Jan De Smet"},
    # The coach's laptop (scripts/demo.sh): fatima / demo-password, her own caseload only.
    {"id": "st-fatima", "name": "Fatima El Amrani", "username": "fatima", "password": "demo-password"},
]
# The first eight have an appointment today (codes DEMA2AGTD .. DEMA9HGTZ); the kind follows the
# client's history: a first appointment until the client was present at one.
people = [
    ("Amina", "Benali", "ar", "TIBB4 anderstaligen", "st-els", ("850730", 33, False)),
    ("Mehmet", "Yilmaz", "tr", "TIBB4", "st-jan", ("920214", 121, False)),
    ("Claire", "Dubois", "fr", "SCRABA", "st-fatima", ("780911", 45, False)),
    ("Koen", "Janssens", "nl", "TWE-wz", "st-els", ("010305", 7, True)),
    ("Sara", "Haddad", "ar", "GLOW", "st-jan", ("960622", 88, False)),
    ("Tom", "Willems", "nl", "G-WPL", "st-fatima", ("881130", 230, False)),
    ("Grace", "Mensah", "en", "SAB3", "st-els", ("030417", 15, True)),
    ("Yusuf", "Demir", "tr", "TWE-art60", "st-jan", ("750101", 301, False)),
    ("Lotte", "Claes", "nl", "WIJ3", "st-fatima", ("900512", 144, False)),
    ("Bram", "Peeters", "nl", "G-JC", "st-els", ("870923", 62, False)),
]
TODAY_KIND = {1: ("first", False), 5: ("first", True), 7: ("first", False)}  # others: regular

clients, appointments, services, categories, facts = [], [], [], [], []
# 09:00 in Brussels tomorrow (CET in winter, CEST in summer: the last Sundays of March and October).
def brussels_offset(d: dt.date) -> int:
    last_sunday = lambda month: max(w for w in range(25, 32) if dt.date(d.year, month, w).weekday() == 6)
    summer = dt.date(d.year, 3, last_sunday(3)) <= d < dt.date(d.year, 10, last_sunday(10))
    return 2 if summer else 1
_tomorrow = now.date() + dt.timedelta(days=1)
tomorrow_at_nine = dt.datetime(_tomorrow.year, _tomorrow.month, _tomorrow.day, 9 - brussels_offset(_tomorrow),
                               tzinfo=dt.timezone.utc)


def client_of(n: int):
    return f"cl-{n:03d}", people[n - 1][4]


def service(n: int, referred: dt.date, **tender):
    cid, _ = client_of(n)
    services.append({"id": f"svc-{cid}", "client_id": cid, "programme": people[n - 1][3],
                     "referred_on": referred.isoformat(), **tender})


def past_first(n: int, on: dt.date, outcome: str, registered: bool = False):
    cid, coach = client_of(n)
    appointments.append({
        "id": f"ap-{n:03d}-first", "client_id": cid, "staff_id": coach, "kind": "first",
        "registered": registered, "starts_at": f"{on.isoformat()}T09:30:00+01:00",
        "duration_min": 45, "location": "Bureau 2", "outcome": outcome})


def fact(n: int, name: str, kind: str, on: dt.date, **fields):
    cid, coach = client_of(n)
    payload = {"kind": kind, "on": on.isoformat(), "occurred_at": f"{on.isoformat()}T10:00:00Z",
               "recorded_by": coach}
    payload.update({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()})
    facts.append({"id": f"sf-{n:03d}-{name}", "service_id": f"svc-{cid}", "payload": payload})


def signed_sheet(n: int, on: dt.date, work_points):
    fact(n, "sheet-1", "agreement_sheet", on, next_contact=day(14, on),
         content={"work_points": work_points, "assignments": [
             {"what": "Cv bijwerken", "by": day(7, on).isoformat()}]})
    fact(n, "sheet-1-signed", "agreement_sheet_signed", on, refers_to=f"sf-{n:03d}-sheet-1")


def month_ends(n: int, months, category: str):
    cid, _ = client_of(n)
    for m in months:
        categories.append({"client_id": cid, "month": m.strftime("%Y-%m"), "category": category})


# 1 Amina, TIBB4 anderstaligen: referred last week, her first appointment is today.
service(1, day(-9), max_duration_months=18)
# 2 Mehmet, TIBB4: mediation started a year and ten days ago; the tender's 12 months are over,
# so the service is to be closed: the desk has a month for the final advice.
start = day(-10, add_months(H, -12))
service(2, day(-21, start), max_duration_months=12)
past_first(2, day(-7, start), "present")
signed_sheet(2, day(-4, start), ["Nederlands tot A2", "Heftruckattest"])
fact(2, "start", "mediation_started", start)
month_ends(2, [add_months(start, i) for i in range(12)], "active")
# 3 Claire, SCRABA: present 20 days ago; her first agreement sheet is drawn up but not signed,
# five days after the 15 it may take.
service(3, day(-35), max_duration_months=18)
past_first(3, day(-20), "present")
fact(3, "sheet-1", "agreement_sheet", day(-18), next_contact=day(-4),
     content={"work_points": ["Kinderopvang regelen", "Sollicitatietraining"]})
# 4 Koen, TWE-wz: the work experience agreement printed and signed, mediation started, a work
# experience stage (953081) running.
service(4, day(-45))
past_first(4, day(-30), "present")
fact(4, "weo-printed", "weo_printed", day(-28))
fact(4, "weo-signed", "weo_signed", day(-27))
signed_sheet(4, day(-26), ["Werkervaring in de groenzorg"])
fact(4, "start", "mediation_started", day(-21))
fact(4, "wes", "training_line", day(-14), until=day(76), code="953081", hours=200)
month_ends(4, [add_months(H, -1)], "active")
# 5 Sara, GLOW: did not come to her first appointment, without a reason; today's is registered.
service(5, day(-20))
past_first(5, day(-6), "absent_invalid")
# 6 Tom, G-WPL: the GOB's training line 953070 and, from it, a specialised occupational
# exploration stage (GBVS, stage type 9) over two places, 780 of its 800 hours registered.
first_day = add_months(H, -6)
service(6, day(-20, first_day))
past_first(6, first_day, "present")
signed_sheet(6, day(2, first_day), ["Stage in de logistiek", "Competentieverslag"])
fact(6, "start", "mediation_started", day(7, first_day))
line_1 = day(14, first_day)
fact(6, "gob-line", "training_line", day(8, first_day), until=add_months(first_day, 12),
     code="953070", hours=0)
fact(6, "gbvs-1", "training_line", line_1, until=add_months(line_1, 3), code="GBVS", hours=420)
fact(6, "gbvs-2", "training_line", day(1, add_months(line_1, 3)), until=add_months(line_1, 7),
     code="GBVS", hours=360)
# 7 Grace, SAB3: referred, her first appointment is later (too early to check in now).
service(7, day(-12), max_duration_months=18)
# 8 Yusuf, TWE-art60: mediation started, his art. 60 employment contract started 20 days ago.
service(8, day(-60))
past_first(8, day(-45), "present")
signed_sheet(8, day(-43), ["Arbeidscontract art. 60 bij de technische dienst"])
fact(8, "start", "mediation_started", day(-40))
fact(8, "art60", "art60_contract", day(-20))
# 9 Lotte, WIJ3: closes at the later of 18 months of mediation and the projects' end.
service(9, day(-100), project_end=f"{H.year + 1}-11-30")
past_first(9, day(-90), "present")
signed_sheet(9, day(-88), ["Wijkwerk in het buurthuis"])
fact(9, "start", "mediation_started", day(-85))
# 10 Bram, G-JC: the action plan signed, with the employer, in a three-party agreement.
service(10, day(-30))
past_first(10, day(-21), "present")
fact(10, "start", "mediation_started", day(-20))
fact(10, "action-plan", "action_plan_signed", day(-14), employer_involved=True,
     three_party_agreement=True)

for i, (first, last, lang, programme, coach, nn) in enumerate(people):
    cid = f"cl-{i + 1:03d}"
    clients.append({
        "id": cid, "first_name": first, "last_name": last, "language": lang,
        "programme": programme, "coach_id": coach, "national_number": national_number(*nn),
    })
    if i >= 8:
        continue
    # Around now: the demo's agent accepts check-ins all day (scripts/demo.sh widens its window),
    # so these codes work whenever the demo runs. Grace's (7) is four hours on (or, late in the
    # day, tomorrow at 09:00 Brussels): her code shows "too early", with when to come back.
    start = now + dt.timedelta(minutes=-20 + 15 * i)
    if i == 6:
        later = now + dt.timedelta(hours=4)
        same_day = (later + dt.timedelta(hours=brussels_offset(later.date()))).date() == \
            (now + dt.timedelta(hours=brussels_offset(now.date()))).date()
        start = later if same_day else tomorrow_at_nine
    kind, registered = TODAY_KIND.get(i + 1, ("regular", False))
    appointments.append({
        "id": f"ap-{i + 1:03d}", "client_id": cid, "staff_id": coach,
        "kind": kind, "registered": registered,
        "starts_at": start.isoformat(), "duration_min": 30 if i % 2 else 45,
        "location": f"Wachtzaal {1 + i % 3}", "code": checkin_code(f"DEMA{i + 2}{chr(65 + i)}GT"),
    })
json.dump({"staff": staff, "clients": clients, "appointments": appointments, "services": services,
           "month_categories": categories, "service_facts": facts}, sys.stdout, indent=2)
print()
