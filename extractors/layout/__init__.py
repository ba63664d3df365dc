"""Stage 2, layout: a `Page` (words, marks, rules) → its structure, the same for text-layer
and OCR pages: lines in reading order (two-column pages too), tables with header rows and
wrapped cells, key–value fields, marked choices and check boxes, headings, paragraphs and
blocks. See `extractors.layout.model` for what each part holds."""

from __future__ import annotations

import re

from extractors.layout.choices import Checkbox, find_checkboxes, find_choices
from extractors.layout.fields import grid_fields, inline_fields, stacked_fields
from extractors.layout.lines import FAX_HEADER, Line, Segment, page_lines
from extractors.layout.model import (
    Block,
    Cell,
    Choice,
    Column,
    Field,
    LineRole,
    Option,
    PageLayout,
    Paragraph,
    Row,
    Table,
)
from extractors.layout.structure import blocks, is_heading, paragraphs
from extractors.layout.tables import counting, find_tables
from extractors.layout.text_run import TextRun
from extractors.read.page import Page

__all__ = [
    "FAX_HEADER", "Block", "Cell", "Checkbox", "Choice", "Column", "Field", "Line", "LineRole",
    "Option", "PageLayout", "Paragraph", "Row", "Segment", "Table", "TextRun", "build_layout",
]

_BOX_LABEL = re.compile(r"[A-Za-z]|^\s*\d\+")
"""A check box's label: a word, a Y/N option, an item code (HCPCS) or a grade ("2+"), not a
number only."""
_OPTION_NUMBER = re.compile(r"^\s*[1-9]\s*$")
_SHORT_VALUE_WORDS = 6
"""A field whose value has more words than this is prose ("HPI: She reports …")."""


def _field_line(line: Line, fields: list[Field]) -> bool:
    """Every segment of the line is a field with a short value: a header/info line."""
    if not fields:
        return False
    covered = sum(1 for s in line.segments
                  if any(f.label.words[0] in s.run.words for f in fields))
    short = all(f.value is None or len(f.value.text.split()) <= _SHORT_VALUE_WORDS
                for f in fields)
    return covered == len(line.segments) and short


def build_layout(page: Page) -> PageLayout:
    """The structure of one page."""
    lines = page_lines(page)
    fields: list[Field] = []
    field_lines: set[int] = set()
    choice_lines: set[int] = set()
    choices = []
    checkboxes: list[Checkbox] = []
    for line in lines:
        found = inline_fields(line, line.index)
        fields += found
        if _field_line(line, found):
            field_lines.add(line.index)
        line_choices = [c for c in find_choices(line, page.marks)
                        if c.selected is not None or not counting(line)]
        if line_choices:
            choices += line_choices
            choice_lines.add(line.index)
        boxes = find_checkboxes(line, page.marks)
        numbered = len(boxes) >= 2 and all(
            b.label is not None and _OPTION_NUMBER.match(b.label.text) for b in boxes)
        if numbered or any(b.label is not None and _BOX_LABEL.search(b.label.text)
                           for b in boxes):
            # a box beside a number only ("77 %") is a drawing, not a check box; one beside
            # an item code ("☒ E1390  Oxygen concentrator") is, and so is a row of boxes each
            # beside an option's number ("[ ] 1   [X] 2   [ ] 3")
            checkboxes += boxes
            choice_lines.add(line.index)
    stacked = stacked_fields(lines)
    fields += stacked
    field_lines.update(f.line for f in stacked)
    fax_lines = {ln.index for ln in lines if FAX_HEADER.search(ln.text)}
    tables = find_tables(lines, page.width, field_lines | choice_lines | fax_lines)
    fields += grid_fields(tables)
    table_lines = {i for t in tables for i in t.lines}
    roles: list[LineRole] = []
    headings: list[int] = []
    for line in lines:
        role: LineRole
        if line.index in table_lines:
            role = "row"
        elif line.index in choice_lines:
            role = "choice"
        elif line.index in field_lines:
            role = "field"
        elif is_heading(line):
            role = "heading"
            headings.append(line.index)
        else:
            role = "prose"
        roles.append(role)
    return PageLayout(page=page, lines=lines, roles=roles, tables=tables, fields=fields,
                      choices=choices, checkboxes=checkboxes,
                      paragraphs=paragraphs(lines, roles), headings=headings,
                      blocks=blocks(lines, roles), marks=list(page.marks))
