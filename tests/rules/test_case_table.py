"""End-to-end case table: every ``tests/rules/cases/*.yaml`` case through ``rules.decide_dict``.

Each case was written from the specification (``coverage-criteria.md``), not from the
engine; its ``why`` names the section it checks. Only the keys present in ``expect`` are
checked, plus the §0/§2 invariants every result must satisfy.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from rule_builders import check_invariants, decide, has_review, load_cases
from rule_vocabulary import EXTENSION_RULE_IDS, FACTS, SPEC_RULE_IDS, TEST_FIELDS

MIN_CASES = 80

EXPECT_KEYS = frozenset(
    {
        "decision",
        "decision_one_of",
        "group",
        "equipment",
        "met_rules_include",
        "failed_rules_include",
        "missing_facts_include",
        "missing_facts_any_of",
        "review_reasons_include",
        "rules_include",
    }
)


CASES = load_cases()


def test_enough_cases() -> None:
    """The issue asks for at least 80 end-to-end cases."""
    assert len(CASES) >= MIN_CASES, f"only {len(CASES)} cases"


def test_case_table_is_well_formed() -> None:
    """Unique names, known policies and expect keys, a `why` on every case."""
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    for case in CASES:
        assert case["policy"] in ("medicare", "centene"), case["name"]
        assert isinstance(case.get("why"), str) and "§" in case["why"], case["name"]
        assert isinstance(case["facts"], dict), case["name"]
        expect = case["expect"]
        assert set(expect) <= EXPECT_KEYS, (case["name"], set(expect) - EXPECT_KEYS)
        assert ("decision" in expect) != ("decision_one_of" in expect), case["name"]


def test_case_table_covers_both_profiles_and_request_types() -> None:
    """Both profiles; adult, <21, initial, reauthorization and cluster headache all present."""
    policies = {case["policy"] for case in CASES}
    assert policies == {"medicare", "centene"}
    kinds = {
        (case["policy"], case["facts"].get("request_type", "initial")) for case in CASES
    }
    assert ("medicare", "reauthorization") in kinds
    assert ("centene", "reauthorization") in kinds
    ages = {case["facts"].get("age_years") for case in CASES if case["policy"] == "centene"}
    assert 20 in ages and 21 in ages


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case: dict[str, Any]) -> None:
    """One end-to-end case: facts → decision, group, equipment and rule IDs."""
    policy: str = case["policy"]
    expect: dict[str, Any] = case["expect"]
    result = decide(case["facts"], policy)
    summary = {
        key: result.get(key)
        for key in (
            "decision", "group", "equipment", "met_rules", "failed_rules",
            "missing_facts", "review_reasons",
        )
    }
    context = f"{case['name']} ({case['why']}): got {summary}"

    if "decision" in expect:
        assert result["decision"] == expect["decision"], context
    else:
        assert result["decision"] in expect["decision_one_of"], context
    if "group" in expect:
        assert result["group"] == expect["group"], context
    if "equipment" in expect:
        assert result["equipment"] == expect["equipment"], context
    for rule_id in expect.get("met_rules_include", []):
        assert rule_id in result["met_rules"], f"{rule_id} not met — {context}"
    for rule_id in expect.get("failed_rules_include", []):
        assert rule_id in result["failed_rules"], f"{rule_id} not failed — {context}"
    for fact in expect.get("missing_facts_include", []):
        assert fact in result["missing_facts"], f"{fact} not missing — {context}"
    if "missing_facts_any_of" in expect:
        assert set(expect["missing_facts_any_of"]) & set(result["missing_facts"]), context
    for rule_id in expect.get("review_reasons_include", []):
        assert has_review(result, rule_id), f"no review reason from {rule_id} — {context}"
    traced = {entry["id"] for entry in result["rules"]}
    for rule_id in expect.get("rules_include", []):
        assert rule_id in traced, f"{rule_id} not in the trace — {context}"

    check_invariants(result, policy)


MISSING_TEST_FIELD = re.compile(r"^tests\[(\d+)\]\.([a-z_]+)$")
PROFILE_PREFIX = {"medicare": "MC-", "centene": "CEN-"}
POLICY_VERSION_MARK = {"medicare": "240.2", "centene": "CP.MP.190"}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_output_contract(case: dict[str, Any]) -> None:
    """§0/§2 contract: spec rule IDs only, one profile per evaluation, §1 fact names only.

    - every ID in ``rules``, ``met_rules`` and ``failed_rules`` and at the start of each
      review reason is a rule ID of §3–§5, and belongs to the evaluated profile ("the two
      profiles must never be mixed in one evaluation"); VALUE-GAP is shared (§3.1);
    - ``missing_facts`` holds §1 fact names, ``tests[i].field`` with a §1.2 field and an
      existing index, or ``tests``;
    - ``policy_version`` names the text applied (§7: NCD 240.2 / CP.MP.190);
    - each trace entry carries the facts it used (issue 3: "with the facts it used").
    """
    policy: str = case["policy"]
    result = decide(case["facts"], policy)
    prefix = PROFILE_PREFIX[policy]
    ids = [entry["id"] for entry in result["rules"]]
    ids += result["met_rules"] + result["failed_rules"]
    ids += [reason.split(":", 1)[0].strip() for reason in result["review_reasons"]]
    for rule_id in ids:
        known = rule_id in SPEC_RULE_IDS or rule_id in EXTENSION_RULE_IDS
        assert known, f"{rule_id!r} is not a rule ID of the spec"
        assert rule_id == "VALUE-GAP" or rule_id.startswith(prefix), (rule_id, policy)
    n_tests = len(case["facts"].get("tests") or [])
    for fact in result["missing_facts"]:
        match = MISSING_TEST_FIELD.match(fact)
        if match:
            assert int(match.group(1)) < n_tests and match.group(2) in TEST_FIELDS, fact
        else:
            assert fact in FACTS, f"{fact!r} is not a §1 fact name"
    assert POLICY_VERSION_MARK[policy] in result["policy_version"]
    for entry in result["rules"]:
        assert isinstance(entry.get("facts"), dict), entry
        assert isinstance(entry["citation"], str) and entry["citation"], entry
        assert isinstance(entry["explanation"], str) and entry["explanation"], entry
