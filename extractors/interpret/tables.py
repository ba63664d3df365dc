"""Values in tables: a row labelled with a measurement (``pO2 | 54 | L | mmHg | 80-100``,
``SpO2 (room air) | 93% | 84% | 91%``), a column headed with one (``Condition | SpO2 | HR |
O2``), or — under an oximetry heading — a percentage in a row labelled with conditions
(``Walking, room air | 88%``); and time below a threshold (``Time ≤ 88% | 00:26:00``).

A cell's circumstances come from the cell, its row's label and other cells (an O2 column, a
date cell), its column's header (a draw's date, "Pre-test", "On 2 L"), the table's condition
rows for that column (FiO2, O2 device), the block and the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.interpret.context import DateRef, SegmentContext, date_ref
from extractors.interpret.cues import Cues, find_cues
from extractors.interpret.date_roles import dates_in
from extractors.interpret.labels import find_labels, stop_spans
from extractors.interpret.measure import Found
from extractors.interpret.values import NUMBER, Candidate, labelled, time_below, value_ok
from extractors.layout import Cell, PageLayout, Row, Table, TextRun
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
_OXYGEN_HEADER = re.compile(r"^\s*(?:o2|02(?![\/\d.:-])|oxygen|inhaled oxygen|f\s?i\s?[o0]\s?2|"
                            r"device|delivery|flow|"
                            r"o2 (?:device|flow|l/min)|supplemental)", re.IGNORECASE)
_NONE_CELL = re.compile(r"^\s*(?:none|no|nil|off|-+|—|0|ra|r/a|room air|n/a)\s*$",
                        re.IGNORECASE)
_FLAGS = re.compile(r"(?<![\w/])(?:HH|LL|H|L|A|C|N|\*{1,2}|!|↑|↓|CRIT|PANIC|ABN)(?![\w/])")
"""Abnormal flags that may sit in a units column; never a unit."""
_PERCENT = re.compile(r"(?<![\d.])(\d{2,3}(?:\.\d)?)\s*%")
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


_EARLIER = re.compile(r"^\s*(?:previous|prev\.?|prior|last result|trend)\b", re.IGNORECASE)


def _column_info(p: Patterns, ctx: SegmentContext, layout: PageLayout, table: Table
                 ) -> list[_Col]:
    out: list[_Col] = []
    for col in table.columns:
        header = col.header
        if header is None:
            out.append(_Col("value", None, Cues(), None, False))
            continue
        text = header.text
        role = next((name for name, rx in _ROLE_PATTERNS.items() if rx.search(text)), "value")
        labels = find_labels(p, text, header.source == "ocr", ctx.upper_doc)
        kind = labels[0].kind if labels and not stop_spans(p, text) else None
        date = next((date_ref(d) for d in dates_in(p, header, table.header_line or 0,
                                                   ctx.convention,
                                                   ctx.visit.iso if ctx.visit else None)
                     if d.date.iso and not any(
                         rx.search(text[:d.date.start]) for rx in
                         p.date_labels["other_date"] + p.date_labels["date_of_birth"])), None)
        # (a "RECEIVED … APR 8, 2024" stamp or a birth date over the table dates nothing)
        cues = find_cues(p, text, 0, len(text), 0)
        out.append(_Col(role, kind, cues, date, bool(_OXYGEN_HEADER.match(text)),
                        bool(_EARLIER.match(text))))
    del layout
    return out


_FIO2_LABEL = re.compile(r"f\s?i\s?[o0]\s?2|inhaled oxygen concentration|fraction of inspired",
                         re.IGNORECASE)
_FIO2_VALUE = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*$")


def _cell_oxygen(cell: Cell | None, header_is_oxygen: bool, p: Patterns,
                 label: str | None = None) -> Cues:
    """An O2 / FiO2 / device column's cell: "none" is room air, a flow is supplemental."""
    if cell is None:
        return Cues()
    text = cell.run.text
    if header_is_oxygen and _NONE_CELL.match(text):
        return Cues(oxygen="room_air")
    fio2 = _FIO2_VALUE.match(text)
    if header_is_oxygen and fio2 and (label is not None and _FIO2_LABEL.search(label)):
        # an FiO2 row or column: a fraction or percent of oxygen, not a flow
        value = float(fio2.group(1))
        percent = value * 100 if value <= 1 else value
        if 20.5 <= percent <= 21.5:
            return Cues(oxygen="room_air")
        if 21.5 < percent <= 100:
            return Cues(oxygen="supplemental")
    cues = find_cues(p, text, 0, len(text), 0)
    if header_is_oxygen and cues.oxygen is None:
        m = re.match(r"^\s*(\d{1,2}(?:\.\d+)?)\s*(?:l|lpm|l/min)?\s*$", text, re.IGNORECASE)
        if m and p.in_range("flow_lpm", float(m.group(1))):
            return Cues(oxygen="supplemental", flow=float(m.group(1)))
    return Cues(oxygen=cues.oxygen, flow=cues.flow)


