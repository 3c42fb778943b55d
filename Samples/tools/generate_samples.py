#!/usr/bin/env python3
"""Generate the Wegweiser sample data set (Duisburg) into Samples/.

Deterministic: one random.Random(2027) drives everything, in a fixed order, so
re-running produces byte-identical files. Python 3.11 standard library only.

    python3 Samples/tools/generate_samples.py            # write + validate
    python3 Samples/tools/generate_samples.py --check    # validate existing files only

The data contains no nationality/origin field on purpose: Wegweiser matches on a
person's situation (language, level, needs, place, time), never on origin
(Duisburg integration guidelines 2007, item 3).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
import random

SEED = 2027
SAMPLES = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------
# Reference data, embedded: the generator and the validator need nothing but this file
# --------------------------------------------------------------------------

# district name -> [(Ortsteil, lat, lon, postcode)]; approximate centres of the Ortsteile,
# postcodes are the usual ones for the Ortsteil (approximate; only used in addresses).
ORTSTEILE: dict[str, list[tuple[str, float, float, str]]] = {
    "Walsum": [
        ("Vierlinden", 51.5369, 6.7242, "47178"), ("Overbruch", 51.5464, 6.7192, "47178"),
        ("Alt-Walsum", 51.5414, 6.6955, "47179"), ("Aldenrade", 51.5264, 6.7436, "47179"),
        ("Wehofen", 51.5303, 6.7658, "47179"), ("Fahrn", 51.5154, 6.7407, "47179"),
    ],
    "Hamborn": [
        ("Röttgersbach", 51.5150, 6.7794, "47167"), ("Marxloh", 51.5019, 6.7569, "47169"),
        ("Obermarxloh", 51.5003, 6.7825, "47167"), ("Neumühl", 51.4900, 6.7914, "47167"),
        ("Alt-Hamborn", 51.4915, 6.7683, "47166"),
    ],
    "Meiderich/Beeck": [
        ("Bruckhausen", 51.4875, 6.7397, "47166"), ("Beeck", 51.4786, 6.7342, "47139"),
        ("Beeckerwerth", 51.4753, 6.7011, "47139"), ("Laar", 51.4646, 6.7351, "47119"),
        ("Untermeiderich", 51.4671, 6.7574, "47137"), ("Mittelmeiderich", 51.4635, 6.7763, "47137"),
        ("Obermeiderich", 51.4696, 6.7973, "47138"),
    ],
    "Homberg/Ruhrort/Baerl": [
        ("Ruhrort", 51.4514, 6.7485, "47119"), ("Alt-Homberg", 51.4543, 6.7043, "47198"),
        ("Hochheide", 51.4470, 6.6845, "47198"), ("Baerl", 51.4967, 6.6790, "47199"),
    ],
    "Mitte": [
        ("Altstadt", 51.4351, 6.7650, "47051"), ("Neuenkamp", 51.4322, 6.7302, "47059"),
        ("Kaßlerfeld", 51.4416, 6.7427, "47059"), ("Duissern", 51.4404, 6.7952, "47058"),
        ("Neudorf-Nord", 51.4275, 6.8010, "47057"), ("Neudorf-Süd", 51.4112, 6.7946, "47057"),
        ("Dellviertel", 51.4246, 6.7664, "47053"), ("Hochfeld", 51.4183, 6.7482, "47053"),
        ("Wanheimerort", 51.4005, 6.7652, "47055"),
    ],
    "Rheinhausen": [
        ("Rheinhausen-Mitte", 51.4072, 6.7119, "47226"), ("Hochemmerich", 51.4156, 6.7125, "47226"),
        ("Bergheim", 51.4167, 6.6833, "47228"), ("Friemersheim", 51.3886, 6.7064, "47229"),
        ("Rumeln-Kaldenhausen", 51.3947, 6.6569, "47239"),
    ],
    "Süd": [
        ("Bissingheim", 51.3910, 6.8125, "47279"), ("Wedau", 51.3839, 6.8001, "47279"),
        ("Buchholz", 51.3820, 6.7704, "47249"), ("Wanheim-Angerhausen", 51.3847, 6.7449, "47249"),
        ("Großenbaum", 51.3676, 6.7798, "47269"), ("Rahm", 51.3564, 6.7972, "47269"),
        ("Huckingen", 51.3644, 6.7523, "47259"), ("Hüttenheim", 51.3664, 6.7202, "47259"),
        ("Ungelsheim", 51.3535, 6.7347, "47259"), ("Mündelheim", 51.3536, 6.6916, "47259"),
    ],
}
DISTRICTS = list(ORTSTEILE)
ORTSTEIL_INDEX = {o[0]: (d, o) for d, rows in ORTSTEILE.items() for o in rows}

# NRW public holidays in the generated period (the same days as Calendars/holidays-nrw.ics).
HOLIDAYS = {dt.date.fromisoformat(d) for d in (
    "2026-10-03", "2026-11-01", "2026-12-25", "2026-12-26",
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06",
    "2027-05-17", "2027-05-27", "2027-10-03", "2027-11-01", "2027-12-25", "2027-12-26",
)}

# ISO 639-1 codes, or 639-3 where a language has no 639-1 code (rom), and ckb for
# Sorani, which the API prefers over the ambiguous macro code "ku" (docs/api.md, "Values").
LANGUAGE_CODES = {"de", "tr", "bg", "ro", "pl", "ar", "ku", "ckb", "ru", "uk", "sr", "bs",
                  "hr", "sq", "el", "it", "fa", "ps", "ti", "en", "fr", "es", "rom"}

COURSE_KINDS = ["general", "women", "parents", "youth", "literacy", "second-script",
                "intensive", "support", "job-language"]
LEVELS = ["none", "A1", "A2", "B1", "B2", "C1", "C2"]
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
SERVICES = ["mbe", "jmd", "social", "course-guidance"]
GENDERS = ["female", "male", "diverse", "unspecified"]
AVAILABILITY = ["morning", "afternoon", "evening"]
EMAIL_DOMAINS = ["example.org", "example.com", "example.net"]

# Maximum group sizes of the integration-course types. second-script has no published
# limit; the newer literacy concept groups it with literacy, so its limit is used.
# Berufssprachkurse have none of their own here; the general-course limit is used.
GROUP_LIMIT = {"general": 25, "women": 23, "parents": 23, "support": 23, "youth": 20,
               "intensive": 20, "literacy": 16, "second-script": 16, "job-language": 25}

# --------------------------------------------------------------------------
# Organisations and locations (hand-written: plausible, invented details)
# --------------------------------------------------------------------------

ORGANISATIONS = [
    {"id": "prov-vhs", "kind": "provider", "name": "VHS Duisburg – Deutsch und Integration"},
    {"id": "prov-brigida", "kind": "provider", "name": "Sprachschule St. Brigida (kath. Bildungswerk)"},
    {"id": "prov-ev-rhein", "kind": "provider", "name": "Evangelische Sprachschule am Rhein"},
    {"id": "prov-bildungsforum", "kind": "provider", "name": "Bildungsforum Nord e. V."},
    {"id": "prov-lernhaus", "kind": "provider", "name": "Lernhaus Meiderich gGmbH"},
    {"id": "prov-rheinbruecke", "kind": "provider", "name": "Sprachinstitut Rheinbrücke"},
    {"id": "prov-wortwechsel", "kind": "provider", "name": "Wortwechsel Sprachakademie"},
    {"id": "prov-lingua-west", "kind": "provider", "name": "Lingua West Sprachschule"},
    {"id": "centre-awo", "kind": "advice-centre", "name": "AWO Duisburg – Migrationsberatung für Erwachsene (MBE)",
     "phone": "0203 555 3090", "email": "migrationsberatung@awo-duisburg.example.org",
     "address": "Düsseldorfer Straße 517, 47055 Duisburg", "openingHours": "Mo–Do 9–16 Uhr, Fr 9–12 Uhr"},
    {"id": "centre-caritas", "kind": "advice-centre", "name": "Caritas Duisburg – Migrationsdienst",
     "phone": "0203 555 2870", "email": "integration@caritas-duisburg.example.org",
     "address": "Mülheimer Straße 120, 47057 Duisburg", "openingHours": "Mo–Fr 9–13 Uhr, Di und Do 14–17 Uhr"},
    {"id": "centre-diakonie", "kind": "advice-centre", "name": "Diakonie Duisburg – Migrationsberatung",
     "phone": "0203 555 0990", "email": "beratung@diakonie-duisburg.example.org",
     "address": "Paul-Rücker-Straße 7, 47059 Duisburg", "openingHours": "Mo–Do 8:30–15:30 Uhr"},
    {"id": "centre-jmd", "kind": "advice-centre", "name": "Jugendmigrationsdienst Duisburg",
     "phone": "0203 555 4410", "email": "jmd@jmd-duisburg.example.org",
     "address": "Kaiser-Wilhelm-Straße 284, 47169 Duisburg", "openingHours": "Mo, Mi, Do 10–17 Uhr"},
    # The city's own office: the admin role (sees every centre's waitlists, runs allocations).
    {"id": "city-admin", "kind": "admin", "name": "Stadt Duisburg – Kommunales Integrationszentrum"},
]

# (id, owner, name, Ortsteil, street and number)
LOCATIONS = [
    ("loc-vhs-mitte", "prov-vhs", "VHS-Zentrum Stadtmitte", "Altstadt", "Münzstraße 31"),
    ("loc-vhs-hamborn", "prov-vhs", "VHS Zweigstelle Hamborn", "Alt-Hamborn", "Duisburger Straße 213"),
    ("loc-vhs-walsum", "prov-vhs", "VHS Zweigstelle Walsum", "Aldenrade", "Dr.-Wilhelm-Roelen-Straße 40"),
    ("loc-vhs-rheinhausen", "prov-vhs", "VHS Zweigstelle Rheinhausen", "Hochemmerich", "Friedrich-Ebert-Straße 94"),
    ("loc-vhs-sued", "prov-vhs", "VHS Zweigstelle Süd", "Huckingen", "Düsseldorfer Landstraße 215"),
    ("loc-brigida-marxloh", "prov-brigida", "Pfarrheim St. Brigida, Marxloh", "Marxloh", "Weseler Straße 98"),
    ("loc-brigida-hochfeld", "prov-brigida", "Bildungsraum St. Brigida Hochfeld", "Hochfeld", "Wanheimer Straße 165"),
    ("loc-ev-meiderich", "prov-ev-rhein", "Gemeindehaus Meiderich", "Mittelmeiderich", "Von-der-Mark-Straße 71"),
    ("loc-ev-hochheide", "prov-ev-rhein", "Familienzentrum Hochheide", "Hochheide", "Ottostraße 22"),
    ("loc-ev-friemersheim", "prov-ev-rhein", "Gemeindezentrum Friemersheim", "Friemersheim", "Kaiserstraße 30"),
    ("loc-bf-vierlinden", "prov-bildungsforum", "Bildungsforum Walsum-Vierlinden", "Vierlinden", "Franz-Lenze-Platz 3"),
    ("loc-bf-neumuehl", "prov-bildungsforum", 'Begegnungsstätte "Alte Schmiede"', "Neumühl", "Lehrerstraße 45"),
    ("loc-bf-bruckhausen", "prov-bildungsforum", "Stadtteilbüro Bruckhausen", "Bruckhausen", "Kaiser-Wilhelm-Straße 280"),
    ("loc-lh-obermeiderich", "prov-lernhaus", "Lernhaus Obermeiderich", "Obermeiderich", "Gerrickstraße 20"),
    ("loc-lh-laar", "prov-lernhaus", "Lernhaus am Rhein, Laar", "Laar", "Deichstraße 15"),
    ("loc-rb-dellviertel", "prov-rheinbruecke", "Sprachinstitut Rheinbrücke – Dellviertel", "Dellviertel", "Friedrich-Wilhelm-Straße 62"),
    ("loc-rb-ruhrort", "prov-rheinbruecke", "Sprachinstitut Rheinbrücke – Ruhrort", "Ruhrort", "Harkortstraße 12"),
    ("loc-rb-homberg", "prov-rheinbruecke", "Sprachinstitut Rheinbrücke – Homberg", "Alt-Homberg", "Augustastraße 18"),
    ("loc-ww-altstadt", "prov-wortwechsel", "Wortwechsel am Sonnenwall", "Altstadt", "Sonnenwall 40"),
    ("loc-ww-wanheimerort", "prov-wortwechsel", "Wortwechsel Wanheimerort", "Wanheimerort", "Wanheimer Straße 340"),
    ("loc-ww-buchholz", "prov-wortwechsel", "Wortwechsel Buchholz", "Buchholz", "Sittardsberger Allee 56"),
    ("loc-ww-grossenbaum", "prov-wortwechsel", "Wortwechsel Großenbaum", "Großenbaum", "Großenbaumer Allee 120"),
    ("loc-lw-rheinhausen", "prov-lingua-west", "Lingua West Rheinhausen", "Rheinhausen-Mitte", "Krefelder Straße 44"),
    ("loc-lw-bergheim", "prov-lingua-west", "Lingua West Bergheim", "Bergheim", "Schwarzenberger Straße 58"),
    ("loc-lw-rumeln", "prov-lingua-west", "Lingua West Rumeln", "Rumeln-Kaldenhausen", "Schulallee 10"),
    ("loc-awo-marxloh", "centre-awo", "AWO Beratungsstelle Marxloh", "Marxloh", "Weseler Straße 40"),
    ("loc-awo-hochfeld", "centre-awo", "AWO Beratungsstelle Hochfeld", "Hochfeld", "Brückenplatz 6"),
    ("loc-awo-rheinhausen", "centre-awo", "AWO Sprechstunde Rheinhausen", "Hochemmerich", "Atroper Straße 12"),
    ("loc-caritas-mitte", "centre-caritas", "Caritas Migrationsdienst Mitte", "Dellviertel", "Mülheimer Straße 48"),
    ("loc-caritas-meiderich", "centre-caritas", "Caritas Beratungsbüro Meiderich", "Untermeiderich", "Bahnhofstraße 31"),
    ("loc-diakonie-homberg", "centre-diakonie", "Diakonie Beratungszentrum Homberg", "Alt-Homberg", "Moerser Straße 55"),
    ("loc-diakonie-neudorf", "centre-diakonie", "Diakonie Migrationsberatung Neudorf", "Neudorf-Nord", "Paulusstraße 4"),
    ("loc-diakonie-walsum", "centre-diakonie", "Diakonie Außensprechstunde Walsum", "Aldenrade", "Kurfürstenstraße 7"),
    ("loc-jmd-nord", "centre-jmd", "Jugendmigrationsdienst Nord", "Obermarxloh", "Dieselstraße 9"),
    ("loc-jmd-hochfeld", "centre-jmd", "JMD-Treffpunkt Hochfeld", "Hochfeld", "Heerstraße 100"),
]

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def berlin_offset(local: dt.datetime) -> str:
    """UTC offset of Europe/Berlin for a local wall-clock time (EU rule: summer time
    from the last Sunday of March 02:00 to the last Sunday of October 03:00)."""
    def last_sunday(year: int, month: int) -> dt.date:
        d = dt.date(year, month, 31)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)
    start = dt.datetime.combine(last_sunday(local.year, 3), dt.time(2, 0))
    end = dt.datetime.combine(last_sunday(local.year, 10), dt.time(3, 0))
    return "+02:00" if start <= local < end else "+01:00"


def rfc3339(local: dt.datetime) -> str:
    return local.strftime("%Y-%m-%dT%H:%M:%S") + berlin_offset(local)


def jitter(rng: random.Random, lat: float, lon: float, dlat: float, dlon: float) -> tuple[float, float]:
    return round(lat + rng.uniform(-dlat, dlat), 5), round(lon + rng.uniform(-dlon, dlon), 5)


def weighted(rng: random.Random, options: dict):
    keys = list(options)
    return rng.choices(keys, weights=[options[k] for k in keys])[0]


def ascii_slug(text: str) -> str:
    """Lower-case ASCII for e-mail local parts (letters only; diacritics dropped)."""
    special = {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "đ": "dj", "Đ": "Dj", "ß": "ss", "ə": "a"}
    text = "".join(special.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", text.lower())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * 111.2
    dx = (lon2 - lon1) * 111.2 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def b(value: bool) -> str:
    return "true" if value else "false"


def write_json(name: str, rows: list[dict]) -> None:
    (SAMPLES / name).write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_csv(name: str, header: list[str], rows: list[list]) -> None:
    # LF line ends (not CRLF) so naive line splitting works; quoting only where needed.
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    (SAMPLES / name).write_text(buf.getvalue(), encoding="utf-8")


# --------------------------------------------------------------------------
# Locations
# --------------------------------------------------------------------------

def build_locations(rng: random.Random) -> list[dict]:
    out = []
    for loc_id, owner, name, ortsteil, street in LOCATIONS:
        district, (_, lat, lon, plz) = ORTSTEIL_INDEX[ortsteil]
        la, lo = jitter(rng, lat, lon, 0.003, 0.0045)  # a few hundred metres
        out.append({"id": loc_id, "owner": owner, "name": name,
                    "address": f"{street}, {plz} Duisburg", "district": district,
                    "lat": la, "lon": lo, "stepFree": rng.random() < 0.7})
    return out


# --------------------------------------------------------------------------
# Courses
# --------------------------------------------------------------------------

# How many courses of each kind: general courses and job courses dominate, as in a
# real city programme; every kind appears.
KIND_COUNTS = {"general": 16, "women": 9, "parents": 7, "youth": 6, "literacy": 8,
               "second-script": 4, "intensive": 5, "support": 4, "job-language": 13}

LEVEL_WEIGHTS = {
    "general": {"A1": 40, "A2": 35, "B1": 25},
    "women": {"A1": 50, "A2": 35, "B1": 15},
    "parents": {"A1": 50, "A2": 35, "B1": 15},
    "youth": {"A1": 35, "A2": 40, "B1": 25},
    "literacy": {"none": 65, "A1": 35},
    "second-script": {"A1": 60, "A2": 40},
    "intensive": {"A1": 30, "A2": 35, "B1": 35},
    "support": {"A1": 40, "A2": 40, "B1": 20},
    "job-language": {"B1": 20, "B2": 50, "C1": 30},
}

# Time-of-day patterns: (weekday list, start, end). Integration courses meet on
# 4-5 mornings with 4 UE (45 min) plus a break; evening/Saturday formats suit people at work.
SCHEDULES = {
    "morning": [(["MO", "TU", "WE", "TH", "FR"], "08:30", "11:45"),
                (["MO", "TU", "WE", "TH"], "09:00", "12:15"),
                (["MO", "TU", "WE", "TH", "FR"], "08:15", "11:30"),
                (["MO", "WE", "FR"], "09:00", "12:15")],
    "afternoon": [(["MO", "TU", "WE", "TH"], "13:00", "16:15"),
                  (["TU", "WE", "TH"], "13:30", "16:45"),
                  (["MO", "TU", "WE", "TH", "FR"], "12:45", "16:00")],
    "evening": [(["MO", "WE"], "18:00", "20:30"),
                (["TU", "TH"], "18:00", "21:00"),
                (["MO", "TU", "WE", "TH"], "17:45", "20:15")],
    "saturday": [(["SA"], "09:00", "14:15"),
                 (["WE", "FR", "SA"], "09:00", "12:15")],
}
SCHEDULE_WEIGHTS = {
    "general": {"morning": 50, "afternoon": 25, "evening": 18, "saturday": 7},
    "women": {"morning": 80, "afternoon": 20},
    "parents": {"morning": 100},  # while children are at school or Kita
    "youth": {"morning": 55, "afternoon": 45},
    "literacy": {"morning": 65, "afternoon": 35},
    "second-script": {"morning": 60, "afternoon": 40},
    "intensive": {"morning": 100},
    "support": {"morning": 60, "afternoon": 40},
    "job-language": {"morning": 35, "evening": 40, "saturday": 25},
}
CHILDCARE_P = {"women": 0.7, "parents": 0.85}  # other kinds: 0.12

JOB_TITLES = {"B1": ["Berufssprachkurs B1 (Spezialkurs)"],
              "B2": ["Berufssprachkurs B2", "Berufssprachkurs B2", "Berufssprachkurs B2 – Pflege",
                     "Berufssprachkurs B2 – Gewerbe und Technik"],
              "C1": ["Berufssprachkurs C1", "Berufssprachkurs C1 – akademische Heilberufe"]}


def course_title(rng: random.Random, kind: str, level: str, childcare: bool, slot: str) -> str:
    mit_kb = " mit Kinderbetreuung" if childcare else ""
    if kind == "general":
        if childcare:
            return f"Integrationskurs mit Kinderbetreuung ({level})"
        suffix = {"evening": ", abends", "saturday": " – Samstagskurs"}.get(slot, "")
        return f"Integrationskurs {level}{suffix}"
    if kind == "women":
        return f"Frauenintegrationskurs{mit_kb} ({level})" if childcare else f"Frauenintegrationskurs {level}"
    if kind == "parents":
        return f"Elternintegrationskurs{mit_kb} ({level})" if childcare else f"Elternintegrationskurs {level}"
    if kind == "youth":
        return f"Jugendintegrationskurs {level}"
    if kind == "literacy":
        return rng.choice(["Alphakurs", "Integrationskurs mit Alphabetisierung"]) if level == "none" else "Alphakurs A1"
    if kind == "second-script":
        return f"Kurs für Zweitschriftlernende ({level})"
    if kind == "intensive":
        return f"Intensivkurs {level}"
    if kind == "support":
        return f"Förderkurs {level}"
    return rng.choice(JOB_TITLES[level])


def first_meeting(day: dt.date, weekdays: list[str]) -> dt.date:
    while WEEKDAY_CODES[day.weekday()] not in weekdays or day in HOLIDAYS:
        day += dt.timedelta(days=1)
    return day


def last_meeting(day: dt.date, weekdays: list[str]) -> dt.date:
    while WEEKDAY_CODES[day.weekday()] not in weekdays or day in HOLIDAYS:
        day -= dt.timedelta(days=1)
    return day


def build_courses(rng: random.Random, locations: list[dict]) -> list[dict]:
    course_locs = [l for l in locations if l["owner"].startswith("prov-")]
    kinds = [k for k, n in KIND_COUNTS.items() for _ in range(n)]
    rng.shuffle(kinds)
    # Every course location gets one course first (so every district has courses),
    # the rest go to random locations.
    loc_order = course_locs[:] + [rng.choice(course_locs) for _ in range(len(kinds) - len(course_locs))]
    rng.shuffle(loc_order)
    # Course starts are Mondays from 11 Jan to late April 2027; most start early in the term.
    mondays = [dt.date(2027, 1, 11) + dt.timedelta(weeks=w) for w in range(16)]
    week_weights = [16 - w for w in range(16)]

    courses = []
    for i, (kind, loc) in enumerate(zip(kinds, loc_order)):
        level = weighted(rng, LEVEL_WEIGHTS[kind])
        slot = weighted(rng, SCHEDULE_WEIGHTS[kind])
        weekdays, start_t, end_t = rng.choice(SCHEDULES[slot])
        if i == 0:  # the earliest course must start exactly on Monday 2027-01-11
            slot, (weekdays, start_t, end_t) = "morning", SCHEDULES["morning"][0]
            monday = mondays[0]
        else:
            monday = rng.choices(mondays, weights=week_weights)[0]
        start = first_meeting(monday, weekdays)
        end = last_meeting(start + dt.timedelta(weeks=rng.randint(9, 26)), weekdays)

        childcare = rng.random() < CHILDCARE_P.get(kind, 0.12) and slot != "evening"
        limit = GROUP_LIMIT[kind]
        # Mix of full-size groups and small ones, so some courses fill quickly.
        capacity = weighted(rng, {limit: 40, limit - rng.randint(1, 4): 30, rng.randint(8, 12): 30})
        courses.append({
            "provider": loc["owner"], "title": course_title(rng, kind, level, childcare, slot),
            "kind": kind, "level": level, "locationId": loc["id"], "capacity": capacity,
            "womenOnly": kind == "women", "childcare": childcare,
            "startDate": start, "endDate": end, "weekdays": weekdays,
            "startTime": start_t, "endTime": end_t,
            # Parents' courses, and about half of the women's courses, pause in school holidays.
            "schoolHolidays": kind == "parents" or (kind == "women" and rng.random() < 0.5),
        })
    courses.sort(key=lambda c: (c["startDate"], c["locationId"], c["startTime"], c["title"]))
    for n, c in enumerate(courses, 1):
        c["id"] = f"course-{n:03d}"
    return courses


# --------------------------------------------------------------------------
# Counselling slots
# --------------------------------------------------------------------------

# (name, gender, languages, working weekdays (0=Mon), home location, outreach weekday or None)
COUNSELLORS = {
    "centre-awo": [
        ("Ayşe Karakaya", "f", ["de", "tr", "ku"], [0, 1, 2, 3], "loc-awo-marxloh", 2),
        ("Rania Haddad", "f", ["de", "ar", "en"], [0, 1, 3, 4], "loc-awo-hochfeld", None),
        ("Marek Nowicki", "m", ["de", "pl", "ru"], [1, 2, 3], "loc-awo-hochfeld", 3),
        ("Desislava Petrova", "f", ["de", "bg", "tr"], [0, 2, 3, 4], "loc-awo-marxloh", None),
    ],
    "centre-caritas": [
        ("Elena Munteanu", "f", ["de", "ro", "fr"], [0, 1, 2, 3], "loc-caritas-mitte", 1),
        ("Thomas Brinkmann", "m", ["de", "en", "fr"], [0, 2, 4], "loc-caritas-mitte", None),
        ("Shirin Rahimi", "f", ["de", "fa", "en"], [1, 2, 3], "loc-caritas-mitte", 3),
        ("Giorgos Papadakis", "m", ["de", "el", "it", "en"], [0, 1, 3], "loc-caritas-meiderich", None),
    ],
    "centre-diakonie": [
        ("Hevin Aslan", "f", ["de", "ku", "tr"], [0, 1, 2, 3], "loc-diakonie-homberg", 2),
        ("Kawa Rasul", "m", ["de", "ckb", "ar"], [0, 2, 3], "loc-diakonie-neudorf", None),
        ("Olena Hrytsenko", "f", ["de", "uk", "ru"], [0, 1, 3, 4], "loc-diakonie-neudorf", 1),
        ("Aminata Koné", "f", ["de", "fr", "en"], [1, 2, 4], "loc-diakonie-homberg", None),
        ("Senait Tesfamariam", "f", ["de", "ti", "en"], [0, 3], "loc-diakonie-neudorf", None),
    ],
    "centre-jmd": [
        ("Jonas Schmitz", "m", ["de", "en"], [0, 1, 2, 3], "loc-jmd-nord", None),
        ("Leyla Yıldız", "f", ["de", "tr", "en"], [0, 2, 3, 4], "loc-jmd-nord", 2),
        ("Nadia Benali", "f", ["de", "ar", "fr"], [1, 2, 3], "loc-jmd-hochfeld", None),
        ("Farid Noori", "m", ["de", "fa", "ps"], [0, 1, 3], "loc-jmd-hochfeld", 0),
        ("Andrei Rusu", "m", ["de", "ro", "bg"], [1, 3, 4], "loc-jmd-nord", None),
    ],
}
SLOT_QUOTA = {"centre-awo": 80, "centre-caritas": 75, "centre-diakonie": 80, "centre-jmd": 65}
# About ten weeks of appointments; includes the switch to summer time (28 March)
# and Good Friday / Easter Monday, which must be left out.
SLOT_FIRST_DAY, SLOT_LAST_DAY = dt.date(2027, 1, 11), dt.date(2027, 3, 31)
SERVICE_WEIGHTS = {"centre-jmd": {"jmd": 85, "course-guidance": 15},
                   "default": {"mbe": 55, "course-guidance": 25, "social": 20}}


def outreach_location(centre: str, home: str) -> str:
    others = [l[0] for l in LOCATIONS if l[1] == centre and l[0] != home]
    return others[0] if others else home


def build_slots(rng: random.Random) -> list[dict]:
    days = [SLOT_FIRST_DAY + dt.timedelta(days=n) for n in range((SLOT_LAST_DAY - SLOT_FIRST_DAY).days + 1)]
    days = [d for d in days if d.weekday() < 5 and d not in HOLIDAYS]
    slots = []
    busy: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for centre, quota in SLOT_QUOTA.items():
        made = 0
        while made < quota:
            name, gender, langs, workdays, home, outreach_day = rng.choice(COUNSELLORS[centre])
            day = rng.choice([d for d in days if d.weekday() in workdays])
            duration = rng.choice([30, 45, 45, 60])
            close = dt.time(13, 0) if day.weekday() == 4 else dt.time(16, 30)  # Fridays end at noon
            latest = dt.datetime.combine(day, close) - dt.timedelta(minutes=duration)
            first = dt.datetime.combine(day, dt.time(8, 30))
            steps = int((latest - first).total_seconds() // 900)
            start = first + dt.timedelta(minutes=15 * rng.randint(0, steps))
            end = start + dt.timedelta(minutes=duration)
            if any(start < e and s < end for s, e in busy[name]):
                continue  # counsellor already booked then; draw again
            busy[name].append((start, end))
            made += 1
            slots.append({
                "centre": centre,
                "locationId": outreach_location(centre, home) if day.weekday() == outreach_day else home,
                "start": start, "durationMinutes": duration,
                "service": weighted(rng, SERVICE_WEIGHTS.get(centre, SERVICE_WEIGHTS["default"])),
                "languages": langs,
                # Women-only consultation hours are held by female counsellors.
                "womenOnly": gender == "f" and rng.random() < 0.25,
                "counsellor": name,
            })
    slots.sort(key=lambda s: (s["start"], s["counsellor"]))
    out = []
    for n, s in enumerate(slots, 1):
        out.append({"id": f"slot-{n:03d}", **s, "start": rfc3339(s["start"])})
    return out


# --------------------------------------------------------------------------
# Participants
# --------------------------------------------------------------------------

# Name pools of Duisburg's communities. Each community: weight, preferred language,
# female first names, male first names, surnames (female form, male form) and the
# other languages people commonly also speak, with probabilities.
def _same(*names: str) -> list[tuple[str, str]]:
    return [(n, n) for n in names]


COMMUNITIES = {
    "turkish": (20, "tr",
                "Ayşe Elif Zeynep Emine Fatma Hatice Merve Büşra Esra Gülsüm Sevgi Derya Özlem Hülya Şeyma".split(),
                "Mehmet Mustafa Ahmet Emre Hüseyin Murat Yusuf Burak Serkan Ömer İbrahim Hakan Cem Oğuz".split(),
                _same("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
                      "Özdemir", "Arslan", "Doğan", "Kılıç", "Çetin", "Kara", "Koç", "Kurt", "Özkan",
                      "Şimşek", "Polat", "Güneş", "Erdoğan", "Aktaş"),
                {"en": 0.15}),
    "kurmanji": (5, "ku",
                 "Rojda Berfin Zozan Dilan Hêvî Nûdem Rojîn Bêrîvan".split(),
                 "Azad Serhat Rêber Baran Diyar Welat Şêrzad Rizgar".split(),
                 _same("Xelil", "Şêxo", "Mamo", "Hesen", "Osman", "Îbrahîm", "Elî", "Bozkurt", "Ekinci", "Tekin"),
                 {"tr": 0.55, "ar": 0.3}),
    "sorani": (2, "ckb",
               "Shilan Hero Nazdar Avin Shno Lana".split(),
               "Karwan Hawkar Rebwar Shwan Dilshad Sherwan".split(),
               _same("Mahmood", "Abdullah", "Qadir", "Karim", "Aziz", "Omer", "Salih", "Hama"),
               {"ar": 0.5, "en": 0.2}),
    "bulgarian": (8, "bg",
                  "Desislava Mariya Ivanka Stefka Gergana Yordanka Radostina Tsvetelina Silviya Dimitrinka".split(),
                  "Georgi Ivan Dimitar Stoyan Nikolay Plamen Hristo Todor Kiril Asen".split(),
                  [(m + "a", m) for m in ("Ivanov", "Petrov", "Dimitrov", "Georgiev", "Stoyanov", "Nikolov",
                                          "Hristov", "Angelov", "Todorov", "Kostov", "Marinov", "Yordanov")],
                  {"tr": 0.15, "ru": 0.1, "rom": 0.08}),
    "bulgarian-turkish": (4, "tr",  # Turkish-speaking families from Bulgaria
                          "Aysel Fatme Gyulten Sevdzhan Emine Nurten Aylin".split(),
                          "Ahmed Mehmed Sali Ismail Fikret Ali Sezgin".split(),
                          [(m + "a", m) for m in ("Mehmedov", "Aliev", "Yusufov", "Salimov", "Hasanov", "Ismailov")],
                          {"bg": 0.85}),
    "romanian": (9, "ro",
                 "Elena Ioana Maria Andreea Mihaela Alina Florentina Gabriela Roxana Daniela Ionela".split(),
                 "Ion Andrei Mihai Florin Constantin Gheorghe Marian Adrian Cristian Ionuț Costel".split(),
                 _same("Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Rusu", "Munteanu", "Lungu",
                       "Mureșan", "Bălan", "Ștefan", "Țurcanu", "Dănilă", "Neagu", "Răducanu", "Căldăraru"),
                 {"en": 0.2, "it": 0.1, "es": 0.05, "rom": 0.08}),
    "polish": (6, "pl",
               "Agnieszka Katarzyna Małgorzata Joanna Magdalena Anna Ewa Monika Justyna Żaneta".split(),
               "Piotr Krzysztof Tomasz Paweł Łukasz Marcin Michał Grzegorz Wojciech Sławomir".split(),
               _same("Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk", "Kaczmarek")
               + [(m[:-1] + "a", m) for m in ("Kowalski", "Wiśniewski", "Kamiński", "Lewandowski",
                                              "Zieliński", "Dąbrowski", "Szymański")],
               {"en": 0.3, "ru": 0.05}),
    "arabic": (12, "ar",
               "Fatima Aya Rama Nour Amal Hiba Rasha Lina Reem Yasmin Zainab Maryam Rana Duaa".split(),
               "Mohammed Ahmad Omar Khaled Mahmoud Ali Hussein Yousef Ibrahim Mustafa Abdullah Hassan Bilal Tarek".split(),
               _same("Al-Ahmad", "Al-Hassan", "Hamdan", "Khalil", "Haddad", "Al-Jaber", "Saleh", "Othman",
                     "Darwish", "Al-Obaidi", "Al-Jubouri", "Kassem", "Nasser", "Alhamoud", "Shaheen",
                     "Al-Rifai", "Mansour", "Hamoud"),
               {"en": 0.3, "ku": 0.05, "tr": 0.05}),
    "maghreb": (2, "ar",
                "Khadija Salma Fatima-Zahra Imane Soukaina Naima".split(),
                "Youssef Hamza Mohamed Rachid Karim Said".split(),
                _same("El Amrani", "Benali", "Bouzid", "El Idrissi", "Tahiri", "Ouali"),
                {"fr": 0.75, "es": 0.1}),
    "ukrainian": (8, "uk",
                  "Olena Oksana Iryna Nataliia Tetiana Yuliia Kateryna Anastasiia Olha Svitlana".split(),
                  "Oleksandr Andrii Serhii Dmytro Mykola Volodymyr Yurii Vitalii Bohdan Taras".split(),
                  _same("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko",
                        "Kovalchuk", "Oliinyk", "Polishchuk", "Savchenko", "Rudenko", "Moroz", "Lysenko"),
                  {"ru": 0.55, "en": 0.35, "pl": 0.05}),
    "russian": (5, "ru",
                "Natalia Svetlana Tatiana Irina Olga Ekaterina Lyudmila Anna Lydia".split(),
                "Sergei Alexander Dmitri Vladimir Andrei Yevgeny Nikolai Viktor Waldemar".split(),
                [(m + "a", m) for m in ("Smirnov", "Kuznetsov", "Popov", "Sokolov", "Morozov", "Volkov",
                                        "Lebedev")]
                + _same("Reimer", "Klassen", "Neufeld", "Wiebe", "Schmidt", "Becker"),  # Spätaussiedler families
                {"uk": 0.1, "en": 0.15}),
    "persian": (3, "fa",
                "Maryam Zahra Shirin Parisa Leila Niloufar Sara Mahsa".split(),
                "Reza Ali Amir Mehdi Hossein Saeed Behnam Arash".split(),
                _same("Ahmadi", "Hosseini", "Rezaei", "Mohammadi", "Karimi", "Moradi", "Jafari", "Sadeghi"),
                {"en": 0.45}),
    "dari": (4, "fa",
             "Mariam Farzana Nargis Fatema Shabnam Sima Nilofar Zarifa".split(),
             "Ahmad Mohammad Farid Jawad Hamid Wahid Naveed Sayed".split(),
             _same("Haidari", "Sultani", "Hashimi", "Amiri", "Noori", "Azizi", "Rahimi", "Sharifi"),
             {"ps": 0.15, "en": 0.2}),
    "pashto": (1, "ps",
               "Zarghona Malalai Palwasha Gulalai".split(),
               "Naqibullah Hayatullah Zabihullah Khalid".split(),
               _same("Ahmadzai", "Stanikzai", "Popal", "Wardak", "Safi"),
               {"fa": 0.7, "en": 0.1}),
    "greek": (2, "el",
              "Maria Eleni Georgia Dimitra Katerina Sofia Vasiliki".split(),
              "Georgios Dimitrios Konstantinos Nikolaos Ioannis Christos Panagiotis".split(),
              [("Papadopoulou", "Papadopoulos"), ("Nikolaidou", "Nikolaidis"), ("Vlachou", "Vlachos"),
               ("Makri", "Makris"), ("Karagianni", "Karagiannis")] + _same("Georgiou", "Oikonomou"),
              {"en": 0.4}),
    "italian": (2, "it",
                "Giulia Francesca Chiara Giuseppina Rosa Martina".split(),
                "Giuseppe Salvatore Antonio Marco Luca Francesco Vincenzo".split(),
                _same("Russo", "Esposito", "Romano", "Ricci", "Greco", "Bruno", "Caruso", "De Luca", "Lombardo"),
                {"en": 0.25}),
    "serbian": (2, "sr",
                "Jelena Milica Ivana Marija Dragana Snežana".split(),
                "Nikola Marko Dragan Milan Zoran Stefan Nenad".split(),
                _same("Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić"),
                {"en": 0.3, "ru": 0.05}),
    "bosnian": (2, "bs",
                "Amra Emina Lejla Selma Aida Merima".split(),
                "Adnan Emir Haris Kenan Senad Mirza".split(),
                _same("Hodžić", "Hadžić", "Begić", "Mujić", "Delić", "Kovačević", "Softić", "Mehmedović"),
                {"en": 0.3, "hr": 0.1}),
    "albanian": (2, "sq",
                 "Arta Blerta Drita Fatjona Vjosa Albina".split(),
                 "Arben Besnik Driton Fatmir Valon Ilir Agim".split(),
                 _same("Krasniqi", "Gashi", "Berisha", "Morina", "Shala", "Hoxha", "Bytyqi"),
                 {"en": 0.3, "it": 0.1}),
    "eritrean": (2, "ti",
                 "Senait Saba Yodit Mebrat Selam Rahel Feven Luwam".split(),
                 "Yonas Dawit Filmon Mulugeta Tesfay Merhawi Habtom Kibrom".split(),
                 _same("Tesfamariam", "Gebremedhin", "Haile", "Kidane", "Berhane", "Ghebreyesus", "Woldu", "Mehari"),
                 {"en": 0.4, "ar": 0.2}),
    "westafrica-fr": (3, "fr",
                      "Aminata Fatoumata Mariama Aïssatou Kadiatou Awa Nadège".split(),
                      "Mamadou Ibrahima Abdoulaye Ousmane Moussa Boubacar Sékou Jean-Baptiste".split(),
                      _same("Diallo", "Bah", "Barry", "Sow", "Camara", "Traoré", "Koné", "Touré", "Coulibaly",
                            "Kouassi", "Mbarga"),
                      {"en": 0.2}),
    "westafrica-en": (3, "en",
                      "Chidinma Ngozi Blessing Adaeze Funmilayo Abena Akosua Esther".split(),
                      "Chukwuemeka Oluwaseun Emeka Tunde Kwame Kofi Yaw Ifeanyi".split(),
                      _same("Okafor", "Okonkwo", "Adeyemi", "Balogun", "Eze", "Nwosu", "Mensah", "Owusu",
                            "Asante", "Boateng", "Adebayo"),
                      {"fr": 0.1}),
    "spanish": (1, "es",
                ["Lucía", "Carmen", "María José", "Paula"],
                "Javier Alejandro Pablo Sergio".split(),
                _same("García", "Fernández", "López", "Martínez", "Sánchez", "Rodríguez"),
                {"en": 0.4}),
}

# File per centre, participant count and format (two CSV, two JSON).
PARTICIPANT_FILES = [("centre-awo", 140, "csv"), ("centre-caritas", 125, "json"),
                     ("centre-diakonie", 130, "csv"), ("centre-jmd", 105, "json")]
# Where people registering with the city's advice centres tend to live.
DISTRICT_WEIGHTS = {"Walsum": 7, "Hamborn": 22, "Meiderich/Beeck": 16, "Homberg/Ruhrort/Baerl": 10,
                    "Mitte": 25, "Rheinhausen": 12, "Süd": 8}
LEVEL_SHARE = {"none": 10, "A1": 28, "A2": 24, "B1": 20, "B2": 12, "C1": 6}
AVAILABILITY_SETS = {("morning",): 30, ("afternoon",): 9, ("evening",): 12, ("morning", "afternoon"): 20,
                     ("afternoon", "evening"): 10, ("morning", "evening"): 5,
                     ("morning", "afternoon", "evening"): 14}
PARTICIPANT_CSV_HEADER = ["id", "centre", "name", "email", "preferredLanguage", "languages", "gender",
                          "district", "lat", "lon", "level", "needsWomenOnly", "needsChildcare",
                          "needsStepFree", "availability", "consent", "registeredAt"]


def make_email(rng: random.Random, first: str, last: str, taken: set[str]) -> str:
    f, l = ascii_slug(first), ascii_slug(last)
    local = weighted(rng, {f"{f}.{l}": 45, f"{f[0]}.{l}": 20, f"{f}{l}{rng.randint(70, 99)}": 15,
                           f"{l}.{f}": 10, f"{f}_{l}": 10})
    domain = rng.choice(EMAIL_DOMAINS)
    email, n = f"{local}@{domain}", 2
    while email in taken:
        email, n = f"{local}{n}@{domain}", n + 1
    taken.add(email)
    return email


def person_languages(rng: random.Random, preferred: str, level: str, extra: dict[str, float]) -> list[str]:
    langs = [preferred]
    # People with some German say so; beginners more rarely list it.
    if rng.random() < (0.25 if level in ("none", "A1") else 0.85):
        langs.append("de")
    for code, p in extra.items():
        if code not in langs and rng.random() < p:
            langs.append(code)
    return langs


def registration_time(rng: random.Random) -> dt.datetime:
    first, last = dt.date(2026, 9, 1), dt.date(2027, 1, 8)
    while True:
        day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
        if day.weekday() < 5 and day not in HOLIDAYS:
            return dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randrange(0, 60)))


def build_participants(rng: random.Random, locations: list[dict]) -> dict[str, list[dict]]:
    names = list(COMMUNITIES)
    emails: set[str] = set()
    result, next_id = {}, 1
    for centre, count, _fmt in PARTICIPANT_FILES:
        own_districts = [l["district"] for l in locations if l["owner"] == centre]
        people = []
        for _ in range(count):
            weight, preferred, women, men, surnames, extra = COMMUNITIES[
                rng.choices(names, weights=[COMMUNITIES[n][0] for n in names])[0]]
            gender = weighted(rng, {"female": 55, "male": 43, "diverse": 1, "unspecified": 1})
            if gender == "female" or (gender != "male" and rng.random() < 0.5):
                first, last = rng.choice(women), rng.choice(surnames)[0]
            else:
                first, last = rng.choice(men), rng.choice(surnames)[1]
            # Many people come to a centre near home; the rest from anywhere in the city.
            district = rng.choice(own_districts) if rng.random() < 0.3 else weighted(rng, DISTRICT_WEIGHTS)
            _ot, lat, lon, _plz = rng.choice(ORTSTEILE[district])
            lat, lon = jitter(rng, lat, lon, 0.005, 0.0075)
            level = weighted(rng, LEVEL_SHARE)
            registered = registration_time(rng)
            people.append({
                "id": f"p{next_id:04d}", "centre": centre, "name": f"{first} {last}",
                "email": make_email(rng, first, last, emails), "preferredLanguage": preferred,
                "languages": person_languages(rng, preferred, level, extra), "gender": gender,
                "district": district, "lat": lat, "lon": lon, "level": level,
                "needs": {"womenOnly": gender == "female" and rng.random() < 0.2,
                          "childcare": rng.random() < 0.2,
                          "stepFree": rng.random() < 0.05},
                "availability": list(weighted(rng, AVAILABILITY_SETS)),
                "consent": True, "registeredAt": rfc3339(registered),
            })
            next_id += 1
        result[centre] = people
    return result


def participant_file(centre: str, fmt: str) -> str:
    return f"participants-{centre.removeprefix('centre-')}.{fmt}"


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

def write_all() -> None:
    rng = random.Random(SEED)
    locations = build_locations(rng)
    courses = build_courses(rng, locations)
    slots = build_slots(rng)
    participants = build_participants(rng, locations)

    write_json("organisations.json", ORGANISATIONS)
    write_csv("locations.csv", ["id", "owner", "name", "address", "district", "lat", "lon", "stepFree"],
              [[l["id"], l["owner"], l["name"], l["address"], l["district"], f"{l['lat']:.5f}",
                f"{l['lon']:.5f}", b(l["stepFree"])] for l in locations])
    write_csv("courses.csv", ["id", "provider", "title", "kind", "level", "locationId", "capacity", "womenOnly",
                              "childcare", "startDate", "endDate", "weekdays", "startTime", "endTime",
                              "schoolHolidays"],
              [[c["id"], c["provider"], c["title"], c["kind"], c["level"], c["locationId"], c["capacity"],
                b(c["womenOnly"]), b(c["childcare"]), c["startDate"].isoformat(), c["endDate"].isoformat(),
                ";".join(c["weekdays"]), c["startTime"], c["endTime"], b(c["schoolHolidays"])] for c in courses])
    write_json("slots.json", slots)
    for centre, _count, fmt in PARTICIPANT_FILES:
        people = participants[centre]
        if fmt == "json":
            write_json(participant_file(centre, fmt), people)
        else:
            write_csv(participant_file(centre, fmt), PARTICIPANT_CSV_HEADER,
                      [[p["id"], p["centre"], p["name"], p["email"], p["preferredLanguage"],
                        ";".join(p["languages"]), p["gender"], p["district"], f"{p['lat']:.5f}",
                        f"{p['lon']:.5f}", p["level"], b(p["needs"]["womenOnly"]), b(p["needs"]["childcare"]),
                        b(p["needs"]["stepFree"]), ";".join(p["availability"]), b(p["consent"]),
                        p["registeredAt"]] for p in people])


# --------------------------------------------------------------------------
# Validation: re-reads the written files and asserts every rule of the brief
# --------------------------------------------------------------------------

def read_csv(name: str, header: list[str]) -> list[dict]:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert not text.startswith("\ufeff") and "\r" not in text, f"{name}: BOM or CR"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == header, f"{name}: header {rows[0]}"
    for n, r in enumerate(rows[1:], 2):
        assert len(r) == len(header), f"{name}:{n}: {len(r)} fields"
    return [dict(zip(header, r)) for r in rows[1:]]


def read_json(name: str) -> list[dict]:
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    data = json.loads(raw)
    assert isinstance(data, list) and all(isinstance(o, dict) for o in data), name
    assert raw == json.dumps(data, indent=2, ensure_ascii=False) + "\n", f"{name}: not 2-space/unescaped"
    return data


def parse_bool(v: str) -> bool:
    assert v in ("true", "false"), f"bad boolean {v!r}"
    return v == "true"


def check_coord(lat: float, lon: float, district: str, max_km: float, what: str) -> None:
    assert district in ORTSTEILE, f"{what}: district {district!r}"
    near = min(km(lat, lon, o[1], o[2]) for o in ORTSTEILE[district])
    assert near <= max_km, f"{what}: {near:.2f} km from any Ortsteil of {district}"


def check_decimals(text: str, what: str) -> float:
    assert re.fullmatch(r"\d{2}\.\d{5}", text) or re.fullmatch(r"\d\.\d{5}", text), f"{what}: {text}"
    return float(text)


def check_offset(stamp: str, what: str) -> dt.datetime:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp), f"{what}: {stamp}"
    t = dt.datetime.fromisoformat(stamp)
    local = t.replace(tzinfo=None)
    assert stamp.endswith(berlin_offset(local)), f"{what}: wrong offset {stamp}"
    try:
        from zoneinfo import ZoneInfo
        assert t.utcoffset() == local.replace(tzinfo=ZoneInfo("Europe/Berlin")).utcoffset(), f"{what}: tz {stamp}"
    except ImportError:  # pragma: no cover - tzdata missing; the EU rule above still applies
        pass
    return t


def validate() -> dict:
    stats: dict = {}
    forbidden = re.compile(r"nation|origin|country|citizen|ethnic|religion", re.I)

    # organisations
    orgs = read_json("organisations.json")
    assert all(list(o)[:3] == ["id", "kind", "name"] for o in orgs)
    # Advice centres give participants their contact details; the others need none.
    contact = ["phone", "email", "address", "openingHours"]
    assert all(list(o)[3:] == (contact if o["kind"] == "advice-centre" else []) for o in orgs)
    org = {o["id"]: o for o in orgs}
    assert len(org) == len(orgs), "duplicate organisation id"
    providers = [o["id"] for o in orgs if o["kind"] == "provider"]
    centres = [o["id"] for o in orgs if o["kind"] == "advice-centre"]
    admins = [o["id"] for o in orgs if o["kind"] == "admin"]
    assert len(providers) >= 6 and len(centres) == 4 and len(providers) + len(centres) + len(admins) == len(orgs)
    assert all(re.fullmatch(r"prov-[a-z0-9-]+", p) for p in providers)
    assert all(re.fullmatch(r"centre-[a-z0-9-]+", c) for c in centres)

    # locations
    loc_header = ["id", "owner", "name", "address", "district", "lat", "lon", "stepFree"]
    locs = read_csv("locations.csv", loc_header)
    loc = {l["id"]: l for l in locs}
    assert len(loc) == len(locs), "duplicate location id"
    for l in locs:
        assert l["owner"] in org, l
        lat, lon = check_decimals(l["lat"], l["id"]), check_decimals(l["lon"], l["id"])
        check_coord(lat, lon, l["district"], 1.0, l["id"])
        assert re.fullmatch(r"[^,]+ \d+[a-z]?, 47\d{3} Duisburg", l["address"]), l["address"]
        parse_bool(l["stepFree"])
    for c in centres:
        assert 1 <= sum(l["owner"] == c for l in locs) <= 3, f"{c}: locations"
    step_free = sum(l["stepFree"] == "true" for l in locs) / len(locs)
    assert 0.55 <= step_free <= 0.85, step_free
    stats["locations"] = len(locs)

    # courses
    course_header = ["id", "provider", "title", "kind", "level", "locationId", "capacity", "womenOnly",
                     "childcare", "startDate", "endDate", "weekdays", "startTime", "endTime", "schoolHolidays"]
    courses = read_csv("courses.csv", course_header)
    assert len(courses) >= 60 and len({c["id"] for c in courses}) == len(courses)
    for c in courses:
        what = c["id"]
        assert org.get(c["provider"], {}).get("kind") == "provider", what
        assert loc[c["locationId"]]["owner"] == c["provider"], f"{what}: location of another owner"
        kind, level = c["kind"], c["level"]
        assert kind in COURSE_KINDS and level in LEVELS and c["title"].strip(), what
        if kind == "literacy":
            assert level in ("none", "A1"), what
        else:
            assert level != "none", what
        if kind == "job-language":
            assert level in ("B1", "B2", "C1") and c["title"].startswith("Berufssprachkurs"), what
        women_only, childcare, holidays = (parse_bool(c[k]) for k in ("womenOnly", "childcare", "schoolHolidays"))
        assert women_only == (kind == "women"), what
        if kind == "parents":
            assert holidays, what
        cap = int(c["capacity"])
        assert 8 <= cap <= GROUP_LIMIT[kind], what
        start, end = dt.date.fromisoformat(c["startDate"]), dt.date.fromisoformat(c["endDate"])
        assert start <= end and 56 <= (end - start).days <= 190, f"{what}: {start}..{end}"
        days = c["weekdays"].split(";")
        assert days and len(set(days)) == len(days) and set(days) <= set(WEEKDAY_CODES), what
        assert WEEKDAY_CODES[start.weekday()] in days and start not in HOLIDAYS, f"{what}: first day"
        assert re.fullmatch(r"\d\d:\d\d", c["startTime"]) and re.fullmatch(r"\d\d:\d\d", c["endTime"]), what
        t0, t1 = dt.time.fromisoformat(c["startTime"]), dt.time.fromisoformat(c["endTime"])
        assert dt.time(8) <= t0 < t1 <= dt.time(21, 30), what
    assert min(c["startDate"] for c in courses) == "2027-01-11"
    assert max(c["startDate"] for c in courses) <= "2027-05-01"
    assert any(c["kind"] == "women" and c["schoolHolidays"] == "true" for c in courses)
    assert any(c["kind"] == "women" and c["childcare"] == "true" for c in courses)
    assert any(c["kind"] not in ("women", "parents") and c["childcare"] == "true" for c in courses)
    assert any("SA" in c["weekdays"] for c in courses)
    stats["courses"] = len(courses)
    stats["courses by kind"] = Counter(c["kind"] for c in courses)
    stats["courses by district"] = Counter(loc[c["locationId"]]["district"] for c in courses)
    stats["courses by level"] = Counter(c["level"] for c in courses)
    assert set(stats["courses by kind"]) == set(COURSE_KINDS)
    assert set(stats["courses by district"]) == set(DISTRICTS)

    # slots
    slots = read_json("slots.json")
    keys = ["id", "centre", "locationId", "start", "durationMinutes", "service", "languages", "womenOnly",
            "counsellor"]
    assert len(slots) == 300 and len({s["id"] for s in slots}) == 300
    per_counsellor = defaultdict(list)
    for s in slots:
        what = s["id"]
        assert list(s) == keys, what
        assert s["centre"] in centres and loc[s["locationId"]]["owner"] == s["centre"], what
        start = check_offset(s["start"], what)
        local = start.replace(tzinfo=None)
        assert local.date() >= dt.date(2027, 1, 11) and local.weekday() < 5 and local.date() not in HOLIDAYS, what
        assert s["durationMinutes"] in (30, 45, 60), what
        end = local + dt.timedelta(minutes=s["durationMinutes"])
        assert local.time() >= dt.time(8, 30) and end.time() <= dt.time(16, 30) and end.date() == local.date(), what
        assert s["service"] in SERVICES and isinstance(s["womenOnly"], bool), what
        langs = s["languages"]
        assert "de" in langs and set(langs) <= LANGUAGE_CODES and len(set(langs)) == len(langs), what
        assert s["counsellor"].strip(), what
        per_counsellor[s["counsellor"]].append((local, end, s["centre"]))
    for name, items in per_counsellor.items():
        items.sort()
        assert len({i[2] for i in items}) == 1, f"{name} works for two centres"
        for (s0, e0, _), (s1, e1, _) in zip(items, items[1:]):
            assert e0 <= s1, f"{name}: overlap at {s1}"
    jmd_slots = [s for s in slots if s["centre"] == "centre-jmd"]
    assert sum(s["service"] == "jmd" for s in jmd_slots) > 0.7 * len(jmd_slots)
    slot_langs = Counter(l for s in slots for l in s["languages"])
    assert len(slot_langs) >= 8, slot_langs
    women_share = sum(s["womenOnly"] for s in slots) / len(slots)
    assert 0.10 <= women_share <= 0.20, women_share
    span = {s["start"][:10] for s in slots}
    assert any(s["start"].endswith("+02:00") for s in slots) and any(s["start"].endswith("+01:00") for s in slots)
    stats["slots"] = len(slots)
    stats["slots by centre"] = Counter(s["centre"] for s in slots)
    stats["slots by service"] = Counter(s["service"] for s in slots)
    stats["slot languages"] = slot_langs
    stats["slot days"] = f"{min(span)} .. {max(span)} ({len(span)} days), womenOnly {women_share:.0%}"

    # participants
    files = sorted(p.name for p in SAMPLES.glob("participants-*"))
    assert len(files) == 4 and sum(f.endswith(".csv") for f in files) == 2, files
    people = []
    for f in files:
        centre = "centre-" + f.removeprefix("participants-").rsplit(".", 1)[0]
        assert centre in centres, f
        if f.endswith(".json"):
            rows = read_json(f)
            for p in rows:
                assert list(p) == ["id", "centre", "name", "email", "preferredLanguage", "languages", "gender",
                                   "district", "lat", "lon", "level", "needs", "availability", "consent",
                                   "registeredAt"], p["id"]
                assert list(p["needs"]) == ["womenOnly", "childcare", "stepFree"], p["id"]
                assert all(isinstance(v, bool) for v in p["needs"].values()) and isinstance(p["consent"], bool)
                assert all(isinstance(p[k], float) for k in ("lat", "lon"))
                assert round(p["lat"], 5) == p["lat"] and round(p["lon"], 5) == p["lon"]
        else:
            rows = []
            for r in read_csv(f, PARTICIPANT_CSV_HEADER):
                check_decimals(r["lat"], r["id"]), check_decimals(r["lon"], r["id"])
                rows.append({**{k: r[k] for k in ("id", "centre", "name", "email", "preferredLanguage",
                                                   "gender", "district", "level", "registeredAt")},
                             "languages": r["languages"].split(";"), "lat": float(r["lat"]),
                             "lon": float(r["lon"]), "availability": r["availability"].split(";"),
                             "consent": parse_bool(r["consent"]),
                             "needs": {"womenOnly": parse_bool(r["needsWomenOnly"]),
                                       "childcare": parse_bool(r["needsChildcare"]),
                                       "stepFree": parse_bool(r["needsStepFree"])}})
        assert all(p["centre"] == centre for p in rows), f
        assert [p["id"] for p in rows] == sorted(p["id"] for p in rows), f
        stats[f] = len(rows)
        people += rows
    assert len(people) == 500
    assert len({p["id"] for p in people}) == 500 and all(re.fullmatch(r"p\d{4}", p["id"]) for p in people)
    assert len({p["email"].lower() for p in people}) == 500, "duplicate e-mail"
    for p in people:
        what = p["id"]
        assert re.fullmatch(r"[a-z0-9._-]+@example\.(org|com|net)", p["email"]), what
        assert len(p["name"].split()) >= 2, what
        langs = p["languages"]
        assert langs[0] == p["preferredLanguage"] and set(langs) <= LANGUAGE_CODES, what
        assert len(set(langs)) == len(langs), what
        assert p["gender"] in GENDERS and p["level"] in LEVELS[:-1], what
        check_coord(p["lat"], p["lon"], p["district"], 1.3, what)
        if p["needs"]["womenOnly"]:
            assert p["gender"] == "female", what
        av = p["availability"]
        assert av and len(set(av)) == len(av) and set(av) <= set(AVAILABILITY), what
        assert p["consent"] is True, what
        t = check_offset(p["registeredAt"], what).replace(tzinfo=None)
        assert dt.datetime(2026, 9, 1) <= t < dt.datetime(2027, 1, 9), what
    n = len(people)
    women = [p for p in people if p["gender"] == "female"]
    share = lambda xs, pred: sum(map(pred, xs)) / len(xs)
    assert 0.50 <= len(women) / n <= 0.60
    assert 0.06 <= share(people, lambda p: p["level"] == "none") <= 0.14
    assert 0.12 <= share(women, lambda p: p["needs"]["womenOnly"]) <= 0.28
    assert 0.14 <= share(people, lambda p: p["needs"]["childcare"]) <= 0.26
    assert 0.02 <= share(people, lambda p: p["needs"]["stepFree"]) <= 0.09
    stats["participants"] = n
    stats["participants by gender"] = Counter(p["gender"] for p in people)
    stats["participants by district"] = Counter(p["district"] for p in people)
    stats["participants by level"] = Counter(p["level"] for p in people)
    stats["participants by preferredLanguage"] = Counter(p["preferredLanguage"] for p in people)
    stats["needs"] = {k: sum(p["needs"][k] for p in people) for k in ("womenOnly", "childcare", "stepFree")}

    # No origin/nationality anywhere: neither as a key nor as a CSV column.
    for f in SAMPLES.glob("*.*"):
        if f.suffix == ".json":
            for o in json.loads(f.read_text(encoding="utf-8")):
                assert not any(forbidden.search(k) for k in o), f"{f.name}: forbidden field"
        elif f.suffix == ".csv":
            head = f.read_text(encoding="utf-8").split("\n", 1)[0]
            assert not forbidden.search(head), f"{f.name}: forbidden column"

    stats["eligible (info only)"] = eligibility_summary(people, courses, slots, loc)
    return stats


def eligibility_summary(people, courses, slots, loc) -> str:
    """How many participants have at least one eligible course / slot (not a rule, just a sanity view).
    Follows the hard rules of docs/api.md, ignoring time-of-day and existing bookings."""
    nxt = {"none": "A1", "A1": "A2", "A2": "B1", "B1": "B2", "B2": "C1", "C1": "C2"}

    def offer_ok(p, women_only, step_free):
        if women_only and p["gender"] != "female":
            return False
        if p["needs"]["womenOnly"] and not women_only:
            return False
        return step_free or not p["needs"]["stepFree"]

    def course_ok(p, c):
        lv = c["level"]
        level_ok = lv in (p["level"], nxt[p["level"]]) and (p["level"] != "none" or c["kind"] == "literacy")
        return (level_ok and offer_ok(p, c["womenOnly"] == "true", loc[c["locationId"]]["stepFree"] == "true")
                and (c["childcare"] == "true" or not p["needs"]["childcare"]))

    def slot_ok(p, s):
        return (offer_ok(p, s["womenOnly"], loc[s["locationId"]]["stepFree"] == "true")
                and bool(set(s["languages"]) & set(p["languages"])))

    with_course = sum(any(course_ok(p, c) for c in courses) for p in people)
    with_slot = sum(any(slot_ok(p, s) for s in slots) for p in people)
    return f"{with_course}/{len(people)} have an eligible course, {with_slot}/{len(people)} an eligible slot"


def main() -> None:
    if "--check" not in sys.argv:
        write_all()
    stats = validate()
    for key, value in stats.items():
        if isinstance(value, Counter):
            value = ", ".join(f"{k} {v}" for k, v in sorted(value.items(), key=lambda kv: (-kv[1], kv[0])))
        print(f"{key}: {value}")
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
