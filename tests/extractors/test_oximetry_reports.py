"""Overnight oximetry, sleep studies and exercise oximetry read the way their papers print them:
device printouts with leader dots, shares of the analysed time, threshold and minute grids,
split nights, relayed reports and walk forms. Snippets are invented."""

from __future__ import annotations

from extract_helpers import read_snippet, values

from extractors.interpret.cues import find_cues
from extractors.layout import build_layout
from extractors.models import DocumentExtraction
from extractors.patterns import load_patterns
from extractors.pipeline import analyse_layouts, text_page


def _spo2(text: str) -> list[tuple[object, ...]]:
    return [(g[1], g[2], g[3], g[4], g[6], g[7]) for g in values(text) if g[0] == "spo2"]


def test_leader_dot_lines_each_hold_their_own_value() -> None:
    got = _spo2(
        "NOCTURNAL OXIMETRY SUMMARY\n"
        "Start ........... 02/11/2026 22:05\n"
        "SATURATION\n"
        "Basal ........... 93 %\n"
        "Lowest .......... 79 %   at 03:12:40 (elapsed)\n"
        "Time < 90% ...... 41.0 min   (9.2%)\n"
        "Time <= 88% ..... 17.5 min   (3.9%)\n")
    assert (79.0, "sleep", None, None, "2026-02-11", None) in got
    assert (88.0, "sleep", None, None, "2026-02-11", 17.5) in got
    assert (89.0, "sleep", None, None, "2026-02-11", 41.0) in got
    assert not any(g[5] not in (None, 17.5, 41.0) for g in got)  # no minutes from a neighbour


def test_percent_of_analysed_time_becomes_minutes_of_that_time() -> None:
    got = _spo2("Overnight pulse oximetry\n"
                "Study night: March 3, 2026\n"
                "Recorded for 8 h 00 min of which 6 h 40 min were analyzable.\n"
                "Saturation was at or below 88% for 3.0% of the analyzed time.\n")
    assert [(g[0], g[5]) for g in got if g[5] is not None] == [(88.0, 12.0)]


def test_share_without_a_stated_time_is_not_a_reading() -> None:
    got = _spo2("Overnight pulse oximetry 03/03/2026\n"
                "Saturation was at or below 88% for 3.0% of the analyzed time.\n")
    assert all(g[5] is None for g in got)


def test_threshold_table_reads_minutes_from_its_column() -> None:
    got = _spo2("Pediatric overnight oximetry   Study night: 04/02/2026\n"
                "\n\n"
                "SpO2 threshold     Time (min)     % of analyzed time\n"
                "< 90 %             22.4           4.6\n"
                "< 92 %             61.0           12.5\n")
    assert [(g[0], g[5]) for g in got] == [(89.0, 22.4)]  # a 92 % threshold is not ≤ 88/90


def test_infant_flow_fraction() -> None:
    cues = find_cues(load_patterns(), "Oxygen: 1/4 LPM NC", 0, 18, 0)
    assert cues.oxygen == "supplemental" and cues.flow == 0.25


def test_goal_with_or_above_is_not_a_reading() -> None:
    assert _spo2("Target SpO2 for this infant is 92% or above during sleep.") == []


def test_plan_sentence_is_not_the_study_condition() -> None:
    got = _spo2("OVERNIGHT OXIMETRY 05/06/2026\n"
                "Oxygen: Room air\n"
                "Lowest SpO2     81 %\n"
                "Impression: hypoxemia. Recommend repeat study on 2 L/min.\n")
    assert got == [(81.0, "sleep", "room_air", None, "2026-05-06", None)]


def test_dated_report_title_dates_its_readings() -> None:
    got = _spo2("Respiratory Therapy Note   06/15/2026 10:40 AM\n"
                "Patient rested on RA, SpO2 94%. Walked 150 ft on RA, sats fell to 86%.\n")
    assert {g[4] for g in got} == {"2026-06-15"}


def test_fax_machine_header_line_is_not_the_test_date() -> None:
    got = _spo2("7/30/26 1412   (555) 555-0101   SOME CLINIC   #1\n"
                "Respiratory Therapy Note   07/21/2026\n"
                "At rest on RA SpO2 93%.\n")
    assert got[0][4] == "2026-07-21"


