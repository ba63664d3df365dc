"""Notes, nursing visits, orders, discharge papers and packets: how a careful reader takes the
patient, the values and their circumstances from them (snippets written for these tests)."""

from __future__ import annotations

from extract_helpers import read_snippet, values


def test_patient_name_before_record_number_in_a_banner() -> None:
    text = ("MORRISON, TEODORA K | MRN 5550123 | DOB 02/03/1941 | Admit 03/04/2025\n"
            "History and physical\n"
            "Lungs with scattered crackles.\n")
    assert read_snippet(text).facts.patient_name == "Teodora K Morrison"
    text = ("Orders - Signed\n"
            "Morrison, Teodora K. (MRN 5550123)\n"
            "DOB 02/03/1941 84 y.o. F\n")
    assert read_snippet(text).facts.patient_name == "Teodora K Morrison"


def test_patient_name_label_without_colon_and_split_name_fields() -> None:
    text = ("Lakeside Family Medicine\n"
            "Name Hollis Brandvold      Date 4/2/25\n"
            "Rx home oxygen 2 L/min continuous\n")
    assert read_snippet(text).facts.patient_name == "Hollis Brandvold"
    text = ("Sample type      Arterial\n"
            "Last name        BRANDVOLD\n"
            "First name       HOLLIS\n"
            "pO2              61 mmHg\n")
    assert read_snippet(text).facts.patient_name == "Hollis Brandvold"


def test_infant_label_names_the_patient_not_the_mother() -> None:
    text = ("NICU DISCHARGE SUMMARY\n"
            "Infant: Quarles, Milo T.      Discharged: 06/05/2025\n"
            "Date of birth: 03/18/2025     Mother: Annette Quarles\n")
    facts = read_snippet(text).facts
    assert facts.patient_name == "Milo T Quarles"
    assert facts.date_of_birth == "2025-03-18"


def test_identity_header_row_over_values_and_vitals_grid_below() -> None:
    text = ("SKILLED NURSING VISIT NOTE\n"
            "PATIENT                 DOB          VISIT DATE    TIME IN    EPISODE\n"
            "Brandvold, Hollis M.    02/11/1939   10/14/2025    09:05      2\n"
            "VITAL SIGNS\n"
            "                          BP         HR     SpO2     O2\n"
            "Seated at rest            132/70     80     95%      2 L NC\n"
            "Walking in hallway                   104    87%      2 L NC\n")
    result = read_snippet(text)
    assert result.facts.patient_name == "Hollis M Brandvold"
    assert result.facts.date_of_birth == "1939-02-11"
    got = sorted((m.value, m.setting, m.oxygen, m.flow_lpm, m.date) for m in result.measurements)
    assert got == [(87.0, "exercise", "supplemental", 2.0, "2025-10-14"),
                   (95.0, "rest", "supplemental", 2.0, "2025-10-14")]


def test_equipment_already_in_the_home_is_not_requested() -> None:
    text = ("Home health visit 10/14/2025\n"
            "OXYGEN / EQUIPMENT IN HOME\n"
            "Patient uses a concentrator at night and portable tanks for outings.\n")
    assert read_snippet(text).facts.requested_equipment == []


def test_fractional_infant_flow() -> None:
    text = ("Visit date: 05/02/2025\n"
            "Vitals: HR 132, RR 36, SpO2 96% on 1/8 LPM by nasal cannula.\n")
    assert values(text) == [("spo2", 96.0, "rest", "supplemental", 0.125, "oximetry",
                             "2025-05-02", None)]


def test_value_before_recovering_on_oxygen_is_room_air() -> None:
    text = ("Visit date: 05/02/2025\n"
            "Room air trial: cannula removed; SpO2 fell to 86% within 4 minutes and recovered "
            "on 1/4 LPM.\n")
    got = values(text)
    assert len(got) == 1 and got[0][3] == "room_air" and got[0][4] is None


def test_day_of_life_dates_from_birth() -> None:
    text = ("Infant: Quarles, Milo T.      Discharged: 06/05/2025\n"
            "Date of birth: 03/18/2025     Admitted: 03/18/2025\n"
            "Oxygen challenge: room-air challenge on DOL 74: SpO2 decreased to 86% within "
            "5 minutes.\n")
    got = values(text)
    assert [(g[1], g[3], g[6]) for g in got] == [(86.0, "room_air", "2025-05-31")]


