"""Blood-gas reports read as tables: cumulative reports (a column or a row per draw), panels
with titles, analyser slips. Each text is invented; columns are separated by 3+ spaces."""

from __future__ import annotations

from extract_helpers import read_snippet, values

from extractors.layout import build_layout
from extractors.models import DocumentExtraction
from extractors.pipeline import analyse_layouts, text_page


def _pao2(text: str) -> list[tuple[object, ...]]:
    return [(g[1], g[3], g[4], g[6]) for g in values(text) if g[0] == "pao2"]


CUMULATIVE = """\
NORTHGATE COMMUNITY HOSPITAL         CUMULATIVE REPORT
DOE, JANE Q   MRN 1234567   DOB 02/03/1940   F   ADM 04/01/2025
BLOOD GASES   04/01/2025 - 04/04/2025   (OLDEST FIRST)

                      UNITS   REF      04/01/25   04/02/25   04/04/25
                                       1310       0220       0905
SPECIMEN                               ART        VEN        ART
FIO2                  %                40         28         21
O2 DEVICE                              VM 40%     NC 2L      RA
PO2                   mmHg    80-100   77 L       36 L       58 L
O2 SAT MEAS           %       94-100   95.1       68.0       89.9
"""


def test_cumulative_report_under_a_banner_dates_each_draw() -> None:
    # the banner (a DOB, a date range) is not the table's header: each column is a draw
    assert sorted(_pao2(CUMULATIVE)) == [
        (58.0, "room_air", None, "2025-04-04"),
        (77.0, "supplemental", None, "2025-04-01"),
    ]


def test_a_draw_with_its_own_device_takes_no_flow_from_the_others() -> None:
    text = CUMULATIVE.replace("VEN        ART", "ART        ART")
    got = {g[0]: g for g in _pao2(text)}
    assert got[77.0][2] is None  # venturi mask 40 %: oxygen without a flow
    assert got[36.0][1:] == ("supplemental", 2.0, "2025-04-02")


def test_venous_column_of_a_cumulative_report_is_no_arterial_value() -> None:
    assert 36.0 not in [g[0] for g in _pao2(CUMULATIVE)]


FLOWSHEET = """\
Valley Hospital Respiratory Care
Patient: Roe, Richard   MRN: 4455   DOB: 01/01/1950
Collected       Spec   O2 / Mode     FiO2   pH pCO2 mmHg pO2 mmHg   sO2 %
3/5/25 06:10    ART    RA            21%    7.40     44       55    88.1
3/4/25 18:00    ART    VENT 50%      50%    7.38     41       92    97.0
3/4/25 06:00    ART    NC 3L         33%    7.36     47       92    96.5
3/3/25 12:00    CAP    NC 3L         33%    7.35     46       44    80.2
"""


def test_header_over_narrow_columns_is_split_over_them() -> None:
    # "pH pCO2 mmHg pO2 mmHg" printed as one run above three right-aligned columns
    got = _pao2(FLOWSHEET)
    assert (55.0, "room_air", None, "2025-03-05") in got
    assert all(v != 44.0 for v, *_ in got)  # the capillary row and the pCO2 column


def test_ventilator_row_has_no_flow_and_equal_draws_are_both_kept() -> None:
    got = _pao2(FLOWSHEET)
    assert (92.0, "supplemental", None, "2025-03-04") in got
    assert (92.0, "supplemental", 3.0, "2025-03-04") in got


def test_wide_table_rows_are_not_two_columns_of_a_page() -> None:
    rows = ["Drawn          Spec   Device      FiO2   pH     pCO2"
            "                          pO2    HCO3   BE     sO2"]
    for day, o2, po2 in [(9, "RA", 52), (8, "NC 2L", 61), (7, "NC 2L", 64), (6, "NC 4L", 70),
                         (5, "NC 4L", 73), (4, "NC 4L", 75), (3, "NC 5L", 80),
                         (2, "NC 5L", 83)]:
        rows.append(f"6/{day}/25 08:00   ART    {o2:<8}    30%    7.40   40  "
                    f"                          {po2}     25.1   0.2    90.1")
    got = _pao2("\n".join(rows))
    assert (52.0, "supplemental", None, "2025-06-09") not in got
    assert [g[0] for g in got] == [52.0, 61.0, 64.0, 70.0, 73.0, 75.0, 80.0, 83.0]
    assert got[1][1:] == ("supplemental", 2.0, "2025-06-08")


