"""Values in tables: a row labelled with a measurement (``pO2 | 54 | L | mmHg | 80-100``,
``SpO2 (room air) | 93% | 84% | 91%``), a column headed with one (``Condition | SpO2 | HR |
O2``), or — under an oximetry heading — a percentage in a row labelled with conditions
(``Walking, room air | 88%``); label | value pairs side by side in one row (``AHI | 26.0 |
SpO2 nadir | 78 %``); a gas in shorthand in a label cell (``7.36/53/63/25 on 3L NC``); and
time below a threshold (``Time ≤ 88% | 00:26:00``, or a threshold table ``< 90 % | 41.4 | 8.3``
under ``SpO2 threshold | Time (min) | % of analyzed time``).

A cell's circumstances come from the cell, its row's label (which may run on into header-less
columns: ``Room air | SpO2 %``) and other cells (an O2 column, a "Condition" column, a date
cell), its column's header (a draw's date, "Pre-test", "On 2 L"; on a walk sheet a phase such
as "Pre", "3'", "Lowest", "Post", which beats the row's words), the table's condition rows for
that column (FiO2, O2 device), the block and the section; a draw stating its own device or
FiO2 takes no oxygen from the other draws or the report's header. Venous and capillary draws
(a specimen row or column, even its OCR-garbled code, a panel title, a slip's sample-type line,
including one of two slips side by side) give no arterial values.

Fax damage a reader sees through: a row label garbled to something ending in O2 is the pO2 when
its reference range (80-100 mmHg, 10.5-13.5 kPa) or its result's pressure unit says so; a % read
as an 8 ("89.0.8"); "Rocm air" in a device cell; a speck after a flow ("3.").
A page of further draw columns without row labels borrows the previous page's labels.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extractors.interpret.context import (
    HOME_OXYGEN,
    DateRef,
    SegmentContext,
    answered_oxygen,
    date_ref,
)
from extractors.interpret.cues import Cues, find_cues, fio2_oxygen
from extractors.interpret.date_roles import dates_in
from extractors.interpret.labels import LabelHit, find_labels, stop_spans
from extractors.interpret.measure import Found
from extractors.interpret.values import (
    NUMBER,
    Candidate,
    find_values,
    labelled,
    shorthand,
    time_below,
    value_ok,
)
from extractors.layout import FAX_HEADER, Cell, Column, Line, PageLayout, Row, Table, TextRun
from extractors.patterns import Patterns

_ROLE_PATTERNS = {
    "flag": re.compile(r"^\s*(?:flags?|abn\w*|f|h/l)\s*$", re.IGNORECASE),
    "units": re.compile(r"^\s*(?:units?|uom|unit of measure)\s*$", re.IGNORECASE),
    "reference": re.compile(r"\b(?:ref\w*|normal|range|interval|limits?|expected)\b",
                            re.IGNORECASE),
    "value": re.compile(r"^\s*(?:results?|values?|observed|measured|reading|finding)\s*$",
                        re.IGNORECASE),
    "other": re.compile(r"^\s*(?:hr|heart rate|pulse|bp|blood pressure|borg|rr|notes?|"
                        r"comments?|time|distance|dyspnea|fatigue)\b", re.IGNORECASE),
}
_OXYGEN_HEADER = re.compile(r"^\s*(?:o2|02(?![\/\d.:-])|oxygen|inhaled oxygen|f\s?[il1]\s?[o0]\s?2|"
                            r"breathing|"
                            r"f\s?[o0]2\s*\(\s*%|"  # OCR lost FiO2's i: "FO2 (%)"
                            r"device|delivery|flow|o2 (?:device|flow|l/min)|supplemental|"
                            r"(?:l/min|lpm)\s*$)",
                            re.IGNORECASE)
_NONE_CELL = re.compile(r"^\s*(?:none|no|nil|off|-+|—|0|ra|r/a|room air|n/a)\s*$",
                        re.IGNORECASE)
_GAS_LABEL = re.compile(r"^\s*(?:abg|arterial blood gas|blood gas)\b", re.IGNORECASE)
_VALUE_CELL = re.compile(r"^\s*\d{1,3}(?:\.\d+)?\s*(?:%|mm\s?hg|kpa|torr)?\s*[HLC*]?\s*$",
                         re.IGNORECASE)
_DASH_CELL = re.compile(r"^\s*(?:-+|—)\s*$")
_FLAGS = re.compile(r"(?<![\w/])(?:HH|LL|H|L|A|C|N|\*{1,2}|!|↑|↓|CRIT|PANIC|ABN)(?![\w/])")
"""Abnormal flags that may sit in a units column; never a unit."""
_SPECK = re.compile(r"(?:(?<=\s)|^)[.,'`·](?=\d{2}(?:\.\d)?\s*%?\s*$)")
_PERCENT_AS_8 = re.compile(r"^(\s*\d{2}(?:\.\d)?)(?:\s+|(?<=\.\d)\.)8\s*$")
"""A percentage whose % sign the fax turned into an 8 ("89.0.8", "94.8 8", "50 8")."""
_CANNULA = re.compile(r"\b(?:nc|n/c|nasal|cannula)\b", re.IGNORECASE)
_GLUED_FLAG = re.compile(r"(?<=\d)(?:HH|LL|H|L)(?![\w/])")
_PERCENT = re.compile(r"(?<![\d.])(\d{2,3}(?:\.\d)?)\s*%")
_OWN_UNIT = {"spo2": re.compile(r"^\s*\d{2,3}(?:\.\d)?\s*%\s*$"),
             "pao2": re.compile(r"^\s*\d{2,3}(?:\.\d)?\s*(?:mm\s?hg|torr)\s*$", re.IGNORECASE),
             "hematocrit": re.compile(r"^\s*\d{2}(?:\.\d)?\s*%\s*$")}
"""A cell holding a value with the unit of the row's measurement."""
_LOW_STAT_WORDS = ("lowest", "nadir", "minimum")
"""A statistics row of an oximetry table naming the recording's low point ("Lowest | 85 %")."""
_STAT_WORDS = ("mean", "average", "avg")
"""A statistics row naming the recording's mean ("Mean | 88.7 % | Mean | 69": the pulse's
mean beside it has no percent)."""


def _statistic_row(label_text: str, fuzzy: bool) -> bool:
    """The row label is only the low point's or the mean's word (an OCR slip of the low
    point's too: "Lowent")."""
    words = re.findall(r"[A-Za-z]+", label_text.lower())
    if len(words) != 1:
        return False
    word = words[0]
    return word in _LOW_STAT_WORDS or word in _STAT_WORDS or word == "min" or (fuzzy and any(
        len(word) == len(w) and fuzz.ratio(word, w) >= 80 for w in _LOW_STAT_WORDS))


_OXIMETRY_SCOPE = re.compile(r"\boximet\w*|\bsp\s?[o0]2\b|\bsat(?:uration)?s?\b|\bwalk\b",
                             re.IGNORECASE)


@dataclass
class _Col:
    role: str
    kind: str | None
    cues: Cues
    date: DateRef | None
    oxygen_header: bool
    earlier: bool = False
    """A "Previous (date)" / "Prior" column: an earlier draw, whose conditions this report
    does not print."""
    phase: Cues | None = None
    """A walk's phase heading the column ("Pre", "3'", "Lowest", "Post 2'"): it beats the
    row's words."""
    slot: tuple[int, int] | None = None
    """The column is two or more run together (OCR joined "HCO3   sO2"): the position of
    its measurement among the numbers of each cell, and how many numbers a cell holds."""