def _condition_rows(p: Patterns, layout: PageLayout, table: Table, block_lines: set[int]
                    ) -> tuple[dict[int, Cues], Cues]:
    """Conditions the table's FiO2 / O2-device / flow rows state in one block (a specimen):
    per column, and overall."""
    per_col: dict[int, Cues] = {}
    overall = Cues()
    for row in table.rows:
        if row.line not in block_lines:
            continue
        label = row.cell(0)
        if label is None or not _OXYGEN_HEADER.match(label.run.text) or \
                find_labels(p, label.run.text, False):
            continue  # "Oxygen saturation in Arterial blood" is a result, not a condition
        for cell in row.cells:
            if cell.column == 0:
                continue
            cues = _cell_oxygen(cell, True, p, label.run.text)
            if cues.oxygen is None:
                text = f"{label.run.text} {cell.run.text}"
                cues = find_cues(p, text, 0, len(text), 0)
            if cues.any():
                per_col[cell.column] = cues.merged_over(per_col.get(cell.column, Cues()))
                overall = overall.merged_over(cues)
    del layout
    return per_col, overall


def _first_number(p: Patterns, kind: str, run: TextRun, unit_text: str
                  ) -> Candidate | None:
    text = _FLAGS.sub(lambda m: " " * len(m.group(0)), run.text)
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


def read_table(p: Patterns, ctx: SegmentContext, layout: PageLayout, table: Table
               ) -> list[Found]:
    cols = _column_info(p, ctx, layout, table)
    for col, date in _date_row(p, ctx, layout, table).items():
        if col < len(cols) and cols[col].date is None:
            cols[col].date = date
    for col, cues in _activity_row(p, table).items():
        if col < len(cols):
            cols[col].cues = cues.merged_over(cols[col].cues)
    page = layout.page.number
    kind_cols = [i for i, c in enumerate(cols) if c.kind is not None and i > 0]
    caption_cues, caption_date = _caption(p, ctx, layout, table)
    oximetry_scope = _oximetry_scope(ctx, layout, table) or bool(
        caption_cues.method == "oximetry")
    out: list[Found] = []
    venous_cols = _venous_columns(table)
    spec_cols = [i for i, c in enumerate(table.columns)
                 if c.header is not None and _SPECIMEN.match(c.header.text)]
    for row in table.rows:
        block = layout.block_of(row.line)
        per_col, overall = _condition_rows(p, layout, table,
                                           set(block.lines) if block else set(table.lines))
        row_venous = any(row.cell(i) is not None and _VENOUS_CELL.match(row.cell(i).run.text)
                         for i in spec_cols) or _VENOUS_TEXT.search(
                             row.cell(0).run.text if row.cell(0) else "")
        for f in _read_row(p, ctx, layout, table, row, cols, per_col,
                           overall.merged_over(caption_cues), kind_cols, oximetry_scope, page):
            column = next((c.column for c in row.cells if c.run is f.run), None)
            if row_venous or (column is not None and column in venous_cols):
                continue  # a venous or capillary gas is not an arterial value
            if caption_date is not None and f.date is ctx.visit:
                f.date = caption_date
            out.append(f)
    return out


_SPECIMEN = re.compile(r"^\s*(?:spec(?:imen)?|sample(?: type)?|source|site|type)\b", re.I)
_VENOUS_CELL = re.compile(r"^\s*(?:v|c|ven\w*|cap\w*|mixed\s+ven\w*|cvc|central ven\w*)\b",
                          re.IGNORECASE)
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
            if cell.column and _VENOUS_CELL.match(cell.run.text):
                out.add(cell.column)
    for i, col in enumerate(table.columns):
        if col.header is not None and _VENOUS_TEXT.search(col.header.text):
            out.add(i)
    return out


