"""Results printed under their analyte's name, as an EHR results print lays them out: a title
line naming the measurement ("Oxygen [Partial pressure] in Arterial blood (mm[Hg])   Ref
range: 80 - 100"), a line of column names holding "Value" ("Collected | Value | Flag | O2
device / FiO2 | Resulted"), then one row per draw opening with its collection date. Each row
is one reading of the title's kind, dated by its own first date, under the conditions its
other cells state."""

from __future__ import annotations

import re

from extractors.interpret.context import SegmentContext, date_ref
from extractors.interpret.cues import Cues, find_cues, fio2_oxygen
from extractors.interpret.date_roles import dates_in
from extractors.interpret.labels import find_labels
from extractors.interpret.measure import Found
from extractors.interpret.values import Candidate, value_ok
from extractors.layout import Line, PageLayout
from extractors.patterns import Patterns

_VALUE_HEAD = re.compile(r"^\s*(?:value|result)\s*$", re.IGNORECASE)
_DATE_HEAD = re.compile(r"^\s*(?:collected|recorded|drawn|date(?:/time)?|time)\b", re.IGNORECASE)
_ROW_DATE = re.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4})\b")
_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\b")
_FIO2 = re.compile(r"(?<![\d.])(\d{2,3})\s*%")
_UNIT = {"pao2": " mm Hg", "spo2": " %", "hematocrit": " %"}


def _title_kind(p: Patterns, line: Line, fuzzy: bool, upper: bool) -> str | None:
    """The measurement a title line names at its start, or None."""
    if not line.segments:
        return None
    head = line.segments[0].text
    labels = find_labels(p, head, fuzzy, upper)
    if not labels or labels[0].start > 2 or re.search(r"\d\s*(?:%|mm)", head):
        return None
    return labels[0].kind


def _conditions(p: Patterns, text: str) -> Cues:
    """A row's device and FiO2 cells ("Room air / 21 %", "Venturi mask / 35 %")."""
    cues = find_cues(p, text, 0, len(text), 0)
    fio2 = _FIO2.search(text)
    if cues.oxygen is None and fio2 is not None:
        cues = Cues(cues.setting, fio2_oxygen(int(fio2.group(1))), cues.flow, cues.method)
    return cues


def read_titled_results(p: Patterns, ctx: SegmentContext, layout: PageLayout
                        ) -> tuple[list[Found], set[int]]:
    """The readings of the page's titled result blocks, and the lines those blocks cover."""
    found: list[Found] = []
    covered: set[int] = set()
    lines = layout.lines
    fuzzy = layout.page.source == "ocr"
    for i, title in enumerate(lines[:-2]):
        kind = _title_kind(p, title, fuzzy, ctx.upper_doc)
        header = lines[i + 1]
        value_head = next((s for s in header.segments if _VALUE_HEAD.match(s.text)), None)
        if kind is None or value_head is None or not header.segments or \
                not _DATE_HEAD.match(header.segments[0].text):
            continue
        covered |= {title.index, header.index}
        for row in lines[i + 2:]:
            if not row.segments or not _ROW_DATE.match(row.segments[0].text):
                break
            covered.add(row.index)
            cell = next((s for s in row.segments if s.x0 < value_head.x1 + 2 and
                         s.x1 > value_head.x0 - 2 and s is not row.segments[0]), None)
            number = _NUMBER.match(cell.text) if cell is not None else None
            if cell is None or number is None:
                continue
            ok = value_ok(p, kind, number.group(1) + _UNIT[kind], len(number.group(1)),
                          number.group(1))
            if ok is None:
                continue
            dated = [d for d in dates_in(p, row.segments[0].run, row.index, ctx.convention)
                     if d.date.iso]
            rest = " ".join(s.text for s in row.segments[1:] if s is not cell)
            cues = _conditions(p, rest).merged_over(
                find_cues(p, title.text, 0, len(title.text), 0))
            cand = Candidate(kind, ok[0], 0, len(number.group(1)), None,
                             converted_from=ok[1])
            found.append(Found(cand, cell.run, cues, date_ref(dated[0]) if dated else ctx.visit,
                               "table", (0, len(cell.run.text)), title.segments[0].text,
                               bool(re.search(r"arterial|blood gas", title.text, re.I) and
                                    not re.search(r"pulse ox", title.text, re.I))))
    return found, covered