_OCR_S = re.compile(r"^\s*5([o0]\s?2)(?=\s*%|\s*$|\s*\()")


_EARLIER = re.compile(r"^\s*(?:previous|prev\.?|prior|last result|trend)\b", re.IGNORECASE)
_PHASE_REST = re.compile(r"^\s*(?:pre(?:[- ]?(?:walk|test|exercise))?|before|baseline|rest(?:ing)?|"
                         r"at rest|seated|sitting|post(?:[- ]?(?:walk|test|exercise))?|after|"
                         r"recovery)(?:\b|(?=\d))", re.IGNORECASE)
_PHASE_EXERCISE = re.compile(r"^\s*(?:lowest|nadir|minimum|end(?: of (?:test|walk))?|during|"
                             r"walk(?:ing)?|exercise|ambulat\w*|\d{1,2}\s*(?:'|′|’|min\b)|"
                             r"min(?:ute)?\s*\d{1,2}\b)", re.IGNORECASE)


def _column_info(p: Patterns, ctx: SegmentContext, layout: PageLayout, table: Table
                 ) -> list[_Col]:
    out: list[_Col] = []
    # a fax transmission line taken for the header dates nothing
    transmitted = table.header_line is not None and bool(
        FAX_HEADER.search(layout.lines[table.header_line].text))
    for col in table.columns:
        header = col.header
        if header is None:
            out.append(_Col("value", None, Cues(), None, False))
            continue
        text = header.text
        role = next((name for name, rx in _ROLE_PATTERNS.items() if rx.search(text)), "value")
        ocr = header.source == "ocr"
        named = _OCR_S.sub(r"s\1", text) if ocr else text  # "502 %": OCR's S read as 5
        labels = find_labels(p, named, ocr, ctx.upper_doc)
        stops = stop_spans(p, text)
        kind = labels[0].kind if labels and not stops else None
        slot = None
        if len(labels) == 1 and stops and not labels[0].fuzzy:
            # names of several value columns under one header: the measurement's place
            names = sorted([s for s, _ in stops] + [labels[0].start])
            kind, slot = labels[0].kind, (names.index(labels[0].start), len(names))
        date = None if transmitted else next(
            (date_ref(d) for d in dates_in(p, header, table.header_line or 0, ctx.convention,
                                           ctx.anchor())
             if d.date.iso and d.role not in ("other_date", "date_of_birth") and not any(
                 rx.search(text[:d.date.start]) for rx in
                 p.date_labels["other_date"] + p.date_labels["date_of_birth"])), None)
        # (a "RECEIVED … APR 8, 2024" stamp or a birth date over the table dates nothing)
        if date is not None and role in ("reference", "units", "flag"):
            role = "value"  # "REF 06/10/25": a draw's column its neighbour's name ran into
        cues = find_cues(p, text, 0, len(text), 0)
        phase: Cues | None = None
        if ctx.defaults.setting == "exercise" and kind is None:
            if _PHASE_REST.match(text):
                phase = Cues(setting="rest")
            elif _PHASE_EXERCISE.match(text):
                phase = Cues(setting="exercise")
        out.append(_Col(role, kind, cues, date, bool(_OXYGEN_HEADER.match(text)),
                        bool(_EARLIER.match(text)), phase=phase, slot=slot))
    return out


_FIO2_LABEL = re.compile(r"f\s?[il1]\s?[o0]\s?2|f\s?[o0]2\s*\(\s*%|inhaled oxygen concentration|"
                         r"fraction of inspired", re.IGNORECASE)
_FIO2_VALUE = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*$")
_FRACTION_LOST_POINT = re.compile(r"^\s*0[\s,]\s?(\d{2})\s*$")
"""OCR's "0 28": an FiO2 fraction whose decimal point did not come through."""


def _cell_oxygen(cell: Cell | None, header_is_oxygen: bool, p: Patterns,
                 label: str | None = None) -> Cues:
    """An O2 / FiO2 / device column's cell: "none" is room air, a flow is supplemental."""
    if cell is None:
        return Cues()
    text = cell.run.text
    if header_is_oxygen and _NONE_CELL.match(text):
        return Cues(oxygen="room_air")
    if header_is_oxygen and cell.run.source == "ocr" and \
            fuzz.ratio(text.strip().lower(), "room air") >= 75:
        return Cues(oxygen="room_air")  # "Rocm air": the fax's room air
    text = _FRACTION_LOST_POINT.sub(r"0.\1", text)
    fio2 = _FIO2_VALUE.match(text)
    if header_is_oxygen and fio2 and (label is not None and _FIO2_LABEL.search(label)):
        # an FiO2 row or column: a fraction or percent of oxygen, not a flow
        value = float(fio2.group(1))
        oxygen = fio2_oxygen(value * 100 if value <= 1 else value)
        if oxygen is not None:
            return Cues(oxygen=oxygen)
    cues = find_cues(p, text, 0, len(text), 0)
    if header_is_oxygen and cues.oxygen is None:
        m = re.match(r"^\s*(\d{1,2}(?:\.\d+)?)\s*(?:l|lpm|l/min)?(?:\s*[.,'`]?\s*$|\s{2,}\D)",
                     text, re.IGNORECASE)
        # ("4   at rest": a flow column run into the next one; "3.": a speck after the flow)
        if m and p.in_range("flow_lpm", float(m.group(1))):
            return Cues(oxygen="supplemental", flow=float(m.group(1)))
    return Cues(oxygen=cues.oxygen, flow=cues.flow)


def _condition_rows(p: Patterns, layout: PageLayout, table: Table, block_lines: set[int]
                    ) -> tuple[dict[int, Cues], Cues]:
    """Conditions the table's FiO2 / O2-device / flow rows state in one block (a specimen):
    per column, and overall."""
    per_col: dict[int, Cues] = {}
    dashed: dict[int, Cues] = {}
    overall = Cues()
    for row in table.rows:
        if row.line not in block_lines:
            continue
        label = row.cell(0)
        if label is None or not _OXYGEN_HEADER.match(label.run.text) or \
                find_labels(p, label.run.text, False):
            continue  # "Oxygen saturation in Arterial blood" is a result, not a condition
        answered = answered_oxygen(layout, row.line)
        if answered is not None:
            # a question with printed options ("Supplemental oxygen during the test: No |
            # ☐Yes, flow __"): its answer holds for the table, its option cells for no column
            overall = overall.merged_over(answered)
            continue
        for cell in row.cells:
            if cell.column == 0:
                continue
            cues = _cell_oxygen(cell, True, p, label.run.text)
            if cues.oxygen is None:
                text = f"{label.run.text} {cell.run.text}"
                cues = find_cues(p, text, 0, len(text), 0)
            if _DASH_CELL.match(cell.run.text):
                # "--" (not done) in one condition row: room air only when no other row
                # states the column's oxygen ("NC 3 L/min" over an FiO2 of "--")
                dashed.setdefault(cell.column, cues)
                continue
            if cues.any():
                per_col[cell.column] = cues.merged_over(per_col.get(cell.column, Cues()))
                overall = overall.merged_over(cues)
    for column, cues in dashed.items():
        if per_col.get(column, Cues()).oxygen is None and cues.any():
            per_col[column] = cues.merged_over(per_col.get(column, Cues()))
            overall = overall.merged_over(cues)
    return per_col, overall


