"""Recorded pages: drawing operations in top-left page coordinates, replayed onto a PDF canvas.

Layouts draw into :class:`Page` objects instead of a live canvas, so that a fax packet can
reorder pages of several documents, add transmission headers and replay them into one PDF.
Coordinates are PDF points with the origin at the top-left corner and y growing downwards;
``y`` of a text call is its baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu"
Color = tuple[float, float, float]
BLACK: Color = (0.0, 0.0, 0.0)
GREY: Color = (0.35, 0.35, 0.35)
INK: Color = (0.07, 0.12, 0.48)  # ball-point blue for hand-filled entries
RED: Color = (0.72, 0.08, 0.08)  # rubber stamps

# logical font name -> TrueType file (DejaVu) or reportlab standard font
_TTF = {
    "sans": "DejaVuSans",
    "sans-b": "DejaVuSans-Bold",
    "sans-i": "DejaVuSans-Oblique",
    "mono": "DejaVuSansMono",
    "mono-b": "DejaVuSansMono-Bold",
    "serif": "DejaVuSerif",
    "serif-b": "DejaVuSerif-Bold",
    "serif-i": "DejaVuSerif-Italic",
    "cond": "DejaVuSansCondensed",
    "cond-b": "DejaVuSansCondensed-Bold",
    "hand": "DejaVuSansCondensed-Oblique",
    "hand-b": "DejaVuSansCondensed-BoldOblique",
}
_STD = {
    "helv": "Helvetica",
    "helv-b": "Helvetica-Bold",
    "helv-i": "Helvetica-Oblique",
    "times": "Times-Roman",
    "times-b": "Times-Bold",
    "times-i": "Times-Italic",
    "courier": "Courier",
    "courier-b": "Courier-Bold",
}
# a standard font cannot show arrows, check boxes or <= signs: fall back to its DejaVu twin
_STD_TWIN = {
    "helv": "sans",
    "helv-b": "sans-b",
    "helv-i": "sans-i",
    "times": "serif",
    "times-b": "serif-b",
    "times-i": "serif-i",
    "courier": "mono",
    "courier-b": "mono-b",
}
_registered = False


def register_fonts() -> None:
    """Register the DejaVu faces with reportlab (once per process)."""
    global _registered
    if _registered:
        return
    for face in _TTF.values():
        pdfmetrics.registerFont(TTFont(face, f"{DEJAVU_DIR}/{face}.ttf"))
    _registered = True


def font_name(font: str, text: str = "") -> str:
    """The reportlab font for a logical name, switching to DejaVu when TEXT needs it."""
    register_fonts()
    if font in _STD:
        try:
            text.encode("cp1252")
            return _STD[font]
        except UnicodeEncodeError:
            font = _STD_TWIN[font]
    return _TTF[font]


def text_width(text: str, font: str = "sans", size: float = 9.0) -> float:
    return float(pdfmetrics.stringWidth(text, font_name(font, text), size))


def wrap(text: str, width: float, font: str = "sans", size: float = 9.0) -> list[str]:
    """Greedy word wrap; explicit newlines are kept as line breaks."""
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ")
        cur = ""
        for w in words:
            trial = w if not cur else cur + " " + w
            if text_width(trial, font, size) <= width or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = w
        lines.append(cur)
    return lines


@dataclass
class Page:
    """One page as a list of drawing operations (see module docstring for coordinates)."""

    width: float = 612.0
    height: float = 792.0
    ops: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    # --- primitives -------------------------------------------------------------------
    def text(
        self,
        x: float,
        y: float,
        s: str,
        font: str = "sans",
        size: float = 9.0,
        color: Color = BLACK,
        align: str = "left",
        angle: float = 0.0,
    ) -> float:
        """Draw S with its baseline at Y; ALIGN is left/right/center around X. Returns width."""
        w = text_width(s, font, size)
        if align == "right":
            x -= w
        elif align == "center":
            x -= w / 2
        self.ops.append(("text", x, y, s, font_name(font, s), size, color, angle))
        return w

    def line(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        lw: float = 0.6,
        color: Color = BLACK,
        dash: tuple[float, float] | None = None,
    ) -> None:
        self.ops.append(("line", x0, y0, x1, y1, lw, color, dash))

    def hline(self, x0: float, x1: float, y: float, lw: float = 0.6, color: Color = BLACK) -> None:
        self.line(x0, y, x1, y, lw, color)

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        lw: float = 0.6,
        color: Color = BLACK,
        fill: Color | None = None,
        stroke: bool = True,
    ) -> None:
        self.ops.append(("rect", x, y, w, h, lw, color, fill, stroke))

    def ellipse(
        self, x0: float, y0: float, x1: float, y1: float, lw: float = 0.8, color: Color = BLACK
    ) -> None:
        self.ops.append(("ellipse", x0, y0, x1, y1, lw, color))

    def polyline(
        self, points: list[tuple[float, float]], lw: float = 0.8, color: Color = BLACK
    ) -> None:
        self.ops.append(("poly", tuple(points), lw, color))

    # --- composites -------------------------------------------------------------------
    def para(
        self,
        x: float,
        y: float,
        width: float,
        s: str,
        font: str = "sans",
        size: float = 9.0,
        leading: float | None = None,
        color: Color = BLACK,
    ) -> float:
        """Word-wrapped paragraph from baseline Y; returns the baseline after the last line."""
        lead = leading or size * 1.3
        for ln in wrap(s, width, font, size):
            self.text(x, y, ln, font, size, color)
            y += lead
        return y

    def label_value(
        self,
        x: float,
        y: float,
        label: str,
        value: str,
        font: str = "sans",
        size: float = 8.5,
        vfont: str | None = None,
        gap: float = 4.0,
    ) -> float:
        """'Label: value' on one baseline (label bold); returns the x after the value."""
        w = self.text(x, y, label, font + "-b" if "-" not in font else font, size)
        return x + w + gap + self.text(x + w + gap, y, value, vfont or font, size)

    # --- replay -----------------------------------------------------------------------
    def replay(self, c: Canvas) -> None:
        """Draw the recorded operations on a reportlab canvas sized to this page."""
        h = self.height
        for op in self.ops:
            kind = op[0]
            if kind == "text":
                _, x, y, s, fname, size, color, angle = op
                c.setFillColorRGB(*color)
                c.setFont(fname, size)
                if angle:
                    c.saveState()
                    c.translate(x, h - y)
                    c.rotate(angle)
                    c.drawString(0, 0, s)
                    c.restoreState()
                else:
                    c.drawString(x, h - y, s)
            elif kind == "line":
                _, x0, y0, x1, y1, lw, color, dash = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(lw)
                c.setDash(*dash) if dash else c.setDash()
                c.line(x0, h - y0, x1, h - y1)
                c.setDash()
            elif kind == "rect":
                _, x, y, w, rh, lw, color, fill, stroke = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(lw)
                if fill is not None:
                    c.setFillColorRGB(*fill)
                c.rect(x, h - y - rh, w, rh, stroke=int(stroke), fill=int(fill is not None))
            elif kind == "ellipse":
                _, x0, y0, x1, y1, lw, color = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(lw)
                c.ellipse(x0, h - y0, x1, h - y1, stroke=1, fill=0)
            elif kind == "poly":
                _, pts, lw, color = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(lw)
                c.setLineJoin(1)
                c.setLineCap(1)
                path = c.beginPath()
                path.moveTo(pts[0][0], h - pts[0][1])
                for px, py in pts[1:]:
                    path.lineTo(px, h - py)
                c.drawPath(path, stroke=1, fill=0)
