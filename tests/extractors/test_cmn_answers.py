"""CMS-484 answers given by marks and handwriting: check boxes beside numbered options,
typed values struck through and corrected by hand, digits written one by one. The pages are
built from invented text with the marks and fonts a filled-in form would carry."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from extractors.layout import build_layout
from extractors.models import DocumentExtraction
from extractors.pipeline import analyse_layouts, text_page
from extractors.read.page import Mark, Page, Word

FORM = """\
CERTIFICATE OF MEDICAL NECESSITY   DME 484.3
CMS-484 - OXYGEN
SECTION B Information in this Section May Not Be Completed by the Supplier.
ANSWERS   ANSWER QUESTIONS 1-9. (Check Y for Yes, N for No, or D for Does Not Apply.)
a)   {po2}   mm Hg   1.   Enter the result of most recent test taken on or before the cert date.
b)   {sat}   %       (b) oxygen saturation test; (c) date of test.
c) 05/17/25
  1    2    3       3.   Check the one number for the condition of the test in Question 1:
  Y    N    D       4.   If you are ordering portable oxygen, is the patient mobile within the home?
"""


def _page(text: str, hand: Collection[str] = ()) -> Page:
    page = text_page(text)
    page.words = [replace(w, font="Helvetica-Oblique" if w.text in hand else "Helvetica")
                  for w in page.words]
    return page


def _on_line(page: Page, text: str, line_word: str) -> Word:
    """The word ``text`` on the line that holds ``line_word``."""
    anchor = next(w for w in page.words if w.text == line_word)
    return next(w for w in page.words if w.text == text and abs(w.top - anchor.top) < 2)


def _read(page: Page) -> DocumentExtraction:
    result = DocumentExtraction(source="cmn", pages=1)
    analyse_layouts([build_layout(page)], result)
    return result


def _boxes_left_of(page: Page, options: list[str], line_word: str, checked: str) -> None:
    for text in options:
        w = _on_line(page, text, line_word)
        page.marks.append(Mark("box", w.x0 - 9.5, w.top + 1, w.x0 - 2, w.top + 8.5,
                               checked=text == checked))


def test_a_box_answers_the_option_beside_it_not_the_one_before() -> None:
    page = _page(FORM.format(po2="46", sat="84"))
    # boxes printed left of each option; the box of "2" sits within reach of "1" as well
    _boxes_left_of(page, ["1", "2", "3"], "Check", checked="2")
    _boxes_left_of(page, ["Y", "N", "D"], "ordering", checked="Y")
    got = {(m.kind, m.value): m.setting for m in _read(page).measurements}
    assert got == {("pao2", 46.0): "exercise", ("spo2", 84.0): "exercise"}


def test_a_struck_typed_value_gives_way_to_its_handwritten_correction() -> None:
    # the typed 84 stands nearer the % blank than the 82 written beside it
    page = _page(FORM.format(po2="  ", sat="82 84"), hand={"82"})
    typed = next(w for w in page.words if w.text == "84")
    mid = (typed.top + typed.bottom) / 2
    page.marks.append(Mark("tick", typed.x0 - 1, mid - 0.5, typed.x1 + 1, mid + 0.5))
    got = [(m.kind, m.value) for m in _read(page).measurements]
    assert got == [("spo2", 82.0)]


def test_digits_written_one_by_one_make_one_number() -> None:
    page = _page(FORM.format(po2="4 4", sat="83"), hand={"4", "83"})
    fours = [w for w in page.words if w.text == "4" and w.x0 < 100]
    # the second digit touches the first, as a pen writes them
    page.words[page.words.index(fours[1])] = replace(fours[1], x0=fours[0].x1 - 0.3,
                                                     x1=fours[0].x1 + 4.7)
    got = sorted((m.kind, m.value) for m in _read(page).measurements)
    assert got == [("pao2", 44.0), ("spo2", 83.0)]


# --- the same form through a fax's OCR ------------------------------------------------------

OCR_FORM = """\
CERTIFICATE OF MEDICAL NECESSITY   DME 484.3
SECTION B Information in this Section May Not Be Completed by the Supplier.
ANSWERS   ANSWER QUESTIONS 1-9. (Check Y for Yes, N for No, or D for Does Not Apply.)
{a}   {po2}   {mm} Hg   1. Entor the resuult of most rocent test taken on or before the certfication
{b}   {sat}   {pct}     (b) oxygen saturation test; (c) date of test.
c) 03/09/25
{q3}   Circle the one number for the condition of the test in Question 1: (1) At Rest;
"""


def _ocr_page(**fields: str) -> Page:
    values = {"a": "a)", "b": "b)", "po2": "  ", "mm": "mm", "sat": "  ", "pct": "%",
              "q3": "1    2    3    3."}
    values.update(fields)
    page = _page(OCR_FORM.format(**values))
    page.source = "ocr"
    page.words = [replace(w, font="") for w in page.words]  # OCR carries no fonts
    return page


def _got(page: Page) -> list[tuple[str, float, str | None]]:
    return sorted((m.kind, m.value, m.setting) for m in _read(page).measurements)


def test_garbled_question_wording_and_a_lost_question_number() -> None:
    # "Entor the resuult … rocent test" is still question 1; question 3 lost its "3."
    # and OCR read the circled option as "③"
    page = _ocr_page(po2="52", mm="rnm", q3="2   ③")
    # a circle the image gave where no option was read is not a second answer: OCR, which
    # read the circled glyph, has placed the circle itself
    two, glyph = (next(w for w in page.words if w.text == t) for t in ("2", "③"))
    step = glyph.x0 - two.x0
    page.marks.append(Mark("circle", two.x0 - step - 3, two.top - 2, two.x1 - step + 3,
                           two.bottom + 2))
    assert _got(page) == [("pao2", 52.0, "sleep")]


def test_unchecked_boxes_read_as_glyphs_leave_the_checked_option() -> None:
    page = _ocr_page(sat="84", q3="□1   □₂   3    3.")
    assert _got(page) == [("spo2", 84.0, "sleep")]
    page = _ocr_page(sat="84", q3="1   □2   □3    3.")
    assert _got(page) == [("spo2", 84.0, "rest")]


def test_a_value_on_the_b_line_whose_percent_blank_ocr_lost() -> None:
    page = _ocr_page(b="b}", sat="   89", pct=" ", q3="□1   2   □3    3.")
    assert _got(page) == [("spo2", 89.0, "exercise")]


def test_options_run_together_with_their_box_glyphs() -> None:
    page = _ocr_page(sat="85", q3="□1  2□3    3.")
    assert _got(page) == [("spo2", 85.0, "exercise")]


def test_a_small_blob_touching_an_option_is_its_filled_box() -> None:
    # the fax shows the X-ed box left of "2" as a closed blob, not as a box
    page = _ocr_page(sat="85")
    two = next(w for w in page.words if w.text == "2" and w.x0 < 150)
    page.marks.append(Mark("circle", two.x0 - 9, two.top, two.x0 - 1, two.bottom))
    assert _got(page) == [("spo2", 85.0, "exercise")]


def test_initials_beside_a_corrected_circle_pick_the_answer() -> None:
    # the first circle was struck and a new one drawn and initialled
    page = _ocr_page(sat="86", q3="①   2   ③ okAW    3.")
    assert _got(page) == [("spo2", 86.0, "sleep")]


def test_a_question_without_its_number_under_numbered_ones() -> None:
    # OCR lost "1." and garbled the blank's unit; the question's text still starts where the
    # numbered questions' text does
    text = """\
