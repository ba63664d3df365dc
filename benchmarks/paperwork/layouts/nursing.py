"""Home-health nursing visit notes: vitals flow sheet, check-box assessment form, narrative.

Traps built in: one row per date/time with SpO2 | O2 device | O2 flow, rows on room air and on
oxygen, "with exertion" rows, edema check boxes (none vs 1+ ...), values the nurse did not
observe ("per patient report"), instructions with thresholds.
"""

from __future__ import annotations

import datetime as dt
import random

from .. import marks, synth
from ..case import Case
from ..clinical import distribute, lower_first
from ..page import Page
from ..part import Builder, DocPart
from ..table import draw_table
from .common import letterhead, set_patient


def _header(pg: Page, case: Case, title: str, visit: dt.datetime, font: str) -> float:
    pt = case.patient
    y = letterhead(pg, case.home_health, 38, font, sub="Medicare-certified home health agency")
    pg.text(40, y, title, font + "-b", 12)
    y += 14
    rows = [
        [
            f"Patient: {pt.last_first_mixed}",
            f"DOB: {synth.fmt_date(pt.dob, 'us')}",
            f"Visit date: {synth.fmt_date(visit.date(), 'us')}",
        ],
        [
            f"Episode: {synth.fmt_date(visit.date() - dt.timedelta(days=20), 'us2')} - "
            f"{synth.fmt_date(visit.date() + dt.timedelta(days=40), 'us2')}",
            f"Time in/out: {synth.fmt_time(visit)} / "
            f"{synth.fmt_time(visit + dt.timedelta(minutes=50))}",
            f"MD: {case.physician.signed}",
        ],
    ]
    return (
        draw_table(pg, 40, y, [190, 170, 172], rows, font=font, size=8.5, ruled="none").bottom + 14
    )


def _edema_boxes(
    pg: Page, rng: random.Random, x: float, y: float, case: Case, part: DocPart, font: str
) -> float:
    """Edema: [] none [x] 1+ ... ; the truth follows the marked box."""
    st = case.findings.get("dependent_edema")
    grade = None
    if st == "affirmed":
        grade = rng.choice(["1+", "2+", "3+"])
        part.facts.finding("dependent_edema", "affirmed")
    elif st in (None, "negated"):
        part.facts.finding("dependent_edema", "negated")
    pg.text(x, y, "Edema:", font + "-b", 8.5)
    xx = x + 42
    glyph = rng.random() < 0.5
    for opt in ("none", "trace", "1+", "2+", "3+", "4+"):
        on = (opt == grade) or (opt == "none" and st in (None, "negated"))
        if st not in (None, "negated", "affirmed"):
            on = False
        if glyph:
            xx += pg.text(xx, y, ("☒ " if on else "☐ ") + opt, "sans", 8.5) + 8
        else:
            marks.checkbox(pg, rng, xx, y - 7, 7.5, rng.choice(["x", "tick"]) if on else None)
            xx += pg.text(xx + 10, y, opt, font, 8.5) + 18
    if grade:
        pg.text(xx + 6, y, "Location:", font, 8.5)
        marks.hand(pg, rng, xx + 46, y, rng.choice(["BLE", "bilat ankles", "pedal"]), 10)
    part.hard.append("edema given by a marked check box")
    return y + 14


