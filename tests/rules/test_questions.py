"""`rules.questions`: each route lists exactly the facts the engine reads on it, and the
questions follow the policy and request type (coverage-criteria.md §4.1, §5).

The route lists are checked against the engine, not against a second copy: every case of the
case table, the same cases with each yes/no fact answered yes and no, and random facts laid
over them are decided by a `Facts` that records each fact the engine reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_builders import load_cases
from rule_vocabulary import FACTS

import rules
from rules.catalogue import CATALOGUES
from rules.facts import FACT_NAMES, Facts
from rules.questions import QUESTION_TEXT, ROUTES, fact_label, questions, routes_for

_READ: set[str] = set()


class RecordingFacts(Facts):
    """Facts that note each fact the engine reads."""

    def __getattribute__(self, name: str) -> Any:
        if name in FACT_NAMES:
            _READ.add(name)
        return super().__getattribute__(name)




def reads(facts: dict[str, Any], policy: str) -> set[str]:
    recorded = RecordingFacts.model_validate(facts)
    _READ.clear()
    rules.decide(recorded, policy)
    return set(_READ)


def route_of(facts: dict[str, Any], policy: str) -> str:
    (route,) = routes_for(policy, facts.get("request_type"),
                          {k: facts.get(k) for k in ("age_years", "request_indication")})
    return route.id


CASES = [c for c in load_cases()
         if c["policy"] == "medicare" or c["facts"].get("age_years") is not None]
ROUTE_FACTS = {r.id: set(r.facts) for r in ROUTES}


def _variants() -> Iterator[tuple[str, dict[str, Any]]]:
    """Each case as written, and with each yes/no fact answered yes and no."""
    for case in CASES:
        yield case["policy"], dict(case["facts"])
        for fact in rules.YES_NO_FACTS:
            for value in (True, False):
                yield case["policy"], {**case["facts"], fact: value}


def test_every_route_reads_only_its_listed_facts_and_every_listed_fact_is_read() -> None:
    read_on: dict[str, set[str]] = {r.id: set() for r in ROUTES}
    for policy, facts in _variants():
        route = route_of(facts, policy)
        got = reads(facts, policy)
        unlisted = got - ROUTE_FACTS[route]
        assert not unlisted, f"{route} reads {sorted(unlisted)}, which it does not list"
        read_on[route] |= got
    for route_id, listed in ROUTE_FACTS.items():
        never = listed - read_on[route_id]
        assert not never, f"{route_id} lists {sorted(never)}, which its rules never read"


_VALUES = {
    name: st.one_of(st.none(), st.booleans()) if category == "bool" else
    st.one_of(st.none(), st.sampled_from(allowed)) if category == "enum" and allowed else
    st.one_of(st.none(), st.lists(st.sampled_from(allowed), unique=True))
    if category == "list" and allowed else st.none()
    for name, (category, allowed) in FACTS.items()
    if name not in ("request_type", "request_indication", "age_years")
}


@settings(max_examples=150, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(min_value=0, max_value=len(CASES) - 1),
       overrides=st.fixed_dictionaries({}, optional=_VALUES))
def test_random_answers_never_make_a_route_read_an_unlisted_fact(
        index: int, overrides: dict[str, Any]) -> None:
    case = CASES[index]
    facts = {**case["facts"], **{k: v for k, v in overrides.items() if v is not None}}
    route = route_of(facts, case["policy"])
    assert reads(facts, case["policy"]) <= ROUTE_FACTS[route]


def test_every_yes_no_fact_has_its_question_and_every_listed_fact_exists() -> None:
    assert set(QUESTION_TEXT) == set(rules.YES_NO_FACTS)
    for route in ROUTES:
        assert set(route.facts) <= set(FACT_NAMES), route.id
    assert {r.policy for r in ROUTES} == set(rules.POLICIES)


def _asked(policy: str, request_type: str, **known: Any) -> list[str]:
    return [q.fact for q in questions(policy, request_type, known)]


def test_medicare_no_longer_asks_the_pre_2023_criteria() -> None:
    """§4.1: the 2023 LCD removed chronic stable state, severe lung disease, alternatives."""
    asked = _asked("medicare", "initial")
    for removed in ("chronic_stable_state", "alternative_treatments_tried_or_considered",
                    "severe_lung_disease_or_hypoxia_symptoms_documented",
                    "is_last_test_before_discharge", "mobile_in_community"):
        assert removed not in asked
    for needed in ("treating_practitioner_evaluated_test", "test_at_time_of_need",
                   "mobile_within_home"):
        assert needed in asked
    assert "new_standard_written_order" not in asked


def test_centene_adults_are_asked_stable_state_and_alternatives() -> None:
    """§5.1: CP.MP.190 §I.A, §I.D.2, §I.E."""
    asked = _asked("centene", "initial", age_years=67)
    for needed in ("chronic_stable_state", "alternative_treatments_tried_or_considered",
                   "severe_lung_disease_or_hypoxia_symptoms_documented",
                   "is_last_test_before_discharge", "mobile_in_community"):
        assert needed in asked
    for medicare_only in ("treating_practitioner_evaluated_test", "test_at_time_of_need",
                          "exercise_test_unsupervised_at_home"):
        assert medicare_only not in asked


def test_under_21_and_unknown_age_and_cluster_headache() -> None:
    """§5.2 has no stable-state or alternatives rule; with the age unknown both routes ask."""
    peds = _asked("centene", "initial", age_years=9)
    assert "chronic_stable_state" not in peds and "desaturations_validated" in peds
    unknown = _asked("centene", "initial")
    assert set(peds) | set(_asked("centene", "initial", age_years=30)) == set(unknown)
    cluster = _asked("centene", "initial", age_years=40, request_indication="cluster_headache")
    assert cluster == ["cluster_headache_severe_unilateral", "enrolled_in_cms_approved_trial"]


def test_renewals_ask_the_renewal_facts_only() -> None:
    medicare = _asked("medicare", "reauthorization")
    assert "new_standard_written_order" in medicare
    assert "test_at_time_of_need" not in medicare
    centene = _asked("centene", "reauthorization", age_years=70)
    assert "lomn_hypoxemia_not_expected_to_improve" in centene
    assert "chronic_stable_state" not in centene
    assert "lomn_hypoxemia_not_expected_to_improve" not in _asked("centene", "initial")


def test_unknown_policy_asks_nothing() -> None:
    assert questions("aetna", "initial") == ()


INTERNAL_WORDING = re.compile(r"\bseeds?\b|\bspec(ification)?\b|§\s*\d|\bTODO\b|\bFIXME\b",
                              re.IGNORECASE)
"""Words of the project's own research notes that must never reach a user."""


