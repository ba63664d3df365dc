"""Identity and admission boxes of printed forms (labels over their values), as printed and
as OCR misreads their labels."""

from __future__ import annotations

from dataclasses import replace

import pytest
from extract_helpers import read_snippet

from extractors.layout import build_layout
from extractors.models import DocumentExtraction
from extractors.pipeline import analyse_layouts, text_page
from extractors.read.page import Mark


def test_a_row_of_box_labels_over_their_values_with_misread_labels() -> None:
    text = ("Lakeside Hospital                  INTERFACILITY TRANSFER / DISCHARGE FORM\n"
            "PATENT NAME (LAST, HRST MI)        D0B          MRN          SEX\n"
            "ROWE, MARTHA J                     4/2/41       5550123      F\n"
            "ADMISSION DA1E    DISCHARGE DATF    ATTENDlNG        RECEIVING AGENCY\n"
            "3/10/25           3/14/25           Ada Lund, MD     Valley Nursing\n"
            "DISCHARGED TO:   Home   SNF\n")
    facts = read_snippet(text).facts
    assert facts.patient_name == "Martha J Rowe"
    assert facts.date_of_birth == "1941-04-02"
    assert facts.admission_date == "2025-03-10"
    assert facts.discharge_date == "2025-03-14"


def test_a_header_row_over_several_rows_of_values_stays_a_table() -> None:
    text = ("PATIENT: Ada True   DOB: 01/02/1950\n"
            "DATE      TIME    SPO2    O2\n"
            "3/13/25   2000    91      2L NC\n"
            "3/14/25   0400    87      RA\n")
    got = [(m.value, m.oxygen, m.date) for m in read_snippet(text).measurements]
    assert got == [(91.0, "supplemental", "2025-03-13"), (87.0, "room_air", "2025-03-14")]


def test_a_birth_date_under_a_box_label_run_together_with_its_neighbours() -> None:
    # the certificate's Section A: OCR reads "PT DOB | Sex (M/F) | Ht. (in) | Wt. (lbs)" as
    # one label over four values; the date under it is the birth date
    text = ("CERTIFICATE OF MEDICAL NECESSITY          CMS-484 - OXYGEN\n"
            "PATIENT NAME, ADDRESS, TELEPHONE and MEDICARE ID\n"
            "ROWE, MARTHA J\n"
            "PLACE OF SERVICE   HCPCS CODE   PT D0B /1 Sex(M/F) Ht. {in.) Wt (lbs.)\n"
            "12                 E0431        04/05/44   F   62   140\n"
            "PHYSICIAN NAME, ADDRESS, TELEPHONE and UPIN or NPI\n")
    facts = read_snippet(text).facts
    assert facts.patient_name == "Martha J Rowe"
    assert facts.date_of_birth == "1944-04-05"


def test_a_birth_box_whose_label_ocr_lost_and_a_surname_without_its_capital() -> None:
    text = ("SIX-MINUTE WALK TEST\n"
            "PATENI NAMI                 ()          1 O1 DATE    WAI K   1ECM4\n"
            "rowe, Martha J.             4/2/1941    11/05/2024   GM\n"
            "SpO2 at rest 95% on room air\n")
    facts = read_snippet(text).facts
    assert facts.patient_name == "Martha J Rowe"
    assert facts.date_of_birth == "1941-04-02"


def test_a_date_beside_the_name_close_to_the_others_is_no_birth_date() -> None:
    text = ("SIX-MINUTE WALK TEST\n"
            "PATENI NAMI                 ()          1 O1 DATE    WAI K   1ECM4\n"
            "rowe, Martha J.             11/01/2024  11/05/2024   GM\n")
    assert read_snippet(text).facts.date_of_birth is None


# --- a certificate (DME 484.2) read through a fax's OCR ---------------------------------------

