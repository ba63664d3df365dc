"""Dates in a document with what each one is (birth, admission, discharge, test, other).

A date's label is the label text nearest before it on the same line (or, for a date alone
on its line, at the end of the line above). Unlabeled dates are kept as ``"unlabeled"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.dates import Convention, DateMatch, convention_of, find_dates
from extractors.layout import Line
from extractors.patterns import Patterns

LABEL_ORDER = ("date_of_birth", "admission_date", "discharge_date", "other_date", "test_date")
_LABEL_WINDOW = 40


@dataclass(frozen=True)
class LabeledDate:
    line_index: int
    date: DateMatch
    label: str
    """One of `LABEL_ORDER` or ``"unlabeled"``."""


def _label_before(p: Patterns, text: str) -> str | None:
    """The label whose match ends nearest the end of ``text``."""
    best: tuple[int, int, str] | None = None
    for order, name in enumerate(LABEL_ORDER):
        for rx in p.date_labels[name]:
            for m in rx.finditer(text):
                key = (m.end(), -order)
                if best is None or key > best[:2]:
                    best = (m.end(), -order, name)
    if best is None:
        return None
    gap = text[best[0]:]
    # the label must be close: only separators / short words between it and the date
    if len(re.sub(r"[\s:#=\-()]+", "", gap)) > 12:
        return None
    return best[2]


def label_dates(p: Patterns, lines: list[Line]) -> tuple[list[LabeledDate], Convention]:
    convention = convention_of(line.text for line in lines)
    found: list[LabeledDate] = []
    for i, line in enumerate(lines):
        dates = find_dates(line.text, convention)
        prev_end = 0
        for d in dates:
            before = line.text[max(prev_end, d.start - _LABEL_WINDOW):d.start]
            label = _label_before(p, before)
            if label is None and not line.text[:d.start].strip() and i > 0:
                above = lines[i - 1]
                if above.page == line.page:
                    label = _label_before(p, above.text[-_LABEL_WINDOW:])
            found.append(LabeledDate(i, d, label or "unlabeled"))
            prev_end = d.end
    return found, convention
