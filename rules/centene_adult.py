"""Profile `centene`, members 21 and older, initial request (CP.MP.190 §I, §V; spec §5.1)."""

from __future__ import annotations

from rules import parameters as P
from rules.aggregate import EquipmentRules, Mobility, Outcome, aggregate
from rules.common import (
    Requirement,
    Status,
    TestCheck,
    Trace,
    Verdict,
    apply_exclusions,
    bool_status,
    fact_verdict,
    record_fact,
    test_facts,
)
from rules.facts import Facts
from rules.hypoxemia import HypoxemiaRules, hypoxemia_pathways
from rules.levels import abg_and_oximetry_disagree
from rules.medicare import on_oxygen_improvement
from rules.test_checks import (
    check_bool_fact,
    check_inpatient,
    check_performer,
    check_test_date_known,
    is_inpatient,
    room_air_tests,
)

NOT_MEDICALLY_NECESSARY = frozenset(
    {
        "angina_without_hypoxemia",
        "breathlessness_without_cor_pulmonale_or_hypoxemia",
        "severe_pvd_extremity_desaturation",
        "pediatric_dyspnea_without_hypoxemia",
    }
)
SLEEP_SIGNS = ("cor_pulmonale", "p_pulmonale", "pulmonary_hypertension", "erythrocythemia")


def mobility(facts: Facts) -> Mobility:
    """Centene counts mobility within the home or the community (§I.F.1, §II.C, §III.B, §IV.C)."""
    home, community = facts.mobile_within_home, facts.mobile_in_community
    used = {"mobile_within_home": home, "mobile_in_community": community}
    if home or community:
        return Mobility("met", (), "mobile within the home or community", used)
    if home is False and community is False:
        return Mobility("failed", (), "not mobile within the home or community", used)
    needed = tuple(k for k, v in used.items() if v is None)
    return Mobility("missing", needed, "mobility within the home or community is not stated", used)


def equipment_rules(mobility_rule: str) -> EquipmentRules:
    return EquipmentRules(mobility_rule, mobility, "CEN-EXERCISE-ONLY-NO-STATIONARY")


def sleep_minutes(facts: Facts, check: TestCheck, trace: Trace) -> list[Requirement]:
    minutes = check.test.minutes
    used = test_facts(check.index, check.test)
    limit = P.SLEEP_MIN_MINUTES.value
    if minutes is None:
        return [
            trace.record(
                "CEN-SLEEP-5MIN",
                "missing",
                "time at the low value is not stated",
                used,
                missing=(f"tests[{check.index}].minutes",),
            )
        ]
    status: Status = "met" if minutes >= limit else "failed"
    return [trace.record("CEN-SLEEP-5MIN", status, f"{minutes} minutes", used)]


def _sleep_symptoms(facts: Facts) -> Verdict:
    signs = [s for s in SLEEP_SIGNS if facts.has_finding(s)]
    value = facts.sleep_hypoxemia_symptoms_or_signs
    used = {"sleep_hypoxemia_symptoms_or_signs": value, "findings": facts.findings}
    if value or signs:
        return Verdict("met", f"symptoms or signs: {', '.join(signs) or 'documented'}", used)
    return Verdict(
        bool_status(value),
        "no symptoms or signs attributable to hypoxemia documented",
        used,
        ("sleep_hypoxemia_symptoms_or_signs",) if value is None else (),
    )


def _exercise(facts: Facts, check: TestCheck, trace: Trace) -> list[Requirement]:
    used = test_facts(check.index, check.test)
    reqs: list[Requirement] = []
    if not any(t.setting == "rest" and t.on_room_air and t.kind for t in facts.oxygen_tests):
        reqs.append(
            trace.record(
                "CEN-G1-EXERCISE",
                "missing",
                "no resting room-air value to show the patient is above 56/89 at rest",
                used,
                missing=("tests",),
            )
        )
    improved = on_oxygen_improvement(facts, check)
    documented = facts.exercise_improvement_on_oxygen_documented
    if improved:
        reqs.append(
            trace.record("CEN-EXERCISE-IMPROVEMENT", "met", "the on-oxygen value is higher", used)
        )
    elif documented:
        reqs.append(
            trace.record(
                "CEN-EXERCISE-IMPROVEMENT",
                "met",
                "improvement on oxygen is documented",
                {"exercise_improvement_on_oxygen_documented": True},
            )
        )
    elif improved is False:
        reqs.append(
            trace.record(
                "CEN-EXERCISE-IMPROVEMENT", "failed", "the on-oxygen value did not improve", used
            )
        )
    else:
        reqs.append(
            trace.record(
                "CEN-EXERCISE-IMPROVEMENT",
                bool_status(documented),
                "no on-oxygen exercise value",
                {"exercise_improvement_on_oxygen_documented": documented},
                missing=("exercise_improvement_on_oxygen_documented",),
            )
        )
    return reqs