def test_temperature_corrected_twin_is_not_read_as_its_temperature() -> None:
    text = """\
BLOOD GAS, ARTERIAL   Collected: 5/6/25 11:29
Test             Result   Flag   Units   Reference Range
O2 Device        None (RA)
pO2              50       LL     mmHg    80-100
pO2 @ 39.0 C     56              mmHg
"""
    got = _pao2(text)
    assert (50.0, "room_air", None, "2025-05-06") in got
    assert all(v != 39.0 and flow is None for v, _, flow, _ in got)


def test_venous_panel_title_above_the_column_names() -> None:
    text = """\
Core Laboratory
VENOUS BLOOD GAS (VBG)      Collected 11/09/2025 2:44 AM
Analyte   Value   Units   Normal
pH        7.36            7.31-7.41
pO2       33      mm Hg   30-40
Comment: pulse oximetry at time of draw 90% on room air.
"""
    got = values(text)
    assert [g[0] for g in got] == ["spo2"]


def test_a_refax_senders_line_is_not_the_test_date() -> None:
    text = """\
11/18/24 0956   (555) 555-0135   NORTHSIDE CLINIC   #1
BG-400   BLOOD GAS SYSTEM
2024-10-22   17:36
Sample type   Arterial
FiO2          21 %
pO2           61 mmHg
"""
    assert _pao2(text) == [(61.0, "room_air", None, "2024-10-22")]


def test_continuation_page_of_columns_takes_the_row_labels_of_page_one() -> None:
    page1 = """\
BLOOD GASES CUMULATIVE
             UNITS   05/01/25   05/02/25
SPECIMEN             ART        ART
O2 DEVICE            RA         NC 2L
PO2          mmHg    55         66
"""
    page2 = """\
BLOOD GASES CUMULATIVE (continued)
                     05/03/25   05/04/25
                     ART        ART
                     NC 4L      RA
                     71         57
"""
    got = sorted(_pao2(page1 + "\f" + page2))
    assert got == [(55.0, "room_air", None, "2025-05-01"),
                   (57.0, "room_air", None, "2025-05-04"),
                   (66.0, "supplemental", 2.0, "2025-05-02"),
                   (71.0, "supplemental", 4.0, "2025-05-03")]
    assert read_snippet(page1 + "\f" + page2).measurements[-1].evidence.page == 2


# --- what a fax's OCR does to lab tables -------------------------------------------------


def _ocr(text: str) -> list[tuple[object, ...]]:
    """Values of ``text`` read as an OCR page (OCR-tolerant labels)."""
    page = text_page(text)
    page.source = "ocr"
    result = DocumentExtraction(source="fax", pages=1)
    analyse_layouts([build_layout(page)], result)
    return [(m.kind, m.value, m.oxygen, m.flow_lpm, m.date) for m in result.measurements]


def test_reference_column_run_into_the_first_draw_and_glued_flags() -> None:
    # OCR joined "REF" with the first date and each range with the first result; flags
    # stick to their numbers ("69L" is a low pO2, not 69 litres)
    text = """\
CUMULATIVE REPORT
                 UNITS   REF 06/10/25      06/09/25     06/07/25
SPECIMEN                 ART               ART          ART
F102                     21                29           25
O2 DEVICE                RA                NC 2L        NC 1L
PO2              mmHg    80-100 53         69L          66L
"""
    assert sorted(_ocr(text)) == [
        ("pao2", 53.0, "room_air", None, "2025-06-10"),
        ("pao2", 66.0, "supplemental", 1.0, "2025-06-07"),
        ("pao2", 69.0, "supplemental", 2.0, "2025-06-09"),
    ]


def test_lost_decimal_point_of_an_fio2_fraction() -> None:
    text = """\
BLOOD GAS, ARTERIAL   Collected: 11/19/2024 06:44
Test           Result   Units   Reference Range
FiO2           0 28
pO2            66       mmHg    80-100
"""
    assert _ocr(text) == [("pao2", 66.0, "supplemental", None, "2024-11-19")]


def test_alveolar_pao2_is_not_read_through_fuzzy_ocr_labels() -> None:
    text = """\
BLOOD GAS, ARTERIAL   Collected: 11/19/2024 06:44
Test                     Result   Units
pO2                      66       mmHg
PAO2 (alveolar, calc).   141      mmHg
"""
    assert [v[1] for v in _ocr(text)] == [66.0]


