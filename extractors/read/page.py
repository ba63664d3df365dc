"""What the read stage gives the layout stage: each page as words with boxes, plus the marks
(circles, check boxes, ticks, strokes) and ruling lines drawn on it.

Coordinates are PDF points with a top-left origin in the page's *reading frame*: for a text
page that is the page itself; for an OCR page that was turned or deskewed before reading, it is
the upright image, and `Page.to_page` maps a box back to the page as stored in the file (that is
where evidence boxes must point).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from extractors.models import BBox, TextSource

MarkKind = Literal["circle", "box", "tick", "stroke", "fill"]


@dataclass(frozen=True, slots=True)
class Word:
    """A word with its box in points; ``font`` tells filled-in from printed text when known."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0
    font: str = ""

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Mark:
    """A drawn mark. ``box`` kinds carry ``checked`` (ink inside the box)."""

    kind: MarkKind
    x0: float
    top: float
    x1: float
    bottom: float
    checked: bool = False

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line (table border) in points; horizontal when ``top == bottom``."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class Page:
    """One page ready for layout analysis."""

    number: int
    width: float
    height: float
    source: TextSource
    words: list[Word] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    to_page: Callable[[BBox], BBox] | None = None
    warnings: list[str] = field(default_factory=list)

    def page_box(self, box: BBox) -> BBox:
        """A reading-frame box as a box on the page as stored in the file."""
        return self.to_page(box) if self.to_page is not None else box