def test_a_fax_header_whose_date_was_lost_names_no_performer() -> None:
    # the sending hospital's name on the transmission line ("PAGE 004 0F ·006" as OCR read
    # it) is not who performed the walk test
    text = ("Northfield Memorial Hospital (824) 555.0129   PAGE 004 0F ·006\n"
            "Cardiopulmonary Specialists of Fairview\n"
            "SIX-MINUTE WALK TEST WORKSHEET   Date: 7/14/21\n"
            "Resting SpO2 on room air 89 %, lowest during the walk 82 %.\n")
    result = read_snippet(text)
    assert result.facts.performed_by != "hospital_lab"
    assert [m.value for m in result.measurements] == [89.0, 82.0]

def test_condition_sentence_holds_for_later_values_of_the_paragraph() -> None:
    got = _spo2("DIAGNOSTIC PORTION\n"
                "The diagnostic part was recorded on room air for 170 minutes. Total sleep time "
                "was 140 minutes. The mean oxygen saturation was 90 % with a minimum of 83 %.\n")
    assert (83.0, "sleep", "room_air", None, None, None) in got


def test_same_nadir_at_two_pressures_is_two_readings() -> None:
    got = _spo2("Sleep study 01/05/2026\n"
                "TITRATION\n"
                "CPAP (cm H2O)     SpO2 nadir (%)     O2\n"
                "6                 84                 none\n"
                "8                 84                 none\n"
                "10                90                 2 L/min\n")
    assert sorted(g[0] for g in got) == [84.0, 84.0, 90.0]


def test_minutes_restated_rounded_are_one_reading() -> None:
    got = _spo2("OVERNIGHT OXIMETRY 02/02/2026\n"
                "Oxygen: room air\n"
                "Total duration 88% & below     01:10:48\n"
                "\n"
                "Interpretation: cumulative time at or below 88% was 71 minutes on room air.\n")
    assert [g[5] for g in got if g[5] is not None] == [70.8]


def test_side_by_side_label_value_pairs_and_unit_in_label() -> None:
    got = _spo2("POLYSOMNOGRAPHY 03/09/2026\n"
                "DIAGNOSTIC PORTION (room air)\n"
                "Respiratory     Value     Oximetry                  Value\n"
                "AHI (/h)        31.0      SpO2 nadir                79 %\n"
                "Hypopneas       90        Time SpO2 <= 88% (min)    22.5\n")
    assert (79.0, "sleep", "room_air", None, "2026-03-09", None) in got
    assert (88.0, "sleep", "room_air", None, "2026-03-09", 22.5) in got


def test_condition_column_names_the_phase() -> None:
    got = _spo2("AMBULATORY OXIMETRY   Test date: 04/04/2026\n"
                "\n\n"
                "Time     Condition       O2        SpO2 %    HR\n"
                "09:10    Rest, seated    RA        93        80\n"
                "09:16    Ambulating      RA        86        110\n"
                "09:30    Post            RA        92        88\n")
    assert [(g[0], g[1]) for g in got] == [(93.0, "rest"), (86.0, "exercise"), (92.0, "rest")]


def test_words_between_two_readings_of_one_label_describe_the_second() -> None:
    got = _spo2("Ambulated 150 ft on RA, sats to 86%, placed on 3 L NC, 91%.")
    assert [(g[0], g[2], g[3]) for g in got] == [(86.0, "room_air", None),
                                                (91.0, "supplemental", 3.0)]


def test_reading_on_home_oxygen_takes_the_home_flow() -> None:
    got = _spo2("EXERCISE OXIMETRY   Date: 5/5/26\n"
                "Currently using home oxygen?  Yes, flow: 3 L\n"
                "Walk on 2 L/min continuous: SpO2 90 %\n"
                "Resting SpO2 on current home oxygen:   94 %\n")
    assert (94.0, "rest", "supplemental", 3.0, "2026-05-05", None) in got


def test_marked_option_states_the_report_condition() -> None:
    got = _spo2("OVERNIGHT OXIMETRY 06/06/2026\n"
                "Lowest SpO2     80 %\n"
                "\n"
                "Tested on:   [ ] ROOM AIR   [X] O2 __2__ LPM\n")
    assert got == [(80.0, "sleep", "supplemental", 2.0, "2026-06-06", None)]


