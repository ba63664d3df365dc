"""Identity and admission boxes of printed forms (labels over their values), as printed and
as OCR misreads their labels."""

from __future__ import annotations

from extract_helpers import read_snippet


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
