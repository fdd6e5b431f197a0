#!/usr/bin/env python3
"""Prints the demo's clients with an appointment to try at the kiosk: code, first name, language,
time (Europe/Brussels) and national register number (synthetic, grouped as on a Belgian eID).

Usage: demo-table.py IMPORT.json
"""
import datetime as dt
import json
import sys

LANGUAGES = {"nl": "Dutch", "fr": "French", "en": "English", "ar": "Arabic (RTL)", "tr": "Turkish"}


def brussels(instant: dt.datetime) -> dt.datetime:
    """Europe/Brussels without tz data: CEST from the last Sunday of March to that of October."""
    def last_sunday(month):
        return max(d for d in range(25, 32) if dt.date(instant.year, month, d).weekday() == 6)
    utc = instant.astimezone(dt.timezone.utc)
    start = dt.datetime(utc.year, 3, last_sunday(3), 1, tzinfo=dt.timezone.utc)
    end = dt.datetime(utc.year, 10, last_sunday(10), 1, tzinfo=dt.timezone.utc)
    return utc + dt.timedelta(hours=2 if start <= utc < end else 1)


def grouped(nn: str) -> str:
    return f"{nn[0:2]}.{nn[2:4]}.{nn[4:6]}-{nn[6:9]}.{nn[9:11]}"


doc = json.load(open(sys.argv[1]))
clients = {c["id"]: c for c in doc["clients"]}
today = brussels(dt.datetime.now(dt.timezone.utc)).date()
print(f"    {'code':<10} {'first name':<10} {'language':<13} {'appointment':<17} national number")
for a in sorted((a for a in doc["appointments"] if "code" in a), key=lambda a: a["starts_at"]):
    c = clients[a["client_id"]]
    local = brussels(dt.datetime.fromisoformat(a["starts_at"]))
    when = local.strftime("%H:%M") if local.date() == today else local.strftime("%d/%m/%Y %H:%M")
    soon = dt.datetime.fromisoformat(a["starts_at"]) - dt.datetime.now(dt.timezone.utc) > dt.timedelta(hours=3)
    note = "  (too early: the kiosk says when to come)" if soon else ""
    print(f"    {a['code']:<10} {c['first_name']:<10} {LANGUAGES.get(c['language'], c['language']):<13} "
          f"{when:<17} {grouped(c['national_number'])}{note}")
