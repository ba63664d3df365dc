"""Discharge summaries: dictated narrative, structured EHR summary, two-column transition form.

Traps built in: admission vs discharge dates, values on admission (on oxygen) vs at discharge
(room air), hospital-course prose, discharge vitals tables with per-row dates, dictated and
transcribed dates, anticipated discharge dates, check-box equipment lists.
"""

from __future__ import annotations

import datetime as dt
import random

from .. import marks, synth
from ..case import Case
from ..clinical import distribute, lower_first
from ..page import Page, wrap
from ..part import Builder, DocPart
from ..table import Cell, CellLike, draw_table
from .common import ehr_footer, letterhead, set_patient, signature_block


def stay(rng: random.Random, case: Case) -> tuple[dt.date, dt.date]:
    """The case's hospital stay (created on first use)."""
    if case.admission is None or case.discharge is None:
        case.discharge = case.anchor
        case.admission = case.anchor - dt.timedelta(days=rng.randint(2, 8))
    return case.admission, case.discharge


def _flow(case: Case) -> float:
    return case.flow if case.flow >= 1 else 1.0


def dc_narrative(rng: random.Random, case: Case, j: int) -> DocPart:
    """Dictated two-page summary: admission values in the course, discharge values on page 2."""
    part = DocPart("discharge_summary", "dc_summary_narrative")
    set_patient(part, case)
    part.facts.performed_by = "hospital_lab"
    pt = case.patient
    adm, dis = stay(rng, case)
    part.facts.admission_date, part.facts.discharge_date = adm, dis
    sec = distribute(rng, case, part.facts)
    font = "times"
    pg = part.new_page()
    y = letterhead(pg, case.hospital, 40, "times")
    pg.text(306, y, "DISCHARGE SUMMARY", "times-b", 13, align="center")
    y += 16
    dictated = synth.at(dis, rng, 13, 18)
    transcribed = dictated + dt.timedelta(hours=rng.randint(14, 40))
    hdr = [
        [f"PATIENT: {pt.last_first}", f"MRN: {pt.mrn}", f"DOB: {synth.fmt_date(pt.dob, 'us')}"],
        [
            f"ADMISSION DATE: {synth.fmt_date(adm, 'us')}",
            f"DISCHARGE DATE: {synth.fmt_date(dis, 'us')}",
            f"ATTENDING: {case.physician.signed}",
        ],
    ]
    y = draw_table(pg, 40, y, [200, 180, 152], hdr, font=font, size=9, ruled="none").bottom + 8
    dx = ["Acute on chronic hypoxic respiratory failure", f"{case.dx[0][1]}"] + sec["assessment"]
    y = pg.para(40, y, 530, "DISCHARGE DIAGNOSES: " + "; ".join(dx) + ".", font, 10, 13) + 6
    if sec["pmh"]:
        y = (
            pg.para(
                40, y, 530, "PAST MEDICAL HISTORY: " + "; ".join(sec["pmh"]) + ".", font, 10, 13
            )
            + 6
        )
    if sec["fh"]:
        y = pg.para(40, y, 530, "FAMILY HISTORY: " + "; ".join(sec["fh"]) + ".", font, 10, 13) + 6
    hpi = (
        f"HISTORY OF PRESENT ILLNESS: {pt.title} {pt.last} is a {pt.age_on(adm)}-year-old with "
        f"{lower_first(case.dx[0][1])} and {lower_first(case.dx[1][1])} who presented with "
        "increasing dyspnea, productive cough and wheezing for three days, not relieved by "
        "home nebulizers. No home oxygen before this admission."
    )
    y = pg.para(40, y, 530, hpi, font, 10, 13) + 6
    a1 = rng.randint(78, 87)
    a_flow = float(rng.choice([3, 4, 5]))
    a2 = rng.randint(90, 95)
    course = [
        f"HOSPITAL COURSE: {pt.title} {pt.last} presented to the emergency department on "
        f"{synth.fmt_date(adm, 'us')} with three days of worsening dyspnea and cough. On arrival "
        f"SpO2 was {a1}% on room air and {pt.he} was placed on {a_flow:g} L nasal cannula with "
        f"improvement to {a2}%."
    ]
    part.add("spo2", a1, "rest", "room_air", "oximetry", adm)
    part.add("spo2", a2, "rest", "supplemental", "oximetry", adm, flow=a_flow)
    part.hard.append("admission values on oxygen vs discharge values on room air")
    if not case.abg_in_packet:
        po2 = rng.randint(58, 75)
        course.append(
            f"Arterial blood gas on {a_flow:g} L showed pH {rng.uniform(7.28, 7.36):.2f}, "
            f"pCO2 {rng.randint(48, 66)}, PaO2 {po2}."
        )
        part.add("pao2", po2, "rest", "supplemental", "abg", adm, flow=a_flow)
    else:
        course.append("Blood gas results are attached.")
    if j % 2 == 0:
        hct = rng.randint(42, 60)
        course.append(f"CBC on admission showed hemoglobin {hct / 3:.1f} and hematocrit {hct}%.")
        part.add("hematocrit", hct, None, None, "lab", adm)
    course.append(
        f"{pt.he.capitalize()} was treated with nebulized bronchodilators, IV "
        "methylprednisolone and azithromycin, and was weaned to 2 L by hospital day 3."
    )
    if sec["data"]:
        course.append("Echocardiogram and ECG this admission: " + "; ".join(sec["data"]) + ".")
    y = pg.para(40, y, 530, " ".join(course), font, 10, 13) + 6
    results = (
        f"PERTINENT RESULTS: Chest x-ray on admission with hyperinflation and no focal "
        f"consolidation. BNP {rng.randint(40, 900)} pg/mL. Sputum culture with normal flora. "
        f"Procalcitonin {rng.uniform(0.05, 0.4):.2f}. Spirometry not performed this admission."
    )
    y = pg.para(40, y, 530, results, font, 10, 13) + 6
    y = pg.para(40, y, 530, "PROCEDURES: None.", font, 10, 13) + 6
    y = pg.para(
        40, y, 530, "CONSULTANTS: Pulmonology, Respiratory Therapy, Case Management.", font, 10, 13
    )
    pg.text(306, 760, "(continued)", "times-i", 8.5, align="center")
    # page 2
    pg2 = part.new_page()
    y = 48.0
    pg2.text(40, y, f"DISCHARGE SUMMARY - {pt.last_first} - MRN {pt.mrn} - Page 2", "times-i", 8.5)
    y += 22
    r = rng.randint(86, 92)
    e = r - rng.randint(2, 6)
    o = rng.randint(90, 95)
    f = _flow(case)
    ev = (
        f"DISCHARGE OXYGEN EVALUATION: On the day of discharge, resting SpO2 on room air was {r}%. "
        f"With ambulation on room air {pt.he} desaturated to {e}%; on {f:g} L/min nasal cannula "
        f"with ambulation SpO2 was {o}%."
    )
    y = pg2.para(40, y, 530, ev, font, 10, 13) + 8
    part.add("spo2", r, "rest", "room_air", "oximetry", dis)
    part.add("spo2", e, "exercise", "room_air", "oximetry", dis)
    part.add("spo2", o, "exercise", "supplemental", "oximetry", dis, flow=f)
    part.hard.append("discharge values on page 2")
    exam = "DISCHARGE EXAM: Alert, speaking full sentences. Lungs with scattered wheeze. " + (
        "Extremities: " + ", ".join(sec["exam"]) + "." if sec["exam"] else ""
    )
    y = pg2.para(40, y, 530, exam, font, 10, 13) + 8
    y = pg2.para(40, y, 530, "CONDITION AT DISCHARGE: Stable.", font, 10, 13) + 8
    disp = (
        f"DISPOSITION: Home with home oxygen {f:g} L/min via nasal cannula with exertion and "
        f"sleep; stationary concentrator and portable system arranged through {case.supplier.name}."
    )
    y = pg2.para(40, y, 530, disp, font, 10, 13) + 8
    part.facts.requested_equipment |= {"stationary", "portable"}
    meds = (
        "DISCHARGE MEDICATIONS: Prednisone 40 mg daily x 3 more days; tiotropium daily; "
        "budesonide/formoterol 2 puffs BID; albuterol every 4 hours as needed."
    )
    y = pg2.para(40, y, 530, meds, font, 10, 13) + 8
    fu = "FOLLOW-UP: Primary care in one week; pulmonology in four weeks. " + " ".join(
        s + "." for s in sec["plan"]
    )
    y = pg2.para(40, y, 530, fu, font, 10, 13) + 18
    signature_block(
        pg2,
        rng,
        40,
        y,
        case.physician,
        synth.fmt_dt(transcribed + dt.timedelta(days=1), "us", "12"),
        "times",
        esig=True,
    )
    pg2.text(
        40,
        y + 24,
        f"D: {synth.fmt_dt(dictated, 'us')}   T: {synth.fmt_dt(transcribed, 'us')}   "
        f"Job #{rng.randint(100000, 999999)}",
        "times",
        8.5,
    )
    part.hard.append("dictated / transcribed dates")
    return part


