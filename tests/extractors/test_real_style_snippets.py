"""Hand-written snippets in real-paperwork styles (not from the generator) read correctly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from extract_helpers import read_snippet

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "snippets.yaml").read_text("utf-8"))


def _key(m: list[Any]) -> tuple[Any, ...]:
    return tuple(float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                 for v in m)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_snippet(case: dict[str, Any]) -> None:
    result = read_snippet(case["text"])
    got = sorted(_key([m.kind, m.value, m.setting, m.oxygen, m.flow_lpm, m.method, m.date,
                       m.minutes]) for m in result.measurements)
    want = sorted(_key(m) for m in case["measurements"])
    assert got == want
    facts = result.facts.model_dump()
    for name, value in case["facts"].items():
        if isinstance(value, list):
            assert sorted(facts[name]) == sorted(value), name
        else:
            assert facts[name] == value, name
