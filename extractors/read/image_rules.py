"""Ruling lines of a scanned or faxed page: the borders of a form's boxes and of ruled tables.

A text PDF draws its rules as vector lines; a fax has only pixels. Long straight runs of ink
are kept by a morphological opening with a long thin kernel (horizontal, then vertical), and
each remaining component becomes a `Rule` in points of the upright frame the OCR words use.
Text never survives the opening: no letter is half an inch wide or a quarter of an inch tall.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.read.ocr.engine import GrayImage
from extractors.read.page import Rule

MIN_HORIZONTAL_IN = 0.45
"""Shortest horizontal rule kept, in inches."""
MIN_VERTICAL_IN = 0.22
"""Shortest vertical rule kept, in inches (a one-line form box is about 0.3 in tall)."""
MAX_THICKNESS_IN = 0.05
"""Thicker components are filled areas (a black bar, a stamp), not rules."""


def _components(mask: np.ndarray, horizontal: bool, scale: float, max_thick: float
                ) -> list[Rule]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Rule] = []
    for i in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[i])
        thick = h if horizontal else w
        if thick > max_thick:
            continue
        if horizontal:
            mid = (y + h / 2.0) * scale
            out.append(Rule(x * scale, mid, (x + w) * scale, mid))
        else:
            mid = (x + w / 2.0) * scale
            out.append(Rule(mid, y * scale, mid, (y + h) * scale))
    return out


def find_rules(image: GrayImage, dpi: float) -> list[Rule]:
    """Horizontal and vertical rules of an upright page image (0 = ink)."""
    ink = np.where(image < 128, 255, 0).astype(np.uint8)
    scale = 72.0 / dpi
    long_h = max(8, round(MIN_HORIZONTAL_IN * dpi))
    long_v = max(8, round(MIN_VERTICAL_IN * dpi))
    max_thick = max(3.0, MAX_THICKNESS_IN * dpi)
    # a one-pixel bridge closes the breaks a 1-bit fax leaves in a thin line
    h_mask = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, 3), np.uint8))
    h_mask = cv2.morphologyEx(h_mask, cv2.MORPH_OPEN, np.ones((1, long_h), np.uint8))
    v_mask = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 1), np.uint8))
    v_mask = cv2.morphologyEx(v_mask, cv2.MORPH_OPEN, np.ones((long_v, 1), np.uint8))
    return _components(h_mask, True, scale, max_thick) + \
        _components(v_mask, False, scale, max_thick)