def _user_visible_rule_text() -> Iterator[str]:
    yield from rules.POLICY_VERSIONS.values()
    for catalogue in CATALOGUES.values():
        for info in catalogue.values():
            yield info.citation
            yield info.summary
    yield from QUESTION_TEXT.values()
    for name in FACT_NAMES:
        yield fact_label(name)
    for case in load_cases():
        decision = rules.decide(case["facts"], case["policy"])
        yield decision.policy_version
        yield from decision.review_reasons
        yield from decision.warnings
        for rule in decision.rules:
            yield rule.citation
            yield rule.explanation


def test_no_internal_wording_reaches_the_user() -> None:
    leaks = sorted({text for text in _user_visible_rule_text() if INTERNAL_WORDING.search(text)})
    assert leaks == []


def test_policy_versions_name_the_sources_by_their_public_titles() -> None:
    medicare = rules.POLICY_VERSIONS["medicare"]
    assert "NCD 240.2 (Home Use of Oxygen)" in medicare
    assert "LCD L33797 (Oxygen and Oxygen Equipment)" in medicare
    assert "CP.MP.190 (Oxygen Use and Concentrators)" in rules.POLICY_VERSIONS["centene"]


@pytest.mark.parametrize("fact", FACT_NAMES)
def test_every_fact_has_a_readable_label(fact: str) -> None:
    assert fact_label(fact) != fact.replace("_", " ")  # worded for people, not the raw name
