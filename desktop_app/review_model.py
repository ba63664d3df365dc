"""The review's data: values read from documents, their status, and how they are shown.

Pure Python (no Qt): `values_from_extraction` turns one `DocumentExtraction` into reviewable
`ValueItem`s; `describe` gives the one-line text the panels and the printed summary show;
`find_conflicts` pairs values from different places that disagree.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from extractors.models import DocumentExtraction

Status = Literal["found", "confirmed", "edited", "entered", "rejected"]
COUNTED: frozenset[str] = frozenset({"confirmed", "edited", "entered"})
"""Statuses whose value feeds the decision. A value only `found` is shown but never counted."""

STATUS_TEXT: dict[str, str] = {
    "found": "found",
    "confirmed": "confirmed",
    "edited": "edited",
    "entered": "entered by user",
    "rejected": "rejected",
}

TEST_FIELDS = ("kind", "value", "setting", "oxygen", "flow_lpm", "method", "date", "minutes")
DOC_SCALARS = ("patient_name", "date_of_birth", "admission_date", "discharge_date",
               "performed_by")
"""Document-level facts offered for review, in display order."""

_LABELS = {
    "patient_name": "Patient name",
    "date_of_birth": "Date of birth",
    "admission_date": "Admission date",
    "discharge_date": "Discharge date",
    "performed_by": "Test performed by",
    "finding": "Finding",
    "denied_finding": "Denied finding",
    "equipment": "Requested",
}
ASSERTION_TEXT = {
    "possible": "possible",
    "hypothetical": "only if it happens",
    "historical": "in the past",
    "family": "a relative's",
    "negated": "denied",
}
"""How a finding the document does not state as present is named next to it."""
_ASSERTION_NOTES = {
    "possible": "mentioned as possible (rule out, suspected): confirm only if it is present",
    "hypothetical": "mentioned as something that may happen (return if …): confirm only if "
                    "it is present",
    "historical": "mentioned as history: confirm only if it is present now",
    "family": "mentioned of a relative, not the patient",
    "negated": "the document denies it; it never counts",
}
_KIND_TEXT = {"pao2": "PaO₂", "spo2": "SpO₂", "hematocrit": "Hematocrit"}
_UNITS = {"pao2": "mm Hg", "spo2": "%", "hematocrit": "%"}


def new_id() -> str:
    """A short random id for documents, cases and values."""
    return uuid.uuid4().hex[:12]


@dataclass
class ValueItem:
    """One value under review: what was read (or typed), where it came from, and its status."""

    id: str
    case_id: str
    key: str
    """``test``, ``hematocrit``, ``finding``, ``equipment``, a document fact (`DOC_SCALARS`),
    or, for values entered by hand, any fact name of the rules' vocabulary."""
    value: Any
    status: Status = "found"
    doc_id: str | None = None
    confidence: float | None = None
    evidence: dict[str, Any] | None = None
    """``{"page": 1, "bbox": [x0, top, x1, bottom], "text": ..., "source": ...}`` in PDF points."""
    original: Any = None
    notes: list[str] = field(default_factory=list)
    reviewer: str | None = None
    reviewed_at: str | None = None
    assertion: str | None = None
    """For a finding the document does not state as present now: ``possible``,
    ``hypothetical``, ``historical`` or ``family`` (it counts only once the reviewer confirms
    it), or ``negated`` (a ``denied_finding``: shown, never counted)."""

    @property
    def counted(self) -> bool:
        return self.status in COUNTED

    @property
    def page(self) -> int | None:
        return int(self.evidence["page"]) if self.evidence else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ValueItem:
        return cls(**data)