def test_ehr_print_with_named_dates_and_ocr_noise_in_the_loinc_name() -> None:
    text = """\
Blood gas arterial panel - Collected 2025-03-08 07:51
Component                                      08-Mar-2025   20-Dec-2024 25-Sep-2024   Units
Oxygen (Partial·pressure] in Arterial blood    7.3 (L)       6.4         7.6           kPa
Carbon dioxide [Partial pressure]              5.1           6.4         7.9           kPa
pH of Arterial blood                           7.40          7.39        7.36
Inhaled oxygen concentration                   25            21          21            %
"""
    assert sorted(_ocr(text)) == [
        ("pao2", 48.0, "room_air", None, "2024-12-20"),
        ("pao2", 54.8, "supplemental", None, "2025-03-08"),
        ("pao2", 57.0, "room_air", None, "2024-09-25"),
    ]


def test_header_with_a_name_read_as_a_number_and_a_wrapped_flow_unit() -> None:
    # "sO2 %" came out as "502%"; the device cell's "L/min" wrapped onto the next line
    text = """\
Blood Gas Flowsheet
Collected       Spec   O2 / Mode    FiO2   pH     pO2 mmHg   HCO3   502%
1/28/25 16:33   ART    NC 2         29%    7.40   61         24.5   91.8
                       Umin
1/27/25 08:58   ART    RA           21%    7.42   55         25.7   88.2
"""
    got = sorted(_ocr(text))
    assert ("pao2", 61.0, "supplemental", 2.0, "2025-01-28") in got
    assert ("spo2", 91.8, "supplemental", 2.0, "2025-01-28") in got
    assert ("spo2", 88.2, "room_air", None, "2025-01-27") in got


def test_draw_time_with_a_point_stays_with_its_date_row() -> None:
    text = """\
BLOOD GAS SUMMARY (cumulative)
Collected    Spec   O2 delivery        pH     pO2    sO2
05/02/2025   A      Nasal cannula      7.33   73L    95.1
01:52               1 U/min
04/30/2025   A      Nasal cannula      7.37   78L    95.3
22.43               2 L/min
"""
    got = sorted(v for v in _ocr(text) if v[0] == "pao2")
    assert got == [("pao2", 73.0, "supplemental", 1.0, "2025-05-02"),
                   ("pao2", 78.0, "supplemental", 2.0, "2025-04-30")]


def test_ocr_room_air_with_a_lost_letter() -> None:
    assert values("During ambulation on roon air SpO2 fell to 80%.")[0][3] == "room_air"


def test_a_corrected_reports_old_value_is_not_a_result() -> None:
    got = values("ABG 05/18/2024: PaO2 68 mmHg on room air. Corrected report: pO2 previously "
                 "reported as 85 torr, corrected to 68 torr.")
    assert [g[1] for g in got] == [68.0]


def test_a_venous_slip_is_known_by_its_sample_type_line() -> None:
    text = """\
POC BLOOD GAS   05-DEC-2023 06:54
Sample type: Venous
Sample site: Peripheral vein
pH       7.410
pCO2     40 mm Hg
pO2      40 mm Hg
sO2      74.8 %
Hct      47 %
HCO3-    24.9 mmol/L
"""
    # a venous sample's hematocrit is still the patient's hematocrit
    assert [g[:2] for g in values(text)] == [("hematocrit", 47.0)]
    arterial = values(text.replace("Venous", "Arterial").replace("Peripheral vein", "R radial"))
    assert [g[:2] for g in arterial] == [("pao2", 40.0), ("spo2", 74.8), ("hematocrit", 47.0)]


def test_last_page_with_one_draw_under_the_report_banner() -> None:
    text = """\
CUMULATIVE REPORT - BLOOD GASES (continued)
DOE, JANE   MRN 1234   DOB 05/29/1944   Admitted 12/31/2023
Report period 12/31/2023 - 01/04/2024
Test          Units   Ref range    01/04/24
                                   21:00
Specimen                           ART
O2 Device                          RA
pO2           kPa     10.5-13.5    7.5L
O2 Sat        %       94-100       89.3
"""
    assert values(text)[:1] == [("pao2", 56.3, "rest", "room_air", None, "abg", "2024-01-04",
                                 None)]


