"""Scope rules of prose and of threshold tables: which sentence's oxygen, setting and date a
reading takes, and which column of a threshold table holds its minutes."""

from __future__ import annotations

from extract_helpers import read_snippet


def _readings(text: str) -> list[tuple[str, float, str | None, str | None, float | None,
                                       str | None, float | None]]:
    return [(m.kind, m.value, m.setting, m.oxygen, m.flow_lpm, m.date, m.minutes)
            for m in read_snippet(text).measurements]


def test_the_patients_oxygen_at_the_time_holds_for_the_readings_after_it() -> None:
    got = _readings("O: Pt found sitting in recliner on 3 L NC. SpO2 94%.\n")
    assert [(g[1], g[3], g[4]) for g in got] == [(94.0, "supplemental", 3.0)]


def test_the_patients_oxygen_does_not_reach_back_to_an_earlier_reading() -> None:
    got = _readings("SpO2 88% on arrival. Patient was then placed on 2 L NC by the nurse in "
                    "the hallway. SpO2 93%.\n")
    assert [(g[1], g[3], g[4]) for g in got] == [(88.0, None, None), (93.0, "supplemental", 2.0)]


def test_a_letter_sentence_about_the_overnight_study_sets_sleep_and_the_date() -> None:
    got = _readings("April 10, 2025\nDear Dr. Lee,\nEnclosed please find the overnight "
                    "oximetry for the above patient recorded the night of 04/03/2025 by our "
                    "staff.\nThe lowest saturation recorded was 85%. Please review the report.\n")
    assert [(g[1], g[2], g[5]) for g in got] == [(85.0, "sleep", "2025-04-03")]


def test_ocr_one_for_the_l_of_lpm_is_still_a_flow() -> None:
    got = _readings("Therapy:   2 1pm 02\nBasal SpO2   96 %\n")
    assert [(g[1], g[3], g[4]) for g in got] == [(96.0, "supplemental", 2.0)]


def test_a_threshold_table_takes_its_minutes_from_the_time_column() -> None:
    text = ("OVERNIGHT OXIMETRY\n"
            "Study night: 05/24/2025   Oxygen: room air\n"
            "SpO2 threshold   Time (min)   % of analyzed time\n"
            "<= 88 %          7.5          1.6\n"
            "< 90 %           19.4         4.2\n"
            "Lowest SpO2      84 %\n")
    got = {(g[1], g[6]) for g in _readings(text)}
    assert (88.0, 7.5) in got
    assert (88.0, 1.6) not in got


def _walk_sheet(question: str) -> str:
    return ("SIX-MINUTE WALK TEST WORKSHEET\n"
            "Date: 1/31/24\n"
            f"{question}\n"
            "               Baseline     End of Test\n"
            "Heart Rate     87           114\n"
            "SpO2           94 %         83 %\n")


def test_an_unmarked_oxygen_question_says_nothing_about_oxygen() -> None:
    got = _readings(_walk_sheet("Supplemental oxygen during the test:   No   Yes, flow ___ L/min"))
    assert {g[3] for g in got} == {None}


def test_an_oxygen_question_with_its_yes_blank_filled_in_means_oxygen() -> None:
    got = _readings(_walk_sheet("Supplemental oxygen during the test:   No   Yes, flow 3 L/min"))
    assert {(g[3], g[4]) for g in got} == {("supplemental", 3.0)}


def test_an_empty_yes_box_means_the_other_option_was_marked() -> None:
    got = _readings(_walk_sheet("Supplemental oxygen during the test:   No   □ Yes, flow __ L/min"))
    assert {g[3] for g in got} == {"room_air"}


def test_a_change_of_oxygen_describes_the_readings_after_it() -> None:
    got = _readings("Seated at rest on r/a for 5 minutes. SpO2 91%. Ambulated 297 ft on r/a, "
                    "sats decreased to 87%. Placed on 2 L NC and ambulated a further 167 ft. "
                    "SpO2 93% (HR 95). After 3 minutes seated rest on r/a. SpO2 returned to 90%.\n")
    assert [(g[1], g[2], g[3], g[4]) for g in got] == [
        (91.0, "rest", "room_air", None), (87.0, "exercise", "room_air", None),
        (93.0, "exercise", "supplemental", 2.0), (90.0, "rest", "room_air", None)]


def test_a_heading_right_under_a_dated_heading_takes_its_date() -> None:
    text = ("23-Oct-2025 Pharmacy documentation\n"
            "PULMONARY CONSULTATION\n"
            "Asked to evaluate for home oxygen prior to discharge. Resting SpO2 86% on room "
            "air.\n")
    assert [(g[1], g[5]) for g in _readings(text)] == [(86.0, "2025-10-23")]


def test_a_form_label_answer_reads_its_whole_sentence_across_the_line_break() -> None:
    facts = read_snippet("Exam\nTachypneic, speaking in short sentences. Diffuse expiratory "
                         "wheezes. Edema: no change\n"
                         "from last visit, still 2+ pitting to the mid-shin bilaterally.\n").facts
    assert list(facts.findings) == ["dependent_edema"]
    assert "dependent_edema" not in facts.negated_findings


def test_a_blood_gas_ph_heading_its_columns_is_no_pulmonary_hypertension() -> None:
    facts = read_snippet("Collected   Spec   FiO2   PH pCO2 mmHg pO2 mmHg   HCO3\n"
                         "9/22/24 0502   ART   21%   7.41   44   49   27.6\n").facts
    assert "pulmonary_hypertension" not in facts.findings


