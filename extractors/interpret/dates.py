"""Date finding and parsing. US month-first by default; ambiguous dates are flagged.

A numeric date such as 03/04/2026 is read month-first unless the document shows day-first
dates (a first part above 12) or says where it comes from (NHS, United Kingdom…), in which
case it is read day-first (with day-first evidence from the dates themselves) or flagged
ambiguous instead of guessed. Dotted dates (03.04.2026) with both parts 12 or under are always
ambiguous. A date without a year ("ABG 9/29", "on February 15") takes the year that puts it on or
shortly before an anchor date (the note's date). Nothing here raises on arbitrary text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Convention = Literal["mdy", "dmy", "unknown"]

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ISO = re.compile(r"(?<!\d)(?<!\d\.)(?P<y>(?:19|20)\d{2})[-.](?P<m>\d{1,2})[-\s.]"
                  r"(?P<d>\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
                      r"(?:(?<=/)\.(?=\d))?"  # a speck OCR read as a dot: "01/25/.25"
                      r"(?P<y>(?:19|20)\d{2}|\d{2})(?:(?=\.?\d{1,2}:\d\d)|(?![\d/]|\.\d))")
_SPACED_SLASHES = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep> ?/ ?)(?P<b>\d{1,2})(?P=sep)"
                             r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\d/])")
"""A form's date typed into its spaced blanks ("12 / 04 / 2024")."""
_SPACED = re.compile(r"(?<![\d/.:-])(?P<a>\d{1,2}) (?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)")
_OCR_SEPARATORS = re.compile(
    r"(?<![\d/.-])(?<!\d:)(?P<a>\d{1,2})(?P<s1>[ ./-])(?P<b>\d{1,2})(?P<s2>[ ./-])"
    r"(?P<y>(?:19|20)\d{2})(?![\d/])|(?<![\d/.-])(?<!\d:)(?P<a2>\d{1,2})/"
    r"(?P<b2>\d{2})(?P<y2>(?:19|20)\d{2})(?![\d/])")
"""A date whose slashes OCR lost or changed ("09 27 2023", "01 21-1946", "09/181949")."""
_DAY_MON = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s-]*" + _MON
                      + r",?[\s-]*(?P<y>\d{4})(?!\d)", re.IGNORECASE)
