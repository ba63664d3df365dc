"""A value with its resolved circumstances → a `Measurement` with evidence; the method, the
confidence and the removal of repeats (an interpretation paragraph restating a table row)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from extractors.interpret.context import DateRef, SegmentContext
from extractors.interpret.cues import Cues
from extractors.interpret.values import Candidate
from extractors.layout import TextRun
from extractors.models import FoundIn, Measurement

_BASE_CONFIDENCE = {"text_layer": 0.97, "ocr": 0.93}
_PULSE_OX_LABEL = re.compile(r"^\s*(?:s\s?p\s?[o0]|pulse|pox|p\.?\s?ox)", re.IGNORECASE)
_PULSE_OX_WORDS = re.compile(r"\bpulse ?ox\w*|\boximet\w*|\bsp\s?[o0]\s?2\b", re.IGNORECASE)
"""A row named "Oxygen saturation in Arterial blood by Pulse oximetry" is a pulse oximeter's."""
_GAS_LABEL = re.compile(r"^\s*(?:s\s?a\s?[o0]|s\s?[o0]\s?2|o2\s?hb|f\s?o2\s?hb|oxyh(?:a)?emo|"
                        r"arterial|o2\s?sat\w*\s*\(calc|sat\w*\s*\(calc)", re.IGNORECASE)


_DESATURATION = re.compile(r"\bdesat\w*|\bdrop(?:s|ped|ping)?\b|\bfell\b|\bfalls?\b|"
                           r"\bnadir\b|\blowest\b|\bdip(?:s|ped)?\b|\bdown to\b|"
                           r"\breport\w*|\bper (?:patient|pt|family|caregiver|home)\b|"
                           r"\bstates?\b|\bat home\b|\bhome (?:pulse )?ox\w*|"
                           r"\bfinger (?:pulse )?ox\w*|\bchecked\b", re.IGNORECASE)
"""A saturation that fell (during something the text may not say), or one someone reported
from home: neither is a resting spot check the writer saw."""


def _spot_setting(ctx: SegmentContext) -> str | None:
    """The setting a plain spot saturation of this kind of paper has (notes: at rest)."""
    if ctx.doc_type is None:
        return "rest"
    return ctx.doc_type.defaults.get("spot_setting")


@dataclass
class Found:
    """A value read somewhere, with the conditions of its own scopes resolved."""

    cand: Candidate
    run: TextRun
    cues: Cues
    date: DateRef | None
    found_in: FoundIn
    context: tuple[int, int]
    """Span of ``run`` shown as the evidence text (the sentence, the row)."""
    label_text: str = ""
    gas_context: bool = False
    """The value's scope talks about a blood gas (ABG, arterial, SaO2)."""
    own_scope_only: bool = False
    """The report's own conditions do not apply (a trend column's earlier draw)."""
    date_implied: bool = False
    """Prose whose date is only its heading's or the visit's, none of its own sentence."""


def method_of(kind: str, label_text: str, cues: Cues, gas_context: bool,
              doc_method: str | None) -> str:
    if kind == "pao2":
        return "abg"
    if kind == "hematocrit":
        return "lab"
    if _PULSE_OX_LABEL.match(label_text) or _PULSE_OX_WORDS.search(label_text):
        return "oximetry"
    if _GAS_LABEL.match(label_text) or gas_context or cues.method == "abg" or \
            (doc_method == "abg" and cues.method != "oximetry"):
        return "abg"
    return "oximetry"


def to_measurement(ctx: SegmentContext, found: Found, segment_index: int) -> Measurement:
    cand, run = found.cand, found.run
    cues = found.cues.merged_over(ctx.defaults) if found.own_scope_only else \
        found.cues.merged_over(ctx.header_cues).merged_over(ctx.defaults)
    confidence = _BASE_CONFIDENCE[run.source] * min(1.0, run.span_conf(cand.start, cand.end)
                                                    + 0.05)
    if cand.label is not None and cand.label.fuzzy:
        confidence *= 0.9
    kind = cand.kind
    setting = cues.setting
    oxygen, flow = cues.oxygen, cues.flow
    if kind == "hematocrit":
        setting = oxygen = None
        flow = None
    elif cand.minutes is not None and setting in (None, "rest"):
        # time spent below a threshold is counted asleep or walking, never at rest
        setting = ctx.defaults.setting if ctx.defaults.setting == "exercise" else "sleep"
    method = method_of(kind, found.label_text, cues, found.gas_context, ctx.defaults.method)
    if setting is None and method == "abg":
        setting = "rest"  # a blood gas is drawn at rest unless the paper says otherwise
    if setting is None and kind == "spo2" and method == "oximetry" and \
            _spot_setting(ctx) and not _DESATURATION.search(
                run.text[found.context[0]:found.context[1]]):
        setting = _spot_setting(ctx)
    if setting is None or oxygen is None:
        confidence *= 0.95
    date = found.date
    start = cand.label.start if cand.label is not None and cand.prefix else cand.start
    evidence = run.evidence(min(start, cand.start), cand.end, context=found.context,
                            converted_from=cand.converted_from)
    return Measurement(
        kind=kind,
        value=cand.value,
        setting=setting,
        oxygen=oxygen,
        flow_lpm=flow,
        method=method,
        date=date.iso if date else None,
        minutes=cand.minutes,
        confidence=round(confidence, 3),
        evidence=evidence,
        date_ambiguous=bool(date and date.ambiguous),
        date_evidence=date.evidence if date else None,
        found_in=found.found_in,
        segment=segment_index,
    )


