"""Hypoxemia pathways shared by Medicare and Centene adults: one pathway per qualifying
room-air test, by setting (rest, sleep, exercise), plus the sleep-drop pathway.

The profile supplies its rule IDs and the checks that differ between the policies
(sleep duration, sleep symptoms, exercise requirements, ABG-vs-oximetry handling)
through `HypoxemiaRules`; the shape of the evaluation is the same (spec §2, steps 3–4).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rules import parameters as P
from rules.common import (
    Pathway,
    Requirement,
    TestCheck,
    Trace,
    Verdict,
    describe_test,
    test_facts,
    worst,
)
from rules.facts import Facts
from rules.levels import QUALIFYING_LEVELS, SEVERITY, adult_level, group_of
from rules.secondary import evaluate_secondary

SETTINGS = ("rest", "sleep", "exercise")

CheckRule = Callable[[Facts, TestCheck, Trace], list[Requirement]]
ConflictRule = Callable[[str, list[TestCheck], Trace], tuple[list[TestCheck], Requirement | None]]


@dataclass(frozen=True)
class HypoxemiaRules:
    g1: dict[str, str]
    sleep_drop: str
    g2_level: str
    g2_secondary: str
    portable_not_sleep_only: str
    sleep_duration: CheckRule
    sleep_symptoms: Callable[[Facts], Verdict]
    exercise: CheckRule
    abg_conflict: ConflictRule


def _drop_exceeds(check: TestCheck) -> bool:
    drop = check.test.drop_from_baseline
    if drop is None or check.test.kind is None:
        return False
    limit = P.SLEEP_DROP_PAO2_GT if check.test.kind == "pao2" else P.SLEEP_DROP_SAT_GT
    return drop > limit.value


class _Secondary:
    """Evaluates the Group II secondary findings once, when a Group II pathway first needs them."""

    def __init__(self, facts: Facts, trace: Trace, rule_id: str) -> None:
        self._facts, self._trace, self._rule_id = facts, trace, rule_id
        self._req: Requirement | None = None

    def get(self) -> Requirement:
        if self._req is None:
            self._req = evaluate_secondary(self._facts, self._trace, self._rule_id)
        return self._req


def _new_pathway(name: str, group: str | None, setting: str, rules: HypoxemiaRules) -> Pathway:
    return Pathway(
        name=name,
        group=group,  # type: ignore[arg-type]
        setting=setting,
        stationary=setting != "exercise",
        portable_possible=setting != "sleep",
        portable_denied_by=rules.portable_not_sleep_only if setting == "sleep" else None,
    )


def _validity(check: TestCheck) -> Requirement:
    review = "; ".join(check.reviews) if check.reviews else None
    return Requirement("TEST-VALIDITY", check.status, tuple(check.missing), review)


def hypoxemia_pathways(
    facts: Facts, checks: Sequence[TestCheck], rules: HypoxemiaRules, trace: Trace
) -> list[Pathway]:
    """Build one pathway per room-air test that reaches a group level (or a sleep drop)."""
    secondary = _Secondary(facts, trace, rules.g2_secondary)
    usable = [c for c in checks if c.status != "failed" and adult_level(c.test) is not None]
    pathways: list[Pathway] = []
    for setting in SETTINGS:
        cands = [c for c in usable if c.test.setting == setting]
        if not cands:
            continue
        cands, conflict = rules.abg_conflict(setting, cands, trace)
        qualifying = [c for c in cands if adult_level(c.test) in QUALIFYING_LEVELS]
        if not qualifying:
            lowest = max(cands, key=lambda c: SEVERITY[adult_level(c.test) or "none"])
            trace.record(
                rules.g1[setting],
                "failed",
                f"{describe_test(lowest.index, lowest.test)} is above both group levels",
                test_facts(lowest.index, lowest.test),
            )
        for check in qualifying:
            pathways.append(
                _level_pathway(facts, check, setting, rules, trace, secondary, conflict)
            )
        if setting == "sleep":
            for check in cands:
                if check.test.drop_from_baseline is not None:
                    pathways += _sleep_drop_pathway(facts, check, rules, trace, conflict)
    for check in usable:
        if check.test.setting is None and adult_level(check.test) in QUALIFYING_LEVELS:
            pathway = Pathway(
                f"unknown-setting:test{check.index + 1}",
                group_of(adult_level(check.test) or "none"),
                None,
                stationary=True,
                portable_possible=True,
            )
            needed = (f"tests[{check.index}].setting",)
            pathway.require(Requirement("TEST-SETTING", "missing", needed))
            pathways.append(pathway)
    return pathways


def _sleep_drop_pathway(
    facts: Facts,
    check: TestCheck,
    rules: HypoxemiaRules,
    trace: Trace,
    conflict: Requirement | None,
) -> list[Pathway]:
    """Sleep drop: a fall of more than 10 mmHg / 5 points, with symptoms or signs, one record."""
    described = f"{describe_test(check.index, check.test)}: fall of {check.test.drop_from_baseline}"
    used = test_facts(check.index, check.test)
    if not _drop_exceeds(check):
        trace.record(rules.sleep_drop, "failed", f"{described} is not enough", used)
        return []
    symptoms = rules.sleep_symptoms(facts)
    status = worst("met", symptoms.status)
    pathway = _new_pathway(f"sleep-drop:test{check.index + 1}", "I", "sleep", rules)
    pathway.require(_validity(check))
    if conflict:
        pathway.require(conflict)
    pathway.require(
        trace.record(
            rules.sleep_drop,
            status,
            f"{described}; {symptoms.detail}",
            {**used, **symptoms.facts},
            missing=symptoms.missing,
        )
    )
    pathway.require_all(rules.sleep_duration(facts, check, trace))
    return [pathway]


def _level_pathway(
    facts: Facts,
    check: TestCheck,
    setting: str,
    rules: HypoxemiaRules,
    trace: Trace,
    secondary: _Secondary,
    conflict: Requirement | None,
) -> Pathway:
    level = adult_level(check.test) or "none"
    pathway = _new_pathway(
        f"{setting}-{level}:test{check.index + 1}", group_of(level), setting, rules
    )
    pathway.require(_validity(check))
    if conflict:
        pathway.require(conflict)
    described = describe_test(check.index, check.test)
    used = test_facts(check.index, check.test)
    if level == "I":
        pathway.require(
            trace.record(rules.g1[setting], "met", f"{described} is at Group I level", used)
        )
    elif level == "II":
        pathway.require(
            trace.record(rules.g2_level, "met", f"{described} is at Group II level", used)
        )
        pathway.require(secondary.get())
    else:
        pathway.require(
            trace.record("VALUE-GAP", "review", f"{described} falls between two thresholds", used)
        )
    if setting == "sleep":
        pathway.require_all(rules.sleep_duration(facts, check, trace))
    elif setting == "exercise":
        pathway.require_all(rules.exercise(facts, check, trace))
    return pathway