def _first_number(p: Patterns, kind: str, run: TextRun, unit_text: str
                  ) -> Candidate | None:
    text = _FLAGS.sub(lambda m: " " * len(m.group(0)), run.text)
    if run.source == "ocr":
        text = _SPECK.sub(" ", text)  # ".90": a speck of the fax before the number
        if kind in ("spo2", "hematocrit"):
            text = _PERCENT_AS_8.sub(r"\1 %", text)  # "89.0.8", "94.8 8": the % read as 8
    # a flag glued to its result ("69L", "52H"): in a result cell never litres
    text = _GLUED_FLAG.sub(lambda m: " " * len(m.group(0)), text)
    for m in NUMBER.finditer(text):
        a, b = m.span(1)
        before = text[:a]
        if re.search(r"(?:<=|>=|≤|≥|<|>)\s*$", before):
            continue
        if re.match(r"\s*[-–]\s*\d", text[b:]) or re.search(r"\d\s*[-–]\s*$", before):
            continue  # a range
        probe = text if text[b:].strip() else text + " " + unit_text
        ok = value_ok(p, kind, probe, b, m.group(1), kpa_hint="kpa" in unit_text.lower())
        if ok is not None:
            return Candidate(kind, ok[0], a, b, None, converted_from=ok[1])
        return None
    return None


def _continued(ctx: SegmentContext, layout: PageLayout, table: Table) -> Table:
    """A page of further draw columns (a cumulative report too wide for one page) prints its
    values at the heights of the previous page's rows without repeating their labels: such a
    table, lying right of that table's label column with its rows level with the labelled
    rows, takes those labels as its first column."""
    layouts = ctx.segment.layouts
    index = next((i for i, lay in enumerate(layouts) if lay is layout), 0)
    cells = [c for r in table.rows for c in r.cells]
    if index == 0 or not cells:
        return table
    first_x = min(c.run.bbox[0] for c in cells)
    prev = layouts[index - 1]
    for other in prev.tables:
        labelled: list[tuple[float, Cell]] = []
        for row in other.rows:
            label = row.cell(0)
            if label is not None and re.search(r"[A-Za-z]{2}", label.run.text):
                labelled.append((prev.lines[row.line].top, label))
        if len(labelled) < 2 or first_x < other.columns[0].x1 - 2:
            continue
        rows: list[Row] = []
        for row in table.rows:
            top = layout.lines[row.line].top
            twin = next((cell for y, cell in labelled if abs(y - top) <= 2.5), None)
            if twin is None:
                continue
            rows.append(Row(row.line, [Cell(0, twin.run)] +
                            [Cell(c.column + 1, c.run) for c in row.cells], row.continuation))
        if len(rows) < max(2, int(0.8 * len(table.rows))):
            continue
        columns = [Column(None, 0.0, first_x), *table.columns]
        return Table(table.header_line, columns, rows, table.group_lines, table.header_extra)
    return table


def _slot_number(p: Patterns, kind: str, run: TextRun, slot: tuple[int, int]
                 ) -> Candidate | None:
    """The number at ``slot`` of a cell holding one number per joined column (none when the
    cell holds another count: "PaO2/FiO2 | 250" is a ratio)."""
    numbers = list(NUMBER.finditer(run.text))
    if len(numbers) != slot[1]:
        return None
    m = numbers[slot[0]]
    a, b = m.span(1)
    ok = value_ok(p, kind, run.text, b, m.group(1))
    return Candidate(kind, ok[0], a, b, None, converted_from=ok[1]) if ok else None


def _siblings(p: Patterns, ctx: SegmentContext, table: Table, row: Row
              ) -> tuple[Cues, DateRef | None]:
    """Rows of a question/answer table that qualify this one by the same leading word
    ("Qualifying SpO2 | 88" with "Qualifying test condition | At rest, room air" and
    "Qualifying test date | 05/28/2025"): their conditions and date are this value's, before
    those of the other rows (an order's prescribed flow and frequency)."""
    label = row.cell(0)
    if label is None:
        return Cues(), None
    first = re.match(r"\s*([A-Za-z]{4,})\s+\S", label.run.text)
    if first is None:
        return Cues(), None
    word = first.group(1).lower()
    cues, date = Cues(), None
    for other in table.rows:
        own = other.cell(0)
        if other is row or own is None or not re.match(
                rf"\s*{re.escape(word)}\s", own.run.text, re.IGNORECASE) or \
                find_labels(p, own.run.text, False):
            continue
        text = " ".join(c.run.text for c in other.cells)
        cues = cues.merged_over(find_cues(p, text, 0, len(text), 0))
        for cell in other.cells[1:]:
            d = next((d for d in dates_in(p, cell.run, other.line, ctx.convention)
                      if d.date.iso), None)
            if d is not None and date is None:
                date = date_ref(d)
    return cues, date


_TIME_CELL = re.compile(r"^\s*(\d{1,2}:\d{2})(?!\d)")


def _same_time(p: Patterns, table: Table, row: Row) -> Cues:
    """A flow sheet listing one parameter a row, each under its time ("10:40 | Activity |
    After assisted shower (exertion)", "10:40 | SpO2 | 86 %", "10:40 | O2 Flow | 2"): the
    conditions the other rows of the same time state."""
    stamp = row.cell(0)
    time = _TIME_CELL.match(stamp.run.text) if stamp is not None else None
    if time is None:
        return Cues()
    cues = Cues()
    for other in table.rows:
        own = other.cell(0)
        if other is row or own is None or \
                (m := _TIME_CELL.match(own.run.text)) is None or m.group(1) != time.group(1):
            continue
        text = " ".join(c.run.text for c in other.cells)[m.end():]
        if find_labels(p, text, False):
            continue  # another reading of that time, not a condition
        found = find_cues(p, text, 0, len(text), 0)
        if _OXYGEN_HEADER.match(text) and len(other.cells) >= 2:
            # "O2 Flow Rate (L/min) | 2": the value cell read as an oxygen column's
            found = _cell_oxygen(other.cells[-1], True, p, text).merged_over(found)
        cues = cues.merged_over(found)
    return cues


_CONDITIONAL = re.compile(r"\b(?:if|when|unless|qualif\w*|criteri\w*|goal|target)\b[^.;]{0,45}$",
                          re.IGNORECASE)
"""A threshold in a criterion ("qualify if SpO2 <= 88 % for 5 min"), not a result."""
_DATE_ROW = re.compile(r"^\s*(?:date|day)\s*:?\s*$", re.IGNORECASE)
_ACTIVITY_HEAD = re.compile(r"\b(?:activity|position)\b", re.IGNORECASE)
_ACTIVITY_ROW = re.compile(r"^\s*(?:activity|position|activity level)\b", re.IGNORECASE)


def _date_row(p: Patterns, ctx: SegmentContext, layout: PageLayout, table: Table
              ) -> dict[int, DateRef]:
    """A flow sheet's "Date" line across its time columns ("Date | 5/2/25 | 5/3/25"), each
    date holding for its column and the columns right of it until the next date (the date
    printed once, where it changes at midnight)."""
    for i in table.lines:
        line = layout.lines[i]
        if not line.segments or not _DATE_ROW.match(line.segments[0].text) or \
                len(line.segments) < 2:
            continue
        found: dict[int, DateRef] = {}
        for seg in line.segments[1:]:
            mid = (seg.x0 + seg.x1) / 2
            col = next((k for k, c in enumerate(table.columns) if c.x0 <= mid < c.x1), None)
            d = next((d for d in dates_in(p, seg.run, i, ctx.convention) if d.date.iso), None)
            if col is not None and d is not None:
                found[col] = date_ref(d)
        if not found:
            continue
        out: dict[int, DateRef] = {}
        current: DateRef | None = None
        for k in range(min(found), len(table.columns)):
            current = found.get(k, current)
            if current is not None:
                out[k] = current
        return out
    return {}


