"""Discharge paperwork: a narrative discharge summary with hospital-day dates, and a
check-box interfacility transfer/discharge form with a last-vitals grid."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..context import Ctx
from ..flow import Flow
from ..pen import Pen
from ..synth import clinician, fmt_date, fmt_flow, fmt_time
from ..truth import Facts, M, Page, Part
from . import clinical
from .clinical import Story
from .common import LEFT, RIGHT, W, ehr_footer, letterhead


def _stay(ctx: Ctx) -> tuple[date, date]:
    los = ctx.rng.randint(3, 9)
    return ctx.anchor, ctx.anchor + timedelta(days=los)


def summary(ctx: Ctx) -> Part:
    """Narrative discharge summary: ED values, admission ABG, 'hospital day 3', a room-air
    walk the day before discharge, discharge vitals on oxygen, DME orders."""
    rng, p = ctx.rng, ctx.patient
    adm, dis = _stay(ctx)
    f = Facts(p.truth_name, p.dob, adm, dis, "hospital_lab",
              accept={"performed_by": [None, "physician"]})
    s = Story(rng, f, dis)
    clinical.findings(s, ("dependent_edema", "pulmonary_hypertension", "cor_pulmonale",
                          "congestive_heart_failure"))
    ed_ra, ed_o2, ed_flow = rng.randint(78, 87), rng.randint(90, 96), float(rng.choice((3, 4, 5)))
    po2 = rng.randint(44, 56)
    hd = rng.randint(2, min(4, (dis - adm).days - 1))
    hd_sat, hd_flow = rng.randint(91, 96), float(rng.choice((2, 3)))
    walk_day = dis - timedelta(days=1)
    w_rest, w_ex, w_on = rng.randint(86, 90), rng.randint(81, 87), rng.randint(90, 94)
    home_flow = float(rng.choice((2, 2, 3)))
    d_sat = rng.randint(90, 95)
    relative_walk = rng.random() < 0.5
    equipment = rng.choice((("concentrator", "portable tanks"), ("concentrator",),
                            ("concentrator", "portable concentrator")))
    for e in equipment:
        f.requested_equipment.add("stationary" if e == "concentrator" else "portable")
    ms_course = [M("spo2", ed_ra, "rest", "room_air", None, "oximetry", adm, 0),
                 M("spo2", ed_o2, "rest", "supplemental", ed_flow, "oximetry", adm, 0),
                 M("pao2", po2, "rest", "room_air", None, "abg", adm, 0,
                   accept={"setting": [None]}),
                 M("spo2", hd_sat, "rest", "supplemental", hd_flow, "oximetry",
                   adm + timedelta(days=hd - 1), 0, date_accept=[adm + timedelta(days=hd)])]
    ms_walk = [M("spo2", w_rest, "rest", "room_air", None, "oximetry", walk_day, 0),
               M("spo2", w_ex, "exercise", "room_air", None, "oximetry", walk_day, 0),
               M("spo2", w_on, "exercise", "supplemental", home_flow, "oximetry", walk_day, 0)]
    ms_dis = [M("spo2", d_sat, "rest", "supplemental", home_flow, "oximetry", dis, 0)]
    hard = ["admission vs discharge values", f"'hospital day {hd}' relative date",
            "walk test dated 'the day before discharge'" if relative_walk else "walk test dated",
            "ABG on admission in prose", "printed date and page footer", *s.hard]
    attending = clinician(rng, "MD", p.last)
    printed = datetime.combine(dis + timedelta(days=rng.randint(1, 6)), time(rng.randint(8, 17),
                                                                             rng.randint(0, 59)))
    ds = rng.choice(("mdy", "mdy_short", "dmony"))

    def decor(pen: Pen, page: int, total: int) -> float:
        ehr_footer(pen, f"{p.name('Last_First')}  MRN {p.mrn}", page, total, printed)
        if page > 1:
            pen.text(LEFT, 40, f"DISCHARGE SUMMARY (cont.) - {p.name('Last_First')}",
                     "Helvetica-Bold", 9)
            return 50
        y = letterhead(pen, ctx.hospital, "center")
        pen.text(W / 2, y + 2, "DISCHARGE SUMMARY", "Helvetica-Bold", 13, "center")
        rows = [("Patient:", p.name("Last_First"), "MRN:", p.mrn),
                ("DOB:", fmt_date(p.dob, ds), "Attending:", attending.name),
                ("Admission Date:", fmt_date(adm, ds), "Discharge Date:", fmt_date(dis, ds)),
                ("PCP:", ctx.physician.name, "Disposition:", "Home with home health")]
        y += 16
        for i, (k1, v1, k2, v2) in enumerate(rows):
            pen.kv(LEFT, y + i * 13, k1, v1, "Helvetica", 9)
            pen.kv(LEFT + 280, y + i * 13, k2, v2, "Helvetica", 9)
        pen.line(LEFT, y + 4 * 13, RIGHT, y + 4 * 13, 0.6)
        return y + 4 * 13 + 4

    fl = Flow(LEFT, RIGHT - LEFT, 735, decor)
    fl.heading("Discharge Diagnoses")
    fl.add("1. Acute on chronic hypoxemic respiratory failure. 2. COPD with acute exacerbation. "
           "3. Hypertension.", x_indent=8)
    fl.heading("History of Present Illness")
    fl.add(f"{p.age_on(adm)}-year-old with COPD presented with 4 days of worsening dyspnea and "
           "productive cough. " + s.text("pmh")[0], ms=s.text("pmh")[1])
    fl.heading("Hospital Course")
    fl.add(f"In the emergency department SpO2 was {ed_ra}% on room air; placed on "
           f"{fmt_flow(ed_flow)} L NC with SpO2 {ed_o2}%. Admission ABG on room air (drawn before "
           f"oxygen): pH 7.{rng.randint(28, 36)}, pCO2 {rng.randint(50, 68)}, pO2 {po2} mmHg. "
           "Treated with nebulized bronchodilators, IV methylprednisolone transitioned to "
           "prednisone, and azithromycin.", ms=ms_course[:3])
    fl.add(f"By hospital day {hd} oxygen was weaned to {fmt_flow(hd_flow)} L with SpO2 {hd_sat}% "
           f"at rest. " + s.text("exam")[0], ms=[ms_course[3]] + s.text("exam")[1])
    when = ("On the day before discharge" if relative_walk else
            f"On {fmt_date(walk_day, ds)}")
    fl.add(f"{when}, ambulatory oximetry was performed: SpO2 {w_rest}% at rest on room air, "
           f"{w_ex}% with ambulation on room air, and {w_on}% with ambulation on "
           f"{fmt_flow(home_flow)} L/min NC. Home oxygen was arranged.", ms=ms_walk)
    data, dm = s.text("data")
    if data:
        fl.add(data, ms=dm)
    fl.heading("Consults and Procedures")
    fl.add(f"Pulmonology ({clinician(rng, 'MD', p.last).name}) - agreed with steroid taper and "
           "home oxygen evaluation. Procedures: none. Chest x-ray on admission: hyperinflation, "
           "no focal consolidation; repeat not performed.")
    fl.heading("Problem-based Course")
    fl.add("COPD exacerbation: improved with bronchodilators and steroids; peak flow "
           f"{rng.randint(140, 260)} L/min at discharge. Hypertension: home lisinopril "
           "continued. Hyperglycemia from steroids: sliding-scale insulin, resolved. "
           "Deconditioning: seen by physical therapy, ambulating independently with a "
           "rolling walker.")
    fl.heading("Condition and Vitals at Discharge")
    fl.add(f"Stable. T 36.{rng.randint(4, 9)} C, HR {rng.randint(70, 95)}, BP "
           f"{rng.randint(110, 150)}/{rng.randint(60, 90)}, RR {rng.randint(14, 20)}, "
           f"SpO2 {d_sat}% on {fmt_flow(home_flow)} L NC.", ms=ms_dis)
    fl.heading("Discharge Orders")
    fl.add(f"Home oxygen {fmt_flow(home_flow)} L/min via nasal cannula continuous and with "
           f"exertion; {' and '.join(equipment)} through {ctx.supplier.name}. " +
           " ".join(clinical.plan_sentences(s)) + " " + s.text("plan")[0])
    fl.heading("Discharge Medications", size=9.5)
    for med in ("prednisone 40 mg PO daily x 3 more days, then stop",
                "tiotropium 18 mcg inhaled daily", "budesonide/formoterol 160/4.5 2 puffs BID",
                "albuterol HFA 2 puffs q4h PRN wheeze", "lisinopril 10 mg PO daily",
                "azithromycin 250 mg PO daily x 2 more days"):
        fl.add("- " + med, x_indent=10, space_before=1)
    fl.add(f"Follow up with {ctx.physician.name} in 1 week. Pending results: none. "
           + s.text("assessment")[0], ms=s.text("assessment")[1])
    pages = fl.pages(tail=lambda pen, y: pen.text(LEFT, y + 10, f"Electronically signed by "
                                                  f"{attending.name} on {fmt_date(dis, 'mdy')}",
                                                  "Helvetica-Oblique", 8.5) and y + 20,
                     tail_height=24)
    ms = [m for b in fl.blocks for m in b.ms]
    return Part("discharge_summary", pages, ms, f, hard)


def transfer_form(ctx: Ctx) -> Part:
    """Boxed transfer/discharge form: M/D/YY dates in boxes, O2 check boxes, last-vitals grid
    with rows across midnight, edema check box."""
    rng, p = ctx.rng, ctx.patient
    adm, dis = _stay(ctx)
    f = Facts(p.truth_name, p.dob, adm, dis, "hospital_lab",
              accept={"performed_by": [None, "physician"]})
    flow = float(rng.choice((1, 2, 2, 3)))
    rows = []
    t = datetime.combine(dis - timedelta(days=1), time(rng.choice((16, 20, 22)), 0))
    ms = []
    for i in range(4):
        on = not (i == 2 and rng.random() < 0.6)
        sat = rng.randint(90, 96) if on else rng.randint(85, 89)
        rows.append((t, sat, on))
        ms.append(M("spo2", sat, "rest", "supplemental" if on else "room_air",
                    flow if on else None, "oximetry", t.date(), 1, accept={"setting": [None]}))
        t += timedelta(hours=4)
    edema = rng.choice(("yes", "no"))
    f.finding("dependent_edema", "affirmed" if edema == "yes" else "negated")
    mark = rng.choice(("x", "tick"))
    hard = ["dates in M/D/YY boxes", "O2 state per grid row", "grid rows cross midnight",
            "edema answered by check box", "flow and device as check boxes"]

    def draw(pen: Pen) -> None:
        pen.text(LEFT, 40, ctx.hospital.name, "Helvetica-Bold", 11)
        pen.text(RIGHT, 40, "INTERFACILITY TRANSFER / DISCHARGE FORM", "Helvetica-Bold", 10,
                 "right")
        y = 50
        fields = [("PATIENT NAME (LAST, FIRST MI)", p.name("last_first"), 250),
                  ("DOB", fmt_date(p.dob, "mdy_short"), 80), ("MRN", p.mrn, 90),
                  ("SEX", p.sex, 108)]
        x = LEFT
        for label, value, wd in fields:
            pen.field_above(x, y, wd, label, value)
            x += wd
        y += 24
        fields = [("ADMISSION DATE", fmt_date(adm, "mdy_short"), 110),
                  ("DISCHARGE DATE", fmt_date(dis, "mdy_short"), 110),
                  ("ATTENDING", clinician(rng, "MD", p.last).name, 170),
                  ("RECEIVING AGENCY", ctx.home_health.name.split(" Home")[0][:17], 138)]
        x = LEFT
        for label, value, wd in fields:
            pen.field_above(x, y, wd, label, value, hand=True)
            x += wd
        y += 40
        pen.text(LEFT, y, "DISCHARGED TO:", "Helvetica-Bold", 9)
        x = LEFT + 95
        for i, o in enumerate(("Home", "Home with home health", "SNF", "Rehab")):
            pen.checkbox(x, y - 8, mark if i == 1 else None)
            x += 13 + pen.text(x + 13, y, o, "Helvetica", 9) + 22
        y += 20
        pen.text(LEFT, y, "RESPIRATORY:", "Helvetica-Bold", 9)
        pen.checkbox(LEFT + 95, y - 8, None)
        pen.text(LEFT + 108, y, "Room air", "Helvetica", 9)
        pen.checkbox(LEFT + 170, y - 8, mark)
        pen.text(LEFT + 183, y, "Oxygen ____ L/min via", "Helvetica", 9)
        pen.hand(LEFT + 222, y - 2, fmt_flow(flow), 12)
        for i, o in enumerate(("NC", "Mask", "Trach")):
            pen.checkbox(LEFT + 290 + i * 55, y - 8, mark if i == 0 else None)
            pen.text(LEFT + 303 + i * 55, y, o, "Helvetica", 9)
        y += 16
        freq = rng.randint(0, 2)
        for i, o in enumerate(("continuous", "with exertion", "nocturnal")):
            pen.checkbox(LEFT + 95 + i * 110, y - 8, mark if i == freq else None)
            pen.text(LEFT + 108 + i * 110, y, o, "Helvetica", 9)
        y += 24
        pen.text(LEFT, y, "LAST VITAL SIGNS", "Helvetica-Bold", 9)
        grid = [["Date", "Time", "T (F)", "HR", "RR", "BP", "SpO2 %", "O2"]]
        for when, sat, on in rows:
            grid.append([fmt_date(when.date(), "mdy_short"), fmt_time(when.time(), "mil"),
                         f"{rng.uniform(97.5, 99.1):.1f}", str(rng.randint(68, 96)),
                         str(rng.randint(14, 22)), f"{rng.randint(108, 150)}/{rng.randint(60, 88)}",
                         str(sat), f"{fmt_flow(flow)} L NC" if on else "RA"])
        y = pen.table(LEFT, y + 6, [70, 45, 50, 40, 40, 70, 55, 158], grid, "Helvetica", 8.8, 16,
                      rules="grid", header_fill=0.88, aligns="lccccccl")
        y += 20
        pen.text(LEFT, y, "SKIN / EDEMA:", "Helvetica-Bold", 9)
        pen.checkbox(LEFT + 95, y - 8, mark if edema == "yes" else None)
        pen.text(LEFT + 108, y, "Edema  location ____________  grade ____", "Helvetica", 9)
        if edema == "yes":
            pen.hand(LEFT + 190, y - 2, "bilat LE", 11)
            pen.hand(LEFT + 283, y - 2, rng.choice(("2+", "1+", "3+")), 11)
        pen.checkbox(LEFT + 330, y - 8, mark if edema == "no" else None)
        pen.text(LEFT + 343, y, "No edema", "Helvetica", 9)
        y += 20
        pen.text(LEFT, y, "CODE STATUS:", "Helvetica-Bold", 9)
        pen.text(LEFT + 95, y, rng.choice(("Full code", "DNR/DNI")), "Helvetica", 9)
        pen.text(LEFT + 250, y, "ISOLATION:", "Helvetica-Bold", 9)
        pen.text(LEFT + 320, y, "None", "Helvetica", 9)
        y += 24
        pen.text(LEFT, y, "NURSING NOTES / SPECIAL INSTRUCTIONS:", "Helvetica-Bold", 9)
        y = pen.para(LEFT, y + 14, 528, "Teach oxygen safety, no smoking in home. Keep SpO2 "
                     "88-92%. Call MD for SpO2 below 88% on prescribed oxygen, increased "
                     "work of breathing, or fever.", "Helvetica", 9)
        pen.text(LEFT, y + 20, "Report called to:", "Helvetica", 9)
        pen.hand(LEFT + 85, y + 18, clinician(rng, "RN", p.last).name, 11)
        pen.text(LEFT + 300, y + 20, "Nurse signature:", "Helvetica", 9)
        pen.scribble(LEFT + 380, y + 20, 100)
        pen.text(LEFT, 770, "Form NUR-1183 Rev 03/19", "Helvetica", 7)

    return Part("discharge_form", [Page(draw)], ms, f, hard)


LAYOUTS = {
    "discharge_summary_narrative": summary,
    "discharge_transfer_form": transfer_form,
}