def _two_column_page() -> str:
    # a vitals sidebar on the left, prose on the right; their lines do not share baselines
    left = ["VITALS", "6/1/25 04:38", f"{'HR':<16}{'98':>14}", f"{'SpO2':<16}{'86 %':>14}",
            f"{'O2 Device':<16}{'Room air':>14}", "6/1/25 05:30", f"{'SpO2':<16}{'93 %':>14}",
            f"{'O2 Device':<16}{'Nasal cannula':>14}", f"{'O2 Flow (L/min)':<16}{'2':>14}",
            "ABG 05:30", "7.36/48/61/27 on 2L NC"]
    right = ["Chief complaint", "Shortness of breath for two days now.",
             "HPI", "Seventy year old woman with emphysema and a productive cough",
             "who came in by ambulance this morning from her home today.",
             "PMH", "Chronic obstructive lung disease and high blood pressure.",
             "Exam", "Speaking in short sentences with diffuse wheezes today.",
             "Plan", "Nebulizers, steroids and a walk test before she goes home."]
    rows = ["ST OLAF HOSPITAL      HISTORY AND PHYSICAL",
            "TRUE, ADA M | MRN 55501 | DOB 02/02/1955 | Admit 06/01/2025"]
    # interleave: left lines on even rows, right lines on odd rows (no shared baselines)
    for k in range(max(len(left), len(right))):
        rows.append(f"{left[k] if k < len(left) else '':<34}")
        rows.append(" " * 36 + (right[k] if k < len(right) else ""))
    return "\n".join(rows)


def test_sidebar_and_prose_columns_are_read_apart() -> None:
    result = read_snippet(_two_column_page())
    got = sorted((m.kind, m.value, m.oxygen, m.flow_lpm, m.date) for m in result.measurements)
    assert got == [("pao2", 61.0, "supplemental", 2.0, "2025-06-01"),
                   ("spo2", 86.0, "room_air", None, "2025-06-01"),
                   ("spo2", 93.0, "supplemental", 2.0, "2025-06-01")]


def test_yearless_month_name_date_reads_against_the_letter_date() -> None:
    text = ("April 2, 2024\n"
            "Re: Ada True, DOB 02/02/1955\n"
            "Dear Dr. Lund,\n"
            "On March 9 an arterial blood gas on room air showed PaO2 57 mm Hg.\n")
    got = values(text)
    assert [(g[0], g[1], g[6]) for g in got] == [("pao2", 57.0, "2024-03-09")]


def test_bulleted_summary_restating_dated_values_adds_nothing() -> None:
    text = ("May 20, 2024\n"
            "Patient: Ada True   DOB: 02/02/1955\n"
            "Yesterday, walking in the office, saturation fell to 85% on room air and was 92% "
            "on 2 L/min.\n"
            "- Exertional SpO2, room air: 85%\n"
            "- Exertional SpO2 on 2 L/min: 92%\n")
    got = sorted((g[1], g[3], g[6]) for g in values(text))
    assert got == [(85.0, "room_air", "2024-05-19"), (92.0, "supplemental", "2024-05-19")]


def test_hospital_day_counts_from_admission() -> None:
    text = ("DISCHARGE SUMMARY\n"
            "Admission Date: 03/10/25   Discharge Date: 03/14/25\n"
            "Hospital Course\n"
            "By hospital day 3 oxygen was weaned to 2 L with SpO2 94% at rest.\n")
    got = values(text)
    assert [(g[1], g[6]) for g in got] == [(94.0, "2025-03-12")]


def test_consultant_recommendations_list_orders_equipment() -> None:
    text = ("March 4, 2024\n"
            "Re: Ada True, DOB 02/02/1955\n"
            "Dear Dr. Lund,\n"
            "Thank you for asking me to see Ada True in pulmonary consultation for dyspnea.\n"
            "Impression: COPD with exertional hypoxemia.\n"
            "Recommendations: (1) Home oxygen at 2 L/min continuous, stationary concentrator "
            "with a portable system. (2) Pulmonary rehabilitation.\n")
    assert sorted(read_snippet(text).facts.requested_equipment) == ["portable", "stationary"]


