"""Truth records: what a careful reader should find in a document, in the scorer's format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .pen import Pen

KINDS = ("pao2", "spo2", "hematocrit")
SETTINGS = ("rest", "sleep", "exercise", None)
OXYGEN = ("room_air", "supplemental", None)
METHODS = ("abg", "oximetry", "lab", None)
FINDINGS = ("dependent_edema", "congestive_heart_failure", "pulmonary_hypertension",
            "cor_pulmonale", "p_pulmonale", "erythrocythemia", "cluster_headache")
PERFORMERS = ("physician", "hospital_lab", "independent_lab", "idtf", "dme_supplier", None)
STATIONARY = {"E0424", "E0425", "E0439", "E0440", "E1390", "E1391", "E1405", "E1406",
              "E0441", "E0442"}
PORTABLE = {"E0430", "E0431", "E0433", "E0434", "E0435", "E1392", "K0738", "E0443", "E0444"}
KPA_TO_MMHG = 7.50062


@dataclass
class M:
    """One truth measurement. ``page`` is 1-based within the part that created it."""

    kind: str
    value: float
    setting: str | None
    oxygen: str | None
    flow_lpm: float | None
    method: str | None
    date: date | None
    page: int
    minutes: float | None = None
    optional: bool = False
    accept: dict[str, list[Any]] = field(default_factory=dict)
    date_accept: list[date] = field(default_factory=list)

    def __post_init__(self) -> None:
        assert self.kind in KINDS and self.setting in SETTINGS, (self.kind, self.setting)
        assert self.oxygen in OXYGEN and self.method in METHODS, (self.oxygen, self.method)
        assert self.oxygen == "supplemental" or self.flow_lpm is None, self

    def to_json(self, page_offset: int = 0) -> dict[str, Any]:
        """The scorer's measurement object."""
        out: dict[str, Any] = {
            "kind": self.kind, "value": float(self.value), "setting": self.setting,
            "oxygen": self.oxygen,
            "flow_lpm": None if self.flow_lpm is None else float(self.flow_lpm),
            "method": self.method, "date": self.date.isoformat() if self.date else None,
            "minutes": None if self.minutes is None else float(self.minutes),
            "page": self.page + page_offset,
        }
        if self.optional:
            out["optional"] = True
        if self.accept:
            out["accept"] = {k: [a.isoformat() if isinstance(a, date) else a for a in v]
                             for k, v in self.accept.items()}
        if self.date_accept:
            out["date_accept"] = [d.isoformat() for d in self.date_accept]
        return out


@dataclass
class Facts:
    """Document-level facts; the sets follow the extraction contract's enums."""

    patient_name: str | None = None
    date_of_birth: date | None = None
    admission_date: date | None = None
    discharge_date: date | None = None
    performed_by: str | None = None
    findings: set[str] = field(default_factory=set)
    findings_optional: set[str] = field(default_factory=set)
    negated_findings: set[str] = field(default_factory=set)
    requested_equipment: set[str] = field(default_factory=set)
    hcpcs: set[str] = field(default_factory=set)
    accept: dict[str, list[Any]] = field(default_factory=dict)

    def add_codes(self, codes: list[str]) -> None:
        """Record ordered HCPCS codes and the equipment classes they imply."""
        for code in codes:
            self.hcpcs.add(code)
            if code in STATIONARY:
                self.requested_equipment.add("stationary")
            if code in PORTABLE:
                self.requested_equipment.add("portable")

    def finding(self, name: str, status: str) -> None:
        """Record a finding as 'affirmed', 'negated', 'optional' or anything else (ignored)."""
        assert name in FINDINGS, name
        if status == "affirmed":
            self.findings.add(name)
        elif status == "negated":
            self.negated_findings.add(name)
        elif status == "optional":
            self.findings_optional.add(name)

    def to_json(self) -> dict[str, Any]:
        """The scorer's facts object; a finding is never both affirmed and negated/optional."""
        iso = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in (
            ("date_of_birth", self.date_of_birth), ("admission_date", self.admission_date),
            ("discharge_date", self.discharge_date))}
        out: dict[str, Any] = {
            "patient_name": self.patient_name, **iso, "performed_by": self.performed_by,
            "findings": sorted(self.findings),
            "requested_equipment": sorted(self.requested_equipment),
            "hcpcs": sorted(self.hcpcs),
        }
        optional = self.findings_optional - self.findings
        negated = self.negated_findings - self.findings - optional
        if optional:
            out["findings_optional"] = sorted(optional)
        if negated:
            out["negated_findings"] = sorted(negated)
        if self.accept:
            out["accept"] = {k: [a.isoformat() if isinstance(a, date) else a for a in v]
                             for k, v in self.accept.items()}
        return out


PageDraw = Callable[[Pen], None]
Overlay = Callable[[Pen, int, int], None]      # pen, 1-based page number, page count


@dataclass
class Page:
    """One page to draw: a size in points and a function that draws it."""

    draw: PageDraw
    size: tuple[float, float] = (612.0, 792.0)


@dataclass
class Part:
    """A document (or one document of a packet): its pages and its truth."""

    doc_type: str
    pages: list[Page]
    measurements: list[M] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    hard: list[str] = field(default_factory=list)
    overlays: list[Overlay] | None = None      # None: the build decides (fax header or not)
    last_date: date | None = None              # latest date printed, when later than the truth's
