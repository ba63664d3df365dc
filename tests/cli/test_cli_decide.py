"""`oxygen-intake decide`: the §0 contract — JSON output, batches, text report, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import main

QUALIFYING: dict[str, Any] = {
    "age_years": 70,
    "requested_equipment": ["stationary"],
    "tests": [{"kind": "pao2", "value": 52, "setting": "rest", "performed_by": "physician",
               "date": "2026-02-01"}],
    "treating_practitioner_evaluated_test": True,
    "test_at_time_of_need": True,
}
NOT_QUALIFYING = {**QUALIFYING, "tests": [{**QUALIFYING["tests"][0], "value": 72}]}


def _write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_json_output_has_the_contract_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    rc = main(["decide", _write(tmp_path, "a.json", QUALIFYING), "--policy", "medicare", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert out["decision"] == "qualifies"
    assert out["group"] == "I"
    assert out["equipment"] == {"stationary": True, "portable": False}
    assert out["policy"] == "medicare" and "NCD 240.2" in out["policy_version"]
    assert {"met_rules", "failed_rules", "missing_facts", "review_reasons"} <= out.keys()
    assert "MC-G1-REST" in out["met_rules"]
    for rule in out["rules"]:
        assert set(rule) >= {"id", "status", "citation", "explanation"}
        assert rule["status"] in {"met", "failed", "missing", "review", "info"}


def test_several_files_give_an_array_in_order(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path, "a.json", QUALIFYING)
    b = _write(tmp_path, "b.json", NOT_QUALIFYING)
    rc = main(["decide", a, b, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert [o["decision"] for o in out] == ["qualifies", "does_not_qualify"]


def test_exit_zero_whatever_the_decision(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    assert main(["decide", _write(tmp_path, "n.json", NOT_QUALIFYING), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["decision"] == "does_not_qualify"


def test_stdin_is_read_with_dash(monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(json.dumps(QUALIFYING)))
    assert main(["decide", "-", "--policy", "centene", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["policy"] == "centene"


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"bogus_fact": 1}, "bogus_fact"),
        ({"age_years": "seventy"}, "age_years"),
        ({"tests": [{"kind": "pao2", "value": "55"}]}, "tests[0].value"),
        ({"request_type": "renewal"}, "request_type"),
        ({"discharge_date": "03/15/2026"}, "discharge_date"),
    ],
)
def test_invalid_facts_exit_2_naming_the_fact(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              payload: dict[str, Any], named: str) -> None:
    rc = main(["decide", _write(tmp_path, "bad.json", payload), "--json"])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.out == ""
    assert named in captured.err
    assert captured.err.count("\n") == 1  # one line


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["decide", str(broken)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["decide", str(tmp_path / "absent.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["decide", _write(tmp_path, "list.json", [1, 2])]) == 2
    assert "JSON object" in capsys.readouterr().err


def test_text_report_marks_each_criterion(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    facts = {**QUALIFYING, "requested_equipment": ["stationary", "portable"]}
    assert main(["decide", _write(tmp_path, "p.json", facts)]) == 0
    out = capsys.readouterr().out
    assert "Decision:  INSUFFICIENT INFORMATION" in out
    assert "✓ MC-G1-REST" in out
    assert "? MC-PORTABLE-MOBILE" in out
    assert "Missing — please provide:\n  - mobile_within_home" in out


def test_example_case_runs_under_both_policies(capsys: pytest.CaptureFixture[str]) -> None:
    for policy in ("medicare", "centene"):
        assert main(["decide", "--example", "--policy", policy, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["decision"] == "qualifies"


def test_decide_without_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decide"]) == 2
    assert "FACTS.json" in capsys.readouterr().err


def test_a_mistyped_command_is_an_error_not_a_window(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decid", "case.json"]) == 2
    assert "no such file or command: decid" in capsys.readouterr().err


def test_console_script_runs_as_a_module(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "decide", _write(tmp_path, "a.json", QUALIFYING),
         "--json"], capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["decision"] == "qualifies"
    assert "PySide6" not in proc.stderr
