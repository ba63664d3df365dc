"""Values in prose (paragraphs, vitals lines, ``Label: value`` fields): each value takes its
circumstances from the narrowest scope that states them — its clause, the words between its
label and it (or, for a label's second reading, the words since its first), the sentence's
topic ("6MWT: …"), the sentence, the sentence it continues, the last sentence of the stretch
that only stated conditions ("The diagnostic portion was recorded on room air."), then the
section; a reading "on home oxygen" takes the home flow. Its date comes from its clause or
sentence (never a date naming another test: "CBC 8/30/24: Hct 45 %, pulse ox 86 %"), "on
admission" / "at discharge" / "today", the sentence it continues, the readings of the sentence
just before (the same evaluation going on; not in a list), the section, then the visit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.interpret.assertion import statuses
from extractors.interpret.context import HOME_OXYGEN, DateRef, Section, SegmentContext, date_ref
from extractors.interpret.cues import Cues, clause_bounds, find_cues, sentence_bounds
from extractors.interpret.date_roles import DatedSpan, dates_in
from extractors.interpret.dates import MONTHS
from extractors.interpret.labels import find_labels
from extractors.interpret.measure import Found
from extractors.interpret.patient import birth_date
from extractors.interpret.values import (
    GOAL_AFTER,
    Candidate,
    excluded_spans,
    find_values,
    value_ok,
)
from extractors.layout import TextRun
from extractors.models import FoundIn
from extractors.patterns import Patterns

_ADMISSION = re.compile(r"\b(?:on|at|upon|during)\s+(?:ad(?:m|rn)ission|arrival|presentation)\b|"
                        r"\bad(?:m|rn)ission\s+(?:abg|gas|labs?|vitals|sat\w*|cbc)\b|"
                        r"\bad(?:m|rn)itting\b|\bat triage\b|"
                        r"\bin the (?:ed|er|e(?:m|rn)ergency department)\b",
                        re.IGNORECASE)
"""(Fax OCR reads the m of "admission" and "emergency" as "rn".)"""
_DISCHARGE = re.compile(r"\b(?:at|on|upon|(?:day|morning|afternoon|evening|time) of)\s+discharge\b|"
                        r"\bdischarge\s+"
                        r"(?:abg|gas|labs?|vitals|sat\w*|cbc)\b", re.IGNORECASE)
_TODAY = re.compile(r"\btoday\b|\bthis (?:morning|afternoon|evening|visit)\b|\bin clinic\b|"
                    r"\bat (?:this|today'?s) visit\b|\bon (?:exam|examination)\b",
                    re.IGNORECASE)
_GAS = re.compile(r"\babgs?\b|\bblood gas\w*\b|\barterial\b|\bs\s?a\s?[o0]\s?2\b|\bpa\s?[o0]2\b",
                  re.IGNORECASE)
_TOPIC = re.compile(r"[^:]{2,50}:")
_CONDITION_WORDS = 8
_TEST_CONDITION = re.compile(r"\b(?:recorded|performed|drawn|obtained|done|conducted|study|"
                             r"test(?:ing)?|portion|part|walk|titration)\b", re.IGNORECASE)
"""A sentence stating only conditions ("Room air.", "On 2 L NC at rest:") is this short; a
longer one ("walks to the mailbox, two flights of stairs") tells a story, not a test's
conditions."""


@dataclass
class Unit:
    """A stretch of text read as prose, with where it lies."""

    run: TextRun
    page: int
    line: int
    """Reading-order index of its first line (for the section and block lookups)."""
    found_in: FoundIn = "narrative"


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    while pos < len(text):
        _, end = sentence_bounds(text, pos)
        if end <= pos:
            end = len(text)
        yield pos, end
        pos = end + 1


_OPENS_WITH_VALUE = re.compile(r"\d{1,3}(?:\.\d+)?\s*(?:%|min(?:utes?|s)?\b)", re.IGNORECASE)
"""A sentence opening with a reading or a time ("… on room air: nadir 82 %. 49.1 minutes at or
below 88 %"): a fragment of the one before, not a list item's number."""


_LEADING_CONDITIONS = re.compile(r"\s*(?P<clause>[^\d,;:]{2,30}),\s*(?=\d{2,3}(?:\.\d)?\s*%)")
"""A sentence opening with a short clause of words only, then a percentage ("RA walking, 92 %
on 2 L")."""


def _pieces(p: Patterns, text: str) -> Iterator[tuple[int, int]]:
    """The sentences of ``text``; a sentence that opens with a clause stating only conditions,
    then a reading ("SpO2 85 %. RA walking, 92 % on 2 L", a comma read as a full stop or a
    note's terse style) is two: the clause completes the reading before it, and the reading
    after it goes on with the same test."""
    for s0, s1 in _sentences(text):
        m = _LEADING_CONDITIONS.match(text, s0, s1)
        if m is not None and s0 > 0 and find_cues(p, text, s0, m.end("clause"), s0).any() \
                and _PERCENT.search(text, max(0, s0 - 12), s0):
            yield s0, m.end("clause")
            yield m.end(), s1
        else:
            yield s0, s1


def _continues(text: str, s0: int, p: Patterns) -> bool:
    """The sentence carries on the one before ("… on room air. pO2 50 and SaO2 85 %")."""
    rest = text[s0:].lstrip()
    if rest[:1].islower() or _OPENS_WITH_VALUE.match(rest):
        return True
    labels = find_labels(p, rest[:20], fuzzy=False)
    return bool(labels) and labels[0].start == 0


_NAMED_TEST = re.compile(r"\b(?P<test>cbc|h\s?&\s?h|hct|hgb|abgs?|(?:arterial )?blood gas(?:es)?|"
                         r"vbg|echo\w*|tte|ekg|ecg|cxr|chest x-?ray|ct|pfts?|spirometry|bnp)"
                         r"\s*(?:on|of|dated|from)?\s*$", re.IGNORECASE)
"""A test named right before a date ("CBC 8/30/24: Hct 45 %"): that date is the test's."""
_TEST_KINDS = {"cbc": {"hematocrit"}, "hct": {"hematocrit"}, "hgb": {"hematocrit"},
               "abg": {"pao2", "spo2", "hematocrit"}, "blood gas": {"pao2", "spo2", "hematocrit"}}


def _other_tests_date(d: DatedSpan, kind: str | None) -> bool:
    """The date belongs to a named test whose results are not of ``kind`` ("CBC 8/30/24: Hct
    45 %, pulse ox 86 % with ambulation": the oximetry is not the CBC's)."""
    if kind is None:
        return False
    m = _NAMED_TEST.search(d.run.text, max(0, d.date.start - 30), d.date.start)
    if m is None:
        return False
    test = re.sub(r"\s+", " ", m.group("test").lower())
    if "&" in test:
        test = "hct"
    elif "blood gas" in test:
        test = "blood gas"
    elif test.endswith("s"):
        test = test[:-1]  # ("ABGs", "PFTs")
    return kind not in _TEST_KINDS.get(test, set())


def _own_date(dates: list[DatedSpan], a: int, b: int, pos: int,
              kind: str | None = None) -> DateRef | None:
    """The date of a value's clause or sentence: the nearest one before it, else after; never
    the date of a test named with it that is not the value's ("CBC 8/30/24")."""
    usable = [d for d in dates if d.role in ("test_date", "event") and d.date.iso
              and a <= d.date.start < b and not _other_tests_date(d, kind)]
    if not usable:
        unsure = [d for d in dates if d.role in ("test_date", "event") and d.date.ambiguous
                  and a <= d.date.start < b]
        if unsure:
            # its own date could be read two ways: unknown, never another scope's date
            return DateRef(None, True, date_ref(unsure[0]).evidence)
        return None
    before = [d for d in usable if d.date.start < pos]
    pick = max(before, key=lambda d: d.date.start) if before else \
        min(usable, key=lambda d: d.date.start)
    return date_ref(pick)


_LABEL_PERCENT = re.compile(r"\s*[A-Z][^:\d]{2,40}:\s+\d{2,3}(?:\.\d)?\s*%")
"""A label of conditions, a colon and a percentage ("Result on room air:   86 %")."""
_IMPLICIT_TOPIC = re.compile(r"\boximet\w*|\bono\b|\b6\s?mwt?\b|\bsix[- ]minute\b|"
                             r"\bwalk test\b|\btitration\b|\bpulse ?ox\w*|\bsats?\b|"
                             r"\bsaturation\w*|\bs[p0o]\s?[o0]2\b|\bdesat\w*", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\w.])(\d{2,3}(?:\.\d)?)\s*%")
