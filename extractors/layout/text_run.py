"""`TextRun`: a string assembled from words, where every span maps back to a box on the page.

A run is one line, one table cell, or a paragraph joined from several lines; later stages
search its text with regexes and turn any match into evidence (page, box, text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractors.models import BBox, Evidence, TextSource
from extractors.read.page import Word


def union(boxes: Sequence[BBox]) -> BBox:
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class TextRun:
    """Words joined by ``sep`` (or by the separators given), with each word's offsets."""

    page: int
    words: list[Word] = field(default_factory=list)
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)
    source: TextSource = "text_layer"
    to_page: Callable[[BBox], BBox] | None = None

    @classmethod
    def of(cls, page: int, words: Sequence[Word], source: TextSource,
           to_page: Callable[[BBox], BBox] | None = None,
           gap_sep: float | None = None) -> TextRun:
        """A run of ``words`` joined by a space; with ``gap_sep`` set, gaps wider than that
        many word heights are joined by three spaces (a cell break inside a line)."""
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        pos = 0
        prev: Word | None = None
        for w in words:
            if prev is not None:
                sep = "   " if gap_sep is not None and \
                    w.x0 - prev.x1 > gap_sep * max(prev.height, w.height) else " "
                parts.append(sep)
                pos += len(sep)
            parts.append(w.text)
            offsets.append((pos, pos + len(w.text)))
            pos += len(w.text)
            prev = w
        return cls(page, list(words), "".join(parts), offsets, source, to_page)

    @classmethod
    def join(cls, runs: Sequence[TextRun], sep: str = " ") -> TextRun:
        """Runs of one page joined into one (lines of a paragraph)."""
        if not runs:
            raise ValueError("nothing to join")
        words: list[Word] = []
        offsets: list[tuple[int, int]] = []
        pieces: list[str] = []
        pos = 0
        for i, run in enumerate(runs):
            if i:
                text = pieces[-1] if pieces else ""
                joiner = "" if text.endswith("-") and run.text[:1].islower() else sep
                pieces.append(joiner)
                pos += len(joiner)
            words += run.words
            offsets += [(a + pos, b + pos) for a, b in run.offsets]
            pieces.append(run.text)
            pos += len(run.text)
        first = runs[0]
        return cls(first.page, words, "".join(pieces), offsets, first.source, first.to_page)

    @property
    def bbox(self) -> BBox:
        words = self.words
        if not words:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(w.x0 for w in words), min(w.top for w in words),
                max(w.x1 for w in words), max(w.bottom for w in words))

    @property
    def conf(self) -> float:
        return min((w.conf for w in self.words), default=1.0)

    def span_words(self, start: int, end: int) -> list[Word]:
        return [w for w, (ws, we) in zip(self.words, self.offsets, strict=True)
                if we > start and ws < end]

    def span_bbox(self, start: int, end: int) -> BBox:
        """Box of the characters ``start:end`` (interpolated inside a word), one box around
        all the lines the span covers."""
        boxes: list[BBox] = []
        for w, (ws, we) in zip(self.words, self.offsets, strict=True):
            if we <= start or ws >= end:
                continue
            n = max(1, we - ws)
            a = max(start, ws) - ws
            b = min(end, we) - ws
            width = w.x1 - w.x0
            if a == 0 and b == n:
                boxes.append(w.bbox)
            else:
                boxes.append((w.x0 + width * a / n, w.top, w.x0 + width * b / n, w.bottom))
        return union(boxes) if boxes else self.bbox

    def span_conf(self, start: int, end: int) -> float:
        return min((w.conf for w in self.span_words(start, end)), default=self.conf)

    def x_center(self, start: int, end: int) -> float:
        x0, _, x1, _ = self.span_bbox(start, end)
        return (x0 + x1) / 2

    def evidence(self, start: int = 0, end: int | None = None, *, context: tuple[int, int]
                 | None = None, converted_from: str | None = None) -> Evidence:
        """Evidence for ``start:end``: its box on the stored page and, as text, the
        ``context`` span (default: the whole run) with whitespace squeezed."""
        end = len(self.text) if end is None else end
        box = self.span_bbox(start, end)
        if self.to_page is not None:
            box = self.to_page(box)
        c0, c1 = context if context is not None else (0, len(self.text))
        text = " ".join(self.text[c0:c1].split()) or " ".join(self.text.split())
        return Evidence(page=self.page, bbox=box, text=text, source=self.source,
                        converted_from=converted_from)
