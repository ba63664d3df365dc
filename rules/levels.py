"""Classifying one room-air value against the blood-gas thresholds (spec §3.1, §3.3)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rules import parameters as P
from rules.common import TestCheck
from rules.facts import OxygenTest

Level = Literal["I", "gap_I_II", "II", "gap_II_none", "none"]
SEVERITY: dict[Level, int] = {"I": 4, "gap_I_II": 3, "II": 2, "gap_II_none": 1, "none": 0}
QUALIFYING_LEVELS: tuple[Level, ...] = ("I", "gap_I_II", "II", "gap_II_none")


def adult_level(test: OxygenTest) -> Level | None:
    """Group level of a value; decimals between two thresholds are gaps (VALUE-GAP)."""
    if test.value is None or test.kind is None:
        return None
    v = float(test.value)
    if test.kind == "pao2":
        g1, g2_lo, g2_hi, normal = (
            P.PAO2_GROUP1_MAX.value,
            P.PAO2_GROUP2_MIN.value,
            P.PAO2_GROUP2_MAX.value,
            P.PAO2_NORMOXEMIC_MIN.value,
        )
    else:
        g1, g2_lo, g2_hi, normal = (
            P.SAT_GROUP1_MAX.value,
            P.SAT_GROUP2.value,
            P.SAT_GROUP2.value,
            P.SAT_NORMOXEMIC_MIN.value,
        )
    if v <= g1:
        return "I"
    if v < g2_lo:
        return "gap_I_II"
    if v <= g2_hi:
        return "II"
    if v < normal:
        return "gap_II_none"
    return "none"


def is_normoxemic(test: OxygenTest) -> bool:
    return adult_level(test) == "none"


def peds_qualifies(test: OxygenTest) -> bool | None:
    """Centene <21: baseline PaO2 below 80 or saturation below 92 (§II.B)."""
    if test.value is None or test.kind is None:
        return None
    limit = P.PEDS_PAO2_LT.value if test.kind == "pao2" else P.PEDS_SAT_LT.value
    return float(test.value) < limit


def best_level(checks: Sequence[TestCheck]) -> Level:
    levels = [lv for c in checks if (lv := adult_level(c.test)) is not None]
    return max(levels, key=SEVERITY.__getitem__, default="none")


def abg_and_oximetry_disagree(checks: Sequence[TestCheck]) -> bool:
    """Within one setting: do blood-gas values and oximetry values give different levels?"""
    abg = [c for c in checks if c.test.is_abg]
    oxi = [c for c in checks if not c.test.is_abg]
    return bool(abg) and bool(oxi) and best_level(abg) != best_level(oxi)


def group_of(level: Level) -> Literal["I", "II"] | None:
    return "I" if level == "I" else "II" if level == "II" else None
