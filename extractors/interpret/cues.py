"""Context cues around a value: setting, room air vs oxygen and flow, method, clause bounds.

A cue is looked for in the narrowest scope first (the clause holding the value), and the
cue nearest to the value wins when several are present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.patterns import Patterns

_CLAUSE_BREAK = re.compile(r"[,;|]|(?<![\d.])\.(?![\d.])|\s{3,}|\band then\b|\bthen\b|\bwhile\b|"
                           r"\bbut\b|(?<=[\d%])\s?:(?=\s+[A-Za-z])|"
                           r"\band\b(?=\s+(?:was\s+|were\s+)?(?:recover|resum|return|re-?plac|"
                           r"placed|put back|restart|re-?appl)\w*)")
"""Clause ends (a vitals line's pipes too); "… fell to 85 % and recovered on 1/4 LPM": what
follows is a later state; a colon right after a reading ("was 92 %: with ambulation …", a full
stop OCR read as a colon) ends its clause."""
_SENTENCE_BREAK = re.compile(
    r"(?<!\bDr)(?<!\bvs)(?<!\bSt)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bapprox)(?<!\bpt)(?<!\.)"
    r"(?<!(?<![\w.])[A-Z])"  # a name's initial ("RN B. Okafor")
    r"\.(?!(?<=\b[1-6]1\.)\s*N/?C\b)(?!(?<=\d L\.)\s*N/?C\b)(?!(?<=\dL\.)\s*N/?C\b)"
    r"(?!(?<=%\.)\s+\d{1,4}(?:[.,]\d+)?\.?\s*min)"
    r"(?=\s+[A-Z(0-9]|\s*$)|[!?](?=\s|$)")
"""A full stop, not the last of leader dots ("Time < 90 % ..... 65.6 min", "recovery .. 92
%"), nor the foot of an L that OCR read as "1." before a cannula ("SpO2 96% 31. NC" for "3L
NC") nor a speck OCR put after it ("Placed on 2 L. NC and ambulated"), nor a speck after a
threshold before its duration ("Time = 88%.   4.0 min")."""


@dataclass(frozen=True)
class Cues:
    """Cues found in one scope; None = not stated there."""

    setting: str | None = None
    oxygen: str | None = None
    flow: float | None = None
    method: str | None = None

    def merged_over(self, other: Cues) -> Cues:
        """These cues, with gaps filled from ``other``."""
        oxygen, flow = self.oxygen, self.flow
        if oxygen is None:
            oxygen, flow = other.oxygen, other.flow
        elif oxygen == "supplemental" and flow is None and other.oxygen == "supplemental":
            flow = other.flow
        return Cues(
            setting=self.setting or other.setting,
            oxygen=oxygen,
            flow=flow if oxygen == "supplemental" else None,
            method=self.method or other.method,
        )

    def any(self) -> bool:
        return any(v is not None for v in (self.setting, self.oxygen, self.method))


def bounds(text: str, pos: int, breaker: re.Pattern[str]) -> tuple[int, int]:
    """Start and end of the clause/sentence of ``text`` containing ``pos``."""
    start, end = 0, len(text)
    for m in breaker.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    return bounds(text, pos, _CLAUSE_BREAK)


def fio2_oxygen(percent: float) -> str | None:
    """The oxygen an FiO2 in percent says: 21 % is room air, more is supplemental oxygen."""
    if 20.5 <= percent <= 21.5:
        return "room_air"
    if 21.5 < percent <= 100:
        return "supplemental"
    return None


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    return bounds(text, pos, _SENTENCE_BREAK)


def _nearest(matches: list[tuple[int, int, str]], pos: int) -> str | None:
    if not matches:
        return None
    return min(matches, key=lambda m: min(abs(m[0] - pos), abs(m[1] - pos)))[2]


_MEMO_SIZE = 2048
_cue_memo: dict[tuple[str, int, tuple[tuple[int, int], ...]], tuple[Patterns, Cues]] = {}
"""Cues by segment, position and skipped spans, all relative to the segment's start (a
chart repeats its sentences, and one sentence is searched for each of its values)."""


def find_cues(p: Patterns, text: str, start: int, end: int, pos: int,
              skip: list[tuple[int, int]] | None = None) -> Cues:
    """Cues in ``text[start:end]`` nearest to ``pos``; spans in ``skip`` are ignored."""
    segment = text[start:end]
    key = (segment, pos - start, tuple((s - start, e - start) for s, e in skip or ()))
    known = _cue_memo.get(key)
    if known is not None and known[0] is p:
        return known[1]
    # every comparison below is between positions, so the segment's own offsets give the
    # same cues as the text's
    cues = _find_cues(p, segment, 0, len(segment), key[1], list(key[2]))
    if len(_cue_memo) >= _MEMO_SIZE:
        _cue_memo.clear()
    _cue_memo[key] = (p, cues)
    return cues


def _find_cues(p: Patterns, text: str, start: int, end: int, pos: int,
               skip: list[tuple[int, int]]) -> Cues:
    segment = text[start:end]

    def hits(patterns: list[re.Pattern[str]], name: str) -> list[tuple[int, int, str]]:
        out = []
        for rx in patterns:
            for m in rx.finditer(segment):
                a, b = m.start() + start, m.end() + start
                if not any(s < b and a < e for s, e in skip):
                    out.append((a, b, name))
        return out

    setting_hits: list[tuple[int, int, str]] = []
    for name, rxs in p.setting_cues.items():
        setting_hits += hits(rxs, name)
    # "before the walk" (rest) holds "walk" (exercise): the longer cue speaks
    setting_hits = [h for h in setting_hits if not any(
        o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in setting_hits)]
    oxygen_hits = hits(p.room_air_cues, "room_air") + hits(p.supplemental_cues, "supplemental")
    flow: float | None = None
    flow_hits: list[tuple[int, int, str]] = []
    for rx in p.flow_patterns:
        for m in rx.finditer(segment):
            if m.group("flow") == "02":
                continue  # "☑ 02 ___ LPM": the O2 option as OCR reads it; no flow is so written
            try:
                value = flow_number(m.group("flow"))
            except (IndexError, ValueError, ZeroDivisionError):
                continue
            if p.in_range("flow_lpm", value):
                flow_hits.append((m.start() + start, m.end() + start, str(value)))
    oxygen = _nearest(oxygen_hits, pos)
    if flow_hits:
        flow = float(_nearest(flow_hits, pos) or 0)
        if oxygen is None or oxygen == "supplemental" or not _closer(oxygen_hits, flow_hits, pos):
            oxygen = "supplemental"
        else:
            flow = None
    method_hits: list[tuple[int, int, str]] = []
    for name, rxs in p.method_cues.items():
        method_hits += hits(rxs, name)
    return Cues(setting=_nearest(setting_hits, pos), oxygen=oxygen,
                flow=flow if oxygen == "supplemental" else None,
                method=_nearest(method_hits, pos))


def flow_number(text: str) -> float:
    """A flow as written: "2", "0.5" or a fraction of a litre ("1/4", "1/8")."""
    if "/" in text:
        num, den = text.split("/", 1)
        return round(float(num) / float(den), 4)
    return float(text)


def _closer(a: list[tuple[int, int, str]], b: list[tuple[int, int, str]], pos: int) -> bool:
    """True when the nearest room-air hit in ``a`` is closer to ``pos`` than any hit in ``b``."""
    ra = [h for h in a if h[2] == "room_air"]
    if not ra:
        return False
    da = min(min(abs(h[0] - pos), abs(h[1] - pos)) for h in ra)
    db = min(min(abs(h[0] - pos), abs(h[1] - pos)) for h in b)
    return da < db


_flow_memo: dict[str, tuple[Patterns, list[tuple[int, int]]]] = {}


def flow_spans(p: Patterns, text: str) -> list[tuple[int, int]]:
    """Spans of flow expressions (``2 L NC``), whose numbers are not measurement values."""
    known = _flow_memo.get(text)
    if known is not None and known[0] is p:
        return list(known[1])
    spans = []
    for rx in p.flow_patterns:
        spans += [m.span("flow") for m in rx.finditer(text)]
    if len(_flow_memo) >= _MEMO_SIZE:
        _flow_memo.clear()
    _flow_memo[text] = (p, spans)
    return list(spans)
