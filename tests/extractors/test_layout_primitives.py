"""The layout stage on small hand-placed pages: ruled and unruled tables, wrapped cells,
label-above-value fields, boxed two-column forms, two-column prose, and every kind of mark on
a printed choice (circle, check box, tick, X glyph, struck options), for text-layer pages and
for OCR pages (whose marks and rules come from the image)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from extractors.layout import build_layout
from extractors.layout.choices import find_checkboxes, find_choices
from extractors.layout.lines import page_lines
from extractors.read.image_marks import find_marks
from extractors.read.image_rules import find_rules
from extractors.read.page import Mark, Page, Rule, Word

CHAR = 5.0
HEIGHT = 10.0


def words_at(x: float, top: float, text: str, font: str = "Helvetica") -> list[Word]:
    """The words of ``text`` placed from ``x`` at 5 pt per character."""
    out: list[Word] = []
    pos = x
    for token in text.split(" "):
        if token:
            out.append(Word(token, pos, top, pos + CHAR * len(token), top + HEIGHT, font=font))
        pos += CHAR * (len(token) + 1)
    return out


def page(rows: list[tuple[float, list[tuple[float, str]]]], *, marks: list[Mark] | None = None,
         rules: list[Rule] | None = None, source: str = "text_layer") -> Page:
    words = [w for top, cells in rows for x, text in cells for w in words_at(x, top, text)]
    return Page(1, 612.0, 792.0, source, words, marks or [], rules or [])  # type: ignore[arg-type]


def box(x0: float, top: float, x1: float, bottom: float) -> list[Rule]:
    return [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom), Rule(x0, top, x0, bottom),
            Rule(x1, top, x1, bottom)]


def cells(layout_table: object) -> list[list[str]]:
    table = layout_table
    return [[c.run.text for c in row.cells] for row in table.rows]  # type: ignore[attr-defined]


# --- tables -----------------------------------------------------------------------------

def test_an_unruled_lab_table_has_its_header_columns_and_cells() -> None:
    layout = build_layout(page([
        (100, [(40, "Test"), (160, "Result"), (240, "Flag"), (300, "Units"), (380, "Ref range")]),
        (115, [(40, "pH"), (160, "7.33"), (240, "L"), (380, "7.35-7.45")]),
        (130, [(40, "pO2"), (160, "52"), (240, "L"), (300, "mm Hg"), (380, "80-100")]),
        (145, [(40, "pCO2"), (160, "49"), (240, "H"), (300, "mm Hg"), (380, "35-45")]),
    ]))
    assert len(layout.tables) == 1
    table = layout.tables[0]
    assert [c.header.text if c.header else None for c in table.columns] == \
        ["Test", "Result", "Flag", "Units", "Ref range"]
    row = next(r for r in table.rows if r.cells[0].run.text == "pO2")
    # the flag stays in the flag column: never glued to the value or taken for the unit
    assert {table.columns[c.column].header.text: c.run.text for c in row.cells
            if table.columns[c.column].header} == {"Test": "pO2", "Result": "52", "Flag": "L",
                                                   "Units": "mm Hg", "Ref range": "80-100"}


def test_a_ruled_table_reads_the_same_as_an_unruled_one() -> None:
    rows = [(100, [(40, "Condition"), (200, "SpO2"), (300, "O2")]),
            (115, [(40, "Rest"), (200, "93 %"), (300, "room air")]),
            (130, [(40, "Walking"), (200, "86 %"), (300, "room air")])]
    rules = [Rule(35, y, 400, y) for y in (97, 112, 127, 142)] + \
        [Rule(x, 97, x, 142) for x in (35, 195, 295, 400)]
    plain, ruled = build_layout(page(rows)), build_layout(page(rows, rules=rules))
    assert cells(plain.tables[0]) == cells(ruled.tables[0]) == [
        ["Rest", "93 %", "room air"], ["Walking", "86 %", "room air"]]


def test_a_wrapped_row_label_stays_in_its_row() -> None:
    layout = build_layout(page([
        (100, [(40, "Time"), (200, "SpO2"), (300, "O2")]),
        (115, [(40, "Exercise on"), (200, "91 %"), (300, "2 L")]),
        (125, [(40, "oxygen, 6 min")]),
        (140, [(40, "Recovery"), (200, "95 %"), (300, "2 L")]),
    ]))
    table = layout.tables[0]
    wrapped = next(r for r in table.rows if r.cells[0].run.text.startswith("Exercise"))
    assert wrapped.continuation, "the wrapped line is folded into its row"
    assert [r.cells[0].run.text for r in table.rows] == ["Exercise on oxygen, 6 min", "Recovery"]


# --- fields -----------------------------------------------------------------------------

def test_label_colon_value_fields_on_one_line() -> None:
    layout = build_layout(page([(100, [(40, "Patient: Jane Q Sample"), (260, "DOB: 07/02/1948"),
                                       (400, "MRN: 123456")])]))
    assert {f.label.text: f.value.text for f in layout.fields if f.value} == {
        "Patient:": "Jane Q Sample", "DOB:": "07/02/1948", "MRN:": "123456"}


def test_labels_printed_above_their_values() -> None:
    layout = build_layout(page([
        (100, [(40, "PATIENT NAME"), (260, "DATE OF BIRTH")]),
        (113, [(40, "Sample, Jane Q"), (260, "07/02/1948")]),
    ]))
    assert {f.label.text: f.value.text for f in layout.fields if f.value} == {
        "PATIENT NAME": "Sample, Jane Q", "DATE OF BIRTH": "07/02/1948"}


def test_a_boxed_form_in_two_columns_is_read_column_by_column() -> None:
    # left boxes 40-300 and right boxes 312-572, with different heights: two columns of
    # fields, not one table
    rows = [(106, [(45, "PATIENT NAME"), (317, "DISCHARGE TO")]),
            (117, [(45, "Sample, Jane Q"), (317, "Home")]),
            (134, [(45, "ADMISSION DATE"), (317, "EQUIPMENT ORDERED")]),
            (145, [(45, "03/10/2026"), (317, "Home oxygen concentrator")])]
    rules = box(40, 104, 300, 130) + box(40, 130, 300, 156) + \
        box(312, 104, 572, 126) + box(312, 126, 572, 160)
    lines = page_lines(page(rows, rules=rules))
    assert [ln.text for ln in lines] == ["PATIENT NAME", "Sample, Jane Q", "ADMISSION DATE",
                                        "03/10/2026", "DISCHARGE TO", "Home",
                                        "EQUIPMENT ORDERED", "Home oxygen concentrator"]


def test_a_ruled_table_is_never_split_into_columns() -> None:
    rows = [(106, [(45, "Draw"), (317, "PaO2")]), (120, [(45, "1"), (317, "58")])]
    rules = box(40, 104, 300, 118) + box(300, 104, 572, 118) + box(40, 118, 300, 132) + \
        box(300, 118, 572, 132)
    assert [ln.text for ln in page_lines(page(rows, rules=rules))] == \
        ["Draw   PaO2", "1   58"]


def test_two_columns_of_prose_are_read_left_column_first() -> None:
    left = ["Pt seen today for oxygen review", "walks slowly with a cane now",
            "no chest pain or fever today", "lungs with faint wheeze noted",
            "heart regular without murmur", "legs show trace ankle edema",
            "plan to repeat walk test soon", "follow up in clinic in weeks"]
    right = ["Medication list reviewed here", "inhaler twice daily as before",
             "rescue inhaler as needed only", "no new allergies reported now",
             "vaccines are up to date also", "diet and weight were stable",
             "sleep is poor due to cough", "daughter helps with shopping"]
    rows = [(100 + 14 * k, [(40, a), (330, b)]) for k, (a, b) in enumerate(zip(left, right,
                                                                              strict=True))]
    lines = page_lines(page(rows))
    assert [ln.text for ln in lines] == left + right


def test_a_column_line_between_two_rows_of_the_other_column_keeps_them_apart() -> None:
    # a standard fax squeezes a lab grid: OCR boxes taller than the rows' pitch, and the
    # right column's prose line half way between two of the left column's rows
    above_left = ["Pt seen today for oxygen review", "walks slowly with a cane now",
                  "no chest pain or fever today", "lungs with faint wheeze noted",
                  "heart regular without murmur", "legs show trace ankle edema"]
    above_right = ["Medication list reviewed here", "inhaler twice daily as before",
                   "rescue inhaler as needed only", "no new allergies reported now",
                   "vaccines are up to date also", "diet and weight were stable"]
    rows = [(100 + 14 * k, [(40, a), (330, b)]) for k, (a, b) in enumerate(
        zip(above_left, above_right, strict=True))]
    words = [w for top, cells in rows for x, text in cells for w in words_at(x, top, text)]
    grid = ["WBC   9.4", "Hgb   14.9", "Hct   44.8", "Na   142"]
    words += [replace(w, bottom=w.top + 15) for k, text in enumerate(grid)
              for w in words_at(40, 190 + 11.2 * k, text)]
    right = "Right heart catheterization 12/19/23: mPAP 28 mmHg, PCWP 14 - precapillary"
    words += [replace(w, bottom=w.top + 15) for w in words_at(330, 190 + 11.2 * 1.5, right)]
    lines = page_lines(Page(1, 612.0, 792.0, "ocr", words))
    assert [ln.text.split() for ln in lines] == \
        [t.split() for t in above_left + grid + above_right + [right]]


# --- marks --------------------------------------------------------------------------------

def _options_line(marks: list[Mark]) -> tuple[object, list[Mark]]:
    p = page([(200, [(40, "Is the patient mobile within the home?"), (300, "Y"), (320, "N"),
                     (340, "D")])], marks=marks)
    return page_lines(p)[0], marks


def test_a_circled_option_is_the_answer() -> None:
    line, marks = _options_line([Mark("circle", 316, 197, 331, 213)])
    choice = find_choices(line, marks)[0]  # type: ignore[arg-type]
    assert choice.selected is not None and choice.selected.text == "N"


def test_the_option_left_standing_when_the_others_are_struck() -> None:
    line, marks = _options_line([Mark("stroke", 298, 205, 308, 205),
                                 Mark("stroke", 338, 205, 348, 205)])
    choice = find_choices(line, marks)[0]  # type: ignore[arg-type]
    assert choice.selected is not None and choice.selected.text == "N"


def test_no_mark_no_answer() -> None:
    line, marks = _options_line([])
    assert find_choices(line, marks)[0].selected is None  # type: ignore[arg-type]


def test_drawn_check_boxes_with_their_labels() -> None:
    marks = [Mark("box", 40, 201, 48, 209, checked=False),
             Mark("box", 120, 201, 128, 209, checked=True)]
    p = page([(200, [(52, "None"), (132, "1+ pitting")])], marks=marks)
    boxes = find_checkboxes(page_lines(p)[0], marks)
    assert [(b.checked, b.label.text if b.label else None) for b in boxes] == [
        (False, "None"), (True, "1+ pitting")]


def test_check_boxes_printed_as_characters() -> None:
    p = page([(200, [(40, "Edema: ☐ none ☒ trace ☐ 2+")])])
    boxes = find_checkboxes(page_lines(p)[0], [])
    assert [(b.checked, b.label.text if b.label else None) for b in boxes] == [
        (False, "none"), (True, "trace"), (False, "2+")]
    p = page([(200, [(40, "[X] Yes [ ] No")])])
    boxes = find_checkboxes(page_lines(p)[0], [])
    assert [(b.checked, b.label.text if b.label else None) for b in boxes] == [
        (True, "Yes"), (False, "No")]


def test_a_box_in_the_other_column_is_not_this_lines_box() -> None:
    marks = [Mark("box", 470, 201, 478, 209, checked=True)]
    p = page([(200, [(40, "Congestive heart failure")])], marks=marks)
    assert find_checkboxes(page_lines(p)[0], marks) == []


# --- marks and rules on images (faxes) ------------------------------------------------

def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("L", (1700, 600), 255)
    return img, ImageDraw.Draw(img)


def test_rules_are_found_in_a_fax_image_and_text_is_not() -> None:
    img, draw = _canvas()
    draw.rectangle((100, 100, 900, 200), outline=0, width=3)  # a form box
    draw.text((120, 130), "PATIENT NAME " * 3, fill=0)
    rules = find_rules(np.array(img), 200.0)
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    assert len(horizontal) == 2 and len(vertical) == 2
    pts = 72.0 / 200.0
    assert abs(horizontal[0].x0 - 100 * pts) < 2 and abs(horizontal[0].x1 - 900 * pts) < 2


def test_a_circle_and_a_checked_box_are_found_in_a_fax_image() -> None:
    img, draw = _canvas()
    draw.ellipse((300, 300, 360, 350), outline=0, width=3)  # an option circled …
    draw.line((320, 312, 320, 338), fill=0, width=3)  # … the printed letter inside it
    draw.line((320, 312, 340, 338), fill=0, width=3)
    draw.line((340, 312, 340, 338), fill=0, width=3)
    draw.rectangle((600, 300, 640, 340), outline=0, width=3)  # a check box …
    draw.line((605, 305, 635, 335), fill=0, width=3)  # … with an X
    draw.line((635, 305, 605, 335), fill=0, width=3)
    draw.rectangle((800, 300, 840, 340), outline=0, width=3)  # an empty box
    marks = find_marks(np.array(img), 200.0)
    kinds = sorted((m.kind, m.checked) for m in marks)
    assert ("circle", False) in kinds
    assert ("box", True) in kinds and ("box", False) in kinds


def _open_box(draw: ImageDraw.ImageDraw, x: int, y: int, side: int = 26) -> None:
    """A box whose bottom edge the fax lost: two sides and the top."""
    draw.line((x, y, x, y + side), fill=0, width=2)
    draw.line((x + side, y, x + side, y + side), fill=0, width=2)
    draw.line((x, y, x + side, y), fill=0, width=2)


def test_a_ticked_or_crossed_box_missing_an_edge_is_still_a_checked_box() -> None:
    img, draw = _canvas()
    _open_box(draw, 300, 300)  # ticked, the tick's tail reaching past the top right
    draw.line((304, 316, 312, 324), fill=0, width=3)
    draw.line((312, 324, 334, 292), fill=0, width=3)
    _open_box(draw, 600, 300)  # crossed, the X reaching below where the bottom edge was
    draw.line((602, 302, 628, 332), fill=0, width=3)
    draw.line((628, 302, 602, 332), fill=0, width=3)
    _open_box(draw, 900, 300)  # empty: three edges are not enough to call it a box
    marks = find_marks(np.array(img), 200.0)
    found = sorted((round(m.x0 * 200 / 72), m.kind, m.checked) for m in marks)
    assert found == [(300, "box", True), (600, "box", True)]


def test_a_crossed_box_whose_bold_x_ate_into_a_side_is_checked() -> None:
    img, draw = _canvas()
    draw.rectangle((300, 300, 326, 326), outline=0, width=2)
    draw.line((302, 302, 324, 324), fill=0, width=5)
    draw.line((324, 302, 302, 324), fill=0, width=5)
    draw.rectangle((299, 308, 302, 318), fill=255)  # the fax lost the middle of the left side
    marks = find_marks(np.array(img), 200.0)
    assert [(m.kind, m.checked) for m in marks] == [("box", True)]

def test_a_letter_is_not_taken_for_an_open_box() -> None:
    img, draw = _canvas()
    # an "H"-like glyph OCR did not read: too small for a box
    draw.line((300, 300, 300, 316), fill=0, width=3)
    draw.line((314, 300, 314, 316), fill=0, width=3)
    draw.line((300, 300, 314, 300), fill=0, width=3)
    draw.line((300, 308, 314, 308), fill=0, width=3)
    # a box-sized shape where OCR read a character: that character, not a box
    _open_box(draw, 600, 300)
    draw.line((604, 316, 620, 316), fill=0, width=3)
    letter = Word("A", 600 * 72 / 200, 300 * 72 / 200, 626 * 72 / 200, 326 * 72 / 200)
    assert find_marks(np.array(img), 200.0, [letter]) == []
    assert [(m.kind, m.checked) for m in find_marks(np.array(img), 200.0)] == [("box", True)]


# --- marks drawn in a text PDF ----------------------------------------------------------

def test_vector_marks_of_a_text_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from extractors.read import read_pages

    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.setFont("Helvetica", 10)
    c.drawString(40, 700, "Mobile within the home?")
    c.drawString(200, 700, "Y")
    c.drawString(220, 700, "N")
    c.ellipse(196, 696, 209, 711)  # Y circled
    c.rect(40, 650, 8, 8)  # a check box with an X in it
    c.line(41, 651, 47, 657)
    c.line(41, 657, 47, 651)
    c.drawString(52, 651, "Portable oxygen")
    c.rect(160, 650, 8, 8)  # an empty one
    c.drawString(172, 651, "Concentrator")
    c.save()
    [read] = list(read_pages(path, lambda: None, None))  # type: ignore[arg-type,return-value]
    pg = read.page
    assert pg is not None
    layout = build_layout(pg)
    assert [c.selected.text for c in layout.choices if c.selected] == ["Y"]
    assert [(b.checked, b.label.text if b.label else None) for b in layout.checkboxes] == [
        (True, "Portable oxygen"), (False, "Concentrator")]