def test_flow_sheet_times_across_with_date_changing_at_midnight() -> None:
    text = ("Vital Signs Flowsheet\n"
            "Date               5/2/25      5/3/25\n"
            "Time               2200        0200        0600        1000\n"
            "SpO2 (%)           91          93          93          85\n"
            "O2 Device          NC          NC          NC          Room air\n"
            "O2 Flow (L/min)    2           2           2\n"
            "Activity           Bed         Sleeping    Chair       Walking in hall\n")
    got = [(m.value, m.setting, m.oxygen, m.flow_lpm, m.date) for m in
           read_snippet(text).measurements]
    assert got == [(91.0, "rest", "supplemental", 2.0, "2025-05-02"),
                   (93.0, "rest", "supplemental", 2.0, "2025-05-03"),
                   (93.0, "rest", "supplemental", 2.0, "2025-05-03"),
                   (85.0, "exercise", "room_air", None, "2025-05-03")]


def test_order_question_rows_qualify_the_quoted_result_not_the_prescription() -> None:
    text = ("DME Home Oxygen [Order #123]\n"
            "Question                     Answer\n"
            "Flow rate (L/min)            3\n"
            "Frequency                    With sleep\n"
            "Qualifying SpO2 (%)          87\n"
            "Qualifying test condition    At rest, room air\n"
            "Qualifying test date         05/28/2025\n"
            "Overnight Oximetry [Order #124]\n"
            "Question                     Answer\n"
            "Reason                       qualify if SpO2 <= 88% for 5 min\n")
    assert values(text) == [("spo2", 87.0, "rest", "room_air", None, "oximetry",
                             "2025-05-28", None)]


def test_a_threshold_word_does_not_reach_past_its_own_value() -> None:
    text = ("Overnight oximetry of 05/23/2024 on room air showed 35 minutes at or below 88% "
            "with a nadir of 81%.\n")
    got = [(g[0], g[1], g[2], g[3], g[6]) for g in values(text) if g[7] is None]
    assert got == [("spo2", 81.0, "sleep", "room_air", "2024-05-23")]
    assert values("Goal SpO2 above 90%.\n") == []


def test_a_symptom_sentence_sets_no_setting_for_the_next_reading() -> None:
    text = ("He reports dyspnea walking one block. An arterial blood gas on 10/27/2025 showed "
            "a PaO2 of 52 mm Hg on room air.\n")
    assert values(text) == [("pao2", 52.0, "rest", "room_air", None, "abg", "2025-10-27",
                             None)]


def test_flow_sheet_rows_with_their_own_times_are_separate_readings() -> None:
    text = ("Discharge Vital Signs\n"
            "Date/Time          HR     SpO2 %    O2 Device\n"
            "3/3/2025 02:01     94     94        Room air\n"
            "3/3/2025 11:51     102    94        Room air\n")
    got = [(g[1], g[3], g[6]) for g in values(text)]
    assert got == [(94.0, "room_air", "2025-03-03"), (94.0, "room_air", "2025-03-03")]


def test_order_form_result_kind_and_conditions_from_marked_boxes() -> None:
    text = ("STANDARD WRITTEN ORDER - HOME OXYGEN\n"
            "Patient: Ada True   DOB: 02/02/1955\n"
            "[x] E1390 Stationary oxygen concentrator    [ ] E1392 Portable oxygen concentrator\n"
            "[ ] E0431 Portable gaseous oxygen system    [x] K0738 Home transfill system\n"
            "QUALIFYING TEST\n"
            "Test:  [ ] ABG   [x] Oximetry    Result:  87   mm Hg / %    Date: 1/6/24\n"
            "[ ] Rest   [ ] Exercise   [x] Sleep   [x] Room air   [ ] On ___ LPM\n"
            "Date: 1/25/24\n")
    result = read_snippet(text)
    assert [(m.kind, m.value, m.setting, m.oxygen, m.date) for m in result.measurements] == [
        ("spo2", 87.0, "sleep", "room_air", "2024-01-06")]
    assert result.facts.hcpcs == ["E1390", "K0738"]


def test_quoted_value_completed_by_marked_conditions_below() -> None:
    text = ("STANDARD WRITTEN ORDER (SWO) - HOME OXYGEN\n"
            "Order date: 01/25/2024\n"
            "Qualifying test (for supplier file): SpO2   84 % on room air\n"
            "[ ] At rest   [ ] During exertion   [x] During sleep   Test date: 1/19/24\n")
    assert values(text) == [("spo2", 84.0, "sleep", "room_air", None, "oximetry", "2024-01-19",
                             None)]


