"""Pediatric paperwork: a BPD clinic note with fractional flows and parents' names, a NICU
discharge summary with day-of-life dates, and a pediatric overnight oximetry table."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from ..context import Ctx
from ..flow import Flow
from ..pen import Pen
from ..synth import FIRST_F, FIRST_M, clinician, fmt_date, fmt_flow, fmt_time, hms
from ..truth import Facts, M, Page, Part
from .common import LEFT, RIGHT, W, ehr_footer, letterhead, patient_box, signature

FLOWS = (0.125, 0.25, 0.25, 0.5)


def _age(p_dob: date, day: date) -> str:
    months = (day - p_dob).days // 30
    return f"{months} months" if months < 24 else f"{months // 12} years"


def _parent(rng: random.Random, last: str) -> str:
    return f"{rng.choice(FIRST_F + FIRST_M)} {last}"


def bpd_note(ctx: Ctx) -> Part:
    """Pediatric pulmonology follow-up: growth numbers, '1/4 LPM', a room-air trial during a
    feed, a summary of last month's oximetry, parents named before the child."""
    rng, p = ctx.rng, ctx.patient
    day = ctx.anchor
    flow = rng.choice(FLOWS)
    on_sat = rng.randint(93, 98)
    trial = rng.randint(84, 89)
    ono_day = day - timedelta(days=rng.randint(10, 40))
    ono_nadir = rng.randint(86, 91)
    ono_mean = round(rng.uniform(94, 97.5), 1)
    mother = _parent(rng, p.last)
    f = Facts(p.truth_name, p.dob, None, None, "physician", accept={"performed_by": [None]})
    ph = rng.choice(("affirmed", "negated", "negated"))
    f.finding("pulmonary_hypertension", ph)
    ms = [M("spo2", on_sat, "rest", "supplemental", flow, "oximetry", day, 0),
          M("spo2", trial, "rest", "room_air", None, "oximetry", day, 0,
            accept={"setting": ["exercise", None]}),
          M("spo2", ono_nadir, "sleep", "supplemental", flow, "oximetry", ono_day, 0),
          M("spo2", ono_mean, "sleep", "supplemental", flow, "oximetry", ono_day, 0,
            optional=True)]
    hard = ["fractional flow (1/8, 1/4 L/min)", "parent named before the patient",
            "room-air trial during a feed (setting debatable)",
            "last month's oximetry summarised in prose", "growth percentiles and weights"]
    preterm = rng.choice((24, 25, 26, 27, 28))

    def decor(pen: Pen, page: int, total: int) -> float:
        pen.text(RIGHT, 770, f"Page {page} of {total}", "Helvetica", 7.5, "right")
        if page > 1:
            pen.text(LEFT, 40, f"{p.name('Last_First')} - DOB {fmt_date(p.dob, 'mdy')}",
                     "Helvetica", 8)
            return 50
        y = letterhead(pen, ctx.peds, "center", sub="Pediatric Pulmonology")
        pen.text(LEFT, y + 4, "OUTPATIENT FOLLOW-UP", "Helvetica-Bold", 11)
        return patient_box(pen, y + 10, [
            ("Patient:", p.name("Last_First")), ("DOB:", fmt_date(p.dob, "mdy")),
            ("Age:", _age(p.dob, day)), ("Visit date:", fmt_date(day, "mdy")),
            ("Accompanied by:", f"{mother} (mother)"), ("PCP:", ctx.physician.name)], 2)

    fl = Flow(LEFT, RIGHT - LEFT, 740, decor)
    fl.add(f"{p.first} is a former {preterm}-week preterm infant with bronchopulmonary dysplasia "
           f"who returns with {'her' if p.sex == 'F' else 'his'} mother, {mother}, for oxygen "
           f"follow-up. Currently on {fmt_flow(flow)} LPM by nasal cannula continuously. Feeding "
           f"well, {rng.randint(3, 5)} oz every 3 hours. No hospitalizations since last visit.",
           "Interval history:")
    fl.add(f"Weight {rng.uniform(4.0, 11.0):.2f} kg ({rng.randint(3, 40)}th percentile), length "
           f"{rng.uniform(55, 80):.1f} cm ({rng.randint(5, 50)}th percentile), HC "
           f"{rng.uniform(38, 46):.1f} cm. HR {rng.randint(110, 150)}, RR {rng.randint(28, 48)}, "
           f"SpO2 {on_sat}% on {fmt_flow(flow)} LPM.", "Vitals:", ms=[ms[0]])
    fl.add("Mild subcostal retractions, coarse breath sounds bilaterally, no wheeze. Liver edge "
           "1 cm below costal margin. Capillary refill < 2 seconds.", "Exam:")
    fl.add(f"Room-air trial in clinic: cannula removed during a bottle feed; SpO2 fell to {trial}% "
           f"within {rng.randint(4, 12)} minutes and recovered on {fmt_flow(flow)} LPM.",
           "Room air trial:", ms=[ms[1]])
    fl.add(f"Overnight oximetry on {fmt_date(ono_day, 'mdy_short')} on {fmt_flow(flow)} LPM: mean "
           f"SpO2 {ono_mean}%, nadir {ono_nadir}%, {rng.uniform(0.1, 2.5):.1f}% of the night below "
           "90%.", "Studies:", ms=ms[2:])
    echo = ("Echo: flattened septum, estimated RVSP 45 mmHg - pulmonary hypertension, on "
            "sildenafil." if ph == "affirmed" else
            "Echo: normal RV size and function, no evidence of pulmonary hypertension.")
    fl.add(echo, "Cardiology:")
    fl.add(f"BPD, still requiring low-flow oxygen. Continue {fmt_flow(flow)} LPM continuous; goal "
           "SpO2 92-95% (avoid below 90%). Repeat overnight oximetry in 2 months to consider "
           "weaning to nocturnal only. Mother's home oximeter readings reviewed.",
           "Assessment/Plan:")
    pages = fl.pages(tail=lambda pen, y: signature(pen, LEFT, y + 6, clinician(
        random.Random(p.mrn), "MD", p.last), day, True), tail_height=24)
    return Part("pediatric_note", pages, ms, f, hard)


