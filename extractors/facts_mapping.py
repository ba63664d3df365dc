"""Turns extractions into the rules' fact vocabulary (coverage-criteria.md §1).

Plain dicts only, so this module does not need the rules package. Only values the §1
vocabulary allows are produced; anything uncertain (an ambiguous date) is left out so
that the rules ask for it instead of deciding on a guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractors.interpret.dates import age_on
from extractors.models import DocumentExtraction
from extractors.patterns import load_patterns

_TEST_KINDS = ("pao2", "spo2")
_TEST_METHODS = ("abg", "oximetry")


def _first(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def to_rule_facts(extractions: list[DocumentExtraction], *,
                  request_date: str | dt.date | None = None) -> dict[str, Any]:
    """Facts for ``oxygen-intake decide`` from one or more read documents of one patient."""
    p = load_patterns()
    docs = [d for d in extractions if d.error is None]
    facts: dict[str, Any] = {}
    req = request_date.isoformat() if isinstance(request_date, dt.date) else request_date
    if req:
        facts["request_date"] = req
    tests: list[dict[str, Any]] = []
    hematocrits: list[tuple[str, int, float]] = []
    for order, doc in enumerate(docs):
        performer = doc.facts.performed_by
        for m in doc.measurements:
            if m.kind == "hematocrit":
                hematocrits.append((m.date or "", order, m.value))
                continue
            if m.kind not in _TEST_KINDS:
                continue
            test: dict[str, Any] = {"kind": m.kind, "value": m.value}
            if m.setting:
                test["setting"] = m.setting
            if m.oxygen:
                test["oxygen"] = m.oxygen
            if m.oxygen == "supplemental" and m.flow_lpm is not None:
                test["flow_lpm"] = m.flow_lpm
            if m.method in _TEST_METHODS:
                test["method"] = m.method
            if m.date and not m.date_ambiguous:
                test["date"] = m.date
            if m.minutes is not None:
                test["minutes"] = m.minutes
            if performer:
                test["performed_by"] = performer
            tests.append(test)
    if tests:
        facts["tests"] = tests
    if hematocrits:
        facts["hematocrit_percent"] = max(hematocrits)[2]
    dob = _first([d.facts.date_of_birth for d in docs])
    on = req or dt.date.today().isoformat()
    if dob:
        age = age_on(dob, on)
        if age is not None:
            facts["age_years"] = age
    for key in ("admission_date", "discharge_date"):
        value = _first([getattr(d.facts, key) for d in docs])
        if value:
            facts[key] = value
    findings: list[str] = []
    equipment: list[str] = []
    for doc in docs:
        findings += [f for f in doc.facts.findings if f not in findings]
        wanted: list[str] = list(doc.facts.requested_equipment)
        wanted += [p.hcpcs_equipment[c] for c in doc.facts.hcpcs if c in p.hcpcs_equipment]
        equipment += [e for e in wanted if e not in equipment]
    if findings:
        facts["findings"] = findings
    if equipment:
        facts["requested_equipment"] = [e for e in ("stationary", "portable") if e in equipment]
    return facts
