"""Extractions → the rules' §1 fact vocabulary."""

from __future__ import annotations

from extract_helpers import read_snippet

from extractors.facts_mapping import to_rule_facts


def test_tests_hematocrit_age_equipment_and_dates() -> None:
    doc = read_snippet(
        "Riverbend Family Practice clinic\n"
        "Patient: Jane Q Sample   DOB: 07/02/1948\n"
        "Admission date: 03/10/2026   Discharge date: 03/15/2026\n"
        "Date of test: 03/14/2026\n"
        "SpO2 86% on RA at rest, with exertion 84% on RA, 92% on 2 L NC.\n"
        "Hct 55 % on 01/02/2026\n"
        "Hct 57.5 % on 03/13/2026\n"
        "2+ pitting edema. HCPCS E1390 K0738\n"
    )
    facts = to_rule_facts([doc], request_date="2026-03-16")
    assert facts["request_date"] == "2026-03-16"
    assert facts["age_years"] == 77
    assert facts["hematocrit_percent"] == 57.5
    assert facts["admission_date"] == "2026-03-10"
    assert facts["discharge_date"] == "2026-03-15"
    assert facts["findings"] == ["dependent_edema"]
    assert facts["requested_equipment"] == ["stationary", "portable"]
    assert facts["tests"] == [
        {"kind": "spo2", "value": 86.0, "setting": "rest", "oxygen": "room_air",
         "method": "oximetry", "date": "2026-03-14", "performed_by": "physician"},
        {"kind": "spo2", "value": 84.0, "setting": "exercise", "oxygen": "room_air",
         "method": "oximetry", "date": "2026-03-14", "performed_by": "physician"},
        {"kind": "spo2", "value": 92.0, "setting": "exercise", "oxygen": "supplemental",
         "flow_lpm": 2.0, "method": "oximetry", "date": "2026-03-14",
         "performed_by": "physician"},
    ]


def test_only_vocabulary_values_and_no_guessed_dates() -> None:
    # a dotted date with nothing to say which way round it is: left out, not guessed
    doc = read_snippet("Seen 25.03.2026.\nSpO2 87% on RA on 03.04.2026\nHct 50")
    facts = to_rule_facts([doc])
    assert facts["tests"] == [{"kind": "spo2", "value": 87.0, "setting": "rest",
                               "oxygen": "room_air", "method": "oximetry"}]
    assert "date_of_birth" not in facts and "age_years" not in facts
    allowed = {"request_date", "tests", "hematocrit_percent", "age_years", "admission_date",
               "discharge_date", "findings", "requested_equipment"}
    assert set(facts) <= allowed


def test_failed_documents_are_skipped() -> None:
    bad = read_snippet("SpO2 85% on RA")
    bad.error = "the file is damaged or truncated"
    assert to_rule_facts([bad]) == {}