def test_stray_marks_in_the_margin_are_not_the_label_column() -> None:
    text = """\
      Test             Units    Ref range   12/31/23    01/01/24
      Specimen                              ART         ART
      FiO2                                  0.80        0.33
      O2 Device                             HFNC 40L    NC 3L
      pH                        7.35-7.45   7.37        7.39
12    pCO2             kPa      4.7-6.0     6.7H        5.9
      O2 Sat (calc)    %        94-100      97.4        93.6
      HCO3             mmol/L   22-26       28.5        26.5
"""
    got = [(g[1], g[4]) for g in values(text) if g[0] == "spo2"]
    assert got == [(97.4, 40.0), (93.6, 3.0)]


def test_two_columns_ocr_ran_together_give_each_its_number() -> None:
    # "HCO3" and "sO2" stand apart in the header but each row's two numbers came as one
    text = """\
Collected    Spec   O2 delivery      pH     pO2    HCO3   sO2
12/25/2025   A      Non-rebreather   7.38   154    25.9 98.2
12/28/2025   A      21% Room air     7.39   77L    26.7 94.2
12/29/2025   A      Room air         7.40   75     26.0 93.9
"""
    got = [(g[0], g[1]) for g in _ocr(text)]
    assert ("spo2", 98.2) in got and ("spo2", 94.2) in got
    assert all(v != 25.9 for _, v, *_ in got)


def test_a_ratio_column_is_not_its_po2() -> None:
    text = """\
Collected    pH     PaO2/FiO2   pCO2
12/25/2025   7.38   250         41
12/28/2025   7.39   310         40
12/29/2025   7.40   290         44
"""
    assert values(text) == []


GAS_SHEET = """\
Regional Medical Center - Blood Gas Lab
Patient: Roe, Alma   MRN: 778812   DOB: 06/30/1947
Gas Flowsheet

Drawn             Spec O2/Mode      FiO2   PH pCO2 mmHg pO2 mmHg   HCO3   sO2 %
3/09/25 04:15     ART RA            21%    7.39  46       53       27.1   87.0
3/08/25 19:40     ART NC 3L         33%    7.41  41       74       25.0   94.1
3/08/25.06:05     ART NC 2L         29%    7.36  49       66       26.2   92.3
"""


def test_analyte_names_one_space_apart_head_their_own_columns() -> None:
    # "PH pCO2 mmHg pO2 mmHg" printed as one run over three narrow columns is three names
    # (each pO2 is read from its own column), and the header's "PH" is no pulmonary
    # hypertension; a draw time glued to its date by a dot still dates the row
    got = sorted(_pao2(GAS_SHEET))
    assert got == [(53.0, "room_air", None, "2025-03-09"),
                   (66.0, "supplemental", 2.0, "2025-03-08"),
                   (74.0, "supplemental", 3.0, "2025-03-08")]
    assert read_snippet(GAS_SHEET).facts.findings == []


GARBLED = """\
LAKESIDE GENERAL HOSPITAL        CUMULATIVE REPORT - BLOOD GASES
                UNITS    REP       05/02/25    05/03/25    05/04/25
SPECIMEN                           ART         VXN         ART
FIO2                               0.36        0.28        0.21
O2 DEVICE                          NC 4L       NC 2L       RA
PCO2            mmHg     35-45     44          52          47
FO2             m 4g     80-100    88          34          61 L
O2 SAT MEAS     %        94-100    96.1        61.0        90.8
"""


def test_a_garbled_po2_row_is_known_by_its_reference_range() -> None:
    # OCR made "PO2" into "FO2" and its unit into noise: the 80-100 range says pO2 in mmHg;
    # the draw whose specimen code OCR garbled from VEN ("VXN") gives no arterial value
    got = sorted(g for g in _ocr(GARBLED) if g[0] == "pao2")
    assert got == [("pao2", 61.0, "room_air", None, "2025-05-04"),
                   ("pao2", 88.0, "supplemental", 4.0, "2025-05-02")]
    assert ("spo2", 61.0) not in [g[:2] for g in _ocr(GARBLED)]


def test_a_po2_row_in_kpa_is_known_by_its_range_whatever_ocr_made_of_it() -> None:
    # "12 0O2": a margin mark, then pO2 with its p read as a zero
    text = """\
CUMULATIVE REPORT - BLOOD GASES
                UNITS    REF ranges     05/02/25    05/04/25
SPECIMEN                                ART         ART
O2 DEVICE                               NC 4L       RA
PCO2            kPa      4.7-6.0        5.9         6.3
12 0O2          kPa      10.5-13.5      11.7        8.1 L
O2 SAT MEAS     %        94-100         96.1        90.8
"""
    got = sorted(g[1] for g in _ocr(text) if g[0] == "pao2")
    assert got == [60.8, 87.8]