_DAY_MON_YY = re.compile(r"\b(?P<d>\d{1,2})-(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                         r"nov|dec)-(?P<y>\d{2})(?![\d:-])", re.IGNORECASE)
"""A laboratory system's day, month name and two-digit year ("20-Jan-25")."""
_MON_DAY = re.compile(r"\b" + _MON + r"\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?[,.]?\s*(?P<y>\d{4})(?!\d)",
                      re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text: where, its ISO form (None when invalid/ambiguous)."""

    start: int
    end: int
    text: str
    iso: str | None
    ambiguous: bool = False


def _year(raw: str, today: dt.date) -> int:
    year = int(raw)
    if len(raw) == 2:
        year += 2000
        if year > today.year + 1:
            year -= 100
    return year


def _make(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


_DAY_FIRST_PLACES = re.compile(r"\bNHS\b|\bUnited Kingdom\b|\bEngland\b|\bScotland\b|"
                               r"\bWales\b|\bAustralia\b|\bNew Zealand\b|\bIreland\b")
_YEARLESS = re.compile(
    r"(?:(?<=\bon )|(?<=\bdated )|(?<=\bdrawn )|(?<=\bcollected )|(?<=\babg )|(?<=\bcbc )|"
    r"(?<=\becho )|(?<=\bekg )|(?<=\becg )|(?<=\bfrom )|(?<=\bof )|(?<=\bsince )|"
    r"(?<=\()(?=\d{1,2}/\d{1,2}(?:\)|,?\s+\d{1,2}:?\d{2}))|"
    r"(?<=[a-z] )(?=\d{1,2}/\d{1,2}\s*(?::|\((?!\d))))"
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![/\d.]|\s*(?:%|mm|l\b|lpm))", re.IGNORECASE)

_YEARLESS_CELL = re.compile(r"^\s*(?=\d{2}/\d{2}\s*$|"
                            r"\d{1,2}/\d{1,2}\s+(?:[01]?\d|2[0-3]):?[0-5]\d\s*$)"
                            r"(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:\s+\d{1,2}:?\d{2})?\s*$")
"""A yearless date standing alone as a cell, a draw's column head ("08/02 19:40", "08/05")."""
_YEARLESS_MON = re.compile(
    r"\b(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<d>\d{1,2})"
    r"(?:st|nd|rd|th)?\b(?![,.]?\s*\d)(?!\s*(?:%|mm|l\b|lpm|min))")
"""A month name and day without a year ("On February 15 an arterial blood gas …")."""


def convention_of(texts: Iterable[str]) -> Convention:
    """Day-first or month-first evidence from numeric dates in a whole document, and from
    where it says it comes from."""
    mdy = dmy = 0
    texts = list(texts)
    if any(_DAY_FIRST_PLACES.search(t) for t in texts):
        dmy += 1
    for text in texts:
        for m in _NUMERIC.finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            if a > 12 >= b:
                dmy += 1
            elif b > 12 >= a:
                mdy += 1
    if dmy and not mdy:
        return "dmy"
    if mdy and not dmy:
        return "mdy"
    return "unknown"


def find_dates(text: str, convention: Convention = "unknown",
               today: dt.date | None = None, anchor: str | None = None) -> list[DateMatch]:
    """All dates in ``text``, left to right, without overlaps; with an ISO ``anchor``, also
    dates written without a year after a date word ("ABG 9/29")."""
    if not isinstance(text, str):
        return []
    today = today or dt.date.today()
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], iso: str | None, ambiguous: bool = False) -> None:
        span = m.span()
        if any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)
        found.append(DateMatch(span[0], span[1], m.group(0), iso, ambiguous))

    for m in _ISO.finditer(text):
        add(m, _make(int(m.group("y")), int(m.group("m")), int(m.group("d"))))
    for rx in (_DAY_MON, _MON_DAY, _DAY_MON_YY):
        for m in rx.finditer(text):
            mon = MONTHS.get(m.group("mon").lower()[:3])
            if mon is not None:
                add(m, _make(_year(m.group("y"), today), mon, int(m.group("d"))))
    for m in _SPACED.finditer(text):  # OCR lost a slash: "10 30/2023"
        a, b = int(m.group("a")), int(m.group("b"))
        if 1 <= a <= 12 < b <= 31 or (1 <= a <= 12 and 1 <= b <= 31 and convention != "dmy"):
            add(m, _make(int(m.group("y")), a, b))
    for m in _SPACED.finditer(text):  # OCR lost a slash: "10 30/2023"
        a, b = int(m.group("a")), int(m.group("b"))
        if 1 <= a <= 12 and 1 <= b <= 31 and convention != "dmy":
            add(m, _make(int(m.group("y")), a, b))
    for m in _OCR_SEPARATORS.finditer(text):
        if m.group("a2") is not None:
            a, b, y = int(m.group("a2")), int(m.group("b2")), int(m.group("y2"))
        elif m.group("s1") == m.group("s2") and m.group("s1") in "/-.":
            continue  # an ordinary date: read below
        else:
            a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        if convention != "dmy" and 1 <= a <= 12 and 1 <= b <= 31:
            add(m, _make(y, a, b))
    for m in (*_NUMERIC.finditer(text), *_SPACED_SLASHES.finditer(text)):
        a, b = int(m.group("a")), int(m.group("b"))
        year = _year(m.group("y"), today)
        if a > 12 >= b:
            add(m, _make(year, b, a))
        elif b > 12 >= a or a == b:
            add(m, _make(year, a, b))
        elif a > 12 and b > 12:
            add(m, None)
        elif m.group("sep") == "." or convention == "dmy":
            if convention == "dmy" and m.group("sep") != ".":
                add(m, _make(year, b, a))
            else:
                add(m, None, ambiguous=True)
        else:
            add(m, _make(year, a, b))
    if anchor is not None:
        for m in (*_YEARLESS.finditer(text), *_YEARLESS_CELL.finditer(text)):
            a, b = int(m.group("a")), int(m.group("b"))
            month, day = (b, a) if convention == "dmy" else (a, b)
            add(m, _anchored(month, day, anchor))
        for m in _YEARLESS_MON.finditer(text):
            add(m, _anchored(MONTHS[m.group("mon").lower()[:3]], int(m.group("d")), anchor))
    found.sort(key=lambda d: d.start)
    return found


def _anchored(month: int, day: int, anchor: str) -> str | None:
    """The date with this month and day on or up to a year before ``anchor``."""
    try:
        ref = dt.date.fromisoformat(anchor)
        candidate = dt.date(ref.year, month, day)
    except ValueError:
        return None
    if candidate > ref:
        try:
            candidate = dt.date(ref.year - 1, month, day)
        except ValueError:
            return None
    return candidate.isoformat()


def parse_date(text: str, convention: Convention = "unknown") -> DateMatch | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text, convention)
    return dates[0] if dates else None


def age_on(birth_iso: str, on_iso: str) -> int | None:
    """Completed years from ``birth_iso`` to ``on_iso``; None when either is not a date."""
    try:
        born = dt.date.fromisoformat(birth_iso)
        on = dt.date.fromisoformat(on_iso)
    except (TypeError, ValueError):
        return None
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return years if years >= 0 else None