def test_minute_grid_reads_phases_from_its_columns() -> None:
    got = _spo2(
        "EXERCISE OXIMETRY - MINUTE LOG\n"
        "Patient: Sample, Ann   Date of test: 08-Jan-2026\n"
        "\n"
        "Walk                 Pre    1'     2'     3'     Post 2'   Lowest\n"
        "Room air    SpO2 %   91     88     85     84     90        84\n")
    assert (91.0, "rest", "room_air", None, "2026-01-08", None) in got
    assert (84.0, "exercise", "room_air", None, "2026-01-08", None) in got


def test_test_report_names_its_performer_over_a_relaying_letter() -> None:
    result = read_snippet(
        "HOME OXYGEN SUPPLY CO - DME\n"
        "Dear Doctor, please find the enclosed overnight oximetry; the lowest saturation was "
        "78%.\n"
        "\f"
        "OVERNIGHT OXIMETRY REPORT\n"
        "Performed by ..... Quiet Night Sleep Diagnostics\n"
        "Study date ...... 03/03/2026\n"
        "Lowest SpO2 ..... 78 %\n")
    assert result.facts.performed_by == "idtf"


def test_yes_flow_written_beside_an_unticked_no_means_oxygen() -> None:
    got = _spo2("SIX-MINUTE WALK TEST   Test date: 02/02/2026\n"
                "Supplemental oxygen during the test:   [ ] No   Yes, flow 3 Umin, type NC\n"
                "\n\n"
                "              Baseline     End of Test\n"
                "SpO2 %        95           90\n")
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [(95.0, "rest", "supplemental", 3.0),
                                                      (90.0, "exercise", "supplemental", 3.0)]


def test_unticked_option_does_not_speak_for_the_line() -> None:
    got = _spo2("EXERCISE OXIMETRY   Date: 3/3/26\n"
                "3. SpO2 during exertion WITH oxygen:   90   %\n"
                "Oxygen during test 3:   continuous at 3 L/min   [ ] pulse (POC) setting __\n")
    assert got == [(90.0, "exercise", "supplemental", 3.0, "2026-03-03", None)]


def test_counted_minutes_head_the_grid_even_without_their_marks() -> None:
    got = _spo2(
        "EXERCISE OXIMETRY - MINUTE LOG\n"
        "Patient: Sample, Ann   Date of test: 08-Jan-2026\n"
        "\n"
        "Walk                 Pre    1      2      3      4      Post 2    Lowest\n"
        "Room air    SpO2 %   92     89     87     86     86     91        86\n")
    assert (92.0, "rest", "room_air", None, "2026-01-08", None) in got
    assert (86.0, "exercise", "room_air", None, "2026-01-08", None) in got


def test_ocr_o2_column_heading_and_glued_flow_units() -> None:
    got = _spo2("OXYGEN QUALIFICATION - WALK TEST   Test date: 9/1/26\n"
                "\n\n"
                "Condition        02               SpO2     HR\n"
                "At rest          RA               93%      80\n"
                "With activity    RA               86%      99\n"
                "With activity    2 Lmin NC        91%      97\n")
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [(93.0, "rest", "room_air", None),
                                                      (86.0, "exercise", "room_air", None),
                                                      (91.0, "exercise", "supplemental", 2.0)]


def test_next_pairs_label_ends_the_search_for_a_value() -> None:
    got = _spo2("OVERNIGHT OXIMETRY   Study Date: 10/08/2025\n"
                "\n\n"
                "Average SpO2 (%)     918      Avg PR (bpm)     76\n"
                "Minimum SpO2 (%)     80       High PR (bpm)    102\n")
    assert [g[0] for g in got] == [80.0]


def test_time_below_a_threshold_is_never_at_rest() -> None:
    got = _spo2("OVERNIGHT OXIMETRY 02/10/2026\n"
                "Baseline\n"
                "Time <= 88% .... 49.0 min   (9.6%)\n")
    assert [(g[0], g[1], g[5]) for g in got] == [(88.0, "sleep", 49.0)]


def test_received_stamp_date_is_not_the_study_date() -> None:
    got = _spo2("NOCTURNAL OXIMETRY SUMMARY                         RECEIVED\n"
                "                                                   MAR 9, 2026\n"
                "Study date     03/02/2026\n"
                "Therapy:       room air\n"
                "Minimum SpO2   84 %\n")
    assert got == [(84.0, "sleep", "room_air", None, "2026-03-02", None)]