_OPENS_WITH_PERCENT = re.compile(r"\s*\d{2,3}(?:\.\d)?\s*%")
_NOT_SAT_BEFORE = re.compile(r"(?:f\s?i\s?[o0]2|fev1?|fvc|dlco|ef|ejection fraction|hct|"
                             r"h(?:a)?ematocrit|predicted|mask|venturi|bmi|a1c|\bof)\W{0,3}"
                             r"(?:\w+\W{0,3})?$", re.IGNORECASE)
_NOT_SAT_AFTER = re.compile(r"^\s*(?:predicted|pred|of\b|ile|tile|trt|tst|fio2|fm\b|"
                            r"face mask|venturi|mask|oxygen\b)", re.IGNORECASE)
_INSTRUCTION = re.compile(r"\bonly if\b|\banswer questions\b|\bcriteri(?:on|a)\b|"
                          r"\bmust be met\b|\bin question \d\b|\bqualif(?:y|ies|ying) "
                          r"(?:if|when|with)\b", re.IGNORECASE)
_VENOUS = re.compile(r"\bvbg\b|\bvenous\b|\bpvo2\b|\bcapillary\b|\bcbg\b",
                     re.IGNORECASE)
_CHART = re.compile(r"\b(?:trend|graph|histogram|chart|plot)\b", re.IGNORECASE)
"""A chart's title ("SpO2 (%) trend") over its axis ticks (100, 90, 80): no reading."""
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "a": 1, "the": 1}
_RELATIVE = re.compile(r"\byesterday\b|\blast night\b|\b(?P<n>\d+|one|two|three|four|five)"
                       r" days? (?:ago|prior|earlier)\b", re.IGNORECASE)