def test_drawn_boxes_beside_item_codes_are_check_boxes() -> None:
    from extractors.doctypes import split_segments
    from extractors.interpret import interpret
    from extractors.layout import build_layout
    from extractors.pipeline import text_page
    from extractors.read.page import Mark

    page = text_page("STANDARD WRITTEN ORDER - HOME OXYGEN\n"
                     "HCPCS    Item description                      Qty\n"
                     "  E1390    Oxygen concentrator, stationary     1\n"
                     "  E1392    Portable oxygen concentrator        1\n"
                     "  E0431    Portable gaseous system, rental\n")
    # boxes drawn left of the codes (rows 2-4 of the text page start at y = 60 + row * 14)
    page.marks = [Mark("box", 50, 89, 58, 97, checked=True),
                  Mark("box", 50, 103, 58, 111, checked=False),
                  Mark("box", 50, 117, 58, 125, checked=False)]
    facts = interpret(split_segments([build_layout(page)])).facts
    assert facts.hcpcs == ["E1390"]
    assert facts.requested_equipment == ["stationary"]  # not the unchecked portable item


def test_vitals_line_pipes_end_clauses() -> None:
    text = ("Visit date: 05/11/2024\n"
            "Vitals: BP 117/85 | HR 72 | on 2L, Sat 93% | Wt 134 lb Off oxygen for 5 minutes at "
            "rest: on room air, O2 sat 87%.\n")
    got = sorted((g[1], g[3], g[4]) for g in values(text))
    assert got == [(87.0, "room_air", None), (93.0, "supplemental", 2.0)]


def _packet_page(number: int, total: int, body: str) -> str:
    header = f"05/16/2025 8:38 AM   (555) 555-0137 Acme Home Oxygen   PAGE {number} OF {total}"
    return header + "\n" + body


def test_fax_header_page_count_does_not_join_documents() -> None:
    cover = ("FACSIMILE TRANSMITTAL SHEET\n"
             "TO:   Lakeside Clinic\n"
             "FROM:   Intake desk\n"
             "TOTAL NO. OF PAGES INCLUDING COVER: 3\n"
             "RE:   Home O2 order - True, Ada\n"
             "Comments:\n"
             "Attached: office note and signed SWO.\n"
             "CONFIDENTIALITY NOTICE: this fax is confidential.\n")
    ono = ("OVERNIGHT PULSE OXIMETRY - INTERPRETATION\n"
           "Patient: Ada True   Study night: 04/19/2025\n"
           "Recorded on:   [ ] Room air   [x] Supplemental oxygen at   2   L/min\n"
           "Lowest SpO2 (nadir)   84 %\n")
    order = ("STANDARD WRITTEN ORDER (SWO) - HOME OXYGEN\n"
             "Beneficiary: Ada True   DOB: 02/02/1955\n"
             "Order date: 04/22/2025\n"
             "Flow rate: 1 L/min continuous\n")
    pages = [_packet_page(1, 3, cover), _packet_page(2, 3, ono), _packet_page(3, 3, order)]
    result = read_snippet("\f".join(pages))
    assert [s.doc_type for s in result.segments] == [
        "fax_cover", "overnight_oximetry", "written_order"]
    got = [(m.value, m.oxygen, m.flow_lpm) for m in result.measurements]
    assert got == [(84.0, "supplemental", 2.0)]


def test_cumulative_grid_starts_at_its_row_of_draw_dates() -> None:
    text = ("MERCY HOSPITAL                        CUMULATIVE REPORT\n"
            "TRUE, ADA M     MRN 55501     DOB 01/20/1955     ADM 08/29/2024\n"
            "UNITS   REF        08/29/24    08/31/24    09/03/24\n"
            "SPECIMEN           ART         ART         ART\n"
            "O2 DEVICE          NC 2L       NC 2L       RA\n"
            "PO2     torr       66 L        78 L        59 L\n")
    got = [(m.value, m.oxygen, m.flow_lpm, m.date) for m in read_snippet(text).measurements]
    assert got == [(66.0, "supplemental", 2.0, "2024-08-29"),
                   (78.0, "supplemental", 2.0, "2024-08-31"),
                   (59.0, "room_air", None, "2024-09-03")]