def _fmt_number(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def label(item: ValueItem) -> str:
    """The short name of a value: ``PaO₂``, ``Date of birth``, ``Finding`` …"""
    if item.key == "test" and isinstance(item.value, dict):
        return _KIND_TEXT.get(str(item.value.get("kind")), "Test")
    if item.key == "finding" and item.assertion in ASSERTION_TEXT:
        return f"Finding ({ASSERTION_TEXT[item.assertion]})"
    return _LABELS.get(item.key, item.key.replace("_", " ").capitalize())


def value_text(item: ValueItem) -> str:
    """The value with its circumstances: ``54 mm Hg · rest · room air · ABG · 2026-03-14``."""
    v = item.value
    if item.key == "test" and isinstance(v, dict):
        parts = [f"{_fmt_number(v.get('value'))} {_UNITS.get(str(v.get('kind')), '')}".strip()]
        if v.get("setting"):
            parts.append(str(v["setting"]))
        if v.get("oxygen"):
            oxygen = "room air" if v["oxygen"] == "room_air" else "on oxygen"
            if v.get("flow_lpm") is not None:
                oxygen += f" {_fmt_number(v['flow_lpm'])} L/min"
            parts.append(oxygen)
        if v.get("method"):
            parts.append("ABG" if v["method"] == "abg" else str(v["method"]))
        if v.get("minutes") is not None:
            parts.append(f"{_fmt_number(v['minutes'])} min")
        parts.append(str(v.get("date") or "no date"))
        return " · ".join(parts)
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return ", ".join(str(x).replace("_", " ") for x in v)
    if isinstance(v, str):
        return v.replace("_", " ") if item.key in ("finding", "denied_finding", "equipment",
                                                   "performed_by") else v
    return _fmt_number(v)


def describe(item: ValueItem) -> str:
    """``PaO₂: 54 mm Hg · rest · …`` — one line for lists and the printed summary."""
    return f"{label(item)}: {value_text(item)}"


def _evidence(ev: Any) -> dict[str, Any]:
    return {"page": ev.page, "bbox": list(ev.bbox), "text": ev.text, "source": ev.source}


def values_from_extraction(case_id: str, doc_id: str,
                           extraction: DocumentExtraction) -> list[ValueItem]:
    """Everything the extractor read from one document, as values awaiting review."""
    items: list[ValueItem] = []
    for m in extraction.measurements:
        notes: list[str] = []
        if m.date_ambiguous:
            notes.append("date could be day-first or month-first")
        if m.evidence.converted_from:
            notes.append(f"converted from {m.evidence.converted_from}")
        value: Any = {k: getattr(m, k) for k in TEST_FIELDS}
        items.append(ValueItem(new_id(), case_id, "test", value, doc_id=doc_id,
                               confidence=round(m.confidence, 2),
                               evidence=_evidence(m.evidence), original=value, notes=notes))
    facts = extraction.facts
    ev = facts.fact_evidence
    for name in DOC_SCALARS:
        value = getattr(facts, name)
        if value:
            items.append(ValueItem(new_id(), case_id, name, value, doc_id=doc_id,
                                   evidence=_evidence(ev[name]) if name in ev else None,
                                   original=value))
    for finding in facts.findings:
        e = ev.get(f"finding:{finding}")
        items.append(ValueItem(new_id(), case_id, "finding", finding, doc_id=doc_id,
                               evidence=_evidence(e) if e else None, original=finding))
    for uncertain in facts.uncertain_findings:
        if uncertain.finding in facts.findings:
            continue
        items.append(ValueItem(new_id(), case_id, "finding", uncertain.finding, doc_id=doc_id,
                               evidence=_evidence(uncertain.evidence), original=uncertain.finding,
                               notes=[_ASSERTION_NOTES[uncertain.status]],
                               assertion=uncertain.status))
    for denied in facts.negated_findings:
        e = ev.get(f"negated:{denied}")
        items.append(ValueItem(new_id(), case_id, "denied_finding", denied, doc_id=doc_id,
                               evidence=_evidence(e) if e else None, original=denied,
                               notes=[_ASSERTION_NOTES["negated"]], assertion="negated"))
    for equipment in facts.requested_equipment:
        e = ev.get(f"equipment:{equipment}")
        items.append(ValueItem(new_id(), case_id, "equipment", equipment, doc_id=doc_id,
                               evidence=_evidence(e) if e else None, original=equipment))
    return items


def conflict_key(item: ValueItem) -> tuple[Any, ...] | None:
    """Values with the same key describe the same thing; differing values then conflict."""
    if item.key == "test" and isinstance(item.value, dict):
        v = item.value
        return ("test", v.get("kind"), v.get("date"), v.get("setting"), v.get("oxygen"))
    if item.key in ("date_of_birth", "admission_date", "discharge_date", "performed_by",
                    "patient_name"):
        return (item.key,)
    return None


def _comparable(item: ValueItem) -> Any:
    if item.key == "test" and isinstance(item.value, dict):
        return item.value.get("value")
    return item.value


def find_conflicts(items: list[ValueItem]) -> dict[str, list[str]]:
    """For each value that disagrees with another (not rejected), the ids it disagrees with."""
    groups: dict[tuple[Any, ...], list[ValueItem]] = {}
    for item in items:
        if item.status == "rejected":
            continue
        key = conflict_key(item)
        if key is not None:
            groups.setdefault(key, []).append(item)
    out: dict[str, list[str]] = {}
    for members in groups.values():
        for a in members:
            others = [b.id for b in members
                      if b.id != a.id and _comparable(b) != _comparable(a)]
            if others:
                out[a.id] = others
    return out
