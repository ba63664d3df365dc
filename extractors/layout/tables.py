"""Tables: regions of consecutive lines whose segments line up in columns, with their header
rows (one or several: names, then units or times), label-only group rows and wrapped cells.

Works the same on text-layer and OCR lines: ruled or not, a table's structure is its aligned
segments. Columns are the x-ranges the region's segments cover, separated by the gutters that
(almost) no segment crosses; each cell is the text of a line inside one column. The leading
rows without values are the header. A line with only a few cells that does not start a new
row (no date, no label of its own) continues the row above it ("00:08" under a draw's date,
"(continuous flow)" under a row label).

A region that runs in from a report's banner starts at its draw-date header or its column
names; a header run spanning narrow columns is split over the columns of the rows under it;
a first column of stray margin marks is folded into the labels' column.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence

from extractors.layout.lines import Line, Segment
from extractors.layout.model import Cell, Column, Row, Table
from extractors.layout.text_run import TextRun
from extractors.read.page import Word

_VALUE_START = re.compile(r"^(?!\s*02\s*[A-Za-z(])\s*(?:[<>≤≥↑↓*+]\s*)?[-+]?\.?\d+(?:[.,/:-]\d+)*"
                          r"(?![a-z])")
"""A cell opening with a number (not a label OCR began with a digit: "5pO2" for SpO2, "02
Device" for O2 Device)."""
_DATE_START = re.compile(r"^\s*\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?\b|^\s*\d{4}-\d{2}-\d{2}")
_PROSE_WORDS = 14
"""A single-segment line with more words than this ends a table."""
_GUTTER = 4.0
_PROSE_CELL = 12
"""A segment with more words than this is prose, not a cell."""
_FIELD_SEGMENT = re.compile(r"^\s*[A-Z][^:]{1,30}:\s*\S")
"""Narrowest gap (points) between two columns."""
_TRANSMISSION = re.compile(r"\b(?:from|fr)\s*:.*\b(?:to|t0)\s*:|\bp\.?\s*\d+\s*/\s*\d+\s*$|"
                           r"\bpage\s+\d+\s+of\s+\d+\b", re.IGNORECASE)
"""A fax transmission header or page footer: never a table's header."""


_ELAPSED = re.compile(r"^\s*\d{1,2}\s*(?:'|′|’|min\.?|minutes?)\s*$", re.IGNORECASE)
"""An elapsed-minute mark heading a column of a minute-by-minute grid ("1'", "2 min")."""


_OCR_O2 = re.compile(r"^\s*[0O]2\s*$")
"""A cell reading "02": OCR's "O2" heading an oxygen column, not a number."""


def _row_like(line: Line) -> bool:
    """Two or more segments, later ones starting with a number (not a minute mark, not a
    count 1 2 3 4 … heading a grid's columns): a data row (a header of many labels with one
    that OCR read as a number, "02" for O2, is not)."""
    if len(line.segments) < 2 or counting(line):
        return False
    later = line.segments[1:]
    numbers = sum(1 for s in later if _VALUE_START.match(s.text) and not _ELAPSED.match(s.text)
                  and not _OCR_O2.match(s.text))
    return numbers >= max(1, len(later) // 3)


def counting(line: Line) -> bool:
    """The line counts 1 2 3 4 … (or 1' 2' 3' …) in its own cells: a grid's minute or step
    header, not data and not the options of a question."""
    numbers = [int(m.group(1)) for s in line.segments
               if (m := re.fullmatch(r"\s*(\d{1,2})\s*['′’]?\s*", s.text))]
    return any(numbers[k:k + 4] == list(range(numbers[k], numbers[k] + 4))
               for k in range(len(numbers)))


def _close(a: Line, b: Line, factor: float = 2.4) -> bool:
    return b.page == a.page and b.column == a.column and \
        b.top - a.bottom <= factor * max(a.height, b.height)


def _region(lines: Sequence[Line], start: int, taken: set[int]) -> list[Line]:
    """The grid region starting at ``lines[start]``: consecutive close lines of several
    segments, with short single-segment lines (group labels, wrapped cells) inside it."""
    region: list[Line] = []
    j = start
    while j < len(lines) and lines[j].index not in taken:
        cand = lines[j]
        if region and not _close(region[-1], cand):
            break
        if len(cand.segments) >= 2 or (region and len(cand.text.split()) <= _PROSE_WORDS and
                                       not cand.text.rstrip().endswith(".")):
            region.append(cand)
        else:
            break
        j += 1
    while region and len(region[-1].segments) < 2:
        region.pop()
    return region


_RULE_LINE = re.compile(r"^[\s\-_=–—]+$")
"""A line of dashes or underscores only: a typed rule, no cells."""


def _columns(rows: Sequence[Line], page_width: float) -> list[Column]:
    """Column x-ranges: the spans the rows' segments cover, split at gutters that at most a
    few lines cross (a long row label may run over one)."""
    # (a rule under the header, "--------  ------  ----", is drawn across narrow gutters)
    multi = [ln for ln in rows if len(ln.segments) >= 2 and not _RULE_LINE.match(ln.text)]
    # a comment cell of prose ("Comments:  ambulated 216 ft in hallway on room air …") runs
    # over the columns; it does not say where they are
    gridded = [ln for ln in multi if not any(_prose_cell(s.text) for s in ln.segments)]
    multi = gridded if len(gridded) >= 2 else multi
    if not multi:
        return []
    left = min(s.x0 for ln in multi for s in ln.segments)
    right = max(s.x1 for ln in multi for s in ln.segments)
    width = int(right - left) + 2
    cover = [0] * width
    for ln in multi:
        for s in ln.segments:
            for x in range(max(0, int(s.x0 - left)), min(width, int(s.x1 - left) + 1)):
                cover[x] += 1
    allowed = max(0, len(multi) // 8)
    cuts: list[tuple[float, float]] = []
    x = 0
    while x < width:
        if cover[x] <= allowed:
            y = x
            while y < width and cover[y] <= allowed:
                y += 1
            if y - x >= _GUTTER and x > 0 and y < width:
                cuts.append((left + x, left + y))
            x = y
        else:
            x += 1
    bounds = [0.0] + [(a + b) / 2 for a, b in cuts] + [page_width]
    return [Column(None, bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def _prose_cell(text: str) -> bool:
    """A segment of prose: many words, or a sentence of five words or more ("Lungs diminished
    at bases. Tolerating O2.")."""
    words = text.split()
    return len(words) > _PROSE_CELL or (len(words) >= 5 and text.rstrip().endswith("."))


def _assign(segments: Sequence[Segment], columns: Sequence[Column]) -> list[Cell]:
    cells: dict[int, list[Segment]] = {}
    for seg in segments:
        best, best_overlap = 0, -1.0
        for i, col in enumerate(columns):
            overlap = min(seg.x1, col.x1) - max(seg.x0, col.x0)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        cells.setdefault(best, []).append(seg)
    return [Cell(i, TextRun.join([s.run for s in segs], "   "))
            for i, segs in sorted(cells.items())]


_UNIT_WORD = re.compile(r"^\(?(?:mm\S{0,3}|hg|torr|kpa|%|mmol/l|meq/l|g/dl|l/l|units?)\)?$", re.I)
"""A unit printed after a column name ("mmHg", OCR's "mmlig")."""


_JOINING = re.compile(r"^(?:of|at|in|per|to|with|and|or|the|a|an|for|from|below|above|under|"
                      r"over|than|&)$", re.IGNORECASE)
_ANALYTE = re.compile(r"^(?:p\s?h|[a-z]{0,3}[o0c][2z]|hco3-?|be|hct|hgb|hb|lac\w*)$", re.IGNORECASE)
"""A blood-gas analyte's short name heading a column ("pH", "pCO2", "sO2", "HCO3", "BE")."""


def _split_over(segments: Sequence[Segment], columns: Sequence[Column]) -> list[Segment]:
    """Header segments cut where their words stand over different columns."""
    out: list[Segment] = []
    for seg in segments:
        tokens: list[list[Word]] = []
        for w in seg.run.words:
            if tokens and _UNIT_WORD.match(w.text):
                tokens[-1].append(w)  # "pO2 mmHg": a name and its unit stay together
            else:
                tokens.append([w])
        groups: dict[int, list[Word]] = {}
        for token in tokens:
            mid = (token[0].x0 + token[-1].x1) / 2
            col = next((i for i, c in enumerate(columns) if c.x0 <= mid < c.x1), -1)
            groups.setdefault(col, []).extend(token)
        ordered = sorted(groups.items())
        analytes = all(_ANALYTE.match(ws[0].text) for _, ws in ordered)
        if len(groups) < 2 or (not analytes and any(
                _JOINING.match(a[-1].text) or b[0].x0 - a[-1].x1 < 0.5 * a[-1].height
                for (_, a), (_, b) in itertools.pairwise(ordered))):
            # (a name is not cut after a word that joins it to the next, nor where its words
            # stand one space apart: "% of | analyzed time" is one name crossing into the
            # next column; analytes one space apart, "pH pCO2 pO2", are several)
            out.append(seg)
            continue
        run = seg.run
        out += [Segment(TextRun.of(run.page, ws, run.source, run.to_page))
                for _, ws in sorted(groups.items())]
    return out


def _header_count(region: Sequence[Line], columns: Sequence[Column]) -> int:
    """Leading lines of the region without values: the header (names, then units or draw
    times under the value columns; a line with a row label of its own is a row)."""
    n = 0
    for ln in region:
        if n and _draw_dates(region[n - 1]) and all(_CLOCK.match(s.text) for s in ln.segments):
            n += 1  # the draws' collection times under their dates ("1307   1840")
            continue
        if _row_like(ln) and not _header_of_dates(ln) and not (n == 0 and _mostly_names(ln)):
            break
        if n and columns and ln.segments[0].x0 < columns[0].x1 - 2:
            break
        n += 1
    return n if n < len(region) else 0


_CALENDAR = re.compile(r"^\s*\d{1,2}[/-]\d{1,2}[/-]\d{2,4}(?:\s+\d{1,2}:?\d{2})?\s*$")
_CLOCK = re.compile(r"^\s*(?:[01]\d|2[0-3]):?[0-5]\d\s*$")


def _draw_dates(line: Line) -> bool:
    """A header row naming two or more draws by calendar date ("UNITS  REF  11/06/25
    11/07/25"), or one beside the column names: the head of a cumulative report's value
    columns."""
    dated = sum(bool(_CALENDAR.match(s.text)) for s in line.segments)
    if dated >= 2 and dated == len(line.segments):
        return True
    names = sum(bool(_COLUMN_NAME.match(s.text)) for s in line.segments)
    if dated >= 1 and names >= 2 and dated + names == len(line.segments):
        return True  # "Test  Units  Ref range  01/04/24": one draw (a report's last page)
    return dated >= 2 and not _VALUE_START.match(line.segments[0].text)


def _from_draw_header(region: list[Line]) -> list[Line]:
    """A region that runs into a cumulative report's draw-date header from the banner above
    it (patient line with a DOB, a date range) starts at that header: lines above it that
    carry dates or values are not part of the table's head."""
    k = next((i for i, ln in enumerate(region) if _draw_dates(ln)), 0)
    if k and any(_row_like(ln) or _DATE_ANY.search(ln.text) for ln in region[:k]):
        return region[k:]
    return region


_COLUMN_NAME = re.compile(
    r"^\s*(?:test(?:\s+name)?|analyte|component|parameter|name|results?|values?|units?|flags?|"
    r"normal(?:\s+range)?|ref(?:erence)?\.?(?:\s+(?:range|interval|values?))?|range|"
    r"interval|status|comments?)\s*$", re.IGNORECASE)


def _column_names(line: Line) -> bool:
    """A line of column names only ("Analyte   Value   Units   Normal")."""
    return len(line.segments) >= 3 and all(_COLUMN_NAME.match(s.text) for s in line.segments)


def _from_column_names(region: list[Line]) -> list[Line]:
    """A panel title printed as a row above the column names ("VENOUS BLOOD GAS (VBG)
    Collected …") is the table's caption, not its header: the table starts at its names."""
    for i, ln in enumerate(region):
        if _row_like(ln):
            return region
        if i and _column_names(ln):
            return region[i:]
    return region


_DATE_ANY = re.compile(r"\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b")


def _mostly_names(line: Line) -> bool:
    """A first line of column names with one name OCR read as a number ("sO2 %" → "502%")."""
    later = line.segments[1:]
    numbers = sum(bool(_VALUE_START.match(s.text)) for s in later)
    names = sum(bool(re.match(r"^\s*[A-Za-z]", s.text)) for s in line.segments)
    return numbers == 1 and len(line.segments) >= 5 and names >= len(line.segments) - 1


def _header_of_dates(line: Line) -> bool:
    """A header row of draw dates or times ("Test | Units | 03/23/24 | 03/21/24", "03/01/25
    0600"), a cell possibly holding several of them (OCR joins close ones)."""
    day = r"(?:\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|\d{1,2}:\d{2}|\d{1,2}[- ][A-Za-z]{3}[- ]\d{2,4})"
    # (a night's two dates: "05/06/2025 - 05/07/2025")
    stamp = re.compile(rf"^(?:\s*{day}(?:\s*(?:-|–|to)\s*{day})?(?:\s+\d{{1,2}}:?\d{{2}})?)+\s*$")
    if all(stamp.match(s.text) for s in line.segments):
        return True
    later = line.segments[1:]
    dated = sum(bool(stamp.match(s.text)) for s in later)
    return dated >= max(1, len(later) - 2) and dated >= 1 and not _VALUE_START.match(
        line.segments[0].text)


_WRAPPED_UNIT = re.compile(r"^\s*(?:l/min|lpm|u/?min|liters?(?:/min)?|mm\s?hg|kpa)\b", re.I)
"""A unit wrapped under its number ("Nasal cannula 2" / "L/min", OCR's "Umin")."""


def _continues(line: Line, prev: Row | None, prev_line: Line | None, ncols: int) -> bool:
    """``line`` holds the wrapped parts of the row above it."""
    if prev is None or prev_line is None or not _close(prev_line, line, 1.3):
        return False
    first = line.segments[0].text
    if _DATE_START.match(first):
        return False
    if re.match(r"^\s*\d{1,2}\.\d{2}\s*$", first) and prev.cells and \
            _DATE_START.match(prev.cells[0].run.text) and _close(prev_line, line, 1.3):
        return True  # a draw's time under its date, its colon read as a point ("22.43")
    few = len(line.segments) <= max(1, min(2, (len(prev.cells) - 1) // 2))
    lower = first[:1].islower() or first[:1] == "(" or bool(re.match(r"^\s*\d{1,2}:\d{2}", first)) \
        or bool(_WRAPPED_UNIT.match(first))
    return few and lower


def find_tables(lines: Sequence[Line], page_width: float, taken: set[int]) -> list[Table]:
    """Tables among ``lines`` (reading order); lines in ``taken`` are never table lines."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if lines[i].index in taken or len(lines[i].segments) < 2:
            i += 1
            continue
        region = _region(lines, i, taken)
        while region and (_FIELD_SEGMENT.match(region[0].segments[0].text) or
                          _TRANSMISSION.search(region[0].text) or _fields_above(region[0])):
            # "Diagnosis: COPD   Height 170 cm", "Patient:   X   DOB:   04/30/1941" or a fax
            # header line above a table
            region = region[1:]
        first_data = next((k for k, ln in enumerate(region) if _row_like(ln)), 0)
        cut = max((k + 1 for k in range(first_data) if _field_line(region[k])), default=0)
        region = region[cut:]  # a title line, then "Patient: …   Date of test: …", above it
        region = _up_to_next_header(region)
        region = _before_trailing_fields(region)
        region = _after_heading(region)
        region = _from_date_header(region)
        region = _from_draw_header(region)
        region = _from_column_names(region)
        while len(region) >= 3 and not _row_like(region[0]) and len(region[0].segments) <= 2 \
                and len(_columns(region[1:], page_width)) >= len(_columns(region, page_width)) + 2:
            # a title line over the grid ("St. Brendan Medical Center   TRANSFER FORM") runs
            # across the columns of the lines under it: not a header of this table
            region = region[1:]
        while len(region) >= 3 and len(region[0].segments) == 1 and \
                _LONE_DATE.match(region[0].text):
            region = region[1:]  # a date stamped over the grid ("RECEIVED … APR 8, 2024")
        data = [ln for ln in region if _row_like(ln)]
        if len(region) < 2 or not data:
            i += 1
            continue
        columns = _columns(region, page_width)
        heads = _header_count(region, columns)
        if heads and len(region) - heads >= 3:
            # a header cell spanning narrow columns ("pH pCO2 mmHg pO2 mmHg") hides their
            # gutters: the columns are those of the rows under it
            body = _columns(region[heads:], page_width)
            if len(body) > len(columns):
                columns = body
        if len(columns) < 2:
            i = _after(lines, i, region)
            continue
        header_lines = region[:heads]
        if header_lines:
            for col in columns:
                parts = [c.run for hl in header_lines
                         for c in _assign(_split_over(hl.segments, columns), columns)
                         if c.column == columns.index(col)]
                col.header = TextRun.join(parts) if parts else None
        table = Table(header_lines[0].index if header_lines else None, columns, [])
        table.header_extra = [hl.index for hl in header_lines[1:]]
        prev_row: Row | None = None
        prev_line: Line | None = None
        for ln in region[heads:]:
            if prev_row is not None and _continues(ln, prev_row, prev_line, len(columns)):
                for cell in _assign(ln.segments, columns):
                    own = prev_row.cell(cell.column)
                    if own is not None:
                        own.run = TextRun.join([own.run, cell.run])
                    else:
                        prev_row.cells.append(cell)
                        prev_row.cells.sort(key=lambda c: c.column)
                prev_row.continuation.append(ln.index)
                prev_line = ln
                continue
            if len(ln.segments) == 1:
                table.group_lines.append(ln.index)
                prev_line = ln
                continue
            prev_row = Row(ln.index, _assign(ln.segments, columns))
            table.rows.append(prev_row)
            prev_line = ln
        if table.rows:
            _fold_stray_margin(table)
            if table.header_line is None:
                _borrow_header(table, tables)
            tables.append(table)
        i = _after(lines, i, region)
    return tables


def _fold_stray_margin(table: Table) -> None:
    """A first column holding a stray mark or two (OCR of a stamp or a punch hole in the
    margin) while the next one holds the row labels: fold it into the labels' column, so
    the labels are the first column."""
    if len(table.columns) < 3 or len(table.rows) < 4:
        return
    first = sum(1 for r in table.rows if r.cell(0) is not None)
    second = sum(1 for r in table.rows if (c := r.cell(1)) is not None and
                 re.search(r"[A-Za-z]{2}", c.run.text))
    head = table.columns[0].header
    if first * 4 > len(table.rows) or second * 3 < 2 * len(table.rows) or \
            (head is not None and re.search(r"[A-Za-z]{2}", head.text)):
        return
    for row in table.rows:
        stray, label = row.cell(0), row.cell(1)
        if stray is not None and label is not None:
            label.run = TextRun.join([stray.run, label.run])
        elif stray is not None:
            stray.column = 1
        row.cells = [c for c in row.cells if c.column != 0 or label is None]
        for c in row.cells:
            c.column -= 1
    merged = table.columns[1]
    merged.x0 = table.columns[0].x0
    if merged.header is None:
        merged.header = table.columns[0].header
    table.columns = table.columns[1:]


_LONE_DATE = re.compile(r"^\s*(?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+"
                        r"\d{4}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4})\s*$")
_MEASURE_HEAD = re.compile(r"^\s*(?:[s5]\s?p\s?[o0]\s?2|s\s?a\s?[o0]\s?2|p\s?a?\s?[o0]\s?2|"
                           r"o2\s?sat\w*|sat(?:uration)?s?|hct|h(?:a)?ematocrit)\b", re.IGNORECASE)


def _from_date_header(region: list[Line]) -> list[Line]:
    """A grid whose header is a row of draw dates starts at that row: the lines above it (a
    report's banner of name, MRN and DOB, its title) are not rows of the grid."""
    for k, ln in enumerate(region[1:4], start=1):
        dates = [s for s in ln.segments if _DATE_START.match(s.text)]
        if _labels_over(region[k - 1], ln):
            continue  # "Patient name | Date of birth | Test date" over its values: not draws
        if len(dates) >= 2 and len(ln.segments) - len(dates) <= 2 and \
                not _VALUE_START.match(ln.segments[0].text) and "," not in ln.segments[0].text \
                and k + 2 <= len(region) and \
                not _header_of_dates(region[0]):
            return region[k:]
    return region


def _labels_over(labels: Line, values: Line) -> bool:
    """``labels`` is a row of word labels (no digits), each over one of ``values``' cells."""
    if len(labels.segments) < 2 or len(labels.segments) != len(values.segments) or \
            any(re.search(r"\d", s.text) or not s.text.strip()[:1].isalpha()
                for s in labels.segments):
        return False
    return all(abs(a.x0 - b.x0) <= 12 for a, b in zip(labels.segments, values.segments,
                                                        strict=True))


def _after_heading(region: list[Line]) -> list[Line]:
    """A grid starts after a heading line between the lines above it and its header ("□
    continuous  □ with exertion" / "LAST VITAL SIGNS" / "Date  Time  HR  SpO2"): what comes
    before the heading belongs to another part of the page."""
    # (banner fields with a value, "Child:   X   DOB:   10/02/2024", are no data rows)
    first_data = next((k for k, ln in enumerate(region) if _row_like(ln) and
                       not _field_line(ln)), None)
    if first_data is None or first_data < 2:
        return region
    heads = [k for k in range(1, first_data) if len(region[k].segments) == 1
             and re.match(r"^\s*[A-Z][A-Za-z]+(?:\s+[A-Za-z/&]|\s*:?\s*$)", region[k].text)]
    return region[heads[-1] + 1:] if heads else region


def _up_to_next_header(region: list[Line]) -> list[Line]:
    """A region holding two grids, one under the other ("PATIENT | DOB | VISIT DATE" over its
    values, then "BP | HR | SpO2 | O2" over the vitals rows), ends before the second grid's
    header: a line of short labels without numbers that heads a measurement column."""
    seen_data = False
    for k, ln in enumerate(region):
        if seen_data and len(ln.segments) >= 3 and not _row_like(ln) \
                and all(len(s.text.split()) <= 4 for s in ln.segments) \
                and any(_MEASURE_HEAD.match(s.text) for s in ln.segments[1:]) \
                and any(_row_like(nxt) for nxt in region[k + 1:k + 3]):
            return region[:k]
        if seen_data and len(ln.segments) >= 3 and _header_of_dates(ln) and \
                all(re.match(r"^\s*\d{1,2}[/-]\d{1,2}", seg.text) for seg in ln.segments[1:]) \
                and any(_row_like(nxt) for nxt in region[k + 1:k + 3]):
            return region[:k]  # a second panel's own draw dates ("CBC | 08/02 | 08/05")
        seen_data = seen_data or _row_like(ln)
    return region


_LABEL_SEGMENT = re.compile(r"^\s*[A-Z][^:\d]{1,30}:\s*$")
"""A label ending in a colon, its value in the next segment ("Method:   treadmill …")."""


def _fields_above(line: Line) -> bool:
    """A banner line of "Label:" segments each followed by its value ("Patient:   X   DOB:
    04/30/1941"), or of one such label before one or two cells ("Printed:   09-Mar-2025   …"),
    never a header of draw dates ("Date:   02-Mar   03-Mar   04-Mar")."""
    labels = [k for k, seg in enumerate(line.segments) if _LABEL_SEGMENT.match(seg.text)]
    if not labels or labels[0] != 0:
        return False
    dates = sum(bool(_DATE_ANY.search(seg.text) or _DATE_START.match(seg.text))
                for seg in line.segments)
    return len(labels) >= 2 or (len(line.segments) <= 3 and dates <= 1)


_TRAILING_LABEL = re.compile(r"^\s*[A-Z][^:]{1,50}:\s*$")
"""A field's label after a grid may name an analyte and its conditions ("Lowest SpO2 during
walk (on 2 L/min):")."""


def _before_trailing_fields(region: list[Line]) -> list[Line]:
    """A grid whose rows are not "Label:" fields ends at the first such field line after them
    ("Condition at discharge:   stable …" under a walk's "Rest, seated | Room air | 90 %")."""
    seen_rows = False
    for k, ln in enumerate(region):
        labelled = bool(_TRAILING_LABEL.match(ln.segments[0].text) or
                        _FIELD_SEGMENT.match(ln.segments[0].text)) if ln.segments else False
        if seen_rows and labelled:
            return region[:k]
        seen_rows = seen_rows or (_row_like(ln) and not labelled)
    return region


def _field_line(line: Line) -> bool:
    """A line of fields above a grid ("Patient: …   Date of test: …"), or a title with its
    field ("Exercise oximetry      Date: 08/14/2026"): not the grid's header."""
    segs = line.segments
    return bool(_FIELD_SEGMENT.match(segs[0].text)) or (
        len(segs) == 2 and bool(_FIELD_SEGMENT.match(segs[1].text))) or (
        len(segs) >= 2 and bool(_LABEL_SEGMENT.match(segs[0].text)))


def _after(lines: Sequence[Line], i: int, region: list[Line]) -> int:
    """Where the table finder goes on: after the region's last line (its front may have been
    trimmed off), or at the next line."""
    if not region:
        return i + 1
    last = next((k for k in range(i, len(lines)) if lines[k] is region[-1]), i)
    return max(i + 1, last + 1)


def _borrow_header(table: Table, earlier: Sequence[Table]) -> None:
    """A header-less table under a headed one with the same columns (a second specimen of a
    lab report) takes that header's column names."""
    for prev in reversed(earlier):
        if prev.header_line is None or prev.header_line > min(table.lines):
            continue
        centers = [(c.x0 + c.x1) / 2 for c in prev.columns if c.header is not None]
        if not centers:
            continue
        matched = 0
        for col in table.columns:
            mid = (col.x0 + col.x1) / 2
            near = min(prev.columns, key=lambda c: abs((c.x0 + c.x1) / 2 - mid))
            if near.x0 <= mid <= near.x1:
                col.header = near.header
                matched += 1
        if matched < max(2, len(table.columns) // 2):
            for col in table.columns:
                col.header = None
        return


def median_pitch(lines: Sequence[Line]) -> float:
    tops = [ln.top for ln in lines]
    gaps = [b - a for a, b in itertools.pairwise(tops) if b > a]
    return statistics.median(gaps) if gaps else 12.0