_TIME_ROW = re.compile(r"^\s*(?:date|time|date/time|day)\s*:?\s*$", re.IGNORECASE)


def _timed_columns(layout: PageLayout, table: Table) -> bool:
    """A flow sheet's columns are readings at the times a "Time" (or "Date") line across
    them gives."""
    return any(len(layout.lines[i].segments) >= 3 and
               _TIME_ROW.match(layout.lines[i].segments[0].text) for i in table.lines)


def _activity_row(p: Patterns, table: Table) -> dict[int, Cues]:
    """A flow sheet's "Activity" row: the columns taken during exertion ("Ambulating in
    hall"). A spot check while lying or asleep stays a resting value."""
    out: dict[int, Cues] = {}
    for row in table.rows:
        label = row.cell(0)
        if label is None or not _ACTIVITY_ROW.match(label.run.text):
            continue
        for cell in row.cells[1:]:
            text = cell.run.text
            if find_cues(p, text, 0, len(text), 0).setting == "exercise":
                out[cell.column] = Cues(setting="exercise")
    return out


def _at_inner_headers(table: Table) -> list[Table]:
    """A table cut at a header row inside it: a row of names only ("| Baseline | End of
    Test"), leaving the row-label column empty, over rows of values. The layout may join a
    form's boxes above to the grid; the rows beneath take their columns' names from it."""
    parts: list[Table] = []
    start, header_line, columns = 0, table.header_line, table.columns
    for i, row in enumerate(table.rows):
        below = table.rows[i + 1:]
        if i == 0 or row.cell(0) is not None or len(row.cells) < 2 or row.continuation or \
                any(not re.search(r"[A-Za-z]{2}", c.run.text) or re.search(r"\d", c.run.text)
                    for c in row.cells) or \
                not any(re.search(r"\d", c.run.text) for r in below for c in r.cells[1:]):
            continue
        parts.append(Table(header_line, columns, table.rows[start:i], table.group_lines,
                           table.header_extra if not parts else []))
        named = {c.column: c.run for c in row.cells}
        columns = [Column(named.get(k), col.x0, col.x1) for k, col in enumerate(table.columns)]
        start, header_line = i + 1, row.line
    if not parts:
        return [table]
    return [*parts, Table(header_line, columns, table.rows[start:], [], [])]


def read_table(p: Patterns, ctx: SegmentContext, layout: PageLayout, table: Table
               ) -> list[Found]:
    parts = _at_inner_headers(table)
    if len(parts) > 1:
        return [f for part in parts for f in read_table(p, ctx, layout, part)]
    table = _continued(ctx, layout, table)
    cols = _column_info(p, ctx, layout, table)
    for col, date in _date_row(p, ctx, layout, table).items():
        if col < len(cols) and cols[col].date is None:
            cols[col].date = date
    for col, cues in _activity_row(p, table).items():
        if col < len(cols):
            cols[col].cues = cues.merged_over(cols[col].cues)
    page = layout.page.number
    # a grid of labels over values ("SpO2 at rest, room air | SpO2 on 2 L | PaO2" over "87 % |
    # 94 % | 53 mm Hg") has values in its first column too
    values_first = bool(table.rows) and all(
        (c := r.cell(0)) is None or _VALUE_CELL.match(c.run.text) for r in table.rows)
    kind_cols = [i for i, c in enumerate(cols) if c.kind is not None and (i > 0 or values_first)]
    caption_cues, caption_date = _caption(p, ctx, layout, table)
    oximetry_scope = _oximetry_scope(ctx, layout, table) or bool(
        caption_cues.method == "oximetry")
    out: list[Found] = []
    venous_panel = _venous_caption(layout, table)
    venous_cols = _venous_columns(table) | _venous_slip_columns(layout, table)
    spec_cols = [i for i, c in enumerate(table.columns)
                 if c.header is not None and _SPECIMEN.match(c.header.text)]
    row_of: dict[int, int] = {}
    stacked = _stacked_pairs(table)
    for labels, _above, values in stacked:
        out += _stacked_values(p, ctx, page, labels, values)
    paired = {id(r) for _labels, above, values in stacked for r in (above, values)
              if r is not None}
    for k, row in enumerate(table.rows):
        if id(row) in paired:
            continue
        block = layout.block_of(row.line)
        per_col, overall = _condition_rows(p, layout, table,
                                           set(block.lines) if block else set(table.lines))
        label_cell = row.cell(0)
        row_venous = any((c := row.cell(i)) is not None and _VENOUS_CELL.match(c.run.text)
                         for i in spec_cols) or _VENOUS_TEXT.search(
                             label_cell.run.text if label_cell else "")
        for f in _read_row(p, ctx, layout, table, row, cols, per_col,
                           overall.merged_over(caption_cues), kind_cols, oximetry_scope, page):
            column = next((c.column for c in row.cells if c.run is f.run), None)
            if (venous_panel or row_venous or (column is not None and column in venous_cols)) \
                    and f.cand.kind != "hematocrit":
                continue  # a venous or capillary gas is not an arterial value
            if caption_date is not None and f.date is ctx.visit:
                f.date = caption_date
            out.append(f)
            row_of[id(f)] = k
    return _without_lost_c(table, out, row_of)


_LABEL_CELL = re.compile(r"[A-Za-z]{2}")
_VALUE_ONLY = re.compile(r"^\s*(?:[<>≤≥]\s*)?\d[\d.,:]*\s*(?:%|min|mm\s?hg|bpm|/h|h|s)?\s*$|"
                         r"^\s*--?\s*$", re.IGNORECASE)


def _stacked_pairs(table: Table) -> list[tuple[dict[int, TextRun], Row | None, Row]]:
    """Rows of labels each over a row of their values, as in a report's summary boxes
    ("BASELINE SpO2 | MEAN SpO2 | LOWEST SpO2 | TIME <=88%" over "93 % | 91 % | 84 % |
    9.5 min"), the first labels possibly the table's header: (labels by column, their row or
    None for the header, the values' row), each value under a label."""
    rows: list[tuple[dict[int, TextRun], Row | None]] = []
    if table.header_line is not None:
        rows.append(({i: c.header for i, c in enumerate(table.columns) if c.header is not None},
                     None))
    rows += [({c.column: c.run for c in r.cells}, r) for r in table.rows]
    pairs: list[tuple[dict[int, TextRun], Row | None, Row]] = []
    taken: set[int] = set()

    def values_only(row: Row | None) -> bool:
        return row is not None and all(_VALUE_ONLY.match(c.run.text) for c in row.cells)

    def data_row(row: Row | None) -> bool:
        return row is not None and all(re.match(r"\s*(?:[<>≤≥]\s*)?\d|\s*--?\s*$", c.run.text)
                                       for c in row.cells)

    for k, ((labels, above), (_values, below)) in enumerate(itertools.pairwise(rows)):
        if below is None or len(below.cells) < 2 or (above is not None and id(above) in taken):
            continue
        after = rows[k + 2][1] if k + 2 < len(rows) else None
        if labels and all(_LABEL_CELL.search(t.text) and not _VALUE_ONLY.match(t.text)
                          for t in labels.values()) and values_only(below) and \
                not data_row(after) and {c.column for c in below.cells} <= set(labels):
            # (a header over several rows of values is a grid's, not a box's)
            pairs.append((labels, above, below))
            taken.add(id(below))
    return pairs


