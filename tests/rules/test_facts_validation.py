"""Fact validation (spec §0, §1): bad input is a ``rules.FactsError`` naming the fact.

§0: "Unknown fact names or values of the wrong type are a clear error (… message naming
the fact), never a silent guess." §1: "All facts are optional … `null` and an absent key
mean the same." Dates are ISO ``YYYY-MM-DD``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from rule_builders import (
    EDEMA,
    Facts,
    cen_cluster_headache,
    cen_exercise,
    cen_inpatient,
    cen_peds,
    cen_reauth_adult,
    cen_reauth_peds,
    cen_rest,
    cen_sleep_drop,
    check_invariants,
    mc_cluster_headache,
    mc_exercise,
    mc_inpatient,
    mc_reauth,
    mc_rest,
    mc_sleep,
    mc_sleep_drop,
    spo2,
)
from rule_vocabulary import FACTS, TEST_FIELDS, WRONG_TYPE

POLICIES = ("medicare", "centene")


def facts_error() -> type[Exception]:
    """``rules.FactsError``, looked up when a test runs."""
    import rules

    error: type[Exception] = rules.FactsError
    return error


def decide_raw(facts: Any, policy: str) -> dict[str, Any]:
    """Call the engine without copying or type assumptions (input may be junk)."""
    import rules

    result: dict[str, Any] = rules.decide_dict(facts, policy)
    return result


def assert_rejected(facts: Any, name: str, policy: str = "medicare") -> None:
    """The engine raises FactsError whose message names ``name``."""
    with pytest.raises(facts_error()) as info:
        decide_raw(facts, policy)
    assert name in str(info.value), f"message does not name {name!r}: {info.value}"


def test_facts_error_is_a_value_error() -> None:
    """The API contract: FactsError subclasses ValueError."""
    assert issubclass(facts_error(), ValueError)


# --------------------------------------------------------------------------- unknown names


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize(
    "name",
    ["oxygen_saturation", "pao2", "Age_Years", "age", "request-type", "hcpcs", "tests_"],
)
def test_unknown_top_level_fact(name: str, policy: str) -> None:
    """§0: a name outside §1 (also near-misses and other spellings) is an error naming it."""
    facts = mc_rest()
    facts[name] = 1
    assert_rejected(facts, name, policy)


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("name", ["saturation", "Value", "lpm", "evidence_text", "performer"])
def test_unknown_test_field(name: str, policy: str) -> None:
    """§1.2: a test field outside the list is an error naming it."""
    facts = mc_rest()
    facts["tests"][0][name] = 1
    assert_rejected(facts, name, policy)


# --------------------------------------------------------------------------- wrong types

WRONG_TYPE_CASES = [
    (name, bad)
    for name, (category, _) in sorted(FACTS.items())
    for bad in WRONG_TYPE[category][:2]
]


@pytest.mark.parametrize(
    ("name", "bad"), WRONG_TYPE_CASES, ids=[f"{n}={b!r}" for n, b in WRONG_TYPE_CASES]
)
def test_wrong_type_top_level(name: str, bad: Any) -> None:
    """§0: every §1 fact rejects a value of the wrong JSON type, naming the fact."""
    facts = mc_rest()
    facts[name] = copy.deepcopy(bad)
    assert_rejected(facts, name)


WRONG_TEST_CASES = [
    (name, bad)
    for name, (category, _) in sorted(TEST_FIELDS.items())
    for bad in WRONG_TYPE[category][:3]
]


@pytest.mark.parametrize(
    ("name", "bad"), WRONG_TEST_CASES, ids=[f"{n}={b!r}" for n, b in WRONG_TEST_CASES]
)
def test_wrong_type_test_field(name: str, bad: Any) -> None:
    """§1.2: every test field rejects a wrong-typed value, naming the field."""
    facts = mc_rest()
    facts["tests"][0][name] = copy.deepcopy(bad)
    assert_rejected(facts, name, "centene")


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("age_years", True),            # JSON boolean for an integer
        ("prior_oxygen_authorizations", False),
        ("hematocrit_percent", True),   # JSON boolean for a number
        ("age_years", "45"),            # numeric string for an integer
        ("p_wave_mm", "3.5"),           # numeric string for a number
        ("age_years", 20.5),            # non-integer for an integer
        ("mobile_within_home", 1),      # number for a boolean
        ("mobile_within_home", "true"),  # string for a boolean
    ],
)
def test_no_silent_coercion(name: str, bad: Any) -> None:
    """§0 "never a silent guess": JSON values of another type are not coerced."""
    facts = cen_rest()
    facts[name] = bad
    assert_rejected(facts, name, "centene")


@pytest.mark.parametrize(("field", "bad"), [("value", "86"), ("value", True), ("minutes", "5")])
def test_no_silent_coercion_in_tests(field: str, bad: Any) -> None:
    """§0 for test fields: "86" or true is not the number 86 / 1."""
    facts = mc_rest()
    facts["tests"][0][field] = bad
    assert_rejected(facts, field)


@pytest.mark.parametrize("tests", ["spo2 86", 86, {"kind": "spo2", "value": 86}, True])
def test_tests_must_be_a_list(tests: Any) -> None:
    """§1.2: `tests` is a list of objects."""
    facts = mc_rest()
    facts["tests"] = tests
    assert_rejected(facts, "tests")


@pytest.mark.parametrize("item", [86, "spo2", ["spo2", 86], True])
def test_each_test_must_be_an_object(item: Any) -> None:
    """§1.2: one object per measurement."""
    facts = mc_rest()
    facts["tests"].append(item)
    assert_rejected(facts, "tests")


@pytest.mark.parametrize("facts", [[], "facts", 5, None])
def test_facts_must_be_an_object(facts: Any) -> None:
    """§0: the input is one JSON object of facts; anything else is a FactsError."""
    with pytest.raises(facts_error()):
        decide_raw(facts, "medicare")


# --------------------------------------------------------------------------- enums

ENUM_FACTS = sorted(name for name, (category, _) in FACTS.items() if category == "enum")
LIST_FACTS = sorted(name for name, (category, _) in FACTS.items() if category == "list")
ENUM_TEST_FIELDS = sorted(n for n, (category, _) in TEST_FIELDS.items() if category == "enum")


@pytest.mark.parametrize("name", ENUM_FACTS)
@pytest.mark.parametrize("bad", ["bogus", "", "Initial", "HYPOXEMIA"])
def test_bad_enum_top_level(name: str, bad: str) -> None:
    """§1: enumerations accept exactly the listed values (case-sensitive)."""
    facts = mc_rest()
    facts[name] = bad
    assert_rejected(facts, name)


@pytest.mark.parametrize("name", LIST_FACTS)
def test_bad_enum_in_list(name: str) -> None:
    """§1: list facts accept only their listed values."""
    facts = cen_rest()
    facts[name] = [FACTS[name][1][0] if FACTS[name][1] else "x", "not_a_member"]  # type: ignore[index]
    assert_rejected(facts, name, "centene")


@pytest.mark.parametrize("name", ENUM_TEST_FIELDS)
@pytest.mark.parametrize("bad", ["bogus", "SpO2", "room air"])
def test_bad_enum_test_field(name: str, bad: str) -> None:
    """§1.2: test enumerations (kind, setting, oxygen, method, performed_by)."""
    facts = mc_rest()
    facts["tests"][0][name] = bad
    assert_rejected(facts, name)


def test_hcpcs_codes_are_not_equipment_values() -> None:
    """§1.1: requested_equipment holds "stationary"/"portable", not HCPCS codes."""
    facts = mc_rest(requested_equipment=["E1390"])
    assert_rejected(facts, "requested_equipment")


# --------------------------------------------------------------------------- dates

DATE_FACTS = sorted(name for name, (category, _) in FACTS.items() if category == "date")
BAD_DATES = ["2026-13-01", "2026-02-30", "10/01/2026", "2026/01/10", "yesterday", "2026-1-5", ""]


@pytest.mark.parametrize("name", DATE_FACTS)
@pytest.mark.parametrize("bad", BAD_DATES)
def test_bad_date_top_level(name: str, bad: str) -> None:
    """§1: dates are ISO YYYY-MM-DD; impossible or other formats are an error naming the fact."""
    facts = mc_rest()
    facts[name] = bad
    assert_rejected(facts, name)


@pytest.mark.parametrize("bad", BAD_DATES)
def test_bad_test_date(bad: str) -> None:
    """§1.2: a test's `date` too."""
    facts = cen_rest()
    facts["tests"][0]["date"] = bad
    assert_rejected(facts, "date", "centene")