CMN_4842 = """\
CERTIFICATE OF MEDICAL NECESSITY   DME 484.2
CMS-484 - OXYGEN
PATIENT NAME, ADDRESS, TELEPHONE and MEDICARE ID   SUPPLIER NAME, ADDRESS, TELEPHONE
ROWE," MARTHA J                                   ACME HOME MEDICAL EQUIPMENT
ANSWERS   ANSWER QUESTIONS 1-10. (Circle Y for Yes, N for No, or D for Does Not Apply.)
a)   54   mm Hg   1. Enter the result of most recent test taken on or before the certification
b)        %       and/or (b) oxygen saturation test. Enter date of test (c).
c) 03/09/25
1 2 3   1   3. Circle the one number for the condition of the test in Question 1: (1) At Rest
4. Physician/provider performing test in Question 1 (and, if applicable, Question 7).
NAME: LAKESIDE SLEEP CENTER, IDTF
ADDRESS: 2693 COUNTY RD 9. MILLBROOK, OH 43924
Y N D   D   5. If you are ordering portable oxygen, is the patient mobile within the home?
Y N D   Y   9. Does the patient have cor pulmonale or pulmonary hypertension documented by P
Y N D   N   10. Does the patient have a hematocrit greater than 56%?
"""


def _ocr_read(text: str) -> DocumentExtraction:
    page = text_page(text)
    page.source = "ocr"
    page.words = [replace(w, font="ocr") for w in page.words]
    result = DocumentExtraction(source="cmn", pages=1)
    analyse_layouts([build_layout(page)], result)
    return result


def test_letters_written_beside_the_printed_options_and_a_number_in_an_address() -> None:
    result = _ocr_read(CMN_4842)
    assert [(m.kind, m.value, m.setting) for m in result.measurements] == [
        ("pao2", 54.0, "rest")]
    facts = result.facts
    assert facts.patient_name == "Martha J Rowe"  # not the supplier in the next box
    assert set(facts.findings) == {"pulmonary_hypertension", "cor_pulmonale"}
    assert facts.negated_findings == ["erythrocythemia"]
    assert facts.performed_by == "idtf"
    assert "portable" not in facts.requested_equipment


def test_a_certificate_answering_d_does_not_cancel_another_papers_portable_order() -> None:
    note = ("PROGRESS NOTE\n"
            "Patient: Martha Rowe   DOB: 04/02/1941   Date of service: 03/10/25\n"
            "Plan: Order portable oxygen concentrator for ambulation, 2 L/min.\n")
    pages = []
    for number, text in enumerate((note, CMN_4842), start=1):
        page = text_page(text, number)
        page.source = "ocr"
        page.words = [replace(w, font="ocr") for w in page.words]
        pages.append(page)
    result = DocumentExtraction(source="packet", pages=2)
    analyse_layouts([build_layout(p) for p in pages], result)
    assert "portable" in result.facts.requested_equipment
    assert "portable" not in _ocr_read(CMN_4842).facts.requested_equipment


def test_a_small_l_read_as_a_capital_i_inside_a_name() -> None:
    assert read_snippet("Patient: AIvin P Rowe   DOB: 01/02/1950\n").facts.patient_name == \
        "Alvin P Rowe"
    assert read_snippet("Patient: ROWE, AI   DOB: 01/02/1950\n").facts.patient_name == "Ai Rowe"


def test_a_checked_grade_box_and_a_box_of_the_line_above_that_only_touches_it() -> None:
    text = ("SKILLED NURSING VISIT NOTE\n"
            "Patient: Martha Rowe   DOB: 04/02/1941   Visit date: 05/07/2024\n"
            "Lung sounds:      clear      diminished\n"
            "Edema:      none      1+      2+      3+      location: ankles\n")
    page = text_page(text)
    edema = next(w for w in page.words if w.text == "Edema:")
    for option, checked in (("none", False), ("1+", True), ("2+", False), ("3+", False)):
        w = next(x for x in page.words if x.text == option)
        page.marks.append(Mark("box", w.x0 - 9, edema.top + 1, w.x0 - 2, edema.top + 8,
                               checked))
    # the "diminished" box of the line above, drawn low: its bottom reaches this line
    one = next(x for x in page.words if x.text == "1+")
    page.marks.append(Mark("box", one.x0 + 2, edema.top - 10, one.x0 + 9, edema.top + 1,
                           True))
    result = DocumentExtraction(source="visit", pages=1)
    analyse_layouts([build_layout(page)], result)
    assert result.facts.findings == ["dependent_edema"]