def _stacked_values(p: Patterns, ctx: SegmentContext, page: int, labels: dict[int, TextRun],
                    values: Row) -> list[Found]:
    """Each value of a stacked pair read with the label above it, as a field."""
    from extractors.interpret.narrative import Unit, read_unit

    out: list[Found] = []
    for cell in values.cells:
        label = labels.get(cell.column)
        if label is None or not re.search(r"\d", cell.run.text):
            continue
        run = TextRun.join([label, cell.run], ":   ")
        out += read_unit(p, ctx, Unit(run, page, values.line, "field"))
    return out


_PCO2_LABEL = re.compile(r"\bp\s?a?\s?c\s?[o0]\s?2\b", re.IGNORECASE)
_PO2_ROW_LABEL = re.compile(r"^\s*[p1]\s?a?\s?[o0]\s?2\s*[:.]?\s*$", re.IGNORECASE)
"""A row labelled by its analyte alone, PO2 (OCR: "p02", "102"): not by a draw's time, and
not a temperature-corrected twin ("pO2 @ 39.0 C")."""


def _without_lost_c(table: Table, found: list[Found], row_of: dict[int, int]) -> list[Found]:
    """A gas panel printed pH, pCO2, pO2 whose "pCO2" OCR read as "p02": of two PO2 rows one
    above the other in a table with no PCO2 row, the upper one is the PCO2."""
    if any((c := r.cell(0)) is not None and _PCO2_LABEL.search(c.run.text)
           for r in table.rows):
        return found
    po2_rows = {row_of[id(f)] for f in found if f.cand.kind == "pao2" and id(f) in row_of and
                _PO2_ROW_LABEL.match(f.label_text)}
    lost = {k for k in po2_rows if k + 1 in po2_rows and k - 1 not in po2_rows}
    return [f for f in found if f.cand.kind != "pao2" or row_of.get(id(f)) not in lost]


_SPECIMEN = re.compile(r"^\s*(?:spec(?:imen)?|sample(?: type)?|source|site|type)\b", re.I)
_VENOUS_CELL = re.compile(r"^\s*(?:v|c|ven\w*|cap\w*|mixed\s+ven\w*|cvc|central ven\w*)\b",
                          re.IGNORECASE)
_OCR_VENOUS_CODE = re.compile(r"^\s*[vc][a-z0-9]{2}\s*$", re.IGNORECASE)
"""A specimen row's three-letter code starting as VEN or CAP does ("VZS": OCR's VEN): not
arterial."""
_VENOUS_TEXT = re.compile(r"\bvenous\b|\bvbg\b|\bcapillary\b|\bcbg\b|\bp\s?v\s?[o0]2\b",
                          re.IGNORECASE)


def _venous_columns(table: Table) -> set[int]:
    """Columns (draws) whose specimen row says venous or capillary."""
    out: set[int] = set()
    for row in table.rows:
        label = row.cell(0)
        if label is None or not _SPECIMEN.match(label.run.text):
            continue
        for cell in row.cells:
            if cell.column and (_VENOUS_CELL.match(cell.run.text) or
                                _OCR_VENOUS_CODE.match(cell.run.text)):
                out.add(cell.column)
    for i, col in enumerate(table.columns):
        if col.header is not None and _VENOUS_TEXT.search(col.header.text):
            out.add(i)
    return out


_SAMPLE_LABEL = re.compile(r"^\s*(?:sample|specimen)(?: type)?\s*:?\s*$", re.IGNORECASE)


def _venous_slip_columns(layout: PageLayout, table: Table) -> set[int]:
    """Slips printed side by side over one grid: the columns under a slip whose sample-type
    field says venous or capillary ("Sample type: Arterial   Sample type: Venous")."""
    first = min(table.lines)
    by_line: dict[int, list[tuple[float, bool]]] = {}
    for f in layout.fields:
        if first - 20 <= f.line < first and f.value is not None and \
                _SAMPLE_LABEL.match(f.label.text):
            by_line.setdefault(f.line, []).append(
                (f.label.bbox[0], bool(_VENOUS_CELL.match(f.value.text))))
    if not by_line:
        return set()
    slips = sorted(by_line[max(by_line)])
    if len(slips) < 2:
        return set()  # one slip: its sample type speaks for the whole table
    out: set[int] = set()
    for k, (x0, venous) in enumerate(slips):
        x1 = slips[k + 1][0] if k + 1 < len(slips) else float("inf")
        if venous:
            out |= {i for i, c in enumerate(table.columns)
                    if x0 - 10 <= (c.x0 + c.x1) / 2 < x1 and c.x1 > x0}
    return out


def _caption(p: Patterns, ctx: SegmentContext, layout: PageLayout, table: Table
             ) -> tuple[Cues, DateRef | None]:
    """The short line just above a table ("Exercise oximetry 20-Jan-2026", "Room-air study"):
    its conditions and date hold for the whole table."""
    line = _caption_line(layout, table)
    if line is None:
        return Cues(), None
    answered = answered_oxygen(layout, line.index)
    cues = find_cues(p, line.text, 0, len(line.text), len(line.text))
    if answered is not None:
        # a question about oxygen ("Supplemental oxygen during the test: No  Yes, flow __"):
        # only its marked answer speaks
        cues = Cues(setting=cues.setting, oxygen=answered.oxygen, flow=answered.flow,
                    method=cues.method)
    found = [d for d in dates_in(p, line.run, line.index, ctx.convention)
             if d.role in ("test_date", "event", "unlabeled") and d.date.iso]
    if found and not re.search(r"[A-Za-z]{3}", line.text[:found[0].date.start] +
                               line.text[found[0].date.end:]):
        found = []  # a bare date stamp ("APR 8, 2024" under "REPORT RECEIVED") names no test
    return cues, date_ref(found[0]) if found else None


def _caption_line(layout: PageLayout, table: Table) -> Line | None:
    first = min(table.lines)
    if first == 0:
        return None
    line = layout.lines[first - 1]
    if layout.roles[first - 1] == "row" or len(line.text.split()) > 12 or \
            FAX_HEADER.search(line.text) or \
            line.top < layout.lines[first].top - 3 * line.height:
        return None
    return line


_ARTERIAL_TEXT = re.compile(r"\barterial\b|\babg\b|\bp\s?a\s?[o0]2\b", re.IGNORECASE)


def _venous_caption(layout: PageLayout, table: Table) -> bool:
    """The table's caption names a venous or capillary panel ("VENOUS BLOOD GAS (VBG)"), or
    the sample-type line of its slip above it says venous or capillary ("Sample type:
    Venous")."""
    line = _caption_line(layout, table)
    if line is not None and _VENOUS_TEXT.search(line.text) and \
            not _ARTERIAL_TEXT.search(line.text):
        return True
    first = min(table.lines)
    column = layout.lines[first].column
    for above in reversed(layout.lines[max(0, first - 20):first]):
        if above.column != column:
            continue
        if layout.table_of(above.index) is not None:
            return False  # the slip above has its own table
        m = _SAMPLE_TYPE.match(above.text)
        if m:
            return bool(_VENOUS_CELL.match(m.group(1)))
    return False


