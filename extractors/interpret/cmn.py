"""A certificate of medical necessity (CMS-484, versions 484.2 and 484.3) read question by
question.

Questions are recognised by what they ask, not by their number (the two versions number them
differently): the qualifying result (a PO2 on the ``mm Hg`` blank, a saturation on the ``%``
blank, the test date), the test's condition (option 1 rest, 2 exercise, 3 sleep), whether the
patient is mobile (portable ordered), the highest flow, the result on 4 LPM, and the Group II
questions, where only a marked Y is a finding and a marked N a denial. The printed question
text is never a finding or a value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.interpret.context import DateRef, SegmentContext, date_ref
from extractors.interpret.cues import Cues
from extractors.interpret.date_roles import dates_in
from extractors.interpret.measure import Found
from extractors.interpret.values import Candidate, value_ok
from extractors.layout import Line, PageLayout, TextRun
from extractors.patterns import Patterns

_QUESTION_START = re.compile(r"^\s*(?:Q\.?\s*)?(\d{1,2})\s*[.)]\s+\S")
_REGION_END = re.compile(r"\b[I1l|]F\s*P\s?[O0]\s?2\b|\bAT LEAST ONE OF THE FOLLOWING\b|"
                         r"\bNAME OF PERSON ANSWERING\b|^\s*SECTION [A-D]\b|"
                         r"\banswer questions\b", re.IGNORECASE)
QUESTION_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("high_flow_result", re.compile(r"greater than 4 ?lpm|more than 4 ?lpm|on 4 ?lpm", re.I)),
    ("result", re.compile(r"result of (?:the )?(?:most )?recent test|arterial blood gas po2 "
                          r"and/or", re.I)),
    ("circumstances", re.compile(r"chronic stable state|within two days prior to discharge",
                                 re.I)),
    ("condition", re.compile(r"condition of the test|at rest.{0,40}exercis.{0,40}sleep", re.I)),
    ("performer", re.compile(r"(?:physician|provider) performing (?:the )?test", re.I)),
    ("portable", re.compile(r"ordering portable|mobile within the home", re.I)),
    ("flow", re.compile(r"highest oxygen flow rate|flow rate ordered", re.I)),
    ("edema_chf", re.compile(r"dependent edema", re.I)),
    ("cor_ph", re.compile(r"cor pulmonale|pulmonary hypertension", re.I)),
    ("hematocrit", re.compile(r"hematocrit greater than", re.I)),
)
SETTINGS = {"1": "rest", "2": "exercise", "3": "sleep"}
_DATE_LIKE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}")


@dataclass
class Question:
    kind: str
    number: int
    lines: list[Line]
    layout: PageLayout


@dataclass
class CmnAnswers:
    """What the form's questions answer besides the measurements."""

    findings: dict[str, TextRun] = field(default_factory=dict)
    negated: dict[str, TextRun] = field(default_factory=dict)
    portable: str | None = None
    """The marked answer to "mobile within the home" (``Y``, ``N`` or ``D``)."""
    flow: float | None = None


def _questions(segment_layouts: Sequence[PageLayout]) -> list[Question]:
    out: list[Question] = []
    for layout in segment_layouts:
        current: Question | None = None
        for line in layout.lines:
            m = _QUESTION_START.match(line.text)
            if m and int(m.group(1)) <= 12:
                current = Question("", int(m.group(1)), [line], layout)
                out.append(current)
                continue
            if current is not None:
                if _REGION_END.search(line.text):
                    current = None
                    continue
                current.lines.append(line)
    for q in out:
        text = " ".join(ln.text for ln in q.lines)
        q.kind = next((name for name, rx in QUESTION_TYPES if rx.search(text)), "")
    return out


def _choice(q: Question) -> str | None:
    indices = {ln.index for ln in q.lines}
    for choice in q.layout.choices:
        if choice.line in indices and choice.selected is not None:
            return choice.selected.text
    return None


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?", text))


