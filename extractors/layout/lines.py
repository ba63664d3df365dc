"""Visual lines of a page in reading order, each split into segments at wide gaps.

Words are grouped into lines by vertical overlap. A line's *segments* are its runs of words
without a wide gap: the cells of a table row, the label and value of a form field, or the two
halves of a two-column page (which are then read as separate lines, left column first). A
wide table's aligned number columns are not a page's gutter.
"""

from __future__ import annotations

import itertools
import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.layout.text_run import TextRun, union
from extractors.models import BBox
from extractors.read.page import Page, Word

SEGMENT_GAP = 1.0
"""A gap wider than this many word heights starts a new segment."""


@dataclass
class Segment:
    """Words of one line without a wide gap between them."""

    run: TextRun

    @property
    def text(self) -> str:
        return self.run.text

    @property
    def x0(self) -> float:
        return self.run.bbox[0]

    @property
    def x1(self) -> float:
        return self.run.bbox[2]


@dataclass
class Line:
    """Words on one visual line (left to right) of one page."""

    page: int
    run: TextRun
    segments: list[Segment] = field(default_factory=list)
    index: int = 0
    """Position in the page's reading order."""
    column: int = 0
    """0 for a full-width line or the left column, 1 for the right column."""

    @property
    def text(self) -> str:
        return self.run.text

    @property
    def words(self) -> list[Word]:
        return self.run.words

    @property
    def bbox(self) -> BBox:
        return self.run.bbox

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def bottom(self) -> float:
        return self.bbox[3]

    @property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words) if self.words else 1.0


FAX_HEADER = re.compile(r"\b(?:from|fr)\s*:.*\b(?:to|t0)\s*:|\bp\.?\s*\d+\s*/\s*\d+\s*$|"
                         r"\bpage\s+\d+[\s:.]*[o0]f\s*[·.:]?\s*\d+\b|"
                         r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:?\d{2}\b.{0,12}\(?\d{3}\)?[\s.-]*"
                         r"\d{3}[\s.-]\d{4}\b|"
                         r"^\s*\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\s+\d{1,2}:?\d{2}(?:\s*[ap]m)?\s+"
                         r"\+?1?\s*[(\[]?\d{3}[)\]1l|]?[\s.-]*\d{3}[\s.-]\d{4}\b", re.IGNORECASE)
"""A fax transmission header or page footer line: never a title, letterhead or evidence. A
machine's header may be only its date, time and number ("8/18/25 1057 (650) 555-0125 …"); a
re-fax stacks the sending machine's own line ("11/18/24 0956 (555) 555-0135 CLINIC #1")."""


def _make_line(page: Page, words: Sequence[Word]) -> Line:
    ordered = sorted(words, key=lambda w: w.x0)
    run = TextRun.of(page.number, ordered, page.source, page.to_page, gap_sep=SEGMENT_GAP)
    segments: list[list[Word]] = []
    for w in ordered:
        if segments and w.x0 - segments[-1][-1].x1 <= SEGMENT_GAP * max(
                segments[-1][-1].height, w.height):
            segments[-1].append(w)
        else:
            segments.append([w])
    segs = [Segment(TextRun.of(page.number, s, page.source, page.to_page)) for s in segments]
    return Line(page.number, run, segs)


def _rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped by vertical overlap of their middles with a row's band."""
    rows: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.ymid, w.x0)):
        for i, (r_top, r_bot) in enumerate(bands):
            if r_top <= w.ymid <= r_bot and abs((r_top + r_bot) / 2 - w.ymid) < \
                    0.45 * (r_bot - r_top):
                rows[i].append(w)
                n = len(rows[i])
                bands[i] = (r_top + (w.top - r_top) / n, r_bot + (w.bottom - r_bot) / n)
                break
        else:
            rows.append([w])
            bands.append((w.top, w.bottom))
    return rows


def _wordy(words: Sequence[Word]) -> bool:
    """Most of these words hold letters: text, not the number cells of a wide table (whose
    column gaps line up like a gutter)."""
    return sum(1 for w in words if _WORDY.search(w.text)) * 2 >= len(words)