def _key(m: Measurement) -> tuple[object, ...]:
    return (m.kind, m.value, m.setting, m.oxygen, m.flow_lpm, m.date, m.minutes)


def without_repeats(measurements: list[Measurement],
                    implied: Collection[int] = ()) -> list[Measurement]:
    """The first of each group of identical readings (same kind, value, circumstances and
    date): a summary sentence restating a table row, or a report faxed twice, is not a
    second test; a time below a threshold restated rounded to the minute is the same time.
    Undated readings repeat only within their own segment. Two cells of one page's table are
    two draws (a flowsheet with two equal results in a day, a nadir per titration pressure).
    Undated readings also repeat a dated reading of the same value and circumstances in their
    segment, and so do prose readings dated only by their heading or the visit (``implied``,
    ids): "3. Hct 54.2 %, below 56 %" in an assessment restates "CBC 03/01/25: … Hct 54.2 %".
    """
    seen: dict[tuple[object, ...], list[Measurement]] = {}
    timed: dict[tuple[object, ...], list[float]] = {}
    out: list[Measurement] = []
    for m in measurements:
        key = (m.segment if m.date is None else -1, *_key(m))
        earlier = seen.setdefault(key, [])
        if earlier and not all(_other_cell(m, e) for e in earlier):
            continue
        if m.minutes is not None:
            # "Cumulative time at or below 88 % was 84 minutes" restating "01:23:48"
            near = timed.setdefault(key[:-1], [])
            if any(abs(m.minutes - x) <= 0.5 for x in near):
                continue
            near.append(m.minutes)
        earlier.append(m)
        out.append(m)
    # an undated restatement ("- Exertional SpO2, room air: 84 %" under the sentence that
    # dates it) of a dated reading in the same segment is that reading
    dated = {(m.segment, *_undated_key(m)): m.date for m in out
             if m.date is not None and id(m) not in implied}
    out = [m for m in out if not (m.date is None or id(m) in implied) or
           dated.get((m.segment, *_undated_key(m)), m.date) == m.date]
    # a whole number in prose restating a table's result of that day ("Hct 58 on admission"
    # for the CBC's 58.1) is that result
    precise = {(m.segment, m.kind, m.date, m.setting, m.oxygen, float(whole)) for m in out
               if m.found_in == "table" and m.value != int(m.value) and m.minutes is None
               for whole in (int(m.value), round(m.value))}
    out = [m for m in out if m.found_in == "table" or m.value != int(m.value) or
           m.minutes is not None or
           (m.segment, m.kind, m.date, m.setting, m.oxygen, m.value) not in precise]
    # the same reading on oxygen told once with its flow and once without ("on prescribed O2"
    # in a summary box, "on 2 LPM" in the review) is one reading, with its flow (two draws of
    # a table, one on a ventilator, are two)
    flowed = {(m.segment, m.kind, m.value, m.setting, m.date, m.minutes) for m in out
              if m.oxygen == "supplemental" and m.flow_lpm is not None}
    return [m for m in out if m.found_in == "table" or not (
        m.oxygen == "supplemental" and m.flow_lpm is None and (
            m.segment, m.kind, m.value, m.setting, m.date, m.minutes) in flowed)]


def _other_cell(a: Measurement, b: Measurement) -> bool:
    """Two table cells of one page and segment at different places (not time-below
    figures: a summary restates those)."""
    if a.found_in != "table" or b.found_in != "table" or a.segment != b.segment or \
            a.evidence.page != b.evidence.page or a.minutes is not None:
        return False
    ax0, ay0, ax1, ay1 = a.evidence.bbox
    bx0, by0, bx1, by1 = b.evidence.bbox
    return min(ay1, by1) <= max(ay0, by0) or min(ax1, bx1) <= max(ax0, bx0)


def _undated_key(m: Measurement) -> tuple[object, ...]:
    return (m.kind, m.value, m.setting, m.oxygen, m.flow_lpm, m.minutes)