def test_slips_side_by_side_each_keep_their_sample_type() -> None:
    # an arterial slip and a venous one printed next to each other over one grid: the
    # right-hand slip's values are venous, whatever row they share with the arterial ones
    text = """\
Bayview Hospital - Respiratory Care
Patient: Ida Marsh
Sample type: Arterial          Sample type: Venous
Operator: RT101                Operator: RT202
11-MAR-2025 06:10              11-MAR-2025 05:40
O2 device: NC 2L               O2 device: NC 2L
Blood gas values               Blood gas values
pH       7.39                  pH       7.35
pCO2     44 mm Hg              pCO2     51 mm Hg
pO2      62 mm Hg              pO2      38 mm Hg
                               sO2      71.2 %
"""
    got = sorted((g[0], g[1]) for g in values(text) if g[0] in ("pao2", "spo2"))
    assert got == [("pao2", 62.0)]


def test_a_grid_cut_by_a_remark_reads_every_draw_under_the_borrowed_dates() -> None:
    # the rows under a remark line take the draw dates of the header above it: one value
    # per draw column, not only the first
    text = """\
CUMULATIVE REPORT - BLOOD GASES
                 UNITS   REF       05/08/24    05/10/24    05/12/24
SPECIMEN                           ART         ART         ART
FIO2                               0.40        0.32        0.21
Note: the specimen of the tenth was redrawn after clotting and repeated on the same settings
PO2              mmHg    80-100    112         71          62
O2 SAT MEAS      %       94-100    98.4        94.2        91.5
"""
    got = sorted((g[1], g[6]) for g in values(text) if g[0] == "pao2")
    assert got == [(62.0, "2024-05-12"), (71.0, "2024-05-10"), (112.0, "2024-05-08")]


def test_ocr_het_with_a_percent_is_the_hematocrit() -> None:
    # a fax turned "Hct" into "Het"; the percent after it says which value it is
    got = [g[:2] for g in values("Labs 2/11/25: Hgb 19.8, Het 58.5%. BNP 410.\n")]
    assert ("hematocrit", 58.5) in got
    assert not [g for g in values("The het was discussed with 2 residents.\n")
                if g[0] == "hematocrit"]


def test_ocr_hc1_is_the_hematocrit_as_a_row_label_or_before_its_value() -> None:
    # a fax turned the t of "Hct" into a 1
    grid = "LABS\nWBC   9.4\nHgb   14.9\nHc1   44.8\nNa   142\n"
    assert [g[:2] for g in values(grid)] == [("hematocrit", 44.8)]
    assert [g[:2] for g in values("CBC 4/2/25: Hgb 15.1, Hc1 47.2, Plt 210.\n")] == \
        [("hematocrit", 47.2)]
    assert not values("Treated with HCl 20 mEq for alkalosis; hc1 45 unlabelled.\n")


def test_a_slip_line_garbled_to_102_is_the_po2_by_its_pressure_unit() -> None:
    # an analyser slip on a fax: "pO2" came out as "102", its unit still a pressure; a pCO2
    # that lost its p ("C02") is never taken for it
    text = """\
BLOOD GAS ANALYZER
Sample type   Arterial
2025-02-18   07:02
FiO2       21.0 %
pH         7.41
C02        39 mmHg
102        66 mmtg
HCO3-      24.1 mmol/L
"""
    got = [g[:2] for g in _ocr(text) if g[0] == "pao2"]
    assert got == [("pao2", 66.0)]


def test_a_percent_the_fax_turned_into_an_8_is_still_a_percent() -> None:
    # "89.0.8" and "47 8": the % sign came out as an 8 after a dot or a space
    text = """\
BLOOD GAS ANALYZER
Sample type   Arterial
2025-02-18   07:02
pO2        61 mmHg
sO2        89.0.8
Hct        47 8
"""
    got = sorted(g[:2] for g in _ocr(text))
    assert got == [("hematocrit", 47.0), ("pao2", 61.0), ("spo2", 89.0)]