def _cells(words: Sequence[Word]) -> int:
    """How many segments (cells) the words make: the halves of a wide table's rows are both
    rows of cells, while a column of a page holds prose or a label and its value."""
    ordered = sorted(words, key=lambda w: w.x0)
    return 1 + sum(1 for a, b in itertools.pairwise(ordered)
                   if b.x0 - a.x1 > SEGMENT_GAP * max(a.height, b.height))


_WORDY = re.compile(r"[A-Za-z]{2}")
"""A word of prose (a table of numbers has gaps between its columns too)."""


class _RowSpans:
    """One row's words sorted by their edges, to count in O(log n) the words left of, right
    of and across a vertical band. The words left of ``x`` (``x1 < x`` or ``x1 <= x``) are
    always the first of them by ``x1``, so a count names the set; results that depend only
    on the sets are computed once per distinct pair of counts."""

    def __init__(self, row: Sequence[Word]) -> None:
        self.row = row
        self.by_x1 = sorted(row, key=lambda w: w.x1)
        self.by_x0 = sorted(row, key=lambda w: w.x0)
        self.x1s = [w.x1 for w in self.by_x1]
        self.x0s = [w.x0 for w in self.by_x0]
        self.proper = all(w.x0 <= w.x1 for w in row)
        self.memo: dict[tuple[int, int], bool] = {}

    def crossed(self, lo: float, hi: float) -> bool:
        """Some word reaches into the open band (lo, hi)."""
        if not self.proper:
            return any(w.x0 < hi and w.x1 > lo for w in self.row)
        # every word is clear of the band iff it ends at or before lo or starts at or after hi
        clear = bisect_right(self.x1s, lo) + len(self.x0s) - bisect_left(self.x0s, hi)
        return clear < len(self.row)


def _gutter(page: Page, rows: list[list[Word]]) -> float | None:
    """x of the gutter of a two-column page: a vertical band in the middle of the page that
    no word crosses on most text rows, with several words on both sides that are not both
    rows of table cells."""
    if len(rows) < 8:
        return None
    lo, hi = page.width * 0.3, page.width * 0.7
    spans = [_RowSpans(row) for row in rows]
    best: tuple[int, float] | None = None
    x = lo
    while x <= hi:
        both = 0
        crossed = 0
        for span in spans:
            if span.crossed(x - 4, x + 4):
                crossed += 1
            elif _two_sides(span, x):
                both += 1
        if crossed <= len(rows) * 0.1 and both >= max(6, len(rows) * 0.4) and \
                (best is None or both > best[0]):
            best = (both, x)
        x += 4
    return best[1] if best else None


def _split(span: _RowSpans, nl: int, nr: int) -> tuple[list[Word], list[Word]]:
    """The row's ``nl`` leftmost-ending and ``nr`` rightmost-starting words, each side in the
    row's own order (`_cells` and `_misaligned` break ties by it)."""
    left_ids = {id(w) for w in span.by_x1[:nl]}
    right_ids = {id(w) for w in span.by_x0[len(span.x0s) - nr:]}
    return ([w for w in span.row if id(w) in left_ids],
            [w for w in span.row if id(w) in right_ids])


def _two_sides(span: _RowSpans, x: float) -> bool:
    """The row has at least three words of prose on each side of a gutter at ``x``, both
    sides mostly prose and not both rows of table cells."""
    row = span.row
    if not span.proper:
        return _two_sides_of([w for w in row if w.x1 < x - 4], [w for w in row if w.x0 > x + 4])
    nl = bisect_left(span.x1s, x - 4)
    nr = len(span.x0s) - bisect_right(span.x0s, x + 4)
    key = (nl, nr)
    found = span.memo.get(key)
    if found is None:
        found = _two_sides_of(*_split(span, nl, nr))
        span.memo[key] = found
    return found


def _two_sides_of(left_all: list[Word], right_all: list[Word]) -> bool:
    left = [w for w in left_all if _WORDY.search(w.text)]
    right = [w for w in right_all if _WORDY.search(w.text)]
    return len(left) >= 3 and len(right) >= 3 and _wordy(left_all) and \
        _wordy(right_all) and not (_cells(left_all) >= 3 and _cells(right_all) >= 3)


