"""A document part: the pages one layout drew plus the truth about them.

A file is one part (a stand-alone document) or several parts (a fax packet). Layouts create
pages through :meth:`DocPart.new_page` and record measurements against the current page.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .page import Page
from .truth import Facts, Measurement

if TYPE_CHECKING:
    from .case import Case

LETTER = (612.0, 792.0)
_keys = itertools.count(1)


@dataclass
class DocPart:
    doc_type: str
    variant: str
    pages: list[Page] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    hard: list[str] = field(default_factory=list)

    def new_page(self, landscape: bool = False) -> Page:
        w, h = LETTER
        pg = Page(h, w) if landscape else Page(w, h)
        self.pages.append(pg)
        return pg

    @property
    def page_no(self) -> int:
        return len(self.pages)

    def add(
        self,
        kind: str,
        value: float,
        setting: str | None,
        oxygen: str | None,
        method: str,
        date: dt.date | None,
        *,
        flow: float | None = None,
        minutes: float | None = None,
        page: int | None = None,
        optional: bool = False,
        accept: dict[str, list[Any]] | None = None,
        date_accept: list[dt.date] | None = None,
        quote_of: str = "",
    ) -> Measurement:
        """Record one measurement (on the current page unless PAGE is given)."""
        m = Measurement(
            kind,
            round(float(value), 1),
            setting,
            oxygen,
            None if flow is None else float(flow),
            method,
            date,
            None if minutes is None else round(float(minutes), 1),
            page or self.page_no,
            optional,
            dict(accept or {}),
            list(date_accept or []),
            key=f"m{next(_keys)}",
            quote_of=quote_of,
        )
        self.measurements.append(m)
        return m

    def hard_if(self, cond: bool, what: str) -> None:
        if cond:
            self.hard.append(what)


# a layout: (random generator, case, rotation index j) -> the drawn part
Builder = Callable[[random.Random, "Case", int], DocPart]
