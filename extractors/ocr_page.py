"""OCR of one page image: orientation (90°/180°), deskew, margin crop, then boxes mapped
back to PDF points of the page as stored in the file."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extractors.imaging import (
    PageImage,
    despeckle,
    ink_bounds,
    is_sideways,
    quarter_turn,
    rotate_small,
    skew_angle,
    unrotate_point,
    unskew_point,
)
from extractors.layout import Line, Word, group_lines
from extractors.models import BBox
from extractors.numbers import fix_ocr_digits
from extractors.ocr.engine import GrayImage, OcrEngine, OcrSegment
from extractors.ocr_correct import correct_ocr_words
from extractors.patterns import load_patterns

GOOD_SCORE = 0.80
"""Quality (confidence × share of upright boxes) above which a reading is accepted without
trying the other orientations."""
PROBE_MARGIN = 0.05
"""How much better the upside-down probe must read to turn the page by 180°."""


@dataclass
class OcrPageResult:
    lines: list[Line]
    rotation: int
    """Quarter turns counter-clockwise applied before reading (0..3)."""
    skew: float
    mean_score: float


def _quality(segments: list[OcrSegment]) -> float:
    """Confidence weighted by text length."""
    total = sum(len(s.text) for s in segments)
    if total == 0:
        return 0.0
    return sum(s.score * len(s.text) for s in segments) / total


def _horizontal(segments: list[OcrSegment]) -> float:
    """Share of the text read from boxes wider than tall (upright lines)."""
    total = sum(len(s.text) for s in segments)
    if total == 0:
        return 0.0
    wide = sum(len(s.text) for s in segments
               if (s.box[2] - s.box[0]) > 1.2 * (s.box[3] - s.box[1]) or len(s.text) < 3)
    return wide / total


def _read(engine: OcrEngine, image: GrayImage) -> tuple[list[OcrSegment], tuple[int, int]]:
    x0, y0, x1, y1 = ink_bounds(image)
    crop = image[y0:y1, x0:x1]
    if crop.size == 0 or (crop < 128).sum() < 20:
        return [], (x0, y0)
    return engine.read(crop), (x0, y0)


def _probe_band(image: GrayImage) -> GrayImage | None:
    """A small strip of the page with the most text (about three lines, the middle of the
    text width), used to test which way up the page reads."""
    x0, y0, x1, y1 = ink_bounds(image)
    ink = (image[y0:y1, x0:x1] < 128).sum(axis=1).astype(np.float64)
    band = max(24, round(0.05 * image.shape[0]))
    if ink.size <= band:
        return None
    window = np.convolve(ink, np.ones(band), mode="valid")
    top = int(np.argmax(window)) + y0
    width = x1 - x0
    left, right = x0 + width // 4, x1 - width // 4
    crop = image[top:top + band, left:right]
    return crop if (crop < 128).sum() > 50 else None


def _upside_down(engine: OcrEngine, image: GrayImage) -> bool:
    """Read a strip both ways up; True when it reads clearly better turned by 180°."""
    band = _probe_band(image)
    if band is None:
        return False
    scores = []
    for candidate in (band, quarter_turn(band, 2)):
        segments = engine.read(np.ascontiguousarray(candidate))
        scores.append(_quality(segments) * _horizontal(segments))
    return scores[1] > scores[0] + PROBE_MARGIN


def ocr_page(engine: OcrEngine, page: PageImage, page_no: int) -> OcrPageResult:
    original = page.image
    h, w = original.shape
    cleaned = despeckle(original)
    first_turn = 1 if is_sideways(cleaned) else 0
    turned = quarter_turn(cleaned, first_turn)
    if _upside_down(engine, rotate_small(turned, skew_angle(turned))):
        first_turn += 2
    attempts: list[tuple[float, int, float, list[OcrSegment], tuple[int, int], GrayImage]] = []
    for turns in (first_turn, first_turn + 2, first_turn + 1, first_turn + 3):
        turned = quarter_turn(cleaned, turns)
        angle = skew_angle(turned)
        upright = rotate_small(turned, angle)
        segments, offset = _read(engine, upright)
        quality = _quality(segments) * _horizontal(segments)
        attempts.append((quality, turns % 4, angle, segments, offset, upright))
        if quality >= GOOD_SCORE:
            break
    quality, turns, angle, segments, (ox, oy), upright = max(attempts, key=lambda a: a[0])
    scale = 72.0 / page.dpi
    tw, th = (w, h) if turns % 2 == 0 else (h, w)

    def to_page(box: BBox) -> BBox:
        x0, y0, x1, y1 = (v / scale for v in box)
        mapped = [unrotate_point(*unskew_point(cx, cy, angle, tw, th), turns, w, h)
                  for cx, cy in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        xs = [m[0] * scale for m in mapped]
        ys = [m[1] * scale for m in mapped]
        return (min(xs), min(ys), max(xs), max(ys))

    patterns = load_patterns()
    words: list[Word] = []
    for seg in segments:
        text = correct_ocr_words(patterns, fix_ocr_digits(seg.text.strip()))
        if not text:
            continue
        bx0, by0, bx1, by1 = seg.box
        words.append(Word(text, (bx0 + ox) * scale, (by0 + oy) * scale, (bx1 + ox) * scale,
                          (by1 + oy) * scale, seg.score))
    lines = group_lines(words, page_no, "ocr")
    if turns or angle:
        for line in lines:
            line.to_page = to_page
    return OcrPageResult(lines, turns, angle, quality)
