"""The text layer of a PDF page as `Word`s, with the marks and ruling lines drawn on it.

The page is parsed once by pdfminer into plain objects (`TextLayer`: characters, lines,
rectangles, curves, images) with the coordinates and keys pdfplumber gives them, but without
pdfplumber's per-object conversion and its quadratic duplicate-character removal, which cost
about a second per dense page; a horizontal font's characters are built as slim `_Char`s
rather than pdfminer's ``LTChar``s (same text, box, size, by the same arithmetic). The parse
counts what it creates and stops at `MAX_TEXT_OBJECTS` (`TextLayerTooLarge`), so one page
never holds more than that in memory.

Words are extracted per font: a value typed or hand-written over a printed form (another font,
often overlapping the printed text) stays a word of its own instead of being interleaved
character by character with the form's words. Values typed into PDF form fields become words
at their field's box. Vector graphics become marks: ellipses drawn round an option
(``circle``), small squares (``box``, checked when a tick, an X or a fill is inside) and ticks
drawn as short strokes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import Matrix, apply_matrix_rect, decode_text
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.text import WordExtractor

from extractors.errors import ExtractionError
from extractors.read.budget import MAX_TEXT_OBJECTS
from extractors.read.page import Mark, Rule, Word

CHECK_GLYPHS = frozenset("✓✔✗✘☒☑■●◼▪xX")
"""Glyphs that, inside a check box, mark it as checked."""
BOX_GLYPHS = {"☐": False, "□": False, "☒": True, "☑": True, "▣": True}
"""Check boxes printed as characters, and whether the glyph itself is a checked box."""
_BOX_MIN, _BOX_MAX = 4.0, 16.0
"""Side (points) of a drawn square taken for a check box."""
_RULE_MIN = 25.0
"""Length (points) from which a drawn line is a table rule, not a tick or a stroke."""

Obj = dict[str, Any]


class TextLayerTooLarge(ExtractionError):
    message = "the page's text layer is too large to parse"


@dataclass
class TextLayer:
    """A page's text layer as pdfplumber-style dicts (top-left origin, points)."""

    chars: list[Obj] = field(default_factory=list)
    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)
    images: list[Obj] = field(default_factory=list)

    def printable(self) -> int:
        """Characters that are not blank."""
        return sum(1 for c in self.chars if c["text"].strip())


class _Char:
    """A character of a horizontal font, with what `parse_text_layer` reads of pdfminer's
    ``LTChar`` (whose construction costs a good part of a dense page's parse)."""

    __slots__ = ("fontname", "size", "text", "upright", "x0", "x1", "y0", "y1")

    def __init__(self, text: str, fontname: str, x0: float, y0: float, x1: float, y1: float,
                 size: float, upright: bool) -> None:
        self.text, self.fontname, self.size, self.upright = text, fontname, size, upright
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1

    def get_text(self) -> str:
        return self.text


class _CountingAggregator(PDFPageAggregator):
    """pdfminer's page aggregator that stops once the page has created ``limit`` objects."""

    def __init__(self, rsrcmgr: PDFResourceManager, pageno: int, limit: int) -> None:
        super().__init__(rsrcmgr, pageno=pageno, laparams=None)
        self.left = limit

    def _spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise TextLayerTooLarge()

    def render_char(self, matrix: Matrix, font: PDFFont, fontsize: float, scaling: float,
                    rise: float, cid: int, ncs: PDFColorSpace,
                    graphicstate: PDFGraphicState) -> float:
        """pdfminer's ``render_char`` with a `_Char` in place of its ``LTChar`` (same text,
        box, size and upright flag, by the same arithmetic) for horizontal fonts."""
        self._spend()
        if font.is_vertical():
            return float(super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs,
                                             graphicstate))
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        adv = font.char_width(cid) * fontsize * scaling
        descent = font.get_descent() * fontsize
        a, b, c, d, _e, _f = matrix
        x0, y0, x1, y1 = apply_matrix_rect(matrix, (0, descent + rise, adv,
                                                    descent + rise + fontsize))
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        self.cur_item.add(_Char(text, font.fontname, x0, y0, x1, y1, y1 - y0,  # type: ignore[arg-type]
                                a * d * scaling > 0 and b * c <= 0))
        return float(adv)

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        self._spend()
        super().paint_path(*args, **kwargs)

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        self._spend()
        super().render_image(*args, **kwargs)


