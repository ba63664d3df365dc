"""Small, valid fact objects for the rules-engine tests, written from the specification.

Every builder returns a fresh dict in the §1 vocabulary of
`coverage-criteria.md` (dates as ``YYYY-MM-DD`` strings). Each base case is *fully
specified*: every fact a rule on its pathway could ask for is present, so that changing
one fact in a test changes exactly one thing. Nothing here imports the engine except
:func:`decide`, which calls ``rules.decide_dict`` at call time (so the tests can be
collected before the engine exists).

The module is deliberately not called ``builders.py``: ``tests/rules`` has no
``__init__.py`` and a generic module name could collide with another test folder's.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import yaml

Facts = dict[str, Any]
CASES_DIR = Path(__file__).parent / "cases"
Result = dict[str, Any]

DECISIONS = frozenset(
    {"qualifies", "does_not_qualify", "needs_review", "insufficient_information"}
)
STATUSES = frozenset({"met", "failed", "missing", "review", "info"})

#: Date of every test in the initial-request base cases.
TEST_DATE = "2026-01-10"
#: Date of the request in the initial-request base cases.
REQUEST_DATE = "2026-01-12"
#: Inpatient stay used by the inpatient base cases.
ADMISSION_DATE = "2026-01-02"
DISCHARGE_DATE = "2026-01-09"
#: Medicare continued coverage: therapy start.
THERAPY_START = "2025-10-01"
#: Centene reauthorization: recertification date.
RECERT_DATE = "2026-03-01"


def shift(iso: str, days: int) -> str:
    """Return ``iso`` moved by ``days`` calendar days (negative = earlier)."""
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def test_obj(
    kind: str,
    value: float,
    setting: str = "rest",
    *,
    oxygen: str | None = "room_air",
    method: str | None = None,
    when: str = TEST_DATE,
    performed_by: str | None = "physician",
    **extra: Any,
) -> Facts:
    """One §1.2 test object. ``method`` defaults to ``abg`` for PaO2, ``oximetry`` for SpO2."""
    obj: Facts = {
        "kind": kind,
        "value": value,
        "setting": setting,
        "method": method if method is not None else ("abg" if kind == "pao2" else "oximetry"),
        "date": when,
    }
    if oxygen is not None:
        obj["oxygen"] = oxygen
    if performed_by is not None:
        obj["performed_by"] = performed_by
    obj.update(extra)
    return obj


# Tell pytest that ``test_obj`` is not a test function when it is imported into a test module.
test_obj.__test__ = False  # type: ignore[attr-defined]


def spo2(value: float, setting: str = "rest", **kw: Any) -> Facts:
    """A saturation test (oximetry unless ``method`` says otherwise)."""
    return test_obj("spo2", value, setting, **kw)


def pao2(value: float, setting: str = "rest", **kw: Any) -> Facts:
    """An arterial PO2 test (ABG)."""
    return test_obj("pao2", value, setting, **kw)


def sleep_spo2(value: float, minutes: float | None = 12, **kw: Any) -> Facts:
    """A sleep oximetry test with cumulative minutes at or below ``value``."""
    if minutes is not None:
        kw["minutes"] = minutes
    return spo2(value, "sleep", **kw)


def exercise_set(
    room_air: float, on_o2: float | None, kind: str = "spo2", rest: float | None = None,
    *, when: str = TEST_DATE, rest_when: str | None = None,
) -> list[Facts]:
    """The three exercise tests: rest without O2, exercise without O2, exercise with O2."""
    if rest is None:
        rest = 93 if kind == "spo2" else 70
    tests = [
        test_obj(kind, rest, "rest", when=rest_when or when),
        test_obj(kind, room_air, "exercise", when=when),
    ]
    if on_o2 is not None:
        tests.append(
            test_obj(kind, on_o2, "exercise", oxygen="supplemental", flow_lpm=2, when=when)
        )
    return tests


def with_(facts: Facts, **changes: Any) -> Facts:
    """A deep copy of ``facts`` with top-level ``changes``; a value of ``...`` deletes the key."""
    out = copy.deepcopy(facts)
    for key, value in changes.items():
        if value is Ellipsis:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def with_test(facts: Facts, index: int, **changes: Any) -> Facts:
    """A deep copy of ``facts`` with fields of ``tests[index]`` changed (``...`` deletes)."""
    out = copy.deepcopy(facts)
    for key, value in changes.items():
        if value is Ellipsis:
            out["tests"][index].pop(key, None)
        else:
            out["tests"][index][key] = value
    return out


NO_SECONDARY: Facts = {"findings": [], "hematocrit_percent": 45}
EDEMA: Facts = {"findings": ["dependent_edema"], "hematocrit_percent": 45}


# --------------------------------------------------------------------------- medicare


def mc_initial(tests: list[Facts], **changes: Any) -> Facts:
    """Medicare initial request, outpatient at time of need, evaluated, mobile, both items."""
    facts: Facts = {
        "request_type": "initial",
        "request_date": REQUEST_DATE,
        "request_indication": "hypoxemia",
        "requested_equipment": ["stationary", "portable"],
        "mobile_within_home": True,
        "treating_practitioner_evaluated_test": True,
        "test_at_time_of_need": True,
        **NO_SECONDARY,
        "tests": tests,
    }
    return with_(facts, **changes)


Initial = Callable[..., Facts]


def _rest(initial: Initial, value: float = 86, kind: str = "spo2", **changes: Any) -> Facts:
    """One resting room-air test (Group I at the default 86 %)."""
    return initial([test_obj(kind, value, "rest")], **changes)


def _sleep(initial: Initial, value: float = 86, kind: str = "spo2",
           minutes: float | None = 12, **changes: Any) -> Facts:
    """Awake rest 93 % (not qualifying) + a sleep test."""
    sleep = test_obj(kind, value, "sleep")
    if minutes is not None:
        sleep["minutes"] = minutes
    return initial([spo2(93), sleep], **changes)


def _sleep_drop(initial: Initial, drop: float = 6, kind: str = "spo2", **changes: Any) -> Facts:
    """Sleep value above both levels, with a fall from baseline, symptoms and 12 minutes."""
    value = 91 if kind == "spo2" else 62
    sleep = test_obj(kind, value, "sleep", minutes=12, drop_from_baseline=drop)
    base = initial([spo2(95), sleep], sleep_hypoxemia_symptoms_or_signs=True,
                   requested_equipment=["stationary"])
    return with_(base, **changes)


mc_rest = partial(_rest, mc_initial)
mc_sleep = partial(_sleep, mc_initial)
mc_sleep_drop = partial(_sleep_drop, mc_initial)


def mc_exercise(room_air: float = 86, on_o2: float | None = 92, kind: str = "spo2",
                **changes: Any) -> Facts:
    """Medicare: the three exercise tests in one session (exercise-only qualification)."""
    return mc_initial(exercise_set(room_air, on_o2, kind), **changes)


def mc_inpatient(days_before_discharge: int = 1, **changes: Any) -> Facts:
    """Medicare: inpatient test ``days_before_discharge`` days before discharge."""
    facts = mc_initial(
        [spo2(86, when=shift(DISCHARGE_DATE, -days_before_discharge))],
        admission_date=ADMISSION_DATE,
        discharge_date=DISCHARGE_DATE,
        request_date=DISCHARGE_DATE,
    )
    del facts["test_at_time_of_need"]  # outpatient-only fact; not needed for inpatients
    return with_(facts, **changes)


def mc_cluster_headache(value: float = 96, **changes: Any) -> Facts:
    """Medicare Group III: cluster headache with a normoxemic, valid, evaluated test."""
    base = mc_initial(
        [spo2(value)],
        request_indication="cluster_headache",
        findings=["cluster_headache"],
        requested_equipment=["stationary"],
    )
    return with_(base, **changes)


def mc_reauth(group: str = "II", retest_day: int = 75, value: float = 89,
              setting: str = "rest", **changes: Any) -> Facts:
    """Medicare continued coverage: retest ``retest_day`` days after therapy start."""
    test = spo2(value, setting, when=shift(THERAPY_START, retest_day))
    if setting == "sleep":
        test["minutes"] = 12
    facts = mc_initial(
        [test],
        request_type="reauthorization",
        request_date=shift(THERAPY_START, 95),
        initial_group=group,
        initial_qualifying_setting="rest",
        therapy_start_date=THERAPY_START,
        new_standard_written_order=True,
        **EDEMA,
    )
    if group == "III":
        facts["request_indication"] = "cluster_headache"
        facts["findings"] = ["cluster_headache"]
        facts["requested_equipment"] = ["stationary"]
    return with_(facts, **changes)


# --------------------------------------------------------------------------- centene


def cen_initial(tests: list[Facts], age: int = 60, **changes: Any) -> Facts:
    """Centene adult initial request: §I.A, C, D.2 (stable state), E and F all satisfied."""
    facts: Facts = {
        "request_type": "initial",
        "request_date": REQUEST_DATE,
        "request_indication": "hypoxemia",
        "age_years": age,
        "requested_equipment": ["stationary", "portable"],
        "mobile_within_home": True,
        "mobile_in_community": True,
        "severe_lung_disease_or_hypoxia_symptoms_documented": True,
        "alternative_treatments_tried_or_considered": True,
        "chronic_stable_state": True,
        **NO_SECONDARY,
        "tests": tests,
    }
    return with_(facts, **changes)


cen_rest = partial(_rest, cen_initial)
cen_sleep = partial(_sleep, cen_initial)
cen_sleep_drop = partial(_sleep_drop, cen_initial)


def cen_exercise(room_air: float = 86, on_o2: float | None = 92, kind: str = "spo2",
                 **changes: Any) -> Facts:
    """Centene adult: rest (not qualifying), exercise on room air, exercise on O2."""
    base = cen_initial(exercise_set(room_air, on_o2, kind),
                       exercise_improvement_on_oxygen_documented=False)
    return with_(base, **changes)


def cen_inpatient(days_before_discharge: int = 1, **changes: Any) -> Facts:
    """Centene adult: inpatient test, the last before discharge."""
    facts = cen_initial(
        [spo2(86, when=shift(DISCHARGE_DATE, -days_before_discharge))],
        admission_date=ADMISSION_DATE,
        discharge_date=DISCHARGE_DATE,
        request_date=DISCHARGE_DATE,
        is_last_test_before_discharge=True,
    )
    del facts["chronic_stable_state"]  # outpatient-only fact
    return with_(facts, **changes)


def cen_peds(value: float = 90, kind: str = "spo2", age: int = 10, **changes: Any) -> Facts:
    """Centene <21 initial (§II): documented disease, a resting room-air test."""
    facts: Facts = {
        "request_type": "initial",
        "request_date": REQUEST_DATE,
        "request_indication": "hypoxemia",
        "age_years": age,
        "requested_equipment": ["stationary", "portable"],
        "mobile_within_home": True,
        "mobile_in_community": True,
        "severe_lung_disease_or_hypoxia_symptoms_documented": True,
        "sleep_percent_time_spo2_below_92": 0,
        "desaturations_validated": False,
        "tests": [test_obj(kind, value, "rest")],
    }
    return with_(facts, **changes)


def cen_cluster_headache(age: int = 40, **changes: Any) -> Facts:
    """Centene §VI: every cluster-headache criterion met (including the CMS trial)."""
    facts: Facts = {
        "request_type": "initial",
        "request_date": REQUEST_DATE,
        "request_indication": "cluster_headache",
        "age_years": age,
        "requested_equipment": ["stationary"],
        "findings": ["cluster_headache"],
        "cluster_headache_attack_count": 6,
        "cluster_headache_attack_duration_minutes": 60,
        "cluster_headache_severe_unilateral": True,
        "cluster_headache_autonomic_features": ["conjunctival_injection_or_lacrimation"],
        "enrolled_in_cms_approved_trial": True,
        "tests": [spo2(97)],
        "chronic_stable_state": True,
    }
    return with_(facts, **changes)


def cen_reauth_adult(eval_days: int = 20, **changes: Any) -> Facts:
    """Centene ≥21 reauthorization (§III) through the LOMN path; other paths clearly fail."""
    facts: Facts = {
        "request_type": "reauthorization",
        "request_date": RECERT_DATE,
        "request_indication": "hypoxemia",
        "age_years": 60,
        "requested_equipment": ["stationary", "portable"],
        "mobile_within_home": True,
        "mobile_in_community": True,
        "recertification_date": RECERT_DATE,
        "last_physician_evaluation_date": shift(RECERT_DATE, -eval_days),
        "lomn_hypoxemia_not_expected_to_improve": True,
        "initial_group": "I",
        "initial_qualifying_setting": "rest",
        "prior_oxygen_authorizations": 1,
        "severe_lung_disease_or_hypoxia_symptoms_documented": True,
        "alternative_treatments_tried_or_considered": True,
        "chronic_stable_state": True,
        **NO_SECONDARY,
        "tests": [],
    }
    return with_(facts, **changes)


def cen_reauth_adult_test(days_before: int = 60, value: float = 86, performed_by: str = "physician",
                          secondary: Facts | None = None, **changes: Any) -> Facts:
    """Centene ≥21 reauthorization through a new test (LOMN false, nocturnal path fails)."""
    facts = cen_reauth_adult(
        lomn_hypoxemia_not_expected_to_improve=False,
        tests=[spo2(value, when=shift(RECERT_DATE, -days_before), performed_by=performed_by)],
        **(secondary or NO_SECONDARY),
    )
    return with_(facts, **changes)


def cen_reauth_peds(eval_days: int = 10, test_days: int = 20, value: float = 90,
                    performed_by: str = "physician", **changes: Any) -> Facts:
    """Centene <21 reauthorization (§IV) through a new test; LOMN false."""
    facts: Facts = {
        "request_type": "reauthorization",
        "request_date": RECERT_DATE,
        "request_indication": "hypoxemia",
        "age_years": 10,
        "requested_equipment": ["stationary", "portable"],
        "mobile_within_home": True,
        "mobile_in_community": True,
        "recertification_date": RECERT_DATE,
        "last_physician_evaluation_date": shift(RECERT_DATE, -eval_days),
        "lomn_hypoxemia_not_expected_to_improve": False,
        "severe_lung_disease_or_hypoxia_symptoms_documented": True,
        "sleep_percent_time_spo2_below_92": 0,
        "desaturations_validated": False,
        "tests": [spo2(value, when=shift(RECERT_DATE, -test_days), performed_by=performed_by)],
    }
    return with_(facts, **changes)


# --------------------------------------------------------------------------- engine calls


def decide(facts: Facts, policy: str) -> Result:
    """Call the engine on a deep copy (the engine must not see our shared objects)."""
    import rules  # imported late: the engine may not exist when tests are collected

    result: Result = rules.decide_dict(copy.deepcopy(facts), policy)
    return result


def check_invariants(result: Result, policy: str, *, require_trace: bool = True) -> None:
    """Assert the §0/§2 shape of every result, whatever the decision.

    ``require_trace``: a decision must be explained by at least one rule in ``rules``
    (§0: "every rule evaluated"). The property tests turn this off so that a missing
    trace does not hide the other invariants; the case table keeps it on.
    """
    assert result["decision"] in DECISIONS, result["decision"]
    assert result["policy"] == policy
    assert isinstance(result["policy_version"], str) and result["policy_version"]
    for key in ("met_rules", "failed_rules", "missing_facts", "review_reasons", "rules"):
        assert isinstance(result[key], list), key
    if result["decision"] == "qualifies":
        assert result["group"] in ("I", "II", "III", None)
        equipment = result["equipment"]
        assert isinstance(equipment, dict)
        assert set(equipment) == {"stationary", "portable"}
        assert all(isinstance(v, bool) for v in equipment.values())
        assert equipment["stationary"] or equipment["portable"], "qualifies with no item"
    else:
        assert result["group"] is None, "group must be null unless qualifies (§2)"
        assert result["equipment"] is None, "equipment must be null unless qualifies (§2)"
    if result["decision"] == "needs_review":
        assert result["review_reasons"], "needs_review without a review reason"
    if result["decision"] == "insufficient_information":
        assert result["missing_facts"], "insufficient_information without missing_facts (§2)"
    if require_trace:
        assert result["rules"], "empty trace: no rule explains the decision (§0)"
    for entry in result["rules"]:
        assert {"id", "status", "citation", "explanation"} <= set(entry), entry
        assert entry["status"] in STATUSES, entry


def raised_by(reason: str, rule_id: str) -> bool:
    """True if the review reason starts with ``rule_id`` as a whole ID (not a longer one)."""
    if not reason.startswith(rule_id):
        return False
    rest = reason[len(rule_id):]
    return not rest or not (rest[0].isalnum() or rest[0] in "-_")


def has_review(result: Result, rule_id: str) -> bool:
    """True if some review reason was raised by ``rule_id``."""
    return any(raised_by(reason, rule_id) for reason in result["review_reasons"])


def load_cases() -> list[dict[str, Any]]:
    """All end-to-end cases from ``cases/*.yaml``, in file order (each a fresh dict)."""
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(loaded, list), f"{path.name}: top level must be a list of cases"
        for item in loaded:
            item["_file"] = path.name
            cases.append(item)
    return cases
