"""Nursing documents: a home-health skilled nursing visit with a small vitals flow sheet and
assessment check boxes, and a landscape inpatient vitals grid with times across two dates."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from ..context import Ctx
from ..pen import Pen
from ..synth import clinician, fmt_date, fmt_flow, fmt_time, rand_time
from ..truth import Facts, M, Page, Part
from .common import LAND, LEFT, RIGHT, letterhead


def home_visit(ctx: Ctx) -> Part:
    """Skilled nursing visit: pre/during/recovery vitals rows, edema check boxes, equipment
    already in the home (not an order), an off-O2 check at rest."""
    rng, p = ctx.rng, ctx.patient
    day = ctx.anchor
    t_in = rand_time(rng, 8, 15)
    flow = float(rng.choice((1, 2, 2, 3)))
    pre, during, rec = rng.randint(91, 96), rng.randint(84, 90), rng.randint(90, 95)
    off_o2 = rng.random() < 0.5
    off = rng.randint(84, 89)
    ms = [M("spo2", pre, "rest", "supplemental", flow, "oximetry", day, 1),
          M("spo2", during, "exercise", "supplemental", flow, "oximetry", day, 1),
          M("spo2", rec, "rest", "supplemental", flow, "oximetry", day, 1, optional=True,
            accept={"setting": ["exercise", None]})]
    if off_o2:
        ms.append(M("spo2", off, "rest", "room_air", None, "oximetry", day, 1))
    f = Facts(p.truth_name, p.dob, None, None, None, accept={"performed_by": ["physician"]})
    edema = rng.choice(("none", "1+", "2+", "3+"))
    f.finding("dependent_edema", "negated" if edema == "none" else "affirmed")
    mark = rng.choice(("x", "tick"))
    hard = ["vitals flow sheet: pre / during / recovery rows on O2", "edema grade check boxes",
            "equipment in the home is not an order", "instructions with SpO2 thresholds"]
    if off_o2:
        hard.append("off-O2 room-air value in the narrative")

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.home_health, "band", sub="Medicare-certified home health agency")
        pen.text(LEFT, y, "SKILLED NURSING VISIT NOTE", "Helvetica-Bold", 12)
        y += 8
        fields = [("PATIENT", p.name("Last_First"), 200), ("DOB", fmt_date(p.dob, "mdy"), 80),
                  ("VISIT DATE", fmt_date(day, "mdy"), 80),
                  ("TIME IN", fmt_time(t_in), 56), ("TIME OUT", fmt_time(
                      (datetime.combine(day, t_in) + timedelta(minutes=50)).time()), 56),
                  ("EPISODE", f"{rng.randint(1, 4)}", 56)]
        x = LEFT
        for label, value, wd in fields:
            pen.field_above(x, y, wd, label, value, hand=label not in ("PATIENT", "DOB"))
            x += wd
        y += 40
        pen.text(LEFT, y, "VITAL SIGNS", "Helvetica-Bold", 9.5)
        rows = [["", "BP", "HR", "RR", "SpO2", "O2"],
                ["Pre-activity (seated 5 min)", f"{rng.randint(110, 150)}/{rng.randint(60, 90)}",
                 str(rng.randint(68, 92)), str(rng.randint(14, 20)), f"{pre}%",
                 f"{fmt_flow(flow)} L NC"],
                ["During activity (ambulating 50 ft)", "", str(rng.randint(95, 118)),
                 str(rng.randint(22, 28)), f"{during}%", f"{fmt_flow(flow)} L NC"],
                ["Recovery (3 min seated)", "", str(rng.randint(80, 96)), str(rng.randint(16, 22)),
                 f"{rec}%", f"{fmt_flow(flow)} L NC"]]
        y = pen.table(LEFT, y + 6, [190, 70, 50, 50, 60, 108], rows, "Helvetica", 9, 17,
                      rules="grid", header_fill=0.88, aligns="lccccl")
        y += 20
        pen.text(LEFT, y, "CARDIOPULMONARY", "Helvetica-Bold", 9.5)
        y += 16
        pen.text(LEFT, y, "Lung sounds:", "Helvetica", 9)
        for i, o in enumerate(("clear", "diminished", "crackles", "wheezes")):
            pen.checkbox(LEFT + 80 + i * 80, y - 8, mark if i == 1 else None)
            pen.text(LEFT + 93 + i * 80, y, o, "Helvetica", 9)
        y += 16
        pen.text(LEFT, y, "Edema:", "Helvetica", 9)
        for i, o in enumerate(("none", "1+", "2+", "3+", "4+")):
            pen.checkbox(LEFT + 80 + i * 60, y - 8, mark if o == edema else None)
            pen.text(LEFT + 93 + i * 60, y, o, "Helvetica", 9)
        pen.text(LEFT + 390, y, "location:", "Helvetica", 9)
        if edema != "none":
            pen.hand(LEFT + 432, y - 1, rng.choice(("bilat ankles", "BLE to shins", "both feet")),
                     11)
        y += 16
        pen.text(LEFT, y, "Dyspnea:", "Helvetica", 9)
        for i, o in enumerate(("at rest", "with minimal exertion", "with moderate exertion")):
            pen.checkbox(LEFT + 80 + i * 140, y - 8, mark if i == 1 else None)
            pen.text(LEFT + 93 + i * 140, y, o, "Helvetica", 9)
        y += 24
        pen.text(LEFT, y, "OXYGEN / EQUIPMENT IN HOME", "Helvetica-Bold", 9.5)
        y += 16
        pen.text(LEFT, y, "O2 in use at ____ L/min via NC,", "Helvetica", 9)
        pen.hand(LEFT + 62, y - 1, fmt_flow(flow), 12)
        for i, o in enumerate(("continuous", "PRN", "nocturnal")):
            pen.checkbox(LEFT + 190 + i * 80, y - 8, mark if i == 0 else None)
            pen.text(LEFT + 203 + i * 80, y, o, "Helvetica", 9)
        y += 16
        pen.text(LEFT, y, "Equipment:", "Helvetica", 9)
        for i, o in enumerate(("concentrator", "portable tanks", "POC", "nebulizer", "walker")):
            pen.checkbox(LEFT + 80 + i * 90, y - 8, mark if i in (0, 1, 4) else None)
            pen.text(LEFT + 93 + i * 90, y, o, "Helvetica", 9)
        y += 24
        pen.text(LEFT, y, "NARRATIVE", "Helvetica-Bold", 9.5)
        txt = ("Pt seen for skilled observation and assessment of COPD and oxygen use. Tolerated "
               "ambulation in home with rest breaks. ")
        if off_o2:
            txt += (f"With MD order, O2 removed for 5 minutes at rest: SpO2 {off}% on room air; "
                    "O2 resumed. ")
        txt += ("Reinforced oxygen safety and pursed-lip breathing. Instructed pt and spouse to "
                "call agency if SpO2 below 88% on prescribed O2 or if weight gain over 3 lb in a "
                "day. Next visit in 1 week.")
        y = pen.para(LEFT, y + 14, 528, txt, "Helvetica", 9)
        nurse = clinician(rng, "RN", p.last)
        pen.text(LEFT, y + 20, "Clinician:", "Helvetica", 9)
        pen.scribble(LEFT + 55, y + 20, 90)
        pen.text(LEFT + 160, y + 20, nurse.name, "Helvetica", 9)
        pen.text(RIGHT, 770, f"Physician: {ctx.physician.name}", "Helvetica", 7.5, "right")

    return Part("nursing_note", [Page(draw)], ms, f, hard)


def inpatient_grid(ctx: Ctx) -> Part:
    """Landscape vitals flowsheet: times across (crossing midnight), SpO2/device/flow/FiO2 rows,
    one column taken while ambulating."""
    rng, p = ctx.rng, ctx.patient
    admit = ctx.anchor - timedelta(days=rng.randint(1, 4))
    start = datetime.combine(ctx.anchor, time(rng.choice((16, 20)), 0))
    cols = []
    walk_col = rng.randint(3, 5)
    for i in range(7):
        t = start + timedelta(hours=4 * i)
        if i == walk_col:
            t = t.replace(minute=rng.choice((15, 30, 40)))
        kind = "ra" if i == walk_col or (i == walk_col + 1 and rng.random() < 0.5) else "nc"
        flow = float(rng.choice((2, 3))) if kind == "nc" else None
        sat = (rng.randint(90, 96) if kind == "nc" else rng.randint(86, 91))
        if i == walk_col:
            sat = rng.randint(82, 88)
        cols.append((t, kind, flow, sat))
    ms = []
    for i, (t, kind, flow, sat) in enumerate(cols):
        setting = "exercise" if i == walk_col else "rest"
        acc = {} if i == walk_col else {"setting": [None]}
        ms.append(M("spo2", sat, setting, "room_air" if kind == "ra" else "supplemental", flow,
                    "oximetry", t.date(), 1, accept=acc))
    f = Facts(p.truth_name, p.dob, admit, None, "hospital_lab",
              accept={"performed_by": [None, "physician"]})
    hard = ["times across in columns", "date header changes at midnight",
            "O2 device, flow and FiO2 on separate rows", "one column while ambulating",
            "landscape page (turned on the fax)"]

    def draw(pen: Pen) -> None:
        pen.text(LEFT, 36, ctx.hospital.name, "Helvetica-Bold", 11)
        pen.text(750, 36, "Vital Signs Flowsheet", "Helvetica-Bold", 11, "right")
        pen.text(LEFT, 50, f"{p.name('last_first')}   MRN {p.mrn}   DOB {fmt_date(p.dob, 'mdy')}"
                 f"   Admit {fmt_date(admit, 'mdy')}   Unit 5 West   Rm {rng.randint(501, 540)}",
                 "Helvetica", 8.5)
        date_row = ["Date"]
        prev = None
        for t, *_ in cols:
            date_row.append(fmt_date(t.date(), "mdy_short") if t.date() != prev else "")
            prev = t.date()
        rows = [date_row, ["Time"] + [fmt_time(t.time(), "mil") for t, *_ in cols],
                ["Temp (C)"] + [f"{rng.uniform(36.4, 37.8):.1f}" for _ in cols],
                ["Pulse"] + [str(rng.randint(70, 112)) for _ in cols],
                ["Resp"] + [str(rng.randint(14, 26)) for _ in cols],
                ["BP"] + [f"{rng.randint(104, 158)}/{rng.randint(58, 92)}" for _ in cols],
                ["SpO2 (%)"] + [str(c[3]) for c in cols],
                ["O2 Device"] + ["Room air" if c[1] == "ra" else "Nasal cannula" for c in cols],
                ["O2 Flow (L/min)"] + ["" if c[2] is None else fmt_flow(c[2]) for c in cols],
                ["FiO2 (%)"] + ["21" if c[2] is None else str(int(21 + 4 * c[2])) for c in cols],
                ["Activity"] + ["Ambulating in hall" if i == walk_col else
                                rng.choice(("Bed", "Chair", "Sleeping", "Bed")) for i in range(7)],
                ["Pain (0-10)"] + [str(rng.randint(0, 4)) for _ in cols],
                ["Initials"] + [rng.choice(("JK", "MT", "AL", "RS")) for _ in cols]]
        pen.table(LEFT, 64, [110] + [91] * 7, rows, "Helvetica", 8.5, 17, header=2,
                  rules="grid", header_fill=0.88, aligns="l" + "c" * 7)
        y = 64 + 17 * len(rows) + 18
        pen.text(LEFT, y, "Comments:", "Helvetica-Bold", 8.5)
        pen.para(LEFT + 60, y, 640, f"{fmt_time(cols[walk_col][0].time(), 'mil')} ambulated "
                 f"{rng.randint(100, 250)} ft in hallway on room air per RT request for home O2 "
                 "evaluation; returned to bed, O2 reapplied. Notify MD if SpO2 < 88% on O2.",
                 "Helvetica", 8.5)
        pen.text(750, 590, "Page 1 of 1", "Helvetica", 7.5, "right")

    return Part("nursing_flowsheet", [Page(draw, LAND)], ms, f, hard)


LAYOUTS = {
    "nursing_home_visit": home_visit,
    "nursing_inpatient_grid": inpatient_grid,
}