def hh_flowsheet(rng: random.Random, case: Case, j: int) -> DocPart:
    """Visit note with a vitals flow sheet of several visits (rows per date/time)."""
    part = DocPart("nursing_visit_note", "hh_vitals_flowsheet")
    set_patient(part, case)
    font = "helv"
    visit = synth.at(case.anchor, rng, 9, 15)
    pg = part.new_page()
    y = _header(pg, case, "SKILLED NURSING VISIT NOTE", visit, font)
    pg.text(40, y, "VITAL SIGNS FLOW SHEET (this episode)", font + "-b", 9.5)
    y += 4
    f = case.flow if case.flow >= 1 else 0.5
    rows = []
    days = sorted({case.anchor - dt.timedelta(days=d) for d in (14, 10, 7, 3)} | {case.anchor})
    for i, d in enumerate(days):
        t = visit if d == case.anchor else synth.at(d, rng, 9, 15)
        kind = (
            rng.choice(["ra", "o2", "o2"]) if i < len(days) - 1 else ("ra" if j % 2 == 0 else "o2")
        )
        activity = "at rest"
        if i == len(days) - 2 and j % 3 == 0:
            activity = "after ambulating 40 ft"
        sp = rng.randint(85, 91) if kind == "ra" else rng.randint(90, 97)
        if activity != "at rest":
            sp -= rng.randint(2, 4)
        rows.append(
            [
                synth.fmt_date(d, "us_short2"),
                synth.fmt_time(t),
                f"{rng.uniform(97.1, 99.4):.1f}",
                str(rng.randint(66, 104)),
                str(rng.randint(14, 24)),
                f"{rng.randint(104, 160)}/{rng.randint(58, 92)}",
                f"{sp}",
                "RA" if kind == "ra" else "NC",
                "" if kind == "ra" else f"{f:g}",
                activity,
            ]
        )
        part.add(
            "spo2",
            sp,
            "exercise" if activity != "at rest" else "rest",
            "room_air" if kind == "ra" else "supplemental",
            "oximetry",
            d,
            flow=None if kind == "ra" else f,
        )
    y = (
        draw_table(
            pg,
            40,
            y,
            [44, 36, 36, 30, 28, 50, 38, 44, 44, 182],
            rows,
            header=[
                "Date",
                "Time",
                "Temp",
                "HR",
                "RR",
                "BP",
                "SpO2\n%",
                "O2\ndevice",
                "O2 flow\nL/min",
                "Activity",
            ],
            font=font,
            size=8,
            ruled="grid",
            aligns=["left"] * 6 + ["center"] * 3 + ["left"],
        ).bottom
        + 12
    )
    part.hard.append("flow sheet rows with their own dates and oxygen state")
    part.hard_if(j % 3 == 0, "one row after ambulation (exertion)")
    pg.text(40, y, "ASSESSMENT", font + "-b", 9.5)
    y += 14
    y = _edema_boxes(pg, rng, 40, y, case, part, font)
    sec = distribute(rng, case, part.facts)
    pg.text(40, y, "Lung sounds:", font + "-b", 8.5)
    pg.text(104, y, "diminished bases, scattered wheeze", font, 8.5)
    y += 14
    pg.text(
        40,
        y,
        f"Oxygen: {f:g} L/min via NC, {rng.choice(['continuous', 'with exertion and sleep'])}."
        f" Concentrator and portable tanks in home from {case.supplier.name}.",
        font,
        8.5,
    )
    y += 20
    pg.text(40, y, "NARRATIVE", font + "-b", 9.5)
    y += 12
    nar = (
        f"SN visit for {lower_first(case.dx[0][1])} management and oxygen safety. "
        "Pt reports using O2 "
        "most of the day. Reviewed pursed-lip breathing and energy conservation. "
    )
    nar += " ".join(s + "." for s in sec["data"] + sec["assessment"] + sec["pmh"] + sec["fh"])
    nar += (
        " Instructed to call MD if SpO2 stays below 88% on prescribed O2 or weight gain > 3 lb "
        "in 2 days."
    )
    nar += " " + " ".join(s + "." for s in sec["plan"])
    y = pg.para(40, y, 530, nar.replace("  ", " "), font, 9) + 6
    part.hard.append("instruction with a threshold (not a result)")
    pg.text(40, y + 20, "Clinician:", font, 8.5)
    marks.signature(pg, rng, 92, y + 20, 90)
    pg.text(
        200,
        y + 20,
        f"{rng.choice(['A. Moreno', 'J. Fitch', 'P. Ng'])}, RN   Date signed: "
        f"{synth.fmt_date(case.anchor + dt.timedelta(days=rng.randint(0, 3)), 'us')}",
        font,
        8.5,
    )
    return part


