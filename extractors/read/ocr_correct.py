"""Restores words that OCR misread by a letter ("rost" → "rest", "Namo" → "Name").

Each OCR word is corrected on its own (its box stays the word's box). Anywhere, only
same-length substitutions against the cue and label words of the data file are made; a word
in a label's place (followed by ``:``, ``;`` or ``.``, as "Pauent." for "Patient:") may also be
one letter longer or shorter or two letters off a field label. Never names or numbers; only
a percent sign read as a guillemet after a number (``89"»`` → ``89%``) and a lone "3" read
as a Greek beta are restored.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Hamming, Levenshtein

from extractors.patterns import Patterns

_WORD = re.compile(r"[A-Za-z]{4,}")
_PERCENT_AS_GUILLEMET = re.compile(r"(?<![\d.])(\d{2,3}(?:\.\d)?)[\"'”“]?»")
"""A fax's "%" that OCR read as "»" (with a speck before it: ``89"»``)."""


_THREE_AS_BETA = {"β", "ß"}
"""A word of one such letter: a "3" as OCR misread it."""


def _restore_case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    if original[0].isupper():
        return word.capitalize()
    return word


def correct_ocr_words(p: Patterns, text: str, first: bool = False) -> str:
    """``text`` with near-miss vocabulary words corrected; ``first`` says it is the first word
    of an OCR segment (where a field label stands)."""

    def fix(m: re.Match[str]) -> str:
        token = m.group(0)
        lower = token.lower()
        candidates = p.ocr_vocabulary.get(len(token), [])
        if not candidates or lower in candidates:
            return token
        if token[0].isupper() and len(token) < 7:
            return token  # a capitalised short word may be a name ("Walker"), not "walked"
        allowed = 2 if len(token) >= 9 else 1
        best = min(candidates, key=lambda w: Hamming.distance(lower, w))
        distance = Hamming.distance(lower, best)
        if distance == 0 or distance > allowed:
            return token
        if sum(Hamming.distance(lower, w) == distance for w in candidates) > 1:
            return token  # two words equally close: leave it
        return _restore_case(token, best)

    if text.strip() in _THREE_AS_BETA:
        return "3"  # a lone handwritten or faxed "3" read as a Greek beta ("Nasal cannula β L/min")
    fixed = _WORD.sub(fix, _PERCENT_AS_GUILLEMET.sub(r"\1%", text))
    m = _LABEL_PLACE.match(fixed) if first else None
    if m and m.group("word").lower() not in LABEL_WORDS and m.group("word")[0].isupper():
        word = m.group("word")
        best = min(LABEL_WORDS, key=lambda w: Levenshtein.distance(word.lower(), w))
        distance = Levenshtein.distance(word.lower(), best)
        if 0 < distance <= (2 if len(best) >= 6 else 1) and abs(len(best) - len(word)) <= 1:
            return _restore_case(word, best) + ":" + m.group("rest")
    return fixed


LABEL_WORDS = ("patient", "name", "date", "birth", "service", "visit", "collected", "provider",
               "physician", "specimen", "sample", "recorded", "recording", "study", "test",
               "admitted", "discharged", "admission", "discharge", "oxygen", "device")
"""Field labels a word followed by a colon is corrected to."""
_LABEL_PLACE = re.compile(r"^(?P<word>[A-Za-z]{4,9})[:;.](?P<rest>.*)$")
