"""The rule catalogue covers every rule ID of the specification, and every threshold is a
parameter with a unit, a source clause and a policy version."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import rules
from rules import parameters as P
from rules.catalogue import CATALOGUES

RULES_DIR = Path(rules.__file__).parent

# Rule IDs of spec §4.2 and §5.1–§5.5 (coverage-criteria.md), copied here so the test does
# not depend on ../shared being present.
SPEC_MEDICARE = [
    "MC-TEST-PRESENT",
    "MC-ROOM-AIR",
    "MC-PERFORMER-QUALIFIED",
    "MC-TEST-EVALUATED",
    "MC-TIMING-INPATIENT",
    "MC-TIMING-OUTPATIENT",
    "MC-ABG-PREFERRED",
    "MC-G1-REST",
    "MC-G1-SLEEP",
    "MC-G1-SLEEP-DROP",
    "MC-SLEEP-DURATION",
    "MC-G1-EXERCISE",
    "MC-EXERCISE-IMPROVEMENT",
    "MC-EXERCISE-3-TESTS",
    "MC-EXERCISE-SUPERVISED",
    "MC-G2-LEVEL",
    "MC-G2-SECONDARY",
    "MC-G3-CONDITION",
    "MC-NONCOVERED",
    "MC-MEASUREMENT-VARIATION",
    "VALUE-GAP",
    "MC-PORTABLE-MOBILE",
    "MC-PORTABLE-NOT-SLEEP-ONLY",
    "MC-EXERCISE-ONLY-NO-STATIONARY",
    "MC-FLOW-GT4",
    "MC-REAUTH-G2-RETEST",
    "MC-REAUTH-G3-RETEST",
    "MC-REAUTH-SWO",
    "MC-REAUTH-G1",
]
SPEC_CENTENE = [
    "CEN-AGE-KNOWN",
    "CEN-TEST-PRESENT",
    "CEN-ROUTE-ADULT",
    "CEN-ROUTE-PEDS",
    "CEN-DOCUMENTED-DISEASE",
    "CEN-G1-REST",
    "CEN-G1-SLEEP",
    "CEN-G1-SLEEP-DROP",
    "CEN-SLEEP-5MIN",
    "CEN-G1-EXERCISE",
    "CEN-EXERCISE-IMPROVEMENT",
    "CEN-G2-LEVEL",
    "CEN-G2-SECONDARY",
    "CEN-PERFORMER-QUALIFIED",
    "CEN-TIMING-INPATIENT",
    "CEN-STABLE-STATE",
    "CEN-ALTERNATIVES",
    "CEN-ABG-CONFLICT-REVIEW",
    "CEN-PORTABLE-MOBILE",
    "CEN-PORTABLE-NOT-SLEEP-ONLY",
    "CEN-NOT-MED-NEC",
    "CEN-PEDS-LAB",
    "CEN-PEDS-LAB-TIME-BELOW-92",
    "CEN-PEDS-PORTABLE",
    "CEN-REAUTH-ADULT-EVAL",
    "CEN-REAUTH-ADULT-LOMN",
    "CEN-REAUTH-ADULT-NOCTURNAL-2AUTH",
    "CEN-REAUTH-ADULT-G1-TEST-90",
    "CEN-REAUTH-ADULT-G2-TEST-30",
    "CEN-REAUTH-ADULT-PERFORMER",
    "CEN-REAUTH-ADULT-PORTABLE",
    "CEN-REAUTH-ADULT-NEW-TEST",
    "CEN-REAUTH-PEDS-EVAL",
    "CEN-REAUTH-PEDS-TEST-30",
    "CEN-REAUTH-PEDS-PERFORMER",
    "CEN-REAUTH-PEDS-LOMN",
    "CEN-REAUTH-PEDS-PORTABLE",
    "CEN-REAUTH-PEDS-NEW-TEST",
    "CEN-CH-ADULT",
    "CEN-CH-DIAGNOSIS",
    "CEN-CH-TRIAL",
    "CEN-CH-ATTACKS",
    "CEN-CH-FEATURES",
]


@pytest.mark.parametrize(
    ("policy", "ids"), [("medicare", SPEC_MEDICARE), ("centene", SPEC_CENTENE)]
)
def test_every_spec_rule_has_a_citation_and_explanation(policy: str, ids: list[str]) -> None:
    catalogue = CATALOGUES[policy]
    assert set(ids) <= set(catalogue)
    for rule_id in ids:
        assert catalogue[rule_id].citation.strip()
        assert catalogue[rule_id].summary.endswith(".")


def test_profiles_never_share_rule_ids() -> None:
    medicare = {r for r in CATALOGUES["medicare"] if r != "VALUE-GAP"}
    centene = {r for r in CATALOGUES["centene"] if r != "VALUE-GAP"}
    assert all(r.startswith("MC-") for r in medicare)
    assert all(r.startswith("CEN-") for r in centene)


def test_parameters_carry_unit_reference_and_version() -> None:
    assert len(P.ALL_PARAMETERS) >= 25
    names = [p.name for p in P.ALL_PARAMETERS]
    assert len(names) == len(set(names))
    for param in P.ALL_PARAMETERS:
        assert param.unit and param.reference and param.version and param.description


def test_no_threshold_literals_in_rule_modules() -> None:
    """Thresholds live in parameters.py: the rule modules compare against no bare numbers
    other than 0 and 1 (indexes, day-window starts)."""
    offenders = []
    for path in RULES_DIR.glob("*.py"):
        if path.name in {"parameters.py", "facts.py"}:  # facts.py: input validation bounds
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                for side in (node.left, *node.comparators):
                    if (
                        isinstance(side, ast.Constant)
                        and isinstance(side.value, int | float)
                        and not isinstance(side.value, bool)
                        and side.value not in (0, 1)
                    ):
                        offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


ALLOWED_IMPORTS = {
    "__future__",
    "collections",
    "dataclasses",
    "datetime",
    "re",
    "typing",
    "pydantic",
    "rules",
}


def test_rules_package_is_pure_python() -> None:
    """rules/ imports only pydantic and a few pure stdlib modules: no Qt, files or network."""
    for path in RULES_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert roots <= ALLOWED_IMPORTS, f"{path.name}:{node.lineno} imports {roots}"
            assert not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open")
    code = "import sys, rules, desktop_app.cli; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_unknown_policy_is_a_clear_error() -> None:
    with pytest.raises(rules.UnknownPolicyError, match="medicare, centene"):
        rules.decide({}, "aetna")
