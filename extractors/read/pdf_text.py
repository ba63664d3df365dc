"""The text layer of a PDF page as `Word`s, with the marks and ruling lines drawn on it.

Words are extracted per font: a value typed or hand-written over a printed form (another font,
often overlapping the printed text) stays a word of its own instead of being interleaved
character by character with the form's words. Values typed into PDF form fields become words
at their field's box. Vector graphics become marks: ellipses drawn round an option
(``circle``), small squares (``box``, checked when a tick, an X or a fill is inside) and ticks
drawn as short strokes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pdfplumber
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from extractors.read.page import Mark, Rule, Word

CHECK_GLYPHS = frozenset("✓✔✗✘☒☑■●◼▪xX")
"""Glyphs that, inside a check box, mark it as checked."""
BOX_GLYPHS = {"☐": False, "□": False, "☒": True, "☑": True, "▣": True}
"""Check boxes printed as characters, and whether the glyph itself is a checked box."""
_BOX_MIN, _BOX_MAX = 4.0, 16.0
"""Side (points) of a drawn square taken for a check box."""
_RULE_MIN = 25.0
"""Length (points) from which a drawn line is a table rule, not a tick or a stroke."""


def _font_class(char: dict[str, Any]) -> str:
    return str(char.get("fontname", ""))


def text_words(page: pdfplumber.page.Page) -> list[Word]:
    """Words of the text layer, one extraction per font, plus filled-in form field values."""
    page = page.dedupe_chars()
    fonts: dict[str, int] = defaultdict(int)
    for char in page.chars:
        fonts[_font_class(char)] += 1
    words: list[Word] = []
    for font in fonts:
        subset = page.filter(lambda obj, f=font: obj.get("object_type") != "char"
                             or _font_class(obj) == f)
        for w in subset.extract_words(x_tolerance=2, y_tolerance=2.5, keep_blank_chars=False,
                                      use_text_flow=False):
            text = str(w["text"])
            if text.strip():
                words.append(Word(text, float(w["x0"]), float(w["top"]), float(w["x1"]),
                                  float(w["bottom"]), 1.0, font))
    return words + _form_field_words(page)


def _form_field_words(page: pdfplumber.page.Page) -> list[Word]:
    """Values typed into PDF form fields (an electronically filled CMN), which are not part
    of the page's text. Each value becomes a word at its field's box; a checked check box
    becomes the word ``X``."""
    words: list[Word] = []
    try:
        annots = page.annots
    except Exception:  # a broken annotation list must not stop the page
        return words
    for annot in annots:
        data = annot.get("data") or {}
        value = resolve1(data.get("V")) if isinstance(data, dict) else None
        if isinstance(value, bytes):
            value = decode_text(value)
        elif isinstance(value, PSLiteral):
            value = "X" if str(value.name) not in ("Off", "No") else ""
        if not isinstance(value, str) or not value.strip():
            continue
        x0, top, x1, bottom = (float(annot[k]) for k in ("x0", "top", "x1", "bottom"))
        for i, part in enumerate(value.strip().splitlines()):
            height = min(12.0, bottom - top)
            words.append(Word(part.strip(), x0 + 1, top + i * height, x1,
                              top + (i + 1) * height, 1.0, "form-field"))
    return words


def _inside(inner: tuple[float, float, float, float],
            outer: tuple[float, float, float, float], pad: float = 1.5) -> bool:
    return (inner[0] >= outer[0] - pad and inner[1] >= outer[1] - pad
            and inner[2] <= outer[2] + pad and inner[3] <= outer[3] + pad)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box(obj: dict[str, Any]) -> tuple[float, float, float, float]:
    return (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))


def graphics(page: pdfplumber.page.Page) -> tuple[list[Mark], list[Rule]]:
    """Marks (circles, check boxes, ticks, strokes) and ruling lines of a text-layer page."""
    marks: list[Mark] = []
    rules: list[Rule] = []
    short_strokes: list[tuple[float, float, float, float]] = []
    for line in page.lines:
        box = _box(line)
        length = max(box[2] - box[0], box[3] - box[1])
        if length >= _RULE_MIN and (box[2] - box[0] < 1.5 or box[3] - box[1] < 1.5):
            rules.append(Rule(*box))
        elif length < _RULE_MIN:
            short_strokes.append(box)
        else:
            marks.append(Mark("stroke", *box))
    for curve in page.curves:
        box = _box(curve)
        w, h = box[2] - box[0], box[3] - box[1]
        if 4 <= w <= 60 and 4 <= h <= 40 and len(curve.get("pts") or []) >= 4:
            marks.append(Mark("circle", *box))
        elif w < _RULE_MIN and h < _RULE_MIN:
            short_strokes.append(box)
    glyphs = [c for c in page.chars if str(c.get("text", "")) in CHECK_GLYPHS]
    boxes: list[tuple[float, float, float, float, bool]] = []
    for rect in page.rects:
        box = _box(rect)
        w, h = box[2] - box[0], box[3] - box[1]
        if _BOX_MIN <= w <= _BOX_MAX and _BOX_MIN <= h <= _BOX_MAX and abs(w - h) <= 3:
            boxes.append((*box, bool(rect.get("fill")) and not rect.get("stroke")))
        elif w >= _RULE_MIN or h >= _RULE_MIN:
            x0, top, x1, bottom = box
            rules += [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom),
                      Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)]
    used: set[int] = set()
    for x0, top, x1, bottom, filled in boxes:
        outer = (x0, top, x1, bottom)
        inked = filled or any(_inside(_box(g), outer, 2.5) for g in glyphs)
        for i, s in enumerate(short_strokes):
            if _overlaps(s, outer):
                inked = True
                used.add(i)
        marks.append(Mark("box", x0, top, x1, bottom, checked=inked))
    ticks = [s for i, s in enumerate(short_strokes) if i not in used]
    marks += [Mark("tick", *box) for box in _join_strokes(ticks)]
    for char in page.chars:
        text = str(char.get("text", ""))
        if text in BOX_GLYPHS:
            marks.append(Mark("box", *_box(char), checked=BOX_GLYPHS[text]))
    return marks, rules


def _join_strokes(strokes: list[tuple[float, float, float, float]]
                  ) -> list[tuple[float, float, float, float]]:
    """Short strokes that touch each other (the two legs of a tick, a hand-drawn X) as one."""
    groups: list[list[float]] = []
    for box in sorted(strokes):
        for g in groups:
            if box[0] <= g[2] + 1.5 and g[0] <= box[2] + 1.5 and box[1] <= g[3] + 1.5 \
                    and g[1] <= box[3] + 1.5:
                g[0], g[1] = min(g[0], box[0]), min(g[1], box[1])
                g[2], g[3] = max(g[2], box[2]), max(g[3], box[3])
                break
        else:
            groups.append(list(box))
    return [(g[0], g[1], g[2], g[3]) for g in groups]