def test_transfer_form_title_is_not_a_column_header_and_ocr_spo2_label() -> None:
    text = ("St. Olaf Regional Hospital          INTERFACILITY TRANSFER / DISCHARGE FORM\n"
            "ADMISSION DATE    DISCHARGE DATE    ATTENDING          RECEIVING AGENCY\n"
            "3/10/25           3/14/25           Ada Lund, MD       Valley Nursing\n"
            "LAST VITAL SIGNS\n"
            "Date       Time    HR     RR     BP        5pO2 %    02\n"
            "3/13/25    2000    88     18     130/70    91        2LNC\n"
            "3/14/25    0400    80     16     128/72    87        RA\n")
    result = read_snippet(text)
    assert result.facts.admission_date == "2025-03-10"
    assert result.facts.discharge_date == "2025-03-14"
    got = [(m.value, m.oxygen, m.flow_lpm, m.date) for m in result.measurements]
    assert got == [(91.0, "supplemental", 2.0, "2025-03-13"), (87.0, "room_air", None,
                                                              "2025-03-14")]


def test_a_lone_stamped_date_over_a_report_dates_nothing() -> None:
    text = ("NOCTURNAL OXIMETRY - SUMMARY REPORT            RECEIVED\n"
            "                                               Acme Home Medical\n"
            "                                               APR 8, 2024\n"
            "Patient          True, Ada M.\n"
            "Study date       03/30/2024\n"
            "Therapy:         None - room air\n"
            "Basal SpO2       95 %\n"
            "Minimum SpO2     84 %\n")
    dates = {m.date for m in read_snippet(text).measurements}
    assert dates == {"2024-03-30"}


def test_ocr_header_of_a_flow_sheet_under_a_form_block() -> None:
    text = ("Patient       Ada True          MRN     55501\n"
            "DOB           2/2/1955          Unit    4 West\n"
            "Discharge Vital Signs\n"
            "Date/Time          Temp F HR   BP        SpO2 %    02 Device        02 Flow\n"
            "(L/min)\n"
            "5/4/2025 10:31     97.6   88   130/74    91        Nasal cannula    2\n"
            "5/5/2025 12:25     98.3   78   134/63    88        Room air\n")
    got = [(m.value, m.oxygen, m.flow_lpm, m.date) for m in read_snippet(text).measurements]
    assert got == [(91.0, "supplemental", 2.0, "2025-05-04"), (88.0, "room_air", None,
                                                              "2025-05-05")]


def test_activity_column_marks_the_reading_taken_on_exertion() -> None:
    text = ("VITAL SIGNS FLOW SHEET\n"
            "Date       SpO2 %    O2 device    Activity\n"
            "11/26/25   89        RA           at rest\n"
            "12/7/25    82        RA           after ambulation 40 ft\n")
    got = [(m.value, m.setting) for m in read_snippet(text).measurements]
    assert got == [(89.0, "rest"), (82.0, "exercise")]


def test_name_under_a_patient_box_label_and_ocr_slips_in_labels() -> None:
    text = ("SECTION A\n"
            "PATIENT NAMF. ADDRESS. TELEPHONE and MEDICARE ID   SUPPLIER NAME, ADDRESS\n"
            "BRANDVOLD. HOLLIS K                                 ACME HOME OXYGEN\n")
    assert read_snippet(text).facts.patient_name == "Hollis K Brandvold"
    text = ("Sample type   Arterial\n"
            "Last name     BRANDVOLD\n"
            "First name HOLLIS\n")
    assert read_snippet(text).facts.patient_name == "Hollis Brandvold"
    text = ("SIX-MINUTE WALK TEST\n"
            "PATIENT NAME             D08          TEST DATE    TECH\n"
            "Brandvold, Hollis K.     02/11/1939   10/14/2025   BS\n")
    facts = read_snippet(text).facts
    assert (facts.patient_name, facts.date_of_birth) == ("Hollis K Brandvold", "1939-02-11")


def test_ocr_dates_with_lost_or_changed_slashes() -> None:
    text = ("HOME VISIT - NURSING NOTE\n"
            "Patient: Brandvold, Hollis   DOB:02 11-1939   Visit date: 10 14 2025\n"
            "O: SpO2 93% on 2 L NC at rest.\n")
    result = read_snippet(text)
    assert result.facts.date_of_birth == "1939-02-11"
    assert [m.date for m in result.measurements] == ["2025-10-14"]
    text = ("PROGRESS NOTE\n"
            "Patient: Hollis Brandvold   DOB: 02/111939\n"
            "Dste of service: 10/14/2025\n"
            "Vitals: SpO2 91% RA\n")
    result = read_snippet(text)
    assert result.facts.date_of_birth == "1939-02-11"
    assert [m.date for m in result.measurements] == ["2025-10-14"]


