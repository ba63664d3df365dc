"""Every rule ID the engine can report, with its source clause and a plain-English line.

The IDs and clauses are those of the specification (§4–§5). `[I]` marks an
interpretation the sources do not state, `[S]` a secondary source, `[U]` a text
that could not be verified; intake staff see these markers in the window.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleInfo:
    id: str
    citation: str
    summary: str


def _catalogue(*rows: tuple[str, str, str]) -> dict[str, RuleInfo]:
    return {rid: RuleInfo(rid, citation, summary) for rid, citation, summary in rows}


MEDICARE_RULES = _catalogue(
    ("MC-TEST-PRESENT", "NCD 240.2 §B", "At least one blood-oxygen test must be on file."),
    (
        "MC-ROOM-AIR",
        "NCD 240.2 §B Group I",
        "Qualifying values must be measured while breathing room air.",
    ),
    (
        "MC-PERFORMER-QUALIFIED",
        "NCD 240.2 §B; LCD L33797 [S]",
        "The test must be done by a physician, hospital lab, independent lab or IDTF, "
        "not by the oxygen (DME) supplier.",
    ),
    (
        "MC-TEST-EVALUATED",
        "NCD 240.2 §B; CGS DME MAC 07/2024 [S]",
        "The treating practitioner must have ordered and evaluated the qualifying test.",
    ),
    (
        "MC-TIMING-INPATIENT",
        "NCD 240.2 §B time of need [S]; LCD L33797 [S]",
        "A test taken in hospital must be within 2 days before discharge.",
    ),
    (
        "MC-TIMING-OUTPATIENT",
        "NCD 240.2 §B [S]; LCD L33797 time of need [S]",
        "An outpatient test must be taken at the time of need (while symptoms are present).",
    ),
    (
        "MC-ABG-PREFERRED",
        "NCD 240.2 §B",
        "When blood gas and oximetry disagree, the blood gas result is used.",
    ),
    (
        "MC-G1-REST",
        "NCD 240.2 §B Group I",
        "Group I at rest: PaO2 55 mmHg or less, or saturation 88% or less, on room air.",
    ),
    (
        "MC-G1-SLEEP",
        "NCD 240.2 §B Group I",
        "Group I during sleep: PaO2 55 or less, or saturation 88% or less; covers sleep use only.",
    ),
    (
        "MC-G1-SLEEP-DROP",
        "NCD 240.2 §B Group I",
        "Group I sleep drop: PaO2 falls more than 10 mmHg or saturation more than 5 points, "
        "with symptoms or signs of hypoxemia.",
    ),
    (
        "MC-SLEEP-DURATION",
        "[U] CMS home oxygen template (5 minutes aggregate); pre-2023 LCD",
        "A sleep result should last at least 5 minutes in total; otherwise a person reviews it.",
    ),
    (
        "MC-G1-EXERCISE",
        "NCD 240.2 §B Group I; LCD L33797 [S]",
        "Group I during exercise: PaO2 55 or less, or saturation 88% or less, on room air.",
    ),
    (
        "MC-EXERCISE-IMPROVEMENT",
        "NCD 240.2 §B Group I ('if the use of oxygen improves') [I]",
        "Oxygen must be shown to improve the low exercise reading.",
    ),
    (
        "MC-EXERCISE-3-TESTS",
        "LCD L33797 testing specifications [S]",
        "Exercise testing needs three readings in one session: rest on room air, exercise on "
        "room air, exercise on oxygen.",
    ),
    (
        "MC-EXERCISE-SUPERVISED",
        "LCD L33797 [S]",
        "Unsupervised or remotely supervised home exercise testing does not qualify.",
    ),
    (
        "MC-G2-LEVEL",
        "NCD 240.2 §B Group II; LCD L33797 [S]",
        "Group II level: PaO2 56-59 mmHg or saturation 89%.",
    ),
    (
        "MC-G2-SECONDARY",
        "NCD 240.2 §B Group II",
        "Group II also needs dependent edema, pulmonary hypertension/cor pulmonale, "
        "P pulmonale (P wave > 3 mm) or hematocrit above 56%.",
    ),
    (
        "MC-G3-CONDITION",
        "NCD 240.2 §D; LCD L33797 Group III [S]",
        "Group III: a non-hypoxemic condition shown to improve with oxygen (e.g. cluster "
        "headache) with a normal room-air test.",
    ),
    (
        "MC-NONCOVERED",
        "NCD 240.2 §C; LCD L33797 Group IV [S]",
        "Oxygen is not covered for angina, breathlessness, severe PVD or terminal illness "
        "without hypoxemia.",
    ),
    (
        "MC-MEASUREMENT-VARIATION",
        "NCD 240.2 §B; LCD L33797 NOTE [S]",
        "The record notes measurement variation (age, skin pigmentation, altitude, low "
        "oxygen-carrying capacity): a person must weigh it.",
    ),
    (
        "VALUE-GAP",
        "[I] no source addresses values between two thresholds",
        "A decimal value between two thresholds is not addressed by any source.",
    ),
    (
        "MC-PORTABLE-MOBILE",
        "LCD L33797 [S]; NCD 240.2 §D",
        "Portable oxygen needs the patient to be mobile within the home.",
    ),
    (
        "MC-PORTABLE-NOT-SLEEP-ONLY",
        "NCD 240.2 §B Group I; LCD L33797 [S]",
        "Portable oxygen needs a qualifying test at rest or during exercise, not sleep only.",
    ),
    (
        "MC-EXERCISE-ONLY-NO-STATIONARY",
        "LCD L33797 [S]; applying it to stationary is [I]",
        "A patient who qualifies only during exercise is covered for portable, not stationary, "
        "oxygen.",
    ),
    (
        "MC-FLOW-GT4",
        "pre-2023 LCD L33797 [S]; current text [U]",
        "Payment above 4 L/min needs a qualifying test while on 4 L/min; never changes the "
        "decision.",
    ),
    (
        "MC-REAUTH-G1",
        "[U] LCD L33797 continued coverage for Group I not retrieved",
        "Group I continued coverage: the current text was not verified; a person reviews it.",
    ),
    (
        "MC-REAUTH-G2-RETEST",
        "LCD L33797 continued coverage [S: Noridian]",
        "Group II continued coverage needs a qualifying retest on day 61-90 after oxygen started.",
    ),
    (
        "MC-REAUTH-G3-RETEST",
        "LCD L33797 continued coverage [S: Noridian]",
        "Group III continued coverage needs a normal room-air retest on day 61-90.",
    ),
    (
        "MC-REAUTH-SWO",
        "LCD L33797 continued coverage [S: Noridian]",
        "Continued coverage needs a new standard written order after the retest.",
    ),
)

CENTENE_RULES = _catalogue(
    (
        "CEN-AGE-KNOWN",
        "CP.MP.190 §I, §II",
        "The member's age decides adult (21 and over) or pediatric criteria.",
    ),
    ("CEN-ROUTE-ADULT", "CP.MP.190 §I", "Adult criteria apply (21 or older)."),
    ("CEN-ROUTE-PEDS", "CP.MP.190 §II", "Pediatric criteria apply (under 21)."),
    ("CEN-TEST-PRESENT", "CP.MP.190 §I.B", "At least one room-air blood-oxygen test is needed."),
    (
        "CEN-DOCUMENTED-DISEASE",
        "CP.MP.190 §I.A, §II.A",
        "The physician documents severe lung disease or hypoxia symptoms expected to improve "
        "with oxygen.",
    ),
    (
        "CEN-G1-REST",
        "CP.MP.190 §I.B.1.a",
        "Group I at rest: PaO2 55 mmHg or less, or saturation 88% or less.",
    ),
    (
        "CEN-G1-SLEEP",
        "CP.MP.190 §I.B.1.b",
        "Group I during sleep: PaO2 55 or less, or saturation 88% or less, for at least 5 minutes.",
    ),
    (
        "CEN-G1-SLEEP-DROP",
        "CP.MP.190 §I.B.1.c",
        "Group I sleep drop: fall of more than 10 mmHg or 5 points for 5 minutes, with symptoms "
        "or signs of hypoxemia.",
    ),
    (
        "CEN-SLEEP-5MIN",
        "CP.MP.190 §I.B.1.b-c, §I.B.2.a",
        "A sleep result must last at least 5 minutes.",
    ),
    (
        "CEN-G1-EXERCISE",
        "CP.MP.190 §I.B.1.d",
        "Group I during exercise: PaO2 55 or less, or saturation 88% or less, with a resting "
        "value of 56/89 or more.",
    ),
    (
        "CEN-EXERCISE-IMPROVEMENT",
        "CP.MP.190 §I.B.1.d",
        "It must be documented that oxygen improves the exercise hypoxemia.",
    ),
    ("CEN-G2-LEVEL", "CP.MP.190 §I.B.2.a", "Group II level: PaO2 56-59 mmHg or saturation 89%."),
    (
        "CEN-G2-SECONDARY",
        "CP.MP.190 §I.B.2.b",
        "Group II also needs dependent edema, pulmonary hypertension/cor pulmonale, "
        "P pulmonale (P wave > 3 mm) or hematocrit above 56%.",
    ),
    (
        "CEN-PERFORMER-QUALIFIED",
        "CP.MP.190 §I.C; DME exclusion [I]",
        "The test must be done by a physician or a qualified laboratory, not the DME supplier.",
    ),
    (
        "CEN-TIMING-INPATIENT",
        "CP.MP.190 §I.D.1",
        "An inpatient test must be the one closest to discharge and no earlier than 2 days "
        "before it.",
    ),
    (
        "CEN-STABLE-STATE",
        "CP.MP.190 §I.D.2",
        "An outpatient test must be taken in a chronic stable state, not during an acute illness.",
    ),
    (
        "CEN-ALTERNATIVES",
        "CP.MP.190 §I.E",
        "Alternative treatments must have been tried or considered and found ineffective.",
    ),
    (
        "CEN-ABG-CONFLICT-REVIEW",
        "[I] CP.MP.190 is silent (NCD 240.2 §B prefers the blood gas)",
        "Blood gas and oximetry disagree and the policy does not say which wins: a person decides.",
    ),
    (
        "CEN-PORTABLE-MOBILE",
        "CP.MP.190 §I.F.1",
        "Portable oxygen needs the member to be mobile within the home or community.",
    ),
    (
        "CEN-PORTABLE-NOT-SLEEP-ONLY",
        "CP.MP.190 §I.F.2",
        "Portable oxygen is denied when the only qualifying test was during sleep.",
    ),
    (
        "CEN-EXERCISE-ONLY-NO-STATIONARY",
        "[I] as LCD L33797 for Medicare; CP.MP.190 is silent",
        "A member who qualifies only during exercise is covered for portable, not stationary, "
        "oxygen.",
    ),
    (
        "CEN-NOT-MED-NEC",
        "CP.MP.190 §V.A-D",
        "Not medically necessary for angina, breathlessness or severe PVD without hypoxemia, or "
        "pediatric dyspnea without hypoxemia.",
    ),
    (
        "VALUE-GAP",
        "[I] no source addresses values between two thresholds",
        "A decimal value between two thresholds is not addressed by any source.",
    ),
    (
        "CEN-PEDS-LAB",
        "CP.MP.190 §II.B.1-2",
        "Under 21: baseline PaO2 below 80 mmHg or saturation below 92%.",
    ),
    (
        "CEN-PEDS-LAB-TIME-BELOW-92",
        "CP.MP.190 §II.B.3 (no threshold given)",
        "Time with saturation below 92% from validated desaturations: the policy sets no figure, "
        "a person decides.",
    ),
    (
        "CEN-PEDS-PORTABLE",
        "CP.MP.190 §II.C",
        "Portable oxygen needs the member to be mobile within the home or community.",
    ),
    (
        "CEN-REAUTH-ADULT-EVAL",
        "CP.MP.190 §III.A",
        "Evaluation by the treating physician within 90 days before recertification.",
    ),
    (
        "CEN-REAUTH-ADULT-LOMN",
        "CP.MP.190 §III.A.1",
        "A letter of medical necessity says the hypoxemia will not improve or will worsen.",
    ),
    (
        "CEN-REAUTH-ADULT-NOCTURNAL-2AUTH",
        "CP.MP.190 §III.A.2",
        "Nocturnal Group I hypoxemia with 2 oxygen requests already authorized.",
    ),
    (
        "CEN-REAUTH-ADULT-G1-TEST-90",
        "CP.MP.190 §III.A.3.a",
        "A new Group I test within 90 days before recertification.",
    ),
    (
        "CEN-REAUTH-ADULT-G2-TEST-30",
        "CP.MP.190 §III.A.3.b",
        "A new Group II test (with a secondary finding) within 30 days before recertification.",
    ),
    (
        "CEN-REAUTH-ADULT-PERFORMER",
        "CP.MP.190 §III.A.3.a; hospital/independent lab [I]",
        "The new test must be done by the physician/designee or an IDTF; DME-obtained levels do "
        "not qualify.",
    ),
    (
        "CEN-REAUTH-ADULT-PORTABLE",
        "CP.MP.190 §III.B",
        "Portable: mobile within home or community, and the qualifying test at rest or exercise.",
    ),
    (
        "CEN-REAUTH-ADULT-NEW-TEST",
        "CP.MP.190 §III.A.3",
        "A new test that meets neither the Group I nor the Group II level.",
    ),
    (
        "CEN-REAUTH-PEDS-EVAL",
        "CP.MP.190 §IV.A",
        "Evaluation by the treating physician within 30 days before recertification.",
    ),
    (
        "CEN-REAUTH-PEDS-TEST-30",
        "CP.MP.190 §IV.B.1",
        "A new test meeting the under-21 criteria within 30 days before recertification.",
    ),
    (
        "CEN-REAUTH-PEDS-PERFORMER",
        "CP.MP.190 §IV.B.1.b",
        "The new test must be done by the physician/designee or an IDTF; a DME company only if "
        "it is also the home oxygen provider.",
    ),
    (
        "CEN-REAUTH-PEDS-LOMN",
        "CP.MP.190 §IV.B.2",
        "A letter of medical necessity says the hypoxemia will not improve or will worsen.",
    ),
    (
        "CEN-REAUTH-PEDS-PORTABLE",
        "CP.MP.190 §IV.C",
        "Portable oxygen needs the member to be mobile within the home or community.",
    ),
    (
        "CEN-REAUTH-PEDS-NEW-TEST",
        "CP.MP.190 §IV.B.1",
        "A new test that does not meet the under-21 criteria.",
    ),
    (
        "CEN-CH-ADULT",
        "CP.MP.190 §VI",
        "Cluster headache oxygen is covered for members 21 or older.",
    ),
    ("CEN-CH-DIAGNOSIS", "CP.MP.190 §VI.A", "A diagnosis of cluster headache."),
    (
        "CEN-CH-TRIAL",
        "CP.MP.190 §VI (NCD 240.2.2, retired 2021)",
        "Enrolment in a CMS-approved clinical trial is required.",
    ),
    (
        "CEN-CH-ATTACKS",
        "CP.MP.190 §VI",
        "At least 5 severe one-sided attacks lasting 15-180 minutes untreated.",
    ),
    (
        "CEN-CH-FEATURES",
        "CP.MP.190 §VI.1-6",
        "At least one same-side feature: eye redness/tearing, nasal congestion, eyelid swelling, "
        "sweating, small pupil/droopy lid, or restlessness.",
    ),
)

CATALOGUES: dict[str, dict[str, RuleInfo]] = {"medicare": MEDICARE_RULES, "centene": CENTENE_RULES}
