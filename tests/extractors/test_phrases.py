"""The assertion and scope phrase table (`phrases/*.yaml`): short clinical phrasings written
from how clinicians write, each stating which findings are present, denied or uncertain,
which values a careful reader finds with their setting, oxygen, flow and date, and the
patient's name. Only the keys a case gives are checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractors import read_text
from extractors.models import DocumentExtraction

PHRASES = Path(__file__).parent / "phrases"


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(PHRASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text("utf-8")):
            case["_file"] = path.name
            cases.append(case)
    return cases


CASES = _cases()


def _norm(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _matches(expected: dict[str, Any], got: Any) -> bool:
    if got.kind != expected["kind"] or abs(got.value - float(expected["value"])) > 0.05:
        return False
    for attr in ("setting", "oxygen", "flow_lpm", "date", "method", "minutes"):
        if attr in expected:
            want = _norm(expected[attr])
            have = getattr(got, attr)
            if isinstance(want, float) and isinstance(have, float):
                if abs(want - have) > 0.01:
                    return False
            elif want != have:
                return False
    return True


def _describe(result: DocumentExtraction) -> str:
    rows = [f"{m.kind} {m.value:g} setting={m.setting} oxygen={m.oxygen} flow={m.flow_lpm} "
            f"date={m.date}" for m in result.measurements]
    f = result.facts
    return ("\n  measurements: " + ("; ".join(rows) or "none") +
            f"\n  findings={f.findings} negated={f.negated_findings} uncertain="
            f"{[(u.finding, u.status) for u in f.uncertain_findings]} name={f.patient_name}")


def test_the_table_is_large_and_well_formed() -> None:
    assert len(CASES) >= 300
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert case["text"].strip(), case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_phrase(case: dict[str, Any]) -> None:
    result = read_text(case["text"])
    facts = result.facts
    problems: list[str] = []
    if "findings" in case and set(facts.findings) != set(case["findings"] or []):
        problems.append(f"findings {sorted(facts.findings)} != {sorted(case['findings'] or [])}")
    for finding in case.get("negated") or []:
        if finding not in facts.negated_findings:
            problems.append(f"{finding} not reported as negated")
    for item in case.get("uncertain") or []:
        got = {(u.finding, u.status) for u in facts.uncertain_findings}
        if (item["finding"], item["status"]) not in got:
            problems.append(f"{item['finding']} not reported as {item['status']}")
    if "measurements" in case:
        expected = case["measurements"] or []
        remaining = list(result.measurements)
        for want in expected:
            hit = next((m for m in remaining if _matches(want, m)), None)
            if hit is None:
                problems.append(f"no measurement like {want}")
            else:
                remaining.remove(hit)
        for extra in remaining:
            problems.append(f"unexpected {extra.kind} {extra.value:g}")
    if "patient_name" in case and facts.patient_name != case["patient_name"]:
        problems.append(f"patient name {facts.patient_name!r} != {case['patient_name']!r}")
    assert not problems, f"{case['_file']} {case['id']}: " + "; ".join(problems) + \
        _describe(result) + "\n  text: " + case["text"]