def dc_structured(rng: random.Random, case: Case, j: int) -> DocPart:
    """EHR summary: vitals table with per-row dates and devices, labs table, discharge orders."""
    part = DocPart("discharge_summary", "dc_summary_structured")
    set_patient(part, case)
    part.facts.performed_by = "hospital_lab"
    pt = case.patient
    adm, dis = stay(rng, case)
    anticipated = j % 2 == 1
    part.facts.admission_date, part.facts.discharge_date = adm, dis
    sec = distribute(rng, case, part.facts)
    font = "helv"
    pg = part.new_page()
    y = 40.0
    pg.text(40, y, case.hospital.name, font + "-b", 12)
    pg.text(572, y, "Hospital Discharge Summary", font + "-b", 11, align="right")
    y += 10
    pg.hline(36, 576, y, 1)
    y += 8
    dlabel = "Anticipated Discharge Date" if anticipated else "Discharge Date"
    hdr: list[list[CellLike]] = [
        [Cell("Patient", font="helv-b"), pt.full, Cell("MRN", font="helv-b"), pt.mrn],
        [
            Cell("DOB", font="helv-b"),
            synth.fmt_date(pt.dob, "us_short"),
            Cell("Unit", font="helv-b"),
            rng.choice(["5 East", "4 West", "Step-down"]),
        ],
        [
            Cell("Admission Date", font="helv-b"),
            synth.fmt_date(adm, "us_short"),
            Cell(dlabel, font="helv-b"),
            synth.fmt_date(dis, "us_short"),
        ],
        [
            Cell("Attending", font="helv-b"),
            case.physician.signed,
            Cell("Length of stay", font="helv-b"),
            f"{(dis - adm).days} days",
        ],
    ]
    y = (
        draw_table(pg, 40, y, [100, 170, 120, 142], hdr, font=font, size=8.5, ruled="grid").bottom
        + 10
    )
    part.hard_if(anticipated, "an anticipated discharge date")
    pg.text(40, y, "Discharge Diagnoses", font + "-b", 9.5)
    y += 12
    for s in (
        [f"{case.dx[0][1]} ({case.dx[0][0]})", "Acute on chronic hypoxic respiratory failure"]
        + sec["assessment"]
        + sec["data"]
    ):
        y = pg.para(50, y, 520, "- " + s, font, 8.5)
    other = [s[:1].upper() + s[1:] for s in sec["exam"]] + sec["pmh"] + sec["fh"]
    if other:
        y = pg.para(40, y + 2, 530, "Other: " + "; ".join(other) + ".", font, 8.5)
    y += 6
    pg.text(40, y, "Discharge Vital Signs", font + "-b", 9.5)
    y += 4
    f = _flow(case)
    rows = []
    no_o2 = j % 3 == 2  # weaned off: room air at the end, no oxygen ordered
    times = sorted(
        [
            synth.at(dis - dt.timedelta(days=1), rng, 0, 11),
            synth.at(dis - dt.timedelta(days=1), rng, 12, 23),
            synth.at(dis, rng, 0, 5),
            synth.at(dis, rng, 6, 12),
        ]
    )
    for i, t in enumerate(times):
        last = i == len(times) - 1
        if no_o2:
            ra = i >= 2
            sp = rng.randint(92, 96) if ra else rng.randint(91, 97)
        else:
            ra = last or (i == 2 and j % 2 == 0)
            sp = rng.randint(86, 89) if ra else rng.randint(91, 97)
        rows.append(
            [
                synth.fmt_dt(t, "us_short", "24"),
                f"{rng.uniform(97.4, 99.2):.1f}",
                str(rng.randint(70, 102)),
                f"{rng.randint(108, 150)}/{rng.randint(60, 90)}",
                str(rng.randint(14, 22)),
                f"{sp}",
                "Room air" if ra else "Nasal cannula",
                "" if ra else f"{f:g}",
            ]
        )
        part.add(
            "spo2",
            sp,
            "rest",
            "room_air" if ra else "supplemental",
            "oximetry",
            t.date(),
            flow=None if ra else f,
        )
    y = (
        draw_table(
            pg,
            40,
            y,
            [80, 44, 38, 56, 34, 44, 92, 70],
            rows,
            header=[
                "Date/Time",
                "Temp F",
                "HR",
                "BP",
                "RR",
                "SpO2 %",
                "O2 Device",
                "O2 Flow\n(L/min)",
            ],
            font=font,
            size=8,
            ruled="grid",
        ).bottom
        + 6
    )
    part.hard.append("vitals flow sheet: SpO2 | O2 device | O2 flow per row")
    if j % 3 == 2:
        amb = rng.randint(88, 93)
        y = pg.para(
            40,
            y + 4,
            530,
            f"Ambulatory SpO2 on room air on the day of discharge: {amb}%.",
            font,
            8.5,
        )
        part.add("spo2", amb, "exercise", "room_air", "oximetry", dis)
    y += 8
    pg.text(40, y, "Pertinent Labs", font + "-b", 9.5)
    labs = []
    for d in sorted({adm, dis - dt.timedelta(days=1)}):
        hct = round(rng.uniform(38, 61), 1)
        labs.append(
            [
                synth.fmt_date(d, "us_short"),
                f"{hct / 3:.1f}",
                f"{hct}",
                f"{rng.uniform(5, 15):.1f}",
                str(rng.randint(40, 900)),
            ]
        )
        part.add("hematocrit", hct, None, None, "lab", d)
    y = (
        draw_table(
            pg,
            40,
            y + 4,
            [80, 70, 70, 70, 70],
            labs,
            header=["Date", "Hgb g/dL", "Hct %", "WBC", "BNP pg/mL"],
            font=font,
            size=8,
            ruled="grid",
        ).bottom
        + 10
    )
    pg.text(40, y, "Discharge Orders", font + "-b", 9.5)
    y += 12
    if j % 3 != 2:
        codes = ["E1390", rng.choice(["E0431", "E1392"])]
        txt = (
            f"DME: Home oxygen {f:g} LPM via nasal cannula continuous; stationary concentrator "
            f"({codes[0]}) and portable ({codes[1]}). Vendor: {case.supplier.name}."
        )
        part.facts.hcpcs |= set(codes)
        part.facts.requested_equipment |= {"stationary", "portable"}
    else:
        txt = "DME: none. Home oxygen not required at discharge."
    y = pg.para(50, y, 520, txt, font, 8.5)
    y = (
        pg.para(
            50,
            y,
            520,
            "Follow-up: PCP 7 days; pulmonary clinic 4 weeks. "
            + " ".join(s + "." for s in sec["plan"]),
            font,
            8.5,
        )
        + 10
    )
    signature_block(
        pg,
        rng,
        40,
        y,
        case.physician,
        synth.fmt_dt(synth.at(dis, rng, 15, 22), "us_short", "12"),
        font,
        esig=True,
    )
    ehr_footer(pg, "HIM", synth.at(dis + dt.timedelta(days=rng.randint(2, 10)), rng), 1, 1)
    return part


