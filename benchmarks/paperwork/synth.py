"""Synthetic people, places, identifiers, dates and their printed formats.

All names, numbers and addresses are invented; phone numbers use the fictional 555-01xx range.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

FIRST_M = [
    "Walter",
    "James",
    "Robert",
    "Harold",
    "Luis",
    "Dennis",
    "Curtis",
    "Raymond",
    "Earl",
    "Vincent",
    "Tomas",
    "Gerald",
    "Arthur",
    "Samuel",
    "Wendell",
    "Kenji",
    "Darnell",
    "Frank",
    "Leon",
    "Mohammed",
    "Ignacio",
    "Russell",
    "Clifford",
    "Otis",
]
FIRST_F = [
    "Margaret",
    "Dolores",
    "Evelyn",
    "Patricia",
    "Gloria",
    "Rosa",
    "Linda",
    "Joan",
    "Bernice",
    "Aiko",
    "Yolanda",
    "Shirley",
    "Carmen",
    "Judith",
    "Irene",
    "Naomi",
    "Beatrice",
    "Fatima",
    "Louise",
    "Marisol",
    "Deborah",
    "Vera",
    "Opal",
    "Helen",
]
FIRST_CHILD_M = ["Mason", "Elijah", "Mateo", "Caleb", "Jayden", "Owen", "Ezra", "Malik"]
FIRST_CHILD_F = ["Ava", "Sofia", "Layla", "Nora", "Zoe", "Amara", "Hazel", "Isla"]
LAST = [
    "Okafor",
    "Brandt",
    "Kowalczyk",
    "Delgado",
    "Haverford",
    "Nakamura",
    "Pettibone",
    "Abernathy",
    "Lindqvist",
    "Moreau",
    "Quintero",
    "Szabo",
    "Whitlock",
    "Oyelaran",
    "Fairbanks",
    "Castellano",
    "McCready",
    "Van Allen",
    "Dubrovsky",
    "Ashworth",
    "Thibodeaux",
    "Rasmussen",
    "Calloway",
    "Ferreira",
    "Blackwood",
    "Esposito",
    "Yazzie",
    "Holloway",
    "Petrakis",
    "Sandoval",
    "Underhill",
    "Kaminski",
]
CLIN_FIRST = [
    "Anita",
    "Marcus",
    "Priya",
    "Daniel",
    "Helena",
    "Victor",
    "Grace",
    "Omar",
    "Lena",
    "Theodore",
    "Ruth",
    "Samir",
    "Claire",
    "Julian",
    "Ingrid",
    "Felix",
]
CLIN_LAST = [
    "Ramanathan",
    "Whitfield",
    "Osei",
    "Bergstrom",
    "Castillo",
    "Nguyen",
    "Adebayo",
    "Hoffmann",
    "Lachance",
    "Marchetti",
    "Sorensen",
    "Iwata",
    "Greenberg",
    "Tolliver",
]
STREETS = [
    "Maple Ave",
    "Orchard Rd",
    "W 14th St",
    "Lakeview Dr",
    "Birch Ln",
    "County Rd 9",
    "Harbor Blvd",
    "Prairie View Ct",
    "Elm St",
    "Juniper Way",
    "Old Mill Rd",
]
TOWNS = [
    ("Millbrook", "OH", "43"),
    ("Cedar Falls", "IA", "50"),
    ("Port Ellis", "ME", "04"),
    ("Red Mesa", "AZ", "85"),
    ("Glenhaven", "PA", "17"),
    ("Three Rivers", "MI", "49"),
    ("Bellmont", "TN", "37"),
    ("Sutter Creek", "CA", "95"),
    ("Fairview", "KS", "66"),
]
HOSPITALS = [
    "Mercy Valley Medical Center",
    "St. Brendan Regional Hospital",
    "Lakeshore General Hospital",
    "Good Samaritan Health Center",
    "Riverside University Hospital",
    "Northfield Memorial Hospital",
]
REF_LABS = [
    "Tri-County Reference Laboratory",
    "Keystone Clinical Labs",
    "Allied Diagnostic Laboratories",
]
IDTFS = [
    "NightWatch Diagnostics, IDTF",
    "Summit Sleep Diagnostics (IDTF)",
    "ClearPath Home Testing Services, IDTF",
]
SUPPLIERS = [
    "AeroCare Home Medical",
    "BreatheRight Medical Supply",
    "Prairie Home Respiratory",
    "Coastal DME & Oxygen",
    "Lifeline Home Medical Equipment",
]
HOME_HEALTH = [
    "Riverbend Home Health",
    "CareFirst Home Health Services",
    "Heartland Visiting Nurses",
    "Hometown Skilled Nursing Agency",
]
CLINICS = [
    "Valley Pulmonary Associates",
    "Northside Family Medicine",
    "Cardiopulmonary Specialists of {town}",
    "Lakeshore Internal Medicine",
    "{town} Community Health Center",
    "Children's Pulmonary & Sleep Clinic",
]
PEDS_CLINIC = "Children's Pulmonary & Sleep Clinic"


@dataclass
class Person:
    first: str
    last: str
    middle: str = ""

    @property
    def full(self) -> str:
        return f"{self.first} {self.middle + '. ' if self.middle else ''}{self.last}"

    @property
    def last_first(self) -> str:
        return (
            f"{self.last.upper()}, {self.first.upper()}{' ' + self.middle if self.middle else ''}"
        )

    @property
    def last_first_mixed(self) -> str:
        return f"{self.last}, {self.first}{' ' + self.middle + '.' if self.middle else ''}"


@dataclass
class Clinician(Person):
    title: str = "MD"
    npi: str = ""
    role: str = "Pulmonology"

    @property
    def signed(self) -> str:
        return f"{self.first} {self.last}, {self.title}"


@dataclass
class Place:
    name: str
    street: str
    town: str
    state: str
    zip: str
    phone: str
    fax: str

    @property
    def city_line(self) -> str:
        return f"{self.town}, {self.state} {self.zip}"


@dataclass
class Patient(Person):
    dob: dt.date = dt.date(1950, 1, 1)
    sex: str = "M"
    mrn: str = ""
    mbi: str = ""
    street: str = ""
    city_line: str = ""
    phone: str = ""
    height_in: int = 68
    weight_lb: int = 180
    pediatric: bool = False
    parent: Person | None = None
    parent_dob: dt.date | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def age_on(self, d: dt.date) -> int:
        return d.year - self.dob.year - ((d.month, d.day) < (self.dob.month, self.dob.day))

    @property
    def he(self) -> str:
        return "he" if self.sex == "M" else "she"

    @property
    def his(self) -> str:
        return "his" if self.sex == "M" else "her"

    @property
    def him(self) -> str:
        return "him" if self.sex == "M" else "her"

    @property
    def title(self) -> str:
        return "Mr." if self.sex == "M" else "Ms."


def phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) 555-01{rng.randint(0, 99):02d}"


def npi(rng: random.Random) -> str:
    return "1" + "".join(str(rng.randint(0, 9)) for _ in range(9))


def mbi(rng: random.Random) -> str:
    letters = "ACDEFGHJKMNPQRTUVWXY"

    def a() -> str:
        return rng.choice(letters)

    def n() -> str:
        return str(rng.randint(0, 9))

    part1 = f"{rng.randint(1, 9)}{a()}{rng.choice([a(), n()])}{n()}"
    part2 = f"{a()}{rng.choice([a(), n()])}{n()}"
    return f"{part1}-{part2}-{a()}{a()}{n()}{n()}"


def place(rng: random.Random, name: str) -> Place:
    town, st, z = rng.choice(TOWNS)
    return Place(
        name.format(town=town),
        f"{rng.randint(100, 9899)} {rng.choice(STREETS)}",
        town,
        st,
        f"{z}{rng.randint(100, 999)}",
        phone(rng),
        phone(rng),
    )


def clinician(rng: random.Random, title: str = "MD", role: str = "Pulmonology") -> Clinician:
    return Clinician(
        rng.choice(CLIN_FIRST),
        rng.choice(CLIN_LAST),
        rng.choice("ABCDEJKLMRST"),
        title=title,
        npi=npi(rng),
        role=role,
    )


def patient(rng: random.Random, pediatric: bool = False, year: int = 2025) -> Patient:
    sex = rng.choice("MF")
    if pediatric:
        first = rng.choice(FIRST_CHILD_M if sex == "M" else FIRST_CHILD_F)
        age_days = rng.randint(60, 9 * 365)
        height, weight = rng.randint(22, 50), rng.randint(10, 70)
    else:
        first = rng.choice(FIRST_M if sex == "M" else FIRST_F)
        age_days = rng.randint(52 * 365, 90 * 365)
        height = rng.randint(60, 74) if sex == "M" else rng.randint(58, 68)
        weight = rng.randint(120, 260)
    dob = dt.date(year, 6, 30) - dt.timedelta(days=age_days)
    last = rng.choice(LAST)
    town, st, z = rng.choice(TOWNS)
    p = Patient(
        first,
        last,
        rng.choice(["", "A", "J", "L", "M", "R", "E", "T"]),
        dob=dob,
        sex=sex,
        mrn=f"{rng.randint(10, 99)}{rng.randint(100000, 999999)}",
        mbi=mbi(rng),
        street=f"{rng.randint(10, 9999)} {rng.choice(STREETS)}",
        city_line=f"{town}, {st} {z}{rng.randint(100, 999)}",
        phone=phone(rng),
        height_in=height,
        weight_lb=weight,
        pediatric=pediatric,
    )
    if pediatric:
        p.parent = Person(
            rng.choice(FIRST_F + FIRST_M), last if rng.random() < 0.7 else rng.choice(LAST)
        )
        p.parent_dob = dt.date(year - rng.randint(22, 40), rng.randint(1, 12), rng.randint(1, 28))
    return p


# --- dates and times -------------------------------------------------------------------------


def fmt_date(d: dt.date, style: str) -> str:
    """Printed date in one of the styles seen on paperwork."""
    if style == "us":
        return d.strftime("%m/%d/%Y")
    if style == "us2":
        return d.strftime("%m/%d/%y")
    if style == "us_short":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "us_short2":
        return f"{d.month}/{d.day}/{d.strftime('%y')}"
    if style == "dmon":
        return d.strftime("%d-%b-%Y").upper()
    if style == "iso":
        return d.isoformat()
    if style == "long":
        return f"{d.strftime('%B')} {d.day}, {d.year}"
    if style == "mon":
        return f"{d.strftime('%b')} {d.day}, {d.year}"
    raise ValueError(style)


def fmt_time(t: dt.datetime | dt.time, style: str = "24") -> str:
    if style == "24":
        return t.strftime("%H:%M")
    if style == "24s":
        return t.strftime("%H:%M:%S")
    hour = t.hour % 12 or 12
    return f"{hour}:{t.strftime('%M')} {'AM' if t.hour < 12 else 'PM'}"


def fmt_dt(t: dt.datetime, dstyle: str = "us", tstyle: str = "24") -> str:
    return f"{fmt_date(t.date(), dstyle)} {fmt_time(t, tstyle)}"


def at(d: dt.date, rng: random.Random, h0: int = 7, h1: int = 17) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, rng.randint(h0, h1), rng.randint(0, 59))


def hms(minutes: float) -> str:
    """Minutes as hh:mm:ss."""
    secs = round(minutes * 60)
    return f"{secs // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}"


def fmt_flow(flow: float, style: str = "lpm") -> str:
    """A flow as printed: 2 LPM, 2L, 2 L/min, 1/2 L, 0.25 L/min ..."""
    frac = {0.125: "1/8", 0.25: "1/4", 0.5: "1/2", 0.75: "3/4", 1.5: "1 1/2", 2.5: "2 1/2"}
    num = frac[flow] if style == "frac" and flow in frac else f"{flow:g}"
    return {
        "lpm": f"{num} LPM",
        "L": f"{num}L",
        "lmin": f"{num} L/min",
        "frac": f"{num} L",
        "lpm_lower": f"{num}lpm",
        "liters": f"{num} liters",
    }[style if style != "frac" else "frac"]


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))
