"""Synthetic people, organisations, identifiers, and the many ways paperwork writes a value.

All names, places and numbers are invented; telephone numbers use the 555-01xx range.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

FIRST_F = ("Agnes", "Beatrice", "Carol", "Dolores", "Edith", "Frances", "Gloria", "Harriet",
           "Irene", "Joan", "Loretta", "Marlene", "Nadine", "Opal", "Phyllis", "Rosalind",
           "Sylvia", "Thelma", "Verna", "Wilma", "Yvonne", "Lucinda", "Marisol", "Priya")
FIRST_M = ("Alvin", "Bernard", "Clifford", "Desmond", "Elmer", "Floyd", "Gordon", "Harold",
           "Ignatius", "Jerome", "Kenneth", "Lowell", "Merle", "Norbert", "Orville", "Percy",
           "Rudolph", "Stanley", "Thaddeus", "Virgil", "Wendell", "Rafael", "Tomasz", "Kwame")
FIRST_KID_F = ("Ava", "Maya", "Zoe", "Lily", "Nora", "Ivy", "Elena", "Amara")
FIRST_KID_M = ("Eli", "Owen", "Luca", "Miles", "Theo", "Jonah", "Mateo", "Kai")
LAST = ("Abernathy", "Bellweather", "Castellano", "Drummond", "Eckhardt", "Fairbanks",
        "Gallagher", "Hargrove", "Iverson", "Jablonski", "Kettering", "Lindqvist", "Mabry",
        "Nakashima", "Oyelaran", "Pettigrew", "Quintero", "Rasmussen", "Szymanski", "Thibodeaux",
        "Umberger", "Vanderpool", "Whitcombe", "Yarborough", "Zielinski", "Okonkwo", "Delacroix",
        "Huxtable", "Marchetti", "Pemberton", "Stroud", "Tallis", "Villanueva", "Wexler")
TOWNS = (("Millbrook", "OH"), ("Cedar Hollow", "PA"), ("Larkspur Falls", "MN"),
         ("North Ashford", "IN"), ("Pine Ridge Junction", "MO"), ("Beaverton Mills", "WI"),
         ("Harlan Springs", "KY"), ("East Calder", "MI"), ("Stonebridge", "IA"),
         ("Willow Bend", "IL"))
STREETS = ("Maple Ave", "Orchard Ln", "Kestrel Dr", "Commerce Pkwy", "Old Mill Rd",
           "Harbor St", "Linden Ct", "Quarry Rd", "Sycamore Blvd", "Wicklow Way")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass
class Person:
    """A patient."""

    first: str
    middle: str           # an initial only, so the scorer's name match is unambiguous
    last: str
    dob: date
    sex: str
    mrn: str
    mbi: str
    street: str
    town: str
    state: str
    zip: str
    phone: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.middle}. {self.last}"

    @property
    def truth_name(self) -> str:
        return f"{self.first} {self.last}"

    def name(self, style: str) -> str:
        """The name the way a form or report prints it."""
        return {"last_first": f"{self.last.upper()}, {self.first.upper()} {self.middle}",
                "Last_First": f"{self.last}, {self.first} {self.middle}.",
                "first_last": f"{self.first} {self.last}",
                "full": self.full,
                "upper": f"{self.first.upper()} {self.middle} {self.last.upper()}"}[style]

    def age_on(self, d: date) -> int:
        return d.year - self.dob.year - ((d.month, d.day) < (self.dob.month, self.dob.day))


@dataclass
class Org:
    """A clinic, hospital, laboratory, IDTF or supplier."""

    name: str
    street: str
    town: str
    state: str
    zip: str
    phone: str
    fax: str
    ident: str            # NPI / CLIA / NSC number printed somewhere on its paper

    @property
    def address(self) -> str:
        return f"{self.street}, {self.town}, {self.state} {self.zip}"


@dataclass
class Clinician:
    """A physician, NP, RT or nurse."""

    first: str
    last: str
    creds: str
    npi: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}, {self.creds}"

    @property
    def dr(self) -> str:
        return f"Dr. {self.last}" if self.creds in ("MD", "DO") else f"{self.first} {self.last}"


def phone(rng: random.Random) -> str:
    """A fictional number in the 555-01xx range."""
    return f"({rng.randint(201, 989)}) 555-01{rng.randint(0, 99):02d}"


def digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def mbi(rng: random.Random) -> str:
    """A Medicare-ID-shaped string (synthetic)."""
    letters = "ACDEFGHJKMNPQRTUVWXY"
    return (f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}{rng.randint(0, 9)}-"
            f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(0, 9)}-"
            f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(0, 9)}{rng.randint(0, 9)}")


def person(rng: random.Random, anchor: date, pediatric: bool = False) -> Person:
    """A synthetic patient; adults 58-91 years old, children 2 months to 6 years."""
    sex = rng.choice("FM")
    if pediatric:
        first = rng.choice(FIRST_KID_F if sex == "F" else FIRST_KID_M)
        dob = anchor - timedelta(days=rng.randint(60, 6 * 365))
    else:
        first = rng.choice(FIRST_F if sex == "F" else FIRST_M)
        dob = anchor - timedelta(days=rng.randint(58 * 365, 91 * 365))
    town, state = rng.choice(TOWNS)
    return Person(first, rng.choice("ABCDEFGHJKLMNPRSTW"), rng.choice(LAST), dob, sex,
                  digits(rng, rng.choice((7, 8, 9))), mbi(rng),
                  f"{rng.randint(12, 9870)} {rng.choice(STREETS)}", town, state,
                  f"{rng.randint(10, 99)}{digits(rng, 3)}", phone(rng))


def clinician(rng: random.Random, creds: str = "MD", avoid: str = "") -> Clinician:
    """A clinician whose surname differs from ``avoid`` (the patient's)."""
    last = rng.choice([n for n in LAST if n != avoid])
    first = rng.choice(FIRST_F + FIRST_M)
    return Clinician(first, last, creds, digits(rng, 10))


ORG_NAMES = {
    "clinic": ("Lakeshore Pulmonary Associates", "Riverbend Internal Medicine",
               "Prairie Lung & Sleep Clinic", "Harborview Family Practice",
               "Summit Chest Medicine Group", "Northfield Primary Care"),
    "hospital": ("St. Brendan Regional Medical Center", "Mercy Valley Hospital",
                 "Good Shepherd Community Hospital", "University Hospital of East Calder",
                 "Holloway Memorial Hospital", "Three Rivers General Hospital"),
    "lab": ("Northgate Reference Laboratories", "Keystone Clinical Labs, Inc.",
            "BioAxis Diagnostic Laboratory", "Meridian Pathology Services"),
    "idtf": ("Nightwatch Diagnostics, LLC", "RestWell Sleep Testing IDTF",
             "Oxitrace Home Diagnostics", "Midwest Sleep & Oximetry Services"),
    "supplier": ("Blue Heron Home Medical", "AeroCare Home Oxygen Supply",
                 "Cornerstone DME & Respiratory", "Liberty Breathe Medical Equipment"),
    "sleep": ("Lakeside Center for Sleep Medicine", "Sleep Disorders Center at St. Brendan",
              "Valley Sleep Institute"),
    "peds": ("Children's Lung Center of Millbrook", "Pediatric Pulmonology at University Hospital",
             "Little Lungs Pediatric Clinic"),
    "home_health": ("CareFirst Home Health Agency", "Visiting Nurse Service of the Valley",
                    "Hearthside Home Health"),
}


def org(rng: random.Random, kind: str) -> Org:
    """A fictional organisation of the given kind."""
    town, state = rng.choice(TOWNS)
    return Org(rng.choice(ORG_NAMES[kind]), f"{rng.randint(100, 9999)} {rng.choice(STREETS)}",
               town, state, f"{rng.randint(10, 99)}{digits(rng, 3)}", phone(rng), phone(rng),
               digits(rng, 10))


# -- dates and times -------------------------------------------------------------------------
DATE_STYLES = ("mdy", "mdy_short", "dmony", "long", "iso", "mdy_dash", "dmon_lis", "mon_d_y")


def fmt_date(d: date, style: str) -> str:
    """A date in one of the styles US paperwork uses (never day-first numerics)."""
    mon = MONTHS[d.month - 1]
    return {
        "mdy": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "mdy_short": f"{d.month}/{d.day}/{d.year % 100:02d}",
        "mdy_2": f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
        "dmony": f"{d.day:02d}-{mon[:3]}-{d.year}",
        "long": f"{mon} {d.day}, {d.year}",
        "iso": d.isoformat(),
        "mdy_dash": f"{d.month:02d}-{d.day:02d}-{d.year}",
        "dmon_lis": f"{d.day:02d}{mon[:3].upper()}{d.year}",
        "mon_d_y": f"{mon[:3]} {d.day}, {d.year}",
        "md": f"{d.month}/{d.day}",
    }[style]


def fmt_time(t: time, style: str = "hm") -> str:
    """Clock times: 24-hour 'hm' (07:42), 'mil' (0742), or 12-hour 'ampm'."""
    if style == "mil":
        return f"{t.hour:02d}{t.minute:02d}"
    if style == "ampm":
        return f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
    return f"{t.hour:02d}:{t.minute:02d}"


def rand_time(rng: random.Random, lo: int = 6, hi: int = 18) -> time:
    return time(rng.randint(lo, hi), rng.randint(0, 59))


def dt(d: date, t: time) -> datetime:
    return datetime.combine(d, t)


def hms(minutes: float) -> str:
    """Minutes as hh:mm:ss."""
    s = round(minutes * 60)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def hm_words(minutes: float) -> str:
    """Minutes as '6 h 42 min'."""
    m = round(minutes)
    return f"{m // 60} h {m % 60:02d} min"


# -- oxygen notations ------------------------------------------------------------------------
def flow_text(rng: random.Random, flow: float, style: str | None = None) -> str:
    """A flow the way notes write it: '2 L NC', '2 LPM', '2 L/min via nasal cannula' ..."""
    f = fmt_flow(flow)
    style = style or rng.choice(("lnc", "lpm", "lmin_via", "l", "lpm_lower", "l_nc_paren"))
    return {"lnc": f"{f} L NC", "lpm": f"{f} LPM", "lmin_via": f"{f} L/min via nasal cannula",
            "l": f"{f}L", "lpm_lower": f"{f} lpm", "l_nc_paren": f"{f}L (NC)",
            "lmin": f"{f} L/min"}[style]


def fmt_flow(flow: float) -> str:
    """2 -> '2', 0.5 -> '0.5', 0.25 -> '1/4' (pediatric prescriptions use fractions)."""
    if flow == int(flow):
        return str(int(flow))
    return {0.125: "1/8", 0.25: "1/4", 0.5: "0.5", 0.75: "3/4"}.get(flow, f"{flow:g}")


def ra_text(rng: random.Random) -> str:
    return rng.choice(("RA", "room air", "on RA", "r/a", "RA"))


def sat_label(rng: random.Random) -> str:
    return rng.choice(("SpO2", "O2 sat", "Sat %", "pulse ox", "SpO2", "O2 Sat"))


def severinghaus(po2: float) -> float:
    """Oxyhaemoglobin saturation (%) for a PO2 in mm Hg (Severinghaus 1979)."""
    return 100.0 / (1.0 + 23400.0 / (po2 ** 3 + 150.0 * po2))


def clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))
