"""Profile `medicare`, continued coverage (spec §4.2 MC-REAUTH-*, §4.3 last row).

Group II and III need a retest on day 61–90 after therapy started and a new
standard written order; the Group I text was not retrieved, so Group I goes to review.
"""

from __future__ import annotations

from rules import parameters as P
from rules.aggregate import Outcome, aggregate
from rules.common import (
    Pathway,
    Requirement,
    TestCheck,
    Trace,
    days_between,
    describe_test,
    record_fact,
    test_facts,
)
from rules.facts import Facts
from rules.levels import adult_level, is_normoxemic
from rules.medicare import EQUIPMENT
from rules.secondary import evaluate_secondary
from rules.test_checks import check_performer, room_air_tests


def _in_window(facts: Facts, check: TestCheck, rule_id: str, trace: Trace) -> Requirement:
    used = {"therapy_start_date": facts.therapy_start_date, **test_facts(check.index, check.test)}
    if facts.therapy_start_date is None:
        return trace.record(
            rule_id,
            "missing",
            "the therapy start date is needed",
            used,
            missing=("therapy_start_date",),
        )
    if check.test.date is None:
        return trace.record(
            rule_id,
            "missing",
            f"test {check.index + 1} has no date",
            used,
            missing=(f"tests[{check.index}].date",),
        )
    days = days_between(check.test.date, facts.therapy_start_date)
    lo, hi = int(P.RETEST_MIN_DAYS.value), int(P.RETEST_MAX_DAYS.value)
    if lo <= days <= hi:
        return trace.record(rule_id, "met", f"retest on day {days} after oxygen started", used)
    return trace.record(rule_id, "failed", f"retest on day {days}, outside days {lo}-{hi}", used)


def evaluate_reauth(facts: Facts, trace: Trace) -> Outcome:
    group = facts.initial_group
    if group is None:
        trace.record(
            "MC-REAUTH-G1",
            "missing",
            "the group oxygen was first covered under is "
            "needed: Group I goes to review, Groups II and III need a retest on day 61-90",
            {"initial_group": None},
            missing=("initial_group",),
        )
        return Outcome("insufficient_information", None, None, ["initial_group"], [])
    if group == "I":
        req = trace.record(
            "MC-REAUTH-G1", "review", "Group I continued coverage", {"initial_group": "I"}
        )
        return Outcome("needs_review", None, None, [], [req.review or "MC-REAUTH-G1"])

    rule_id = "MC-REAUTH-G2-RETEST" if group == "II" else "MC-REAUTH-G3-RETEST"
    checks = room_air_tests(facts)
    pathways: list[Pathway] = []
    secondary: Requirement | None = None
    for check in checks:
        level = adult_level(check.test)
        if level is None:
            continue
        qualifies = level in ("I", "II") if group == "II" else is_normoxemic(check.test)
        gap = level == "gap_II_none" or (group == "II" and level == "gap_I_II")
        if not qualifies and not gap:
            trace.record(
                rule_id,
                "failed",
                f"{describe_test(check.index, check.test)} does not meet the retest level",
                test_facts(check.index, check.test),
            )
            continue
        pathway = Pathway(
            f"retest:test{check.index + 1}",
            group,
            check.test.setting,
            stationary=True,
            portable_possible=group == "II" and check.test.setting != "sleep",
            portable_denied_by="MC-PORTABLE-NOT-SLEEP-ONLY" if group == "II" else None,
        )
        if group == "III":
            pathway.portable_review = (
                "MC-G3-CONDITION: portable oxygen for Group III is at the "
                "contractor's discretion (NCD 240.2 §D)"
            )
        if gap:
            pathway.require(
                trace.record(
                    "VALUE-GAP",
                    "review",
                    f"{describe_test(check.index, check.test)} falls between two thresholds",
                    test_facts(check.index, check.test),
                )
            )
        pathway.require(check_performer(check, trace, "MC-PERFORMER-QUALIFIED"))
        pathway.require(_in_window(facts, check, rule_id, trace))
        if group == "II" and level == "II":
            secondary = secondary or evaluate_secondary(facts, trace, "MC-G2-SECONDARY")
            pathway.require(secondary)
        pathways.append(pathway)
    if not pathways:
        trace.record(
            rule_id,
            "missing" if not checks else "failed",
            "no qualifying retest on file",
            missing=("tests",),
        )
        if not checks:
            return Outcome("insufficient_information", None, None, ["tests"], [])
        return Outcome("does_not_qualify", None, None, [], [])
    shared = [
        record_fact(
            trace,
            "MC-TEST-EVALUATED",
            facts,
            "treating_practitioner_evaluated_test",
            "treating practitioner evaluated the retest",
        ),
        record_fact(
            trace,
            "MC-REAUTH-SWO",
            facts,
            "new_standard_written_order",
            "new standard written order",
        ),
    ]
    for pathway in pathways:
        pathway.require_all(shared)
    return aggregate(pathways, facts, trace, EQUIPMENT)
