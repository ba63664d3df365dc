"""Numbers that are measurement values: after a label (``SpO2 88 %``, ``PaO2 of 51``), in
shorthand (``ABG 7.39/47/52``), or as time below a threshold (``Time with SpO2 ≤ 88 %:
00:26:00``, ``Time SpO2 <= 88 % (min)  18.6``; only thresholds of 85–90 %), with units
checked and converted (kPa → mm Hg, L/L → %). A time below a threshold given as a share of a
time ("3.0 % of the analysed time") is kept as that share, for the report's stated time to
turn into minutes.

Reference ranges, times, flows, dates, goals ("92 % or above") and thresholds are never
values.
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
    r"or (?:less|below)|≤)\s*(?P<thr>8[5-9]|90)(?:\.0)?(?!\d)\s*%?", re.IGNORECASE)
_THRESHOLD_AFTER = re.compile(
    r"(?P<thr>8[5-9]|90)(?:\.0)?\s*%?\s*(?P<cmp>(?:&|and|or)\s*(?:below|less|under|lower))\b",
    re.IGNORECASE)
"""A threshold with its comparator after it: "88 % & below", "88% or less"."""
_T_LABEL = re.compile(r"(?<![\w.])c?t\s?-?(?P<thr>8[5-9]|9[0-2])\b"
                      r"(?!\s*(?:\([^)]*\))?\s*[:=]?\s*\d+(?:[.,]\d+)?\s*%)", re.IGNORECASE)
"""A time-below label: "T88" (time at or below 88 %), "T90" / "CT90" (time below 90 %)."""
_THRESHOLD_OCR = re.compile(r"\b(?:time|duration)\b[^=<>]{0,15}(?P<cmp>=)\s*(?P<thr>8[5-9]|90)"
                            r"(?:\.0)?(?!\d)\s*%", re.IGNORECASE)
"""OCR reads "≤" as "=": "Time SpO2 = 88 %" on a time row is "≤ 88 %"."""
_THRESHOLD_BARE = re.compile(r"%\s*(?:of\s+)?(?:analy[sz]ed|recording|recorded|total|sleep|"
                             r"monitoring)\s+time\s+(?:with\s+)?(?:sp\s?[o0]2|sat\w*)\s+"
                             r"(?P<thr>8[5-9]|90)(?:\.0)?(?!\d)\s*%", re.IGNORECASE)
"""A share-of-time row whose comparator OCR lost ("% analyzed time SpO2 90%   52.6 %"): as a
T90 / T88 label, below 90 % or at or below 88 %."""
DURATION = re.compile(
    r"(?P<hms>\b\d{1,2}:\d{2}(?::\d{2})?\b)|(?P<h>\d{1,2})\s*h(?:ours?|rs?)?\.?\s*(?P<hm>\d{1,2})"
    r"\s*m(?:in(?:utes?|s)?)?\b|(?P<min>\d{1,4}(?:[.,]\d+)?)\.?\s*(?:(?:cumulative|total)\s+)?"
    r"(?:min(?:ute)?s?\b|mins?\b|m\b)",
    re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\b(?:between|from|until|till|at|and|to|after|before)\s*$",
                           re.IGNORECASE)
"""Words before a clock time ("between 02:00 and 04:30"): a time of day, not a duration."""
_SINGLE_EVENT = re.compile(r"\blongest\b|\bevents?\b|\bepisodes?\b", re.IGNORECASE)
_SLEEP_WORDS = re.compile(r"\b(?:time|duration|cumulative|spent|total|t\s?-?(?:88|89|90))\b",
                          re.IGNORECASE)
_PERCENT_OF_TIME = re.compile(r"%\s*(?:of\s+)?(?:the\s+)?(?:total\s+)?(?:sleep|recording|"
                              r"analy[sz]ed|study|tst|trt|time)", re.IGNORECASE)
_SHARE = re.compile(r"(?<![\w.<>=≤≥])(?P<pct>\d{1,2}(?:[.,]\d{1,2})?)\s*(?P<unit>%)?"
                    r"(?P<of>\s*(?:of\s+)?"
                    r"(?:the\s+)?(?:total\s+)?(?:analy[sz]ed|recording|sleep|study|monitoring|"
                    r"valid|tst|trt|time)\b[\w ]{0,20})?", re.IGNORECASE)
_UNIT_IN_LABEL = re.compile(
    r"[^\d()]{0,12}\(\s*(?:(?P<min>min(?:utes?|s)?)|(?P<pct>%)(?P<of>[^)]{0,24}))\s*\)\s*[:=]?\s*"
    r"(?P<n>\d{1,4}(?:[.,]\d{1,2})?)(?![\d:/])", re.IGNORECASE)
"""The unit in parentheses between a threshold label and its number: "(min)", "(% TST)"."""
_BASES = (("sleep", re.compile(r"\bsleep\b|\btst\b", re.IGNORECASE)),
          ("analyzed", re.compile(r"\banaly[sz]\w*|\bvalid\b|\bartifact", re.IGNORECASE)),
          ("recording", re.compile(r"\brecord\w*|\btrt\b|\bstudy\b|\bmonitor\w*",
                                   re.IGNORECASE)))
"""What a percentage of time is a share of: the sleep time, the analysed (valid) time or the
whole recording."""


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
    share: tuple[float, str | None] | None = None
    """A time below the threshold given as a percentage of a time ("0.2 % of the analysed
    time"): the percentage and what it is of (sleep, analyzed, recording; None: not said).
    The minutes follow from that time, stated elsewhere in the report."""


def unit_after(text: str, end: int) -> str:
    m = _UNIT_AFTER.match(text, end)
    return m.group("unit").lower().replace(" ", "") if m else ""


_SPLIT_PERCENT = re.compile(r"[5-9]\.\d")
"""A saturation of two digits with a point OCR put between them (no saturation is 9.4 %),
alone in its cell or after a saturation label, and with no share of time after it ("5.5 %
of sleep time")."""
_SAT_LABEL_BEFORE = re.compile(r"\bsp\s?[o0]2\b|\bsat(?:uration)?s?\b", re.IGNORECASE)
_SHARE_AFTER = re.compile(r"\s*%\s*(?:of|time|below|under|<)", re.IGNORECASE)


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
    if kind == "spo2" and unit == "%" and _SPLIT_PERCENT.fullmatch(raw) and \
            (len(text.strip()) <= 12 or _SAT_LABEL_BEFORE.search(
                text, max(0, end - len(raw) - 60), end - len(raw))) and \
            not _SHARE_AFTER.match(text, end):
        value = float(raw.replace(".", ""))  # a speck read as a point: "9.4 %" is 94 %
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


GOAL_AFTER = re.compile(r"\s*%?\s*(?:or|and)\s+(?:above|higher|greater|more|better|over|"
                         r"below|lower|less|under)\b", re.IGNORECASE)
"""A number followed by "or above" / "or less" is a goal or a threshold, not a reading."""


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
            if GOAL_AFTER.match(text, b):
                prev_end = b
                continue
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


def duration_minutes(m: re.Match[str]) -> float | None:
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
    for rx in (_THRESHOLD_AFTER, _THRESHOLD_OCR, _T_LABEL, _THRESHOLD_BARE):
        # each later form only where no earlier one was found
        matches += [m for m in rx.finditer(text, start, end)
                    if not any(o.start() < m.end() and m.start() < o.end() for o in matches)]
    for m in sorted(matches, key=lambda m: m.start()):
        if _overlaps(m.start(), m.end(), taken):
            continue
        thr = int(m.group("thr"))
        # a "T88" / "T90" label has no comparator: T88 is at or below 88 %, T90 below 90 %
        cmp = m.group("cmp") if "cmp" in m.groupdict() else ("<=" if thr == 88 else "<")
        bare = m.re is _THRESHOLD_BARE
        s0, s1 = sentence_bounds(text, m.start())
        label = text[m.start():m.end()] if bare else text[max(s0, m.start() - 30):m.start()]
        share_row = bare or bool(_PERCENT_OF_TIME.search(label))
        if share_row:
            # "% analysed time SpO2 ≤ 88 %   0.2 %": a share, never a duration
            share = _share_after(text, m.end(), min(s1, m.end() + 40), True, label)
            if share is not None:
                out.append(Candidate("spo2", float(threshold_value(cmp, thr)),
                                     m.start(), share[2], None, threshold=True,
                                     share=share[:2]))
            continue
        s0, s1 = max(s0, start), min(s1, end)
        if _SINGLE_EVENT.search(text, max(s0, m.start() - 25), m.start()):
            continue  # "Longest event <= 88 %  0.7 min": one event, not the night's total
        window = text[max(s0, m.start() - 60):min(s1, m.end() + 60)]
        topical = bool(_SLEEP_WORDS.search(window) or re.search(r"sp\s?[o0]2|sat", window, re.I)
                       or "cmp" not in m.groupdict())
        best: tuple[int, float, int, int] | None = None
        for d in DURATION.finditer(text, max(s0, m.start() - 60), min(s1, m.end() + 45)):
            if _overlaps(d.start(), d.end(), taken) or (m.start() <= d.start() < m.end()):
                continue
            after = text[d.end():d.end() + 12]
            if re.match(r"\s*(?:%|of\b)", after):
                continue  # "6.2 % of TRT", not a time
            if d.group("hms") and _CLOCK_BEFORE.search(text, max(0, d.start() - 12), d.start()):
                continue
            minutes = duration_minutes(d)
            if minutes is None or not p.in_range("minutes", minutes):
                continue
            distance = d.start() - m.end() if d.start() >= m.end() else (m.start() - d.end()) * 2
            if best is None or distance < best[0]:
                best = (distance, minutes, d.start(), d.end())
        if not topical and (best is None or best[0] > 12):
            continue  # no time or saturation words: only "18.9 minutes at or below 88 %"
        value = float(threshold_value(cmp, thr))
        unit = _UNIT_IN_LABEL.match(text, m.end(), min(s1, m.end() + 45))
        if best is None and unit is not None:
            # "Time SpO2 <= 88 % (min)   18.6" / "Time SpO2 < 90 % (% TST)   21.9"
            number = float(unit.group("n").replace(",", "."))
            if unit.group("pct"):
                base = next((name for name, rx in _BASES if rx.search(unit.group("of"))), None)
                out.append(Candidate("spo2", value, m.start(), unit.end(), None,
                                     threshold=True, share=(number, base)))
            elif p.in_range("minutes", number):
                out.append(Candidate("spo2", value, m.start(), unit.end(), None,
                                     minutes=number, threshold=True))
            continue
        if best is None:
            share = _share_after(text, m.end(), min(s1, m.end() + 40), False, "")
            if share is not None:
                out.append(Candidate("spo2", value, m.start(), share[2], None, threshold=True,
                                     share=share[:2]))
            continue
        a = min(m.start(), best[2])
        b = max(m.end(), best[3])
        out.append(Candidate("spo2", value, a, b, None, minutes=best[1], threshold=True))
    return out


def _share_after(text: str, start: int, end: int, share_row: bool, label: str
                 ) -> tuple[float, str | None, int] | None:
    """The percentage of time after a threshold: "for 0.2 % of the analysed time", or in a
    row labelled as a share ("% time ≤ 88 %: 5.2"); (percent, base, end) or None."""
    m = _SHARE.search(text, start, end)
    if m is None or not (share_row or (m.group("unit") and m.group("of"))):
        return None
    pct = float(m.group("pct").replace(",", "."))
    if not 0 <= pct <= 100:
        return None
    words = (m.group("of") or "") + " " + label
    base = next((name for name, rx in _BASES if rx.search(words)), None)
    return pct, base, m.end("unit") if m.group("unit") else m.end("pct")


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
