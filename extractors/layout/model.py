"""The structure of one page as the layout stage finds it: lines, tables, fields, choices,
headings, paragraphs and blocks. Everything refers to lines by their reading-order index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from extractors.layout.lines import Line
from extractors.layout.text_run import TextRun
from extractors.read.page import Mark, Page

if TYPE_CHECKING:
    from extractors.layout.choices import Checkbox

LineRole = Literal["heading", "field", "row", "prose", "choice"]


@dataclass
class Column:
    """A table column: its header text (may be empty) and x-extent."""

    header: TextRun | None
    x0: float
    x1: float


@dataclass
class Cell:
    column: int
    run: TextRun


@dataclass
class Row:
    line: int
    cells: list[Cell]
    continuation: list[int] = field(default_factory=list)
    """Lines folded into this row (wrapped cells)."""

    def cell(self, column: int) -> Cell | None:
        return next((c for c in self.cells if c.column == column), None)


@dataclass
class Table:
    """Rows of aligned cells, with the header row when there is one."""

    header_line: int | None
    columns: list[Column]
    rows: list[Row]
    group_lines: list[int] = field(default_factory=list)
    """Label-only lines inside the table (e.g. "BLOOD GAS, ARTERIAL")."""
    header_extra: list[int] = field(default_factory=list)
    """Further header lines under the first (units, draw times)."""

    @property
    def lines(self) -> list[int]:
        out = [r.line for r in self.rows] + [c for r in self.rows for c in r.continuation]
        out += self.group_lines + self.header_extra
        if self.header_line is not None:
            out.append(self.header_line)
        return sorted(out)


@dataclass
class Field:
    """``Label: value`` on one line, or a label with its value below it."""

    line: int
    label: TextRun
    value: TextRun | None
    value_line: int | None = None


@dataclass
class Option:
    """A printed option (``Y``, ``N``, ``D``, ``1``, ``Yes``…) and whether it is marked."""

    text: str
    run: TextRun
    marked: bool = False
    struck: bool = False


@dataclass
class Choice:
    """A group of printed options on one line; ``selected`` is the marked one, if exactly one
    is marked (or all but one are struck)."""

    line: int
    options: list[Option]
    selected: Option | None = None


@dataclass
class Paragraph:
    lines: list[int]
    run: TextRun


@dataclass
class Block:
    """Consecutive lines that belong together (a specimen, a study part); its context lines
    state conditions for every value in it."""

    lines: list[int]


@dataclass
class PageLayout:
    page: Page
    lines: list[Line]
    roles: list[LineRole]
    tables: list[Table] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    checkboxes: list[Checkbox] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    def table_of(self, line: int) -> Table | None:
        return next((t for t in self.tables if line in t.lines), None)

    def block_of(self, line: int) -> Block | None:
        return next((b for b in self.blocks if line in b.lines), None)
