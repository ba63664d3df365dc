"""Pattern behaviour on small text snippets (no PDF): labels, units, context, dates, negation."""

from __future__ import annotations

import pytest
from extract_helpers import read_snippet, values


@pytest.mark.parametrize("label", ["PaO2", "pO2", "PO2", "Pa O2", "Pa02"])
def test_pao2_label_variants(label: str) -> None:
    got = values(f"ABG 03/14/2026: {label} 54 mmHg on room air at rest")
    assert got == [("pao2", 54.0, "rest", "room_air", None, "abg", "2026-03-14", None)]


def test_pco2_and_fio2_are_not_oxygenation_values() -> None:
    got = values("ABG: pH 7.38, PaCO2 44, PaO2 58, FiO2 21%")
    assert [(g[0], g[1], g[3]) for g in got] == [("pao2", 58.0, "room_air")]


def test_kpa_is_converted_and_said_in_evidence() -> None:
    result = read_snippet("PaO2 7.2 kPa on room air")
    m = result.measurements[0]
    assert m.value == 54.0
    assert m.evidence.converted_from == "7.2 kPa"
    assert result.to_contract_dict()["measurements"][0]["evidence"]["converted_from"] == "7.2 kPa"


def test_prose_with_several_values_gets_each_its_own_context() -> None:
    got = values("O2 sat 88% on room air at rest, dropped to 84% with exertion, "
                 "improved to 93% on 2 L NC.")
    assert [(g[1], g[2], g[3], g[4]) for g in got] == [
        (88.0, "rest", "room_air", None),
        (84.0, "exercise", "room_air", None),
        (93.0, "exercise", "supplemental", 2.0),
    ]


def test_narrative_sats_with_ambulation() -> None:
    got = values("Sats dropped to 85% with ambulation on RA.")
    assert got[0][:4] == ("spo2", 85.0, "exercise", "room_air")
    assert got[0][5] == "oximetry"


