"""Progress notes, consult letters, letters of medical necessity, pediatric clinic notes.

Traps built in: vitals lines, negations, plans and goals with thresholds, history and family
history, earlier results with their own dates, values in other sentences than their oxygen
state, letterheads full of digits, a parent's date of birth, values on page 2.
"""

from __future__ import annotations

import datetime as dt
import random

from .. import marks, synth
from ..case import Case, Qual, random_qual
from ..clinical import distribute, lower_first
from ..page import GREY, Page
from ..part import Builder, DocPart
from ..table import draw_table
from .common import letterhead, set_patient, signature_block
from .quotes import quote_text, record_quote


def _heading(pg: Page, x: float, y: float, title: str, font: str) -> float:
    pg.text(x, y, title, font + "-b", 9.5)
    return y + 12


def _section(
    pg: Page, x: float, y: float, w: float, title: str, body: str, font: str, size: float = 9.0
) -> float:
    y = _heading(pg, x, y, title, font)
    return pg.para(x, y, w, body, font, size) + 6


def _qual(rng: random.Random, case: Case, before: dt.date) -> Qual:
    q = case.qual
    if q is None or q.date > before:
        q = random_qual(rng, case, before)
    return q


def soap_note(rng: random.Random, case: Case, j: int) -> DocPart:
    """Two-page office note (SOAP) with the vitals, exam and plan on page 2."""
    part = DocPart("progress_note", "soap_office_note")
    set_patient(part, case)
    part.facts.performed_by = "physician"
    pt = case.patient
    day = case.anchor
    font = rng.choice(["helv", "times"])
    sec = distribute(rng, case, part.facts)
    pg = part.new_page()
    y = letterhead(pg, case.clinic, 40, font)
    pg.text(40, y, "PROGRESS NOTE", font + "-b", 12)
    y += 14
    hdr = [
        [f"Patient: {pt.full}", f"DOB: {synth.fmt_date(pt.dob, 'us')}", f"MRN: {pt.mrn}"],
        [
            f"Date of service: {synth.fmt_date(day, 'us')}",
            f"Provider: {case.physician.signed}",
            "Visit: follow-up",
        ],
    ]
    y = draw_table(pg, 40, y, [200, 180, 152], hdr, font=font, size=8.5, ruled="none").bottom + 8
    y = _section(
        pg,
        40,
        y,
        530,
        "CHIEF COMPLAINT",
        rng.choice(
            [
                "Shortness of breath with exertion.",
                "Follow-up COPD, oxygen evaluation.",
                "Dyspnea and fatigue.",
            ]
        ),
        font,
    )
    hpi = (
        f"{pt.title} {pt.last} is a {pt.age_on(day)}-year-old with "
        f"{lower_first(case.dx[0][1])} who "
        f"returns for follow-up. {pt.he.capitalize()} reports dyspnea walking one block and "
        "sats in the mid-80s at home on a finger oximeter. No fever or chest pain."
    )
    prior = j % 2 == 0
    if prior:
        pd = day - dt.timedelta(days=rng.randint(20, 120))
        pv = rng.randint(50, 62)
        hpi += (
            f" An arterial blood gas at {case.hospital.name} on {synth.fmt_date(pd, 'us')} "
            f"showed a PaO2 of {pv} mm Hg on room air."
        )
        part.add("pao2", pv, "rest", "room_air", "abg", pd)
        part.facts.performed_by_accept.append("hospital_lab")
        part.hard.append("earlier result with its own date in the HPI")
    y = _section(pg, 40, y, 530, "HISTORY OF PRESENT ILLNESS", hpi, font)
    pmh = [case.dx[0][1], case.dx[1][1], "Hypertension", "Former smoker, 40 pack-years"] + sec[
        "pmh"
    ]
    y = _section(pg, 40, y, 530, "PAST MEDICAL HISTORY", "; ".join(pmh) + ".", font)
    y = _section(
        pg,
        40,
        y,
        530,
        "MEDICATIONS",
        "Tiotropium 18 mcg daily; budesonide/formoterol "
        "160/4.5 2 puffs BID; albuterol PRN; lisinopril 10 mg daily.",
        font,
    )
    fh = ["Mother with COPD on home oxygen"] + sec["fh"]
    y = _section(pg, 40, y, 530, "FAMILY HISTORY", "; ".join(fh) + ".", font)
    part.hard_if(bool(sec["fh"]), "family history of a finding")
    part.hard_if(bool(sec["pmh"]), "history of a finding")
    y = _section(
        pg,
        40,
        y,
        530,
        "SOCIAL HISTORY",
        f"Former smoker, quit {day.year - rng.randint(2, 15)}. "
        "Lives with spouse in a single-level home. Drives. No alcohol.",
        font,
    )
    y = _section(
        pg,
        40,
        y,
        530,
        "ALLERGIES",
        rng.choice(["NKDA.", "Penicillin (rash).", "Sulfa (hives); latex."]),
        font,
    )
    y = _section(
        pg,
        40,
        y,
        530,
        "IMMUNIZATIONS",
        f"Influenza {day.year - 1}; pneumococcal (PCV20); COVID-19 updated; RSV vaccine discussed.",
        font,
    )
    y = _section(
        pg,
        40,
        y,
        530,
        "INTERVAL HISTORY",
        "No hospitalizations since the last visit. "
        f"Uses rescue inhaler {rng.randint(2, 6)} times per week. Sleeps on "
        f"{rng.randint(1, 3)} pillows. Pulmonary rehabilitation completed "
        f"{rng.choice(['last spring', 'two years ago', 'in the fall'])}.",
        font,
    )
    pg.text(306, 760, "continued", font + "-i", 8, GREY, align="center")
    # page 2
    pg2 = part.new_page()
    y = 44.0
    pg2.text(
        40,
        y,
        f"{pt.last_first_mixed}   DOB {synth.fmt_date(pt.dob, 'us')}   DOS "
        f"{synth.fmt_date(day, 'us')}   Page 2 of 2",
        font,
        8,
        GREY,
    )
    y += 20
    ros = (
        "Constitutional: no fever. Respiratory: dyspnea on exertion, chronic cough. "
        + " ".join(sec["ros"])
        + " Cardiac: no chest pain."
    )
    y = _section(pg2, 40, y, 530, "REVIEW OF SYSTEMS", ros, font)
    on_o2 = j % 4 == 1
    sp = rng.randint(86, 90) if not on_o2 else rng.randint(91, 96)
    f = case.flow if case.flow >= 1 else 1.0
    o2 = f"{f:g}L NC" if on_o2 else "RA"
    vit = (
        f"BP {rng.randint(112, 158)}/{rng.randint(62, 92)} | HR {rng.randint(68, 104)} | RR "
        f"{rng.randint(14, 24)} | Temp {rng.uniform(97.2, 99.0):.1f} F | SpO2 {sp}% {o2} | Wt "
        f"{pt.weight_lb} lb"
    )
    y = _section(pg2, 40, y, 530, "VITALS", vit, font)
    part.add(
        "spo2",
        sp,
        "rest",
        "supplemental" if on_o2 else "room_air",
        "oximetry",
        day,
        flow=f if on_o2 else None,
    )
    part.hard_if(on_o2, "vitals SpO2 taken on oxygen")
    exam = (
        "General: alert, mildly dyspneic. Lungs: diminished breath sounds, prolonged expiration. "
        "Heart: regular. Extremities: " + (", ".join(sec["exam"]) or "warm, well perfused") + "."
    )
    y = _section(pg2, 40, y, 530, "EXAM", exam, font)
    data = list(sec["data"])
    if j % 4 in (0, 3):
        hd = day - dt.timedelta(days=rng.randint(3, 60))
        hv = rng.randint(44, 60)
        data.append(f"CBC {synth.fmt_date(hd, 'us_short')}: Hct {hv}%")
        part.add("hematocrit", hv, None, None, "lab", hd)
    walk = j % 2 == 1 and not case.other.get("exercise_in_packet")
    if walk:
        r, e = rng.randint(89, 94), rng.randint(82, 88)
        o = rng.randint(90, 95)
        data.append(
            f"Ambulatory oximetry in clinic today: rest {r}% RA, with ambulation {e}% RA, "
            f"{o}% on {f:g} L with ambulation"
        )
        part.add("spo2", r, "rest", "room_air", "oximetry", day)
        part.add("spo2", e, "exercise", "room_air", "oximetry", day)
        part.add("spo2", o, "exercise", "supplemental", "oximetry", day, flow=f)
        part.hard.append("three readings in one data line")
    y = _section(pg2, 40, y, 530, "DATA", ". ".join(data) + "." if data else "None new.", font)
    y = _heading(pg2, 40, y, "ASSESSMENT AND PLAN", font)
    items = [f"{case.dx[0][1]} ({case.dx[0][0]})."] + [s + "." for s in sec["assessment"]]
    if j % 4 == 3:
        items.append(
            "Episodic cluster headache; aborts attacks with high-flow oxygen 12 L/min by "
            "non-rebreather."
        )
        part.facts.finding("cluster_headache", "affirmed")
    plan = [
        rng.choice(
            [
                "If SpO2 < 88% at rest on follow-up, will start continuous O2.",
                "Goal SpO2 88-92%.",
                "Will obtain overnight oximetry to rule out nocturnal hypoxemia.",
            ]
        )
    ]
    plan += [s + "." for s in sec["plan"]]
    part.hard.append("plan or goal with a threshold (not a result)")
    ordered = walk or on_o2 or sp <= 88
    if ordered:
        plan.append(
            f"Order home oxygen {f:g} L/min with exertion and sleep: stationary concentrator "
            "and portable concentrator."
        )
        part.facts.requested_equipment |= {"stationary", "portable"}
    else:
        plan.append("No oxygen ordered at this time.")
    plan.append("Return in 3 months.")
    for i, s in enumerate(items + plan):
        y = pg2.para(52, y, 518, f"{i + 1}. {s}", font, 9)
    y += 12
    signed = day + dt.timedelta(days=rng.randint(0, 4))
    signature_block(
        pg2,
        rng,
        40,
        y,
        case.physician,
        synth.fmt_dt(synth.at(signed, rng), "us", "12"),
        font,
        esig=True,
    )
    return part


