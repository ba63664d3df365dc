"""Profile `medicare`: NCD 240.2 v2 + LCD L33797 + A52514, initial requests (spec §4).

Reauthorization is in `rules.medicare_reauth`; the shared hypoxemia pathways in
`rules.hypoxemia`. Medicare has no age-specific criteria.
"""

from __future__ import annotations

from rules import parameters as P
from rules.aggregate import EquipmentRules, Mobility, Outcome, aggregate
from rules.common import (
    Pathway,
    Requirement,
    TestCheck,
    Trace,
    Verdict,
    apply_exclusions,
    bool_status,
    describe_test,
    fact_verdict,
    record_fact,
    test_facts,
)
from rules.facts import Facts
from rules.hypoxemia import HypoxemiaRules, hypoxemia_pathways
from rules.levels import abg_and_oximetry_disagree, adult_level, is_normoxemic
from rules.outcome import Payment
from rules.test_checks import (
    check_bool_fact,
    check_inpatient,
    check_performer,
    check_test_date_known,
    is_inpatient,
    room_air_tests,
)

NON_COVERED = frozenset(
    {
        "angina_without_hypoxemia",
        "breathlessness_without_cor_pulmonale_or_hypoxemia",
        "severe_pvd_extremity_desaturation",
        "terminal_illness_not_affecting_respiration",
    }
)


def mobility(facts: Facts) -> Mobility:
    value = facts.mobile_within_home
    status = bool_status(value)
    detail = {
        "met": "mobile within the home",
        "failed": "not mobile within the home",
        "missing": "whether the patient is mobile within the home is not stated",
    }[status]
    return Mobility(
        status,
        ("mobile_within_home",) if value is None else (),
        detail,
        {"mobile_within_home": value},
    )


EQUIPMENT = EquipmentRules("MC-PORTABLE-MOBILE", mobility, "MC-EXERCISE-ONLY-NO-STATIONARY")


def _sleep_duration(facts: Facts, check: TestCheck, trace: Trace) -> list[Requirement]:
    minutes = check.test.minutes
    used = test_facts(check.index, check.test)
    limit = P.SLEEP_MIN_MINUTES.value
    if minutes is not None and minutes >= limit:
        return [trace.record("MC-SLEEP-DURATION", "met", f"{minutes} minutes", used)]
    why = "not stated" if minutes is None else f"only {minutes} minutes"
    return [
        trace.record(
            "MC-SLEEP-DURATION",
            "review",
            f"time at the low value is {why}; the current LCD wording is unverified",
            used,
        )
    ]


def _sleep_symptoms(facts: Facts) -> Verdict:
    return fact_verdict(
        facts, "sleep_hypoxemia_symptoms_or_signs", "symptoms or signs attributable to hypoxemia"
    )


def on_oxygen_improvement(facts: Facts, check: TestCheck) -> bool | None:
    """True/False when an on-oxygen exercise value of the same kind exists, else None."""
    values = [
        t.value
        for t in facts.oxygen_tests
        if t.setting == "exercise"
        and not t.on_room_air
        and t.kind == check.test.kind
        and t.value is not None
    ]
    if not values or check.test.value is None:
        return None
    return any(v > check.test.value for v in values)


def _exercise(facts: Facts, check: TestCheck, trace: Trace) -> list[Requirement]:
    used = test_facts(check.index, check.test)
    reqs: list[Requirement] = []
    improved = on_oxygen_improvement(facts, check)
    documented = facts.exercise_improvement_on_oxygen_documented
    if improved is not None:
        reqs.append(
            trace.record(
                "MC-EXERCISE-IMPROVEMENT",
                "met" if improved else "failed",
                "on oxygen the value " + ("improved" if improved else "did not improve"),
                used,
            )
        )
    elif documented:
        reqs.append(
            trace.record(
                "MC-EXERCISE-IMPROVEMENT",
                "review",
                "improvement on oxygen is stated but no on-oxygen exercise value is recorded",
                {"exercise_improvement_on_oxygen_documented": True},
            )
        )
    else:
        reqs.append(
            trace.record(
                "MC-EXERCISE-IMPROVEMENT",
                bool_status(documented),
                "no on-oxygen exercise value",
                {"exercise_improvement_on_oxygen_documented": documented},
                missing=("exercise_improvement_on_oxygen_documented",),
            )
        )
    reqs.append(_three_tests(facts, check, trace))
    unsupervised = facts.exercise_test_unsupervised_at_home
    reqs.append(
        trace.record(
            "MC-EXERCISE-SUPERVISED",
            "failed" if unsupervised else "met",
            "unsupervised home test" if unsupervised else "",
            {"exercise_test_unsupervised_at_home": unsupervised},
        )
    )
    return reqs