def test_leap_day_is_a_valid_date() -> None:
    """2028-02-29 exists; it must not be rejected."""
    facts = mc_rest()
    facts["request_date"] = "2028-02-29"
    check_invariants(decide_raw(facts, "medicare"), "medicare")


# --------------------------------------------------------------------------- null == absent

NULL_BASES: dict[str, tuple[str, Facts]] = {
    "mc-rest": ("medicare", mc_rest(86)),
    "mc-g2": ("medicare", mc_rest(89, **EDEMA)),
    "mc-sleep": ("medicare", mc_sleep(86)),
    "mc-sleep-drop": ("medicare", mc_sleep_drop(6)),
    "mc-exercise": ("medicare", mc_exercise()),
    "mc-inpatient": ("medicare", mc_inpatient(1)),
    "mc-ch": ("medicare", mc_cluster_headache()),
    "mc-reauth": ("medicare", mc_reauth("II", 75)),
    "cen-rest": ("centene", cen_rest(86)),
    "cen-sleep-drop": ("centene", cen_sleep_drop(6)),
    "cen-exercise": ("centene", cen_exercise()),
    "cen-inpatient": ("centene", cen_inpatient(1)),
    "cen-peds": ("centene", cen_peds(90)),
    "cen-reauth-adult": ("centene", cen_reauth_adult()),
    "cen-reauth-peds": ("centene", cen_reauth_peds()),
    "cen-ch": ("centene", cen_cluster_headache()),
}


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    """Everything in a result except the facts echoed in the trace."""
    out = {key: value for key, value in result.items() if key != "rules"}
    out["rules"] = [(entry["id"], entry["status"]) for entry in result["rules"]]
    return out