def consult_letter(rng: random.Random, case: Case, j: int) -> DocPart:
    """Consult letter with a left sidebar (two-column page); values split from their O2 state."""
    part = DocPart("progress_note", "consult_letter_two_column")
    set_patient(part, case)
    part.facts.performed_by = "physician"
    pt = case.patient
    seen = case.anchor
    letter_day = seen + dt.timedelta(days=rng.randint(1, 9))
    font = "times"
    sec = distribute(rng, case, part.facts)
    pg = part.new_page()
    # sidebar
    pg.rect(30, 30, 128, 732, 0, fill=(0.93, 0.93, 0.93), stroke=False)
    y = 50.0
    pg.text(38, y, case.clinic.name, "times-b", 9)
    y += 12
    for ln in (
        case.clinic.street,
        case.clinic.city_line,
        f"Tel {case.clinic.phone}",
        f"Fax {case.clinic.fax}",
        f"Tax ID {rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}",
    ):
        pg.text(38, y, ln, "times", 7.5)
        y += 10
    y += 12
    pg.text(38, y, "Physicians", "times-b", 8)
    y += 11
    for _ in range(5):
        c = synth.clinician(rng)
        pg.text(38, y, f"{c.first[0]}. {c.last}, MD", "times", 7.5)
        pg.text(38, y + 9, f"NPI {c.npi}", "times", 6.5, GREY)
        y += 22
    pg.text(
        38,
        y + 10,
        f"{case.physician.first[0]}. {case.physician.last}, {case.physician.title}",
        "times",
        7.5,
    )
    # letter body
    x, w = 178.0, 394.0
    y = 56.0
    pg.text(x, y, synth.fmt_date(letter_day, "long"), font, 10)
    y += 26
    ref = synth.clinician(rng, "MD", "Family Medicine")
    for ln in (f"{ref.first} {ref.last}, MD", "Primary Care", case.hospital.city_line):
        pg.text(x, y, ln, font, 10)
        y += 12
    y += 10
    pg.text(x, y, f"RE: {pt.full}   DOB {synth.fmt_date(pt.dob, 'us')}", "times-b", 10)
    y += 22
    pg.text(x, y, f"Dear Dr. {ref.last},", font, 10)
    y += 18
    r, e = rng.randint(88, 94), rng.randint(81, 88)
    o = rng.randint(90, 96)
    f = case.flow if case.flow >= 1 else 1.0
    paras = [
        f"Thank you for referring {pt.title} {pt.last}, whom I saw in pulmonary consultation on "
        f"{synth.fmt_date(seen, 'us')} for exertional dyspnea and hypoxemia."
    ]
    q = case.qual
    if case.other.get("exercise_in_packet") and q is not None:
        # the walk test is attached to the same fax: the letter quotes it
        paras.append(
            f"{pt.his.capitalize()} ambulatory oximetry, attached, showed {q.value:g}% on room "
            f"air with exertion on {synth.fmt_date(q.date, 'us')}."
        )
        part.add("spo2", q.value, "exercise", "room_air", "oximetry", q.date, quote_of=q.key)
    else:
        paras.append(
            f"On examination today {pt.his} resting saturation was {r}% on room air. We walked "
            f"{pt.him} in the hallway. {pt.he.capitalize()} desaturated to "
            f"{e}% after two laps without supplemental oxygen. We then placed {pt.him} "
            f"on {f:g} L by nasal cannula. Repeat saturation during ambulation was {o}%."
        )
        part.add("spo2", r, "rest", "room_air", "oximetry", seen)
        part.add("spo2", e, "exercise", "room_air", "oximetry", seen)
        part.add("spo2", o, "exercise", "supplemental", "oximetry", seen, flow=f)
        part.hard.append("oxygen state stated in the sentence before the value")
    if j % 2 == 0:
        od = seen - dt.timedelta(days=rng.randint(10, 60))
        t88, nad = round(rng.uniform(6, 60), 1), rng.randint(76, 86)
        ra = j % 4 == 0
        paras.append(
            f"{pt.his.capitalize()} overnight oximetry of {synth.fmt_date(od, 'us')}"
            f"{' on room air' if ra else ''} showed {t88} minutes at or below 88% with a "
            f"nadir of {nad}%."
        )
        ox = "room_air" if ra else None
        part.add("spo2", nad, "sleep", ox, "oximetry", od)
        part.add("spo2", 88, "sleep", ox, "oximetry", od, minutes=t88)
        part.hard.append("an earlier overnight result with its own date")
    findings_txt = " ".join(s + "." for s in sec["assessment"] + sec["data"])
    exam = ", ".join(sec["exam"])
    paras.append(
        ("On exam there was " + exam + ". " if exam else "")
        + findings_txt
        + (
            " Family history: " + "; ".join(lower_first(s) for s in sec["fh"]) + "."
            if sec["fh"]
            else ""
        )
        + (
            " Past history: " + "; ".join(lower_first(s) for s in sec["pmh"]) + "."
            if sec["pmh"]
            else ""
        )
    )
    plan = (
        f"We will arrange home oxygen at {f:g} L/min with exertion and during sleep, with a "
        "stationary concentrator and a portable system. "
        + " ".join(s + "." for s in sec["plan"])
        + f" I would like to see {pt.him} again in three months."
    )
    paras.append(plan)
    part.facts.requested_equipment |= {"stationary", "portable"}
    for ptxt in paras:
        y = pg.para(x, y, w, ptxt, font, 10, 12.6) + 8
    y += 6
    pg.text(x, y, "Sincerely,", font, 10)
    marks.signature(pg, rng, x, y + 26)
    pg.text(x, y + 40, case.physician.signed, font, 10)
    pg.text(x, y + 52, "cc: patient chart", font, 8.5, GREY)
    part.hard.append("two-column page (sidebar of names and numbers)")
    return part