def test_a_checked_box_whose_option_ocr_dropped_answers_by_its_column() -> None:
    text = ("CERTIFICATE OF MEDICAL NECESSITY   DME 484.3\n"
            "a)   54   mm Hg   1. Enter the result of most recent test taken on or before it\n"
            "b)        %       (b) oxygen saturation test; (c) date of test.\n"
            "c) 03/09/25\n"
            "ANSWER QUESTIONS 7-9 ONLY IF PO2 = 56-59 OR OXYGEN SATURATION = 89 IN QUESTION 1\n"
            "Y    N    D    7. Does the patient have dependent edema due to congestive heart?\n"
            "Y    N    D    8. Does the patient have cor pulmonale or pulmonary hypertension?\n"
            "     ON   □D   9. Does the patient have a hematocrit greater than 56%?\n")
    page = text_page(text)
    page.source = "ocr"
    page.words = [replace(w, font="ocr") for w in page.words]
    on = next(w for w in page.words if w.text == "ON")
    page.marks.append(Mark("box", 48, on.top + 1, 55, on.top + 8, True))
    result = DocumentExtraction(source="cmn", pages=1)
    analyse_layouts([build_layout(page)], result)
    assert result.facts.findings == ["erythrocythemia"]



def test_misread_identity_labels_are_still_identity_labels() -> None:
    from extractors.layout.fields import _near_identity

    for label in ("PAUENT", "Patient nare", "PATIENT NAMF", "OOB", "D0B"):
        assert _near_identity(label), label
    for label in ("Tech ID", "Walk", "Date", "Physician", "Blood pressure"):
        assert not _near_identity(label), label


def test_a_hcpcs_code_ocr_split_after_its_second_character() -> None:
    text = ("CERTIFICATE OF MEDICAL NECESSITY   CMS-484 - OXYGEN\n"
            "PLACE OF SERVICE   HCPCS CODE          PT DOB\n"
            "12                 E1 390   E0431      10/08/65\n"
            "Ref: order 2 390 units; zip E1 999\n")
    assert _ocr_read(text).facts.hcpcs == ["E0431", "E1390"]
    assert read_snippet(text).facts.hcpcs == ["E0431"]  # a text layer is not OCR


@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_row_of_labels_over_an_identity_row_holding_two_dates(gap: str) -> None:
    # the birth date and the test date under their labels (in mixed case) are no header of
    # draw dates, whether the walk's grid follows right under them (one table) or apart
    text = ("PULMONARY REHABILITATION - 6-MINUTE WALK TEST\n"
            "Patient name        Date of birth        Test date\n"
            "Priscilla Odum      07/07/1949           2025-02-26\n" + gap +
            "Walk #              Technician           Course\n"
            "1                   M. Ferris, RCP       30 m hallway\n"
            "Resting SpO2 on room air: 89 %\n")
    result = read_snippet(text)
    assert result.facts.date_of_birth == "1949-07-07"
    assert [(m.value, m.date) for m in result.measurements] == [(89.0, "2025-02-26")]


def test_a_birth_date_left_without_its_year_is_not_dated_by_the_visit() -> None:
    """"DOB 8/24 (age 63)" (the year lost) is no birth date in the visit's year."""
    from extractors import read_text

    result = read_text("Office visit 03/05/2025\nPatient: Alma Reyes   DOB 8/24 (age 63)\n"
                       "SpO2 88 % on room air at rest today.\n")
    assert result.facts.date_of_birth is None
    assert [m.date for m in result.measurements] == ["2025-03-05"]