def _three_tests(facts: Facts, check: TestCheck, trace: Trace) -> Requirement:
    tests = facts.oxygen_tests
    rest_ra = [t for t in tests if t.setting == "rest" and t.on_room_air and t.kind]
    ex_o2 = [t for t in tests if t.setting == "exercise" and not t.on_room_air and t.kind]
    used = {
        **test_facts(check.index, check.test),
        "exercise_tests_same_session": facts.exercise_tests_same_session,
    }
    rule = "MC-EXERCISE-3-TESTS"
    if not rest_ra:
        return trace.record(
            rule, "missing", "no resting room-air reading in the session", used, missing=("tests",)
        )
    if not ex_o2:
        documented = facts.exercise_improvement_on_oxygen_documented
        if documented:
            return trace.record(
                rule, "review", "the on-oxygen exercise reading is not recorded", used
            )
        return trace.record(
            rule,
            "failed" if documented is False else "missing",
            "no exercise reading on oxygen",
            used,
            missing=("tests",),
        )
    same = facts.exercise_tests_same_session
    if same is not None:
        return trace.record(
            rule,
            "met" if same else "failed",
            "same session" if same else "the readings were not taken in one session",
            used,
        )
    dates = {t.date for t in (check.test, *rest_ra, *ex_o2)}
    if None in dates:
        return trace.record(
            rule,
            "missing",
            "undated readings: were they one session?",
            used,
            missing=("exercise_tests_same_session",),
        )
    day = check.test.date
    if any(t.date == day for t in rest_ra) and any(t.date == day for t in ex_o2):
        return trace.record(rule, "met", f"all three readings on {day}", used)
    return trace.record(rule, "failed", "the three readings are not from the same day", used)


def _abg_conflict(
    setting: str, cands: list[TestCheck], trace: Trace
) -> tuple[list[TestCheck], Requirement | None]:
    if not abg_and_oximetry_disagree(cands):
        return cands, None
    trace.record(
        "MC-ABG-PREFERRED",
        "met",
        f"{setting}: blood gas and oximetry disagree; the blood gas values are used",
        {f"tests[{c.index}]": c.test.model_dump(mode="json", exclude_none=True) for c in cands},
    )
    return [c for c in cands if c.test.is_abg], None


HYPOXEMIA = HypoxemiaRules(
    g1={"rest": "MC-G1-REST", "sleep": "MC-G1-SLEEP", "exercise": "MC-G1-EXERCISE"},
    sleep_drop="MC-G1-SLEEP-DROP",
    g2_level="MC-G2-LEVEL",
    g2_secondary="MC-G2-SECONDARY",
    portable_not_sleep_only="MC-PORTABLE-NOT-SLEEP-ONLY",
    sleep_duration=_sleep_duration,
    sleep_symptoms=_sleep_symptoms,
    exercise=_exercise,
    abg_conflict=_abg_conflict,
)


def check_tests(facts: Facts, trace: Trace) -> list[TestCheck]:
    """Performer and time-of-need checks for every room-air test."""
    checks = room_air_tests(facts)
    for check in checks:
        check_performer(check, trace, "MC-PERFORMER-QUALIFIED")
        if not check_test_date_known(facts, check, trace, "MC-TIMING-INPATIENT"):
            continue
        if is_inpatient(facts, check.test):
            check_inpatient(facts, check, trace, "MC-TIMING-INPATIENT")
        else:
            check_bool_fact(
                facts,
                check,
                trace,
                "MC-TIMING-OUTPATIENT",
                "test_at_time_of_need",
                "taken at the time of need",
            )
    return checks