def lomn(rng: random.Random, case: Case, j: int) -> DocPart:
    """Letter of medical necessity: quoted qualifying results, findings, requested equipment."""
    part = DocPart("progress_note", "lomn_letter")
    set_patient(part, case)
    pt = case.patient
    day = case.anchor + dt.timedelta(days=rng.randint(3, 20))
    font = rng.choice(["times", "serif"])
    sec = distribute(rng, case, part.facts)
    pg = part.new_page()
    y = letterhead(
        pg,
        case.clinic,
        40,
        "times",
        sub=f"NPI {case.physician.npi}  |  Tax ID {rng.randint(10, 99)}-"
        f"{rng.randint(1000000, 9999999)}  |  Suite {rng.randint(100, 480)}",
    )
    pg.text(40, y, synth.fmt_date(day, "long"), font, 10)
    y += 22
    pg.text(40, y, "To Whom It May Concern:", font, 10)
    y += 18
    pg.text(40, y, "RE: Letter of Medical Necessity - Home Oxygen Therapy", "times-b", 10)
    y += 13
    pg.text(
        40,
        y,
        f"Patient: {pt.full}    DOB: {synth.fmt_date(pt.dob, 'us')}    Member ID: {pt.mbi}",
        font,
        10,
    )
    y += 22
    q = _qual(rng, case, day - dt.timedelta(days=1))
    where = {
        "abg": f"at {case.hospital.name}",
        "sleep": f"by {case.idtf.name}",
        "office": "in our office",
    }
    wkey = "abg" if q.kind == "pao2" else ("sleep" if q.setting == "sleep" else "office")
    part.facts.performed_by = {"abg": "hospital_lab", "sleep": "idtf", "office": "physician"}[wkey]
    paras = [
        f"I am writing on behalf of my patient, {pt.full}, who is under my care for "
        f"{lower_first(case.dx[0][1])} ({case.dx[0][0]}) and {lower_first(case.dx[1][1])}.",
        f"Despite maximal inhaled therapy and completion of pulmonary rehabilitation, {pt.he} "
        "remains dyspneic with minimal exertion and has had two exacerbations in the past year.",
        f"Testing performed {where[wkey]} documents hypoxemia: {quote_text(rng, q, j)}.",
    ]
    record_quote(part, q)
    extra = " ".join(s + "." for s in sec["assessment"] + sec["data"] + sec["pmh"] + sec["fh"])
    exam = ", ".join(sec["exam"])
    if exam:
        extra = f"On examination {pt.he} has {exam}. " + extra
    if extra.strip():
        paras.append(extra)
    f = case.flow
    codes = ["E1390", rng.choice(["E0431", "E1392"])]
    paras.append(
        f"The goal of therapy is to maintain SpO2 at or above 90%. I am requesting a "
        f"stationary oxygen concentrator ({codes[0]}) and a portable oxygen system ({codes[1]}) "
        f"at {synth.fmt_flow(f, 'frac' if f < 1 else 'lmin')}, continuous, for a length of "
        "need of 99 months."
    )
    part.facts.hcpcs |= set(codes)
    part.facts.requested_equipment |= {"stationary", "portable"}
    part.hard.append("goal SpO2 (not a result)")
    if sec["plan"]:
        paras.append(" ".join(s + "." for s in sec["plan"]))
    paras.append("Please contact my office with any questions.")
    for ptxt in paras:
        y = pg.para(40, y, 530, ptxt, font, 10, 13) + 8
    y += 10
    pg.text(40, y, "Sincerely,", font, 10)
    signature_block(pg, rng, 40, y + 30, case.physician, synth.fmt_date(day, "us"), "times")
    part.hard.append("letterhead full of digits")
    return part