def test_blank_oxygen_cell_of_a_sleep_titration_row_is_no_oxygen() -> None:
    got = _spo2("POLYSOMNOGRAPHY 01/20/2026\n"
                "Oxygen was bled into the circuit at 2 L/min at the last pressure.\n"
                "\n\n"
                "CPAP (cm H2O)     SpO2 nadir (%)     O2 bleed-in\n"
                "6                 82\n"
                "9                 89                 2 L/min\n")
    assert [(g[0], g[2], g[3]) for g in got] == [(82.0, "room_air", None),
                                                (89.0, "supplemental", 2.0)]


def test_ocr_spellings_of_room_air_and_hyphenated_flow() -> None:
    p = load_patterns()
    assert find_cues(p, "recorded on room ar", 0, 19, 0).oxygen == "room_air"
    cues = find_cues(p, "on CPAP with 2-L/min oxygen", 0, 27, 0)
    assert (cues.oxygen, cues.flow) == ("supplemental", 2.0)


def test_a_narrow_ruled_table_column_is_not_a_gutter() -> None:
    from extractors.layout.lines import page_lines
    from extractors.read.page import Page, Rule, Word

    words: list[Word] = []
    for row in range(6):
        top = 100 + row * 16
        for x, text in ((50, f"12/1{row}/25"), (120, f"98.{row}"), (193, f"1{row}"),
                        (240, "120/80"), (300, f"9{row}"), (350, "NC")):
            words.append(Word(text, x, top, x + 5 * len(text), top + 9))
    rules = [Rule(x, 95, x, 200) for x in (40, 110, 190, 225, 290, 340, 400)]
    lines = page_lines(Page(1, 612, 792, "ocr", words, [], rules))
    assert len(lines) == 6 and all(len(ln.words) == 6 for ln in lines)  # rows stay whole


def test_minutes_attached_to_a_threshold_need_no_other_topic_words() -> None:
    got = _spo2("Sleep-related hypoxemia on room air: nadir 80%, 12.5 minutes at or below 88% "
                "during the diagnostic portion.")
    assert (88.0, "sleep", "room_air", None, None, 12.5) in got


def test_ocr_equals_sign_on_a_time_row_is_at_or_below() -> None:
    got = _spo2("POLYSOMNOGRAPHY 03/09/2026\n"
                "DIAGNOSTIC PORTION (room air)\n"
                "Respiratory     Value     Oximetry                  Value\n"
                "Hypopneas       90        Time SpO2 = 88% (min)     22.5\n"
                "Centrals        4         Time SpO2 90% (% TST)     24.1\n")
    assert got == [(88.0, "sleep", "room_air", None, "2026-03-09", 22.5)]


def test_longest_single_event_is_not_the_cumulative_time() -> None:
    got = _spo2("OVERNIGHT OXIMETRY 03/24/2026\n"
                "Oxygen: room air\n"
                "Longest event <= 88 %     0.7 min\n"
                "Time <= 88 %              16.8 min\n")
    assert [g[5] for g in got if g[5] is not None] == [16.8]


_STATS_TABLE = """\
OVERNIGHT OXIMETRY DATA SUMMARY
Patient        DRUMMOND, NADINE C
Study start    04/03/2025 22:37
Study end      04/04/2025 05:13
SpO2 STATISTICS
Baseline       95 %
{low:15}85 %   at 02:30:48 (from start)
Time <= 88%    4.0 min   (1.1%)
Tested on: [X] ROOM AIR   [ ] O2 ___ LPM
"""


def test_a_statistics_table_row_named_only_by_the_low_point() -> None:
    for low in ("Lowest", "Nadir", "Minimum"):
        got = [(g[1], g[2], g[3]) for g in values(_STATS_TABLE.format(low=low))]
        assert (85.0, "sleep", "room_air") in got, low
    # a row naming something else holds no saturation
    got = [g[1] for g in values(_STATS_TABLE.format(low="Events"))]
    assert 85.0 not in got


def test_a_low_point_row_label_ocr_misread_by_a_letter() -> None:
    page = text_page(_STATS_TABLE.format(low="Lowent"))
    page.source = "ocr"
    result = DocumentExtraction(source="ono", pages=1)
    analyse_layouts([build_layout(page)], result)
    assert (85.0, "sleep", "room_air") in [(m.value, m.setting, m.oxygen)
                                           for m in result.measurements]


