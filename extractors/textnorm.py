"""Number parsing for noisy text: OCR letter/digit confusions and decimal commas.

These functions never raise on any input; they return None when there is no number.
"""

from __future__ import annotations

import re
import unicodedata

_DIGIT_CONFUSABLES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1",
                                    "i": "1",
                                    "S": "5", "B": "8"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_MIDDLE_DOT = re.compile(r"(?<=\d)[·•](?=\d)")
_ZERO_FOR_O = re.compile(r"(?<![\w/.-])0(?=2\s+(?:flow|sat\w*|therapy|via|at|on)\b)",
                         re.IGNORECASE)
_IN_DIGITS = re.compile(r"(?<=\d)[Oo](?=\d|%)|(?<=\d)[lI|i](?=\d|%)|(?<=[\d.])[Oo](?=\b)|"
                        r"(?<![\w.])B(?=\d(?:\.\d)?\s?%)")
"""Letters read inside a number, and a B read for the 8 opening a percentage ("SpO2 was B0 %")."""


def _base_char(ch: str) -> str:
    if ord(ch) < 128:
        return ch
    if ch == "ı":  # dotless i
        return "i"
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base and ord(base) < 128 and base.isalpha() else ch


def fix_ocr_digits(text: str) -> str:
    """Undo common OCR slips without changing the length: letters read for digits inside a
    number (``5O`` → ``50``, ``B0%`` → ``80%``), accented letters (``aír`` → ``air``),
    ``02 flow`` for ``O2 flow`` and a middle dot between digits (``80·100`` → ``80-100``)."""
    text = "".join(_base_char(ch) for ch in text)
    text = _MIDDLE_DOT.sub("-", text)
    text = _ZERO_FOR_O.sub("O", text)
    return _IN_DIGITS.sub(lambda m: m.group(0).translate(_DIGIT_CONFUSABLES), text)


def parse_number(text: str) -> float | None:
    """The first number in ``text`` (``"54"``, ``"7,2"``, ``"5O"`` → 50.0), or None."""
    if not isinstance(text, str):
        return None
    match = _NUMBER.search(fix_ocr_digits(text))
    if match is None:
        return None
    try:
        return float(match.group(0).replace(",", "."))
    except ValueError:
        return None


def parse_percent(text: str) -> float | None:
    """A percentage 0..100 from text such as ``"88 %"``, ``"0.88"`` (fraction) or ``"88"``."""
    value = parse_number(text)
    if value is None:
        return None
    if 0 < value <= 1 and "." in text:
        value = round(value * 100, 2)
    if 0 <= value <= 100:
        return value
    return None
