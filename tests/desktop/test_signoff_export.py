"""Sign-off, the FHIR R4 export (validated, round-trip, golden) and the CSV worklist."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
from pathlib import Path
from typing import Any

import pytest
from export_helpers import reviewed_case
from fhir.resources.R4B.bundle import Bundle

import rules
from desktop_app import export_fhir, signoff
from desktop_app.cli import main
from desktop_app.export_csv import COLUMNS, safe_cell, worklist_csv, worklist_rows
from desktop_app.export_fhir import FhirExportError, build_bundle, bundle_dict, export_case
from desktop_app.signoff import SignOffError

GOLDEN = Path(__file__).parent / "fixtures" / "fhir_bundle_sample.json"


def _resources(text: str, kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in json.loads(text)["entry"]
            if e["resource"]["resourceType"] == kind]


def _round_trip(text: str) -> Any:
    """Parse an exported bundle back with fhir.resources; it must give the same JSON."""
    model = Bundle.model_validate_json(text)
    assert json.loads(model.model_dump_json()) == json.loads(text)
    return model


# sign-off ------------------------------------------------------------------------------

def test_sign_off_is_audited_and_voided_by_a_later_change(tmp_path: Path) -> None:
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs")
    signed = signoff.current(session, case_id)
    assert signed is not None
    assert (signed.decision, signed.group, signed.reviewer) == ("qualifies", "I",
                                                                 "Test Reviewer")
    assert [e.action for e in session.store.audit.entries(case_id)][-1] == "sign_off"
    # a later change to the case voids it
    session.answer(case_id, "mobile_within_home", False)
    assert signoff.current(session, case_id) is None
    with pytest.raises(SignOffError, match="not signed off"):
        signoff.require(session, case_id)
    # a change of policy voids it as well
    session.answer(case_id, "mobile_within_home", True)
    signoff.sign_off(session, case_id)
    session.set_request(case_id, policy="centene")
    assert signoff.current(session, case_id) is None


def test_a_case_with_unreviewed_values_cannot_be_signed_off(tmp_path: Path) -> None:
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs", sign=False)
    item = next(i for i in session.case_items(case_id) if i.key == "finding")
    session.items[item.id].status = "found"
    reasons = signoff.blockers(session, case_id)
    assert reasons == ["1 value(s) not reviewed yet: confirm or reject each"]
    with pytest.raises(SignOffError, match="not reviewed"):
        signoff.sign_off(session, case_id)
    session.reject(item.id)
    assert signoff.blockers(session, case_id) == []


# FHIR ----------------------------------------------------------------------------------

@pytest.fixture
def fixed_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sequential ids and a fixed clock, so the bundle is the same on every run."""
    counter = itertools.count(1)

    def new_id() -> str:
        return f"{next(counter):012x}"

    import desktop_app.audit_log
    import desktop_app.review_model
    import desktop_app.session

    monkeypatch.setattr(desktop_app.session, "new_id", new_id)
    monkeypatch.setattr(desktop_app.review_model, "new_id", new_id)
    monkeypatch.setattr(desktop_app.audit_log, "utc_now", lambda: "2026-03-16T15:04:05+00:00")


def test_golden_bundle_of_the_sample_case(tmp_path: Path, fixed_ids: None) -> None:
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs")
    text = build_bundle(session, case_id).replace((tmp_path / "docs").as_uri(),
                                                  "file:///intake/faxes")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    _round_trip(text)