def test_a_colon_after_a_reading_ends_its_clause() -> None:
    # fax OCR often reads a full stop as a colon: the rest reading keeps its own setting
    got = _readings("DISCHARGE SUMMARY\nADMISSION DATE: 03/02/2025   DISCHARGE DATE: 03/06/2025\n"
                    "Prior to discharge, resting SpO2 on room air was 94%: With walking on "
                    "room air she dropped to 87% : on 3 L/min nasal cannula with walking SpO2 "
                    "was 92%.\n")
    assert [(g[1], g[2], g[3], g[4]) for g in got] == [
        (94.0, "rest", "room_air", None), (87.0, "exercise", "room_air", None),
        (92.0, "exercise", "supplemental", 3.0)]


def test_the_next_sentence_of_an_evaluation_keeps_its_day() -> None:
    got = _readings("DISCHARGE SUMMARY\nADMISSION DATE: 06/10/2025   DISCHARGE DATE: 06/14/2025\n"
                    "Patient presented to the emergency department on 06/10/2025 with dyspnea.\n\n"
                    "Walk test on the day of discharge: resting SpO2 on room air 93%. Walking "
                    "on room air she fell to 86%. On 2 L/min nasal cannula walking SpO2 was "
                    "91%.\n")
    assert [(g[1], g[5]) for g in got] == [(93.0, "2025-06-14"), (86.0, "2025-06-14"),
                                           (91.0, "2025-06-14")]


def test_ocr_dropping_the_n_of_on_keeps_a_gas_flow() -> None:
    got = _readings("HOSPITAL COURSE: Arterial blood gas o 4 L showed pH 7.35, pCO2 50, "
                    "PaO2 61.\n")
    assert [(g[0], g[1], g[3], g[4]) for g in got] == [("pao2", 61.0, "supplemental", 4.0)]


def test_ocr_rn_for_m_still_names_the_admission() -> None:
    got = _readings("DISCHARGE SUMMARY\nAdmission Date: 4/02/25   Discharge Date: 4/07/25\n"
                    "Hospital Course\nIn the ernergency department SpO2 was 84% on room air. "
                    "Adrnission ABG on room air: pH 7.36, pCO2 47, pO2 53 mmHg.\n")
    assert [(g[1], g[5]) for g in got] == [(84.0, "2025-04-02"), (53.0, "2025-04-02")]


def test_a_date_naming_another_test_does_not_date_the_oximetry() -> None:
    got = _readings("PROGRESS NOTE   Date of service: 10/14/24\nData: CBC 10/01/24: Hct 47.5%, "
                    "pulse ox 87% on room air with exertion.\n")
    assert [(g[0], g[1], g[5]) for g in got] == [("hematocrit", 47.5, "2024-10-01"),
                                                 ("spo2", 87.0, "2024-10-14")]


def test_a_list_summing_up_readings_does_not_take_the_last_sentences_day() -> None:
    got = _readings("March 20, 2025\nRE: LETTER OF MEDICAL NECESSITY\nOn 3/4 her resting SpO2 on "
                    "room air was 86%. Yesterday, on a walk in clinic, saturation fell to 84% on "
                    "room air.\n. Resting SpO2, room air: 86%\n")
    assert (86.0, "2025-03-19") not in [(g[1], g[5]) for g in got]


def test_a_visit_label_whose_colon_ocr_read_as_a_full_stop_still_dates_the_note() -> None:
    got = _readings("PROGRESS NOTE\nDate of service. 11/05/2024   Provider: A. Okafor, MD\n"
                    "VITALS\nBP 130/80 | HR 77 | SpO2 90% on 3 L NC\n")
    assert [(g[1], g[5]) for g in got] == [(90.0, "2024-11-05")]


def test_a_speck_read_as_a_dot_before_the_year_keeps_the_date() -> None:
    got = _readings("Resting SpO2 86% on room air, tested 01/25/.25 in the office.\n")
    assert [(g[1], g[5]) for g in got] == [(86.0, "2025-01-25")]


def test_a_sentence_opening_with_a_time_goes_on_with_the_one_before() -> None:
    got = _readings("IMPRESSION\n2. Nocturnal hypoxemia on room air: nadir 80%. 37.5 minutes at or "
                    "below 88% during the diagnostic portion.\n")
    assert [(g[1], g[3]) for g in got] == [(80.0, "room_air"), (88.0, "room_air")]


def test_a_charts_title_over_its_axis_ticks_is_no_reading() -> None:
    got = _readings("OVERNIGHT OXIMETRY\nOxygen: RA\nLowest SpO2   79 %\n\n"
                    "SpO2 (%) trend\n100\n90\n")
    assert [g[1] for g in got] == [79.0]


def test_a_lone_number_under_a_saturation_heading_whose_percent_ocr_read_as_8() -> None:
    got = _readings("TRANSITION OF CARE / DISCHARGE FORM\nDischarge date: 04/08/2024\n\n"
                    "AMBULATORY SpO2 ON ROOM AIR (DAY OF DISCHARGE)\n838\n")
    assert [(g[1], g[2], g[3]) for g in got] == [(83.0, "exercise", "room_air")]
    # the heading as OCR reads it ("SOO2": the p read as O)
    got = _readings("TRANSITION OF CARE / DISCHARGE FORM\nDischarge date: 04/08/2024\n\n"
                    "AMBULATORY SOO2 ON ROOM AIR (DAY OF DISCHARGE)\n888\n")
    assert [(g[1], g[2], g[3]) for g in got] == [(88.0, "exercise", "room_air")]
    assert [g[1] for g in _readings("Pulse check\nSOO2 91% on RA at rest.\n")] == [91.0]
