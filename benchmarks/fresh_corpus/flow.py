"""Flowing text over pages: headings and paragraphs are wrapped and paginated when the
document is built, so each truth measurement learns the page its sentence lands on."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .pen import Pen
from .truth import M, Page

Decor = Callable[[Pen, int, int], float]     # draws header/footer, returns the first free y


def wrap(text: str, font: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Greedy word wrap (the first line may be narrowed by ``indent``)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        room = width - (indent if not lines else 0)
        if line and stringWidth(trial, font, size) > room:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


@dataclass
class Block:
    """A heading, a paragraph (optionally with a bold run-in label) or vertical space."""

    text: str = ""
    font: str = "Helvetica"
    size: float = 9.5
    label: str = ""
    label_font: str = "Helvetica-Bold"
    space_before: float = 4.0
    ms: list[M] = field(default_factory=list)
    keep_with_next: bool = False
    x_indent: float = 0.0

    def lines(self, width: float) -> list[str]:
        indent = stringWidth(self.label + " ", self.label_font, self.size) if self.label else 0
        return wrap(self.text, self.font, self.size, width - self.x_indent, indent) or [""]

    def height(self, width: float) -> float:
        return self.space_before + len(self.lines(width)) * self.size * 1.32


class Flow:
    """Collect blocks, then cut them into pages between ``top`` (from the decor) and ``bottom``."""

    def __init__(self, x: float, width: float, bottom: float, decor: Decor,
                 size: tuple[float, float] = (612.0, 792.0)) -> None:
        self.x, self.width, self.bottom, self.decor, self.size = x, width, bottom, decor, size
        self.blocks: list[Block] = []

    def add(self, text: str, label: str = "", ms: list[M] | None = None, **kw: object) -> Block:
        b = Block(text=text, label=label, ms=list(ms or []), **kw)  # type: ignore[arg-type]
        self.blocks.append(b)
        return b

    def heading(self, text: str, font: str = "Helvetica-Bold", size: float = 10.5,
                space_before: float = 10.0) -> Block:
        return self.add(text, font=font, size=size, space_before=space_before,
                        keep_with_next=True)

    def _top(self, page: int) -> float:
        """Where text starts below the decor of ``page`` (a dry run on a scratch canvas)."""
        pen = Pen(Canvas(io.BytesIO(), pagesize=self.size), *self.size, random.Random(0))
        return self.decor(pen, page, 2)

    def pages(self, tail: Callable[[Pen, float], float] | None = None,
              tail_height: float = 0.0) -> list[Page]:
        """Paginate; ``tail`` (a signature block) draws after the last block if it fits."""
        first_top, later_top = self._top(1), self._top(2)
        chunks: list[list[tuple[Block, float]]] = [[]]
        y = first_top
        i = 0
        while i < len(self.blocks):
            b = self.blocks[i]
            need = b.height(self.width)
            if b.keep_with_next and i + 1 < len(self.blocks):
                need += self.blocks[i + 1].height(self.width)
            if y + need > self.bottom and chunks[-1]:
                chunks.append([])
                y = later_top
            chunks[-1].append((b, y))
            y += b.height(self.width)
            i += 1
        if tail and y + tail_height > self.bottom:
            chunks.append([])
            y = later_top
        total = len(chunks)
        for n, chunk in enumerate(chunks):
            for b, _ in chunk:
                for m in b.ms:
                    m.page = n + 1
        tail_y = y

        def make(n: int, chunk: list[tuple[Block, float]]) -> Page:
            def draw(pen: Pen) -> None:
                self.decor(pen, n + 1, total)
                for b, top in chunk:
                    yy = top + b.space_before + b.size
                    for k, line in enumerate(b.lines(self.width)):
                        x = self.x + b.x_indent
                        if k == 0 and b.label:
                            x += pen.text(x, yy, b.label + " ", b.label_font, b.size)
                        pen.text(x, yy, line, b.font, b.size)
                        yy += b.size * 1.32
                if tail and n == total - 1:
                    tail(pen, tail_y + 8)
            return Page(draw, self.size)

        return [make(n, c) for n, c in enumerate(chunks)]
