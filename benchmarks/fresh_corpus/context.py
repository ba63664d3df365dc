"""The cast of one document or packet: a patient, the organisations and clinicians around them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import synth
from .synth import Clinician, Org, Person


@dataclass
class Ctx:
    """Everything a layout needs to draw a document about one patient."""

    rng: random.Random
    anchor: date                       # the main test or visit date
    patient: Person
    physician: Clinician
    clinic: Org
    hospital: Org
    lab: Org
    idtf: Org
    supplier: Org
    sleep: Org
    peds: Org
    home_health: Org
    pediatric: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    def days(self, lo: int, hi: int, base: date | None = None) -> date:
        """A date ``lo``..``hi`` days after ``base`` (default: the anchor)."""
        return (base or self.anchor) + timedelta(days=self.rng.randint(lo, hi))


def make_ctx(rng: random.Random, pediatric: bool = False) -> Ctx:
    """A fresh cast with an anchor date in 2024-2025."""
    anchor = date(2024, 1, 8) + timedelta(days=rng.randint(0, 690))
    patient = synth.person(rng, anchor, pediatric)
    return Ctx(
        rng=rng, anchor=anchor, patient=patient,
        physician=synth.clinician(rng, rng.choice(("MD", "MD", "DO", "MD")), patient.last),
        clinic=synth.org(rng, "clinic"), hospital=synth.org(rng, "hospital"),
        lab=synth.org(rng, "lab"), idtf=synth.org(rng, "idtf"),
        supplier=synth.org(rng, "supplier"), sleep=synth.org(rng, "sleep"),
        peds=synth.org(rng, "peds"), home_health=synth.org(rng, "home_health"),
        pediatric=pediatric)
