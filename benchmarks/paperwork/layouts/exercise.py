"""Exercise oximetry: ATS six-minute-walk worksheet, titration sheets, RT/nurse narratives.

Traps built in: "End of test" is exercise, "Post"/"Recovery" is recovery (optional), rows from
another day, rest already on home O2, several flows, pulse-dose settings (not L/min), three
readings packed into one sentence, values in other sentences than their oxygen state.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from .. import marks, synth
from ..case import Case
from ..page import GREY, text_width
from ..part import Builder, DocPart
from ..table import Cell, CellLike, draw_table
from .common import letterhead, set_patient, signature_block

RECOVERY_ACCEPT = {"setting": [None, "exercise"]}


def _values(rng: random.Random, pediatric: bool, qualifying: bool) -> tuple[int, int, list[int]]:
    rest = rng.randint(89, 96)
    ex = rng.randint(80, 88) if qualifying else rng.randint(89, 92)
    ex = min(ex, rest - 2)
    on_o2 = sorted(rng.sample(range(ex + 2, 98), 3))
    return rest, ex, on_o2


def sixmwt_worksheet(rng: random.Random, case: Case, j: int) -> DocPart:
    """ATS 6MWT worksheet: label-above-value header boxes, Baseline / End of Test grid."""
    part = DocPart("exercise_oximetry", "sixmwt_ats_worksheet")
    set_patient(part, case, dob=False)
    pt = case.patient
    in_hospital = j % 2 == 0
    part.facts.performed_by = "hospital_lab" if in_hospital else "physician"
    site = case.hospital if in_hospital else case.clinic
    day = case.anchor
    on_o2 = j % 3 == 2
    pulse = on_o2 and j % 2 == 1
    pg = part.new_page()
    y = letterhead(pg, site, 40, "helv", sub="Pulmonary Function Laboratory" if in_hospital else "")
    pg.text(306, y, "SIX-MINUTE WALK TEST WORKSHEET", "helv-b", 13, align="center")
    y += 16
    t0 = synth.at(day, rng, 8, 15)
    age = pt.age_on(day)
    boxes = [
        [
            ("Patient name", pt.full, 200),
            ("Patient ID#", pt.mrn, 90),
            ("Walk #", str(rng.randint(1, 3)), 50),
            ("Tech ID", f"{rng.choice(['RT', 'RN'])}{rng.randint(10, 99)}", 60),
            ("Date", synth.fmt_date(day, "us_short2"), 132),
        ],
        [
            ("Gender", "M" if pt.sex == "M" else "F", 50),
            ("Age", str(age), 50),
            ("Height", f"{pt.height_in} in", 80),
            ("Weight", f"{pt.weight_lb} lb", 80),
            ("Blood pressure", f"{rng.randint(110, 160)}/{rng.randint(60, 95)}", 100),
            (
                "Pre-test meds (dose, time)",
                rng.choice(["albuterol 2 puffs 09:15", "none", "tiotropium AM"]),
                172,
            ),
        ],
    ]
    for row in boxes:
        x = 40.0
        for label, value, w in row:
            pg.rect(x, y, w, 28, 0.6)
            pg.text(x + 3, y + 8, label, "helv", 6.5)
            marks.hand(pg, rng, x + 5, y + 22, value, 10.5)
            x += w
        y += 28
    y += 14
    pg.text(40, y, "Supplemental oxygen during the test:", "helv-b", 9)
    x = 220
    marks.checkbox(pg, rng, x, y - 7, 8, None if on_o2 else rng.choice(["x", "tick"]))
    pg.text(x + 12, y, "No", "helv", 9)
    marks.checkbox(pg, rng, x + 40, y - 7, 8, rng.choice(["x", "tick"]) if on_o2 else None)
    pg.text(x + 52, y, "Yes, flow", "helv", 9)
    pg.hline(x + 96, x + 130, y + 2, 0.5)
    pg.text(x + 133, y, "L/min, type", "helv", 9)
    pg.hline(x + 185, x + 330, y + 2, 0.5)
    flow: float | None = None
    if on_o2:
        if pulse:
            setting = rng.choice([2, 3, 4])
            marks.hand(pg, rng, x + 190, y - 1, f"POC pulse setting {setting}", 10)
            part.hard.append("pulse-dose setting is not a flow in L/min")
        else:
            flow = case.flow if case.flow >= 1 else 2.0
            marks.hand(pg, rng, x + 102, y - 1, f"{flow:g}", 11)
            marks.hand(pg, rng, x + 190, y - 1, "NC continuous", 10)
    oxygen = "supplemental" if on_o2 else "room_air"
    y += 22
    rest, ex, _ = _values(rng, pt.pediatric, j % 4 != 3)
    if on_o2:
        rest, ex = min(rest + 3, 99), min(ex + 5, 96)
    t1 = t0 + dt.timedelta(minutes=6)
    grid = [
        ["Time", synth.fmt_time(t0, "12"), synth.fmt_time(t1, "12")],
        ["Heart Rate", str(rng.randint(68, 92)), str(rng.randint(96, 128))],
        ["Dyspnea (Borg scale)", str(rng.randint(0, 2)), str(rng.randint(3, 7))],
        ["Fatigue (Borg scale)", str(rng.randint(0, 2)), str(rng.randint(2, 6))],
        ["SpO2", f"{rest} %", f"{ex} %"],
    ]
    hand_grid = [
        [Cell(r[0])] + [Cell(v, font="hand", size=11, color=(0.07, 0.12, 0.48)) for v in r[1:]]
        for r in grid
    ]
    tb = draw_table(
        pg,
        60,
        y,
        [170, 140, 140],
        hand_grid,
        header=["", "Baseline", "End of Test"],
        font="helv",
        size=9,
        ruled="grid",
        aligns=["left", "center", "center"],
    )
    part.add("spo2", rest, "rest", oxygen, "oximetry", day, flow=flow)
    part.add("spo2", ex, "exercise", oxygen, "oximetry", day, flow=flow)
    part.hard.append("'End of Test' column is the exercise value")
    y = tb.bottom + 18
    stopped = rng.random() < 0.3
    pg.text(40, y, "Stopped or paused before 6 minutes?", "helv", 9)
    marks.checkbox(pg, rng, 230, y - 7, 8, None if stopped else "x")
    pg.text(242, y, "NO", "helv", 9)
    marks.checkbox(pg, rng, 270, y - 7, 8, "x" if stopped else None)
    pg.text(282, y, "YES, reason:", "helv", 9)
    if stopped:
        marks.hand(pg, rng, 345, y, "dyspnea - rested 40 s on wall", 10)
    y += 18
    pg.text(
        40,
        y,
        "Other symptoms at end of exercise:   angina   dizziness   hip, leg, or calf pain",
        "helv",
        9,
    )
    if rng.random() < 0.5:
        dx = text_width("Other symptoms at end of exercise:   angina   ", "helv", 9)
        marks.circle_text(pg, rng, 40 + dx, y, "dizziness", "helv", 9)
    y += 18
    laps = rng.randint(3, 8)
    partial = rng.randint(0, 59)
    dist = laps * 60 + partial
    pg.text(40, y, "Number of laps:", "helv", 9)
    marks.hand(pg, rng, 118, y, str(laps), 11)
    pg.text(135, y, "(x 60 meters) + final partial lap:", "helv", 9)
    marks.hand(pg, rng, 280, y, str(partial), 11)
    pg.text(300, y, "meters", "helv", 9)
    y += 18
    pg.text(40, y, "Total distance walked in 6 minutes:", "helv", 9)
    marks.hand(pg, rng, 205, y, f"{dist}", 11)
    pg.text(232, y, "meters", "helv", 9)
    pred = rng.randint(380, 560)
    pg.text(
        300,
        y,
        f"Predicted distance: {pred} meters   Percent predicted: {100 * dist // pred} %",
        "helv",
        9,
    )
    y += 22
    pg.text(40, y, "Tech comments:", "helv-b", 9)
    y += 14
    comments = []
    if j % 2 == 0:
        low = ex - rng.randint(1, 3)
        comments.append(
            f"Lowest SpO2 during walk {low}% at {rng.randint(2, 5)}:{rng.randint(10, 59)}"
        )
        part.add("spo2", low, "exercise", oxygen, "oximetry", day, flow=flow)
        part.hard.append("lowest SpO2 during the walk in the comments")
    if j % 4 in (1, 2):
        rec = min(rest, ex + rng.randint(3, 7))
        comments.append(f"2 min post: SpO2 {rec}%")
        part.add(
            "spo2",
            rec,
            "rest",
            oxygen,
            "oximetry",
            day,
            flow=flow,
            optional=True,
            accept=RECOVERY_ACCEPT,
        )
        part.hard.append("post-walk recovery reading")
    comments.append(
        rng.choice(["Pt tolerated well.", "Walked with rollator.", "Frequent cues needed."])
    )
    for c in comments:
        marks.hand(pg, rng, 50, y, c, 10.5)
        y += 15
    y += 6
    pg.text(
        40, y, "Interpretation (including comparison with a preintervention 6MWD):", "helv-b", 9
    )
    y += 14
    verdict = "Exertional desaturation." if ex <= 88 else "No significant desaturation."
    y = pg.para(
        50,
        y,
        500,
        f"6MWD {dist} m ({100 * dist // pred} % predicted). {verdict}"
        + (" ATS recommends against titrating oxygen during a 6MWT." if on_o2 else ""),
        "helv",
        9,
    )
    signature_block(
        pg,
        rng,
        40,
        y + 28,
        case.physician,
        synth.fmt_date(day + dt.timedelta(days=rng.randint(0, 4)), "us_short2"),
        "helv",
    )
    return part


def titration_sheet(rng: random.Random, case: Case, j: int) -> DocPart:
    """Qualification walk: rows rest-RA / exercise-RA / exercise on O2 (one or more) / recovery."""
    part = DocPart("exercise_oximetry", "titration_table")
    set_patient(part, case)
    pt = case.patient
    k = j % 3
    performer = [
        (case.supplier, "dme_supplier"),
        (case.clinic, "physician"),
        (case.hospital, "hospital_lab"),
    ][k]
    part.facts.performed_by = performer[1]
    day = case.anchor
    pulse = j % 4 == 1
    rest_on_home_o2 = j % 4 == 3
    other_day_rest = j % 4 == 2
    pg = part.new_page()
    y = letterhead(
        pg, performer[0], 40, "sans", sub="Respiratory Services" if k == 0 else "", center=k != 1
    )
    pg.text(40, y, "AMBULATORY OXIMETRY / OXYGEN TITRATION", "sans-b", 12)
    y += 16
    hdr = [
        [
            f"Patient: {pt.full}",
            f"DOB: {synth.fmt_date(pt.dob, 'us')}",
            f"Test date: {synth.fmt_date(day, 'us')}",
        ],
        [
            f"Dx: {case.dx[0][0]} {case.dx[0][1]}",
            f"Oximeter: finger probe #{rng.randint(1, 9)}",
            f"Ordering: {case.physician.signed}",
        ],
    ]
    y = draw_table(pg, 40, y, [200, 160, 172], hdr, font="sans", size=8, ruled="none").bottom + 10
    rest, ex, on = _values(rng, pt.pediatric, j % 5 != 4)
    t = synth.at(day, rng, 8, 15)
    flows = [case.flow if case.flow >= 1 else 1.0]
    if j % 2 == 0:
        flows = sorted({flows[0], flows[0] + 1, flows[0] + 2})[: rng.choice([2, 3])]
    rows: list[Sequence[CellLike]] = []
    with_date = other_day_rest
    rest_day = day - dt.timedelta(days=rng.randint(3, 20)) if other_day_rest else day

    def row(
        when: dt.datetime,
        cond: str,
        o2: str,
        spo2: int,
        hr: int,
        note: str,
        rowday: dt.date | None = None,
    ) -> None:
        cells: list[CellLike] = [synth.fmt_time(when), cond, o2, f"{spo2}", str(hr), note]
        if with_date:
            cells = [synth.fmt_date(rowday or day, "us_short2"), *cells]
        rows.append(cells)

    if rest_on_home_o2:
        hf = flows[0]
        row(
            t,
            "Rest, seated",
            f"{hf:g} L NC (home O2)",
            rest,
            rng.randint(70, 90),
            "on home O2 on arrival",
        )
        part.add("spo2", rest, "rest", "supplemental", "oximetry", day, flow=hf)
        part.hard.append("rest value already on home oxygen")
    else:
        rt = t if not other_day_rest else synth.at(rest_day, rng, 8, 16)
        row(
            rt,
            rng.choice(["Rest, seated", "Resting", "Pre-walk at rest"]),
            "RA",
            rest,
            rng.randint(70, 90),
            "",
            rest_day,
        )
        part.add("spo2", rest, "rest", "room_air", "oximetry", rest_day)
        part.hard_if(other_day_rest, "rest row from another day (per-row dates)")
    t += dt.timedelta(minutes=6)
    feet = rng.choice([120, 150, 180, 200, 250])
    row(
        t,
        rng.choice(["Ambulating", "Exercise", "With exertion"]),
        "RA",
        ex,
        rng.randint(98, 125),
        f"lowest, at {rng.randint(1, 4)} min / {feet} ft; dyspneic",
    )
    part.add("spo2", ex, "exercise", "room_air", "oximetry", day)
    for i, f in enumerate(flows):
        t += dt.timedelta(minutes=rng.randint(5, 9))
        val = on[min(i, 2)]
        if pulse:
            setting = int(f) + 1
            row(
                t,
                "Ambulating",
                f"POC pulse setting {setting}",
                val,
                rng.randint(92, 118),
                "portable concentrator",
            )
            part.add("spo2", val, "exercise", "supplemental", "oximetry", day)
        else:
            row(t, "Ambulating", f"{f:g} L/min NC continuous", val, rng.randint(92, 118), "")
            part.add("spo2", val, "exercise", "supplemental", "oximetry", day, flow=f)
    part.hard_if(pulse, "pulse-dose settings, not L/min")
    part.hard_if(len(flows) > 1, "several flows during exercise")
    t += dt.timedelta(minutes=rng.randint(3, 6))
    rec = min(rest, ex + rng.randint(4, 8))
    row(
        t,
        rng.choice(["Recovery, seated", "Post", "After walk, seated"]),
        "RA",
        rec,
        rng.randint(80, 96),
        "",
    )
    part.add(
        "spo2", rec, "rest", "room_air", "oximetry", day, optional=True, accept=RECOVERY_ACCEPT
    )
    part.hard.append("recovery row")
    header = ["Time", "Condition", "O2", "SpO2 %", "HR", "Notes"]
    widths = [44, 100, 120, 44, 36, 188]
    if with_date:
        header = ["Date", *header]
        widths = [50, 40, 92, 112, 40, 34, 164]
    tb = draw_table(
        pg,
        40,
        y,
        widths,
        rows,
        header=header,
        font="sans",
        size=8.5,
        ruled="grid",
        aligns=["left"] * (len(header) - 3) + ["center", "center", "left"],
    )
    y = tb.bottom + 16
    best = flows[0]
    summary = (
        f"Summary: SpO2 {ex}% on room air with exertion; improved to {on[0]}% on "
        + (f"POC pulse setting {int(best) + 1}" if pulse else f"{best:g} L/min")
        + ". Titrate to keep SpO2 >= 90 %."
    )
    y = pg.para(40, y, 530, summary, "sans", 9)
    part.hard.append("'titrate to SpO2 >= 90 %' is a goal")
    y += 8
    pg.text(40, y, "Performed by:", "sans-b", 9)
    marks.hand(
        pg,
        rng,
        120,
        y,
        f"{rng.choice(['T. Ruiz', 'M. Kaplan', 'D. Osei'])}, {'RRT' if k != 1 else 'LPN'}",
        11,
    )
    pg.text(320, y, f"for {performer[0].name}", "sans", 8, GREY)
    y += 30
    if k != 0:
        signature_block(
            pg,
            rng,
            40,
            y,
            case.physician,
            synth.fmt_date(day + dt.timedelta(days=rng.randint(0, 5)), "us"),
            "sans",
        )
    return part


def rt_narrative(rng: random.Random, case: Case, j: int) -> DocPart:
    """Short RT or nurse note: three readings in one sentence, recovery, plan, e-signature."""
    part = DocPart("exercise_oximetry", "rt_narrative_note")
    set_patient(part, case)
    pt = case.patient
    in_hospital = j % 2 == 1
    site = case.hospital if in_hospital else case.clinic
    part.facts.performed_by = "hospital_lab" if in_hospital else "physician"
    day = case.anchor
    pg = part.new_page()
    font = rng.choice(["helv", "times"])
    y = letterhead(pg, site, 40, font, sub="Outpatient Respiratory Therapy" if in_hospital else "")
    title = (
        "RESPIRATORY THERAPY NOTE - AMBULATORY OXIMETRY"
        if in_hospital
        else "NURSING NOTE - OXYGEN EVALUATION"
    )
    pg.text(40, y, title, font + "-b", 11)
    y += 16
    t = synth.at(day, rng, 8, 16)
    for a, b in (
        (f"Patient: {pt.last_first_mixed}", f"DOB: {synth.fmt_date(pt.dob, 'us')}"),
        (
            f"Date of service: {synth.fmt_date(day, 'us')}  {synth.fmt_time(t, '12')}",
            f"MRN: {pt.mrn}",
        ),
    ):
        pg.text(40, y, a, font, 9)
        pg.text(330, y, b, font, 9)
        y += 12
    y += 10
    rest, ex, on = _values(rng, pt.pediatric, j % 3 != 2)
    f = case.flow if case.flow >= 1 else 1.0
    ft = rng.choice([100, 150, 200, 300])
    hr = rng.randint(72, 92)
    rec = min(rest, ex + rng.randint(4, 8))
    style = j % 4
    if style == 0:
        body = [
            f"Pt resting in chair on RA, SpO2 {rest}%, HR {hr}. Ambulated {ft} ft on RA, sats to "
            f"{ex}%, placed on {f:g} L NC, {on[0]}%. Recovered to {rec}% on RA after 3 min seated."
        ]
    elif style == 1:
        body = [
            f"At rest on room air SpO2 was {rest}% with HR {hr}.",
            f"During ambulation on room air the patient desaturated to {ex}% after "
            f"{rng.randint(2, 4)} minutes ({ft} ft) with moderate dyspnea.",
            f"With {f:g} LPM via nasal cannula, SpO2 during ambulation improved to {on[0]}%.",
            f"After {rng.randint(2, 5)} minutes of seated recovery on RA, SpO2 {rec}%.",
        ]
    elif style == 2:
        body = [
            f"Resting saturation {rest}% RA. {ex}% RA with exertion ({ft} ft hallway). "
            f"{on[0]}% on {f:g}L with exertion. Post-walk {rec}% RA."
        ]
    else:
        body = [
            f"SpO2 at rest {rest}%. The patient was on room air.",
            f"The patient then walked {ft} feet without oxygen. Lowest saturation was {ex}%.",
            f"We then placed {pt.he} on {f:g} liters by nasal cannula. Repeat saturation while "
            f"walking was {on[0]}%.",
            f"Recovery {rec}% after resting.",
        ]
        part.hard.append("oxygen state stated in a different sentence from the value")
    part.add("spo2", rest, "rest", "room_air", "oximetry", day)
    part.add("spo2", ex, "exercise", "room_air", "oximetry", day)
    part.add("spo2", on[0], "exercise", "supplemental", "oximetry", day, flow=f)
    # the last style does not say which air the recovery was on
    part.add(
        "spo2",
        rec,
        "rest",
        "room_air" if style != 3 else None,
        "oximetry",
        day,
        optional=True,
        accept={**RECOVERY_ACCEPT, **({"oxygen": ["room_air"]} if style == 3 else {})},
    )
    part.hard.append("three readings in one narrative")
    pg.text(40, y, "Assessment / findings:", font + "-b", 9.5)
    y += 13
    for s in body:
        y = pg.para(40, y, 530, s, font, 9.5)
    y += 6
    pg.text(40, y, "Plan:", font + "-b", 9.5)
    y += 13
    plan = (
        f"Recommend {f:g} L/min O2 with exertion. If resting SpO2 is below 88% at follow-up, "
        "will add continuous oxygen. Results reviewed with provider."
    )
    y = pg.para(40, y, 530, plan, font, 9.5)
    part.hard.append("conditional plan with a threshold (not a result)")
    y += 20
    signed = day + dt.timedelta(days=rng.randint(1, 3))
    who = synth.Clinician(
        rng.choice(["Tamara", "Luis", "Kofi"]),
        rng.choice(["Reyes", "Brandt", "Mensah"]),
        title="RRT" if in_hospital else "RN",
    )
    pg.text(
        40,
        y,
        f"Electronically signed by {who.signed} on "
        f"{synth.fmt_dt(synth.at(signed, rng), 'us', '12')}",
        font + "-i",
        8.5,
    )
    part.hard.append("signature date differs from the test date")
    return part


LAYOUTS: dict[str, Builder] = {
    "sixmwt_ats_worksheet": sixmwt_worksheet,
    "titration_table": titration_sheet,
    "rt_narrative_note": rt_narrative,
}
