"""OCR of one page image: orientation (90°/180°), deskew, margin crop, word boxes, and the
marks drawn on the page; boxes in points of the upright frame, with the mapping back to the
page as stored in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from extractors.models import BBox
from extractors.patterns import load_patterns
from extractors.read.image_marks import find_marks, not_letters
from extractors.read.image_rules import find_rules
from extractors.read.images import (
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
from extractors.read.ocr.engine import GrayImage, OcrEngine, OcrSegment, OcrWord
from extractors.read.ocr_correct import correct_ocr_words
from extractors.read.page import Page, Word
from extractors.textnorm import fix_ocr_digits

GOOD_SCORE = 0.80
"""Quality (confidence × share of upright boxes) above which a reading is accepted without
trying the other orientations."""
PROBE_MARGIN = 0.05
"""How much better the upside-down probe must read to turn the page by 180°."""


@dataclass
class OcrPageResult:
    page: Page
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


_GLUED = re.compile(r"([a-z]{4,}[.,;:]?)([A-Z][a-z]+)")
"""OCR runs two words together: "hypertensionRight" (never a name like "McCready")."""


def _unglue(word: OcrWord) -> tuple[OcrWord, ...]:
    m = _GLUED.fullmatch(word.text)
    if m is None:
        return (word,)
    x0, top, x1, bottom = word.box
    cut = x0 + (x1 - x0) * len(m.group(1)) / len(word.text)
    return (OcrWord(m.group(1), (x0, top, cut, bottom), word.score),
            OcrWord(m.group(2), (cut, top, x1, bottom), word.score))


def _segment_words(seg: OcrSegment) -> tuple[OcrWord, ...]:
    return tuple(part for w in _split_segment(seg) for part in _unglue(w))


def _split_segment(seg: OcrSegment) -> tuple[OcrWord, ...]:
    """The engine's word boxes, or the segment split at spaces in proportion to characters."""
    if seg.words:
        return seg.words
    text = seg.text
    x0, top, x1, bottom = seg.box
    per_char = (x1 - x0) / max(1, len(text))
    out: list[OcrWord] = []
    pos = 0
    for part in text.split(" "):
        if part:
            out.append(OcrWord(part, (x0 + pos * per_char, top, x0 + (pos + len(part)) * per_char,
                                      bottom), seg.score))
        pos += len(part) + 1
    return tuple(out)


EDGE_STRIP = 0.015
"""Share of the page's width at either side where no document prints its text: a fax's
sideways transmission line or a stamp along the edge is read there as stray characters."""


def _in_edge_strip(seg: OcrSegment, ox: int, page_width: int) -> bool:
    """A short segment lying wholly within the page's outer edge strip ("1", "P", "12" of a
    line printed sideways along the margin): no row's cell, no value."""
    x0, x1 = seg.box[0] + ox, seg.box[2] + ox
    edge = EDGE_STRIP * page_width
    return len(seg.text.strip()) <= 3 and (x1 <= edge or x0 >= page_width - edge)


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
        if _in_edge_strip(seg, ox, tw):
            continue
        for k, ow in enumerate(_segment_words(seg)):
            text = correct_ocr_words(patterns, fix_ocr_digits(ow.text.strip()), first=k == 0)
            if not text:
                continue
            bx0, by0, bx1, by1 = ow.box
            words.append(Word(text, (bx0 + ox) * scale, (by0 + oy) * scale, (bx1 + ox) * scale,
                              (by1 + oy) * scale, min(ow.score, seg.score) if ow.score else
                              seg.score, "ocr"))
    result = Page(number=page_no, width=tw * scale, height=th * scale, source="ocr",
                  words=words, marks=not_letters(find_marks(upright, page.dpi, words), words),
                  rules=find_rules(upright, page.dpi),
                  to_page=to_page if (turns or angle) else None)
    return OcrPageResult(result, turns, angle, quality)
