"""Pydantic models of what the extractor returns.

The field names mirror `extraction-contract.md` exactly; `DocumentExtraction.to_contract_dict()`
gives the contract JSON object for one file. Extra fields (evidence for every fact, page sizes,
ambiguity flags) are for the desktop viewer and are left out of the contract output.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# The enums the rules share with the contract are defined once, in the rules vocabulary.
from rules.facts import Finding, Performer, Setting

Kind = Literal["pao2", "spo2", "hematocrit"]
Oxygen = Literal["room_air", "supplemental"]
Method = Literal["abg", "oximetry", "lab"]
Equipment = Literal["stationary", "portable"]
TextSource = Literal["text_layer", "ocr"]
FoundIn = Literal["table", "field", "form", "narrative"]
UncertainStatus = Literal["possible", "hypothetical", "historical", "family"]

BBox = tuple[float, float, float, float]


class Evidence(BaseModel):
    """Where a value was read: 1-based page, box in PDF points (top-left origin), source text."""

    model_config = ConfigDict(frozen=True)

    page: int
    bbox: BBox
    text: str
    source: TextSource = "text_layer"
    converted_from: str | None = None
    """Set when the value was converted, e.g. ``"7.2 kPa"`` for a PaO2 given in kPa."""

    def to_contract_dict(self) -> dict[str, Any]:
        return {"page": self.page, "bbox": [round(v, 1) for v in self.bbox], "text": self.text}


class Measurement(BaseModel):
    """One oxygenation or hematocrit value with its circumstances."""

    kind: Kind
    value: float
    setting: Setting | None = None
    oxygen: Oxygen | None = None
    flow_lpm: float | None = None
    method: Method | None = None
    date: str | None = None
    minutes: float | None = None
    confidence: float = 1.0
    evidence: Evidence
    date_ambiguous: bool = False
    """The test date was written in a form that could be day-first or month-first."""
    date_evidence: Evidence | None = None
    found_in: FoundIn = "narrative"
    """Where the value was read: a table cell, a ``Label: value`` field, a form question, or
    prose."""
    segment: int = 0
    """Index of the document segment (`DocumentExtraction.segments`) it was read in."""

    def to_contract_dict(self) -> dict[str, Any]:
        d = self.model_dump(
            include={"kind", "value", "setting", "oxygen", "flow_lpm", "method", "date",
                     "minutes", "confidence", "found_in"}
        )
        d["confidence"] = round(self.confidence, 3)
        d["date_ambiguous"] = self.date_ambiguous
        d["evidence"] = self.evidence.to_contract_dict()
        if self.evidence.converted_from is not None:
            d["evidence"]["converted_from"] = self.evidence.converted_from
        return d


class AmbiguousDate(BaseModel):
    """A date that could not be read without guessing (e.g. 03/04/26 in a day-first document)."""

    label: str
    text: str
    evidence: Evidence


class UncertainFinding(BaseModel):
    """A finding the text mentions without asserting it for the patient now."""

    finding: Finding
    status: UncertainStatus
    evidence: Evidence

    def to_contract_dict(self) -> dict[str, Any]:
        return {"finding": self.finding, "status": self.status,
                "evidence": self.evidence.to_contract_dict()}


class DocumentFacts(BaseModel):
    """Document-level facts; ``fact_evidence`` holds where each one was read."""

    patient_name: str | None = None
    date_of_birth: str | None = None
    admission_date: str | None = None
    discharge_date: str | None = None
    performed_by: Performer | None = None
    findings: list[Finding] = Field(default_factory=list)
    requested_equipment: list[Equipment] = Field(default_factory=list)
    hcpcs: list[str] = Field(default_factory=list)
    fact_evidence: dict[str, Evidence] = Field(default_factory=dict)
    """Keys: the scalar fact names, ``finding:<name>``, ``negated:<name>``,
    ``equipment:<name>``, ``hcpcs:<code>``."""
    negated_findings: list[Finding] = Field(default_factory=list)
    """Findings mentioned only in negated form ("no pedal edema"): shown, never counted."""
    uncertain_findings: list[UncertainFinding] = Field(default_factory=list)
    """Possible, hypothetical, historical or family findings: shown for the reviewer to
    decide, never counted."""
    ambiguous_dates: list[AmbiguousDate] = Field(default_factory=list)

    def to_contract_dict(self) -> dict[str, Any]:
        d = self.model_dump(
            include={"patient_name", "date_of_birth", "admission_date", "discharge_date",
                     "performed_by", "findings", "requested_equipment", "hcpcs",
                     "negated_findings"}
        )
        d["uncertain_findings"] = [u.to_contract_dict() for u in self.uncertain_findings]
        d["ambiguous_dates"] = [{"label": a.label, "text": a.text} for a in self.ambiguous_dates]
        return d


class Segment(BaseModel):
    """One document of a file (a fax packet holds several): its pages, type and why."""

    pages: list[int]
    doc_type: str
    confidence: float
    evidence: Evidence | None = None

    def to_contract_dict(self) -> dict[str, Any]:
        return {"pages": list(self.pages), "doc_type": self.doc_type,
                "confidence": round(self.confidence, 2),
                "evidence": self.evidence.to_contract_dict() if self.evidence else None}


class PageInfo(BaseModel):
    """Size of one page in PDF points and how it was read, for the viewer."""

    page: int
    width: float
    height: float
    source: TextSource
    rotation: int = 0
    """Degrees (0/90/180/270) the OCR image was turned clockwise to read it upright."""
    skew_degrees: float = 0.0
    error: str | None = None
    """Set when this page alone could not be read; its values are missing, not absent."""


class DocumentExtraction(BaseModel):
    """Everything read from one input file."""

    source: str
    pages: int = 0
    ocr_pages: list[int] = Field(default_factory=list)
    error: str | None = None
    measurements: list[Measurement] = Field(default_factory=list)
    facts: DocumentFacts = Field(default_factory=DocumentFacts)
    segments: list[Segment] = Field(default_factory=list)
    page_info: list[PageInfo] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    """Non-fatal problems (an unreadable page, an ambiguous date); never contain patient values."""
    seconds: float = 0.0

    def to_contract_dict(self) -> dict[str, Any]:
        """The contract's object for this file (plus the extra fields ``warnings``,
        ``date_ambiguous`` per measurement, ``converted_from`` in evidence and
        ``facts.ambiguous_dates``)."""
        return {
            "source": self.source,
            "pages": self.pages,
            "ocr_pages": list(self.ocr_pages),
            "error": self.error,
            "measurements": [] if self.error else [m.to_contract_dict() for m in
                                                   self.measurements],
            "facts": self.facts.to_contract_dict(),
            "segments": [seg.to_contract_dict() for seg in self.segments],
            "warnings": list(self.warnings),
        }
