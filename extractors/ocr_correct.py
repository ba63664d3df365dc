"""Restores words that OCR misread by a letter ("rost" → "rest", "Namo" → "Name").

Only same-length substitutions are made, so character offsets (and boxes) stay valid, and
only for the cue and label words listed in the data file, never for names or numbers.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Hamming

from extractors.patterns import Patterns

_WORD = re.compile(r"[A-Za-z]{4,}")


def _restore_case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    if original[0].isupper():
        return word.capitalize()
    return word


def correct_ocr_words(p: Patterns, text: str) -> str:
    """``text`` with near-miss vocabulary words corrected; same length as ``text``."""

    def fix(m: re.Match[str]) -> str:
        token = m.group(0)
        lower = token.lower()
        candidates = p.ocr_vocabulary.get(len(token), [])
        if not candidates or lower in candidates:
            return token
        allowed = 2 if len(token) >= 9 else 1
        best = min(candidates, key=lambda w: Hamming.distance(lower, w))
        distance = Hamming.distance(lower, best)
        if distance == 0 or distance > allowed:
            return token
        if sum(Hamming.distance(lower, w) == distance for w in candidates) > 1:
            return token  # two words equally close: leave it
        return _restore_case(token, best)

    return _WORD.sub(fix, text)