_TEST_HEADING = re.compile(r"\b(?:abgs?|vbg|blood gas(?:es)?|cbc|labs?|oximetry|ono|walk|6mwt|"
                           r"pfts?|echo\w*|sleep study|psg|titration)\b", re.IGNORECASE)
_IN_MONTH = re.compile(r"\s*(?:%|mm\s?hg)?\s*in\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                       r"dec)[a-z]*\b(?![ .,]*\d)", re.IGNORECASE)
_NEXT_DAY = re.compile(r"\b(?:the )?(?:following|next) (?:day|morning)\b|\bthe day after\b",
                       re.IGNORECASE)
"""A reading dated by the one told before it ("The following day, a repeat ABG …")."""
_BEFORE_DISCHARGE = re.compile(r"\b(?P<n>\d+|one|two|three|four|five|the|a)\s+"
                               r"(?:days?|morning|evening|night)\s+"
                               r"(?:before|prior to)\s+discharge\b", re.IGNORECASE)
_POD = re.compile(r"\bPOD\s*#?\s*(?P<n>\d{1,2})\b")
_SYMPTOM = re.compile(r"\b(?:reports?|complain\w*|endorses?|describes?|dyspn\w*|"
                      r"short(?:ness)? of breath|breathless\w*|sob|doe)\b", re.IGNORECASE)
"""A sentence about symptoms ("dyspnea walking one block") sets no reading's setting."""
_LIST_ITEM = re.compile(r"\s*(?:\.\s*)?[-•*·.]\s+\S")
"""A sentence opening a list item ("- Resting SpO2, room air: 85 %"): a list sums readings
up; it does not go on with the sentence before it."""
_BULLET_BEFORE = re.compile(r"[.:;]\s+[-•*·.]$")
"""(The full stop read as the sentence's end may be the item's bullet: "… 3 L/min. . Resting")"""
_HOSPITAL_DAY = re.compile(r"\b(?:hospital day|HD)\s*#?\s*(?P<n>\d{1,2})\b", re.IGNORECASE)
"""A day of the stay, counted from the admission day (day 1)."""
_DOL = re.compile(r"\b(?:DOL|day of life)\s*#?\s*(?P<n>\d{1,3})\b", re.IGNORECASE)
"""An infant's day of life, counted from the date of birth (the day of birth is day 0)."""
_PROCEDURE = re.compile(r"\b(?:procedure|surgery|operation|ectomy|otomy|plasty|s/p)\b",
                        re.IGNORECASE)


def _shift(ref: DateRef | None, days: int) -> DateRef | None:
    if ref is None or ref.iso is None:
        return None
    try:
        day = dt.date.fromisoformat(ref.iso) + dt.timedelta(days=days)
    except ValueError:
        return None
    return DateRef(day.isoformat(), ref.ambiguous, ref.evidence)