def nicu_discharge(ctx: Ctx) -> Part:
    """NICU discharge summary: birth = admission, day-of-life dates, room-air challenge,
    discharged home on 1/8 LPM with home equipment."""
    rng, p = ctx.rng, ctx.patient
    los = rng.randint(70, 130)
    p.dob = ctx.anchor - timedelta(days=los)
    birth = p.dob
    dis = birth + timedelta(days=los)
    dol = los - rng.randint(2, 6)
    challenge_day = birth + timedelta(days=dol)
    flow = rng.choice((0.125, 0.25))
    chal = rng.randint(82, 88)
    back = rng.randint(93, 98)
    d_sat = rng.randint(94, 99)
    f = Facts(p.truth_name, p.dob, birth, dis, "hospital_lab",
              accept={"performed_by": [None, "physician"]})
    f.requested_equipment |= {"stationary", "portable"}
    ms = [M("spo2", chal, "rest", "room_air", None, "oximetry", challenge_day, 0,
            date_accept=[challenge_day - timedelta(days=1)], accept={"setting": [None]}),
          M("spo2", back, "rest", "supplemental", flow, "oximetry", challenge_day, 0,
            date_accept=[challenge_day - timedelta(days=1)], accept={"setting": [None]}),
          M("spo2", d_sat, "rest", "supplemental", flow, "oximetry", dis, 0,
            accept={"setting": [None]})]
    ga = rng.randint(24, 29)
    hard = ["admission date = date of birth", f"'DOL {dol}' date (DOL 0 vs 1 accepted)",
            "gestational ages and weights in grams", "equipment in the discharge plan"]
    doc = clinician(rng, "MD", p.last)
    mother = _parent(rng, p.last)

    def decor(pen: Pen, page: int, total: int) -> float:
        ehr_footer(pen, "NICU Discharge Summary", page, total,
                   datetime.combine(dis + timedelta(days=2), datetime.min.time()))
        if page > 1:
            return 50
        y = letterhead(pen, ctx.hospital, "left", sub="Neonatal Intensive Care Unit")
        pen.text(W / 2, y + 2, "NEONATAL DISCHARGE SUMMARY", "Times-Bold", 12.5, "center")
        return patient_box(pen, y + 10, [
            ("Infant:", p.name("Last_First")), ("Date of birth:", fmt_date(birth, "long")),
            ("Admitted:", fmt_date(birth, "mdy")), ("Discharged:", fmt_date(dis, "mdy")),
            ("Mother:", mother), ("Attending:", doc.name)], 2, "Times-Roman", 9.5)

    fl = Flow(LEFT, RIGHT - LEFT, 735, decor)
    fl.add(f"Born at {ga} 2/7 weeks gestation, birth weight {rng.randint(600, 1300)} g, Apgars "
           f"{rng.randint(2, 6)} and {rng.randint(5, 8)}. Intubated in the delivery room, "
           f"surfactant x{rng.randint(1, 3)}.", "Birth history:", font="Times-Roman", size=10.5)
    fl.add(f"Extubated to CPAP on DOL {rng.randint(5, 30)}, then high-flow and low-flow nasal "
           f"cannula. Diagnosed with moderate-severe bronchopulmonary dysplasia at 36 weeks "
           f"corrected age. Weaned to {fmt_flow(flow)} LPM.", "Respiratory course:",
           font="Times-Roman", size=10.5)
    fl.add(f"Room-air challenge on DOL {dol}: SpO2 decreased to {chal}% within 5 minutes; "
           f"{fmt_flow(flow)} LPM resumed with SpO2 {back}%.", "Oxygen challenge:",
           font="Times-Roman", size=10.5, ms=ms[:2])
    fl.add(f"Full feeds of fortified breast milk; discharge weight {rng.randint(2400, 4200)} g. "
           "Hearing screen passed. ROP stage 2, zone III, follow-up arranged.", "Other:",
           font="Times-Roman", size=10.5)
    fl.add(f"Vitals at discharge: HR {rng.randint(130, 160)}, RR {rng.randint(35, 55)}, SpO2 "
           f"{d_sat}% on {fmt_flow(flow)} LPM NC.", "Discharge exam:", font="Times-Roman",
           size=10.5, ms=[ms[2]])
    fl.add(f"Home oxygen {fmt_flow(flow)} LPM via nasal cannula continuously, low-flow "
           f"concentrator with 1/8-1/4 LPM flowmeter and portable cylinders from "
           f"{ctx.supplier.name}. Home pulse oximeter with alarm limits 90-100%. Wean only "
           "under pulmonology guidance.", "Discharge plan:", font="Times-Roman", size=10.5)
    fl.add(f"Pediatric pulmonology in 2 weeks; PCP {ctx.physician.name} in 2-3 days.",
           "Follow-up:", font="Times-Roman", size=10.5)
    pages = fl.pages(tail=lambda pen, y: signature(pen, LEFT, y + 6, doc, dis, True),
                     tail_height=24)
    return Part("discharge_summary", pages, ms, f, hard)


