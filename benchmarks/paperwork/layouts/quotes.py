"""Qualifying results quoted by orders, letters and notes: their wording and their truth.

A quote is a copy of a test result. In a fax packet that also holds the source report the
quote is the same measurement as the report's and is listed once (see ``packets``).
"""

from __future__ import annotations

import random

from .. import synth
from ..case import Qual
from ..part import DocPart


def quote_text(rng: random.Random, q: Qual, style: int) -> str:
    d = synth.fmt_date(q.date, rng.choice(["us", "us_short", "us2"]))
    where = {"rest": "at rest", "exercise": "with exertion", "sleep": "during sleep"}[q.setting]
    if q.kind == "pao2":
        sat = f", SaO2 {q.sat:g}%" if q.sat is not None else ""
        return [
            f"ABG {d}: PaO2 {q.value:g} mm Hg{sat} on room air {where}",
            f"Arterial blood gas on room air ({d}) PaO2 {q.value:g}{sat}",
            f"PaO2 {q.value:g} mmHg RA {where} on {d}{sat}",
        ][style % 3]
    if q.setting == "sleep":
        mins = f", {q.minutes:g} min <= 88 %" if q.minutes is not None else ""
        return [
            f"Overnight oximetry {d} on room air: nadir {q.value:g}%{mins}",
            f"ONO ({d}, RA) lowest SpO2 {q.value:g}%{mins}",
            f"Nocturnal oximetry on RA {d}: SpO2 nadir {q.value:g}%{mins}",
        ][style % 3]
    return [
        f"SpO2 {q.value:g}% on room air {where} ({d})",
        f"Pulse oximetry {d}: {q.value:g}% RA {where}",
        f"O2 sat {q.value:g}% on RA {where}, tested {d}",
    ][style % 3]


def record_quote(part: DocPart, q: Qual, page: int | None = None) -> None:
    """Truth for a quoted qualifying result (a copy of the source measurement)."""
    if q.kind == "pao2":
        part.add("pao2", q.value, "rest", "room_air", "abg", q.date, page=page, quote_of=q.key)
        if q.sat is not None:
            part.add(
                "spo2", q.sat, "rest", "room_air", "abg", q.date, page=page, quote_of=q.sat_key
            )
        return
    part.add("spo2", q.value, q.setting, "room_air", "oximetry", q.date, page=page, quote_of=q.key)
    if q.setting == "sleep" and q.minutes is not None:
        part.add(
            "spo2",
            88,
            "sleep",
            "room_air",
            "oximetry",
            q.date,
            minutes=q.minutes,
            page=page,
            quote_of=q.minutes_key,
        )