CERTIFICATE OF MEDICAL NECESSITY   DME 484.3
n)   mirn rig   Entor tho rasuli of most recent test takon on ot before the canitication
b) 89   %,       (b) oxygen saturation tost: (c) date ef tost.
c) 02/28/24
1   □2   □3      2. Wac tho test performed (1) with the patient in a chronle stable stato as an
1   □2   □3      Check tho one number for the condition of the tast in Question 1, (1) At
Y   □N   □D      4. If you are ordering portable oxygen, is the patient mobile within the homo?
"""
    page = _page(text)
    page.source = "ocr"
    page.words = [replace(w, font="") for w in page.words]
    assert _got(page) == [("spo2", 89.0, "rest")]


def test_a_po2_on_the_a_line_read_as_n_whose_unit_ocr_garbled() -> None:
    # "a) 56 mm Hg" came out as "n) 56 mirn rig": the line's letter still says which blank
    page = _ocr_page(a="n)", po2="56", mm="mirn", sat="89")
    page.words = [replace(w, text="rig") if w.text == "Hg" else w for w in page.words]
    assert _got(page) == [("pao2", 56.0, "rest"), ("spo2", 89.0, "rest")]


def _dated(page: Page) -> list[tuple[str, float, str | None]]:
    return sorted((m.kind, m.value, m.date) for m in _read(page).measurements)


def test_a_question_number_ocr_joined_to_its_first_word() -> None:
    # "1.Enter": OCR read no space after the number, and the PO2 blank is empty
    page = _page(FORM.replace("1.   Enter", "1.Enter").format(po2="", sat="87"))
    assert _dated(page) == [("spo2", 87.0, "2025-05-17")]


def test_the_test_date_written_low_in_its_blank_still_dates_question_1() -> None:
    # the "c)" blank sits just above question 3's number, below question 1's band
    page = _page(FORM.format(po2="55", sat="86"))
    number = _on_line(page, "3.", "Check")
    for w in [w for w in page.words if w.text in ("c)", "05/17/25")]:
        shift = (number.top - 0.8 * number.height) - w.top
        page.words[page.words.index(w)] = replace(w, top=w.top + shift,
                                                  bottom=w.bottom + shift)
    assert _dated(page) == [("pao2", 55.0, "2025-05-17"), ("spo2", 86.0, "2025-05-17")]


def test_a_found_box_between_two_options_belongs_to_the_one_its_side_says() -> None:
    # OCR read "□1" (boxes printed left of the options) and ran "2□3" together; the image
    # gave the checked box between "□1" and "2□3": it is the box of "2", not of "1"
    page = _ocr_page(sat="85", q3="□1  2□3    3.")
    one, glued = (next(w for w in page.words if w.text == t) for t in ("□1", "2□3"))
    page.marks.append(Mark("box", glued.x0 - 8, glued.top + 1, glued.x0 - 1, glued.top + 8,
                           checked=True))
    assert glued.x0 - 8 - one.x1 < 3
    assert _got(page) == [("spo2", 85.0, "exercise")]


def test_a_checked_box_whose_option_ocr_lost_answers_that_option() -> None:
    # "□1 □2 ☒3": OCR read the empty boxes' options and lost "3" behind its checked box
    page = _ocr_page(sat="86", q3="□1   □2          3.")
    two = next(w for w in page.words if w.text == "□2")
    page.marks.append(Mark("box", two.x1 + 8, two.top + 1, two.x1 + 15, two.top + 8,
                           checked=True))
    assert _got(page) == [("spo2", 86.0, "sleep")]


def test_a_supplier_print_types_each_answer_alone_in_the_answer_column() -> None:
    text = """\