def _implicit(p: Patterns, text: str, s0: int, s1: int, taken: list[Candidate],
              excluded: list[tuple[int, int]], condition_label: bool) -> list[Candidate]:
    """Percentages of an oximetry sentence or of a condition field ("Rest on RA: 93 %") read
    without a saturation label: "Ambulatory oximetry: rest RA 94 %, walking RA 87 %"; also of
    a fragment opening with a percentage that goes on with such a sentence ("… with
    ambulation 88 % RA. 92 %, on 4 L with ambulation.", a comma read as a full stop)."""
    topic = bool(_IMPLICIT_TOPIC.search(text, s0, s1)) or condition_label
    out: list[Candidate] = []
    for m in _PERCENT.finditer(text, s0, s1):
        a, b = m.span(1)
        if not topic:
            c0, c1 = clause_bounds(text, a)
            cues = find_cues(p, text, max(s0, c0), min(s1, c1), a)
            if cues.setting is None or cues.oxygen is None:
                continue  # no topic: only a clause stating both setting and oxygen
        if any(c.start <= a < c.end or (c.start < m.end() and a < c.end) for c in taken):
            continue
        if any(x < m.end() and a < y for x, y in excluded):
            continue
        if _NOT_SAT_BEFORE.search(text[max(s0, a - 20):a]) or \
                _NOT_SAT_AFTER.match(text[m.end():m.end() + 15]) or GOAL_AFTER.match(text, b):
            continue
        if any(rx.search(text[max(s0, a - 60):a]) for rx in p.value_disqualifiers):
            continue
        ok = value_ok(p, "spo2", text, m.end(1), m.group(1))
        if ok is not None:
            out.append(Candidate("spo2", ok[0], a, b, None))
    return out


_PERCENT_AS_8 = re.compile(r"\s*([7-9]\d)8\s*")
"""A number standing alone whose "%" fax OCR read as a last 8 ("888", "808")."""
_STAT_LINE = re.compile(r"^\s*[A-Za-z][A-Za-z/ ]{1,24}?\s*(?::|\.{3,}|\s)\s*\d{2,3}(?:\.\d)?\s*%"
                        r"(?!\s*(?:&|and|or)?\s*(?:below|less|lower|under)\b)")
"""A short label, a colon, leader dots or a space, then a percentage: one line of a
statistics block (not a threshold: "Longest event 88 % & below")."""


_LOW_POINT = re.compile(r"\b(?:nadir|lowest|low point|minimum|a low of)\b", re.IGNORECASE)


def _states_conditions(sentence: str, cues: Cues) -> bool:
    """A sentence without values that states the conditions of the readings around it: a
    short one ("Room air.", "On 2 L NC at rest:") or one about the test itself ("The
    diagnostic part was recorded on room air for 170 minutes.")."""
    if not cues.any():
        return False
    if len(sentence.split()) <= _CONDITION_WORDS:
        return True
    if cues.setting == "sleep" and _TEST_CONDITION.search(sentence):
        return True  # "… the overnight oximetry … recorded the night of 04/03/2025 …"
    return cues.oxygen is not None and bool(_TEST_CONDITION.search(sentence) or
                                            _PATIENT_ON.search(sentence) or
                                            _STATE_CHANGE.search(sentence))


_STATE_CHANGE = re.compile(r"\b(?:placed|put|started|restarted|resumed|applied|reapplied|"
                           r"increased|decreased|titrated|weaned|switched|changed)\b"
                           r"(?:\s+\w+){0,2}?\s+(?:on|to|at|back on)\b", re.IGNORECASE)
"""A change of the patient's oxygen ("Placed on 2 L NC and ambulated a further 167 ft."): the
conditions of the readings after it, setting included, never of those before it."""


_SAME_DAY = re.compile(r"\b(?:on )?(?:the same (?:day|date)|that (?:same )?day)\b", re.IGNORECASE)
"""A reading "on the same day" as the one before it, of whatever kind ("Her hematocrit on the
same day was 57 %")."""
_PATIENT_ON = re.compile(r"\b(?:pt|patient|he|she|resident|infant|child)\b[^.;]{0,40}?\b(?:on|"
                         r"wearing|wore|using|receiving)\b", re.IGNORECASE)
"""The patient's oxygen at the time ("Pt found sitting in recliner on 3 L NC."): the oxygen
of the readings that follow, not their setting, and not of the readings before it."""


