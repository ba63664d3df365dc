"""Profile `centene`, members under 21, initial request (CP.MP.190 §II; spec §5.2).

No groups, no performer, timing or alternatives rules, and no sleep-only portable
restriction: §II states none of them.
"""

from __future__ import annotations

from rules.aggregate import EquipmentRules, Outcome, aggregate
from rules.centene_adult import NOT_MEDICALLY_NECESSARY, mobility
from rules.common import (
    Pathway,
    Requirement,
    Trace,
    apply_exclusions,
    describe_test,
    record_fact,
    test_facts,
    yes_no,
)
from rules.facts import Facts
from rules.levels import peds_qualifies
from rules.test_checks import room_air_tests

EQUIPMENT = EquipmentRules("CEN-PEDS-PORTABLE", mobility, None)


def _pathway(name: str) -> Pathway:
    return Pathway(name, None, "rest", stationary=True, portable_possible=True)


def _lab_pathways(facts: Facts, trace: Trace) -> list[Pathway]:
    pathways: list[Pathway] = []
    baseline = [c for c in room_air_tests(facts) if c.test.setting in ("rest", None)]
    for check in baseline:
        described, used = (
            describe_test(check.index, check.test),
            test_facts(check.index, check.test),
        )
        if not peds_qualifies(check.test):
            trace.record("CEN-PEDS-LAB", "failed", f"{described} is not below 80 mmHg / 92%", used)
            continue
        pathway = _pathway(f"peds-lab:test{check.index + 1}")
        pathway.require(
            trace.record("CEN-PEDS-LAB", "met", f"{described} is below 80 mmHg / 92%", used)
        )
        if check.test.setting is None:
            pathway.require(
                Requirement("TEST-SETTING", "missing", (f"tests[{check.index}].setting",))
            )
        pathways.append(pathway)
    percent = facts.sleep_percent_time_spo2_below_92
    if percent is not None and percent > 0:
        validated = facts.desaturations_validated
        used2 = {"sleep_percent_time_spo2_below_92": percent, "desaturations_validated": validated}
        pathway = _pathway("peds-time-below-92")
        if validated:
            pathway.require(
                trace.record(
                    "CEN-PEDS-LAB-TIME-BELOW-92",
                    "review",
                    f"{percent}% of the time below 92% (validated); the policy sets no threshold",
                    used2,
                )
            )
        else:
            pathway.require(
                trace.record(
                    "CEN-PEDS-LAB-TIME-BELOW-92",
                    "failed" if validated is False else "missing",
                    f"{percent}% of the time below 92%, desaturations validated: "
                    f"{yes_no(validated)}",
                    used2,
                    missing=("desaturations_validated",),
                )
            )
        pathways.append(pathway)
    return pathways


def evaluate(facts: Facts, trace: Trace) -> Outcome:
    has_test = any(c.test.kind for c in room_air_tests(facts))
    if not has_test and not facts.sleep_percent_time_spo2_below_92:
        trace.record(
            "CEN-TEST-PRESENT", "missing", "no room-air oxygen test is on file", missing=("tests",)
        )
        return Outcome("insufficient_information", None, None, ["tests"], [])
    trace.record("CEN-TEST-PRESENT", "met")
    pathways = _lab_pathways(facts, trace)
    if pathways:
        disease = record_fact(
            trace,
            "CEN-DOCUMENTED-DISEASE",
            facts,
            "severe_lung_disease_or_hypoxia_symptoms_documented",
            "a qualifying diagnosis or hypoxia symptoms documented",
        )
        for pathway in pathways:
            pathway.require(disease)
    reviews = apply_exclusions(facts, pathways, trace, "CEN-NOT-MED-NEC", NOT_MEDICALLY_NECESSARY)
    return aggregate(pathways, facts, trace, EQUIPMENT, global_reviews=reviews, has_groups=False)
