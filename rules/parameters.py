"""Thresholds and day windows as data (in the style of OpenFisca parameters).

Each parameter carries its value, unit, the clause it comes from and the policy
version it belongs to, so a threshold is changed in one place and every result
can say where its numbers came from. Evaluation code reads values from here; it
holds no numeric literals of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

MEDICARE_VERSION = (
    "Medicare NCD 240.2 (Home Use of Oxygen), version 2, effective 09/27/2021, with "
    "LCD L33797 (Oxygen and Oxygen Equipment), revision effective 01/01/2023, and policy "
    "article A52514 (Oxygen and Oxygen Equipment - Policy Article)"
)
"""Shown to users: public titles only. (A 2026 third-party "previous vs current" table for
this NCD is deliberately not applied; coverage-criteria.md §7 says why.)"""
CENTENE_VERSION = (
    "Centene clinical policy CP.MP.190 (Oxygen Use and Concentrators), date of last revision 01/22"
)


@dataclass(frozen=True)
class Parameter:
    """One threshold or window: value, unit, source clause and policy version."""

    name: str
    value: float
    unit: str
    reference: str
    version: str
    description: str


def _p(name: str, value: float, unit: str, reference: str, version: str, text: str) -> Parameter:
    return Parameter(name, value, unit, reference, version, text)


_MC = MEDICARE_VERSION
_CEN = CENTENE_VERSION
_BOTH = "both profiles"

# Shared blood-gas thresholds (spec §3.1).
PAO2_GROUP1_MAX = _p(
    "pao2_group1_max",
    55,
    "mmHg",
    "NCD 240.2 §B Group I; CP.MP.190 §I.B.1",
    _BOTH,
    "PaO2 at or below this qualifies at Group I level",
)
SAT_GROUP1_MAX = _p(
    "sat_group1_max",
    88,
    "%",
    "NCD 240.2 §B Group I; CP.MP.190 §I.B.1",
    _BOTH,
    "saturation at or below this qualifies at Group I level",
)
PAO2_GROUP2_MIN = _p(
    "pao2_group2_min",
    56,
    "mmHg",
    "NCD 240.2 §B Group II; CP.MP.190 §I.B.2.a",
    _BOTH,
    "lowest PaO2 of the Group II band",
)
PAO2_GROUP2_MAX = _p(
    "pao2_group2_max",
    59,
    "mmHg",
    "NCD 240.2 §B Group II; CP.MP.190 §I.B.2.a",
    _BOTH,
    "highest PaO2 of the Group II band",
)
SAT_GROUP2 = _p(
    "sat_group2",
    89,
    "%",
    "NCD 240.2 §B Group II ('89 percent'); CP.MP.190 §I.B.2.a ('89 percent or less')",
    _BOTH,
    "saturation of the Group II level",
)
PAO2_NORMOXEMIC_MIN = _p(
    "pao2_normoxemic_min",
    60,
    "mmHg",
    "LCD L33797 Group III [S]",
    _MC,
    "PaO2 at or above this is normoxemic (Group III test)",
)
SAT_NORMOXEMIC_MIN = _p(
    "sat_normoxemic_min",
    90,
    "%",
    "LCD L33797 Group III [S]",
    _MC,
    "saturation at or above this is normoxemic (Group III test)",
)
HEMATOCRIT_MIN_EXCLUSIVE = _p(
    "hematocrit_gt",
    56,
    "%",
    "NCD 240.2 §B Group II; CP.MP.190 §I.B.2.b",
    _BOTH,
    "hematocrit must be greater than this",
)
P_WAVE_MIN_EXCLUSIVE = _p(
    "p_wave_gt",
    3,
    "mm",
    "NCD 240.2 §B Group II; CP.MP.190 §I.B.2.b",
    _BOTH,
    "P wave in II, III or aVF must be greater than this",
)
SLEEP_DROP_PAO2_GT = _p(
    "sleep_drop_pao2_gt",
    10,
    "mmHg",
    "NCD 240.2 §B Group I; CP.MP.190 §I.B.1.c",
    _BOTH,
    "sleep fall in PaO2 must be more than this",
)
SLEEP_DROP_SAT_GT = _p(
    "sleep_drop_sat_gt",
    5,
    "percentage points",
    "NCD 240.2 §B Group I; CP.MP.190 §I.B.1.c ([I] points, not relative)",
    _BOTH,
    "sleep fall in saturation must be more than this",
)
SLEEP_MIN_MINUTES = _p(
    "sleep_min_minutes",
    5,
    "minutes",
    "CP.MP.190 §I.B.1.b-c; Medicare [U] (CMS HOT template)",
    _BOTH,
    "cumulative minutes at or below the value",
)
INPATIENT_MAX_DAYS = _p(
    "inpatient_max_days",
    2,
    "days",
    "NCD 240.2 §B time of need; CP.MP.190 §I.D.1",
    _BOTH,
    "test at most this many days before discharge",
)
FLOW_PAYMENT_LPM = _p(
    "flow_payment_lpm",
    4,
    "L/min",
    "pre-2023 LCD L33797 (Noridian 2013) [S]",
    _MC,
    "prescribed flow above this needs a qualifying test on this flow",
)
# Medicare continued coverage (spec §3.2).
RETEST_MIN_DAYS = _p(
    "retest_min_days",
    61,
    "days",
    "LCD L33797 continued coverage [S]; '61st day' read as start + 61 [I]",
    _MC,
    "earliest retest day after start",
)
RETEST_MAX_DAYS = _p(
    "retest_max_days",
    90,
    "days",
    "LCD L33797 continued coverage [S]",
    _MC,
    "latest retest day after start",
)
# Centene.
ADULT_AGE = _p(
    "adult_age",
    21,
    "years",
    "CP.MP.190 §I, §II",
    _CEN,
    "members this age or older follow the adult criteria",
)
PEDS_PAO2_LT = _p(
    "peds_pao2_lt",
    80,
    "mmHg",
    "CP.MP.190 §II.B.1",
    _CEN,
    "baseline PaO2 below this qualifies (<21)",
)
PEDS_SAT_LT = _p(
    "peds_sat_lt",
    92,
    "%",
    "CP.MP.190 §II.B.2",
    _CEN,
    "baseline saturation below this qualifies (<21)",
)
REAUTH_ADULT_EVAL_DAYS = _p(
    "reauth_adult_eval_days",
    90,
    "days",
    "CP.MP.190 §III.A",
    _CEN,
    "evaluation at most this many days before recertification",
)
REAUTH_ADULT_G1_TEST_DAYS = _p(
    "reauth_adult_g1_test_days",
    90,
    "days",
    "CP.MP.190 §III.A.3.a ('within' read as before [I])",
    _CEN,
    "Group 1 retest at most this many days before recertification",
)
REAUTH_ADULT_G2_TEST_DAYS = _p(
    "reauth_adult_g2_test_days",
    30,
    "days",
    "CP.MP.190 §III.A.3.b",
    _CEN,
    "Group 2 retest at most this many days before recert",
)
REAUTH_ADULT_NOCTURNAL_AUTHS = _p(
    "reauth_adult_nocturnal_auths",
    2,
    "authorizations",
    "CP.MP.190 §III.A.2",
    _CEN,
    "prior authorizations for the nocturnal path",
)
REAUTH_PEDS_EVAL_DAYS = _p(
    "reauth_peds_eval_days",
    30,
    "days",
    "CP.MP.190 §IV.A",
    _CEN,
    "evaluation at most this many days before recertification (<21)",
)
REAUTH_PEDS_TEST_DAYS = _p(
    "reauth_peds_test_days",
    30,
    "days",
    "CP.MP.190 §IV.B.1.a",
    _CEN,
    "retest at most this many days before recertification (<21)",
)
CH_MIN_ATTACKS = _p(
    "ch_min_attacks", 5, "attacks", "CP.MP.190 §VI", _CEN, "severe unilateral attacks needed"
)
CH_MIN_DURATION = _p(
    "ch_min_duration", 15, "minutes", "CP.MP.190 §VI", _CEN, "shortest typical untreated attack"
)
CH_MAX_DURATION = _p(
    "ch_max_duration", 180, "minutes", "CP.MP.190 §VI", _CEN, "longest typical untreated attack"
)

ALL_PARAMETERS: tuple[Parameter, ...] = tuple(
    value for value in globals().values() if isinstance(value, Parameter)
)