def test_a_gas_in_shorthand_under_a_labs_sidebar_is_read() -> None:
    # a note's lab sidebar: the gas written pH/pCO2/pO2/HCO3 in the label column
    text = """\
LABS                         Assessment/Plan
WBC      11.2                COPD exacerbation, continue nebulizers and taper steroids.
Hct      46.1                Recheck gas in the morning, wean oxygen as tolerated.
ABG 07:15                    Discussed with patient and family at the bedside today.
7.34/56/58/29 on 2L NC       Ambulatory oximetry before discharge to assess needs.
"""
    got = [(g[0], g[1], g[3], g[4]) for g in values(text)]
    assert ("pao2", 58.0, "supplemental", 2.0) in got
    assert ("hematocrit", 46.1, None, None) in got


def test_a_faxed_vitals_grid_keeps_each_time_columns_oxygen() -> None:
    # OCR garbled "Room air" and lost FiO2's i ("FO2 (%)"); a flow printed "3." is 3 L;
    # "Amoulating" is still the walk
    text = """\
Vital Signs Flowsheet
Date              6/02/25          6/03/25
Time              2000             0400             0900             1300
SpO2 (%)          93               91               86               95
O2 Device         Nasal cannula    Nasal cannula    Rcom air         Nasal cannula
O2 Flow (L/min)   2                3.                                2
FO2 (%)           29               33               21               29
Activity          Bed              Bed              Amoulating       Chair
"""
    got = sorted((g[1], g[2], g[3]) for g in _ocr(text) if g[0] == "spo2")
    assert got == [(86.0, "room_air", None), (91.0, "supplemental", 3.0),
                   (93.0, "supplemental", 2.0), (95.0, "supplemental", 2.0)]
    exertion = [m for m in _ocr_measurements(text) if m.value == 86.0]
    assert exertion and exertion[0].setting == "exercise"


def _ocr_measurements(text: str) -> list[object]:
    page = text_page(text)
    page.source = "ocr"
    result = DocumentExtraction(source="fax", pages=1)
    analyse_layouts([build_layout(page)], result)
    return list(result.measurements)


def test_draw_columns_headed_by_date_and_four_digit_time_are_each_a_draw() -> None:
    # the header row holds only "03/01/25 0600"-style stamps, no column names
    text = """\
BLOOD GAS CUMULATIVE
                 03/01/25 0600   03/02/25 0610   03/03/25 0620
Specimen         Arterial        Arterial        Arterial
O2 L/min         4               2               0
pO2 (mmHg)       71              63              54
"""
    assert sorted(_pao2(text)) == [(54.0, "room_air", None, "2025-03-03"),
                                   (63.0, "supplemental", 2.0, "2025-03-02"),
                                   (71.0, "supplemental", 4.0, "2025-03-01")]


def test_a_bare_l_per_min_column_is_the_draws_oxygen_flow() -> None:
    text = """\
Date/Time        Site   Device     L/min   pH     PaCO2   PaO2   SaO2
03/05/25 08:00   ART    NC         3       7.40   44      68     93
03/06/25 08:00   ART    RA         -       7.41   43      55     88
"""
    assert sorted(_pao2(text)) == [(55.0, "room_air", None, "2025-03-06"),
                                   (68.0, "supplemental", 3.0, "2025-03-05")]


def test_a_pf_ratio_row_is_no_po2() -> None:
    text = """\
Collected 04/22/2025 07:45      O2 Device: NC 2 L/min
Analyte      Result    Units    Ref Range
pO2          58 L      mmHg     80-100
PaO2/FiO2    207
"""
    assert [g[0] for g in _pao2(text)] == [58.0]
    assert [g[1] for g in values("Gas on 3 L: PaO2 / FiO2 = 210, pO2 63.\n")
            if g[0] == "pao2"] == [63.0]


def test_a_pco2_row_whose_c_ocr_lost_is_not_a_second_po2() -> None:
    text = ("BG-400   BLOOD GAS SYSTEM\n"
            "2024-05-05   07:49\n"
            "Sample type   Arterial\n"
            "FiO2          25.0 %\n"
            "pH            7.310\n"
            "p02           61 mmHg\n"
            "pO2           57 mmHg\n"
            "HCO3-(P)      30.4 mmol/L\n")
    assert [(m.kind, m.value) for m in read_snippet(text).measurements] == [("pao2", 57.0)]
    # with its PCO2 row read, two PO2 rows are two values (a temperature-corrected twin)
    both = text.replace("pH            7.310\n", "pH            7.310\npCO2          61 mmHg\n")
    both = both.replace("p02           61", "pO2           58")
    assert sorted(m.value for m in read_snippet(both).measurements if m.kind == "pao2") == \
        [57.0, 58.0]


