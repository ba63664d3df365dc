"""Numbers that are measurement values: after a label (``SpO2 88 %``, ``PaO2 of 51``), in
shorthand (``ABG 7.39/47/52``), or as time below a threshold (``Time with SpO2 ≤ 88 %:
00:26:00``), with units checked and converted (kPa → mm Hg, L/L → %).

Reference ranges, times, flows, dates, goals and thresholds are never values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.interpret.cues import flow_spans, sentence_bounds
from extractors.interpret.labels import LabelHit, find_labels, stop_spans
from extractors.patterns import Patterns

NUMBER = re.compile(r"(?<![\w.,/:])(\d{1,3}(?:[.,]\d{1,3})?)(?![\d/:]|[.,]\d|'?s\b)")
"""A number (not part of a date, a time or a decade: "mid-80s")."""
_RANGE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*(?:-|–|—|~)\s*\d+(?:\.\d+)?")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_UNIT_WORDS = re.compile(r"\b(?:mm\s?hg|kpa|torr|mmol/l|g/dl|percent|flag|high|low|abn\w*)\b",
                         re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?P<unit>%|mm\s?hg|kpa|torr|l/l|l/min|lpm|l\b|liters?|litres?|min\b|minutes|mins|sec|"
    r"seconds|bpm|/min|ft\b|feet|m\b|meters|hours?|hrs?|h\b|yo\b|y\b|years|kg|lbs?|cm|in\b|mg|"
    r"g/dl|g/l|x\b|times|events|mmol|meq|mm\b|pack)", re.IGNORECASE)
_BAD_UNITS = {"l/min", "lpm", "l", "liters", "liter", "litres", "litre", "min", "minutes",
              "mins", "sec", "seconds", "bpm", "/min", "ft", "feet", "m", "meters", "hours",
              "hour", "hrs", "hr", "h", "yo", "y", "years", "kg", "lbs", "lb", "cm", "in", "mg",
              "g/dl", "g/l", "x", "times", "events", "mmol", "meq", "mm", "pack"}
_WORD = re.compile(r"[a-z]{3,}", re.IGNORECASE)
_TEMPERATURE = re.compile(r"\s*(?:°|º|deg(?:rees)?\.?)?\s*[CF]\b")
_AT_TEMPERATURE = re.compile(r"(?:@|\bat|\btemp\w*|\bcorr\w*(?:\s+to)?)\s*$", re.IGNORECASE)
_THRESHOLD = re.compile(
    r"(?P<cmp><\s?=|=<|≤|<|at or below|at/below|below|under|less than(?: or equal to)?|"
    r"or (?:less|below)|≤)\s*(?P<thr>[89]\d)(?:\.0)?\s*%?", re.IGNORECASE)
_THRESHOLD_AFTER = re.compile(
    r"(?P<thr>[89]\d)(?:\.0)?\s*%?\s*(?P<cmp>(?:&|and|or)\s*(?:below|less|under|lower))\b",
    re.IGNORECASE)
"""A threshold with its comparator after it: "88 % & below", "88% or less"."""
_DURATION = re.compile(
    r"(?P<hms>\b\d{1,2}:\d{2}(?::\d{2})?\b)|(?P<h>\d{1,2})\s*h(?:ours?|rs?)?\.?\s*(?P<hm>\d{1,2})"
    r"\s*m(?:in(?:utes?|s)?)?\b|(?P<min>\d{1,4}(?:[.,]\d+)?)\s*(?:min(?:ute)?s?\b|mins?\b|m\b)",
    re.IGNORECASE)
_SLEEP_WORDS = re.compile(r"\b(?:time|duration|cumulative|spent|total|t\s?-?(?:88|89|90))\b",
                          re.IGNORECASE)
_PERCENT_OF_TIME = re.compile(r"%\s*(?:of\s+)?(?:the\s+)?(?:total\s+)?(?:sleep|recording|"
                              r"analy[sz]ed|study|tst|trt|time)", re.IGNORECASE)


@dataclass
class Candidate:
    """A value found in a text: its span, kind and, when read from a label, the label."""

    kind: str
    value: float
    start: int
    end: int
    label: LabelHit | None
    minutes: float | None = None
    converted_from: str | None = None
    prefix: tuple[int, int] | None = None
    """The text between the label and this, its first value (it describes the value)."""
    threshold: bool = False
    """A time-below-threshold reading: ``value`` is the threshold, ``minutes`` the time."""


def unit_after(text: str, end: int) -> str:
    m = _UNIT_AFTER.match(text, end)
    return m.group("unit").lower().replace(" ", "") if m else ""


def value_ok(p: Patterns, kind: str, text: str, end: int, raw: str,
             kpa_hint: bool = False) -> tuple[float, str | None] | None:
    """The value in mm Hg / percent, and the original text when converted; None when the
    number is not a plausible value of ``kind``."""
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    unit = unit_after(text, end)
    if kpa_hint and unit == "":
        unit = "kpa"
    if unit in _BAD_UNITS:
        return None
    converted: str | None = None
    if kind == "pao2":
        if unit in {"%", "l/l"}:
            return None
        if unit == "kpa" or (unit == "" and value < 20 and "." in raw):
            if unit != "kpa":
                return None
            converted = f"{raw} kPa"
            value = round(value * p.kpa_to_mmhg, 1)
    elif unit in {"mmhg", "kpa", "torr"}:
        return None
    if kind == "hematocrit" and (unit == "l/l" or (0.15 <= value < 1.0 and "." in raw)):
        converted = f"{raw} L/L"
        value = round(value * 100, 1)
    if kind == "spo2" and value <= 1.0:
        return None
    if not p.in_range(kind, value):
        return None
    return value, converted


def excluded_spans(p: Patterns, text: str, dates: Sequence[tuple[int, int]]
                   ) -> list[tuple[int, int]]:
    """Spans whose numbers are never values: dates, times, flows, ranges."""
    spans = list(dates)
    spans += [m.span() for m in _TIME.finditer(text)]
    spans += flow_spans(p, text)
    spans += [m.span() for m in _RANGE.finditer(text)]
    return spans


def _disqualified(p: Patterns, before: str) -> bool:
    return any(rx.search(before) for rx in p.value_disqualifiers)


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def labelled(p: Patterns, text: str, start: int, end: int, excluded: Sequence[tuple[int, int]],
             fuzzy: bool, upper_doc: bool = False,
             labels: list[LabelHit] | None = None) -> list[Candidate]:
    """Values after measurement labels within ``text[start:end]``."""
    labels = [h for h in (labels if labels is not None else find_labels(p, text, fuzzy,
                                                                         upper_doc))
              if start <= h.start < end]
    stops = sorted(s for s, _ in stop_spans(p, text))
    out: list[Candidate] = []
    for i, label in enumerate(labels):
        limit = labels[i + 1].start if i + 1 < len(labels) else end
        limit = min([s for s in stops if s >= label.end] + [limit, end])
        near = label.end + 90
        # past `near` only further readings with their unit ("…; on 2 L NC: 94 %")
        ref = p.reference_range.search(text, label.end, limit)
        if ref:
            limit = ref.start()
        prev_end = label.end
        first: Candidate | None = None
        scan = text
        if text[label.end:label.end + 1] in {".", ","} and text[label.end + 1:label.end + 2] \
                .isdigit():
            scan = text[:label.end] + " " + text[label.end + 1:]  # OCR: "SpO2.87%"
        elif text[label.end:label.end + 1].isdigit() and label.end > label.start + 1:
            scan = text[:label.end - 1] + " " + text[label.end:]  # glued: "pulse ox92%"
        for m in NUMBER.finditer(scan, label.end, limit):
            a, b = m.span(1)
            if _overlaps(a, b, excluded):
                continue
            gap = text[prev_end:a]
            if first is not None and not _WORD.search(_UNIT_WORDS.sub(" ", gap)) and \
                    not re.search(r"[,;]|\band\b|\bto\b|->|→|=>|\bthen\b", gap):
                break
            if _disqualified(p, text[max(0, label.start - 20):a] if first is None else gap):
                prev_end = b
                continue
            if _TEMPERATURE.match(text, b) and _AT_TEMPERATURE.search(text, 0, a):
                prev_end = b
                continue  # "pO2 @ 39.0 C": the temperature a twin value is corrected to
            raw = m.group(1)
            if a > near and (first is None or unit_after(text, b) not in {"%", "mmhg", "torr"}):
                break
            if label.kind == "spo2" and re.fullmatch(r"[5-9]\d9", raw):
                raw, b = raw[:2], b - 1  # OCR read "81%" as "819"
            ok = value_ok(p, label.kind, text, b, raw,
                          kpa_hint="kpa" in text[label.end:a].lower())
            if ok is None:
                prev_end = b
                continue
            cand = Candidate(label.kind, ok[0], a, b, label, converted_from=ok[1],
                             prefix=(label.end, a) if first is None else None)
            out.append(cand)
            first = first or cand
            prev_end = b
    return out


def _minutes(m: re.Match[str]) -> float | None:
    try:
        if m.group("hms"):
            parts = [int(x) for x in m.group("hms").split(":")]
            if len(parts) == 3:
                return round(parts[0] * 60 + parts[1] + parts[2] / 60.0, 2)
            return float(parts[0] * 60 + parts[1]) if parts[0] < 24 else None
        if m.group("h"):
            return float(int(m.group("h")) * 60 + int(m.group("hm")))
        return float(m.group("min").replace(",", "."))
    except (TypeError, ValueError):
        return None


def threshold_value(cmp: str, thr: int) -> int:
    """A strict "< 89 %" / "below 90 %" with integer readings is "≤ 88" / "≤ 89"; "88 % &
    below" / "88 % or less" is "≤ 88"."""
    strict = cmp.strip().lower() in {"<", "below", "under", "less than"}
    return thr - 1 if strict and thr in (89, 90) else thr