def parse_text_layer(page: pdfplumber.page.Page, rsrcmgr: PDFResourceManager,
                     limit: int = MAX_TEXT_OBJECTS) -> TextLayer:
    """Parse one page with pdfminer into a `TextLayer` (the same objects, coordinates and
    keys as pdfplumber's ``page.chars``/``lines``/``rects``/``curves``/``images``). Raises
    `TextLayerTooLarge` past ``limit`` objects; pdfminer's own errors pass through."""
    device = _CountingAggregator(rsrcmgr, page.page_number, limit)
    PDFPageInterpreter(rsrcmgr, device).process_page(page.page_obj)
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    layer = TextLayer()

    def box(obj: Any) -> Obj:
        x0, x1 = float(obj.x0), float(obj.x1)
        if mb_x0 != 0:
            x0, x1 = x0 + mb_x0, x1 + mb_x0
        top = (height - float(obj.y1)) + mb_top
        return {"x0": x0, "x1": x1, "top": top, "bottom": (height - float(obj.y0)) + mb_top,
                "doctop": top}

    stack: list[Any] = [iter(device.get_result())]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        kind = type(obj)
        if kind is _Char:  # the common case, in one dict literal (same keys and values)
            x0, x1 = float(obj.x0), float(obj.x1)
            if mb_x0 != 0:
                x0, x1 = x0 + mb_x0, x1 + mb_x0
            top = (height - float(obj.y1)) + mb_top
            fontname = obj.fontname
            if isinstance(fontname, bytes):
                fontname = fix_fontname_bytes(fontname)
            layer.chars.append({"x0": x0, "x1": x1, "top": top,
                                "bottom": (height - float(obj.y0)) + mb_top, "doctop": top,
                                "text": obj.text, "fontname": fontname, "size": obj.size,
                                "upright": obj.upright})
        elif kind is LTChar:
            fontname = obj.fontname
            if isinstance(fontname, bytes):
                fontname = fix_fontname_bytes(fontname)
            d = box(obj)
            d.update(text=obj.get_text(), fontname=fontname, size=obj.size,
                     upright=obj.upright)
            layer.chars.append(d)
        elif kind is LTLine or kind is LTRect or kind is LTCurve:
            d = box(obj)
            d.update(fill=obj.fill, stroke=obj.stroke)
            if kind is LTCurve:
                d["pts"] = [(mb_x0 + x, mb_top + height - y) for x, y in obj.pts]
            (layer.lines if kind is LTLine else
             layer.rects if kind is LTRect else layer.curves).append(d)
        elif kind is LTImage:
            layer.images.append(box(obj))
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj))
    return layer


def _chains(items: list[Obj], key: str, tolerance: float) -> Iterator[list[Obj]]:
    """``items`` sorted by ``key`` and cut where two neighbours are more than ``tolerance``
    apart (pdfplumber's ``cluster_objects``, whose clusters chain the same way)."""
    items = sorted(items, key=itemgetter(key))
    start = 0
    for i in range(1, len(items)):
        if items[i][key] > items[i - 1][key] + tolerance:
            yield items[start:i]
            start = i
    yield items[start:]


def dedupe_chars(chars: list[Obj], tolerance: float = 1) -> list[Obj]:
    """pdfplumber's ``dedupe_chars``: of characters with the same text, font and size whose
    positions chain within ``tolerance`` of each other, keep the top-left one. Same result,
    in a fraction of the time (the original sorts by ``list.index``, quadratic)."""
    groups: dict[tuple[Any, ...], list[Obj]] = defaultdict(list)
    for c in chars:
        groups[(c["upright"], c["text"], c["fontname"], c["size"])].append(c)
    dropped: set[int] = set()
    pos_key = itemgetter("doctop", "x0")
    for group in groups.values():
        if len(group) < 2:
            continue
        for y_cluster in _chains(group, "doctop", tolerance):
            if len(y_cluster) < 2:
                continue
            for x_cluster in _chains(y_cluster, "x0", tolerance):
                if len(x_cluster) > 1:
                    keep = min(x_cluster, key=pos_key)
                    dropped.update(id(c) for c in x_cluster if c is not keep)
    return [c for c in chars if id(c) not in dropped] if dropped else chars


def _font_class(char: Obj) -> str:
    return str(char.get("fontname", ""))


_WORDS = WordExtractor(x_tolerance=2, y_tolerance=2.5, keep_blank_chars=False,
                       use_text_flow=False)


def text_words(layer: TextLayer, page: pdfplumber.page.Page) -> list[Word]:
    """Words of the text layer, one extraction per font, plus filled-in form field values
    (read from ``page``'s annotations)."""
    chars = dedupe_chars(layer.chars)
    by_font: dict[str, list[Obj]] = defaultdict(list)
    for char in chars:
        by_font[_font_class(char)].append(char)
    words: list[Word] = []
    for font, subset in by_font.items():
        for w in _WORDS.extract_words(subset):
            text = str(w["text"])
            if text.strip():
                words.append(Word(text, float(w["x0"]), float(w["top"]), float(w["x1"]),
                                  float(w["bottom"]), 1.0, font))
    return words + _form_field_words(page)


def mostly_image(layer: TextLayer, width: float, height: float) -> bool:
    """A scan with a small text stamp (fax header): read the page by OCR instead."""
    if layer.printable() >= 200:
        return False
    area = width * height
    covered = sum(max(0.0, float(i["x1"]) - float(i["x0"])) *
                  max(0.0, float(i["bottom"]) - float(i["top"])) for i in layer.images)
    return area > 0 and covered / area > 0.5


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


def graphics(page: TextLayer) -> tuple[list[Mark], list[Rule]]:
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