def _abg_conflict(
    setting: str, cands: list[TestCheck], trace: Trace
) -> tuple[list[TestCheck], Requirement | None]:
    if not abg_and_oximetry_disagree(cands):
        return cands, None
    req = trace.record(
        "CEN-ABG-CONFLICT-REVIEW",
        "review",
        f"{setting}: blood gas and oximetry "
        "give different levels; the NCD would prefer the blood gas",
        {f"tests[{c.index}]": c.test.model_dump(mode="json", exclude_none=True) for c in cands},
    )
    return cands, req


HYPOXEMIA = HypoxemiaRules(
    g1={"rest": "CEN-G1-REST", "sleep": "CEN-G1-SLEEP", "exercise": "CEN-G1-EXERCISE"},
    sleep_drop="CEN-G1-SLEEP-DROP",
    g2_level="CEN-G2-LEVEL",
    g2_secondary="CEN-G2-SECONDARY",
    portable_not_sleep_only="CEN-PORTABLE-NOT-SLEEP-ONLY",
    sleep_duration=sleep_minutes,
    sleep_symptoms=_sleep_symptoms,
    exercise=_exercise,
    abg_conflict=_abg_conflict,
)


def check_tests(facts: Facts, trace: Trace) -> list[TestCheck]:
    checks = room_air_tests(facts)
    for check in checks:
        check_performer(check, trace, "CEN-PERFORMER-QUALIFIED")
        if not check_test_date_known(facts, check, trace, "CEN-TIMING-INPATIENT"):
            continue
        if is_inpatient(facts, check.test):
            last = fact_verdict(
                facts, "is_last_test_before_discharge", "the test closest to discharge"
            )
            check_inpatient(facts, check, trace, "CEN-TIMING-INPATIENT", last)
        else:
            check_bool_fact(
                facts,
                check,
                trace,
                "CEN-STABLE-STATE",
                "chronic_stable_state",
                "taken in a chronic stable state",
            )
    return checks


def evaluate(facts: Facts, trace: Trace) -> Outcome:
    tests = [t for t in facts.oxygen_tests if t.kind is not None and t.on_room_air]
    if not tests:
        trace.record(
            "CEN-TEST-PRESENT", "missing", "no room-air oxygen test is on file", missing=("tests",)
        )
        return Outcome("insufficient_information", None, None, ["tests"], [])
    trace.record("CEN-TEST-PRESENT", "met", f"{len(tests)} room-air test(s) on file")
    checks = check_tests(facts, trace)
    pathways = hypoxemia_pathways(facts, checks, HYPOXEMIA, trace)
    if pathways:
        shared = [
            record_fact(
                trace,
                "CEN-DOCUMENTED-DISEASE",
                facts,
                "severe_lung_disease_or_hypoxia_symptoms_documented",
                "severe lung disease or hypoxia symptoms documented",
            ),
            record_fact(
                trace,
                "CEN-ALTERNATIVES",
                facts,
                "alternative_treatments_tried_or_considered",
                "alternative treatments tried or considered",
            ),
        ]
        for pathway in pathways:
            pathway.require_all(shared)
    reviews = apply_exclusions(facts, pathways, trace, "CEN-NOT-MED-NEC", NOT_MEDICALLY_NECESSARY)
    return aggregate(
        pathways, facts, trace, equipment_rules("CEN-PORTABLE-MOBILE"), global_reviews=reviews
    )
