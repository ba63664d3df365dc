"""The entry point: route a request to its profile's rules and assemble the result (spec §2)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rules import (
    centene_adult,
    centene_cluster,
    centene_peds,
    centene_reauth,
    medicare,
    medicare_reauth,
)
from rules import parameters as P
from rules.aggregate import Outcome
from rules.catalogue import CATALOGUES
from rules.common import Trace
from rules.errors import UnknownPolicyError
from rules.facts import Facts, parse_facts
from rules.outcome import Decision, Payment

POLICY_VERSIONS = {"medicare": P.MEDICARE_VERSION, "centene": P.CENTENE_VERSION}
POLICIES: tuple[str, ...] = tuple(POLICY_VERSIONS)


def _medicare(facts: Facts, trace: Trace) -> tuple[Outcome, Payment]:
    payment = medicare.flow_payment(facts, trace)
    if facts.request_type == "reauthorization":
        return medicare_reauth.evaluate_reauth(facts, trace), payment
    return medicare.evaluate_initial(facts, trace), payment


def _centene(facts: Facts, trace: Trace) -> tuple[Outcome, Payment]:
    age = facts.age_years
    if age is None:
        trace.record(
            "CEN-AGE-KNOWN",
            "missing",
            "the member's age is needed to choose adult or pediatric criteria",
            missing=("age_years",),
        )
        return Outcome("insufficient_information", None, None, ["age_years"], []), None
    trace.record("CEN-AGE-KNOWN", "met", f"age {age}", {"age_years": age})
    adult = age >= P.ADULT_AGE.value
    trace.record("CEN-ROUTE-ADULT" if adult else "CEN-ROUTE-PEDS", "info", "", {"age_years": age})
    if facts.request_indication == "cluster_headache":
        return centene_cluster.evaluate(facts, trace), None
    if facts.request_type == "reauthorization":
        return centene_reauth.evaluate(facts, trace, adult=adult), None
    if adult:
        return centene_adult.evaluate(facts, trace), None
    return centene_peds.evaluate(facts, trace), None


_PROFILES: dict[str, Callable[[Facts, Trace], tuple[Outcome, Payment]]] = {
    "medicare": _medicare,
    "centene": _centene,
}


def decide(facts: Facts | Mapping[str, Any], policy: str) -> Decision:
    """Evaluate one request under one policy profile. Never mixes profiles."""
    if policy not in _PROFILES:
        raise UnknownPolicyError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    parsed = parse_facts(facts)
    trace = Trace(CATALOGUES[policy])
    outcome, payment = _PROFILES[policy](parsed, trace)
    return Decision(
        decision=outcome.decision,
        group=outcome.group,
        equipment=outcome.equipment,
        met_rules=trace.ids_with("met"),
        failed_rules=trace.ids_with("failed"),
        missing_facts=outcome.missing_facts,
        review_reasons=outcome.review_reasons,
        policy=policy,
        policy_version=POLICY_VERSIONS[policy],
        payment_flow=payment,
        warnings=trace.warnings,
        rules=trace.results,
    )


def decide_dict(facts: Mapping[str, Any], policy: str) -> dict[str, Any]:
    """`decide` for JSON-like input and output: exactly what `decide --json` prints."""
    return decide(facts, policy).to_json_dict()