def test_edema_form_label_is_answered_by_its_value_not_by_itself() -> None:
    def facts(line: str) -> tuple[list[str], list[str]]:
        f = read_snippet("HOME HEALTH ASSESSMENT\nCARDIOVASCULAR\n" + line + "\n").facts
        return list(f.findings), list(f.negated_findings)

    assert facts("Edema:   none   trace   1+   2+   3+   4+") == ([], [])
    assert facts("Edema:   x none   trace   1+   2+   3+   4+") == ([], ["dependent_edema"])
    assert facts("Edema: 2+ pitting to mid-shin") == (["dependent_edema"], [])
    assert facts("SKIN/EDEMA:   Edema location ______   grade ____") == ([], [])


def test_a_grid_of_labels_over_values_under_a_dated_discharge_assessment() -> None:
    # every column of the grid, the first included, holds a value under its label; the
    # heading's date is the assessment's day, not the discharge date
    text = ("TRANSFER / DISCHARGE SUMMARY\n"
            "Admission date                   Discharge date\n"
            "02/17/2025                       02/21/2025\n"
            "BRIEF COURSE\n"
            "Admitted with worsening dyspnea; treated with prednisone and improved.\n"
            "DISCHARGE OXYGEN ASSESSMENT (02/20/2025, RT)\n"
            "SpO2 at rest, room air           SpO2 at rest, 2 L/min NC      PaO2, room air (ABG)\n"
            "87 %                             94 %                          53 mm Hg\n")
    got = sorted((g[0], g[1], g[3], g[4], g[6]) for g in values(text))
    assert got == [("pao2", 53.0, "room_air", None, "2025-02-20"),
                   ("spo2", 87.0, "room_air", None, "2025-02-20"),
                   ("spo2", 94.0, "supplemental", 2.0, "2025-02-20")]


def test_dated_note_sentences_under_a_vitals_grid_do_not_hide_its_columns() -> None:
    text = ("WEEKLY NURSING VISIT LOG\n"
            "Patient:   Dorothy Pennington        DOB:   08/08/1936\n"
            "All vital signs taken seated at rest unless noted.\n"
            "Date       Time    BP        HR    SpO2    O2                  Nurse\n"
            "03/03/25   10:15   134/80    82    92 %    2 L/min NC          AK\n"
            "03/05/25   11:00   128/76    88    89 %    RA (off 10 min)     AK\n"
            "Notes\n"
            "03/03/25   Lungs diminished at bases. Tolerating O2. Reviewed inhaler technique.\n"
            "03/05/25   Room-air check done per physician order before MD visit.\n")
    got = sorted((g[6], g[1], g[3], g[4]) for g in values(text))
    assert got == [("2025-03-03", 92.0, "supplemental", 2.0),
                   ("2025-03-05", 89.0, "room_air", None)]


def test_a_flowsheet_of_one_parameter_a_row_under_its_time() -> None:
    # the rows of one time are one reading's circumstances ("Activity: … (exertion)")
    text = ("HOME HEALTH VISIT 03/04/2025\n"
            "FLOWSHEET\n"
            "Time     Parameter                  Value\n"
            "10:05    Position                   Seated, at rest\n"
            "10:05    SpO2                       91 %\n"
            "10:05    O2 Flow Rate (L/min)       2\n"
            "10:40    Activity                   After assisted shower (exertion)\n"
            "10:40    SpO2                       86 %\n"
            "10:40    O2 Flow Rate (L/min)       2\n")
    got = sorted((g[1], g[2], g[3], g[4]) for g in values(text))
    assert got == [(86.0, "exercise", "supplemental", 2.0), (91.0, "rest", "supplemental", 2.0)]


def test_banner_fields_above_a_grid_are_not_its_rows() -> None:
    # "Patient:   …   DOB:   …" lines run over the grid's columns: fields, not its header
    text = ("CASCADE RESPIRATORY HOME SERVICES - RT CLINICAL VISIT\n"
            "Patient:   Victor Szabo          DOB:   1949-01-11          Visit date:   2025-02-14\n"
            "Therapist:   Noor Haddad, RRT    Reason:   quarterly O2 assessment\n"
            "\n"
            "                        On arrival (seated)       After ambulation (50 ft)\n"
            "SpO2                    94 %                      87 %\n"
            "O2                      3 L/min NC                3 L/min NC (portable liquid)\n"
            "HR                      78                        102\n")
    got = sorted((g[1], g[2], g[3], g[4]) for g in values(text))
    assert got == [(87.0, "exercise", "supplemental", 3.0), (94.0, "rest", "supplemental", 3.0)]