def hh_assessment(rng: random.Random, case: Case, j: int) -> DocPart:
    """Check-box assessment form with SpO2 blanks (rest / exertion, RA or on O2)."""
    part = DocPart("nursing_visit_note", "hh_assessment_checkboxes")
    set_patient(part, case)
    font = "sans"
    visit = synth.at(case.anchor, rng, 9, 15)
    pg = part.new_page()
    y = _header(pg, case, "HOME HEALTH ASSESSMENT - RESPIRATORY / CARDIAC", visit, font)
    f = case.flow if case.flow >= 1 else 0.5

    def boxes(x: float, y: float, label: str, opts: list[str], chosen: set[str]) -> float:
        pg.text(x, y, label, font + "-b", 8.5)
        xx = x + 110
        for o in opts:
            marks.checkbox(
                pg, rng, xx, y - 7, 7.5, rng.choice(["x", "tick"]) if o in chosen else None
            )
            xx += pg.text(xx + 10, y, o, font, 8.5) + 18
        return y + 15

    pg.rect(36, y, 540, 18, 0, fill=(0.88, 0.88, 0.88), stroke=False)
    pg.text(40, y + 12, "RESPIRATORY", font + "-b", 9.5)
    y += 30
    y = boxes(
        40,
        y,
        "Breath sounds:",
        ["clear", "diminished", "wheeze", "crackles"],
        {"diminished", rng.choice(["wheeze", "crackles"])},
    )
    y = boxes(
        40, y, "Dyspnea:", ["none", "with exertion", "at rest", "orthopnea"], {"with exertion"}
    )
    y = boxes(
        40,
        y,
        "Oxygen use:",
        ["none", "continuous", "nocturnal", "with exertion", "PRN"],
        {rng.choice(["continuous", "nocturnal", "with exertion"])},
    )
    pg.text(40, y, "O2 flow:", font + "-b", 8.5)
    marks.hand(pg, rng, 150, y, f"{f:g}", 11)
    pg.text(172, y, "L/min via", font, 8.5)
    marks.checkbox(pg, rng, 215, y - 7, 7.5, "x")
    pg.text(225, y, "NC", font, 8.5)
    marks.checkbox(pg, rng, 250, y - 7, 7.5, None)
    pg.text(260, y, "mask", font, 8.5)
    y += 20
    rest_ra = j % 2 == 0
    r = rng.randint(86, 91) if rest_ra else rng.randint(91, 96)
    e = rng.randint(82, 88) if rest_ra else rng.randint(86, 92)
    pg.text(40, y, "SpO2 at rest:", font + "-b", 8.5)
    marks.hand(pg, rng, 150, y, str(r), 11)
    pg.text(170, y, "%", font, 8.5)
    x = 200.0
    for o in ("RA", "on O2"):
        marks.checkbox(pg, rng, x, y - 7, 7.5, "x" if (o == "RA") == rest_ra else None)
        x += pg.text(x + 10, y, o, font, 8.5) + 18
    y += 16
    pg.text(40, y, "SpO2 with exertion:", font + "-b", 8.5)
    marks.hand(pg, rng, 150, y, str(e), 11)
    pg.text(170, y, "%", font, 8.5)
    x = 200.0
    ex_ra = rest_ra and j % 4 == 0
    for o in ("RA", "on O2"):
        marks.checkbox(pg, rng, x, y - 7, 7.5, "x" if (o == "RA") == ex_ra else None)
        x += pg.text(x + 10, y, o, font, 8.5) + 18
    pg.text(x + 10, y, "activity:", font, 8.5)
    marks.hand(pg, rng, x + 52, y, "walked to kitchen & back", 10)
    y += 22
    day = case.anchor
    part.add(
        "spo2",
        r,
        "rest",
        "room_air" if rest_ra else "supplemental",
        "oximetry",
        day,
        flow=None if rest_ra else f,
    )
    part.add(
        "spo2",
        e,
        "exercise",
        "room_air" if ex_ra else "supplemental",
        "oximetry",
        day,
        flow=None if ex_ra else f,
    )
    part.hard.append("oxygen state given by a check box beside the value")
    part.hard.append("flow written once for both values")
    pg.rect(36, y, 540, 18, 0, fill=(0.88, 0.88, 0.88), stroke=False)
    pg.text(40, y + 12, "CARDIOVASCULAR", font + "-b", 9.5)
    y += 30
    y = _edema_boxes(pg, rng, 40, y, case, part, font)
    y = boxes(40, y, "JVD:", ["absent", "present"], {rng.choice(["absent", "present"])})
    y = boxes(40, y, "Heart rhythm:", ["regular", "irregular"], {"regular"})
    sec = distribute(rng, case, part.facts)
    y += 6
    pg.text(40, y, "Comments / coordination:", font + "-b", 8.5)
    y += 13
    comments = [
        s + "." for s in sec["data"] + sec["assessment"] + sec["pmh"] + sec["fh"] + sec["plan"]
    ]
    comments.append(
        f"Weight {case.patient.weight_lb} lb (up 1 lb). Reported to {case.physician.signed}."
    )
    for c in comments:
        y = pg.para(40, y, 530, c, font, 8.5)
    pg.text(40, y + 26, "RN signature:", font, 8.5)
    marks.signature(pg, rng, 108, y + 26, 100)
    pg.text(240, y + 26, f"Date: {synth.fmt_date(day, 'us')}", font, 8.5)
    return part