def peds_ono(ctx: Ctx) -> Part:
    """Hospital pediatric overnight oximetry: thresholds 90/92/94 %, time at or below 88 % only
    in some reports, flows in fractions of a litre."""
    rng, p = ctx.rng, ctx.patient
    start = datetime.combine(ctx.anchor, datetime.min.time()).replace(hour=20,
                                                                       minute=rng.randint(0, 59))
    dur = rng.randint(480, 660)
    end = start + timedelta(minutes=dur)
    valid = dur - rng.randint(10, 60)
    on_o2 = rng.random() < 0.6
    flow = rng.choice(FLOWS) if on_o2 else None
    t88 = round(rng.uniform(0.5, 45), 1)
    t90 = round(t88 + rng.uniform(5, 60), 1)
    t92 = round(t90 + rng.uniform(10, 120), 1)
    nadir = rng.randint(78, 88)
    mean = round(rng.uniform(91.5, 96.5), 1)
    show88 = rng.random() < 0.6
    kw = {"oxygen": "supplemental" if on_o2 else "room_air", "flow_lpm": flow,
          "method": "oximetry", "date": start.date(), "page": 1,
          "date_accept": [end.date()]}
    ms = [M("spo2", nadir, "sleep", **kw), M("spo2", mean, "sleep", optional=True, **kw),
          M("spo2", 89, "sleep", minutes=t90, optional=True, **kw)]
    if show88:
        ms.append(M("spo2", 88, "sleep", minutes=t88, **kw))
    f = Facts(p.truth_name, p.dob, None, None, "hospital_lab",
              accept={"performed_by": ["idtf", "physician"]})
    hard = ["pediatric thresholds (<90, <92, <94 %)", "fractional flow",
            "time <=88% given" if show88 else "no <=88% row at all",
            "percent and minutes columns"]

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.peds, "band", sub="Pediatric Sleep Laboratory")
        pen.text(LEFT, y + 2, "PEDIATRIC OVERNIGHT OXIMETRY", "Helvetica-Bold", 12)
        y = patient_box(pen, y + 10, [
            ("Patient:", p.name("first_last")), ("DOB:", fmt_date(p.dob, "mdy")),
            ("Age:", _age(p.dob, ctx.anchor)), ("Study night:", fmt_date(start.date(), "mdy")),
            ("Oxygen:", f"{fmt_flow(flow)} LPM NC" if flow else "Room air"),
            ("Referred by:", ctx.physician.name)], 2)
        pen.text(LEFT, y + 4, f"Lights out {fmt_time(start.time())}  -  Lights on "
                 f"{fmt_time(end.time())}   Recording {hms(dur)}   Analyzed {hms(valid)}",
                 "Helvetica", 9)
        rows = [["SpO2 threshold", "Time (min)", "% of analyzed time"]]
        if show88:
            rows.append(["<= 88 %", f"{t88}", f"{100 * t88 / valid:.1f}"])
        rows += [["< 90 %", f"{t90}", f"{100 * t90 / valid:.1f}"],
                 ["< 92 %", f"{t92}", f"{100 * t92 / valid:.1f}"],
                 ["< 94 %", f"{t92 + rng.uniform(20, 90):.1f}", ""]]
        y = pen.table(LEFT, y + 16, [150, 110, 130], rows, "Helvetica", 9.5, 16, rules="grid",
                      aligns="lrr", header_fill=0.88)
        y += 14
        for k, v in (("Mean SpO2", f"{mean} %"), ("Lowest SpO2", f"{nadir} %"),
                     ("Desaturation index (>= 3 %)", f"{rng.uniform(2, 15):.1f} /h"),
                     ("Mean pulse rate", f"{rng.randint(95, 135)} bpm")):
            pen.text(LEFT + 4, y + 10, k, "Helvetica", 9.5)
            pen.text(LEFT + 250, y + 10, v, "Helvetica-Bold", 9.5)
            y += 14
        y += 10
        y = pen.para(LEFT, y, 528, "Interpretation: " + rng.choice((
            "Intermittent desaturation during sleep. Recommend continuing current oxygen.",
            "Adequate oxygenation on current flow; may trial nocturnal-only oxygen.",
            "Sleep-related hypoxemia; suggest increasing flow by 1/8 LPM and repeating study.")) +
            " Target SpO2 for infants with BPD is 92% or above.", "Helvetica", 9.5)
        signature(pen, LEFT, y + 14, clinician(rng, "MD", p.last), end.date() + timedelta(days=2),
                  rng.random() < 0.5, "Interpreting physician")

    return Part("overnight_oximetry", [Page(draw)], ms, f, hard)


LAYOUTS = {
    "peds_bpd_clinic_note": bpd_note,
    "peds_nicu_discharge": nicu_discharge,
    "peds_overnight_oximetry": peds_ono,
}
