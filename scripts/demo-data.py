#!/usr/bin/env python3
"""Prints a realistic import file (docs/import-format.md) for a demo site, with today's
appointments around the current time, so the kiosk can check people in right away.

Usage: demo-data.py [ISO-DATE-TIME]   (defaults to now; used by scripts/demo.sh)
National register numbers are synthetic (valid mod-97, not real people).
"""
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


now = dt.datetime.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else dt.datetime.now(dt.timezone.utc)
now = now.replace(second=0, microsecond=0)

staff = [
    # Demo sign-in for the desk: els / demo-password.
    {"id": "st-els", "name": "Els Peeters", "username": "els", "password": "demo-password"},
    {"id": "st-jan", "name": "Jan De Smet"},
    {"id": "st-fatima", "name": "Fatima El Amrani"},
]
people = [
    ("Amina", "Benali", "ar", "TIBB4 anderstaligen", "st-els", ("850730", 33, False)),
    ("Mehmet", "Yilmaz", "tr", "TIBB4", "st-jan", ("920214", 121, False)),
    ("Claire", "Dubois", "fr", "SCRABA", "st-fatima", ("780911", 45, False)),
    ("Koen", "Janssens", "nl", "TWE-wz", "st-els", ("010305", 7, True)),
    ("Sara", "Haddad", "ar", "GLOW", "st-jan", ("960622", 88, False)),
    ("Tom", "Willems", "nl", "G-WPL", "st-fatima", ("881130", 230, False)),
    ("Grace", "Mensah", "en", "SAB3", "st-els", ("030417", 15, True)),
    ("Yusuf", "Demir", "tr", "TWE-art60", "st-jan", ("750101", 301, False)),
]
clients = []
appointments = []
for i, (first, last, lang, programme, coach, nn) in enumerate(people):
    cid = f"cl-{i + 1:03d}"
    clients.append({
        "id": cid, "first_name": first, "last_name": last, "language": lang,
        "programme": programme, "coach_id": coach, "national_number": national_number(*nn),
    })
    start = now + dt.timedelta(minutes=-20 + 15 * i)
    appointments.append({
        "id": f"ap-{i + 1:03d}", "client_id": cid, "staff_id": coach,
        "kind": "first" if i % 3 == 0 else "regular", "registered": i == 4,
        "starts_at": start.isoformat(), "duration_min": 30 if i % 2 else 45,
        "location": f"Wachtzaal {1 + i % 3}", "code": checkin_code(f"DEMA{i + 2}{chr(65 + i)}GT"),
    })
json.dump({"staff": staff, "clients": clients, "appointments": appointments}, sys.stdout, indent=2)
print()