def hh_narrative(rng: random.Random, case: Case, j: int) -> DocPart:
    """Narrative visit note: observed values vs values the patient reports, negations."""
    part = DocPart("nursing_visit_note", "hh_narrative_note")
    set_patient(part, case)
    pt = case.patient
    font = "times"
    visit = synth.at(case.anchor, rng, 9, 15)
    pg = part.new_page()
    y = _header(pg, case, "HOME VISIT - NURSING NOTE", visit, font)
    f = case.flow if case.flow >= 1 else 0.5
    sec = distribute(rng, case, part.facts)
    on = rng.randint(92, 97)
    off = rng.randint(84, 89)
    amb = rng.randint(85, 92)
    reported = rng.randint(80, 86)
    day = case.anchor
    paras = [
        f'S: Pt states "my oxygen reading was {reported} last night" on {pt.his} home oximeter; '
        "not observed by this nurse. Denies chest pain.",
        f"O: Pt found sitting in recliner on {f:g} L NC, SpO2 {on}%. O2 removed for 5 minutes at "
        f"rest with pt's permission; SpO2 {off}% on room air, O2 resumed. "
        "Pt ambulated 30 ft to the "
        f"bathroom on {f:g} L with SpO2 {amb}%. Lungs diminished bilaterally.",
    ]
    part.add("spo2", on, "rest", "supplemental", "oximetry", day, flow=f)
    part.add("spo2", off, "rest", "room_air", "oximetry", day)
    part.add("spo2", amb, "exercise", "supplemental", "oximetry", day, flow=f)
    part.add(
        "spo2",
        reported,
        "sleep",
        None,
        "oximetry",
        day - dt.timedelta(days=1),
        optional=True,
        accept={"setting": [None, "rest"], "date": [None]},
    )
    part.hard.append("a value the patient reports (not observed)")
    ed = sec["exam"]
    paras.append(
        "Extremities: "
        + (", ".join(ed) if ed else "skin warm and dry")
        + ". "
        + " ".join(s + "." for s in sec["data"] + sec["assessment"])
    )
    paras.append(
        "Medication reconciliation completed; inhaler technique reviewed and correct. "
        "Home safety: no smoking in the home, tubing secured, concentrator 6 ft from walls."
    )
    paras.append(
        "A: Chronic hypoxemia, stable on prescribed oxygen. "
        + " ".join(s + "." for s in sec["pmh"] + sec["fh"])
    )
    paras.append(
        "P: Continue O2 as ordered. Call MD if SpO2 < 88% on O2 or increased dyspnea. "
        + " ".join(s + "." for s in sec["plan"])
        + f" Next visit {synth.fmt_date(day + dt.timedelta(days=7), 'us_short')}."
    )
    for ptxt in paras:
        y = pg.para(40, y, 530, ptxt.replace("  ", " ").strip(), font, 10, 13) + 8
    pg.text(40, y + 20, f"{rng.choice(['K. Varga', 'L. Obi', 'S. Haddad'])}, RN", font, 9)
    marks.signature(pg, rng, 150, y + 20, 90)
    part.hard.append("oxygen on and off within one paragraph")
    return part


LAYOUTS: dict[str, Builder] = {
    "hh_vitals_flowsheet": hh_flowsheet,
    "hh_assessment_checkboxes": hh_assessment,
    "hh_narrative_note": hh_narrative,
}
