"""Both sides of every numeric and day-window boundary in the specification, per profile.

Each case starts from a small valid base case (``rule_builders``) and changes one thing.
The expected values come from ``coverage-criteria.md`` §3.1 (levels), §3.2 (day windows),
§4.2 (medicare), §5.1–§5.5 (centene). On the failing side of a boundary the test asserts
the decision and that the rule is not reported as met (and, where the spec names it, that
it is reported as failed); on the passing side, that the rule is met.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from rule_builders import (
    DISCHARGE_DATE,
    EDEMA,
    NO_SECONDARY,
    RECERT_DATE,
    Facts,
    cen_cluster_headache,
    cen_exercise,
    cen_initial,
    cen_inpatient,
    cen_peds,
    cen_reauth_adult,
    cen_reauth_adult_test,
    cen_reauth_peds,
    cen_rest,
    cen_sleep,
    cen_sleep_drop,
    check_invariants,
    decide,
    exercise_set,
    has_review,
    mc_exercise,
    mc_initial,
    mc_inpatient,
    mc_reauth,
    mc_rest,
    mc_sleep,
    mc_sleep_drop,
    pao2,
    shift,
    sleep_spo2,
    spo2,
    with_,
    with_test,
)

BOTH = {"stationary": True, "portable": True}
STAT = {"stationary": True, "portable": False}
PORT = {"stationary": False, "portable": True}
Q, DNQ = "qualifies", "does_not_qualify"
REVIEW, MISSING = "needs_review", "insufficient_information"
UNSET: Any = object()


@dataclass
class B:
    """One boundary case: facts, policy and what the spec says must come out."""

    id: str
    policy: str
    facts: Facts
    decision: str
    group: Any = UNSET
    equipment: Any = UNSET
    met: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    failed_any: tuple[str, ...] = ()
    not_met: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def run(case: B) -> None:
    """Decide ``case`` and check every expectation it carries."""
    result = decide(case.facts, case.policy)
    got = {k: result[k] for k in ("decision", "group", "equipment", "met_rules",
                                  "failed_rules", "missing_facts", "review_reasons")}
    assert result["decision"] == case.decision, got
    if case.group is not UNSET:
        assert result["group"] == case.group, got
    if case.equipment is not UNSET:
        assert result["equipment"] == case.equipment, got
    for rule_id in case.met:
        assert rule_id in result["met_rules"], (rule_id, got)
    for rule_id in case.failed:
        assert rule_id in result["failed_rules"], (rule_id, got)
    if case.failed_any:
        assert set(case.failed_any) & set(result["failed_rules"]), (case.failed_any, got)
    for rule_id in case.not_met:
        assert rule_id not in result["met_rules"], (rule_id, got)
    for rule_id in case.review:
        assert has_review(result, rule_id), (rule_id, got)
    for fact in case.missing:
        assert fact in result["missing_facts"], (fact, got)
    check_invariants(result, case.policy)


def params(cases: list[B]) -> pytest.MarkDecorator:
    """``pytest.mark.parametrize`` over ``cases`` with readable ids."""
    return pytest.mark.parametrize("case", cases, ids=[c.id for c in cases])


# --------------------------------------------------------------------------- §3.1 levels

PROFILES = {
    "medicare": {"rest": mc_rest, "sleep": mc_sleep, "exercise": mc_exercise, "p": "MC"},
    "centene": {"rest": cen_rest, "sleep": cen_sleep, "exercise": cen_exercise, "p": "CEN"},
}
SETTING_RULE = {"rest": "G1-REST", "sleep": "G1-SLEEP", "exercise": "G1-EXERCISE"}
SETTING_EQUIPMENT = {"rest": BOTH, "sleep": STAT, "exercise": PORT}

# (kind, value, secondary finding?, expected level: "I" | "II" | None)
LEVEL_POINTS: list[tuple[str, float, bool, str | None]] = [
    ("pao2", 55, False, "I"),
    ("pao2", 56, False, None),   # Group II level but no secondary finding
    ("pao2", 56, True, "II"),
    ("pao2", 59, True, "II"),
    ("pao2", 60, True, None),
    ("spo2", 88, False, "I"),
    ("spo2", 89, False, None),
    ("spo2", 89, True, "II"),
    ("spo2", 90, True, None),
]


def _level_case(policy: str, setting: str, kind: str, value: float, secondary: bool,
                level: str | None) -> B:
    spec = PROFILES[policy]
    builder: Any = spec[setting]
    prefix = spec["p"]
    extra = EDEMA if secondary else NO_SECONDARY
    if setting == "exercise":
        facts = builder(value, value + 5, kind, **extra)
    else:
        facts = builder(value, kind, **extra)
    g1 = f"{prefix}-{SETTING_RULE[setting]}"
    case_id = f"{policy}-{setting}-{kind}-{value}-{'edema' if secondary else 'none'}"
    if level == "I":
        return B(case_id, policy, facts, Q, group="I", equipment=SETTING_EQUIPMENT[setting],
                 met=(g1,))
    if level == "II":
        return B(case_id, policy, facts, Q, group="II", equipment=SETTING_EQUIPMENT[setting],
                 met=(f"{prefix}-G2-LEVEL", f"{prefix}-G2-SECONDARY"), not_met=(g1,))
    failed = (f"{prefix}-G2-SECONDARY",) if value in (56, 89) else (g1,)
    return B(case_id, policy, facts, DNQ, group=None, equipment=None, not_met=(g1,),
             failed=failed)


LEVEL_CASES = [
    _level_case(policy, setting, kind, value, secondary, level)
    for policy in PROFILES
    for setting in ("rest", "sleep", "exercise")
    for kind, value, secondary, level in LEVEL_POINTS
]


@params(LEVEL_CASES)
def test_group_levels(case: B) -> None:
    """§3.1: 55 → I, 56 → II-level, 59 → II-level, 60 → none; 88 → I, 89 → II, 90 → none."""
    run(case)


GAP_CASES = [
    B(f"{policy}-{kind}-{value}", policy,
      (mc_rest if policy == "medicare" else cen_rest)(value, kind, **EDEMA), decision,
      review=("VALUE-GAP",) if decision == REVIEW else ())
    for policy in ("medicare", "centene")
    for kind, value, decision in [
        ("pao2", 55, Q), ("pao2", 55.5, REVIEW), ("pao2", 56, Q),
        ("pao2", 59, Q), ("pao2", 59.5, REVIEW), ("pao2", 60, DNQ),
        ("spo2", 88, Q), ("spo2", 88.5, REVIEW), ("spo2", 89, Q),
        ("spo2", 89, Q), ("spo2", 89.5, REVIEW), ("spo2", 90, DNQ),
    ]
]


# §3.1 VALUE-GAP is a shared definition: it applies to the reauthorization retests too.
GAP_CASES += [
    B(f"medicare-reauth-retest-{value}", "medicare", mc_reauth("II", 75, value), decision,
      review=("VALUE-GAP",) if decision == REVIEW else ())
    for value, decision in [(88, Q), (88.5, REVIEW), (89, Q), (89.5, REVIEW), (90, DNQ)]
] + [
    B(f"centene-reauth-test-{value}", "centene",
      cen_reauth_adult_test(20, value, secondary=EDEMA), decision,
      review=("VALUE-GAP",) if decision == REVIEW else ())
    for value, decision in [(88, Q), (88.5, REVIEW), (89, Q), (89.5, REVIEW), (90, DNQ)]
]


@params(list({c.id: c for c in GAP_CASES}.values()))
def test_value_gaps(case: B) -> None:
    """§3.1: non-integer values between two levels → needs_review (VALUE-GAP)."""
    run(case)


# Awake value decides whether sleep/exercise or rest applies (§4.2 MC-G1-SLEEP/EXERCISE,
# §5.1 CEN-G1-SLEEP/EXERCISE: "awake ≥56 / ≥89").
AWAKE_CASES: list[B] = []
for _policy, _init, _p in (("medicare", mc_initial, "MC"), ("centene", cen_initial, "CEN")):
    AWAKE_CASES += [
        B(f"{_policy}-sleep-awake-88-rest-pathway", _policy,
          _init([spo2(88), sleep_spo2(85)]), Q, group="I", equipment=BOTH, met=(f"{_p}-G1-REST",)),
        B(f"{_policy}-sleep-awake-89-sleep-only", _policy,
          _init([spo2(89), sleep_spo2(85)]), Q, group="I", equipment=STAT,
          met=(f"{_p}-G1-SLEEP",)),
        B(f"{_policy}-exercise-rest-88-rest-pathway", _policy,
          _init(exercise_set(85, 92, rest=88), exercise_improvement_on_oxygen_documented=False),
          Q, group="I", equipment=BOTH, met=(f"{_p}-G1-REST",)),
        B(f"{_policy}-exercise-rest-89-exercise-only", _policy,
          _init(exercise_set(85, 92, rest=89), exercise_improvement_on_oxygen_documented=False),
          Q, group="I", equipment=PORT, met=(f"{_p}-G1-EXERCISE",)),
    ]


@params(AWAKE_CASES)
def test_awake_value_selects_pathway(case: B) -> None:
    """Awake 88 → rest pathway (both items); awake 89 → sleep/exercise-only equipment."""
    run(case)


# --------------------------------------------------------------------------- Centene <21 / age

PEDS_CASES = [
    B("peds-pao2-79", "centene", cen_peds(79, "pao2"), Q, group=None, equipment=BOTH,
      met=("CEN-PEDS-LAB",)),
    B("peds-pao2-80", "centene", cen_peds(80, "pao2"), DNQ, not_met=("CEN-PEDS-LAB",),
      failed=("CEN-PEDS-LAB",)),
    B("peds-spo2-91", "centene", cen_peds(91), Q, group=None, equipment=BOTH,
      met=("CEN-PEDS-LAB",)),
    B("peds-spo2-92", "centene", cen_peds(92), DNQ, not_met=("CEN-PEDS-LAB",),
      failed=("CEN-PEDS-LAB",)),
    # Age boundary 20/21 with a value that qualifies only under §II (<92) — §5.1 CEN-AGE-KNOWN.
    B("age-20-spo2-91-pediatric", "centene",
      cen_initial([spo2(91)], age=20), Q, group=None, met=("CEN-PEDS-LAB",)),
    B("age-21-spo2-91-adult", "centene",
      cen_initial([spo2(91)], age=21), DNQ, not_met=("CEN-PEDS-LAB",)),
    B("age-20-pao2-79-pediatric", "centene",
      cen_initial([pao2(79)], age=20), Q, group=None),
    B("age-21-pao2-79-adult", "centene", cen_initial([pao2(79)], age=21), DNQ),
    # Medicare has no age rules (§4.2): 20 and 21 both use adult thresholds.
    B("medicare-age-20-spo2-91", "medicare", mc_rest(91, age_years=20), DNQ),
    B("medicare-age-20-spo2-88", "medicare", mc_rest(88, age_years=20), Q, group="I"),
]


@params(PEDS_CASES)
def test_pediatric_and_age(case: B) -> None:
    """§3.1 Centene <21: 79/80, 91/92; §5.1 age 20 → §II, 21 → §I; medicare ignores age."""
    run(case)


# --------------------------------------------------------------------------- secondary findings

def _g2(policy: str, **changes: Any) -> Facts:
    return (mc_rest if policy == "medicare" else cen_rest)(89, **changes)


SECONDARY_CASES: list[B] = []
for _policy, _p in (("medicare", "MC"), ("centene", "CEN")):
    SECONDARY_CASES += [
        B(f"{_policy}-hct-56.0", _policy,
          _g2(_policy, findings=["erythrocythemia"], hematocrit_percent=56.0), DNQ,
          not_met=(f"{_p}-G2-SECONDARY",), failed=(f"{_p}-G2-SECONDARY",)),
        B(f"{_policy}-hct-56.1", _policy,
          _g2(_policy, findings=["erythrocythemia"], hematocrit_percent=56.1), Q, group="II",
          met=(f"{_p}-G2-SECONDARY",)),
        B(f"{_policy}-p-wave-3.0", _policy,
          _g2(_policy, findings=["p_pulmonale"], p_wave_mm=3.0), DNQ,
          not_met=(f"{_p}-G2-SECONDARY",), failed=(f"{_p}-G2-SECONDARY",)),
        B(f"{_policy}-p-wave-3.1", _policy,
          _g2(_policy, findings=["p_pulmonale"], p_wave_mm=3.1), Q, group="II",
          met=(f"{_p}-G2-SECONDARY",)),
        B(f"{_policy}-dependent-edema", _policy, _g2(_policy, **EDEMA), Q, group="II",
          met=(f"{_p}-G2-SECONDARY",)),
        B(f"{_policy}-chf-alone", _policy, _g2(_policy, findings=["congestive_heart_failure"]),
          DNQ, not_met=(f"{_p}-G2-SECONDARY",)),
    ]
    for _method in ("pa_pressure_measurement", "gated_blood_pool_scan", "echocardiogram",
                    "ekg_p_pulmonale"):
        for _finding in ("pulmonary_hypertension", "cor_pulmonale"):
            SECONDARY_CASES.append(B(
                f"{_policy}-{_finding}-by-{_method}", _policy,
                _g2(_policy, findings=[_finding], pulmonary_hypertension_determined_by=_method),
                Q, group="II", met=(f"{_p}-G2-SECONDARY",)))
    SECONDARY_CASES += [
        B(f"{_policy}-ph-by-other", _policy,
          _g2(_policy, findings=["pulmonary_hypertension"],
              pulmonary_hypertension_determined_by="other"),
          DNQ, not_met=(f"{_p}-G2-SECONDARY",)),
        B(f"{_policy}-ph-method-unknown", _policy,
          _g2(_policy, findings=["pulmonary_hypertension"]), MISSING,
          missing=("pulmonary_hypertension_determined_by",)),
    ]


@params(SECONDARY_CASES)
def test_group2_secondary_findings(case: B) -> None:
    """§3.1 Hct >56 (56.0 fails, 56.1 passes), P wave >3 mm (3.0/3.1); §4.2 MC-G2-SECONDARY."""
    run(case)


# --------------------------------------------------------------------------- sleep

SLEEP_CASES: list[B] = []
for _policy, _drop, _p in (("medicare", mc_sleep_drop, "MC"), ("centene", cen_sleep_drop, "CEN")):
    _rule = f"{_p}-G1-SLEEP-DROP"
    SLEEP_CASES += [
        B(f"{_policy}-drop-pao2-10", _policy, _drop(10, "pao2"), DNQ, not_met=(_rule,)),
        B(f"{_policy}-drop-pao2-11", _policy, _drop(11, "pao2"), Q, group="I", equipment=STAT,
          met=(_rule,)),
        B(f"{_policy}-drop-spo2-5", _policy, _drop(5), DNQ, not_met=(_rule,)),
        B(f"{_policy}-drop-spo2-6", _policy, _drop(6), Q, group="I", equipment=STAT,
          met=(_rule,)),
    ]
SLEEP_CASES += [
    # Medicare: minutes are a review rule (MC-SLEEP-DURATION) — §4.2, §6 #11.
    B("medicare-sleep-minutes-4", "medicare",
      mc_sleep(86, minutes=4, requested_equipment=["stationary"]), REVIEW,
      review=("MC-SLEEP-DURATION",)),
    B("medicare-sleep-minutes-5", "medicare",
      mc_sleep(86, minutes=5, requested_equipment=["stationary"]), Q, group="I",
      equipment=STAT, met=("MC-G1-SLEEP",)),
    B("medicare-g2-sleep-minutes-4", "medicare",
      mc_sleep(89, minutes=4, requested_equipment=["stationary"], **EDEMA), REVIEW,
      review=("MC-SLEEP-DURATION",)),
    B("medicare-g2-sleep-minutes-5", "medicare",
      mc_sleep(89, minutes=5, requested_equipment=["stationary"], **EDEMA), Q, group="II"),
    # Centene: hard rule CEN-SLEEP-5MIN (§5.1) for Group I sleep, sleep drop and Group II sleep.
    # CEN-G1-SLEEP's 5-minute part is its own rule ID (CEN-SLEEP-5MIN), so only that one
    # is required to fail.
    B("centene-sleep-minutes-4", "centene", cen_sleep(86, minutes=4), DNQ,
      failed=("CEN-SLEEP-5MIN",)),
    B("centene-sleep-minutes-5", "centene", cen_sleep(86, minutes=5), Q, group="I",
      equipment=STAT, met=("CEN-G1-SLEEP", "CEN-SLEEP-5MIN")),
    B("centene-drop-minutes-4", "centene", with_test(cen_sleep_drop(6), 1, minutes=4), DNQ,
      failed=("CEN-SLEEP-5MIN",)),
    B("centene-drop-minutes-5", "centene", with_test(cen_sleep_drop(6), 1, minutes=5), Q,
      group="I", met=("CEN-G1-SLEEP-DROP",)),
    B("centene-g2-sleep-minutes-4", "centene", cen_sleep(89, minutes=4, **EDEMA), DNQ,
      failed=("CEN-SLEEP-5MIN",)),
    B("centene-g2-sleep-minutes-5", "centene", cen_sleep(89, minutes=5, **EDEMA), Q,
      group="II"),
]


@params(SLEEP_CASES)
def test_sleep_boundaries(case: B) -> None:
    """§3.1 drop >10 mm Hg (10/11), >5 points (5/6); sleep minutes 4/5 (§4.2, §5.1)."""
    run(case)


# --------------------------------------------------------------------------- exercise

EXERCISE_CASES: list[B] = []
for _policy, _ex, _p in (("medicare", mc_exercise, "MC"), ("centene", cen_exercise, "CEN")):
    _rule = f"{_p}-EXERCISE-IMPROVEMENT"
    EXERCISE_CASES += [
        B(f"{_policy}-spo2-86-on-o2-86-equal", _policy, _ex(86, 86), DNQ, not_met=(_rule,),
          failed=(_rule,)),
        B(f"{_policy}-spo2-86-on-o2-87-greater", _policy, _ex(86, 87), Q, group="I",
          equipment=PORT, met=(_rule,)),
        B(f"{_policy}-spo2-86-on-o2-85-lower", _policy, _ex(86, 85), DNQ, not_met=(_rule,)),
        B(f"{_policy}-pao2-52-on-o2-52-equal", _policy, _ex(52, 52, "pao2"), DNQ,
          not_met=(_rule,)),
        B(f"{_policy}-pao2-52-on-o2-53-greater", _policy, _ex(52, 53, "pao2"), Q, group="I",
          met=(_rule,)),
        B(f"{_policy}-exercise-spo2-88", _policy, _ex(88, 92), Q, group="I", equipment=PORT,
          met=(f"{_p}-G1-EXERCISE",)),
        B(f"{_policy}-exercise-spo2-90", _policy, _ex(90, 94, **EDEMA), DNQ,
          not_met=(f"{_p}-G1-EXERCISE",)),
    ]


@params(EXERCISE_CASES)
def test_exercise_improvement(case: B) -> None:
    """§4.2/§5.1 EXERCISE-IMPROVEMENT: on-O2 value strictly greater (equal fails)."""
    run(case)


# --------------------------------------------------------------------------- §3.2 inpatient

INPATIENT_CASES: list[B] = []
for _policy, _inp, _p, _outpatient_fact in (
    ("medicare", mc_inpatient, "MC", "test_at_time_of_need"),
    ("centene", cen_inpatient, "CEN", "chronic_stable_state"),
):
    _rule = f"{_p}-TIMING-INPATIENT"
    INPATIENT_CASES += [
        B(f"{_policy}-discharge-minus-0", _policy, _inp(0), Q, group="I", met=(_rule,)),
        B(f"{_policy}-discharge-minus-2", _policy, _inp(2), Q, group="I", met=(_rule,)),
        B(f"{_policy}-discharge-minus-3", _policy, _inp(3), DNQ, not_met=(_rule,),
          failed=(_rule,)),
        # After discharge the test is not inpatient (§3.2 definition) → outpatient rules.
        B(f"{_policy}-after-discharge-outpatient-ok", _policy,
          _inp(-1, **{_outpatient_fact: True}), Q, group="I", not_met=(_rule,)),
        B(f"{_policy}-after-discharge-outpatient-unknown", _policy, _inp(-1), MISSING,
          missing=(_outpatient_fact,)),
        B(f"{_policy}-before-admission-outpatient-ok", _policy,
          with_test(_inp(0, **{_outpatient_fact: True}), 0, date="2025-12-20"), Q, group="I"),
    ]


@params(INPATIENT_CASES)
def test_inpatient_window(case: B) -> None:
    """§3.2 inpatient: 0 ≤ discharge − test ≤ 2 (3 fails); a test after discharge is outpatient."""
    run(case)


def test_inpatient_fixture_dates() -> None:
    """Guard: the inpatient builders really put the test where the ids say."""
    assert mc_inpatient(3)["tests"][0]["date"] == shift(DISCHARGE_DATE, -3)


# --------------------------------------------------------------------------- reauthorization

MC_REAUTH_CASES = [
    B(f"medicare-g{group}-retest-day-{day}", "medicare",
      mc_reauth(group, day, 89 if group == "II" else 95), Q if 61 <= day <= 90 else DNQ,
      met=(f"MC-REAUTH-G{len(group)}-RETEST",) if 61 <= day <= 90 else (),
      not_met=() if 61 <= day <= 90 else (f"MC-REAUTH-G{len(group)}-RETEST",))
    for group in ("II", "III")
    for day in (60, 61, 90, 91)
]


@params(MC_REAUTH_CASES)
def test_medicare_retest_window(case: B) -> None:
    """§3.2 Medicare Group II/III retest: 61 ≤ test − therapy start ≤ 90 (60 and 91 fail)."""
    run(case)


CEN_REAUTH_CASES = [
    # Adult evaluation window 0–90 (§III.A).
    B("adult-eval-minus-1-after-recert", "centene", cen_reauth_adult(-1), DNQ,
      not_met=("CEN-REAUTH-ADULT-EVAL",)),
    B("adult-eval-0", "centene", cen_reauth_adult(0), Q, met=("CEN-REAUTH-ADULT-EVAL",)),
    B("adult-eval-90", "centene", cen_reauth_adult(90), Q, met=("CEN-REAUTH-ADULT-EVAL",)),
    B("adult-eval-91", "centene", cen_reauth_adult(91), DNQ,
      not_met=("CEN-REAUTH-ADULT-EVAL",), failed=("CEN-REAUTH-ADULT-EVAL",)),
    # <21 evaluation window 0–30 (§IV.A).
    B("peds-eval-30", "centene", cen_reauth_peds(30, 10), Q, group=None,
      met=("CEN-REAUTH-PEDS-EVAL",)),
    B("peds-eval-31", "centene", cen_reauth_peds(31, 10), DNQ,
      not_met=("CEN-REAUTH-PEDS-EVAL",), failed=("CEN-REAUTH-PEDS-EVAL",)),
    # Adult Group 1 test 0–90 days before recert (§III.A.3.a).
    B("adult-g1-test-0", "centene", cen_reauth_adult_test(0), Q,
      met=("CEN-REAUTH-ADULT-G1-TEST-90",)),
    B("adult-g1-test-90", "centene", cen_reauth_adult_test(90), Q,
      met=("CEN-REAUTH-ADULT-G1-TEST-90",)),
    B("adult-g1-test-91", "centene", cen_reauth_adult_test(91), DNQ,
      not_met=("CEN-REAUTH-ADULT-G1-TEST-90",)),
    # Adult Group 2 test 0–30 days (§III.A.3.b).
    B("adult-g2-test-30", "centene", cen_reauth_adult_test(30, 89, secondary=EDEMA), Q,
      met=("CEN-REAUTH-ADULT-G2-TEST-30",)),
    B("adult-g2-test-31", "centene", cen_reauth_adult_test(31, 89, secondary=EDEMA), DNQ,
      not_met=("CEN-REAUTH-ADULT-G2-TEST-30",)),
    # The secondary finding may be reported by the composite rule or by CEN-G2-SECONDARY.
    B("adult-g2-test-30-no-secondary", "centene",
      cen_reauth_adult_test(30, 89, secondary=NO_SECONDARY), DNQ,
      failed_any=("CEN-REAUTH-ADULT-G2-TEST-30", "CEN-G2-SECONDARY")),
    # <21 test 0–30 days (§IV.B.1.a).
    B("peds-test-30", "centene", cen_reauth_peds(10, 30), Q, group=None,
      met=("CEN-REAUTH-PEDS-TEST-30",)),
    B("peds-test-31", "centene", cen_reauth_peds(10, 31), DNQ,
      not_met=("CEN-REAUTH-PEDS-TEST-30",)),
    B("peds-test-value-91", "centene", cen_reauth_peds(10, 10, 91), Q, group=None),
    B("peds-test-value-92", "centene", cen_reauth_peds(10, 10, 92), DNQ,
      not_met=("CEN-REAUTH-PEDS-TEST-30",)),
    # Nocturnal path: ≥2 prior authorizations (§III.A.2).
    B("adult-nocturnal-2-auths", "centene",
      cen_reauth_adult(lomn_hypoxemia_not_expected_to_improve=False,
                       initial_qualifying_setting="sleep", prior_oxygen_authorizations=2),
      Q, equipment=STAT, met=("CEN-REAUTH-ADULT-NOCTURNAL-2AUTH",)),
    B("adult-nocturnal-1-auth", "centene",
      cen_reauth_adult(lomn_hypoxemia_not_expected_to_improve=False,
                       initial_qualifying_setting="sleep", prior_oxygen_authorizations=1),
      DNQ, not_met=("CEN-REAUTH-ADULT-NOCTURNAL-2AUTH",)),
    # Age 20/21 decides the 30- vs 90-day evaluation window (§5.1 CEN-AGE-KNOWN).
    B("reauth-age-20-eval-31", "centene", cen_reauth_peds(31, 10, age_years=20), DNQ,
      not_met=("CEN-REAUTH-PEDS-EVAL",)),
    B("reauth-age-21-eval-31", "centene",
      cen_reauth_adult(31, age_years=21), Q, met=("CEN-REAUTH-ADULT-EVAL",)),
]


@params(CEN_REAUTH_CASES)
def test_centene_reauth_windows(case: B) -> None:
    """§3.2 Centene: evaluation 90/91 (adult), 30/31 (<21); G1 test 90/91; G2 and <21 test 30/31."""
    run(case)


def test_reauth_fixture_dates() -> None:
    """Guard: the reauth builders count days back from the recertification date."""
    facts = cen_reauth_adult_test(91)
    assert facts["tests"][0]["date"] == shift(RECERT_DATE, -91)
    assert cen_reauth_adult(90)["last_physician_evaluation_date"] == shift(RECERT_DATE, -90)


# --------------------------------------------------------------------------- cluster headache

CH_CASES = [
    B("duration-14", "centene", cen_cluster_headache(cluster_headache_attack_duration_minutes=14),
      DNQ, not_met=("CEN-CH-ATTACKS",), failed=("CEN-CH-ATTACKS",)),
    B("duration-15", "centene", cen_cluster_headache(cluster_headache_attack_duration_minutes=15),
      Q, group=None, equipment=STAT, met=("CEN-CH-ATTACKS",)),
    B("duration-180", "centene",
      cen_cluster_headache(cluster_headache_attack_duration_minutes=180), Q, group=None,
      equipment=STAT, met=("CEN-CH-ATTACKS",)),
    B("duration-181", "centene",
      cen_cluster_headache(cluster_headache_attack_duration_minutes=181), DNQ,
      not_met=("CEN-CH-ATTACKS",), failed=("CEN-CH-ATTACKS",)),
    B("count-4", "centene", cen_cluster_headache(cluster_headache_attack_count=4), DNQ,
      not_met=("CEN-CH-ATTACKS",), failed=("CEN-CH-ATTACKS",)),
    B("count-5", "centene", cen_cluster_headache(cluster_headache_attack_count=5), Q,
      group=None, equipment=STAT, met=("CEN-CH-ATTACKS",)),
    B("age-20", "centene", cen_cluster_headache(20), REVIEW, review=("CEN-CH-ADULT",)),
    B("age-21", "centene", cen_cluster_headache(21), Q, group=None, met=("CEN-CH-ADULT",)),
    B("one-feature", "centene",
      cen_cluster_headache(cluster_headache_autonomic_features=["miosis_or_ptosis"]), Q,
      met=("CEN-CH-FEATURES",)),
    B("no-feature", "centene", cen_cluster_headache(cluster_headache_autonomic_features=[]),
      DNQ, not_met=("CEN-CH-FEATURES",)),
    B("trial-true", "centene", cen_cluster_headache(), Q, met=("CEN-CH-TRIAL",)),
    B("trial-false", "centene", cen_cluster_headache(enrolled_in_cms_approved_trial=False),
      DNQ, not_met=("CEN-CH-TRIAL",)),
    # Medicare Group III: normoxemic means PaO2 ≥60 / sat ≥90 (§4.2 MC-G3-CONDITION).
    B("medicare-g3-spo2-90", "medicare",
      mc_initial([spo2(90)], request_indication="cluster_headache",
                 findings=["cluster_headache"], requested_equipment=["stationary"]),
      Q, group="III", equipment=STAT, met=("MC-G3-CONDITION",)),
    B("medicare-g3-pao2-60", "medicare",
      mc_initial([pao2(60)], request_indication="cluster_headache", findings=["cluster_headache"],
                 requested_equipment=["stationary"]),
      Q, group="III", equipment=STAT, met=("MC-G3-CONDITION",)),
]


@params(CH_CASES)
def test_cluster_headache(case: B) -> None:
    """§5.5 attacks ≥5 (4/5), 15–180 min (14/15, 180/181), age ≥21; §4.2 Group III normoxemic."""
    run(case)


# --------------------------------------------------------------------------- gate flips

# (id, policy, passing facts, failing facts, rule ID, decision on the failing side).
# On the passing side the rule must be met — except CEN-PORTABLE-NOT-SLEEP-ONLY (see
# PASSING_SIDE_SILENT) — and on the failing side it must be failed and not also met.
GATE_FLIPS: list[tuple[str, str, Facts, Facts, str, str]] = [
    ("mc-evaluated", "medicare", mc_rest(), mc_rest(treating_practitioner_evaluated_test=False),
     "MC-TEST-EVALUATED", DNQ),
    ("mc-time-of-need", "medicare", mc_rest(), mc_rest(test_at_time_of_need=False),
     "MC-TIMING-OUTPATIENT", DNQ),
    ("mc-performer", "medicare", mc_rest(),
     with_test(mc_rest(), 0, performed_by="dme_supplier"), "MC-PERFORMER-QUALIFIED", DNQ),
    ("mc-supervised", "medicare", mc_exercise(),
     mc_exercise(exercise_test_unsupervised_at_home=True), "MC-EXERCISE-SUPERVISED", DNQ),
    ("mc-same-session", "medicare", mc_exercise(exercise_tests_same_session=True),
     mc_exercise(exercise_tests_same_session=False), "MC-EXERCISE-3-TESTS", DNQ),
    ("mc-mobile", "medicare", mc_rest(requested_equipment=["portable"]),
     mc_rest(requested_equipment=["portable"], mobile_within_home=False),
     "MC-PORTABLE-MOBILE", DNQ),
    ("mc-sleep-symptoms", "medicare", mc_sleep_drop(),
     mc_sleep_drop(sleep_hypoxemia_symptoms_or_signs=False), "MC-G1-SLEEP-DROP", DNQ),
    ("mc-swo", "medicare", mc_reauth(), mc_reauth(new_standard_written_order=False),
     "MC-REAUTH-SWO", DNQ),
    ("mc-room-air", "medicare", mc_rest(),
     with_test(mc_rest(), 0, oxygen="supplemental", flow_lpm=2), "MC-ROOM-AIR", DNQ),
    ("cen-stable-state", "centene", cen_rest(), cen_rest(chronic_stable_state=False),
     "CEN-STABLE-STATE", DNQ),
    ("cen-alternatives", "centene", cen_rest(),
     cen_rest(alternative_treatments_tried_or_considered=False), "CEN-ALTERNATIVES", DNQ),
    ("cen-documented-disease", "centene", cen_rest(),
     cen_rest(severe_lung_disease_or_hypoxia_symptoms_documented=False),
     "CEN-DOCUMENTED-DISEASE", DNQ),
    ("cen-performer", "centene", cen_rest(),
     with_test(cen_rest(), 0, performed_by="dme_supplier"), "CEN-PERFORMER-QUALIFIED", DNQ),
    ("cen-last-test", "centene", cen_inpatient(),
     cen_inpatient(is_last_test_before_discharge=False), "CEN-TIMING-INPATIENT", DNQ),
    ("cen-mobile", "centene", cen_rest(requested_equipment=["portable"]),
     cen_rest(requested_equipment=["portable"], mobile_within_home=False,
              mobile_in_community=False), "CEN-PORTABLE-MOBILE", DNQ),
    ("cen-sleep-only-portable", "centene", cen_rest(requested_equipment=["portable"]),
     cen_sleep(requested_equipment=["portable"]), "CEN-PORTABLE-NOT-SLEEP-ONLY", DNQ),
    ("cen-lomn", "centene", cen_reauth_adult(),
     cen_reauth_adult(lomn_hypoxemia_not_expected_to_improve=False),
     "CEN-REAUTH-ADULT-LOMN", DNQ),
    ("cen-peds-lomn", "centene",
     cen_reauth_peds(tests=[], lomn_hypoxemia_not_expected_to_improve=True),
     cen_reauth_peds(tests=[], lomn_hypoxemia_not_expected_to_improve=False),
     "CEN-REAUTH-PEDS-LOMN", DNQ),
    ("cen-peds-mobile", "centene", cen_peds(requested_equipment=["portable"]),
     cen_peds(requested_equipment=["portable"], mobile_within_home=False,
              mobile_in_community=False), "CEN-PEDS-PORTABLE", DNQ),
    ("cen-ch-unilateral", "centene", cen_cluster_headache(),
     cen_cluster_headache(cluster_headache_severe_unilateral=False), "CEN-CH-ATTACKS", DNQ),
]


# Whether a rule that a rest-qualifying portable request trivially satisfies must be listed
# as met is not stated by §2 ("every rule ID that decided the outcome"): not required here.
PASSING_SIDE_SILENT = frozenset({"CEN-PORTABLE-NOT-SLEEP-ONLY"})


@pytest.mark.parametrize(
    ("policy", "passing", "failing", "rule_id", "fail_decision"),
    [g[1:] for g in GATE_FLIPS],
    ids=[g[0] for g in GATE_FLIPS],
)
def test_gate_flip(policy: str, passing: Facts, failing: Facts, rule_id: str,
                   fail_decision: str) -> None:
    """Each gate rule: the passing side qualifies with the rule met; flipping one fact fails it."""
    ok = decide(passing, policy)
    bad = decide(failing, policy)
    assert ok["decision"] == Q, ok
    if rule_id not in PASSING_SIDE_SILENT:
        assert rule_id in ok["met_rules"], ok["met_rules"]
    assert bad["decision"] == fail_decision, bad
    assert rule_id in bad["failed_rules"], bad["failed_rules"]
    assert rule_id not in bad["met_rules"], bad["met_rules"]
    check_invariants(ok, policy)
    check_invariants(bad, policy)


# --------------------------------------------------------------------------- payment flag


@pytest.mark.parametrize("flow", [2, 4, 4.5, 5, 8])
@pytest.mark.parametrize("with_4lpm_test", [False, True])
@pytest.mark.parametrize(
    "base_name", ["rest-g1", "rest-g2", "sleep", "exercise", "no-pathway", "not-evaluated"]
)
def test_flow_gt4_never_changes_decision(flow: float, with_4lpm_test: bool,
                                         base_name: str) -> None:
    """§4.2 MC-FLOW-GT4: a payment flag only; decision, group and equipment never change."""
    bases = {
        "rest-g1": mc_rest(86),
        "rest-g2": mc_rest(89, **EDEMA),
        "sleep": mc_sleep(86),
        "exercise": mc_exercise(),
        "no-pathway": mc_rest(93),
        "not-evaluated": mc_rest(86, treating_practitioner_evaluated_test=False),
    }
    base = bases[base_name]
    changed = with_(base, prescribed_flow_lpm=flow)
    if with_4lpm_test:
        changed["tests"].append(spo2(87, oxygen="supplemental", flow_lpm=4))
    before = decide(base, "medicare")
    after = decide(changed, "medicare")
    for key in ("decision", "group", "equipment"):
        assert after[key] == before[key], (key, before[key], after[key])
    if flow > 4:
        assert "MC-FLOW-GT4" in {entry["id"] for entry in after["rules"]}
    check_invariants(after, "medicare")


# --------------------------------------------------------------------------- performers

PERFORMERS = ("physician", "hospital_lab", "independent_lab", "idtf", "dme_supplier")
#: (id, policy, facts builder by performer, {performer: expected decision}, rule ID)
PERFORMER_TABLE: list[tuple[str, str, Any, dict[str, str], str]] = [
    # §4.2 MC-PERFORMER-QUALIFIED: the four lab kinds are valid, the DME supplier is not.
    ("medicare-initial", "medicare", lambda p: mc_initial([spo2(86, performed_by=p)]),
     {"physician": Q, "hospital_lab": Q, "independent_lab": Q, "idtf": Q,
      "dme_supplier": DNQ}, "MC-PERFORMER-QUALIFIED"),
    # §5.1 CEN-PERFORMER-QUALIFIED: physician or qualified lab; DME supplier not [I].
    ("centene-initial", "centene", lambda p: cen_initial([spo2(86, performed_by=p)]),
     {"physician": Q, "hospital_lab": Q, "independent_lab": Q, "idtf": Q,
      "dme_supplier": DNQ}, "CEN-PERFORMER-QUALIFIED"),
    # §5.3 CEN-REAUTH-ADULT-PERFORMER: physician/designee or IDTF; DME fails; labs → review.
    ("centene-reauth-adult", "centene", lambda p: cen_reauth_adult_test(20, performed_by=p),
     {"physician": Q, "hospital_lab": REVIEW, "independent_lab": REVIEW, "idtf": Q,
      "dme_supplier": DNQ}, "CEN-REAUTH-ADULT-PERFORMER"),
    # §5.4 CEN-REAUTH-PEDS-PERFORMER: DME fails (unless also the home O2 provider).
    ("centene-reauth-peds", "centene",
     lambda p: cen_reauth_peds(10, 10, performed_by=p,
                               dme_supplier_is_home_oxygen_provider=False),
     {"physician": Q, "idtf": Q, "dme_supplier": DNQ}, "CEN-REAUTH-PEDS-PERFORMER"),
    # §5.2: no performer rule for <21 initial requests.
    ("centene-peds-initial", "centene",
     lambda p: cen_peds(90, tests=[spo2(90, performed_by=p)]),
     dict.fromkeys(PERFORMERS, Q), "CEN-PEDS-LAB"),
]
PERFORMER_CASES = [
    (f"{name}-{performer}", policy, build(performer), decision, rule_id)
    for name, policy, build, expected, rule_id in PERFORMER_TABLE
    for performer, decision in expected.items()
]


@pytest.mark.parametrize(
    ("policy", "facts", "decision", "rule_id"),
    [c[1:] for c in PERFORMER_CASES],
    ids=[c[0] for c in PERFORMER_CASES],
)
def test_performer(policy: str, facts: Facts, decision: str, rule_id: str) -> None:
    """§4.2 / §5.1 / §5.3 / §5.4 / §6 #8: who may perform the qualifying test, per route."""
    result = decide(facts, policy)
    assert result["decision"] == decision, (result["decision"], result["failed_rules"],
                                            result["review_reasons"])
    if decision == DNQ:
        assert rule_id in result["failed_rules"], result["failed_rules"]
    if decision == REVIEW:
        assert has_review(result, rule_id), result["review_reasons"]
    check_invariants(result, policy)