@pytest.mark.parametrize("text", [
    "Plan: titrate oxygen to keep SpO2 > 90%.",
    "Goal SpO2 88-92%",
    "Mean SpO2: 91%",
    "SpO2 target at least 90%",
])
def test_goals_ranges_and_means_are_not_measurements(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize("text,minutes", [
    ("Time with SpO2 <= 88%: 46 min (10.6% of study)", 46.0),
    ("Patient spent 12 minutes with saturation at or below 88%.", 12.0),
    ("T88: 7 min", 7.0),
])
def test_sleep_minutes_at_or_below(text: str, minutes: float) -> None:
    got = values("OVERNIGHT OXIMETRY\n" + text)
    assert got == [("spo2", 88.0, "sleep", None, None, "oximetry", None, minutes)]


def test_table_with_conditions_in_rows() -> None:
    got = values(
        "Date of test: 04/02/2026\n"
        "Condition             SpO2      O2 flow\n"
        "At rest, room air     93%       -\n"
        "Exercise, room air    86%       -\n"
        "Exercise, on oxygen   92%       2 L/min\n"
    )
    assert [(g[1], g[2], g[3], g[4]) for g in got] == [
        (93.0, "rest", "room_air", None),
        (86.0, "exercise", "room_air", None),
        (92.0, "exercise", "supplemental", 2.0),
    ]
    assert {g[6] for g in got} == {"2026-04-02"}


def test_fio2_21_means_room_air_and_higher_means_oxygen() -> None:
    assert values("SaO2 88% FiO2 21%")[0][3] == "room_air"
    assert values("ABG on FiO2 28%: PaO2 61")[0][3] == "supplemental"


def test_hematocrit_is_a_lab_value_without_setting() -> None:
    assert values("Hct 57.2 %") == [("hematocrit", 57.2, None, None, None, "lab", None, None)]


def test_implausible_values_are_ignored() -> None:
    assert values("SpO2 8% ; PaO2 740 mmHg") == []


def test_dates_are_never_confused() -> None:
    result = read_snippet(
        "Patient: Jane Q Sample   DOB: 07/02/1948\n"
        "Admission date: 03/10/2026   Discharge date: 03/15/2026\n"
        "ABG drawn 03/14/2026: PaO2 54 on room air\n"
    )
    f = result.facts
    assert (f.patient_name, f.date_of_birth, f.admission_date, f.discharge_date) == (
        "Jane Q Sample", "1948-07-02", "2026-03-10", "2026-03-15")
    assert result.measurements[0].date == "2026-03-14"


def test_a_day_first_document_reads_its_dates_day_first() -> None:
    result = read_snippet("Seen 25/03/2026.\nDOB: 04/05/1950\nSpO2 87% on RA on 03/04/2026")
    assert result.facts.date_of_birth == "1950-05-04"
    assert result.measurements[0].date == "2026-04-03"


def test_a_month_first_document_reads_its_dates_month_first() -> None:
    result = read_snippet("Seen 03/25/2026.\nDOB: 04/05/1950\nSpO2 87% on RA on 03/04/2026")
    assert result.facts.date_of_birth == "1950-04-05"
    assert result.measurements[0].date == "2026-03-04"


def test_a_dotted_date_without_evidence_is_flagged_not_guessed() -> None:
    result = read_snippet("DOB: 04.05.1950\nSpO2 87% on RA")
    assert result.facts.date_of_birth is None
    assert [a.label for a in result.facts.ambiguous_dates] == ["date_of_birth"]
    assert result.warnings


def test_name_last_first_is_reordered() -> None:
    assert read_snippet("Patient Name: Sample, Jane Q   MRN 1").facts.patient_name == \
        "Jane Q Sample"


@pytest.mark.parametrize("text,expected", [
    ("Exam: 2+ pitting edema bilaterally.", ["dependent_edema"]),
    ("No pedal edema.", []),
    ("Denies leg swelling; no peripheral edema.", []),
    ("Cor pulmonale was ruled out.", []),
    ("Rule out pulmonary hypertension.", []),
    ("Family history of CHF.", []),
    ("History of CHF and cor pulmonale.", []),  # historical: shown to the reviewer, not counted
    ("No JVD. Echo shows pulmonary hypertension.", ["pulmonary_hypertension"]),
    ("EKG: P pulmonale. Secondary erythrocytosis.", ["p_pulmonale", "erythrocythemia"]),
    ("Denies cough but has cluster headaches.", ["cluster_headache"]),
])
def test_findings_with_negation(text: str, expected: list[str]) -> None:
    assert read_snippet(text).facts.findings == expected


def test_negated_findings_are_kept_apart() -> None:
    facts = read_snippet("No pedal edema.").facts
    assert facts.negated_findings == ["dependent_edema"]


def test_equipment_and_hcpcs() -> None:
    facts = read_snippet("Order: portable oxygen concentrator. HCPCS E1390, e0431.").facts
    assert facts.hcpcs == ["E0431", "E1390"]
    assert facts.requested_equipment == ["stationary", "portable"]
    assert "hcpcs:E1390" in facts.fact_evidence


@pytest.mark.parametrize("text,performer", [
    ("Performed by: Restwell Sleep Diagnostics (IDTF)", "idtf"),
    ("Testing facility: Acme Independent Clinical Laboratory", "independent_lab"),
    ("BreatheEasy Home Medical Equipment\nOvernight oximetry", "dme_supplier"),
    ("Mercy General Hospital Blood Gas Laboratory", "hospital_lab"),
    ("Riverbend Family Practice clinic\nPROGRESS NOTE", "physician"),
    # "… Center" names a clinic or a hospital: the department printed below it says which
    ("Good Samaritan Health Center\nPulmonary Function Laboratory\nWALK TEST", "hospital_lab"),
    ("Good Samaritan Health Center - Clinical Laboratory\nBLOOD GAS SUMMARY", "hospital_lab"),
    ("GOOD SAMARITAN HEALTH CENTER\nDEPARTMENT OF LABORATORY MEDICINE\nBLOOD GAS",
     "hospital_lab"),
    ("Northside Laboratory\nBLOOD GAS", "independent_lab"),
    ("Good Samaritan Health Center\nCase Management\nDISCHARGE SUMMARY\n"
     "Admission Date: 03/10/25   Discharge Date: 03/14/25", "hospital_lab"),
    ("Lakeside Lung Center\nOFFICE WALK TEST", "physician"),
    ("Nothing about who did it", None),
])
def test_performer(text: str, performer: str | None) -> None:
    # who performed *the test*: the document has one
    assert read_snippet(text + "\nLowest SpO2 84%").facts.performed_by == performer


def test_no_test_no_performer() -> None:
    assert read_snippet("Performed by: Restwell Sleep Diagnostics (IDTF)").facts.performed_by \
        is None


def test_history_is_uncertain_not_a_finding() -> None:
    facts = read_snippet("History of CHF and cor pulmonale.").facts
    assert {(u.finding, u.status) for u in facts.uncertain_findings} == {
        ("congestive_heart_failure", "historical"), ("cor_pulmonale", "historical")}


def test_evidence_box_covers_the_value() -> None:
    m = read_snippet("Vitals: HR 80, SpO2 87% on RA").measurements[0]
    x0, _, x1, _ = m.evidence.bbox
    start = "Vitals: HR 80, SpO2 87% on RA".index("SpO2")
    assert x0 == pytest.approx(50 + start * 5.0)
    assert x1 >= 50 + len("Vitals: HR 80, SpO2 87") * 5.0 - 0.1


def test_ocr_word_correction_keeps_length_and_spares_names() -> None:
    from extractors.patterns import load_patterns
    from extractors.read.ocr_correct import correct_ocr_words

    p = load_patterns()
    text = "Dale Notreai: SpO2 94% at rost, desaturaled on exortion; hypertonsion"
    fixed = correct_ocr_words(p, text)
    assert len(fixed) == len(text)
    assert fixed == "Dale Notreai: SpO2 94% at rost, desaturated on exertion; hypertension"
    assert correct_ocr_words(p, "test") == "test"  # a real word near "rest" stays


def test_ocr_percent_read_as_a_guillemet_after_a_number_is_a_percent() -> None:
    from extractors.patterns import load_patterns
    from extractors.read.ocr_correct import correct_ocr_words

    p = load_patterns()
    assert correct_ocr_words(p, 'rest 89"» RA.') == "rest 89% RA."
    assert correct_ocr_words(p, "92»") == "92%"
    assert correct_ocr_words(p, "see page » 2") == "see page » 2"  # not after a number
    assert correct_ocr_words(p, "1.5»") == "1.5»"  # a decimal's tail is no reading


def test_a_lone_three_read_as_a_greek_beta_is_a_three() -> None:
    from extractors.patterns import load_patterns
    from extractors.read.ocr_correct import correct_ocr_words

    p = load_patterns()
    assert correct_ocr_words(p, "β") == "3"
    assert correct_ocr_words(p, "ß") == "3"
    assert correct_ocr_words(p, "β-blocker") == "β-blocker"  # only a word of that letter alone