def _misaligned(left: list[Word], right: list[Word]) -> bool:
    """Words of one grouped row whose sides, next to the gutter, sit on different baselines
    (OCR boxes of two columns' lines overlapping): two lines, not one."""
    near_left = max(left, key=lambda w: w.x1)
    near_right = min(right, key=lambda w: w.x0)
    height = min(near_left.height, near_right.height)
    return abs(near_left.ymid - near_right.ymid) > 0.3 * height


def _sides_apart(span: _RowSpans, x: float) -> tuple[int, int, bool]:
    """How many of the row's words end by ``x - 6`` and start from ``x + 6``, and whether
    both sides hold words on different baselines (`_misaligned`)."""
    row = span.row
    if not span.proper:
        left = [w for w in row if w.x1 <= x - 6]
        right = [w for w in row if w.x0 >= x + 6]
        return len(left), len(right), bool(left and right) and _misaligned(left, right)
    nl = bisect_right(span.x1s, x - 6)
    nr = len(span.x0s) - bisect_left(span.x0s, x + 6)
    if not (nl and nr):
        return nl, nr, False
    key = (-1 - nl, nr)  # apart from `_two_sides`'s keys
    found = span.memo.get(key)
    if found is None:
        found = _misaligned(*_split(span, nl, nr))
        span.memo[key] = found
    return nl, nr, found