_SAMPLE_TYPE = re.compile(r"^\s*(?:sample(?: type)?|specimen(?: type)?)\s*(?::|\s{3})\s*(.+)$",
                          re.IGNORECASE)


def _oximetry_scope(ctx: SegmentContext, layout: PageLayout, table: Table) -> bool:
    if ctx.defaults.method == "oximetry":
        return True
    first = min(table.lines)
    section = ctx.section(layout.page.number, first)
    return section is not None and bool(_OXIMETRY_SCOPE.search(section.label))


def _read_row(p: Patterns, ctx: SegmentContext, layout: PageLayout, table: Table, row: Row,
              cols: list[_Col], per_col: dict[int, Cues], overall: Cues, kind_cols: list[int],
              oximetry_scope: bool, page: int) -> list[Found]:
    line = layout.lines[row.line]
    fuzzy = line.run.source == "ocr"
    label_cell = row.cell(0) or (row.cells[0] if row.cells else None)
    if label_cell is None:
        return []
    label_text = label_cell.run.text
    for cell in row.cells:
        # a label that runs on into header-less columns ("Room air | SpO2 % | 90 | 87 …")
        if cell.column <= label_cell.column:
            continue
        if cell.column >= len(table.columns) or table.columns[cell.column].header is not None \
                or re.match(r"\s*[<>≤≥]?\s*\d", cell.run.text) or \
                find_labels(p, label_text, fuzzy, ctx.upper_doc):
            break
        label_cell = Cell(label_cell.column, TextRun.join([label_cell.run, cell.run], "   "))
        label_text = label_cell.run.text
    section = ctx.section(page, row.line)
    block_cues = ctx.block_cues.get((page, row.line), Cues())
    block_date = ctx.block_dates.get((page, row.line))
    # time below a threshold, anywhere in the row
    # a threshold table's row is read with its columns' units first ("<= 88 % | 7.5 | 1.6"
    # under "Time (min) | % of analyzed time")
    below = _threshold_row(p, table, row, len(line.text)) or [
        c for c in time_below(p, line.text, 0, len(line.text))
        if not _CONDITIONAL.search(line.text[max(0, c.start - 50):c.start])]
    if below:
        cues = find_cues(p, label_text, 0, len(label_text), 0)
        studies = _per_study(p, table, row, cols, per_col, label_text)
        if studies:
            # a table of several studies side by side ("NIGHT 1 | NIGHT 2"): each column's
            # time is its own study's, with that column's date and oxygen
            return [_found(ctx, cell.run, c, cues, per_col.get(cell.column, Cues()),
                           block_cues, Cues(setting=overall.setting, method=overall.method),
                           section, block_date, None, cols[cell.column], label_text, "table")
                    for cell, c in studies]
        return [_found(ctx, line.run, c, cues, Cues(), block_cues, overall, section,
                       block_date, None, None, label_text, "table") for c in below]
    labels = find_labels(p, label_text, fuzzy, ctx.upper_doc)
    range_unit = None
    if not labels and fuzzy:
        labels, range_unit = _po2_by_range(label_text, row, cols)
    stopped = bool(stop_spans(p, label_text)) and not labels
    row_kind = labels[0].kind if labels else None
    row_cues = find_cues(p, label_text, 0, len(label_text), len(label_text))
    for cell in row.cells:
        # a "Condition" column's words ("Rest, seated", "Post") describe the row's reading
        info = cols[cell.column] if 0 < cell.column < len(cols) else None
        # (a headerless list's remarks after the value, "SpO2 | 91 % | room air, after 15
        # min off O2", describe it too)
        if info is None or info.kind is not None or info.role != "value" or \
                (table.columns[cell.column].header is None and table.header_line is not None
                 ) or \
                not re.search(r"[A-Za-z]{2}", cell.run.text) or \
                find_labels(p, cell.run.text, False):
            continue
        text = cell.run.text
        cond = find_cues(p, text, 0, len(text), len(text))
        if info.oxygen_header:  # its oxygen is read with the other O2 cells; a phase stays
            cond = Cues(setting=cond.setting)
        if cond.setting is None and ctx.defaults.setting == "exercise":
            cond = Cues(setting="rest" if _PHASE_REST.match(text) else
                        "exercise" if _PHASE_EXERCISE.match(text) else None,
                        oxygen=cond.oxygen, flow=cond.flow, method=cond.method)
        row_cues = row_cues.merged_over(cond)
    other = Cues()
    own_o2: list[str] = []
    row_date: DateRef | None = None
    if row_kind is not None:
        sibling_cues, row_date = _siblings(p, ctx, table, row)
        row_cues = row_cues.merged_over(sibling_cues).merged_over(_same_time(p, table, row))
    for cell in row.cells:
        header = table.columns[cell.column].header if cell.column < len(table.columns) else None
        if cell.column and header is not None and _ACTIVITY_HEAD.search(header.text) and \
                find_cues(p, cell.run.text, 0, len(cell.run.text), 0).setting == "exercise":
            # an Activity column's "after ambulation 40 ft": that reading's exertion
            row_cues = Cues(setting="exercise").merged_over(row_cues)
    for cell in row.cells:
        for d in dates_in(p, cell.run, row.line, ctx.convention,
                          ctx.anchor()):
            rest = cell.run.text[:d.date.start] + cell.run.text[d.date.end:]
            if cell.column and re.search(r"\d", re.sub(r"\d{1,2}:\d{2}", "", rest)):
                continue  # "96.0 (10/16/2023)": a previous result's date, not this row's
            if d.date.iso and row_date is None and d.role in ("test_date", "event", "unlabeled"):
                row_date = date_ref(d)
        if cell.column == 0:
            continue
        info = cols[cell.column] if cell.column < len(cols) else None
        if info is not None and info.oxygen_header:
            header = table.columns[cell.column].header if cell.column < len(table.columns) \
                else None
            other = other.merged_over(_cell_oxygen(cell, True, p,
                                                   header.text if header else None))
            own_o2.append(cell.run.text)
    o2_cols = {i for i, c in enumerate(cols) if c.oxygen_header and i > 0}
    if o2_cols and ctx.defaults.method == "oximetry" and other.oxygen is None and \
            not any(row.cell(i) for i in o2_cols) and \
            any(r.cell(i) for r in table.rows for i in o2_cols):
        # an oximetry sheet's O2 column left blank on this row (its "-" lost to the fax):
        # no oxygen on that row
        other = Cues(oxygen="room_air")
    # a draw's row naming a device that takes no flow (ventilator, mask) or only an FiO2
    # takes no oxygen from other draws; a bare "NC" leaves the flow to the report's statement
    own_device = other.oxygen is not None and other.flow is None and \
        not _CANNULA.search(" ".join(own_o2))
    out: list[Found] = []
    if row_kind is not None and not stopped:
        # values of the labelled row in value-like columns; or in the label cell itself
        inline = labelled(p, label_text, 0, len(label_text), [], fuzzy, ctx.upper_doc, labels)
        for hit in inline:
            out.append(_found(ctx, label_cell.run, hit, row_cues, other, block_cues, overall,
                              section, block_date, row_date, cols[0] if cols else None,
                              label_text, "table"))
        if inline:
            return out
        unit_text = " ".join(c.run.text for c in row.cells
                             if c.column < len(cols) and cols[c.column].role == "units")
        unit_text = range_unit or _FLAGS.sub(" ", unit_text)
        numeric_seen = False
        for cell in row.cells:
            if cell.column == 0 or cell.column >= len(cols):
                continue
            if numeric_seen and find_labels(p, cell.run.text, fuzzy) == [] and \
                    re.search(r"[A-Za-z]{2}", cell.run.text) and \
                    not re.search(r"\d", cell.run.text) and cols[cell.column].role == "value" \
                    and table.columns[cell.column].header is None:
                break  # the next pair's label ("… | 918 | Avg PR (bpm) | 76"): not this value
            numeric_seen = numeric_seen or bool(re.search(r"\d", cell.run.text))
            info = cols[cell.column]
            if info.role in ("flag", "units", "reference") or info.oxygen_header or (
                    info.role == "other" and not _OWN_UNIT[row_kind].search(cell.run.text)):
                continue  # (a value with its own unit speaks for itself: "78 %" under "Time")
            after = unit_text or _FLAGS.sub(" ", " ".join(
                c.run.text for c in row.cells if c.column > cell.column)).strip()
            cand = _first_number(p, row_kind, cell.run, after)
            if cand is None:
                continue
            cand.label = labels[0]
            if info.earlier:
                out.append(_earlier_value(p, ctx, cell, cand, label_text))
                continue
            col_cues = info.cues.merged_over(per_col.get(cell.column, Cues()))
            # a draw (column or row) stating its own device or FiO2 takes no oxygen from
            # the other draws' rows or the block around them
            own_draw = cell.column in per_col or own_device
            col_overall = Cues(setting=overall.setting, method=overall.method) \
                if own_draw else overall
            col_block = Cues(setting=block_cues.setting, method=block_cues.method) \
                if own_draw else block_cues
            found = _found(ctx, cell.run, cand, row_cues, other.merged_over(col_cues),
                           col_block, col_overall, section, block_date,
                           info.date or row_date, info, label_text, "table")
            # nor from the report's header conditions (a grid field of another draw)
            found.own_scope_only = own_draw and found.cues.oxygen is not None
            out.append(found)
            if (sum(1 for c in table.columns[1:] if c.header is not None
                    and _ROLE_PATTERNS["value"].search(c.header.text) is None) < 2) and \
                    not _timed_columns(layout, table):
                break  # one value per row unless the columns head separate readings
        return out
    if row_kind is None and not stopped:
        # a gas written as shorthand in the label cell ("7.36/53/63/25 on 3L NC" under "ABG")
        gases = shorthand(p, label_text, 0, len(label_text))
        if gases:
            return [_found(ctx, label_cell.run, c, find_cues(p, label_text, 0, len(label_text),
                                                              c.start),
                           other, block_cues, overall, section, block_date, row_date, None,
                           label_text, "table") for c in gases]
        if _GAS_LABEL.search(label_text) and shorthand(p, line.text, 0, len(line.text)):
            # "ABG 03/01/25 (RA, seated): | 7.43/41/56/27, SaO2 89%": the row is one
            # statement of the draw, its shorthand and saturation in the value cell
            return [_found(ctx, line.run, c, find_cues(p, line.text, 0, len(line.text),
                                                        c.start),
                           other, block_cues, overall, section, block_date, row_date, None,
                           label_text, "table")
                    for c in find_values(p, line.text, 0, len(line.text), [], fuzzy,
                                         ctx.upper_doc)]
    if row_kind is None and not kind_cols:
        # side-by-side label | value pairs ("AHI (/h) | 26.0 | SpO2 nadir | 78 %")
        for a, b, pair in _inner_pairs(p, line.text, row, fuzzy, ctx.upper_doc):
            cues = find_cues(p, line.text, a, b, b).merged_over(_same_time(p, table, row))
            out.append(_found(ctx, line.run, pair, cues, other, block_cues, overall, section,
                              block_date, row_date, None, line.text[a:pair.start], "table"))
        if out:
            return out
    if stopped:
        return out
    if own_device:
        block_cues = Cues(setting=block_cues.setting, method=block_cues.method)
        overall = Cues(setting=overall.setting, method=overall.method)
    if kind_cols:
        # a row labelled by its time or date states its condition in a text column
        # ("09:47 | Rest, seated | RA | 90")
        for text_cell in row.cells:
            info = cols[text_cell.column] if text_cell.column < len(cols) else None
            if text_cell.column == 0 or info is None or info.kind is not None or \
                    info.role != "value" or info.oxygen_header or \
                    not re.search(r"[A-Za-z]{3}", text_cell.run.text):
                continue
            text = text_cell.run.text
            row_cues = row_cues.merged_over(find_cues(p, text, 0, len(text), 0))
    for i in kind_cols:
        kind_cell = row.cell(i)
        kind = cols[i].kind
        if kind_cell is None or kind is None:
            continue
        slot = cols[i].slot
        cand = _first_number(p, kind, kind_cell.run, "") if slot is None else \
            _slot_number(p, kind, kind_cell.run, slot)
        if cand is not None:
            found = _found(ctx, kind_cell.run, cand, row_cues, other, block_cues, overall,
                           section, block_date, row_date, cols[i], label_text, "table")
            found.own_scope_only = own_device
            out.append(found)
    if out or kind_cols or not oximetry_scope or not (
            row_cues.any() or _statistic_row(label_text, fuzzy)):
        return out
    # an oximetry table whose rows name conditions (or the low point) and hold percentages
    for cell in row.cells:
        if cell.column == 0:
            continue
        m = _PERCENT.search(cell.run.text)
        if m is None:
            continue
        ok = value_ok(p, "spo2", cell.run.text, m.end(1), m.group(1))
        if ok is not None:
            cand = Candidate("spo2", ok[0], m.start(1), m.end(1), None)
            info = cols[cell.column] if cell.column < len(cols) else None
            out.append(_found(ctx, cell.run, cand, row_cues, other, block_cues, overall,
                              section, block_date, row_date, info, label_text, "table"))
            break
    return out


