"""The rule catalogue covers every rule ID of the specification, and every threshold is a
parameter with a unit, a source clause and a policy version."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from rule_vocabulary import EXTENSION_RULE_IDS, SPEC_RULE_IDS

import rules
from rules import parameters as P
from rules.catalogue import CATALOGUES

RULES_DIR = Path(rules.__file__).parent



@pytest.mark.parametrize("policy", ["medicare", "centene"])
def test_every_spec_rule_has_a_citation_and_explanation(policy: str) -> None:
    prefix = "MC-" if policy == "medicare" else "CEN-"
    ids = {r for r in SPEC_RULE_IDS if r.startswith(prefix) or r == "VALUE-GAP"}
    catalogue = CATALOGUES[policy]
    assert ids <= set(catalogue)
    assert set(catalogue) <= SPEC_RULE_IDS | EXTENSION_RULE_IDS
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