def _caption(p: Patterns, ctx: SegmentContext, layout: PageLayout, table: Table
             ) -> tuple[Cues, DateRef | None]:
    """The short line just above a table ("Exercise oximetry 20-Jan-2026", "Room-air study"):
    its conditions and date hold for the whole table."""
    first = min(table.lines)
    if first == 0:
        return Cues(), None
    line = layout.lines[first - 1]
    if layout.roles[first - 1] == "row" or len(line.text.split()) > 12 or \
            line.top < layout.lines[first].top - 3 * line.height:
        return Cues(), None
    cues = find_cues(p, line.text, 0, len(line.text), len(line.text))
    date = next((date_ref(d) for d in dates_in(p, line.run, line.index, ctx.convention)
                 if d.role in ("test_date", "event", "unlabeled") and d.date.iso
                 # a date alone (a RECEIVED stamp's last line) is no caption
                 and line.text[:d.date.start].strip() + line.text[d.date.end:].strip()),
                None)
    return cues, date


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
    label_cell = row.cell(0) or (row.cells[0] if row.cells else None)
    if label_cell is None:
        return []
    label_text = label_cell.run.text
    section = ctx.section(page, row.line)
    block_cues = ctx.block_cues.get((page, row.line), Cues())
    block_date = ctx.block_dates.get((page, row.line))
    fuzzy = line.run.source == "ocr"
    # time below a threshold, anywhere in the row
    below = [c for c in time_below(p, line.text, 0, len(line.text))
             if not _CONDITIONAL.search(line.text[max(0, c.start - 50):c.start])]
    if below:
        cues = find_cues(p, label_text, 0, len(label_text), 0)
        return [_found(ctx, line.run, c, cues, Cues(), block_cues, overall, section,
                       block_date, None, None, label_text, "table") for c in below]
    labels = find_labels(p, label_text, fuzzy, ctx.upper_doc)
    stopped = bool(stop_spans(p, label_text)) and not labels
    row_kind = labels[0].kind if labels else None
    row_cues = find_cues(p, label_text, 0, len(label_text), len(label_text))
    other = Cues()
    row_date: DateRef | None = None
    if row_kind is not None:
        sibling_cues, row_date = _siblings(p, ctx, table, row)
        row_cues = row_cues.merged_over(sibling_cues)
    for cell in row.cells:
        header = table.columns[cell.column].header if cell.column < len(table.columns) else None
        if cell.column and header is not None and _ACTIVITY_HEAD.search(header.text) and \
                find_cues(p, cell.run.text, 0, len(cell.run.text), 0).setting == "exercise":
            # an Activity column's "after ambulation 40 ft": that reading's exertion
            row_cues = Cues(setting="exercise").merged_over(row_cues)
    for cell in row.cells:
        for d in dates_in(p, cell.run, row.line, ctx.convention,
                          ctx.visit.iso if ctx.visit else None):
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
    out: list[Found] = []
    if row_kind is not None and not stopped:
        # values of the labelled row in value-like columns; or in the label cell itself
        inline = labelled(p, label_text, 0, len(label_text), [], fuzzy, ctx.upper_doc, labels)
        for cand in inline:
            out.append(_found(ctx, label_cell.run, cand, row_cues, other, block_cues, overall,
                              section, block_date, row_date, cols[0] if cols else None,
                              label_text, "table"))
        if inline:
            return out
        unit_text = " ".join(c.run.text for c in row.cells
                             if c.column < len(cols) and cols[c.column].role == "units")
        unit_text = _FLAGS.sub(" ", unit_text)
        for cell in row.cells:
            if cell.column == 0 or cell.column >= len(cols):
                continue
            info = cols[cell.column]
            if info.role in ("flag", "units", "reference", "other") or info.oxygen_header:
                continue
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
            # a draw with its own device or FiO2 takes nothing from the other draws' rows
            col_overall = Cues(setting=overall.setting, method=overall.method) \
                if cell.column in per_col else overall
            out.append(_found(ctx, cell.run, cand, row_cues, other.merged_over(col_cues),
                              block_cues, col_overall, section, block_date,
                              info.date or row_date, info, label_text, "table"))
            if (table.header_line is None or sum(
                    1 for c in table.columns[1:] if c.header is not None
                    and _ROLE_PATTERNS["value"].search(c.header.text) is None) < 2) and \
                    not _timed_columns(layout, table):
                break  # one value per row unless the columns head separate readings
        return out
    if stopped:
        return out
    for i in kind_cols:
        cell = row.cell(i)
        kind = cols[i].kind
        if cell is None or kind is None:
            continue
        cand = _first_number(p, kind, cell.run, "")
        if cand is not None:
            out.append(_found(ctx, cell.run, cand, row_cues, other, block_cues, overall,
                              section, block_date, row_date, cols[i], label_text, "table"))
    if out or kind_cols or not oximetry_scope or not row_cues.any():
        return out
    # an oximetry table whose rows name conditions and hold percentages
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
    own = find_cues(ctx_patterns(), text, 0, len(text), cand.start)
    cues = own.merged_over(row_cues).merged_over(other)
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
