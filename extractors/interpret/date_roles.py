"""What each date in a document is: birth, admission, discharge, a test or visit date, or
another date (printed, received, reported, signed, dictated, faxed, follow-up…).

A date that is a field's value takes its role from the field's label (as OCR misread it too:
"ADMISSION DA11", "008" for DOB); a date in prose takes it from the nearest role word before
it in its clause. Dates with no role word are ``event`` dates (a date in the sentence of a
value dates that value); a date alone at the top of a page is ``unlabeled`` (a letter's date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from extractors.interpret.dates import Convention, DateMatch, find_dates
from extractors.layout.text_run import TextRun
from extractors.patterns import Patterns

Role = Literal["date_of_birth", "admission_date", "discharge_date", "test_date", "other_date",
               "event", "unlabeled"]
LABEL_ORDER: tuple[Role, ...] = ("date_of_birth", "admission_date", "discharge_date",
                                 "other_date", "test_date")
_LOOKBACK = 48
_CLAUSE_STOP = re.compile(r"[;.!?]\s|\s{3,}|\|")


@dataclass(frozen=True)
class DatedSpan:
    """A date found in a run, with its role."""

    run: TextRun
    date: DateMatch
    role: Role
    line: int
    """Reading-order index of the line (of its page) the date is on."""
    page: int
    field: bool = False
    """The date is the value of a labelled field (a header), not a date in prose."""


_LEADER = re.compile(r"\s*\.{2,}\s*(?=\S*$)")


def role_before(p: Patterns, text: str) -> Role | None:
    """The role of the label or role word ending nearest the end of ``text``."""
    best: tuple[int, int, Role] | None = None
    for order, name in enumerate(LABEL_ORDER):
        for rx in p.date_labels[name]:
            for m in rx.finditer(text):
                key = (m.end(), -order)
                if best is None or key > best[:2]:
                    best = (m.end(), -order, name)
    return best[2] if best else None


def classify(p: Patterns, text: str, start: int, field_label: str | None,
             floor: int = 0) -> Role:
    """Role of a date at ``text[start:]``; ``field_label`` when the date is a field value.
    ``floor``: where the date before it ends (a label before that one names that one: "DOB
    01/22/1964 Sex M Admitted 02/12/2025")."""
    if field_label is not None:
        role = role_before(p, field_label) or _misread_label(field_label)
        if role is not None:
            return role
    before = text[max(0, floor, start - _LOOKBACK):start]
    before = _LEADER.sub(": ", before)  # "Date of eval ....... 6/24/2025": a label's leader
    stops = list(_CLAUSE_STOP.finditer(before))
    if stops and stops[-1].group().startswith(".") and not before[stops[-1].end():].strip():
        # a label's colon read as a full stop right before the date ("Date of service. 09…")
        label = before[stops[-2].end() if len(stops) > 1 else 0:stops[-1].start()].strip()
        if _only_label(p, label) and role_before(p, label + ":") is not None:
            before = label + ":"
            stops = []
    if stops:
        before = before[stops[-1].end():]
    # printed / signed / dictated / follow-up … anywhere before it in the clause wins
    for name in ("other_date", "date_of_birth"):
        if any(rx.search(before) for rx in p.date_labels[name]):
            return name
    role = role_before(p, before)
    if role is not None:
        # a role word far from the date, with other words between, does not name it
        between = before[_role_end(p, before):]
        gap = len(re.sub(r"[\s:#=\-()\[\],.]+", "", between))
        if role in ("admission_date", "discharge_date") and _A_TEST.search(between):
            return "test_date"  # "DISCHARGE OXYGEN ASSESSMENT (02/20/2025)": the test's day
        if gap <= 24:
            return role
    if not text[:start].strip():
        return "unlabeled"
    return "event"


_MISREAD: tuple[tuple[str, Role], ...] = (("admission", "admission_date"),
                                          ("discharge", "discharge_date"),
                                          ("birth", "date_of_birth"))


_A_TEST = re.compile(r"\b(?:assessment|evaluation|walk|oximetry|abg|blood gas|study|test)\b",
                    re.IGNORECASE)
"""A test named between an admission or discharge word and a date: the date is the test's."""


def _misread_label(label: str) -> Role | None:
    """The role a short field label names as OCR misread it ("ADMISSION DA11", "DISCHARGF
    DATE", "008" for DOB in a box of its own)."""
    if len(label.split()) > 4:
        return None
    if re.search(r"(?<![A-Za-z])[D0O1][O0][B8](?![A-Za-z])", label):
        return "date_of_birth"
    words = re.findall(r"[A-Za-z0-9]{5,}", label)
    for word, role in _MISREAD:
        if any(fuzz.ratio(w.lower(), word) >= 80 for w in words):
            return role
    return None


def _only_label(p: Patterns, text: str) -> bool:
    """``text`` is a date label and nothing else ("Date of service", "DOB")."""
    return any(m.start() == 0 and m.end() >= len(text) for name in LABEL_ORDER
               for rx in p.date_labels[name] for m in rx.finditer(text))


def _role_end(p: Patterns, text: str) -> int:
    end = 0
    for name in LABEL_ORDER:
        for rx in p.date_labels[name]:
            for m in rx.finditer(text):
                end = max(end, m.end())
    return end


def dates_in(p: Patterns, run: TextRun, line: int, convention: Convention,
             anchor: str | None = None, field_label: str | None = None) -> list[DatedSpan]:
    """Every date of ``run`` with its role."""
    out: list[DatedSpan] = []
    floor = 0
    for d in find_dates(run.text, convention, anchor=anchor):
        out.append(DatedSpan(run, d, classify(p, run.text, d.start, field_label, floor), line,
                             run.page))
        floor = d.end
    return out