def _saturation_heading(section: Section | None, unit: Unit) -> bool:
    """The value sits right under a heading or form-box label that names a saturation
    ("AMBULATORY SpO2 ON ROOM AIR (DAY OF DISCHARGE)" over "88 %"), or the heading over an
    inline label's line ("Lowest: 85 %" under "SpO2 STATISTICS")."""
    if section is not None and section.inline and section.parent is not None and \
            section.start == (unit.page, unit.line):
        section = section.parent
    if section is None or section.inline or section.start[0] != unit.page or \
            not _IMPLICIT_TOPIC.search(section.label) or unit.line <= section.start[1]:
        return False
    # any "Lowest ...... 77 %" / "Mean: 93 %" line of a statistics block under that heading
    return unit.line - section.start[1] <= 2 or bool(_STAT_LINE.match(unit.run.text))


def read_unit(p: Patterns, ctx: SegmentContext, unit: Unit) -> list[Found]:
    """The values of one stretch of prose with their circumstances."""
    text = unit.run.text
    dates = dates_in(p, unit.run, unit.line, ctx.convention, ctx.anchor())
    fuzzy = unit.run.source == "ocr"
    section = ctx.section(unit.page, unit.line)
    block_cues = ctx.block_field_cues.get((unit.page, unit.line), Cues())
    out: list[Found] = []
    carry: Cues | None = None
    carry_date: DateRef | None = None
    condition_only: Cues | None = None
    standing = Cues()
    """Oxygen stated by the last sentence that only states conditions ("The diagnostic
    portion was recorded on room air."): it holds for the later values of the stretch that
    state none of their own."""
    previous_found: list[Found] = []
    topic_before = False
    """The sentence just before read percentages of an oximetry topic."""
    reading_dates: list[tuple[str, DateRef]] = []
    """The kinds and days of the readings of the sentence just before (own date or phrase)."""
    for s0, s1 in _pieces(p, text):
        spans = [(d.date.start, d.date.end) for d in dates]
        sentence = text[s0:s1]
        cands = find_values(p, text, s0, s1, spans, fuzzy, ctx.upper_doc)
        label_cues = find_cues(p, text, s0, s0 + max(0, sentence.find(":")), s0) \
            if (unit.found_in == "field" or _LABEL_PERCENT.match(sentence)) and ":" in sentence \
            else Cues()
        fragment = topic_before and bool(_OPENS_WITH_PERCENT.match(text, s0))
        cands += _implicit(p, text, s0, s1, cands, excluded_spans(p, text, spans),
                           label_cues.setting is not None or label_cues.oxygen is not None
                           or _saturation_heading(section, unit) or fragment)
        sentence_cues = find_cues(p, text, s0, s1, s0)
        states = _states_conditions(sentence, sentence_cues)
        if cands or not states:  # (a sentence of conditions only goes on with the same test)
            topic_before = bool(cands) and (
                fragment or bool(_IMPLICIT_TOPIC.search(text, s0, s1)))
        lone = _PERCENT_AS_8.fullmatch(text)
        if not cands and lone and _saturation_heading(section, unit):
            # a box's lone "888" under "AMBULATORY SpO2 ON ROOM AIR": "88 %", the % read as 8
            ok = value_ok(p, "spo2", text, lone.end(1), lone.group(1))
            if ok is not None:
                cands.append(Candidate("spo2", ok[0], lone.start(1), lone.end(1), None))
        cands.sort(key=lambda c: c.start)
        cands = [c for c in cands if not _INSTRUCTION.search(
            text, max(s0, text.rfind("(", s0, c.start), clause_bounds(text, c.start)[0]),
            c.end)]
        if _VENOUS.search(sentence):
            cands = [c for c in cands if c.kind != "pao2"]
        cands = [c for c in cands if c.label is None or not _CHART.search(
            text, c.label.start, c.start)]
        continued = _continues(text, s0, p)
        listed = bool(_LIST_ITEM.match(text, s0) or _BULLET_BEFORE.search(text, 0, s0))
        previous: tuple[Cues, Candidate] | None = None
        found_here: list[Found] = []
        for cand in cands:
            head = cand.label.start if cand.label is not None else cand.start
            if statuses(text, head, cand.end) & {"family", "hypothetical"}:
                continue
            cues = _cues_for(p, text, cand, s0, s1, previous)
            if carry is not None and (continued or condition_only is not None):
                cues = cues.merged_over(carry)
            cues = cues.merged_over(standing)
            if cues.setting == "rest" and _LOW_POINT.search(text, max(s0, cand.start - 25),
                                                            cand.start):
                k0, k1 = clause_bounds(text, cand.start)
                if find_cues(p, text, max(s0, k0), min(s1, k1), cand.start).setting is None:
                    # "… baseline … 92 %. Saturation reached a low of 81 %": not at rest
                    cues = Cues(None, cues.oxygen, cues.flow, cues.method)
            if cues.setting is None and previous_found and \
                    previous_found[-1].cues.setting == "exercise" and _LOW_POINT.search(
                        text, max(s0, head - 25), cand.start + 1):
                # "… walked 200 ft, nadir 86 %. Setting increased to 3: nadir 90 %": the low
                # point of the walk goes on (a baseline before a night's nadir does not)
                cues = Cues("exercise", cues.oxygen, cues.flow, cues.method)
            if cues.oxygen == "supplemental" and cues.flow is None and HOME_OXYGEN.search(
                    text, max(s0, head - 30), cand.end):
                cues = cues.merged_over(ctx.home_oxygen)  # "on current home oxygen"
            if section is not None:
                cues = cues.merged_over(section.cues)
            cues = cues.merged_over(block_cues)
            date = _date_for(ctx, text, dates, cand, s0, s1)
            if date is None and previous_found and previous_found[-1].date is not None and \
                    _NEXT_DAY.search(text, s0, s1):
                # "… on the morning of March 3rd … The following day, a repeat ABG …"
                date = _shift(previous_found[-1].date, 1)
            if date is None and (continued or condition_only is not None) and \
                    carry_date is not None:
                date = carry_date  # (a sentence stating the test's conditions dates it too)
            if date is None:
                # the paragraph goes on with the same evaluation ("On the day of discharge,
                # resting SpO2 … 92 %. With ambulation … 88 %."): the readings just before's day
                gas = {"pao2", "spo2"}
                same_day = bool(_SAME_DAY.search(sentence))
                date = None if listed else next(
                    (d for k, d in reversed(reading_dates) if k == cand.kind or
                     {k, cand.kind} <= gas or same_day), None)
            implied = date is None
            if date is None and section is not None and section.date is not None and not (
                    section.dated_label and section.start == (unit.page, unit.line) and s0 > 0):
                date = section.date  # ("CBC 5/30/2024: Hct 60 %. Ambulatory …": not later)
                # (a test's own heading dates its results: "ABG #1 (3/3 06:50)")
                implied = not section.dated_label and not _TEST_HEADING.search(section.label)
            if date is None:
                date = ctx.entry_date(unit.page, unit.line,
                                      unit.run.span_words(cand.start, cand.end)) or ctx.visit
            month = _IN_MONTH.match(text, cand.end)
            if month is not None and date is not None and date.iso and \
                    MONTHS[month.group(1)[:3].lower()] != int(date.iso[5:7]):
                # "… down from 91 % in July": an earlier reading whose day is not told
                date = None
            label_text = cand.label.text if cand.label else ""
            found = Found(cand, unit.run, cues, date, unit.found_in, (s0, s1), label_text,
                          bool(_GAS.search(text, s0, s1)), date_implied=implied)
            found_here.append(found)
            previous = (cues, cand)
        out += found_here
        if not cands and states:
            # a sentence that only states conditions ("Room air.") completes the values just
            # before it and describes those after it
            change = bool(_STATE_CHANGE.search(sentence))
            told = len(sentence.split()) > _CONDITION_WORDS and not change and \
                not _TEST_CONDITION.search(sentence)  # (the patient's state, in a story)
            for f in [] if told or change else previous_found:
                if f.cues.oxygen is None and sentence_cues.oxygen is not None:
                    f.cues = Cues(f.cues.setting, sentence_cues.oxygen, sentence_cues.flow,
                                  f.cues.method)
                if f.cues.setting is None and sentence_cues.setting is not None and \
                        not sentence.rstrip().endswith(":"):  # ("On 2 L at rest:" heads on)
                    f.cues = Cues(sentence_cues.setting, f.cues.oxygen, f.cues.flow,
                                  f.cues.method)
            condition_only = sentence_cues
            if sentence_cues.oxygen is not None:
                standing = Cues(oxygen=sentence_cues.oxygen, flow=sentence_cues.flow)
            if _SYMPTOM.search(sentence) or told:
                # "He reports dyspnea walking one block.": a symptom, not the setting of the
                # next reading
                condition_only = Cues(None, sentence_cues.oxygen, sentence_cues.flow,
                                      sentence_cues.method)
        elif cands:
            condition_only = None
        if cands or states:
            carry = sentence_cues if cands or condition_only is None else condition_only
            own = _own_date(dates, s0, s1, s1)
            carry_date = own if own is not None else (carry_date if continued else None)
        elif sentence_cues.any():
            carry = None  # a story between readings ends what the last reading's words said
        if found_here:
            reading_dates = [(f.cand.kind, f.date) for f in found_here
                             if f.date is not None and f.date is not ctx.visit]
        elif not states:
            reading_dates = []  # only the next sentence goes on with the readings' day
        previous_found = found_here or previous_found
    return out


