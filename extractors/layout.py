"""Words and lines with boxes: the common form of text-layer and OCR pages.

Every later step works on `Line`s. A line keeps its words with their character offsets in the
line text, so any span of the text maps back to a box in PDF points (top-left origin).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractors.models import BBox, Evidence, TextSource


@dataclass(frozen=True)
class Word:
    """A word (text layer) or a text segment (OCR) with its box in PDF points."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0


@dataclass
class Line:
    """Words on one visual line, left to right, joined by spaces (wide gaps by two spaces)."""

    page: int
    words: list[Word]
    source: TextSource = "text_layer"
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)
    to_page: Callable[[BBox], BBox] | None = None
    """For OCR of a turned page: maps a box of the upright reading frame (where the word
    boxes are) to the page as stored in the file. None = boxes are already page boxes."""

    def __post_init__(self) -> None:
        if not self.text:
            self._build_text()

    def _build_text(self) -> None:
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        pos = 0
        prev: Word | None = None
        for w in self.words:
            if prev is not None:
                height = max(1.0, prev.bottom - prev.top)
                sep = "   " if w.x0 - prev.x1 > 1.2 * height else " "
                parts.append(sep)
                pos += len(sep)
            parts.append(w.text)
            offsets.append((pos, pos + len(w.text)))
            pos += len(w.text)
            prev = w
        self.text = "".join(parts)
        self.offsets = offsets

    @property
    def bbox(self) -> BBox:
        return _union([(w.x0, w.top, w.x1, w.bottom) for w in self.words])

    @property
    def conf(self) -> float:
        return min((w.conf for w in self.words), default=1.0)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    def span_bbox(self, start: int, end: int) -> BBox:
        """Box of the characters ``start:end`` of ``text`` (interpolated inside OCR segments)."""
        boxes: list[BBox] = []
        for w, (ws, we) in zip(self.words, self.offsets, strict=True):
            if we <= start or ws >= end:
                continue
            n = max(1, we - ws)
            a = max(start, ws) - ws
            b = min(end, we) - ws
            width = w.x1 - w.x0
            if a == 0 and b == n:
                boxes.append((w.x0, w.top, w.x1, w.bottom))
            else:
                boxes.append((w.x0 + width * a / n, w.top, w.x0 + width * b / n, w.bottom))
        return _union(boxes) if boxes else self.bbox

    def span_conf(self, start: int, end: int) -> float:
        confs = [w.conf for w, (ws, we) in zip(self.words, self.offsets, strict=True)
                 if we > start and ws < end]
        return min(confs, default=self.conf)

    def x_center(self, start: int, end: int) -> float:
        x0, _, x1, _ = self.span_bbox(start, end)
        return (x0 + x1) / 2

    def evidence(self, start: int = 0, end: int | None = None,
                 converted_from: str | None = None) -> Evidence:
        """Evidence for a span: its box and the whole line as text."""
        end = len(self.text) if end is None else end
        box = self.span_bbox(start, end)
        if self.to_page is not None:
            box = self.to_page(box)
        return Evidence(page=self.page, bbox=box,
                        text=" ".join(self.text.split()), source=self.source,
                        converted_from=converted_from)


def _union(boxes: Sequence[BBox]) -> BBox:
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def group_lines(words: Sequence[Word], page: int, source: TextSource) -> list[Line]:
    """Group words into lines by vertical overlap, then sort lines top to bottom."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        for row in rows:
            r_top = sum(x.top for x in row) / len(row)
            r_bot = sum(x.bottom for x in row) / len(row)
            if r_top <= mid <= r_bot and abs((r_top + r_bot) / 2 - mid) < 0.45 * (r_bot - r_top):
                row.append(w)
                break
        else:
            rows.append([w])
    lines = [Line(page=page, words=sorted(r, key=lambda w: w.x0), source=source) for r in rows]
    lines.sort(key=lambda ln: (ln.top, ln.bbox[0]))
    return lines
