"""The truth model: measurements, facts and segments of one generated file, as JSON.

The format is the one in the project's truth schema (``truth_schema.md``). Truth is built from
the same values the layouts draw, never read back from a drawing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

KINDS = ("pao2", "spo2", "hematocrit")
SETTINGS = ("rest", "exercise", "sleep", None)
OXYGEN = ("room_air", "supplemental", None)
METHODS = ("abg", "oximetry", "lab")
FINDINGS = (
    "dependent_edema",
    "congestive_heart_failure",
    "pulmonary_hypertension",
    "cor_pulmonale",
    "p_pulmonale",
    "erythrocythemia",
    "cluster_headache",
)
UNCERTAIN = ("possible", "hypothetical", "historical", "family")
DOC_TYPES = (
    "abg_lab_report",
    "overnight_oximetry",
    "exercise_oximetry",
    "cmn_484",
    "written_order",
    "progress_note",
    "discharge_summary",
    "nursing_visit_note",
    "fax_cover",
    "unknown",
)
PERFORMERS = ("physician", "hospital_lab", "independent_lab", "idtf", "dme_supplier", None)
KPA_TO_MMHG = 7.50062


def kpa_to_mmhg(kpa: float) -> float:
    return round(kpa * KPA_TO_MMHG, 1)


def iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


@dataclass
class Measurement:
    """One printed test result as a careful reader writes it down."""

    kind: str
    value: float
    setting: str | None
    oxygen: str | None
    flow_lpm: float | None
    method: str
    date: dt.date | None
    minutes: float | None = None
    page: int = 1
    optional: bool = False
    accept: dict[str, list[Any]] = field(default_factory=dict)
    date_accept: list[dt.date] = field(default_factory=list)
    key: str = ""  # identity of the test result (packet de-duplication)
    quote_of: str = ""  # key of the result this entry copies (an order quoting a test)

    def __post_init__(self) -> None:
        assert self.kind in KINDS and self.setting in SETTINGS and self.oxygen in OXYGEN
        assert self.method in METHODS, self.method
        if self.oxygen != "supplemental":
            assert self.flow_lpm is None, "a flow needs supplemental oxygen"

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind,
            "value": float(self.value),
            "setting": self.setting,
            "oxygen": self.oxygen,
            "flow_lpm": None if self.flow_lpm is None else float(self.flow_lpm),
            "method": self.method,
            "date": iso(self.date),
            "minutes": None if self.minutes is None else float(self.minutes),
            "page": self.page,
        }
        if self.accept:
            d["accept"] = {
                k: [iso(v) if isinstance(v, dt.date) else v for v in vs]
                for k, vs in self.accept.items()
            }
        if self.date_accept:
            d["date_accept"] = [iso(x) for x in self.date_accept]
        if self.optional:
            d["optional"] = True
        return d


@dataclass
class Facts:
    """Document-level facts; findings are collected with a status and sorted out on output."""

    patient_name: str | None = None
    date_of_birth: dt.date | None = None
    admission_date: dt.date | None = None
    discharge_date: dt.date | None = None
    performed_by: str | None = None
    performed_by_accept: list[str | None] = field(default_factory=list)
    finding_status: dict[str, set[str]] = field(default_factory=dict)
    requested_equipment: set[str] = field(default_factory=set)
    hcpcs: set[str] = field(default_factory=set)

    def finding(self, name: str, status: str) -> None:
        """STATUS: affirmed | optional | negated | possible | hypothetical | historical | family."""
        assert name in FINDINGS, name
        assert status in ("affirmed", "optional", "negated", *UNCERTAIN), status
        self.finding_status.setdefault(name, set()).add(status)

    def merge(self, other: Facts) -> None:
        """Fold the facts of another part of the same file into these."""
        for f in ("patient_name", "date_of_birth", "admission_date", "discharge_date"):
            if getattr(self, f) is None:
                setattr(self, f, getattr(other, f))
        if self.performed_by is None:
            self.performed_by = other.performed_by
            self.performed_by_accept = list(other.performed_by_accept)
        elif other.performed_by not in (None, self.performed_by):
            self.performed_by_accept.append(other.performed_by)
        for name, sts in other.finding_status.items():
            self.finding_status.setdefault(name, set()).update(sts)
        self.requested_equipment |= other.requested_equipment
        self.hcpcs |= other.hcpcs

    def to_json(self) -> dict[str, Any]:
        affirmed = sorted(n for n, s in self.finding_status.items() if "affirmed" in s)
        optional = sorted(
            n for n, s in self.finding_status.items() if "optional" in s and n not in affirmed
        )
        negated = sorted(
            n for n, s in self.finding_status.items() if "negated" in s and n not in affirmed
        )
        uncertain = []
        for n, s in sorted(self.finding_status.items()):
            if n in affirmed or n in negated:
                continue
            for st in UNCERTAIN:
                if st in s:
                    uncertain.append({"finding": n, "status": st})
        d: dict[str, Any] = {
            "patient_name": self.patient_name,
            "date_of_birth": iso(self.date_of_birth),
            "admission_date": iso(self.admission_date),
            "discharge_date": iso(self.discharge_date),
            "performed_by": self.performed_by,
            "findings": affirmed,
            "findings_optional": optional,
            "negated_findings": negated,
            "uncertain_findings": uncertain,
            "requested_equipment": sorted(self.requested_equipment),
            "hcpcs": sorted(c.upper() for c in self.hcpcs),
        }
        alts = [a for a in dict.fromkeys(self.performed_by_accept) if a != self.performed_by]
        if alts:
            d["accept"] = {"performed_by": alts}
        return d


@dataclass
class Segment:
    pages: list[int]
    doc_type: str

    def to_json(self) -> dict[str, Any]:
        assert self.doc_type in DOC_TYPES
        return {"pages": self.pages, "doc_type": self.doc_type}


@dataclass
class Truth:
    """Everything written to NAME.truth.json."""

    source: str
    pages: int
    measurements: list[Measurement]
    facts: Facts
    segments: list[Segment]
    meta: dict[str, Any]
    expect_error: bool = False

    def to_json(self) -> dict[str, Any]:
        ms = sorted(self.measurements, key=lambda m: m.page)
        return {
            "source": self.source,
            "pages": self.pages,
            "expect_error": self.expect_error,
            "measurements": [m.to_json() for m in ms],
            "facts": self.facts.to_json(),
            "segments": [s.to_json() for s in self.segments],
            "meta": self.meta,
        }


VALUE_TOL = {"pao2": 0.6, "spo2": 0.15, "hematocrit": 0.15}
_ATTRS = ("setting", "oxygen", "flow_lpm", "method", "date", "minutes")


def _alts(m: Measurement, a: str) -> list[Any]:
    base = [getattr(m, a), *m.accept.get(a, [])]
    return [*base, *m.date_accept] if a == "date" else base


def _fits(truth: Measurement, other: Measurement) -> bool:
    """Would OTHER, read as a prediction, count as a strict hit for TRUTH?"""
    for a in _ATTRS:
        if a == "minutes" and truth.minutes is None:
            continue
        got = getattr(other, a)
        alts = _alts(truth, a)
        if a in ("flow_lpm", "minutes"):
            if not any(
                (x is None and got is None)
                or (x is not None and got is not None and abs(x - got) <= 0.5)
                for x in alts
            ):
                return False
        elif got not in alts:
            return False
    return True


def ambiguous(ms: list[Measurement]) -> bool:
    """Two results on different pages that a scorer could swap (same kind, value within the
    tolerance, each fitting the other's attributes): such a draw is redone."""
    for i, a in enumerate(ms):
        for b in ms[i + 1 :]:
            if (
                a.kind == b.kind
                and abs(a.value - b.value) <= VALUE_TOL[a.kind] + 0.05
                and a.page != b.page
                and (_fits(a, b) or _fits(b, a))
            ):
                return True
    return False