def _box(
    pg: Page,
    x: float,
    y: float,
    w: float,
    label: str,
    lines: list[str],
    rng: random.Random,
    hand_fill: bool,
) -> float:
    lines = [
        ln
        for item in lines
        for ln in wrap(item, w - 16, "hand" if hand_fill else "courier", 10 if hand_fill else 8.5)
    ]
    h = 14 + 12 * max(1, len(lines))
    pg.rect(x, y, w, h, 0.6)
    pg.text(x + 3, y + 8, label, "helv", 6.5)
    for i, ln in enumerate(lines):
        if hand_fill:
            marks.hand(pg, rng, x + 6, y + 21 + i * 12, ln, 10)
        else:
            pg.text(x + 6, y + 21 + i * 12, ln, "courier", 8.5)
    return y + h


def dc_transfer(rng: random.Random, case: Case, j: int) -> DocPart:
    """Two-column transition-of-care form: label-above-value boxes and check-box lists."""
    part = DocPart("discharge_summary", "dc_transition_two_column")
    set_patient(part, case)
    part.facts.performed_by = "hospital_lab"
    pt = case.patient
    adm, dis = stay(rng, case)
    part.facts.admission_date, part.facts.discharge_date = adm, dis
    sec = distribute(rng, case, part.facts)
    pg = part.new_page()
    hand_fill = j % 2 == 0
    y = letterhead(pg, case.hospital, 38, "helv", sub="Case Management")
    pg.text(306, y, "TRANSITION OF CARE / DISCHARGE FORM", "helv-b", 12, align="center")
    y += 12
    lx, rx, w = 40.0, 312.0, 260.0
    ly = ry = y
    f = _flow(case)
    ly = _box(pg, lx, ly, w, "PATIENT NAME", [pt.full], rng, hand_fill)
    ly = _box(pg, lx, ly, w, "DATE OF BIRTH", [synth.fmt_date(pt.dob, "us")], rng, hand_fill)
    ly = _box(pg, lx, ly, w, "ADMISSION DATE", [synth.fmt_date(adm, "us")], rng, hand_fill)
    ly = _box(pg, lx, ly, w, "DISCHARGE DATE", [synth.fmt_date(dis, "us")], rng, hand_fill)
    dxl = [case.dx[0][1], *sec["assessment"]]
    ly = _box(pg, lx, ly, w, "DISCHARGE DIAGNOSES", dxl, rng, hand_fill)
    rest_on = j % 4 != 1
    sp = rng.randint(90, 96) if rest_on else rng.randint(86, 91)
    resp = [f"SpO2 {sp}% " + (f"on {f:g} L NC" if rest_on else "on RA") + " at rest"]
    part.add(
        "spo2",
        sp,
        "rest",
        "supplemental" if rest_on else "room_air",
        "oximetry",
        dis,
        flow=f if rest_on else None,
    )
    ly = _box(pg, lx, ly, w, "RESPIRATORY STATUS AT DISCHARGE", resp, rng, hand_fill)
    amb = rng.randint(80, 88)
    ly = _box(
        pg,
        lx,
        ly,
        w,
        "AMBULATORY SpO2 ON ROOM AIR (DAY OF DISCHARGE)",
        [f"{amb} %"],
        rng,
        hand_fill,
    )
    part.add("spo2", amb, "exercise", "room_air", "oximetry", dis)
    ly = _box(pg, lx, ly, w, "CODE STATUS", ["Full code"], rng, hand_fill)
    # right column
    pg.rect(rx, ry, w, 64, 0.6)
    pg.text(rx + 3, ry + 8, "DISCHARGE TO", "helv", 6.5)
    dest = rng.choice(["Home", "Home with home health"])
    for i, opt in enumerate(["Home", "Home with home health", "Skilled nursing facility", "Other"]):
        marks.checkbox(pg, rng, rx + 8, ry + 14 + i * 12, 7.5, "x" if opt == dest else None)
        pg.text(rx + 20, ry + 21 + i * 12, opt, "helv", 8)
    ry += 64
    eq_opts = [
        "Home oxygen - concentrator",
        "Portable oxygen",
        "Nebulizer",
        "Hospital bed",
        "Walker",
    ]
    chosen = {"Home oxygen - concentrator", "Nebulizer"}
    if j % 3 != 2:
        chosen.add("Portable oxygen")
    h = 14 + 12 * len(eq_opts)
    pg.rect(rx, ry, w, h, 0.6)
    pg.text(rx + 3, ry + 8, "EQUIPMENT ORDERED", "helv", 6.5)
    for i, opt in enumerate(eq_opts):
        marks.checkbox(
            pg,
            rng,
            rx + 8,
            ry + 14 + i * 12,
            7.5,
            rng.choice(["x", "tick"]) if opt in chosen else None,
        )
        pg.text(rx + 20, ry + 21 + i * 12, opt, "helv", 8)
    ry += h
    part.facts.requested_equipment.add("stationary")
    if "Portable oxygen" in chosen:
        part.facts.requested_equipment.add("portable")
    part.hard.append("equipment check boxes: only marked items are ordered")
    ry = _box(
        pg, rx, ry, w, "OXYGEN PRESCRIPTION", [f"{f:g} L/min NC, exertion + sleep"], rng, hand_fill
    )
    ry = _box(
        pg,
        rx,
        ry,
        w,
        "O2 VENDOR / PHONE",
        [case.supplier.name[:30], case.supplier.phone],
        rng,
        hand_fill,
    )
    ry = _box(
        pg,
        rx,
        ry,
        w,
        "HOME HEALTH AGENCY",
        [case.home_health.name[:30] if "health" in dest else "n/a"],
        rng,
        hand_fill,
    )
    ry = _box(
        pg,
        rx,
        ry,
        w,
        "FOLLOW-UP",
        [f"PCP {synth.fmt_date(dis + dt.timedelta(days=7), 'us_short')}", "Pulm clinic 4 wks"],
        rng,
        hand_fill,
    )
    pend = sec["plan"] or ["None"]
    ry = _box(pg, rx, ry, w, "PENDING RESULTS / RETURN PRECAUTIONS", pend, rng, hand_fill)
    y = max(ly, ry) + 18
    part.hard.append("two-column page of label-above-value boxes")
    if sec["exam"] or sec["data"] or sec["pmh"] or sec["fh"]:
        notes = "; ".join(sec["exam"] + sec["data"] + sec["pmh"] + sec["fh"])
        y = pg.para(40, y, 530, "Nursing notes: " + notes + ".", "helv", 8.5) + 8
    signature_block(pg, rng, 40, y + 12, case.physician, synth.fmt_date(dis, "us"), "helv")
    return part


LAYOUTS: dict[str, Builder] = {
    "dc_summary_narrative": dc_narrative,
    "dc_summary_structured": dc_structured,
    "dc_transition_two_column": dc_transfer,
}