_GARBLED_O2 = re.compile(r"^\s*(?:\d{1,2}\s+)?((?![a-z0-9]?c)[a-z0-9]{0,2}[o0]2)\s*$",
                         re.IGNORECASE)
"""A row label OCR garbled down to something ending in O2 ("FO2", "002", "102", "12 002": pO2
with its p misread, a margin mark in front; never a pCO2 that lost its p, "C02")."""
_MMHG_VALUE = re.compile(r"^\s*\d{2,3}(?:\.\d)?\s*(?:mm\s?(?!ol)[a-z]{1,3}|[a-z]{2}\s?hg)\b",
                         re.IGNORECASE)
"""A result printed with its pressure unit, however OCR spelled it ("71 mmHg", "71 mmtg",
"71 anHg")."""
_RANGE = re.compile(r"^\s*(\d{1,3}(?:\.\d)?)\s*[-–]\s*(\d{1,3}(?:\.\d)?)\s*$")


def _po2_by_range(label_text: str, row: Row, cols: list[_Col]
                  ) -> tuple[list[LabelHit], str | None]:
    """An OCR-garbled row label ending in O2 is the pO2 when its reference range is the
    arterial pO2's (about 80-100 mmHg or 10.5-13.5 kPa): a reader knows the row by its range
    (a saturation's is 94-100 %, an FiO2 has none), and its unit by the range too (the units
    cell is as garbled as the label); on a slip's line of label and result, the result's
    pressure unit says pO2."""
    m = _GARBLED_O2.match(label_text)
    if m is None:
        return [], None
    hit = [LabelHit("pao2", m.start(1), m.end(1), m.group(1), fuzzy=True)]
    if len(row.cells) == 2 and _MMHG_VALUE.match(row.cells[1].run.text):
        return hit, "mmHg"  # a slip's line: its unit says partial pressure
    for cell in row.cells:
        if not 0 < cell.column < len(cols):
            continue  # (a range is a reference, whatever OCR made of its column's name)
        r = _RANGE.match(cell.run.text)
        if r is None:
            continue
        low, high = float(r.group(1)), float(r.group(2))
        if 75 <= low <= 90 and 95 <= high <= 110:
            return hit, "mmHg"
        if 10 <= low <= 11.5 and 13 <= high <= 14.5:
            return hit, "kPa"
    return [], None


