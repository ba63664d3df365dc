"""A synthetic patient case: the person, the people and places around them, and the clinical
picture that every document of one fax packet shares (so the parts agree with each other).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import synth
from .synth import Clinician, Patient, Place

# statuses a finding can have in a case; documents phrase them accordingly
STATUSES = ("affirmed", "negated", "possible", "hypothetical", "historical", "family")

PROFILES: list[dict[str, str]] = [
    {},  # plain hypoxaemia
    {"dependent_edema": "affirmed", "congestive_heart_failure": "affirmed"},
    {"pulmonary_hypertension": "affirmed", "dependent_edema": "negated"},
    {
        "pulmonary_hypertension": "affirmed",
        "cor_pulmonale": "affirmed",
        "dependent_edema": "affirmed",
        "congestive_heart_failure": "negated",
    },
    {"erythrocythemia": "affirmed", "pulmonary_hypertension": "possible"},
    {
        "dependent_edema": "negated",
        "congestive_heart_failure": "historical",
        "cor_pulmonale": "family",
    },
    {
        "pulmonary_hypertension": "negated",
        "dependent_edema": "hypothetical",
        "erythrocythemia": "negated",
    },
    {
        "congestive_heart_failure": "affirmed",
        "dependent_edema": "negated",
        "p_pulmonale": "affirmed",
        "pulmonary_hypertension": "affirmed",
    },
]

DX_ADULT = [
    ("J44.9", "COPD, unspecified"),
    ("J44.1", "COPD with acute exacerbation"),
    ("J96.11", "Chronic respiratory failure with hypoxia"),
    ("J84.10", "Interstitial lung disease, unspecified"),
    ("G47.33", "Obstructive sleep apnea"),
    ("J43.9", "Emphysema, unspecified"),
    ("R09.02", "Hypoxemia"),
    ("E66.2", "Obesity hypoventilation syndrome"),
]
DX_PEDS = [
    ("P27.1", "Bronchopulmonary dysplasia"),
    ("R09.02", "Hypoxemia"),
    ("Q90.9", "Down syndrome, unspecified"),
    ("G47.33", "Obstructive sleep apnea"),
]


@dataclass
class Qual:
    """The qualifying result that orders, CMNs, letters and cover notes quote."""

    kind: str  # pao2 | spo2
    value: float
    setting: str  # rest | exercise | sleep
    date: dt.date
    method: str  # abg | oximetry
    key: str = ""  # measurement key of the source result, when it is in the file
    sat: float | None = None  # SaO2 of the same ABG
    sat_key: str = ""
    minutes: float | None = None  # sleep: minutes <= 88 %
    minutes_key: str = ""


@dataclass
class Case:
    patient: Patient
    physician: Clinician
    clinic: Place
    hospital: Place
    ref_lab: Place
    idtf: Place
    supplier: Place
    home_health: Place
    anchor: dt.date  # the main test / visit date
    findings: dict[str, str]
    flow: float  # prescribed flow (L/min)
    dx: list[tuple[str, str]]
    admission: dt.date | None = None
    discharge: dt.date | None = None
    qual: Qual | None = None
    in_packet: bool = False
    abg_in_packet: bool = False
    other: dict[str, object] = field(default_factory=dict)

    def status(self, finding: str) -> str | None:
        return self.findings.get(finding)


def make_case(
    rng: random.Random,
    *,
    pediatric: bool | None = None,
    cmn_era: bool = False,
    profile: dict[str, str] | None = None,
) -> Case:
    """A fresh case. CMN_ERA dates it 2019-2022 (the CMS-484 was retired in 2023)."""
    if pediatric is None:
        pediatric = rng.random() < 0.15
    if cmn_era:
        anchor = synth.random_date(rng, dt.date(2019, 3, 1), dt.date(2022, 11, 30))
    else:
        anchor = synth.random_date(rng, dt.date(2023, 6, 1), dt.date(2026, 3, 31))
    pt = synth.patient(rng, pediatric, anchor.year)
    doc = synth.clinician(
        rng,
        "MD",
        "Pediatric Pulmonology"
        if pediatric
        else rng.choice(["Pulmonology", "Internal Medicine", "Family Medicine"]),
    )
    if rng.random() < 0.2 and not pediatric:
        doc.title = rng.choice(["DO", "NP", "PA-C"])
    clinic_name = synth.PEDS_CLINIC if pediatric else rng.choice(synth.CLINICS[:-1])
    prof = dict(profile if profile is not None else rng.choice(PROFILES))
    if pediatric:  # children: keep to pulmonary hypertension and negations
        prof = {k: v for k, v in prof.items() if k in ("pulmonary_hypertension", "dependent_edema")}
    flow = (
        rng.choice([0.125, 0.25, 0.5, 0.5, 1.0]) if pediatric else rng.choice([1, 2, 2, 2, 3, 3, 4])
    )
    dx = rng.sample(DX_PEDS if pediatric else DX_ADULT, 2)
    return Case(
        patient=pt,
        physician=doc,
        clinic=synth.place(rng, clinic_name),
        hospital=synth.place(rng, rng.choice(synth.HOSPITALS)),
        ref_lab=synth.place(rng, rng.choice(synth.REF_LABS)),
        idtf=synth.place(rng, rng.choice(synth.IDTFS)),
        supplier=synth.place(rng, rng.choice(synth.SUPPLIERS)),
        home_health=synth.place(rng, rng.choice(synth.HOME_HEALTH)),
        anchor=anchor,
        findings=prof,
        flow=float(flow),
        dx=dx,
    )


def random_qual(rng: random.Random, case: Case, before: dt.date) -> Qual:
    """A qualifying result for a document that quotes one without its source report."""
    d = before - dt.timedelta(days=rng.randint(1, 20))
    r = rng.random()
    if case.patient.pediatric:
        return Qual(
            "spo2", float(rng.randint(86, 91)), rng.choice(["rest", "sleep"]), d, "oximetry"
        )
    if r < 0.35:
        v = float(rng.choice([rng.randint(45, 55), rng.randint(56, 59)]))
        return Qual(
            "pao2",
            v,
            "rest",
            d,
            "abg",
            sat=float(rng.randint(84, 90)) if rng.random() < 0.5 else None,
        )
    if r < 0.65:
        return Qual("spo2", float(rng.randint(84, 89)), "rest", d, "oximetry")
    if r < 0.85:
        return Qual("spo2", float(rng.randint(82, 88)), "exercise", d, "oximetry")
    return Qual(
        "spo2",
        float(rng.randint(80, 87)),
        "sleep",
        d,
        "oximetry",
        minutes=round(rng.uniform(6, 80), 1),
    )