CERTIFICATE OF MEDICAL NECESSITY   DME 484.3
SECTION B Information in this Section May Not Be Completed by the Supplier.
ANSWERS         ANSWER QUESTIONS 1-9. (Circle Y for Yes, N for No, or D for Does Not Apply.)
a) ____ mm Hg   1. Enter the result of most recent test taken on or before the certification
b) 89 %            date listed in Section A. Enter (a) arterial blood gas PO2 and/or (b) oxygen
c) 01/21/25        saturation test; (c) date of test.
3               3. Circle the one number for the condition of the test in Question 1:
                   (1) At Rest; (2) During Exercise; (3) During Sleep
Y               7. Does the patient have dependent edema due to congestive heart failure?
N               8. Does the patient have cor pulmonale or pulmonary hypertension documented by
                   P pulmonale on an EKG or by an echocardiogram?
"""
    result = _read(_page(text))
    assert [(m.value, m.setting) for m in result.measurements] == [(89.0, "sleep")]
    assert "dependent_edema" in result.facts.findings
    assert "pulmonary_hypertension" in result.facts.negated_findings


def test_answer_boxes_printed_between_the_number_and_the_question_text() -> None:
    """A supplier's layout: "3.   [ ] 1   [X] 2   [ ] 3   Condition of the test: (1) …", the
    result's blanks on the number's line and its wording under them, Y/N/D boxes likewise."""
    text = """\