def _flow_gutter(page: Page, rows: list[list[Word]]) -> float | None:
    """x of the gutter between a narrow column (a vitals or labs sidebar) and a column of
    prose whose lines do not share baselines with it: a vertical band that almost no row
    crosses, with many rows holding words on one side only (or on both sides at different
    baselines) — left-only rows and right-only rows of prose. A table or a form of labels
    and values keeps each row on both sides, on one baseline."""
    if len(rows) < 10:
        return None
    lo, hi = page.width * 0.2, page.width * 0.8
    spans = [_RowSpans(row) for row in rows]
    scores: list[tuple[int, float]] = []
    x = lo
    while x <= hi:
        crossed = left_only = right_only = right_prose = left_prose = 0
        for span in spans:
            if span.crossed(x - 6, x + 6):
                crossed += 1
                continue
            left, right, apart = _sides_apart(span, x)
            if left and (apart or not right):
                left_only += 1
                left_prose += left >= 4
            if right and (apart or not left):
                right_only += 1
                right_prose += right >= 4
        prose = max(right_prose, left_prose)
        if crossed <= max(3, len(rows) * 0.1) and \
                min(left_only, right_only) >= max(4, len(rows) // 6) and prose >= 4:
            scores.append((left_only + right_only, x))
        x += 4
    if not scores:
        return None
    top = max(score for score, _ in scores)
    xs = [x for score, x in scores if score == top]
    return xs[len(xs) // 2]  # the middle of the clear band


def _merged_verticals(page: Page) -> list[tuple[float, float, float]]:
    """Vertical rules as (x, top, bottom), collinear pieces joined (a fax breaks a line)."""
    pieces = sorted(((r.x0 + r.x1) / 2, r.top, r.bottom) for r in page.rules
                    if not r.horizontal)
    merged: list[list[float]] = []
    for x, top, bottom in pieces:
        for m in merged:
            if abs(m[0] - x) <= 2.5 and top <= m[2] + 10 and m[1] <= bottom + 10:
                m[1], m[2] = min(m[1], top), max(m[2], bottom)
                break
        else:
            merged.append([x, top, bottom])
    return [(m[0], m[1], m[2]) for m in merged]


def _rule_gutter(page: Page) -> tuple[float, float, float] | None:
    """(x, top, bottom) of the gap between two columns of boxed fields (a transfer form, a
    fax cover): the right edge of the left column's boxes and the left edge of the right
    column's run side by side a few points apart, and no horizontal rule or word crosses the
    gap between them. A ruled table's rows cross its column lines, so a table never has one."""
    verticals = [v for v in _merged_verticals(page) if v[2] - v[1] >= 30]
    lo, hi = page.width * 0.25, page.width * 0.75
    best: tuple[float, float, float, float] | None = None
    for a in verticals:
        for b in verticals:
            gap = b[0] - a[0]
            if not (4 <= gap <= 40) or not (lo <= a[0] <= hi):
                continue
            top, bottom = max(a[1], b[1]), min(a[2], b[2])
            if bottom - top < 30:
                continue
            top, bottom = min(a[1], b[1]), max(a[2], b[2])
            x = (a[0] + b[0]) / 2
            crossed = any(r.horizontal and r.x0 < x - 1 and r.x1 > x + 1 and
                          top + 2 < r.top < bottom - 2 for r in page.rules)
            crossed = crossed or any(w.x0 < x - 1 and w.x1 > x + 1 and top <= w.ymid <= bottom
                                     for w in page.words)
            # a gutter is empty: words between the two lines make it a narrow table column
            crossed = crossed or any(a[0] < w.xmid < b[0] and top <= w.ymid <= bottom
                                     for w in page.words)
            if not crossed and (best is None or bottom - top > best[0]):
                best = (bottom - top, x, top, bottom)
    return (best[1], best[2], best[3]) if best else None


_BAR_ROWS = 6
"""Rows a typed column rule ("|") must run down to divide a page in two."""


def _bar_gutter(page: Page) -> tuple[float, set[int], tuple[float, float]] | None:
    """A column rule typed as "|" down the middle of the page, one under the other on many
    lines ("NARRATIVE   |  RESULTS SUMMARY"): its x, the bar words (no text of either
    column), and the band it runs down (the lines above and below it are full width)."""
    bars = [w for w in page.words if w.text == "|" and
            page.width * 0.25 <= w.xmid <= page.width * 0.75]
    best: list[Word] = []
    for bar in bars:
        under = [w for w in bars if abs(w.xmid - bar.xmid) <= 3]
        if len(under) > len(best):
            best = under
    if len(best) < _BAR_ROWS:
        return None
    return (sum(w.xmid for w in best) / len(best), {id(w) for w in best},
            (min(w.top for w in best) - 2, max(w.bottom for w in best) + 2))


def page_lines(page: Page) -> list[Line]:
    """The lines of ``page`` in reading order (two-column pages: left column first)."""
    barred = _bar_gutter(page)
    rows = _rows([w for w in page.words if barred is None or id(w) not in barred[1]])
    gutter = barred[0] if barred is not None else _gutter(page, rows)
    band = barred[2] if barred is not None else (float("-inf"), float("inf"))
    if gutter is None:
        boxed = _rule_gutter(page)
        if boxed is not None:
            gutter, band = boxed[0], (boxed[1], boxed[2])
    if gutter is None:
        gutter = _flow_gutter(page, rows)
    lines: list[Line] = []
    if gutter is None:
        lines = [_make_line(page, r) for r in rows]
        lines.sort(key=lambda ln: (ln.top, ln.bbox[0]))
    else:
        full: list[Line] = []
        left: list[Line] = []
        right: list[Line] = []
        for r in rows:
            lw = [w for w in r if w.xmid < gutter]
            rw = [w for w in r if w.xmid >= gutter]
            mid = sum(w.ymid for w in r) / len(r)
            if any(w.x0 < gutter - 4 and w.x1 > gutter + 4 for w in r) or \
                    not band[0] <= mid <= band[1]:
                full.append(_make_line(page, r))
                continue
            # each side regrouped alone: a line of one column, between two rows of the
            # other on a tight standard fax, had joined both into one row
            left += [_make_line(page, sub) for sub in _rows(lw)]
            for sub in _rows(rw):
                right_line = _make_line(page, sub)
                right_line.column = 1
                right.append(right_line)
        for group in (full, left, right):
            group.sort(key=lambda ln: (ln.top, ln.bbox[0]))
        # full-width lines above the columns come first, those below them last
        col_top = min((ln.top for ln in left + right), default=0.0)
        col_bottom = max((ln.bottom for ln in left + right), default=0.0)
        above = [ln for ln in full if ln.top < col_top]
        below = [ln for ln in full if ln.top >= col_top]
        within = [ln for ln in below if ln.top <= col_bottom]
        after = [ln for ln in below if ln.top > col_bottom]
        lines = above + sorted(left + within, key=lambda ln: ln.top) + right + after
    for i, line in enumerate(lines):
        line.index = i
    return lines


def lines_bbox(lines: Sequence[Line]) -> BBox:
    return union([ln.bbox for ln in lines])