def time_below(p: Patterns, text: str, start: int, end: int,
               taken: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
    """``Time with SpO2 ≤ 88 %: 26 min`` / ``cumulative 00:26:00 with SpO2 at or below 88 %``
    / ``29 min with saturation below 89 %`` as (threshold, minutes) readings."""
    out: list[Candidate] = []
    matches = list(_THRESHOLD.finditer(text, start, end))
    matches += [m for m in _THRESHOLD_AFTER.finditer(text, start, end)
                if not any(o.start() < m.end() and m.start() < o.end() for o in matches)]
    for m in sorted(matches, key=lambda m: m.start()):
        if _overlaps(m.start(), m.end(), taken) or _PERCENT_OF_TIME.search(
                text[max(start, m.start() - 12):m.start()]):
            continue
        s0, s1 = sentence_bounds(text, m.start())
        s0, s1 = max(s0, start), min(s1, end)
        window = text[max(s0, m.start() - 60):min(s1, m.end() + 60)]
        if not _SLEEP_WORDS.search(window) and not re.search(r"sp\s?[o0]2|sat", window, re.I):
            continue
        best: tuple[int, float, int, int] | None = None
        for d in _DURATION.finditer(text, max(s0, m.start() - 60), min(s1, m.end() + 45)):
            if _overlaps(d.start(), d.end(), taken) or (m.start() <= d.start() < m.end()):
                continue
            after = text[d.end():d.end() + 12]
            if re.match(r"\s*(?:%|of\b)", after):
                continue  # "6.2 % of TRT", not a time
            minutes = _minutes(d)
            if minutes is None or not p.in_range("minutes", minutes):
                continue
            distance = d.start() - m.end() if d.start() >= m.end() else (m.start() - d.end()) * 2
            if best is None or distance < best[0]:
                best = (distance, minutes, d.start(), d.end())
        if best is None:
            continue
        value = float(threshold_value(m.group("cmp"), int(m.group("thr"))))
        a = min(m.start(), best[2])
        b = max(m.end(), best[3])
        out.append(Candidate("spo2", value, a, b, None, minutes=best[1], threshold=True))
    return out


def shorthand(p: Patterns, text: str, start: int, end: int) -> list[Candidate]:
    """Paired forms from the data file: ``ABG 7.38/44/54``, ``Hgb/Hct 18.1/57``."""
    out: list[Candidate] = []
    for kind, rx in p.special_patterns:
        for m in rx.finditer(text, start, end):
            a, b = m.span("value")
            ok = value_ok(p, kind, text, b, m.group("value"))
            if ok is not None and not any(c.start < m.end() and m.start() < c.end for c in out):
                out.append(Candidate(kind, ok[0], a, b, None, converted_from=ok[1]))
    return out


def find_values(p: Patterns, text: str, start: int, end: int,
                dates: Sequence[tuple[int, int]], fuzzy: bool,
                upper_doc: bool = False) -> list[Candidate]:
    """All values in ``text[start:end]``, left to right, without overlaps."""
    special = time_below(p, text, start, end) + shorthand(p, text, start, end)
    taken = [(c.start, c.end) for c in special]
    excluded = excluded_spans(p, text, dates) + taken
    found = special + labelled(p, text, start, end, excluded, fuzzy, upper_doc)
    found.sort(key=lambda c: c.start)
    return found