def test_statistics_lines_with_colons_under_a_saturation_heading() -> None:
    # each "Label: value" line is its own: "Baseline:" does not make the lines after it rest
    # readings, and "Lowest:" names no saturation yet holds one under the heading
    got = [(g[1], g[2], g[3], g[7]) for g in values(
        "OVERNIGHT OXIMETRY REPORT\n"
        "Study date: 04/03/2025\n"
        "Recorded on room air.\n"
        "SpO2 STATISTICS\n"
        "Baseline: 95 %\n"
        "Lowest: 85 %\n"
        "Lowest SpO2 (artifact rejected): 86 %\n"
        "Time <= 88%: 4.0 min\n")]
    assert got == [(95.0, "rest", "room_air", None), (85.0, "sleep", "room_air", None),
                   (86.0, "sleep", "room_air", None), (88.0, "sleep", "room_air", 4.0)]


def test_statistics_lines_of_a_label_and_its_value_are_rows_not_one_sentence() -> None:
    # no colon, no leader dots, no column gap: each line is still a row of the list
    got = [(g[1], g[2], g[7]) for g in values(
        "OVERNIGHT OXIMETRY REPORT\n"
        "Study date: 04/03/2025\n"
        "Recorded on room air.\n"
        "SpO2 STATISTICS\n"
        "Baseline 95 %\n"
        "Lowest 85 %\n"
        "Time < 90% 12.5 min\n"
        "Time <= 88% 4.0 min\n")]
    assert got == [(95.0, "rest", None), (85.0, "sleep", None), (89.0, "sleep", 12.5),
                   (88.0, "sleep", 4.0)]


def test_field_lines_whose_value_is_a_segment_apart_are_not_part_of_the_grid_below() -> None:
    # "Method:   treadmill …" runs across the grid's columns: a field above it, not its header
    got = _spo2(
        "EXERCISE OXIMETRY / OXYGEN TITRATION REPORT\n"
        "Referring:   Tamsin Greeley, MD     Test performed:   March 4, 2025, 2:10 PM\n"
        "Method:   treadmill 1.5 mph, 0 % grade; ear-probe oximetry; continuous-flow NC\n"
        "\n"
        "Stage            Rest          Exercise      Exercise      Recovery\n"
        "Oxygen           RA            RA            2 L/min       RA\n"
        "SpO2 (%)         90            84            88            89\n")
    assert [g[:4] for g in got] == [(90.0, "rest", "room_air", None),
                                    (84.0, "exercise", "room_air", None),
                                    (88.0, "exercise", "supplemental", 2.0),
                                    (89.0, "rest", "room_air", None)]


def test_a_threshold_in_a_statistics_line_label_is_no_reading() -> None:
    got = _spo2(
        "OVERNIGHT OXIMETRY SUMMARY 02/17/2025\n"
        "Recorded on room air.\n"
        "SATURATION\n"
        "Lowest SpO2 ........................ 78 %\n"
        "Total duration 88 % & below ........ 01:18:30   (17.9 %)\n"
        "Longest event 88 % & below ......... 00:09:12   Started at 04:01:55\n")
    assert sorted(((g[0], g[5]) for g in got), key=repr) == [(78.0, None), (88.0, 78.5)]


def test_a_field_line_after_a_walk_table_ends_it() -> None:
    # "Condition at discharge:   …" and "Discharge vitals:   …" under the grid are fields of
    # the summary: joined to the grid, they ran over its columns
    got = _spo2(
        "Discharge walk test (01/20/2025, RT):\n"
        "   Condition                    Oxygen          SpO2\n"
        "   Rest, seated                 Room air        90 %\n"
        "   Ambulation 150 ft            Room air        85 %\n"
        "   Ambulation 300 ft            2 L/min NC      92 %\n"
        "\n"
        "Condition at discharge:   stable, ambulating with walker.\n"
        "Discharge vitals:   T 98.0 F   BP 126/70   HR 84   RR 18   SpO2 93% on 2 L NC\n")
    readings = [g[:4] for g in got]
    for walk in [(90.0, "rest", "room_air", None), (85.0, "exercise", "room_air", None),
                 (92.0, "exercise", "supplemental", 2.0)]:
        assert walk in readings
