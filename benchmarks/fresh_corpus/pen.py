"""A small drawing layer over a reportlab canvas with top-left coordinates (y grows down).

Everything a layout draws goes through `Pen`: printed text, hand-written fills (jittered
oblique glyphs in ink), marks (circles, ticks, crosses), rules, boxes, tables and wrapped
paragraphs. Randomness comes from the page's own `random.Random`, so drawings are repeatable.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

INK = (0.08, 0.12, 0.45)          # ballpoint blue; thresholds to black on a fax
HAND_FONTS = ("Helvetica-Oblique", "Times-Italic", "Courier-Oblique")


class Pen:
    """Draw on one page; ``y`` is the distance from the top edge (text: the baseline)."""

    def __init__(self, canvas: Canvas, width: float, height: float, rng: random.Random,
                 hand_font: str = "Helvetica-Oblique") -> None:
        self.c, self.w, self.h, self.rng = canvas, width, height, rng
        self.hand_font = hand_font

    # -- text ----------------------------------------------------------------------------
    @staticmethod
    def width(s: str, font: str = "Helvetica", size: float = 9.0) -> float:
        """Width of ``s`` in points."""
        return float(stringWidth(s, font, size))

    def text(self, x: float, y: float, s: str, font: str = "Helvetica", size: float = 9.0,
             align: str = "left", gray: float = 0.0,
             color: tuple[float, float, float] | None = None) -> float:
        """Printed text at baseline ``y``; returns its width."""
        w = self.width(s, font, size)
        if align == "right":
            x -= w
        elif align == "center":
            x -= w / 2
        self.c.setFont(font, size)
        if color:
            self.c.setFillColorRGB(*color)
        else:
            self.c.setFillGray(gray)
        self.c.drawString(x, self.h - y, s)
        self.c.setFillGray(0)
        return w

    def lines(self, x: float, y: float, rows: Sequence[str], font: str = "Helvetica",
              size: float = 9.0, leading: float | None = None, align: str = "left") -> float:
        """Several lines of text; returns the baseline after the last one."""
        lead = leading or size * 1.25
        for row in rows:
            self.text(x, y, row, font, size, align)
            y += lead
        return y

    def para(self, x: float, y: float, width: float, s: str, font: str = "Helvetica",
             size: float = 9.5, leading: float | None = None, indent: float = 0.0) -> float:
        """Greedy-wrapped paragraph from baseline ``y``; returns the next free baseline."""
        lead = leading or size * 1.3
        words, line, first = s.split(), "", True
        for word in words:
            trial = f"{line} {word}".strip()
            room = width - (indent if first else 0)
            if line and self.width(trial, font, size) > room:
                self.text(x + (indent if first else 0), y, line, font, size)
                y, line, first = y + lead, word, False
            else:
                line = trial
        if line:
            self.text(x + (indent if first else 0), y, line, font, size)
            y += lead
        return y

    def hand(self, x: float, y: float, s: str, size: float = 12.0, font: str | None = None,
             align: str = "left") -> float:
        """Hand-written text: glyph by glyph with jittered baseline, size and slant."""
        font = font or self.hand_font
        rng, c = self.rng, self.c
        w = self.width(s, font, size)
        if align == "right":
            x -= w
        elif align == "center":
            x -= w / 2
        drift = rng.uniform(-1.2, 1.2)
        c.setFillColorRGB(*INK)
        cx = x
        for i, ch in enumerate(s):
            sz = size * rng.uniform(0.93, 1.07)
            c.saveState()
            c.translate(cx, self.h - (y + drift * i / max(1, len(s)) + rng.uniform(-0.7, 0.7)))
            c.rotate(rng.uniform(-4, 4))
            c.setFont(font, sz)
            c.drawString(0, 0, ch)
            c.restoreState()
            cx += self.width(ch, font, sz) * rng.uniform(0.98, 1.1)
        c.setFillGray(0)
        return cx - x

    # -- lines and boxes -----------------------------------------------------------------
    def line(self, x1: float, y1: float, x2: float, y2: float, lw: float = 0.6,
             gray: float = 0.0) -> None:
        """A straight rule."""
        self.c.setLineWidth(lw)
        self.c.setStrokeGray(gray)
        self.c.line(x1, self.h - y1, x2, self.h - y2)
        self.c.setStrokeGray(0)

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6,
             fill: float | None = None, stroke: bool = True) -> None:
        """A box with its top-left corner at (x, y); ``fill`` is a grey level."""
        self.c.setLineWidth(lw)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(x, self.h - y - h, w, h, stroke=int(stroke), fill=int(fill is not None))
        self.c.setFillGray(0)

    def blank(self, x: float, y: float, w: float) -> None:
        """An underline blank at baseline ``y`` + 2."""
        self.line(x, y + 2, x + w, y + 2, lw=0.5)

    def checkbox(self, x: float, y: float, mark: str | None = None, size: float = 8.0,
                 hand: bool = True) -> None:
        """A box with its top-left at (x, y); mark: None, 'x', 'tick' or 'fill'."""
        self.rect(x, y, size, size, lw=0.7)
        if mark:
            self.mark(x, y, size, mark, hand)

    def mark(self, x: float, y: float, size: float, mark: str, hand: bool = True) -> None:
        """An X, a tick or a filled square over a box at (x, y)."""
        c, rng = self.c, self.rng
        j = (lambda: rng.uniform(-1.0, 1.0)) if hand else (lambda: 0.0)
        if hand:
            c.setStrokeColorRGB(*INK)
        c.setLineWidth(1.2 if hand else 1.0)
        top, bot = self.h - y, self.h - y - size
        if mark == "x":
            c.line(x + j(), top + j(), x + size + j(), bot + j())
            c.line(x + j(), bot + j(), x + size + j(), top + j())
        elif mark == "tick":
            p = c.beginPath()
            p.moveTo(x + 1 + j(), bot + size * 0.5)
            p.lineTo(x + size * 0.4, bot + 1 + j())
            p.lineTo(x + size * 1.3 + j(), top + size * 0.5)
            c.drawPath(p, stroke=1, fill=0)
        elif mark == "fill":
            c.setFillGray(0.1)
            c.rect(x + 1.5, bot + 1.5, size - 3, size - 3, stroke=0, fill=1)
            c.setFillGray(0)
        c.setStrokeGray(0)

    def circle(self, cx: float, cy: float, rx: float, ry: float, hand: bool = True) -> None:
        """A hand-drawn ellipse around (cx, cy) that does not quite close on itself."""
        c, rng = self.c, self.rng
        if hand:
            c.setStrokeColorRGB(*INK)
        c.setLineWidth(1.1)
        start = rng.uniform(0, 2 * math.pi)
        n = 28
        sweep = 2 * math.pi * rng.uniform(1.05, 1.15)
        p = c.beginPath()
        for i in range(n + 1):
            a = start + sweep * i / n
            k = 1 + rng.uniform(-0.05, 0.05) if hand else 1
            px, py = cx + rx * k * math.cos(a), cy + ry * k * math.sin(a)
            if i == 0:
                p.moveTo(px, self.h - py)
            else:
                p.lineTo(px, self.h - py)
        c.drawPath(p, stroke=1, fill=0)
        c.setStrokeGray(0)

    def circle_word(self, x: float, y: float, s: str, font: str = "Helvetica",
                    size: float = 9.0) -> None:
        """Circle printed text that starts at x with baseline y."""
        w = self.width(s, font, size)
        self.circle(x + w / 2, y - size * 0.35, w / 2 + 4, size * 0.75)

    def strike(self, x: float, y: float, w: float) -> None:
        """A hand-drawn strike-through across text at baseline y."""
        self.c.setStrokeColorRGB(*INK)
        self.c.setLineWidth(1.0)
        self.c.line(x - 2, self.h - y + 3, x + w + 2, self.h - y + 2)
        self.c.setStrokeGray(0)

    def scribble(self, x: float, y: float, w: float) -> None:
        """A signature-like scribble with its baseline at y."""
        c, rng = self.c, self.rng
        c.setStrokeColorRGB(*INK)
        c.setLineWidth(0.9)
        p = c.beginPath()
        p.moveTo(x, self.h - y)
        px = x
        while px < x + w:
            nx = px + rng.uniform(6, 14)
            up, down = rng.uniform(4, 14), rng.uniform(2, 8)
            p.curveTo(px + 3, self.h - y + up, nx - 3, self.h - y - down,
                      nx, self.h - y + rng.uniform(-2, 3))
            px = nx
        c.drawPath(p, stroke=1, fill=0)
        c.setStrokeGray(0)

    def polyline(self, pts: Sequence[tuple[float, float]], lw: float = 0.5,
                 gray: float = 0.0) -> None:
        """Connected segments (graphs)."""
        c = self.c
        c.setLineWidth(lw)
        c.setStrokeGray(gray)
        p = c.beginPath()
        for i, (px, py) in enumerate(pts):
            if i == 0:
                p.moveTo(px, self.h - py)
            else:
                p.lineTo(px, self.h - py)
        c.drawPath(p, stroke=1, fill=0)
        c.setStrokeGray(0)

    def stamp(self, x: float, y: float, s: str, size: float = 16.0, angle: float = 0.0,
              box: bool = True) -> None:
        """A rubber stamp: bold capitals, optionally boxed and rotated."""
        c = self.c
        c.saveState()
        c.translate(x, self.h - y)
        c.rotate(angle)
        c.setFillGray(0.25)
        c.setStrokeGray(0.25)
        c.setFont("Helvetica-Bold", size)
        c.drawString(0, 0, s)
        if box:
            w = self.width(s, "Helvetica-Bold", size)
            c.setLineWidth(1.5)
            c.rect(-4, -size * 0.35, w + 8, size * 1.3, stroke=1, fill=0)
        c.restoreState()
        c.setFillGray(0)
        c.setStrokeGray(0)

    # -- tables --------------------------------------------------------------------------
    def table(self, x: float, y: float, widths: Sequence[float], rows: Sequence[Sequence[str]],
              font: str = "Helvetica", size: float = 8.5, row_h: float = 13.0,
              header: int = 1, rules: str = "grid", aligns: str = "",
              header_fill: float | None = None, header_font: str | None = None) -> float:
        """Draw rows of cells from top ``y``; rules: grid, rows, header or none.

        ``aligns`` holds one of l/r/c per column. Returns the y below the table.
        """
        bold = header_font or (font.split("-")[0] + "-Bold" if font in ("Helvetica", "Courier")
                               else "Times-Bold" if font.startswith("Times") else font)
        total = sum(widths)
        for r, row in enumerate(rows):
            top = y + r * row_h
            if r < header and header_fill is not None:
                self.rect(x, top, total, row_h, lw=0, fill=header_fill, stroke=False)
            cx = x
            for i, cell in enumerate(row):
                al = aligns[i] if i < len(aligns) else "l"
                f = bold if r < header else font
                base = top + row_h * 0.5 + size * 0.35
                if al == "r":
                    self.text(cx + widths[i] - 3, base, cell, f, size, "right")
                elif al == "c":
                    self.text(cx + widths[i] / 2, base, cell, f, size, "center")
                else:
                    self.text(cx + 3, base, cell, f, size)
                cx += widths[i]
            if rules in ("grid", "rows") or (rules == "header" and r == header - 1):
                self.line(x, top + row_h, x + total, top + row_h, lw=0.5)
        bottom = y + len(rows) * row_h
        if rules in ("grid", "rows", "header"):
            self.line(x, y, x + total, y, lw=0.8)
        if rules == "grid":
            cx = x
            for w in [0.0, *widths]:
                cx += w
                self.line(cx, y, cx, bottom, lw=0.5)
        return bottom

    def kv(self, x: float, y: float, label: str, value: str, font: str = "Helvetica",
           size: float = 9.0, gap: float = 4.0, label_font: str | None = None) -> float:
        """'Label: value' with a bold label; returns the x after the value."""
        lf = label_font or (font + "-Bold" if "-" not in font else font)
        w = self.text(x, y, label, lf, size)
        return x + w + gap + self.text(x + w + gap, y, value, font, size)

    def field_above(self, x: float, y: float, w: float, label: str, value: str,
                    hand: bool = False, size: float = 10.0) -> None:
        """A form box: small label at the top-left inside, value below it."""
        self.rect(x, y, w, 24, lw=0.6)
        self.text(x + 2, y + 7, label, "Helvetica", 5.8)
        if hand:
            self.hand(x + 5, y + 20, value, size + 1)
        else:
            self.text(x + 4, y + 19, value, "Courier", size)