CERTIFICATE OF MEDICAL NECESSITY   CMS-484 -- OXYGEN   DME 484.3
SECTION B   ANSWER QUESTIONS 1-9. (Check Y for Yes, N for No, or D for Does Not Apply.)
1.   a) ____ mm Hg      b) 86 %      c) 04/02/25
     Most recent test on or before the certification date: (a) PO2, (b) saturation, (c) date.
2.   [X] 1   [ ] 2   [ ] 3     (1) chronic stable state as an outpatient; (2) within two days
     prior to discharge from an inpatient facility to home; (3) under other circumstances
3.   [ ] 1   [X] 2   [ ] 3     Condition of the test: (1) At Rest; (2) During Exercise; (3) Sleep
4.   [X] Y   [ ] N   [ ] D     Portable oxygen ordered: is the patient mobile within the home?
7.   [X] Y   [ ] N   [ ] D     Dependent edema due to congestive heart failure?
8.   [ ] Y   [X] N   [ ] D     Cor pulmonale or pulmonary hypertension documented by P pulmonale
                               on an EKG or by echocardiogram?
9.   [ ] Y   [ ] N   [X] D     Hematocrit greater than 56%?
"""
    result = _read(_page(text))
    assert [(m.value, m.setting, m.date) for m in result.measurements] == \
        [(86.0, "exercise", "2025-04-02")]
    assert "dependent_edema" in result.facts.findings
    assert "pulmonary_hypertension" in result.facts.negated_findings
    assert not {"pulmonary_hypertension", "erythrocythemia"} & set(result.facts.findings)


def test_boxes_glued_to_their_options_and_answers_typed_in_brackets() -> None:
    """Two supplier prints: "7.  [X]Y  [ ]N  [ ]D" (the box glued to its option) and
    "(Y)   N   D   9. Does the patient …" (the answer typed between brackets, left of the
    question's number, while "(1) At Rest" in the printed sentence is no answer)."""
    glued = """\
CERTIFICATE OF MEDICAL NECESSITY  -  OXYGEN   DME 484.3
  1.  a) PO2 58 mm Hg   b) ___ %   c) 08/05/24   Most recent test on or before the cert date
  3.  [ ]1  [X]2  [ ]3          Condition of test: (1) At Rest (2) During Exercise (3) Sleep
  7.  [X]Y  [ ]N  [ ]D          Dependent edema due to congestive heart failure?
  8.  [ ]Y  [X]N  [ ]D          Cor pulmonale or pulmonary hypertension documented by P pulmonale
"""
    result = _read(_page(glued))
    assert [(m.value, m.setting) for m in result.measurements] == [(58.0, "exercise")]
    assert "dependent_edema" in result.facts.findings
    assert "pulmonary_hypertension" in result.facts.negated_findings
    bracketed = """\
CERTIFICATE OF MEDICAL NECESSITY   DME 484.3
ANSWERS            ANSWER QUESTIONS 1-9. (Circle Y for Yes, N for No, or D for Does Not Apply.)
a) 57     mm Hg    1. Enter the result of recent test taken on or before the certification date
b) ____   %           listed in Section A. Enter (a) arterial blood gas PO2 and/or (b) oxygen
c) 03/04/25           saturation test; (c) date of test.
 1   2   (3)       3. Circle the one number for the condition of the test in Question 1: (1) At
                      Rest; (2) During Exercise; (3) During Sleep
 Y   (N)  D        8. Does the patient have cor pulmonale or pulmonary hypertension documented by
                      P pulmonale on an EKG or by an echocardiogram?
(Y)   N   D        9. Does the patient have a hematocrit greater than 56%?
"""
    result = _read(_page(bracketed))
    assert [(m.value, m.setting) for m in result.measurements] == [(57.0, "sleep")]
    assert "erythrocythemia" in result.facts.findings
    assert "pulmonary_hypertension" in result.facts.negated_findings
