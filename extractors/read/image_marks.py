"""Marks drawn on a scanned or faxed page: circles round an option, check boxes (empty or
ticked/X-ed) and thin horizontal strokes (an option struck out).

OCR reads the printed options and loses the pen mark, so the marks are found in the image
itself: connected ink components of the upright page, tested by shape. Boxes are returned in
points of the same upright frame the OCR words use.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from extractors.read.ocr.engine import GrayImage
from extractors.read.page import Mark, Word

_CIRCLE_PT = (7.0, 44.0)
"""Height range (points) of a circle drawn round an option."""
_BOX_PT = (5.0, 16.0)
"""Side range (points) of a check box."""
_STROKE_PT = (8.0, 90.0)
"""Length range (points) of a stroke through an option."""


def _ring_share(ink: np.ndarray, x: int, y: int, w: int, h: int, scale: float) -> float:
    """Share of points on the ellipse inscribed in the box (scaled about its centre) that
    have ink within two pixels."""
    cx, cy = x + w / 2.0, y + h / 2.0
    rx, ry = max(1.0, w / 2.0 - 1.5) * scale, max(1.0, h / 2.0 - 1.5) * scale
    hits = 0
    samples = 48
    rows, cols = ink.shape
    for i in range(samples):
        t = 2 * math.pi * i / samples
        px, py = round(cx + rx * math.cos(t)), round(cy + ry * math.sin(t))
        y0, y1 = max(0, py - 2), min(rows, py + 3)
        x0, x1 = max(0, px - 2), min(cols, px + 3)
        if y0 < y1 and x0 < x1 and ink[y0:y1, x0:x1].any():
            hits += 1
    return hits / samples


def _inner_ink(ink: np.ndarray, x: int, y: int, w: int, h: int, margin: float) -> float:
    """Ink share of the box's interior, ``margin`` (a fraction of the side) in from its edges."""
    mx, my = max(2, int(w * margin)), max(2, int(h * margin))
    inner = ink[y + my:y + h - my, x + mx:x + w - mx]
    return float(inner.mean()) if inner.size else 0.0


def _edge_share(ink: np.ndarray, x: int, y: int, w: int, h: int) -> float:
    """How completely the four sides of the box are inked (the smallest of the four). A side
    is looked for in a band of a few pixels: a faxed box's edge wanders by a pixel or two."""
    band = 3 if min(w, h) >= 15 else 2
    top = ink[y:y + band, x:x + w].any(axis=0).mean()
    bottom = ink[y + h - band:y + h, x:x + w].any(axis=0).mean()
    left = ink[y:y + h, x:x + band].any(axis=1).mean()
    right = ink[y:y + h, x + w - band:x + w].any(axis=1).mean()
    return float(min(top, bottom, left, right))


def find_marks(image: GrayImage, dpi: float) -> list[Mark]:
    """Circles, check boxes and strokes on an upright page image, in points."""
    ink = image < 128
    if not ink.any():
        return []
    px_per_pt = dpi / 72.0
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(  # type: ignore[call-overload]
        ink.astype(np.uint8), 8)
    marks: list[Mark] = []
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        wp, hp = w / px_per_pt, h / px_per_pt
        fill = area / float(max(1, w * h))

        def pts(v: float) -> float:
            return v / px_per_pt

        if _CIRCLE_PT[0] <= hp <= _CIRCLE_PT[1] and 0.6 <= wp / hp <= 2.8 and fill < 0.45 \
                and _ring_share(ink, x, y, w, h, 1.0) >= 0.75 \
                and _inner_ink(ink, x, y, w, h, 0.3) > 0.03 and _edge_share(ink, x, y, w, h) < 0.6:
            marks.append(Mark("circle", pts(x), pts(y), pts(x + w), pts(y + h)))
            continue
        if _BOX_PT[0] <= wp <= _BOX_PT[1] and _BOX_PT[0] <= hp <= _BOX_PT[1] \
                and 0.75 <= wp / hp <= 1.33 and _edge_share(ink, x, y, w, h) >= 0.8:
            checked = _inner_ink(ink, x, y, w, h, 0.22) > 0.08
            marks.append(Mark("box", pts(x), pts(y), pts(x + w), pts(y + h), checked=checked))
            continue
        if _STROKE_PT[0] <= wp <= _STROKE_PT[1] and hp <= 2.5 and fill > 0.6:
            marks.append(Mark("stroke", pts(x), pts(y), pts(x + w), pts(y + h)))
    return marks


def _overlap_share(mark: Mark, box: tuple[float, float, float, float]) -> float:
    w = min(mark.x1, box[2]) - max(mark.x0, box[0])
    h = min(mark.bottom, box[3]) - max(mark.top, box[1])
    area = max(1e-6, (mark.x1 - mark.x0) * (mark.bottom - mark.top))
    return max(0.0, w) * max(0.0, h) / area


def not_letters(marks: list[Mark], words: list[Word]) -> list[Mark]:
    """Marks that are not glyphs of a word OCR read: a circle round an option or a check box
    holds at most one character, while a looped letter ("o", "e", "D") sits inside a longer
    word's box."""
    long_words = [w.bbox for w in words if len(w.text.strip(".,:;()[]'\"")) >= 2]
    return [m for m in marks
            if m.kind == "stroke" or not any(_overlap_share(m, b) > 0.5 for b in long_words)]