def _cues_for(p: Patterns, text: str, cand: Candidate, s0: int, s1: int,
              previous: tuple[Cues, Candidate] | None) -> Cues:
    pos = cand.start
    c0, c1 = clause_bounds(text, pos)
    c0, c1 = max(c0, s0), min(c1, s1)
    if cand.label is not None and cand.prefix:
        c0 = min(c0, cand.label.start)
    cues = find_cues(p, text, c0, c1, pos)
    if cand.prefix is not None:
        cues = cues.merged_over(find_cues(p, text, cand.prefix[0], cand.prefix[1], pos))
    if previous is not None and cand.label is not None and previous[1].label is cand.label:
        # "sats to 87 %, placed on 2 L NC, 89 %": the words between the two readings first
        cues = cues.merged_over(find_cues(p, text, previous[1].end, cand.start, pos))
        prev = previous[0]
        cues = cues.merged_over(Cues(setting=prev.setting, oxygen=prev.oxygen, flow=prev.flow))
    topic = _TOPIC.match(text, s0)
    if topic and topic.end() <= pos:
        cues = cues.merged_over(find_cues(p, text, s0, topic.end(), pos))
    # the sentence up to the value's clause before the rest: a later clause tells what came
    # after ("Room-air challenge: SpO2 fell to 83 % in 5 min; 1/4 LPM resumed with SpO2 98 %")
    cues = cues.merged_over(find_cues(p, text, s0, c1, pos))
    return cues.merged_over(find_cues(p, text, s0, s1, pos))


