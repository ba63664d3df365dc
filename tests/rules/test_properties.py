"""Property tests (hypothesis) of the decision semantics in ``coverage-criteria.md`` §2–§3.

(a) Lowering a qualifying room-air value (PaO2 or SpO2, any setting) never turns
    ``qualifies`` into ``does_not_qualify``.
(b) Removing one fact (a top-level key, or one test) never turns a non-qualifying case
    (``does_not_qualify`` / ``insufficient_information``) into ``qualifies``.
(c) Random well-typed fact objects never crash the engine; every result has one of the
    four decisions, and ``group``/``equipment`` are null unless it qualifies.
(d) Random junk (wrong types, unknown keys, bad enums, bad dates) raises
    ``rules.FactsError`` and nothing else.

Why some facts are exempt from (b): by the specification, removing them *can* make a case
qualify, so the property does not hold for them (see ``NOT_MONOTONE_KEYS``).
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_builders import (
    EDEMA,
    Facts,
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
    load_cases,
    mc_exercise,
    mc_initial,
    mc_inpatient,
    mc_reauth,
    mc_rest,
    mc_sleep,
    mc_sleep_drop,
    pao2,
    spo2,
)
from rule_vocabulary import FACTS, TEST_FIELDS, WRONG_TYPE

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow]
)
SMALL_SETTINGS = settings(
    max_examples=60, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow]
)
POLICIES = ("medicare", "centene")

# --------------------------------------------------------------------------- bases

#: Qualifying base cases (by the spec) for property (a), one per profile × setting/route.
QUALIFYING_BASES: dict[str, tuple[str, Facts]] = {
    "mc-rest-g1": ("medicare", mc_rest(86)),
    "mc-rest-g1-pao2": ("medicare", mc_rest(54, "pao2")),
    "mc-rest-g2": ("medicare", mc_rest(89, **EDEMA)),
    "mc-rest-g2-pao2": ("medicare", mc_rest(58, "pao2", **EDEMA)),
    "mc-sleep": ("medicare", mc_sleep(86)),
    "mc-sleep-g2": ("medicare", mc_sleep(57, "pao2", **EDEMA)),
    "mc-sleep-drop": ("medicare", mc_sleep_drop(6)),
    "mc-exercise": ("medicare", mc_exercise()),
    "mc-exercise-pao2": ("medicare", mc_exercise(52, 60, "pao2")),
    "mc-inpatient": ("medicare", mc_inpatient(1)),
    "mc-abg-and-oximetry": ("medicare", mc_initial([pao2(53), spo2(86)])),
    "mc-reauth-g2": ("medicare", mc_reauth("II", 75)),
    "cen-rest-g1": ("centene", cen_rest(86)),
    "cen-rest-g2": ("centene", cen_rest(58, "pao2", **EDEMA)),
    "cen-sleep": ("centene", cen_sleep(86)),
    "cen-sleep-drop": ("centene", cen_sleep_drop(6)),
    "cen-exercise": ("centene", cen_exercise()),
    "cen-inpatient": ("centene", cen_inpatient(1)),
    "cen-peds": ("centene", cen_peds(90)),
    "cen-peds-pao2": ("centene", cen_peds(75, "pao2")),
    "cen-reauth-adult-g1": ("centene", cen_reauth_adult_test(60)),
    "cen-reauth-adult-g2": ("centene", cen_reauth_adult_test(20, 89, secondary=EDEMA)),
    "cen-reauth-peds": ("centene", cen_reauth_peds()),
}

#: Further non-qualifying-friendly bases for (b): the qualifying ones plus a few routes.
REMOVAL_BASES: dict[str, tuple[str, Facts]] = {
    **QUALIFYING_BASES,
    "cen-reauth-adult-lomn": ("centene", cen_reauth_adult()),
    "cen-g2-sleep": ("centene", cen_sleep(89, **EDEMA)),
    "cen-adult-initial-empty": ("centene", cen_initial([spo2(91)])),
}


def room_air_value_tests(facts: Facts) -> list[int]:
    """Indices of room-air PaO2/SpO2 tests (oxygen absent or ``room_air``)."""
    return [
        i for i, test in enumerate(facts.get("tests") or [])
        if test.get("oxygen") in (None, "room_air") and test.get("kind") in ("pao2", "spo2")
    ]


# --------------------------------------------------------------------------- (a)


@pytest.mark.parametrize("base_id", list(QUALIFYING_BASES))
@SMALL_SETTINGS
@given(data=st.data())
def test_lowering_a_room_air_value_never_disqualifies(base_id: str, data: st.DataObject) -> None:
    """(a) §3.1: levels are 'at or below'; a lower room-air value can only help (or review)."""
    policy, base = QUALIFYING_BASES[base_id]
    before = decide(base, policy)
    assert before["decision"] == "qualifies", (base_id, before["decision"])
    index = data.draw(st.sampled_from(room_air_value_tests(base)), label="test index")
    current = float(base["tests"][index]["value"])
    floor = 20.0 if base["tests"][index]["kind"] == "pao2" else 50.0
    new_value = data.draw(
        st.one_of(
            st.integers(min_value=int(floor), max_value=int(current) - 1),
            st.floats(min_value=floor, max_value=current, exclude_max=True,
                      allow_nan=False, allow_infinity=False),
        ),
        label="lower value",
    )
    lowered = copy.deepcopy(base)
    lowered["tests"][index]["value"] = new_value
    after = decide(lowered, policy)
    assert after["decision"] != "does_not_qualify", (
        f"{base_id}: tests[{index}].value {current} → {new_value} gave does_not_qualify; "
        f"failed={after['failed_rules']}"
    )
    check_invariants(after, policy)


# --------------------------------------------------------------------------- (b)

#: Facts whose removal may, by the specification, turn a non-qualifying case into a
#: qualifying one — so property (b) does not apply to them:
#: - the request itself, not evidence: request_type (reauth → initial), request_indication,
#:   requested_equipment (empty → patient level, §2);
#: - facts whose presence disqualifies: exercise_test_unsupervised_at_home (true → invalid),
#:   exercise_tests_same_session (false overrides the same-date inference), admission_date
#:   (makes a test inpatient, §3.2), p_wave_mm (p_pulmonale without p_wave_mm is accepted,
#:   §3.1).
NOT_MONOTONE_KEYS = frozenset(
    {
        "request_type", "request_indication", "requested_equipment",
        "exercise_test_unsupervised_at_home", "exercise_tests_same_session",
        "admission_date", "p_wave_mm",
    }
)
NON_QUALIFYING = ("does_not_qualify", "insufficient_information")


def may_remove_tests(facts: Facts) -> bool:
    """May removing one test make the case qualify, by the spec? Then (b) skips tests.

    - §3.3: with ABG and oximetry values in one setting, medicare uses the ABG only, so
      removing the ABG lets the oximetry value count.
    - §4.2 MC-G3-CONDITION: Group III needs *no* Group I/II level in any valid test, so
      removing a hypoxemic test can open Group III (cluster headache / non-hypoxemic).
    """
    if facts.get("request_indication") not in (None, "hypoxemia"):
        return False
    if "cluster_headache" in (facts.get("findings") or []):
        return False
    methods: dict[str, set[str]] = {}
    for test in facts.get("tests") or []:
        if test.get("oxygen") in (None, "room_air"):
            method = test.get("method") or ("abg" if test.get("kind") == "pao2" else "unknown")
            methods.setdefault(str(test.get("setting")), set()).add(str(method))
    return all(len(found) < 2 for found in methods.values())



def one_fact_removed(facts: Facts) -> list[tuple[str, Facts]]:
    """Every variant of ``facts`` with one top-level key or one test removed."""
    variants: list[tuple[str, Facts]] = []
    for key in facts:
        if key in NOT_MONOTONE_KEYS:
            continue
        smaller = copy.deepcopy(facts)
        del smaller[key]
        variants.append((f"-{key}", smaller))
    tests = facts.get("tests")
    if isinstance(tests, list) and may_remove_tests(facts):
        for i in range(len(tests)):
            smaller = copy.deepcopy(facts)
            del smaller["tests"][i]
            variants.append((f"-tests[{i}]", smaller))
    return variants


def assert_removal_monotone(facts: Facts, policy: str, label: str) -> bool:
    """Check (b) for one case; return whether the case was non-qualifying (checked)."""
    before = decide(facts, policy)
    if before["decision"] not in NON_QUALIFYING:
        return False
    for removed, smaller in one_fact_removed(facts):
        after = decide(smaller, policy)
        assert after["decision"] != "qualifies", (
            f"{label}: {before['decision']} became qualifies after removing {removed} "
            f"(before failed={before['failed_rules']} missing={before['missing_facts']})"
        )
    return True


REMOVAL_TABLE_CASES = load_cases()


@pytest.mark.parametrize(
    "case", REMOVAL_TABLE_CASES, ids=[case["name"] for case in REMOVAL_TABLE_CASES]
)
def test_removing_a_fact_from_a_table_case_never_qualifies(case: dict[str, Any]) -> None:
    """(b) on every end-to-end case that the engine does not qualify."""
    assert_removal_monotone(case["facts"], case["policy"], case["name"])


# --------------------------------------------------------------------------- strategies

DATES = st.dates(min_value=date(2025, 6, 1), max_value=date(2026, 6, 30)).map(
    lambda d: d.isoformat()
)


def number_strategy(low: float, high: float) -> st.SearchStrategy[float | int]:
    """Integers and non-integers in a plausible range (no NaN/inf)."""
    return st.one_of(
        st.integers(min_value=int(low), max_value=int(high)),
        st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False),
    )


NUMBER_RANGES: dict[str, tuple[float, float]] = {
    "prescribed_flow_lpm": (0, 10),
    "p_wave_mm": (0, 6),
    "hematocrit_percent": (30, 70),
    "sleep_percent_time_spo2_below_92": (0, 100),
    "cluster_headache_attack_duration_minutes": (0, 300),
    "value": (30, 100),
    "flow_lpm": (0, 8),
    "minutes": (0, 60),
    "drop_from_baseline": (0, 20),
}
INT_RANGES: dict[str, tuple[int, int]] = {
    "age_years": (0, 99),
    "prior_oxygen_authorizations": (0, 5),
    "cluster_headache_attack_count": (0, 10),
}


def value_strategy(name: str, category: str,
                   allowed: tuple[str, ...] | None) -> st.SearchStrategy[Any]:
    """A well-typed random value for one fact or test field (``None`` included: = absent)."""
    strategy: st.SearchStrategy[Any]
    if category == "enum":
        assert allowed is not None
        strategy = st.sampled_from(allowed)
    elif category == "list":
        assert allowed is not None
        strategy = st.lists(st.sampled_from(allowed), max_size=len(allowed), unique=True)
    elif category == "date":
        strategy = DATES
    elif category == "bool":
        strategy = st.booleans()
    elif category == "int":
        low, high = INT_RANGES[name]
        strategy = st.integers(min_value=low, max_value=high)
    elif category == "number":
        low_f, high_f = NUMBER_RANGES[name]
        strategy = number_strategy(low_f, high_f)
    else:  # pragma: no cover - the vocabulary has no other category
        raise AssertionError(category)
    return st.one_of(st.none(), strategy)


TEST_OBJECTS = st.fixed_dictionaries(
    {},
    optional={
        name: value_strategy(name, category, allowed)
        for name, (category, allowed) in TEST_FIELDS.items()
    },
)
#: Tests that are a little more realistic: kind, value and setting always present.
SHAPED_TESTS = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(("pao2", "spo2")),
        "value": number_strategy(30, 100),
        "setting": st.sampled_from(("rest", "sleep", "exercise")),
    },
    optional={
        name: value_strategy(name, category, allowed)
        for name, (category, allowed) in TEST_FIELDS.items()
        if name not in ("kind", "value", "setting")
    },
)

RANDOM_FACTS = st.fixed_dictionaries(
    {},
    optional={
        **{
            name: value_strategy(name, category, allowed)
            for name, (category, allowed) in FACTS.items()
            if category != "tests"
        },
        "tests": st.one_of(
            st.none(), st.lists(st.one_of(TEST_OBJECTS, SHAPED_TESTS), max_size=5)
        ),
    },
)


# --------------------------------------------------------------------------- (b) random


#: Top-level facts that random overrides may set on a base case for (b). Cluster-headache
#: routing (request_indication, findings with cluster_headache) is left out: there the
#: spec's test-removal behaviour is not monotone (Group III), see may_remove_tests.
OVERRIDE_FACTS = {
    name: spec for name, spec in FACTS.items()
    if name not in ("tests", "request_indication", "findings")
}
OVERRIDES = st.fixed_dictionaries(
    {},
    optional={
        **{name: value_strategy(name, category, allowed)
           for name, (category, allowed) in OVERRIDE_FACTS.items()},
        "findings": st.one_of(
            st.none(),
            st.lists(
                st.sampled_from([f for f in FACTS["findings"][1] or () if f != "cluster_headache"]),
                unique=True,
            ),
        ),
    },
)


@PROPERTY_SETTINGS
@given(
    base_id=st.sampled_from(sorted(REMOVAL_BASES)),
    overrides=OVERRIDES,
    extra_test=st.one_of(st.none(), SHAPED_TESTS),
)
def test_removing_a_fact_never_qualifies(base_id: str, overrides: Facts,
                                         extra_test: Facts | None) -> None:
    """(b) base case + random overrides; if not qualifying, no single removal qualifies it."""
    policy, base = REMOVAL_BASES[base_id]
    facts = copy.deepcopy(base)
    for key, value in overrides.items():
        if value is None:
            facts.pop(key, None)
        else:
            facts[key] = value
    if extra_test is not None:
        facts.setdefault("tests", []).append(extra_test)
    assert_removal_monotone(facts, policy, base_id)


# --------------------------------------------------------------------------- (c)


@PROPERTY_SETTINGS
@given(facts=RANDOM_FACTS, policy=st.sampled_from(POLICIES))
def test_random_facts_never_crash(facts: Facts, policy: str) -> None:
    """(c) any well-typed §1 fact object gives one of four decisions (§2 invariants)."""
    result = decide(facts, policy)
    check_invariants(result, policy, require_trace=False)


@PROPERTY_SETTINGS
@given(base_id=st.sampled_from(sorted(REMOVAL_BASES)), overrides=RANDOM_FACTS,
       policy=st.sampled_from(POLICIES))
def test_odd_combinations_never_crash(base_id: str, overrides: Facts, policy: str) -> None:
    """(c) a valid base with random facts mixed in (also under the other profile)."""
    facts = copy.deepcopy(REMOVAL_BASES[base_id][1])
    facts.update(overrides)
    result = decide(facts, policy)
    check_invariants(result, policy, require_trace=False)


# --------------------------------------------------------------------------- (d)

KNOWN_NAMES = frozenset(FACTS) | frozenset(TEST_FIELDS)


@st.composite
def junk(draw: st.DrawFn) -> tuple[Facts, str]:
    """A valid base with exactly one corruption; returns (facts, name that must be reported)."""
    base_id = draw(st.sampled_from(sorted(REMOVAL_BASES)))
    facts = copy.deepcopy(REMOVAL_BASES[base_id][1])
    how = draw(st.sampled_from(
        ["unknown_key", "wrong_type", "bad_enum", "test_unknown_field", "test_wrong_type",
         "test_bad_enum", "test_not_object"]
    ))
    if how == "unknown_key":
        name = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=3, max_size=20)
                    .filter(lambda s: s not in KNOWN_NAMES))
        facts[name] = draw(st.one_of(st.none(), st.integers(), st.text(max_size=5),
                                     st.booleans()))
        return facts, name
    if how in ("wrong_type", "bad_enum"):
        if how == "bad_enum":
            candidates = sorted(n for n, (c, _) in FACTS.items() if c in ("enum", "list"))
        else:
            candidates = sorted(FACTS)
        name = draw(st.sampled_from(candidates))
        category, allowed = FACTS[name]
        if how == "bad_enum":
            bad = draw(st.text(min_size=1, max_size=12).filter(lambda s: s not in (allowed or ())))
            facts[name] = [bad] if category == "list" else bad
        else:
            facts[name] = draw(st.sampled_from(WRONG_TYPE[category]))
        return facts, name
    tests = facts.get("tests") or []
    if not tests:
        tests = [spo2(86)]
        facts["tests"] = tests
    index = draw(st.integers(min_value=0, max_value=len(tests) - 1))
    if how == "test_not_object":
        tests[index] = draw(st.sampled_from([5, "spo2 86", ["spo2", 86], True]))
        return facts, "tests"
    if how == "test_unknown_field":
        name = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=3, max_size=20)
                    .filter(lambda s: s not in KNOWN_NAMES))
        tests[index][name] = 1
        return facts, name
    enum_fields = sorted(n for n, (c, _) in TEST_FIELDS.items() if c == "enum")
    name = draw(st.sampled_from(enum_fields if how == "test_bad_enum" else sorted(TEST_FIELDS)))
    category, allowed = TEST_FIELDS[name]
    if how == "test_bad_enum":
        tests[index][name] = draw(
            st.text(min_size=1, max_size=12).filter(lambda s: s not in (allowed or ()))
        )
    else:
        tests[index][name] = draw(st.sampled_from(WRONG_TYPE[category]))
    return facts, name


@PROPERTY_SETTINGS
@given(case=junk(), policy=st.sampled_from(POLICIES))
def test_junk_raises_facts_error_only(case: tuple[Facts, str], policy: str) -> None:
    """(d) §0: unknown names, wrong types, bad enums → FactsError naming the fact, nothing else."""
    import rules

    facts, name = case
    with pytest.raises(rules.FactsError) as info:
        rules.decide_dict(facts, policy)
    assert name in str(info.value), (name, str(info.value))
