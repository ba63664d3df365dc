"""Building blocks shared by the profiles: the trace, requirement statuses and pathways.

A *requirement* is one rule's verdict folded into a pathway: met, review, missing
(a fact is needed) or failed. A *pathway* is one way of qualifying (a setting at
a group level, a reauthorization path, …); its status is the worst of its
requirements. Aggregation (`rules.aggregate`) turns pathways into the decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rules.catalogue import RuleInfo
from rules.facts import Facts, OxygenTest
from rules.outcome import RuleResult, RuleStatus

Status = Literal["met", "review", "missing", "failed"]
_RANK: dict[Status, int] = {"failed": 0, "missing": 1, "review": 2, "met": 3}


def worst(*statuses: Status) -> Status:
    return min(statuses, key=_RANK.__getitem__, default="met")


def best(*statuses: Status) -> Status:
    return max(statuses, key=_RANK.__getitem__, default="failed")


def is_better(a: Status, b: Status) -> bool:
    return _RANK[a] > _RANK[b]


def unique(items: Iterable[str]) -> list[str]:
    """Keep the first occurrence of each item, in order."""
    return list(dict.fromkeys(items))


def days_between(later: dt.date, earlier: dt.date) -> int:
    """Whole calendar days from `earlier` to `later` (spec §3.2)."""
    return (later - earlier).days


def yes_no(value: bool | None) -> str:
    """A yes/no fact as intake staff read it."""
    return "not stated" if value is None else "yes" if value else "no"


def bool_status(value: bool | None) -> Status:
    """A yes/no fact: true meets, false fails, unknown must be asked."""
    if value is None:
        return "missing"
    return "met" if value else "failed"


def describe_test(index: int, test: OxygenTest) -> str:
    unit = "mmHg" if test.kind == "pao2" else "%"
    name = "PaO2" if test.kind == "pao2" else "saturation"
    air = "room air" if test.on_room_air else f"on oxygen {test.flow_lpm or '?'} L/min"
    when = test.date.isoformat() if test.date else "undated"
    setting = test.setting or "setting?"
    return f"test {index + 1} ({setting}, {name} {test.value} {unit}, {air}, {when})"


def test_facts(index: int, test: OxygenTest) -> dict[str, Any]:
    return {f"tests[{index}]": test.model_dump(mode="json", exclude_none=True)}


@dataclass(frozen=True)
class Verdict:
    """A check's result before it is recorded: lets one rule combine several checks."""

    status: Status
    detail: str
    facts: dict[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()


@dataclass
class Requirement:
    """One rule's verdict as it bears on a pathway or a test."""

    rule_id: str
    status: Status
    missing: tuple[str, ...] = ()
    review: str | None = None


@dataclass
class Pathway:
    """One way of qualifying, with what it establishes and what it still needs."""

    name: str
    group: Literal["I", "II", "III"] | None
    setting: str | None
    stationary: bool
    portable_possible: bool
    status: Status = "met"
    missing: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    portable_denied_by: str | None = None  # rule that says why this pathway gives no portable
    portable_review: str | None = None  # portable is for a person to decide on this pathway

    def require(self, req: Requirement) -> None:
        self.status = worst(self.status, req.status)
        if req.status == "missing":
            self.missing.extend(m for m in req.missing if m not in self.missing)
        elif req.status == "review" and req.review:
            self.reviews.append(req.review)

    def require_all(self, reqs: Iterable[Requirement]) -> None:
        for req in reqs:
            self.require(req)


@dataclass
class TestCheck:
    """A room-air test with its validity (performer, timing) folded in."""

    index: int
    test: OxygenTest
    status: Status = "met"
    missing: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)

    def require(self, req: Requirement) -> None:
        self.status = worst(self.status, req.status)
        if req.status == "missing":
            self.missing.extend(m for m in req.missing if m not in self.missing)
        elif req.status == "review" and req.review:
            self.reviews.append(req.review)


class Trace:
    """Records every rule evaluated, in order, with the facts it used."""

    def __init__(self, catalogue: dict[str, RuleInfo]) -> None:
        self._catalogue = catalogue
        self.results: list[RuleResult] = []
        self.warnings: list[str] = []

    def record(
        self,
        rule_id: str,
        status: RuleStatus,
        detail: str = "",
        facts: dict[str, Any] | None = None,
        *,
        missing: Iterable[str] = (),
        review: str | None = None,
    ) -> Requirement:
        info = self._catalogue[rule_id]
        explanation = f"{info.summary} — {detail}" if detail else info.summary
        self.results.append(
            RuleResult(
                id=rule_id,
                status=status,
                citation=info.citation,
                explanation=explanation,
                facts=facts or {},
            )
        )
        verdict: Status = "met" if status == "info" else status
        review_text = None
        if status == "review":
            review_text = f"{rule_id}: {review or detail or info.summary}"
        return Requirement(rule_id, verdict, tuple(missing), review_text)

    def ids_with(self, status: RuleStatus) -> list[str]:
        return unique(r.id for r in self.results if r.status == status)


def fact_verdict(facts: Facts, fact: str, what: str) -> Verdict:
    """A yes/no fact as a verdict: true meets, false fails, unknown must be asked."""
    value = getattr(facts, fact)
    missing = (fact,) if value is None else ()
    return Verdict(bool_status(value), f"{what}: {yes_no(value)}", {fact: value}, missing)


def record_fact(trace: Trace, rule_id: str, facts: Facts, fact: str, what: str) -> Requirement:
    """Record a rule that is decided by one yes/no fact."""
    verdict = fact_verdict(facts, fact, what)
    return trace.record(
        rule_id, verdict.status, verdict.detail, verdict.facts, missing=verdict.missing
    )


def apply_exclusions(
    facts: Facts, pathways: Sequence[Pathway], trace: Trace, rule_id: str, excluded: frozenset[str]
) -> list[str]:
    """Non-covered indications (MC-NONCOVERED, CEN-NOT-MED-NEC): with a qualifying pathway a
    person reviews; without one every pathway fails. Returns the review reasons raised."""
    listed = sorted(excluded.intersection(facts.non_covered_indications or []))
    if not listed:
        return []
    used = {"non_covered_indications": facts.non_covered_indications}
    if any(p.status in ("met", "review") for p in pathways):
        req = trace.record(
            rule_id, "review", f"{', '.join(listed)} documented alongside a qualifying result", used
        )
        return [req.review or rule_id]
    trace.record(rule_id, "failed", f"the order is for {', '.join(listed)}", used)
    for pathway in pathways:
        pathway.require(Requirement(rule_id, "failed"))
    return []