def _unit_values(p: Patterns, q: Question) -> list[tuple[str, Candidate, TextRun]]:
    """Numbers written on the ``mm Hg`` and ``%`` blanks of a result question."""
    out: list[tuple[str, Candidate, TextRun]] = []
    for line in q.lines:
        words = line.words
        for i, w in enumerate(words):
            t = w.text.strip()
            kind = None
            if t.lower() in {"mmhg", "mm"} and (t.lower() == "mmhg" or (
                    i + 1 < len(words) and words[i + 1].text.lower().startswith("hg"))):
                kind = "pao2"
            elif t == "%":
                kind = "spo2"
            elif re.fullmatch(r"\d{2,3}(?:\.\d)?%", t):
                kind = "spo2"
                value = t[:-1]
                run = TextRun.of(line.page, [w], line.run.source, line.run.to_page)
                ok = value_ok(p, kind, value + " %", len(value), value)
                if ok is not None:
                    out.append((kind, Candidate(kind, ok[0], 0, len(value), None), run))
                continue
            if kind is None:
                continue
            left = [x for x in words[:i] if x.x1 <= w.x0 + 1 and w.x0 - x.x1 < 60]
            if not left:
                continue
            cand_word = left[-1]
            if not _is_number(cand_word.text.strip()):
                continue
            raw = cand_word.text.strip()
            unit = " mm Hg" if kind == "pao2" else " %"
            ok = value_ok(p, kind, raw + unit, len(raw), raw)
            if ok is None:
                continue
            run = TextRun.of(line.page, [cand_word, w], line.run.source, line.run.to_page)
            out.append((kind, Candidate(kind, ok[0], 0, len(raw), None), run))
    return out


def _date(p: Patterns, ctx: SegmentContext, q: Question) -> DateRef | None:
    for line in q.lines:
        for d in dates_in(p, line.run, line.index, ctx.convention):
            if d.date.iso:
                return date_ref(d)
    return None


def _flow(q: Question) -> float | None:
    for line in q.lines:
        words = line.words
        for i, w in enumerate(words):
            if w.text.strip().upper() in {"LPM", "L/MIN"} and i:
                prev = words[i - 1].text.strip()
                if _is_number(prev) and words[i - 1].x0 > line.segments[0].x1 - 1:
                    return float(prev)
        if len(line.segments) > 1:
            for seg in line.segments[1:]:
                m = re.match(r"^\s*(\d{1,2}(?:\.\d+)?)\b", seg.text)
                if m:
                    return float(m.group(1))
    return None


def read_cmn(p: Patterns, ctx: SegmentContext) -> tuple[list[Found], CmnAnswers]:
    questions = _questions(ctx.segment.layouts)
    answers = CmnAnswers()
    setting = next((SETTINGS.get(_choice(q) or "") for q in questions if q.kind == "condition"),
                   None)
    found: list[Found] = []
    for q in questions:
        if q.kind in ("result", "high_flow_result"):
            date = _date(p, ctx, q)
            if q.kind == "result":
                cues = Cues(setting=setting, oxygen="room_air")
            else:
                cues = Cues(setting="rest", oxygen="supplemental", flow=4.0)
            for kind, cand, run in _unit_values(p, q):
                cand.kind = kind
                found.append(Found(cand, run, cues, date, "form", (0, len(run.text)),
                                   "PO2" if kind == "pao2" else "SpO2", kind == "pao2"))
        elif q.kind == "portable":
            answers.portable = _choice(q)
        elif q.kind == "flow":
            answers.flow = _flow(q)
        elif q.kind in ("edema_chf", "cor_ph", "hematocrit"):
            answer = _choice(q)
            names = {"edema_chf": ("dependent_edema", "congestive_heart_failure"),
                     "cor_ph": ("pulmonary_hypertension", "cor_pulmonale"),
                     "hematocrit": ("erythrocythemia",)}[q.kind]
            run = q.lines[0].run
            for name in names:
                if answer == "Y":
                    answers.findings[name] = run
                elif answer == "N":
                    answers.negated[name] = run
    return found, answers
