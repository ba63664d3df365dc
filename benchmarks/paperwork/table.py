"""Tables on a recorded page: ruled grids, row rules only, or unruled columns; wrapped cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .page import BLACK, Color, Page, wrap


@dataclass
class Cell:
    """A table cell with its own look (e.g. a hand-filled entry or a bold flag)."""

    text: str
    font: str | None = None
    size: float | None = None
    color: Color | None = None
    align: str | None = None


CellLike = str | Cell


@dataclass
class TableResult:
    bottom: float  # y below the last row
    row_tops: list[float] = field(default_factory=list)
    row_baselines: list[float] = field(default_factory=list)  # first text line of each row
    col_x: list[float] = field(default_factory=list)  # left edge of each column


def _cell(c: CellLike) -> Cell:
    return c if isinstance(c, Cell) else Cell(c)


def draw_table(
    pg: Page,
    x: float,
    y: float,
    widths: Sequence[float],
    rows: Sequence[Sequence[CellLike]],
    header: Sequence[CellLike] | Sequence[Sequence[CellLike]] | None = None,
    *,
    font: str = "sans",
    hfont: str | None = None,
    size: float = 8.0,
    hsize: float | None = None,
    ruled: str = "grid",
    pad: float = 2.6,
    aligns: list[str] | None = None,
    header_fill: Color | None = (0.88, 0.88, 0.88),
    lw: float = 0.5,
    color: Color = BLACK,
) -> TableResult:
    """Draw a table with its top-left corner at (X, Y).

    RULED: "grid" (all lines), "rows" (horizontal rules only), "header" (a rule under the
    header and at the bottom), "none". Cells wrap to their column width; "\n" breaks lines.
    HEADER may be one row or several rows (each a list of cells).
    """
    hfont = hfont or (font + "-b" if "-" not in font else font)
    hsize = hsize or size
    aligns = aligns or ["left"] * len(widths)
    col_x = [x]
    for w in widths[:-1]:
        col_x.append(col_x[-1] + w)
    total_w = sum(widths)
    res = TableResult(bottom=y, col_x=col_x)
    hrows: list[Sequence[CellLike]] = []
    if header:
        nested = isinstance(header[0], (list, tuple))
        hrows = [list(h) for h in header] if nested else [header]  # type: ignore[arg-type, list-item]
    all_rows = [(r, True) for r in hrows] + [(r, False) for r in rows]
    cur = y
    for ri, (row, is_head) in enumerate(all_rows):
        cells = [_cell(c) for c in row]
        wrapped: list[list[str]] = []
        leads: list[float] = []
        for ci, c in enumerate(cells):
            f = c.font or (hfont if is_head else font)
            s = c.size or (hsize if is_head else size)
            wrapped.append(wrap(c.text, widths[ci] - 2 * pad, f, s) if c.text else [""])
            leads.append(s * 1.22)
        row_h = max(len(wl) * ld for wl, ld in zip(wrapped, leads, strict=True)) + 2 * pad
        if is_head and header_fill is not None:
            pg.rect(x, cur, total_w, row_h, lw=0, fill=header_fill, stroke=False)
        first_base = cur + pad + (hsize if is_head else size) * 0.92
        for ci, c in enumerate(cells):
            f = c.font or (hfont if is_head else font)
            s = c.size or (hsize if is_head else size)
            al = c.align or ("left" if is_head and aligns[ci] == "left" else aligns[ci])
            by = cur + pad + s * 0.92
            for ln in wrapped[ci]:
                if al == "right":
                    tx = col_x[ci] + widths[ci] - pad
                elif al == "center":
                    tx = col_x[ci] + widths[ci] / 2
                else:
                    tx = col_x[ci] + pad
                pg.text(tx, by, ln, f, s, c.color or color, align=al)
                by += s * 1.22
        if not is_head:
            res.row_tops.append(cur)
            res.row_baselines.append(first_base)
        if ruled in ("grid", "rows") or (ruled == "header" and ri == 0):
            pg.hline(x, x + total_w, cur, lw, color)
        cur += row_h
        if ruled == "header" and is_head and (ri + 1 == len(hrows)):
            pg.hline(x, x + total_w, cur, lw, color)
    if ruled in ("grid", "rows", "header"):
        pg.hline(x, x + total_w, cur, lw, color)
    if ruled == "grid":
        for cx in [*col_x, x + total_w]:
            pg.line(cx, y, cx, cur, lw, color)
    res.bottom = cur
    return res
