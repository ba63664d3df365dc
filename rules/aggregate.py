"""From pathways to the decision (spec §2): equipment per item, then the request's outcome.

The request is decided on the items it asks for: `qualifies` when at least one
requested item is covered; a requested item that still needs a fact or a review
holds the decision at `insufficient_information` / `needs_review`. With no item
requested, both are evaluated and the patient-level result is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rules.common import Pathway, Status, Trace, is_better, unique, worst
from rules.facts import Facts
from rules.outcome import DecisionValue, Equipment

Item = Literal["stationary", "portable"]
ITEMS: tuple[Item, ...] = ("stationary", "portable")
GROUP_ORDER: dict[str | None, int] = {"I": 0, "II": 1, "III": 2}


@dataclass(frozen=True)
class Mobility:
    status: Status
    missing: tuple[str, ...]
    detail: str
    facts: dict[str, bool | None]


@dataclass(frozen=True)
class EquipmentRules:
    """The profile's rule IDs and mobility test for the equipment step."""

    mobility_rule: str
    mobility: Callable[[Facts], Mobility]
    exercise_only_rule: str | None


@dataclass
class ItemResult:
    status: Status = "failed"
    missing: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    pathways: list[Pathway] = field(default_factory=list)
    mobility_only: bool = False  # missing only because mobility is unknown (spec §2 step 8)


@dataclass(frozen=True)
class Outcome:
    decision: DecisionValue
    group: Literal["I", "II", "III"] | None
    equipment: Equipment | None
    missing_facts: list[str]
    review_reasons: list[str]


def _live(pathways: Sequence[Pathway]) -> list[Pathway]:
    return [p for p in pathways if p.status != "failed"]


def evaluate_items(
    pathways: Sequence[Pathway], facts: Facts, trace: Trace, rules: EquipmentRules
) -> dict[Item, ItemResult]:
    """Record the equipment rules and work out each item's status."""
    live = _live(pathways)
    results: dict[Item, ItemResult] = {item: ItemResult() for item in ITEMS}
    if not live:
        return results
    mobility: Mobility | None = None
    if any(p.portable_possible for p in live):
        mobility = rules.mobility(facts)
        trace.record(
            rules.mobility_rule,
            mobility.status,
            mobility.detail,
            dict(mobility.facts),
            missing=mobility.missing,
        )
    else:
        for rule_id in unique(p.portable_denied_by for p in live if p.portable_denied_by):
            trace.record(rule_id, "failed", "no qualifying test at rest or during exercise")
    if rules.exercise_only_rule and not any(p.stationary for p in live):
        trace.record(
            rules.exercise_only_rule, "failed", "the only qualifying tests are during exercise"
        )

    for pathway in pathways:
        if pathway.stationary:
            _offer(results["stationary"], pathway, pathway.status, (), None)
        if pathway.portable_possible and mobility is not None:
            status = worst(pathway.status, mobility.status)
            portable = results["portable"]
            _offer(
                portable,
                pathway,
                status,
                mobility.missing if mobility.status == "missing" else (),
                None,
            )
            if status == "missing" == portable.status and pathway.status == "met":
                portable.mobility_only = True
        elif pathway.portable_review and pathway.status != "failed":
            _offer(
                results["portable"],
                pathway,
                worst(pathway.status, "review"),
                (),
                pathway.portable_review,
            )
    return results


def _offer(
    result: ItemResult,
    pathway: Pathway,
    status: Status,
    extra_missing: Sequence[str],
    extra_review: str | None,
) -> None:
    """Let a pathway support an item; keep the best status and what it still needs."""
    if status == "failed":
        return
    if is_better(status, result.status):
        result.status, result.missing, result.reviews, result.pathways = status, [], [], []
    elif status != result.status:
        return
    result.pathways.append(pathway)
    if status == "missing":
        result.missing = unique([*result.missing, *pathway.missing, *extra_missing])
    if status == "review":
        result.reviews = unique(
            [*result.reviews, *pathway.reviews, *([extra_review] if extra_review else [])]
        )


def aggregate(
    pathways: Sequence[Pathway],
    facts: Facts,
    trace: Trace,
    rules: EquipmentRules,
    *,
    global_reviews: Sequence[str] = (),
    has_groups: bool = True,
) -> Outcome:
    items = evaluate_items(pathways, facts, trace, rules)
    requested: tuple[Item, ...] = tuple(unique(facts.requested_equipment or [])) or ITEMS  # type: ignore[arg-type]
    explicit = bool(facts.requested_equipment)
    considered = [items[i] for i in requested]
    statuses = [r.status for r in considered]

    missing = unique(m for r in considered if r.status == "missing" for m in r.missing)
    reviews = unique(
        [*(x for r in considered if r.status == "review" for x in r.reviews), *global_reviews]
    )

    decision: DecisionValue
    if "met" in statuses:
        # A covered item decides the request; only a review on a requested item, or a portable
        # request waiting for mobility, holds it back.
        under_review = explicit and "review" in statuses
        needs_mobility = explicit and any(
            r.status == "missing" and r.mobility_only for r in considered
        )
        if under_review:
            decision = "needs_review"
        elif needs_mobility:
            decision = "insufficient_information"
        else:
            decision = "needs_review" if global_reviews else "qualifies"
    elif "review" in statuses:
        decision = "needs_review"
    elif "missing" in statuses:
        decision = "needs_review" if global_reviews else "insufficient_information"
    else:
        decision = "needs_review" if global_reviews else "does_not_qualify"

    if decision != "needs_review":
        reviews = []
    if decision != "qualifies":
        return Outcome(decision, None, None, missing, reviews)
    covered = {i: items[i].status == "met" and i in requested for i in ITEMS}
    groups = [p.group for i in ITEMS if covered[i] for p in items[i].pathways if p.group]
    group = min(groups, key=GROUP_ORDER.__getitem__) if groups and has_groups else None
    return Outcome(decision, group, Equipment(**covered), missing, [])