def pediatric_note(rng: random.Random, case: Case, j: int) -> DocPart:
    """Pediatric clinic note: kg weights, a parent's DOB, awake vs asleep values, tiny flows."""
    part = DocPart("progress_note", "pediatric_clinic_note")
    set_patient(part, case)
    part.facts.performed_by = "physician"
    pt = case.patient
    day = case.anchor
    sec = distribute(rng, case, part.facts)
    pg = part.new_page()
    font = "sans"
    y = letterhead(pg, case.clinic, 40, "helv", sub="Pediatric Pulmonology")
    pg.text(40, y, "CLINIC NOTE", font + "-b", 12)
    y += 16
    months = (day.year - pt.dob.year) * 12 + day.month - pt.dob.month
    age = f"{months // 12} y {months % 12} m" if months >= 24 else f"{months} months"
    parent = pt.parent or synth.Person("Jordan", pt.last)
    pdob = pt.parent_dob or dt.date(1990, 5, 2)
    hdr = [
        [f"Patient: {pt.full}", f"DOB: {synth.fmt_date(pt.dob, 'us')} ({age})"],
        [f"Visit date: {synth.fmt_date(day, 'us')}", f"MRN: {pt.mrn}"],
        [
            f"Accompanied by: {'mother' if parent.first in synth.FIRST_F else 'father'}, "
            f"{parent.full}",
            f"Guardian DOB: {synth.fmt_date(pdob, 'us')}",
        ],
    ]
    y = (
        draw_table(
            pg, 40, y, [270, 262], hdr, font=font, size=8.5, ruled="grid", header_fill=None
        ).bottom
        + 10
    )
    part.hard.append("a parent's date of birth beside the child's")
    f = case.flow if case.flow < 1 else 0.5
    ftxt = synth.fmt_flow(f, "frac")
    y = _section(
        pg,
        40,
        y,
        530,
        "INTERVAL HISTORY",
        f"{pt.first} is followed for {lower_first(case.dx[0][1])} and uses home oxygen "
        f"{ftxt}/min by "
        "nasal cannula during sleep. Parents report good tolerance; no ED visits since last "
        "visit.",
        font,
    )
    awake = rng.randint(90, 96)
    on = rng.randint(96, 100)
    wt = round(pt.weight_lb / 2.2046, 1)
    vit = [
        ["Weight", f"{wt} kg ({rng.randint(5, 60)}th %ile)"],
        ["HR / RR", f"{rng.randint(90, 140)} / {rng.randint(22, 40)}"],
        ["SpO2 awake, room air", f"{awake} %"],
        [f"SpO2 on {ftxt}/min NC", f"{on} %"],
    ]
    y = _heading(pg, 40, y, "VITALS", font)
    y = draw_table(pg, 40, y, [200, 160], vit, font=font, size=8.5, ruled="rows").bottom + 10
    part.add("spo2", awake, "rest", "room_air", "oximetry", day)
    part.add("spo2", on, "rest", "supplemental", "oximetry", day, flow=f)
    part.hard.append("fractional flow (1/4 or 1/2 L/min)")
    od = day - dt.timedelta(days=rng.randint(14, 90))
    pct = round(rng.uniform(4, 30), 1)
    nad = rng.randint(80, 88)
    data = (
        f"Overnight oximetry on room air {synth.fmt_date(od, 'us')}: SpO2 nadir {nad}%, "
        f"{pct}% of sleep time below 90%. "
    )
    part.add("spo2", nad, "sleep", "room_air", "oximetry", od)
    part.add("spo2", 89, "sleep", "room_air", "oximetry", od, optional=True)
    part.hard.append("time below 90 % only as a percentage of sleep time")
    data += " ".join(s + "." for s in sec["data"] + sec["pmh"] + sec["fh"])
    y = _section(pg, 40, y, 530, "DATA", data, font)
    exam = "Well appearing, comfortable on room air. Lungs clear, no retractions. " + (
        "Extremities: " + ", ".join(sec["exam"]) + "." if sec["exam"] else ""
    )
    y = _section(pg, 40, y, 530, "EXAM", exam, font)
    ap = [f"{case.dx[0][1]} with nocturnal hypoxemia."] + sec["assessment"]
    plan = [
        f"Renew home oxygen order: {ftxt}/min NC during sleep; concentrator and portable "
        "cylinders for travel.",
        "Goal SpO2 >= 92% asleep.",
        "Repeat overnight oximetry on room air in 3 months; if nadir stays above 90%, will wean.",
    ] + sec["plan"]
    part.facts.requested_equipment |= {"stationary", "portable"}
    y = _heading(pg, 40, y, "ASSESSMENT / PLAN", font)
    for i, s in enumerate(ap + plan):
        y = pg.para(52, y, 518, f"{i + 1}. {s.rstrip('.')}.", font, 9)
    signature_block(
        pg,
        rng,
        40,
        y + 24,
        case.physician,
        synth.fmt_date(day + dt.timedelta(days=1), "us"),
        "helv",
        esig=j % 2 == 0,
    )
    return part


LAYOUTS: dict[str, Builder] = {
    "soap_office_note": soap_note,
    "consult_letter_two_column": consult_letter,
    "lomn_letter": lomn,
    "pediatric_clinic_note": pediatric_note,
}
