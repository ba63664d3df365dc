"""Marks drawn on a scanned or faxed page: circles round an option, check boxes (empty or
ticked/X-ed) and thin horizontal strokes (an option struck out).

OCR reads the printed options and loses the pen mark, so the marks are found in the image
itself: connected ink components of the upright page, tested by shape. A fax may break a
box's edge or let a tick or a bold X reach past it: such a box is found by its two upright
sides (and is marked, since its mark is what joined or broke it), unless OCR read a
character there. Boxes are returned in points of the same upright frame the OCR words use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np

from extractors.models import BBox
from extractors.read.ocr.engine import GrayImage
from extractors.read.page import Mark, Word

_CIRCLE_PT = (7.0, 44.0)
"""Height range (points) of a circle drawn round an option."""
_BOX_PT = (5.0, 16.0)
"""Side range (points) of a check box."""
_BROKEN_BOX_MIN_PT = 7.0
"""Smallest side (points) of a box found by its sides alone: a lone capital OCR dropped
("N" of "Y N D") is smaller."""
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


def _sides(ink: np.ndarray, x: int, y: int, w: int, h: int) -> tuple[float, float, float, float]:
    """How fully the best-inked band of each outer third is inked: left, right, top, bottom.
    Near 1 for a box's straight sides; well under for a ring's curves or a letter's strokes.
    (A tick's tail may reach past a side, so each side is looked for, not assumed at the edge.)"""
    band = 3 if min(w, h) >= 15 else 2
    box = ink[y:y + h, x:x + w]

    def best(cover: list[float], first: bool) -> float:
        third = max(1, len(cover) // 3)
        return max(cover[:third] if first else cover[-third:])

    cols = [float(box[:, c:c + band].any(axis=1).mean()) for c in range(max(1, w - band + 1))]
    rows = [float(box[r:r + band, :].any(axis=0).mean()) for r in range(max(1, h - band + 1))]
    return best(cols, True), best(cols, False), best(rows, True), best(rows, False)


def _crossed(ink: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """Both diagonals of the square are inked along their middle: a box crossed by an X
    (whose bold strokes may have eaten into a faxed side)."""
    steps = 12
    for flip in (False, True):
        hits = 0
        for i in range(steps):
            t = 0.2 + 0.6 * i / (steps - 1)
            px = x + round(t * (w - 1))
            py = y + round((1 - t if flip else t) * (h - 1))
            if ink[max(0, py - 1):py + 2, max(0, px - 1):px + 2].any():
                hits += 1
        if hits < 0.8 * steps:
            return False
    return True


def _broken_box(ink: np.ndarray, x: int, y: int, w: int, h: int, bbox: BBox, inner: float,
                word_boxes: Sequence[BBox], ring: bool = False) -> bool:
    """A marked box with one edge lost to the fax ("☑" whose bottom line vanished, an X
    reaching past it): both upright sides straight, a top or bottom edge (or, for a shape
    round enough to pass for a ring, the ring itself), ink inside (``inner``, the share of
    its interior inked), and no character OCR read there (OCR reads an "H" or "M", not a
    box)."""
    if min(bbox[2] - bbox[0], bbox[3] - bbox[1]) < _BROKEN_BOX_MIN_PT or inner <= 0.08:
        return False
    left, right, top, bottom = _sides(ink, x, y, w, h)
    upright = 0.6 if _crossed(ink, x, y, w, h) else (0.7 if ring else 0.75)
    return min(left, right) >= upright and \
        (ring or max(top, bottom) >= 0.75) and \
        not any(_overlap_share(Mark("box", *bbox), wb) > 0.3 for wb in word_boxes)


def _column_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and length of each column's longest run of ink (its first, of two as long),
    bridging single-pixel gaps (a faxed line is broken here and there)."""
    on = mask.copy()
    on[1:-1] |= mask[:-2] & mask[2:]
    run = np.zeros(mask.shape, dtype=np.int32)
    ending = np.zeros(mask.shape[1], dtype=np.int32)
    for r in range(mask.shape[0]):
        ending = (ending + 1) * on[r]  # the length of the run ending at this row
        run[r] = ending
    length = run.max(axis=0)
    start = np.where(length > 0, run.argmax(axis=0) + 1 - length, 0)
    return start, length


def _core(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    """The box a component's two upright sides enclose (x, y, w, h within the component),
    where a tick or a cross reaches out past the box ("☑" whose tick rises above it): the
    longest upright run of ink in each half is a side (the outermost, of two as long)."""
    h, w = mask.shape
    if w < 4:
        return None
    start, length = _column_runs(mask)
    half = w // 2
    left = int(np.argmax(length[:half]))
    right = w - 1 - int(np.argmax(length[w - half:][::-1]))
    if min(length[left], length[right]) < 0.5 * h:
        return None
    top = int(min(start[left], start[right]))
    bottom = int(max(start[left] + length[left], start[right] + length[right]))
    return left, top, right - left + 1, bottom - top


def _box_sized(wp: float, hp: float) -> bool:
    return _BOX_PT[0] <= wp <= _BOX_PT[1] and _BOX_PT[0] <= hp <= _BOX_PT[1] and \
        0.75 <= wp / hp <= 1.33


def _as_box(ink: np.ndarray, mask: np.ndarray, x: int, y: int, px_per_pt: float,
            word_boxes: Sequence[BBox], ring: bool = False) -> Mark | None:
    """The check box a component of ``mask`` (its own pixels, at x, y) is, if it is one:
    whole, or with a tick or cross reaching past it, or with an edge the fax lost."""
    cx, cy, w, h = _core(mask) or (0, 0, mask.shape[1], mask.shape[0])
    x, y = x + cx, y + cy
    if not _box_sized(w / px_per_pt, h / px_per_pt):
        return None
    bbox = (x / px_per_pt, y / px_per_pt, (x + w) / px_per_pt, (y + h) / px_per_pt)
    near = mask[max(0, cy - 2):cy + h + 2, max(0, cx - 2):cx + w + 2]
    outside = int(mask.sum()) - int(near.sum())  # (a tick reaching out of the box)
    inner = _inner_ink(ink, x, y, w, h, 0.22)
    if not ring and _edge_share(ink, x, y, w, h) >= 0.8:
        return Mark("box", *bbox, checked=inner > 0.08 or outside > 0.5 * (w + h))
    if _broken_box(ink, x, y, w, h, bbox, inner, word_boxes, ring):
        return Mark("box", *bbox, checked=True)
    return None


def find_marks(image: GrayImage, dpi: float, words: Sequence[Word] = ()) -> list[Mark]:
    """Circles, check boxes and strokes on an upright page image, in points; ``words`` are
    the words OCR read on it (in the same frame)."""
    word_boxes = [w.bbox for w in words]
    ink = image < 128
    if not ink.any():
        return []
    px_per_pt = dpi / 72.0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(  # type: ignore[call-overload]
        ink.astype(np.uint8), 8)
    marks: list[Mark] = []
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        wp, hp = w / px_per_pt, h / px_per_pt
        fill = area / float(max(1, w * h))

        def pts(v: float) -> float:
            return v / px_per_pt

        boxlike = _BOX_PT[0] <= min(wp, hp) and max(wp, hp) <= 1.8 * _BOX_PT[1]
        if _CIRCLE_PT[0] <= hp <= _CIRCLE_PT[1] and 0.6 <= wp / hp <= 2.8 and fill < 0.45 \
                and _ring_share(ink, x, y, w, h, 1.0) >= 0.75 \
                and _inner_ink(ink, x, y, w, h, 0.3) > 0.03 and _edge_share(ink, x, y, w, h) < 0.6:
            box = _as_box(ink, labels[y:y + h, x:x + w] == i, x, y, px_per_pt, word_boxes,
                          ring=True) if boxlike else None
            marks.append(box or Mark("circle", pts(x), pts(y), pts(x + w), pts(y + h)))
            continue
        box = _as_box(ink, labels[y:y + h, x:x + w] == i, x, y, px_per_pt, word_boxes) \
            if boxlike else None
        if box is not None:
            marks.append(box)
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