def _group_iii(facts: Facts, checks: list[TestCheck], trace: Trace) -> list[Pathway]:
    """Group III: a non-hypoxemic condition improved by oxygen, with a normoxemic test."""
    wanted = facts.request_indication
    cluster = wanted == "cluster_headache" or facts.has_finding("cluster_headache")
    if not cluster and wanted != "other_non_hypoxemic":
        return []
    pathway = Pathway(
        "group-iii",
        "III",
        None,
        stationary=True,
        portable_possible=False,
        portable_review="MC-G3-CONDITION: portable oxygen for Group III is at the "
        "contractor's discretion (NCD 240.2 §D)",
    )
    used = {"request_indication": wanted, "findings": facts.findings}
    if not cluster:
        pathway.require(
            trace.record(
                "MC-G3-CONDITION",
                "review",
                "a non-hypoxemic condition "
                "other than cluster headache: the literature must be weighed",
                used,
            )
        )
        return [pathway]
    normal = [c for c in checks if c.status != "failed" and is_normoxemic(c.test)]
    if not normal:
        pathway.require(
            trace.record(
                "MC-G3-CONDITION",
                "failed",
                "cluster headache without a valid normoxemic room-air test",
                used,
            )
        )
        return [pathway]
    chosen = min(normal, key=lambda c: {"met": 0, "review": 1, "missing": 2}[c.status])
    pathway.require(
        Requirement(
            "TEST-VALIDITY", chosen.status, tuple(chosen.missing), "; ".join(chosen.reviews) or None
        )
    )
    pathway.require(
        trace.record(
            "MC-G3-CONDITION",
            "met",
            f"cluster headache with {describe_test(chosen.index, chosen.test)}; initial coverage "
            "is the shorter of 90 days or the prescription",
            {**used, **test_facts(chosen.index, chosen.test)},
        )
    )
    return [pathway]


def flow_payment(facts: Facts, trace: Trace) -> Payment:
    """MC-FLOW-GT4: payment level only; never changes the decision."""
    flow = facts.prescribed_flow_lpm
    limit = P.FLOW_PAYMENT_LPM.value
    if flow is None or flow <= limit:
        return None
    on_four = [
        (i, t)
        for i, t in enumerate(facts.oxygen_tests)
        if t.setting == "rest"
        and not t.on_room_air
        and t.flow_lpm == limit
        and adult_level(t) in ("I", "II")
    ]
    used = {"prescribed_flow_lpm": flow}
    if on_four:
        i, t = on_four[0]
        trace.record(
            "MC-FLOW-GT4",
            "info",
            f"{describe_test(i, t)} supports payment above {limit:g} L/min",
            {**used, **test_facts(i, t)},
        )
        return "above_4_lpm"
    trace.record(
        "MC-FLOW-GT4",
        "info",
        f"no qualifying rest test on {limit:g} L/min: pay at 1-{limit:g} L/min",
        used,
    )
    return "up_to_4_lpm"


def evaluate_initial(facts: Facts, trace: Trace) -> Outcome:
    tests = [t for t in facts.oxygen_tests if t.kind is not None]
    if not tests:
        trace.record("MC-TEST-PRESENT", "missing", "no oxygen test is on file", missing=("tests",))
        return Outcome("insufficient_information", None, None, ["tests"], [])
    trace.record("MC-TEST-PRESENT", "met", f"{len(tests)} test(s) on file")
    if not any(t.on_room_air for t in tests):
        trace.record("MC-ROOM-AIR", "failed", "every test was taken on supplemental oxygen")
        return Outcome("does_not_qualify", None, None, [], [])
    trace.record("MC-ROOM-AIR", "met")

    checks = check_tests(facts, trace)
    pathways = hypoxemia_pathways(facts, checks, HYPOXEMIA, trace)
    if not pathways:  # Group III only when no test reaches a Group I/II level
        pathways = _group_iii(facts, checks, trace)
    if pathways:
        req = record_fact(
            trace,
            "MC-TEST-EVALUATED",
            facts,
            "treating_practitioner_evaluated_test",
            "treating practitioner evaluated the test",
        )
        for pathway in pathways:
            pathway.require(req)
    reviews = apply_exclusions(facts, pathways, trace, "MC-NONCOVERED", NON_COVERED)
    if facts.measurement_variation_concern_documented:
        reviews.append(
            trace.record(
                "MC-MEASUREMENT-VARIATION",
                "review",
                "",
                {"measurement_variation_concern_documented": True},
            ).review
            or ""
        )
    return aggregate(pathways, facts, trace, EQUIPMENT, global_reviews=reviews)
