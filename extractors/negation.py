"""ConText-style negation: is a term in a sentence negated, hypothetical or about family?

Cues, pseudo-cues and terminators come from the data file (`negation` section).
"""

from __future__ import annotations

import re

from extractors.patterns import Patterns

_SENTENCE_END = re.compile(r"(?<!\d)[.;](?!\d)|\n")
_WORDS = re.compile(r"\S+")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    s0 = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= start:
            s0 = m.end()
        elif m.start() >= end:
            return s0, m.start()
    return s0, len(text)


def _word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def is_negated(p: Patterns, text: str, start: int, end: int) -> bool:
    """True when the term at ``text[start:end]`` is negated within its sentence."""
    neg = p.negation
    s0, s1 = _sentence(text, start, end)
    before = text[s0:start]
    after = text[end:s1]
    pseudo = [m.span() for rx in neg.pseudo for m in rx.finditer(before)]
    for rx in neg.forward:
        for m in rx.finditer(before):
            if any(a <= m.start() < b for a, b in pseudo):
                continue
            between = before[m.end():]
            if _word_count(between) > neg.max_words:
                continue
            if any(t.search(between) for t in neg.terminators):
                continue
            return True
    for rx in neg.backward:
        for m in rx.finditer(after):
            between = after[:m.start()]
            if _word_count(between) > neg.max_words:
                continue
            if any(t.search(between) for t in neg.terminators):
                continue
            return True
    return False
