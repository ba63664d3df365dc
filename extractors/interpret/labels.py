"""Measurement labels in text (``PaO2``, ``O2 sat``, ``Hct``, OCR-noisy ``Sp02``…) and the
labels of other values (pCO2, FiO2, HR…) that end the search for a measurement's value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extractors.patterns import Patterns

_TOKEN = re.compile(r"[A-Za-z0-9]{3,7}")


@dataclass(frozen=True)
class LabelHit:
    kind: str
    start: int
    end: int
    text: str
    fuzzy: bool = False


_MEMO_SIZE = 2048
"""Texts remembered per function: a chart repeats its sentences, and one text is searched
several times over (its labels, its stops)."""
_stop_memo: dict[str, tuple[Patterns, list[tuple[int, int]]]] = {}
_label_memo: dict[tuple[str, bool, bool], tuple[Patterns, list[LabelHit]]] = {}


def stop_spans(p: Patterns, text: str) -> list[tuple[int, int]]:
    """Spans of the stop labels (pCO2, FiO2, HR…) in ``text``."""
    known = _stop_memo.get(text)
    if known is not None and known[0] is p:
        return list(known[1])
    spans = [m.span() for rx in p.stop_labels for m in rx.finditer(text)]
    if len(_stop_memo) >= _MEMO_SIZE:
        _stop_memo.clear()
    _stop_memo[text] = (p, spans)
    return list(spans)


def _venous_or_alveolar(text: str, a: int, b: int, upper_doc: bool) -> bool:
    """``PvO2`` / ``pO2 (venous)`` are not arterial; ``PAO2`` printed in mixed-case text is the
    calculated alveolar value (in an all-capitals report it is the PaO2)."""
    label = text[a:b]
    compact = label.replace(" ", "")
    if re.fullmatch(r"P[vV][O0]2", compact):
        return True
    if compact.startswith("PAO") and not upper_doc:
        return True
    if re.match(r"\s*\(\s*A\s*\)", text[b:b + 6]):
        return True  # "pO2(A)": alveolar
    after = text[b:b + 14].lower()
    return bool(re.match(r"\s*\(?\s*(?:ven|mixed ven|cap|alv)", after))


def find_labels(p: Patterns, text: str, fuzzy: bool, upper_doc: bool = False) -> list[LabelHit]:
    """Measurement labels in ``text``; a stop label (pCO2, FiO2, HR…) blocks overlapping
    hits. ``fuzzy`` also accepts single OCR-noisy tokens close to a label; ``upper_doc`` says
    the document is printed in capitals (so ``PAO2`` is the arterial value)."""
    key = (text, fuzzy, upper_doc)
    known = _label_memo.get(key)
    if known is not None and known[0] is p:
        return list(known[1])
    hits = _find_labels(p, text, fuzzy, upper_doc)
    if len(_label_memo) >= _MEMO_SIZE:
        _label_memo.clear()
    _label_memo[key] = (p, hits)
    return list(hits)


def _find_labels(p: Patterns, text: str, fuzzy: bool, upper_doc: bool) -> list[LabelHit]:
    blocked = stop_spans(p, text)
    hits: list[LabelHit] = []
    for kind, rxs in p.label_regex.items():
        for rx in rxs:
            for m in rx.finditer(text):
                a, b = m.span()
                if any(s <= a and b <= e and (s, e) != (a, b) for s, e in blocked):
                    continue
                if any(h.start < b and a < h.end for h in hits):
                    continue
                if kind == "pao2" and _venous_or_alveolar(text, a, b, upper_doc):
                    continue
                hits.append(LabelHit(kind, a, b, m.group(0)))
    if fuzzy:
        choices = {alias: kind for kind, aliases in p.label_fuzzy.items() for alias in aliases}
        for m in _TOKEN.finditer(text):
            a, b = m.span()
            if any(h.start < b and a < h.end for h in hits) or any(
                    s < b and a < e for s, e in blocked):
                continue
            best = process.extractOne(m.group(0).lower(), list(choices), scorer=fuzz.ratio,
                                      score_cutoff=80)
            if best is not None and choices[best[0]] == "pao2" and \
                    _venous_or_alveolar(text, a, b, upper_doc):
                continue
            if best is not None:
                hits.append(LabelHit(choices[best[0]], a, b, m.group(0), fuzzy=True))
    hits.sort(key=lambda h: h.start)
    return hits
