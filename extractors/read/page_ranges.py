"""Which pages of a document to read: ``"1-40,88"``, ``"200-"`` (to the end), ``"7"``.

A `PageSelection` is a few ranges, never a list of every page, so ``"1-100000"`` costs nothing.
Page numbers are 1-based, as printed on a page counter. Parsing errors are one-line messages
that say what to type instead (shown by the CLI and the window as they are).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_PART = re.compile(r"^(\d+)\s*(?:(-)\s*(\d+)?)?$")


@dataclass(frozen=True)
class PageSelection:
    """Sorted, non-overlapping inclusive ranges; ``end`` None means "to the last page"."""

    ranges: tuple[tuple[int, int | None], ...]

    def __post_init__(self) -> None:
        if not self.ranges:
            raise ValueError("no pages chosen")

    def __contains__(self, page: object) -> bool:
        if not isinstance(page, int):
            return False
        return any(start <= page and (end is None or page <= end)
                   for start, end in self.ranges)

    def __str__(self) -> str:
        parts = []
        for start, end in self.ranges:
            if end is None:
                parts.append(f"{start}-")
            elif end == start:
                parts.append(str(start))
            else:
                parts.append(f"{start}-{end}")
        return ",".join(parts)

    def pages(self, total: int) -> Iterator[int]:
        """The chosen pages that a document of ``total`` pages has, in order."""
        for start, end in self.ranges:
            last = total if end is None else min(end, total)
            yield from range(start, last + 1)

    def count(self, total: int) -> int:
        """How many of the chosen pages a document of ``total`` pages has."""
        return sum(max(0, (total if end is None else min(end, total)) - start + 1)
                   for start, end in self.ranges)

    def within(self, total: int) -> PageSelection | None:
        """The chosen pages that a ``total``-page document has (None when it has none)."""
        spans = tuple((start, total if end is None else min(end, total))
                      for start, end in self.ranges if start <= total)
        return PageSelection(spans) if spans else None

    def beyond(self, total: int) -> str | None:
        """The chosen pages past the end of a ``total``-page document, as text
        (``"301-320,400"``), or None when there are none."""
        parts = []
        for start, end in self.ranges:
            if end is None:
                if start > total:
                    parts.append(f"{start}-")
                continue
            low = max(start, total + 1)
            if low <= end:
                parts.append(str(low) if low == end else f"{low}-{end}")
        return ",".join(parts) or None


def parse_pages(text: str) -> PageSelection:
    """``"1-40,88"`` → a `PageSelection`. Raises ValueError with a one-line message."""
    raw = text.strip()
    if not raw:
        raise ValueError("no pages given; write them like 1-40,88")
    spans: list[tuple[int, int | None]] = []
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        m = _PART.match(part)
        if m is None:
            raise ValueError(f"'{part[:20]}' is not a page or a range; write pages like "
                             "1-40,88 (or 200- for page 200 to the end)")
        start = int(m.group(1))
        end: int | None = start
        if m.group(2):
            end = int(m.group(3)) if m.group(3) else None
        if start < 1:
            raise ValueError("pages are counted from 1")
        if end is not None and end < start:
            raise ValueError(f"the range {start}-{end} runs backwards; write {end}-{start}")
        spans.append((start, end))
    if not spans:
        raise ValueError("no pages given; write them like 1-40,88")
    return PageSelection(tuple(_merge(spans)))


def _merge(spans: list[tuple[int, int | None]]) -> list[tuple[int, int | None]]:
    out: list[tuple[int, int | None]] = []
    for start, end in sorted(spans, key=lambda s: s[0]):
        if out:
            prev_start, prev_end = out[-1]
            if prev_end is None or start <= prev_end + 1:
                merged_end = None if prev_end is None or end is None else max(prev_end, end)
                out[-1] = (prev_start, merged_end)
                continue
        out.append((start, end))
    return out