def _inner_pairs(p: Patterns, text: str, row: Row, fuzzy: bool, upper_doc: bool
                 ) -> list[tuple[int, int, Candidate]]:
    """Values of a measurement label standing in a later cell of the row, read from the cell
    after it: (start of the label's cell, end of the value's cell, value)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for cell in row.cells:
        at = text.find(cell.run.text, pos)
        if at < 0:
            return []
        spans.append((at, at + len(cell.run.text)))
        pos = at + len(cell.run.text)
    out: list[tuple[int, int, Candidate]] = []
    for k in range(1, len(row.cells) - 1):
        a, _ = spans[k]
        _, b = spans[k + 1]
        cell_text = row.cells[k].run.text
        labels = find_labels(p, cell_text, fuzzy, upper_doc)
        if not labels or not re.match(r"\s*\d", row.cells[k + 1].run.text) or \
                re.search(r"\btime\b|\bduration\b", cell_text, re.IGNORECASE):
            continue  # ("Time SpO2 90 % (% TST) | 24.1": a time, not a saturation)
        start = a + labels[-1].start
        found = labelled(p, text, start, b, [], fuzzy, upper_doc)
        out += [(a, b, c) for c in found[:1]]
    return out


_BARE_THRESHOLD = re.compile(r"^\s*(?:(?:sp\s?[o0]2|sa\s?[o0]2|sat\w*|time)\s*)?(?:<\s?=|=<|≤|<|"
                             r"below|under)\s*\d{2}(?:\.0)?\s*%?\s*$", re.IGNORECASE)
_MINUTES_HEADER = re.compile(r"\bmin(?:utes?|s)?\b|\btime\b|\bduration\b", re.IGNORECASE)
_SHARE_HEADER = re.compile(r"%|\bpercent\b", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^\s*\d{1,4}(?:[.,]\d+)?\s*$")


def _per_study(p: Patterns, table: Table, row: Row, cols: list[_Col],
               per_col: dict[int, Cues], label_text: str) -> list[tuple[Cell, Candidate]]:
    """A time-below row of a table whose value columns are separate studies (each dated by
    its header, or with its own oxygen row): each cell's time read with the row's label.
    Empty when the columns are not studies or fewer than two cells hold a time."""
    cells = [c for c in row.cells if 0 < c.column < len(cols) and re.search(r"\d", c.run.text)]
    dated = {day.iso for c in cells if (day := cols[c.column].date) is not None}
    if len(cells) < 2 or (len(dated) < 2 and len({c.column for c in cells} & set(per_col)) < 2):
        return []
    out: list[tuple[Cell, Candidate]] = []
    for cell in cells:
        synthetic = f"{label_text}   {cell.run.text}"
        found = time_below(p, synthetic, 0, len(synthetic))
        if len(found) != 1:
            return []
        found[0].start, found[0].end = 0, len(cell.run.text)
        out.append((cell, found[0]))
    return out


def _threshold_row(p: Patterns, table: Table, row: Row, width: int) -> list[Candidate]:
    """A row of a threshold table ("< 90 %  |  41.4  |  8.3" under "SpO2 threshold | Time
    (min) | % of analyzed time"): the cells read with their columns' units. The reading spans
    the whole row."""
    label = row.cell(0)
    if label is None or not _BARE_THRESHOLD.match(label.run.text):
        return []
    head0 = table.columns[0].header if table.columns else None
    parts = [f"{head0.text if head0 is not None else 'SpO2'} {label.run.text}"]
    for cell in row.cells:
        if cell.column == 0:
            continue
        header = table.columns[cell.column].header if cell.column < len(table.columns) else None
        text, head = cell.run.text.strip(), header.text if header is not None else ""
        if _PLAIN_NUMBER.match(text) and _SHARE_HEADER.search(head):
            text = f"{text} % of {head.replace('%', ' ')}"
        elif _PLAIN_NUMBER.match(text) and _MINUTES_HEADER.search(head):
            text = f"{text} min"
        parts.append(text)
    synthetic = " ;  ".join(parts)
    found = time_below(p, synthetic, 0, len(synthetic))
    for c in found:
        c.start, c.end = 0, width
    return found


def _earlier_value(p: Patterns, ctx: SegmentContext, cell: Cell, cand: Candidate,
                   label_text: str) -> Found:
    """A value of an earlier draw ("78 (5/6/2025)"): its own date, and only the conditions its
    cell states."""
    text = cell.run.text
    date = next((date_ref(d) for d in dates_in(p, cell.run, 0, ctx.convention) if d.date.iso),
                None)
    cues = find_cues(p, text, 0, len(text), cand.start)
    found = Found(cand, cell.run, cues, date, "table", (0, len(text)), label_text,
                  ctx.defaults.method == "abg")
    found.own_scope_only = True
    return found


def _found(ctx: SegmentContext, run: TextRun, cand: Candidate, row_cues: Cues, other: Cues,
           block_cues: Cues, overall: Cues, section: object, block_date: DateRef | None,
           row_date: DateRef | None, col: _Col | None, label_text: str,
           found_in: str) -> Found:
    text = _FLAGS.sub(lambda m: " " * len(m.group(0)), run.text)
    glued = _GLUED_FLAG.match(text, cand.end)
    if glued:  # "59L": the value's flag, not 59 litres
        text = text[:glued.start()] + " " * len(glued.group(0)) + text[glued.end():]
    own = find_cues(ctx_patterns(), text, 0, len(text), cand.start)
    if col is not None and col.phase is not None:
        own = own.merged_over(col.phase)
    cues = own.merged_over(row_cues).merged_over(other)
    if cues.oxygen == "supplemental" and cues.flow is None and \
            HOME_OXYGEN.search(f"{label_text} {run.text}"):
        cues = cues.merged_over(ctx.home_oxygen)  # "Resting SpO2 on current home oxygen | 96"
    if col is not None:
        cues = cues.merged_over(col.cues)
    cues = cues.merged_over(overall).merged_over(block_cues)
    sec_cues = getattr(section, "cues", None)
    if isinstance(sec_cues, Cues):
        cues = cues.merged_over(sec_cues)
    date = (col.date if col is not None and col.date is not None else None) or row_date or \
        block_date or getattr(section, "date", None) or ctx.visit
    return Found(cand, run, cues, date, "table", (0, len(run.text)), label_text,
                 ctx.defaults.method == "abg")


def ctx_patterns() -> Patterns:
    from extractors.patterns import load_patterns

    return load_patterns()