def _phrase_date(ctx: SegmentContext, dates: list[DatedSpan], text: str) -> DateRef | None:
    """A date a phrase names: "on admission", "at discharge", "two days before discharge",
    "yesterday", "POD 2", "hospital day 3", "DOL 74", "today"."""
    m = _BEFORE_DISCHARGE.search(text)
    if m and ctx.discharge is not None:
        n = m.group("n").lower()
        return _shift(ctx.discharge, -(int(n) if n.isdigit() else _WORDS[n]))
    if _ADMISSION.search(text) and ctx.admission is not None:
        return ctx.admission
    if _DISCHARGE.search(text) and ctx.discharge is not None:
        return ctx.discharge
    m = _RELATIVE.search(text)
    if m:
        n = m.group("n")
        days = 1 if n is None else (int(n) if n.isdigit() else _WORDS[n.lower()])
        return _shift(ctx.visit or ctx.letter_date, -days)
    m = _POD.search(text)
    if m:
        surgery = next((d for d in ctx.dates if d.date.iso and _PROCEDURE.search(
            d.run.text[max(0, d.date.start - 60):d.date.start])), None)
        return _shift(date_ref(surgery), int(m.group("n"))) if surgery else None
    m = _HOSPITAL_DAY.search(text)
    if m and ctx.admission is not None:
        return _shift(ctx.admission, int(m.group("n")) - 1)
    m = _DOL.search(text)
    if m:
        born = birth_date(ctx)
        return _shift(DateRef(born[0]), int(m.group("n"))) if born else None
    if _TODAY.search(text):
        return ctx.visit or ctx.letter_date
    return None


def _date_for(ctx: SegmentContext, text: str, dates: list[DatedSpan], cand: Candidate,
              s0: int, s1: int) -> DateRef | None:
    c0, c1 = clause_bounds(text, cand.start)
    c0, c1 = max(c0, s0), min(c1, s1)
    return (_own_date(dates, c0, c1, cand.start, cand.kind)
            or _phrase_date(ctx, dates, text[c0:c1])
            or _own_date(dates, s0, s1, cand.start, cand.kind)
            or _phrase_date(ctx, dates, text[s0:s1]))
