"""Exercise oximetry: titration table, ATS six-minute-walk worksheet, a hand-filled clinic
form, a landscape minute-by-minute grid, and a respiratory-therapy narrative note."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..context import Ctx
from ..pen import Pen
from ..synth import clinician, fmt_date, fmt_flow, fmt_time, rand_time
from ..truth import Facts, M, Page, Part
from .common import LAND, LEFT, RIGHT, W, letterhead, name_line, patient_box, signature


@dataclass
class Walk:
    """One walk session: rest on room air, exertion on room air, exertion on oxygen."""

    day: date
    rest_ra: int
    ex_ra: int
    on_o2: list[tuple[float, int]]           # (flow, SpO2 during exertion)
    recovery: int
    hr: tuple[int, int, int, int]            # rest, exertion RA, exertion O2, recovery
    feet: int
    minute_at_low: int
    pulse_dose: bool = False
    extra: dict[str, int] = field(default_factory=dict)


def make_walk(rng: random.Random, day: date, flows: int = 1) -> Walk:
    rest = rng.randint(88, 95)
    ex = rng.randint(80, min(88, rest - 2))
    start = float(rng.choice((2, 2, 3, 1)))
    seq, sat = [], ex
    for i in range(flows):
        sat = min(97, sat + rng.randint(3, 7))
        seq.append((start + i, sat))
    rec = rng.randint(max(ex + 2, rest - 3), rest + 1)
    hr0 = rng.randint(68, 92)
    return Walk(day, rest, ex, seq, rec, (hr0, hr0 + rng.randint(14, 35), hr0 + rng.randint(8, 25),
                                          hr0 + rng.randint(2, 10)),
                rng.randint(90, 420), rng.randint(1, 5))


def walk_truth(w: Walk, page: int, flow_fmt: str = "lpm") -> list[M]:
    """Rest RA, exercise RA, exercise on each flow; recovery optional (rest or exercise)."""
    out = [M("spo2", w.rest_ra, "rest", "room_air", None, "oximetry", w.day, page),
           M("spo2", w.ex_ra, "exercise", "room_air", None, "oximetry", w.day, page)]
    for flow, sat in w.on_o2:
        acc = {"flow_lpm": [flow]} if w.pulse_dose else {}
        out.append(M("spo2", sat, "exercise", "supplemental", None if w.pulse_dose else flow,
                     "oximetry", w.day, page, accept=acc))
    out.append(M("spo2", w.recovery, "rest", "room_air", None, "oximetry", w.day, page,
                 optional=True, accept={"setting": ["exercise", None]}))
    return out


# ---------------------------------------------------------------------------------------------
def titration_table(ctx: Ctx) -> Part:
    """Condition/O2/SpO2/HR table with a recovery row; by the clinic or by a supplier RT."""
    rng, p = ctx.rng, ctx.patient
    w = make_walk(rng, ctx.anchor, rng.choice((1, 1, 2, 3)))
    by_supplier = rng.random() < 0.3
    org = ctx.supplier if by_supplier else ctx.clinic
    m = walk_truth(w, 1)
    tester = clinician(rng, rng.choice(("RRT", "CRT", "RN", "MA")), p.last)
    hard = ["recovery row (optional: not a valid test)", "lowest SpO2 with distance/time note",
            "several flows" if len(w.on_o2) > 1 else "one flow",
            "tested by a DME supplier (invalid performer)" if by_supplier else "clinic staff"]
    ds = rng.choice(("mdy", "mdy_short", "long"))
    rest_label = rng.choice(("Rest, seated", "At rest", "Resting (pre)", "Pre-ambulation"))
    ex_label = rng.choice(("Ambulating", "Exertion", "With activity", "Ambulation"))

    def draw(pen: Pen) -> None:
        y = letterhead(pen, org, rng.choice(("center", "left")),
                       sub="Respiratory Services" if by_supplier else "")
        pen.text(W / 2, y + 4, rng.choice(("AMBULATORY OXIMETRY / OXYGEN TITRATION",
                                           "EXERCISE OXIMETRY WORKSHEET",
                                           "OXYGEN QUALIFICATION - WALK TEST")),
                 "Helvetica-Bold", 12, "center")
        y = patient_box(pen, y + 14, [("Patient:", name_line(p, rng)),
                                      ("DOB:", fmt_date(p.dob, ds)),
                                      ("Test date:", fmt_date(w.day, ds)),
                                      ("Diagnosis:", rng.choice(("COPD J44.9", "ILD J84.10",
                                                                 "Emphysema J43.9"))),
                                      ("Ordering:", ctx.physician.name),
                                      ("Tested by:", tester.name)], 2)
        rows = [["Condition", "O2", "SpO2", "HR", "Notes"],
                [rest_label, "RA", f"{w.rest_ra}%", str(w.hr[0]), "after 5 min seated"],
                [ex_label, "RA", f"{w.ex_ra}%", str(w.hr[1]),
                 f"lowest, at {w.minute_at_low} min / {w.feet} ft; dyspneic"]]
        for flow, sat in w.on_o2:
            rows.append([ex_label, f"{fmt_flow(flow)} L/min NC cont.", f"{sat}%", str(w.hr[2]),
                         rng.choice(("", "steady gait", "sat maintained", "less dyspnea"))])
        rows.append([rng.choice(("Recovery, seated", "Post (recovery)", "After 3 min rest")), "RA",
                     f"{w.recovery}%", str(w.hr[3]), "not used for qualification"])
        y = pen.table(LEFT, y + 4, [120, 105, 55, 45, 203], rows, "Helvetica", 9, 18,
                      rules="grid", aligns="llrrl", header_fill=0.88)
        y += 22
        pen.text(LEFT, y, "Result:", "Helvetica-Bold", 9.5)
        qual = w.ex_ra <= 88
        pen.checkbox(LEFT + 50, y - 8, "x" if qual else None)
        pen.text(LEFT + 63, y, "Qualifies for ambulatory oxygen", "Helvetica", 9.5)
        pen.checkbox(LEFT + 250, y - 8, None if qual else "x")
        pen.text(LEFT + 263, y, "Does not qualify", "Helvetica", 9.5)
        y += 18
        y = pen.para(LEFT, y, 528, "Goal: maintain SpO2 at or above 90% with exertion. If resting "
                     "SpO2 is 88% or less, a resting test on oxygen is also required.",
                     "Helvetica-Oblique", 8.5)
        y = signature(pen, LEFT, y + 14, tester, w.day, False, "Tester")
        pen.text(LEFT, y + 12, "Physician review:", "Helvetica-Bold", 9)
        signature(pen, LEFT, y + 20, ctx.physician, w.day + timedelta(days=rng.randint(0, 4)),
                  rng.random() < 0.4, "Physician")

    f = Facts(p.truth_name, p.dob, None, None, "dme_supplier" if by_supplier else "physician")
    ctx.extra["walk_result"] = (w.ex_ra, w.day)
    return Part("exercise_oximetry", [Page(draw)], m, f, hard)


def six_minute_walk(ctx: Ctx) -> Part:
    """ATS-style 6MWT worksheet: header fields, O2 yes/no boxes, baseline/end grid, laps."""
    rng, p = ctx.rng, ctx.patient
    on_o2 = rng.random() < 0.4
    flow = float(rng.choice((2, 3, 4)))
    base = rng.randint(89, 96) if on_o2 else rng.randint(88, 95)
    end = rng.randint(82, base - 2)
    lowest = rng.randint(max(78, end - 4), end)
    hr0 = rng.randint(65, 95)
    laps = rng.randint(3, 9)
    meters = laps * 30 + rng.randint(0, 29)
    pred = rng.randint(380, 520)
    oxy = "supplemental" if on_o2 else "room_air"
    fl = flow if on_o2 else None
    m = [M("spo2", base, "rest", oxy, fl, "oximetry", ctx.anchor, 1),
         M("spo2", end, "exercise", oxy, fl, "oximetry", ctx.anchor, 1)]
    if lowest != end:
        m.append(M("spo2", lowest, "exercise", oxy, fl, "oximetry", ctx.anchor, 1))
    tech = clinician(rng, rng.choice(("RRT", "RCP", "CPFT")), p.last)
    hard = ["'End of test' is exercise", "oxygen yes/no check box with flow blank",
            "Borg scores, HR, BP, distance and % predicted beside SpO2",
            "lap tally marks", "label above value header boxes"]

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.clinic, "center", sub="Pulmonary Function Laboratory")
        pen.text(W / 2, y + 2, "SIX-MINUTE WALK TEST", "Helvetica-Bold", 13, "center")
        y += 12
        boxes = [("PATIENT NAME", p.name("Last_First"), 230), ("DOB", fmt_date(p.dob, "mdy"), 90),
                 ("TEST DATE", fmt_date(ctx.anchor, "mdy"), 90), ("WALK #", "1", 50),
                 ("TECH", tech.first[0] + tech.last[0], 68)]
        x = LEFT
        for label, value, wd in boxes:
            pen.field_above(x, y, wd, label, value)
            x += wd
        y += 24
        boxes = [("AGE", str(p.age_on(ctx.anchor)), 50), ("SEX", p.sex, 40),
                 ("HEIGHT (in)", str(rng.randint(60, 74)), 70), ("WEIGHT (lb)",
                                                                 str(rng.randint(110, 240)), 70),
                 ("BP PRE", f"{rng.randint(110, 160)}/{rng.randint(60, 95)}", 80),
                 ("PRE-TEST MEDS", rng.choice(("albuterol 2 puffs", "none", "tiotropium")), 218)]
        x = LEFT
        for label, value, wd in boxes:
            pen.field_above(x, y, wd, label, value)
            x += wd
        y += 44
        pen.text(LEFT, y, "Supplemental oxygen during the test:", "Helvetica", 9.5)
        pen.checkbox(LEFT + 175, y - 8, None if on_o2 else "x")
        pen.text(LEFT + 188, y, "No", "Helvetica", 9.5)
        pen.checkbox(LEFT + 215, y - 8, "x" if on_o2 else None)
        pen.text(LEFT + 228, y, "Yes, flow", "Helvetica", 9.5)
        pen.blank(LEFT + 272, y, 30)
        pen.text(LEFT + 305, y, "L/min, type", "Helvetica", 9.5)
        pen.blank(LEFT + 358, y, 60)
        if on_o2:
            pen.hand(LEFT + 280, y - 1, fmt_flow(flow), 12)
            pen.hand(LEFT + 365, y - 1, rng.choice(("NC", "cannula", "E tank NC")), 11)
        y += 20
        rows = [["", "Baseline", "End of Test"],
                ["Time", fmt_time(rand_time(rng, 8, 15)), ""],
                ["Heart Rate", str(hr0), str(hr0 + rng.randint(15, 40))],
                ["Dyspnea (Borg)", str(rng.randint(0, 3)), str(rng.randint(3, 7))],
                ["Fatigue (Borg)", str(rng.randint(0, 3)), str(rng.randint(2, 6))],
                ["SpO2 %", str(base), str(end)]]
        y = pen.table(LEFT + 40, y, [140, 120, 120], rows, "Helvetica", 9.5, 18, rules="grid",
                      aligns="lcc", header_fill=0.9)
        y += 22
        pen.text(LEFT, y, "Lowest SpO2 during test:", "Helvetica", 9.5)
        pen.hand(LEFT + 130, y - 1, f"{lowest}%", 12)
        pen.text(LEFT + 200, y, "Stopped or paused before 6 minutes?", "Helvetica", 9.5)
        stopped = lowest < 84
        pen.checkbox(LEFT + 370, y - 8, None if stopped else "x")
        pen.text(LEFT + 383, y, "No", "Helvetica", 9.5)
        pen.checkbox(LEFT + 410, y - 8, "x" if stopped else None)
        pen.text(LEFT + 423, y, "Yes, reason:", "Helvetica", 9.5)
        if stopped:
            pen.hand(LEFT + 480, y - 1, "SOB", 11)
        y += 22
        pen.text(LEFT, y, "Laps (30 m):", "Helvetica", 9.5)
        pen.hand(LEFT + 70, y, " ".join(["||||"] * (laps // 5) + ["|" * (laps % 5)]), 13)
        pen.text(LEFT + 200, y, "Other symptoms at end of exercise:", "Helvetica", 9.5)
        pen.hand(LEFT + 365, y, rng.choice(("leg fatigue", "none", "chest tightness")), 11)
        y += 24
        pen.text(LEFT, y, f"Total distance walked in 6 minutes: {meters} m   Predicted: {pred} m   "
                 f"Percent predicted: {round(100 * meters / pred)}%", "Helvetica-Bold", 9.5)
        y += 20
        y = pen.para(LEFT, y, 528, "Interpretation: " + rng.choice((
            "Reduced exercise capacity with exertional desaturation.",
            "Exertional hypoxemia; consider formal oxygen titration on a separate walk.")) +
            " Per ATS guideline oxygen was not titrated during this walk.", "Helvetica", 9.5)
        signature(pen, LEFT, y + 16, tech, ctx.anchor, False, "Technician")

    f = Facts(p.truth_name, p.dob, None, None, "physician",
              accept={"performed_by": ["hospital_lab"]})
    return Part("six_minute_walk", [Page(draw)], m, f, hard)


def handfill_form(ctx: Ctx) -> Part:
    """A printed form with blanks filled by hand; continuous/pulse boxes; circled Y/N."""
    rng, p = ctx.rng, ctx.patient
    w = make_walk(rng, ctx.anchor)
    w.pulse_dose = rng.random() < 0.35
    on_home_o2 = rng.random() < 0.3
    rest_on_o2 = rng.randint(92, 97)
    home_flow = float(rng.choice((1, 2, 2, 3)))
    m = walk_truth(w, 1)
    m = [x for x in m if not x.optional]               # no recovery on this form
    if on_home_o2:
        m.append(M("spo2", rest_on_o2, "rest", "supplemental", home_flow, "oximetry", w.day, 1))
    hard = ["hand-written values in printed blanks", "circled Y/N",
            "pulse-dose setting (not L/min)" if w.pulse_dose else "continuous flow checked",
            "resting value on home O2 as well" if on_home_o2 else "no resting value on O2"]

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.clinic, "left")
        pen.text(LEFT, y + 4, "HOME OXYGEN EVALUATION - EXERCISE OXIMETRY", "Helvetica-Bold", 12)
        y += 30
        pen.text(LEFT, y, "Patient name:", "Helvetica", 10)
        pen.blank(LEFT + 70, y, 200)
        pen.hand(LEFT + 76, y - 1, p.full, 13)
        pen.text(LEFT + 290, y, "DOB:", "Helvetica", 10)
        pen.blank(LEFT + 318, y, 90)
        pen.hand(LEFT + 322, y - 1, fmt_date(p.dob, "mdy_short"), 12)
        pen.text(LEFT + 420, y, "Date:", "Helvetica", 10)
        pen.blank(LEFT + 448, y, 80)
        pen.hand(LEFT + 452, y - 1, fmt_date(w.day, "mdy_short"), 12)
        y += 28
        pen.text(LEFT, y, "Is the patient currently using home oxygen?", "Helvetica", 10)
        pen.text(LEFT + 240, y, "Y", "Helvetica", 10)
        pen.text(LEFT + 262, y, "N", "Helvetica", 10)
        pen.circle_word(LEFT + (240 if on_home_o2 else 262), y, "Y", "Helvetica", 10)
        if on_home_o2:
            pen.text(LEFT + 290, y, "If yes, flow:", "Helvetica", 10)
            pen.blank(LEFT + 350, y, 50)
            pen.hand(LEFT + 356, y - 1, f"{fmt_flow(home_flow)} L", 12)
        y += 34
        items = [("1. Resting SpO2 on room air (after 5 minutes):", f"{w.rest_ra}", "%"),
                 ("2. Lowest SpO2 on room air during exertion:", f"{w.ex_ra}", "%"),
                 ("    distance / time walked when lowest:", f"{w.feet} ft / {w.minute_at_low} min",
                  ""),
                 ("3. SpO2 during exertion WITH oxygen:", f"{w.on_o2[0][1]}", "%")]
        for label, value, unit in items:
            pen.text(LEFT, y, label, "Helvetica", 10)
            pen.blank(LEFT + 260, y, 90)
            pen.hand(LEFT + 268, y - 1, value, 13)
            pen.text(LEFT + 354, y, unit, "Helvetica", 10)
            y += 26
        pen.text(LEFT + 14, y, "Oxygen during test 3:", "Helvetica", 10)
        pen.checkbox(LEFT + 125, y - 8, None if w.pulse_dose else "tick")
        pen.text(LEFT + 138, y, "continuous at ____ L/min", "Helvetica", 10)
        pen.checkbox(LEFT + 275, y - 8, "tick" if w.pulse_dose else None)
        pen.text(LEFT + 288, y, "pulse (POC) setting ____", "Helvetica", 10)
        fl = fmt_flow(w.on_o2[0][0])
        if w.pulse_dose:
            pen.hand(LEFT + 405, y - 2, fl, 13)
        else:
            pen.hand(LEFT + 215, y - 2, fl, 13)
        y += 26
        if on_home_o2:
            pen.text(LEFT, y, "4. Resting SpO2 on current home oxygen:", "Helvetica", 10)
            pen.blank(LEFT + 260, y, 90)
            pen.hand(LEFT + 268, y - 1, f"{rest_on_o2}", 13)
            pen.text(LEFT + 354, y, "%", "Helvetica", 10)
            y += 26
        y += 10
        y = pen.para(LEFT, y, 528, "Testing must be performed in person during the visit. "
                     "Recovery readings after exercise are not acceptable for qualification. "
                     "Ambulatory oxygen is indicated if exertional SpO2 is 88% or below on room "
                     "air and improves with oxygen.", "Helvetica-Oblique", 8.5)
        pen.text(LEFT, y + 20, "Performed by (print):", "Helvetica", 10)
        pen.blank(LEFT + 105, y + 20, 160)
        who = clinician(rng, rng.choice(("MA", "LPN", "RN")), p.last)
        pen.hand(LEFT + 110, y + 19, f"{who.first} {who.last}, {who.creds}", 12)
        signature(pen, LEFT, y + 40, ctx.physician, w.day, False, "Physician")

    f = Facts(p.truth_name, p.dob, None, None, "physician")
    return Part("exercise_oximetry", [Page(draw)], m, f, hard)


def minute_grid(ctx: Ctx) -> Part:
    """Landscape grid: minute columns across, one SpO2/HR row pair per walk (RA then flows)."""
    rng, p = ctx.rng, ctx.patient
    walks = [("Room air", None)] + [(f"O2 {fmt_flow(f)} L/min NC", f) for f in
                                     sorted(rng.sample((1.0, 2.0, 3.0, 4.0), rng.choice((1, 2))))]
    data = []
    sat0 = rng.randint(88, 94)
    for i, (_label, flow) in enumerate(walks):
        pre = sat0 if flow is None else min(98, sat0 + rng.randint(1, 4))
        drop = rng.randint(4, 10) if flow is None else rng.randint(0, 4)
        mins = [pre]
        for k in range(1, 7):
            mins.append(max(78, pre - round(drop * min(1.0, k / 3)) + rng.randint(-1, 1)))
        post = min(pre, mins[-1] + rng.randint(2, 5))
        data.append((pre, mins[1:], post, min(mins[1:]), 70 + 5 * i + rng.randint(0, 15)))
    day = ctx.anchor
    m = []
    for (_label, flow), (pre, mins, post, low, _hr) in zip(walks, data, strict=True):
        oxy = "room_air" if flow is None else "supplemental"
        m.append(M("spo2", pre, "rest", oxy, flow, "oximetry", day, 1))
        m.append(M("spo2", low, "exercise", oxy, flow, "oximetry", day, 1))
        for v in mins:
            m.append(M("spo2", v, "exercise", oxy, flow, "oximetry", day, 1, optional=True))
        m.append(M("spo2", post, "rest", oxy, flow, "oximetry", day, 1, optional=True,
                   accept={"setting": ["exercise", None]}))
    hard = ["landscape grid, minute columns", "per-minute values (optional) vs lowest (required)",
            "rest row on oxygen before the O2 walk", "post-walk values (optional)"]

    def draw(pen: Pen) -> None:
        pen.text(LEFT, 40, ctx.clinic.name, "Helvetica-Bold", 12)
        pen.text(750, 40, "Exercise Oximetry - Minute Log", "Helvetica-Bold", 12, "right")
        pen.text(LEFT, 56, f"Patient: {p.name('Last_First')}    DOB {fmt_date(p.dob, 'mdy')}    "
                 f"Date of test: {fmt_date(day, 'dmony')}    Track: 30 m indoor corridor",
                 "Helvetica", 9)
        head = ["Walk", "", "Pre", "1'", "2'", "3'", "4'", "5'", "6'", "Post 2'", "Lowest"]
        rows = [head]
        for (label, _flow), (pre, mins, post, low, hr) in zip(walks, data, strict=True):
            rows.append([label, "SpO2 %", str(pre)] + [str(v) for v in mins] + [str(post),
                                                                               str(low)])
            rows.append(["", "HR", str(hr)] + [str(hr + 8 + 3 * k + rng.randint(0, 4))
                                               for k in range(6)] + [str(hr + 4), ""])
        pen.table(LEFT, 72, [130, 55, 48] + [48] * 6 + [60, 60], rows, "Helvetica", 9, 17,
                  rules="grid", aligns="llcccccccccc", header_fill=0.85)
        y = 72 + 17 * len(rows) + 24
        y = pen.para(LEFT, y, 700, "Each walk preceded by 10 minutes seated rest on the stated "
                     "oxygen. 'Post 2'' = two minutes after stopping (recovery). Lowest = lowest "
                     "SpO2 during the 6 minutes of walking.", "Helvetica", 8.5)
        y = pen.para(LEFT, y + 6, 700, "Comment: " + rng.choice((
            "Desaturation on room air corrected with supplemental oxygen.",
            "Patient required one standing rest on room air walk.",
            "Good effort. Oximeter probe on the ear during walks.")), "Helvetica", 9)
        signature(pen, LEFT, y + 16, clinician(rng, "RRT", p.last), day, False, "Performed by")
        pen.text(750, 590, "Page 1 of 1", "Helvetica", 7.5, "right")

    f = Facts(p.truth_name, p.dob, None, None, "physician",
              accept={"performed_by": ["hospital_lab"]})
    return Part("exercise_oximetry", [Page(draw, LAND)], m, f, hard)


def rt_note(ctx: Ctx) -> Part:
    """Narrative RT note: three results in running sentences, a prior value with its own date,
    a patient-reported home reading, and a goal."""
    rng, p = ctx.rng, ctx.patient
    w = make_walk(rng, ctx.anchor)
    flow, sat_o2 = w.on_o2[0]
    prior_day = w.day - timedelta(days=rng.randint(40, 300))
    prior = rng.randint(84, 88)
    home_lo, home_hi = rng.randint(85, 88), rng.randint(89, 92)
    visit = datetime.combine(w.day, rand_time(rng, 8, 16))
    m = walk_truth(w, 1)
    m.append(M("spo2", prior, "exercise", "room_air", None, "oximetry", prior_day, 1,
               optional=True))
    for v in (home_lo, home_hi):
        m.append(M("spo2", v, None, None, None, "oximetry", None, 1, optional=True))
    rt = clinician(rng, rng.choice(("RRT", "CRT")), p.last)
    hard = ["three results packed into prose", "oxygen state before/after the number",
            "prior test with its own date (optional)", "patient-reported home readings (optional)",
            "goal SpO2 is not a result"]
    ra = rng.choice(("RA", "room air", "r/a"))

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.clinic, rng.choice(("left", "center")))
        pen.text(LEFT, y + 4, "Respiratory Therapy Note", "Times-Bold", 13)
        pen.text(RIGHT, y + 4, f"{fmt_date(visit.date(), 'mdy')} {fmt_time(visit.time(), 'ampm')}",
                 "Times-Roman", 10, "right")
        y = patient_box(pen, y + 14, [("Patient:", p.name("Last_First")),
                                      ("DOB:", fmt_date(p.dob, "mdy")), ("MRN:", p.mrn),
                                      ("Visit:", "Ambulatory O2 assessment")], 2, "Times-Roman",
                        10)
        paras = [
            f"Reason: ambulatory oxygen evaluation requested by {ctx.physician.dr}. Patient "
            f"reports dyspnea walking to the mailbox. States home pulse ox readings are usually "
            f"{home_lo}-{home_hi}%.",
            f"Procedure: patient seated at rest on {ra} for 5 minutes, SpO2 {w.rest_ra}%, HR "
            f"{w.hr[0]}. Ambulated {w.feet} ft on {ra}, sats decreased to {w.ex_ra}% at "
            f"{w.minute_at_low} min with HR {w.hr[1]}; pt c/o SOB. Placed on "
            f"{fmt_flow(flow)} L NC and ambulated a further {rng.randint(100, 300)} ft, SpO2 "
            f"{sat_o2}% (HR {w.hr[2]}). After 3 minutes seated rest on {ra}, SpO2 returned to "
            f"{w.recovery}%.",
            f"For comparison, exertional oximetry on {fmt_date(prior_day, 'mdy_short')} showed a "
            f"low of {prior}% on room air.",
            f"Assessment: exertional hypoxemia corrected with {fmt_flow(flow)} L/min. Recommend "
            f"ambulatory O2 at {fmt_flow(flow)} L/min with exertion; titrate to keep SpO2 at or "
            f"above 90%. Patient educated on cannula use and oxygen safety.",
        ]
        y += 6
        for para in paras:
            y = pen.para(LEFT, y, 528, para, "Times-Roman", 10.5) + 8
        signature(pen, LEFT, y + 10, rt, w.day, True)

    f = Facts(p.truth_name, p.dob, None, None, "physician",
              accept={"performed_by": ["hospital_lab", None]})
    return Part("exercise_oximetry", [Page(draw)], m, f, hard)


LAYOUTS = {
    "walk_titration_table": titration_table,
    "six_minute_walk_ats": six_minute_walk,
    "exercise_handfill_form": handfill_form,
    "exercise_minute_grid": minute_grid,
    "exercise_rt_narrative": rt_note,
}