def test_sample_bundle_content(tmp_path: Path) -> None:
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs")
    text = build_bundle(session, case_id)
    model = _round_trip(text)
    assert model.type == "collection"
    (patient,) = _resources(text, "Patient")
    assert patient["name"][0] == {"text": "Harriet Quill", "family": "Quill",
                                  "given": ["Harriet"]}
    assert patient["birthDate"] == "1953-07-02"
    observations = _resources(text, "Observation")
    codes = {o["code"]["coding"][0]["code"]: o for o in observations}
    assert set(codes) == {"2703-7", "2708-6"}  # PaO2 and SaO2 by blood gas
    pao2 = codes["2703-7"]
    assert pao2["valueQuantity"] == {"value": 54, "unit": "mmHg",
                                     "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}
    assert pao2["effectiveDateTime"] == "2026-03-14"
    notes = [n["text"] for n in pao2["note"]]
    assert "Setting: at rest" in notes and "Breathing room air" in notes
    # every reference resolves inside the bundle; evidence is a page of the source file
    urls = {e["fullUrl"] for e in json.loads(text)["entry"]}
    docrefs = {f"urn:uuid:{d['id']}": d for d in _resources(text, "DocumentReference")}
    for obs in observations:
        assert obs["subject"]["reference"] in urls
        (ref,) = obs["derivedFrom"]
        attachment = docrefs[ref["reference"]]["content"][0]["attachment"]
        assert attachment["url"].endswith("referral.pdf#page=1")
        assert attachment["contentType"] == "application/pdf"
        assert attachment["size"] == (tmp_path / "docs" / "referral.pdf").stat().st_size
    decision = rules.decide(session.case_facts(case_id).facts, "medicare")
    (qr,) = _resources(text, "QuestionnaireResponse")
    items = {i["linkId"]: i for i in qr["item"]}
    assert items["policy"]["answer"][0]["valueCoding"]["code"] == "medicare"
    assert items["policy"]["answer"][0]["valueCoding"]["display"] == (
        "Medicare NCD 240.2 + LCD L33797")
    assert items["policy-version"]["answer"] == [{"valueString": decision.policy_version}]
    assert items["decision"]["answer"][0]["valueCoding"]["code"] == "qualifies"
    assert items["group"]["answer"] == [{"valueString": "I"}]
    criteria = items["criteria"]["item"]
    assert [c["linkId"] for c in criteria] == [f"criterion-{r.id}" for r in decision.rules]
    assert {c["answer"][0]["valueCoding"]["code"] for c in criteria} >= {"met"}
    assert qr["author"] == {"display": "Test Reviewer"}
    # and the values nobody confirmed would not be there: only counted values were used
    assert len(observations) == sum(1 for i in session.case_items(case_id)
                                    if i.key == "test" and i.counted)


@pytest.mark.parametrize(("value", "code", "component"), [
    ({"kind": "spo2", "value": 86, "setting": "exercise", "oxygen": "room_air",
      "method": "oximetry", "date": "2026-03-15"}, "59408-5", None),
    ({"kind": "spo2", "value": 88, "setting": "sleep", "oxygen": "supplemental",
      "flow_lpm": 2, "method": "oximetry", "date": "2026-03-15", "minutes": 6},
     "59408-5", 2),
    ({"kind": "spo2", "value": 87, "setting": "rest", "oxygen": "room_air",
      "date": "2026-03-15"}, "2708-6", None),
    ({"kind": "pao2", "value": 57.5, "setting": "rest", "oxygen": "supplemental",
      "flow_lpm": 1.5, "method": "abg", "date": "2026-03-15"}, "2703-7", 1.5),
    (57, "4544-3", None),  # hematocrit, typed as the rules' hematocrit_percent fact
])
def test_each_measurement_kind_gets_its_loinc_code_and_oxygen_flow(
        tmp_path: Path, value: dict[str, Any] | int, code: str, component: float | None
) -> None:
    typed_value = ("hematocrit_percent", value) if isinstance(value, int) else (
        "test", {"performed_by": "physician", **value})
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs", extra=[typed_value])
    value = {"value": value} if isinstance(value, int) else value
    text = build_bundle(session, case_id)
    _round_trip(text)
    typed = [o for o in _resources(text, "Observation")
             if any("Entered by the reviewer" in n["text"] for n in o.get("note", []))]
    (obs,) = typed
    assert obs["code"]["coding"][0]["code"] == code
    assert obs["valueQuantity"]["value"] == value["value"]
    assert "derivedFrom" not in obs  # typed by hand: no page to point to
    if component is None:
        assert "component" not in obs
    else:
        (flow,) = obs["component"]
        assert flow["code"]["coding"][0]["code"] == "3151-8"
        assert flow["valueQuantity"]["value"] == component
        assert flow["valueQuantity"]["code"] == "L/min"
    if value.get("minutes"):
        assert f"{value['minutes']} minutes at or below this value" in [
            n["text"] for n in obs["note"]]


def test_export_refuses_a_case_that_is_not_signed_off(tmp_path: Path) -> None:
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs", sign=False)
    with pytest.raises(SignOffError):
        build_bundle(session, case_id)


def test_an_invalid_bundle_is_refused_without_quoting_values(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs")
    real = export_fhir.bundle_dict

    def broken(s: Any, c: str) -> dict[str, Any]:
        data = real(s, c)
        data["entry"][0]["resource"]["birthDate"] = "Harriet Quill born 1953"
        return data

    monkeypatch.setattr(export_fhir, "bundle_dict", broken)
    with pytest.raises(FhirExportError) as err:
        build_bundle(session, case_id)
    assert "entry.0.resource.birthDate" in str(err.value)
    assert "Harriet" not in str(err.value) and "1953" not in str(err.value)


def test_export_writes_the_file_and_logs_it(tmp_path: Path) -> None:
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs")
    out = export_case(session, case_id, tmp_path / "case.json")
    _round_trip(out.read_text("utf-8"))
    last = session.store.audit.entries(case_id)[-1]
    assert (last.action, last.subject) == ("export", "fhir-r4")
    assert last.after["file"] == "case.json"
    # an export is not a change: the case stays signed off
    assert signoff.current(session, case_id) is not None
    assert bundle_dict(session, case_id)["id"] == json.loads(out.read_text("utf-8"))["id"]


def test_cli_export_fhir_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    session, case_id = reviewed_case(data, tmp_path / "docs")
    reviewed_case(data, tmp_path / "docs", sign=False, name="second.pdf")
    session.store.close()
    out = tmp_path / "out.json"
    assert main(["export", "1", "--fhir", str(out), "--data-dir", str(data)]) == 0
    _round_trip(out.read_text("utf-8"))
    assert main(["export", case_id, "--fhir", "-", "--data-dir", str(data)]) == 0
    _round_trip(capsys.readouterr().out)
    assert main(["export", "2", "--fhir", str(tmp_path / "no.json"),
                 "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "not signed off" in err and "Harriet" not in err
    assert not (tmp_path / "no.json").exists()
    assert main(["export", "7", "--fhir", str(out), "--data-dir", str(data)]) == 2
    assert main(["export", "--fhir", str(out), "--data-dir", str(data)]) == 2
    assert main(["export", "--data-dir", str(data)]) == 2
    sheet = tmp_path / "worklist.csv"
    assert main(["export", "--csv", str(sheet), "--data-dir", str(data)]) == 0
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheet programs
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["status"] for r in rows] == ["signed off", "needs review"]
    assert [r["case"] for r in rows] == ["1", "2"]


# CSV -----------------------------------------------------------------------------------

def test_worklist_rows(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session, case_id = reviewed_case(data, tmp_path / "docs")
    (row,) = worklist_rows(session)
    assert list(row) == list(COLUMNS)
    assert row["patient"] == "Harriet Quill"
    assert (row["status"], row["decision"], row["group"], row["policy"]) == (
        "signed off", "qualifies", "I", "medicare")
    assert row["reviewer"] == "Test Reviewer" and row["documents"] == "1"
    assert row["signed_off"] and row["created"] and row["last_change"]
    assert row["arrived"] == ""  # not from an inbox
    # a value typed by hand later: no longer signed off, still decided
    session.add_manual(case_id, "hematocrit_percent", 40)
    (row,) = worklist_rows(session)
    assert row["status"] == "decided" and row["signed_off"] == ""


def test_csv_cells_never_become_formulas() -> None:
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("+1") == "'+1" and safe_cell("@x") == "'@x" and safe_cell("-2") == "'-2"
    assert safe_cell("Harriet Quill") == "Harriet Quill" and safe_cell(None) == ""


def test_worklist_csv_escapes_a_crafted_name(tmp_path: Path) -> None:
    session, case_id = reviewed_case(tmp_path / "data", tmp_path / "docs")
    name = next(i for i in session.case_items(case_id) if i.key == "patient_name")
    session.edit(name.id, "=cmd|' /C calc'!A0")
    (row,) = list(csv.DictReader(io.StringIO(worklist_csv(session))))
    assert row["patient"] == "'=cmd|' /C calc'!A0"