def test_a_cumulative_report_with_day_month_name_dates_and_a_device_row() -> None:
    # "20-Jan-25" column dates; each draw's device in the O2 device row, and an FiO2 row
    # whose "--" (not done) does not make the cannula draws room air
    text = """\
CUMULATIVE RESULTS REPORT
BLOOD GAS           20-Jan-25      16-Jan-25      14-Jan-25      Units     Ref range
Collected           06:10          21:30          23:05
Sample type         ARTERIAL       ARTERIAL       ARTERIAL
O2 device           RA             NC 3 L/min     NRB 15 L/min
FiO2                0.21           --             --
pO2                 57 L           64 L           71 L           mmHg      80-100
"""
    got = sorted((g[6], g[1], g[3], g[4]) for g in values(text) if g[0] == "pao2")
    assert got == [("2025-01-14", 71.0, "supplemental", 15.0),
                   ("2025-01-16", 64.0, "supplemental", 3.0),
                   ("2025-01-20", 57.0, "room_air", None)]


def test_draw_conditions_above_a_header_row_naming_the_draws() -> None:
    # "Test | Draw 1 | Draw 2" heads the result columns; it starts no new specimen, so the
    # delivery and flow rows above it hold for each draw's column
    text = """\
ARTERIAL BLOOD GAS      Draw 1                 Draw 2
Collected               03/10/2025 10:15       03/10/2025 10:52
O2 delivery             Room air               Nasal cannula
O2 flow                 --                     2 L/min

Test                    Draw 1                 Draw 2                 Units      Reference
pO2                     54 L                   71 L                   mm Hg      80-100
"""
    got = sorted((g[1], g[3], g[4]) for g in values(text) if g[0] == "pao2")
    assert got == [(54.0, "room_air", None), (71.0, "supplemental", 2.0)]


def test_an_abg_row_of_a_data_list_with_its_shorthand_in_the_value_cell() -> None:
    text = """\
Data:
   ABG 03/01/25 (RA, seated):   7.43/41/56/27,   SaO2 89%
   VBG 02/20/25 (ED visit):     7.35/52/38
   CBC 03/01/25:                Hgb 17.9 g/dL,   Hct 54.2%,   Plt 240
   ECG 03/01/25:                sinus rhythm, no P pulmonale
"""
    got = sorted((g[0], g[1], g[3], g[6]) for g in values(text))
    assert ("pao2", 56.0, "room_air", "2025-03-01") in got
    assert ("spo2", 89.0, "room_air", "2025-03-01") in got
    assert not [g for g in got if g[1] == 38.0]  # the venous gas


def test_results_printed_under_their_analyte_title_one_row_per_draw() -> None:
    # an EHR results print: the analyte's long name as a title, "Collected | Value | …"
    # columns, one dated row per draw with its device and FiO2; a venous block is no PaO2
    text = """\
Results Review                                         Printed by LVANCE   2025-04-02 08:31
Patient:   Achebe, Rosalind   DOB:   1958-09-14   MRN:   E0092231

Oxygen [Partial pressure] in Arterial blood (mm[Hg])                Ref range: 80 - 100
   Collected             Value    Flag    O2 device / FiO2          Resulted
   2025-03-31 06:05      58       L       Room air / 21 %           2025-03-31 06:22
   2025-03-29 18:12      66       L       Venturi mask / 35 %       2025-03-29 18:31

Oxygen [Partial pressure] in Venous blood (mm[Hg])                  Ref range: 30 - 50
   Collected             Value    Flag    O2 device / FiO2          Resulted
   2025-03-30 05:10      36               Room air / 21 %           2025-03-30 05:30

Hematocrit [Volume Fraction] of Blood by Automated count (%)        Ref range: 36.0 - 46.0
   Collected             Value    Flag    Trend                     Resulted
   2025-03-31 05:50      53.4     H       ^                         2025-03-31 06:40
"""
    got = sorted((g[0], g[1], g[3], g[6]) for g in values(text))
    assert got == [("hematocrit", 53.4, None, "2025-03-31"),
                   ("pao2", 58.0, "room_air", "2025-03-31"),
                   ("pao2", 66.0, "supplemental", "2025-03-29")]