NULL_CASES = [
    (base_id, name)
    for base_id, (_, base) in NULL_BASES.items()
    for name in sorted(FACTS)
]


@pytest.mark.parametrize(("base_id", "name"), NULL_CASES,
                         ids=[f"{b}-{n}" for b, n in NULL_CASES])
def test_null_equals_absent(base_id: str, name: str) -> None:
    """§1: for every fact, `null` and an absent key give the same result."""
    policy, base = NULL_BASES[base_id]
    absent = copy.deepcopy(base)
    absent.pop(name, None)
    null = copy.deepcopy(base)
    null[name] = None
    assert comparable(decide_raw(null, policy)) == comparable(decide_raw(absent, policy))


@pytest.mark.parametrize("field", sorted(TEST_FIELDS))
@pytest.mark.parametrize("base_id", ["mc-sleep-drop", "cen-sleep-drop", "mc-exercise"])
def test_null_equals_absent_in_tests(base_id: str, field: str) -> None:
    """§1.2: a null test field is the same as a missing one (e.g. oxygen null = room air)."""
    policy, base = NULL_BASES[base_id]
    for index in range(len(base["tests"])):
        absent = copy.deepcopy(base)
        absent["tests"][index].pop(field, None)
        null = copy.deepcopy(base)
        null["tests"][index][field] = None
        assert comparable(decide_raw(null, policy)) == comparable(decide_raw(absent, policy))


# --------------------------------------------------------------------------- valid input


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("base_id", sorted(NULL_BASES))
def test_valid_facts_are_accepted_by_both_profiles(base_id: str, policy: str) -> None:
    """Every §1 fact is valid input for both profiles (a profile ignores what it does not use)."""
    facts = copy.deepcopy(NULL_BASES[base_id][1])
    result = decide_raw(facts, policy)
    check_invariants(result, policy, require_trace=False)


def test_every_fact_at_once_is_accepted() -> None:
    """A fact object using the whole §1 vocabulary is valid."""
    facts = mc_rest(86)
    facts.update(
        {
            "age_years": 70, "admission_date": "2026-01-01", "discharge_date": "2026-01-05",
            "mobile_in_community": True, "prescribed_flow_lpm": 3,
            "pulmonary_hypertension_determined_by": "echocardiogram", "p_wave_mm": 2.5,
            "hematocrit_percent": 50.5, "chronic_stable_state": True,
            "is_last_test_before_discharge": True,
            "severe_lung_disease_or_hypoxia_symptoms_documented": True,
            "alternative_treatments_tried_or_considered": True,
            "sleep_hypoxemia_symptoms_or_signs": False,
            "exercise_improvement_on_oxygen_documented": False,
            "exercise_tests_same_session": True, "exercise_test_unsupervised_at_home": False,
            "measurement_variation_concern_documented": False, "non_covered_indications": [],
            "sleep_percent_time_spo2_below_92": 0, "desaturations_validated": False,
            "initial_group": "I", "initial_qualifying_setting": "rest",
            "therapy_start_date": "2025-10-01", "new_standard_written_order": True,
            "recertification_date": "2026-03-01",
            "last_physician_evaluation_date": "2026-02-01",
            "lomn_hypoxemia_not_expected_to_improve": False, "prior_oxygen_authorizations": 0,
            "dme_supplier_is_home_oxygen_provider": False,
            "cluster_headache_attack_count": 0, "cluster_headache_attack_duration_minutes": 0,
            "cluster_headache_severe_unilateral": False,
            "cluster_headache_autonomic_features": [], "enrolled_in_cms_approved_trial": False,
        }
    )
    facts["tests"].append(
        spo2(93, "exercise", oxygen="supplemental", flow_lpm=2, minutes=0,
             drop_from_baseline=0)
    )
    assert set(FACTS) <= set(facts)
    for policy in POLICIES:
        check_invariants(decide_raw(copy.deepcopy(facts), policy), policy, require_trace=False)


def test_engine_does_not_mutate_its_input() -> None:
    """The caller's facts object is left as it was (the UI re-renders from it)."""
    facts = mc_exercise()
    before = copy.deepcopy(facts)
    decide_raw(facts, "medicare")
    assert facts == before
