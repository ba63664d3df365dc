"""Conditions a test report states in passing: the oxygen the patient wore for the study
(even when it is their home oxygen), a flow written after "O2", and the phases named by a
header row inside a table the layout joined to the form's boxes above it."""

from __future__ import annotations

from extract_helpers import read_snippet

from extractors.layout import build_layout
from extractors.pipeline import text_page

SLEEP_REPORT = """HOME SLEEP APNEA TEST - INTERPRETATION
Patient: Irene J. Abernathy   DOB: 05/15/1971
Night of: 02/05/2025
{note}
Oximetry
Baseline SpO2 (awake)   96 %
SpO2 nadir              86 %
"""


def _conditions(text: str) -> list[tuple[object, ...]]:
    return [(m.value, m.setting, m.oxygen, m.flow_lpm)
            for m in read_snippet(text).measurements]


def test_oxygen_the_patient_wore_for_the_study_is_its_condition_even_home_oxygen() -> None:
    for note in ("pt wore home O2 4L", "Patient wore O2 4L during study",
                 "Pt wearing home oxygen 4 L/min"):
        got = _conditions(SLEEP_REPORT.format(note=note))
        assert [(v, o, f) for v, _s, o, f in got] == [(96.0, "supplemental", 4.0),
                                                      (86.0, "supplemental", 4.0)], note


def test_home_oxygen_named_without_wearing_it_is_no_condition_of_the_study() -> None:
    got = _conditions(SLEEP_REPORT.format(note="Pt has home O2 4L at night"))
    assert [o for _v, _s, o, _f in got] == [None, None]


WALK_SHEET = """SIX-MINUTE WALK TEST WORKSHEET
Patient name        Patient ID     Walk    Tech ID    Date
Luis A. Kaminski    20752762       2       RN11       12/7/25
Gender   Age        Height         Weight  Blood pressure
M        58         66 in          233 lb  117/74
                    Baseline               End of Test
Time                8:22 AM                8:28 AM
Heart Rate          91                     99
SpO2                91 %                   89 %
"""


def test_a_header_row_inside_a_joined_table_names_the_phases_beneath() -> None:
    tables = build_layout(text_page(WALK_SHEET)).tables
    # the layout joins the identity boxes and the walk grid: the case this is about
    assert len(tables) == 1 and tables[0].header_line == 1
    got = _conditions(WALK_SHEET)
    assert [(v, s) for v, s, _o, _f in got] == [(91.0, "rest"), (89.0, "exercise")]


def test_a_row_of_names_over_no_values_is_not_a_header() -> None:
    text = WALK_SHEET.replace("SpO2                91 %                   89 %\n",
                              "SpO2                91 %                   89 %\n"
                              "                    Tolerated              Well\n")
    got = _conditions(text)
    assert [(v, s) for v, s, _o, _f in got] == [(91.0, "rest"), (89.0, "exercise")]


def test_a_short_sentence_about_the_test_inside_a_paragraph_states_its_oxygen() -> None:
    text = """HOME SLEEP APNEA TEST - INTERPRETATION
Patient: Irene J. Abernathy   DOB: 05/15/1971   Night of: 02/03/2025
TECHNICAL: Recording began at 22:51 and ended at 05:58 (7.1 hours). Monitoring time
after artifact removal was 6.6 hours. The study was performed on room air. Signal
quality was adequate for interpretation.

OXIMETRY: Baseline awake saturation was 92%. The mean oxygen saturation was 89% with
a nadir of 80%.

RECOMMENDATIONS: If SpO2 remains at or below 88% on optimal pressure, add oxygen
bleed-in at 1-2 L/min.
"""
    got = _conditions(text)
    assert (92.0, "rest", "room_air", None) in got
    assert (80.0, "sleep", "room_air", None) in got


def test_a_sentence_about_home_oxygen_use_is_not_the_test_condition() -> None:
    # "at night" names no test: the patient's home use says nothing of this walk's oxygen
    text = """EXERCISE OXIMETRY REPORT
Date of test: 03/11/25
History: Pt reports dyspnea on exertion for a year. Uses 2 L/min at night only. Lives
alone with a cat.
RESULTS
Baseline SpO2        93 %
Lowest SpO2          86 %
"""
    assert [(g[0], g[2], g[3]) for g in _conditions(text)] == [(93.0, None, None),
                                                                (86.0, None, None)]
