"""Turns a case's *counted* values into the rules' facts (coverage-criteria §1).

Only confirmed, edited and hand-entered values count; values still `found` are left out and
listed as excluded so the window can show it. Document values go through the extractor's own
mapping (`extractors.facts_mapping.to_rule_facts`) so the app and `oxygen-intake extract` agree;
answers to the tri-state questions and values typed by hand are laid over the result.
No rule logic here: which facts matter is the engine's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.review_model import ValueItem, conflict_key, find_conflicts
from extractors.facts_mapping import to_rule_facts
from extractors.models import DocumentExtraction, DocumentFacts, Evidence, Measurement

_NO_EVIDENCE = Evidence(page=1, bbox=(0.0, 0.0, 0.0, 0.0), text="")


@dataclass
class CaseFacts:
    """The facts handed to `rules.decide`, and what was left out and why."""

    facts: dict[str, Any]
    excluded: list[ValueItem] = field(default_factory=list)
    """Values not yet confirmed (shown greyed out: they do not count)."""
    conflicts: list[ValueItem] = field(default_factory=list)
    """Confirmed values that disagree with another confirmed value: neither counts until the
    user rejects one."""
    counted: int = 0
    """How many values count (confirmed, edited or entered by hand)."""


def _measurement(item: ValueItem) -> Measurement:
    v = dict(item.value)
    return Measurement(**{k: v.get(k) for k in v if v.get(k) is not None},
                       evidence=_NO_EVIDENCE)


def _extraction(doc_id: str, items: list[ValueItem]) -> DocumentExtraction:
    facts = DocumentFacts()
    doc = DocumentExtraction(source=doc_id, facts=facts)
    for item in items:
        if item.key == "test":
            doc.measurements.append(_measurement(item))
        elif item.key == "finding" and item.value not in facts.findings:
            facts.findings.append(item.value)
        elif item.key == "equipment" and item.value not in facts.requested_equipment:
            facts.requested_equipment.append(item.value)
        elif item.key in ("date_of_birth", "admission_date", "discharge_date", "performed_by"):
            setattr(facts, item.key, item.value)
    return doc


def build_case_facts(items: list[ValueItem], answers: dict[str, Any], *,
                     request_type: str | None = None,
                     request_date: str | None = None) -> CaseFacts:
    """Facts from the counted values of one case, plus the user's answers."""
    counted = [i for i in items if i.counted]
    conflicting_ids = set(find_conflicts(counted))
    conflicts = [i for i in counted if i.id in conflicting_ids]
    blocked_keys = {conflict_key(i) for i in conflicts}
    usable = [i for i in counted if i.id not in conflicting_ids]
    by_doc: dict[str, list[ValueItem]] = {}
    manual: list[ValueItem] = []
    for item in usable:
        if item.doc_id is None:
            manual.append(item)
        else:
            by_doc.setdefault(item.doc_id, []).append(item)
    extractions = [_extraction(doc_id, group) for doc_id, group in by_doc.items()]
    facts = to_rule_facts(extractions, request_date=request_date or None)
    for key in blocked_keys:
        if key and key[0] in facts and key[0] != "test":
            facts.pop(key[0], None)
    for item in manual:
        if item.key == "test":
            facts.setdefault("tests", []).append(
                {k: v for k, v in dict(item.value).items() if v is not None})
        elif item.key == "finding":
            facts.setdefault("findings", [])
            if item.value not in facts["findings"]:
                facts["findings"].append(item.value)
        elif item.key == "equipment":
            facts.setdefault("requested_equipment", [])
            if item.value not in facts["requested_equipment"]:
                facts["requested_equipment"].append(item.value)
        else:
            facts[item.key] = item.value
    for name, answer in answers.items():
        if answer is not None:
            facts[name] = answer
    if request_type:
        facts["request_type"] = request_type
    excluded = [i for i in items if i.status == "found"]
    return CaseFacts(facts=facts, excluded=excluded, conflicts=conflicts,
                     counted=len(counted))
