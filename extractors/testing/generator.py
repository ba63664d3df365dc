"""Deterministic generator of synthetic home-oxygen paperwork with its truth.

Kinds: ABG lab reports, overnight oximetry, exercise oximetry (3 readings), progress notes,
discharge summaries, CMN-style forms and pediatric notes; varied labels, units (mmHg/kPa),
date formats, negated findings, values on page 2. Each document renders as a text PDF
(`write_text_pdf`) and as a fax (`fax_images`, `write_fax_tiff`, `write_fax_pdf`: 204×196 or
204×98 dpi, binarized, speckled, skewed, sometimes a page upside down).
Synthetic patients only: names are drawn from small invented lists.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.testing.pdf_writer import PAGE_H, PAGE_W, TextItem, image_pdf, text_pdf

SERIF_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
FIRST = ["Avery", "Jordan", "Casey", "Morgan", "Riley", "Quinn", "Harper", "Rowan", "Emerson",
         "Hollis", "Marlow", "Sutton", "Tatum", "Blair"]
MIDDLE = ["Q", "J", "T", "L", "", "", "R"]
LAST = ["Sample", "Testcase", "Fictional", "Demo", "Placeholder", "Synthetic", "Mockford",
        "Dummyton", "Exampleton", "Notreal"]
FINDING_TEXT = {
    "dependent_edema": ["2+ pitting edema of both ankles", "bilateral lower extremity edema",
                        "dependent edema"],
    "congestive_heart_failure": ["congestive heart failure", "CHF, chronic diastolic"],
    "pulmonary_hypertension": ["pulmonary hypertension", "pulmonary arterial hypertension"],
    "cor_pulmonale": ["cor pulmonale"],
    "p_pulmonale": ["P pulmonale on EKG"],
    "erythrocythemia": ["secondary erythrocytosis", "erythrocythemia"],
    "cluster_headache": ["cluster headaches"],
}
NEGATED_TEXT = {
    "dependent_edema": ["No pedal edema.", "Denies leg swelling; no peripheral edema."],
    "congestive_heart_failure": ["No history of CHF."],
    "cor_pulmonale": ["Cor pulmonale was ruled out."],
    "pulmonary_hypertension": ["Echo negative for pulmonary hypertension."],
    "cluster_headache": ["Denies cluster headaches."],
}
PERFORMER_TEXT = {
    "hospital_lab": ["Mercy General Hospital - Blood Gas Laboratory",
                     "St. Example Medical Center Respiratory Therapy"],
    "independent_lab": ["Acme Independent Clinical Laboratory", "Northwind Reference Laboratory"],
    "idtf": ["Restwell Sleep Diagnostics (IDTF)",
             "Independent Diagnostic Testing Facility of Springfield"],
    "dme_supplier": ["BreatheEasy Home Medical Equipment", "Summit DME Oxygen Supplier"],
    "physician": ["Lakeside Pulmonary Associates - office visit",
                  "Riverbend Family Practice clinic"],
}


FILLER = [
    "Medications: albuterol 90 mcg 2 puffs q4h prn; tiotropium 18 mcg daily; furosemide 40 mg.",
    "Past medical history: COPD, type 2 diabetes (A1c 7.2%), hypertension, OSA on CPAP 12 cm H2O.",
    "Labs 01/10/2026: Na 138, K 4.1, Cr 1.1, BNP 240, WBC 8.2.",
    "Spirometry: FEV1 0.9 L (32% predicted), FEV1/FVC 0.45.",
    "Smoking history: 40 pack-years, quit in 2015.",
    "Social: lives with spouse, two flights of stairs at home.",
    "Review of systems: positive for dyspnea and cough, negative for fever or chills.",
    "Exam: alert, oriented, mild accessory muscle use, diminished breath sounds bilaterally.",
    "Immunizations: influenza vaccine 10/2025, pneumococcal vaccine up to date.",
    "Follow-up in 4 weeks; return sooner if symptoms worsen.",
    "Pulmonary rehabilitation referral placed; patient agrees with the plan.",
    "Weight 82 kg, BMI 27.4, temperature 98.2 F.",
    "Inhaler technique reviewed; spacer provided.",
    "Chest x-ray: hyperinflation, no acute infiltrate.",
    "Allergies: penicillin (rash).",
]


@dataclass
class SyntheticDoc:
    """One generated document: its pages (text items) and the truth to compare against."""

    name: str
    kind: str
    pages: list[list[TextItem]]
    truth: dict[str, Any]
    fine_fax: bool = True
    rotate_page: int | None = None
    """0-based page index rendered turned in the fax version."""
    rotate_turns: int = 2
    """Quarter turns counter-clockwise of ``rotate_page`` (2 = upside down, 1 = sideways)."""
    skew: float = 0.0
    noise: float = 0.002
    serif: bool = False
    """Fax rendered with a serif font (as some EHR printouts are)."""


def _fmt_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%m/%d/%Y")
    if style == 1:
        return f"{d.month}/{d.day}/{d.strftime('%y')}"
    if style == 2:
        return d.strftime("%B %d, %Y").replace(" 0", " ")
    if style == 3:
        return d.isoformat()
    if style == 5:
        return d.strftime("%d/%m/%Y")
    return d.strftime("%d %b %Y")


def _truth_date(d: dt.date, style: int) -> str | None:
    """What a reader may claim: a day-first date with day and month both <= 12 is ambiguous."""
    if style == 5 and d.day <= 12 and d.day != d.month:
        return None
    return d.isoformat()


class _Builder:
    """Lays rows out on Letter pages top to bottom."""

    def __init__(self) -> None:
        self.pages: list[list[TextItem]] = [[]]
        self.top = 54.0

    def text(self, text: str, size: float = 10.0, bold: bool = False, x: float = 54.0) -> None:
        if self.top > PAGE_H - 70:
            self.page_break()
        self.pages[-1].append(TextItem(x, self.top, text, size, bold))
        self.top += size * 1.55

    def row(self, cells: list[str], xs: list[float], size: float = 10.0,
            bold: bool = False) -> None:
        if self.top > PAGE_H - 70:
            self.page_break()
        for cell, x in zip(cells, xs, strict=True):
            if cell:
                self.pages[-1].append(TextItem(x, self.top, cell, size, bold))
        self.top += size * 1.55

    def gap(self, points: float = 8.0) -> None:
        self.top += points

    def page_break(self) -> None:
        self.pages.append([])
        self.top = 54.0


def _m(kind: str, value: float, setting: str | None, oxygen: str | None, method: str | None,
       date: str | None, flow: float | None = None, minutes: float | None = None
       ) -> dict[str, Any]:
    return {"kind": kind, "value": value, "setting": setting, "oxygen": oxygen,
            "flow_lpm": flow, "method": method, "date": date, "minutes": minutes}


@dataclass
class _Person:
    first: str
    middle: str
    last: str
    dob: dt.date
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def full(self) -> str:
        return " ".join(x for x in (self.first, self.middle, self.last) if x)


def _header(b: _Builder, rng: random.Random, title: str, person: _Person, style: int,
            org: str) -> None:
    b.text(org, 12, True)
    b.text(title, 14, True)
    b.gap(4)
    if rng.random() < 0.5:
        b.text(f"Patient: {person.full}        DOB: {_fmt_date(person.dob, style)}"
               f"        MRN: {rng.randint(100000, 999999)}")
    else:
        given = " ".join(x for x in (person.first, person.middle) if x)
        b.text(f"Patient Name: {person.last}, {given}"
               f"        Date of Birth: {_fmt_date(person.dob, style)}")
    b.gap(4)


def _findings_text(rng: random.Random, truth: dict[str, Any]) -> list[str]:
    chosen = rng.sample(sorted(FINDING_TEXT), k=rng.choice([0, 1, 1, 2]))
    negs = rng.sample(sorted(set(NEGATED_TEXT) - set(chosen)), k=rng.choice([1, 1, 2]))
    truth["facts"]["findings"] = sorted(chosen)
    out = [f"Assessment: {rng.choice(FINDING_TEXT[f])}." for f in chosen]
    out += [rng.choice(NEGATED_TEXT[f]) for f in negs]
    rng.shuffle(out)
    return out


def _base_truth(person: _Person, performer: str | None, style: int = 0) -> dict[str, Any]:
    return {"measurements": [], "facts": {
        "patient_name": person.full, "date_of_birth": _truth_date(person.dob, style),
        "admission_date": None, "discharge_date": None, "performed_by": performer,
        "findings": [], "requested_equipment": [], "hcpcs": []}}


def _order(b: _Builder, rng: random.Random, truth: dict[str, Any]) -> None:
    choice = rng.choice(["both", "stationary", "portable", "none", "codes"])
    if choice == "both":
        b.text("Order: stationary oxygen concentrator and portable oxygen system.")
        truth["facts"]["requested_equipment"] = ["stationary", "portable"]
    elif choice == "stationary":
        b.text("Order: home oxygen concentrator for use at night.")
        truth["facts"]["requested_equipment"] = ["stationary"]
    elif choice == "portable":
        b.text("Request: portable oxygen concentrator (POC) for ambulation.")
        truth["facts"]["requested_equipment"] = ["portable"]
    elif choice == "codes":
        b.text("Equipment requested - HCPCS: E1390, E0431")
        truth["facts"]["requested_equipment"] = ["stationary", "portable"]
        truth["facts"]["hcpcs"] = ["E0431", "E1390"]


def _abg(rng: random.Random, b: _Builder, person: _Person, test: dt.date, style: int
         ) -> dict[str, Any]:
    performer = rng.choice(["hospital_lab", "independent_lab"])
    if rng.random() < 0.3:
        style = 5
    truth = _base_truth(person, performer, style)
    _header(b, rng, rng.choice(["ARTERIAL BLOOD GAS REPORT", "Blood Gas Analysis (ABG)"]),
            person, style, rng.choice(PERFORMER_TEXT[performer]))
    d = test.isoformat()
    b.text(f"Collected: {_fmt_date(test, style)} 07:{rng.randint(10, 59)}    Specimen: arterial")
    on_o2 = rng.random() < 0.2
    flow = rng.choice([2.0, 3.0])
    b.text(f"Oxygen: {int(flow)} L/min nasal cannula, at rest" if on_o2
           else rng.choice(["FiO2 21% (room air), at rest", "Patient on room air, seated at rest"]))
    if rng.random() < 0.35:
        b.page_break()
        b.text("Results (continued)", 11, True)
    xs = [54.0, 200.0, 270.0, 360.0]
    b.row(["Test", "Result", "Units", "Reference range"], xs, bold=True)
    pao2 = float(rng.randint(45, 75))
    sao2 = float(rng.randint(80, 95))
    label = rng.choice(["pO2", "PaO2", "PO2", "Pa O2"])
    b.row(["pH", f"{rng.uniform(7.33, 7.45):.2f}", "", "7.35-7.45"], xs)
    b.row(["pCO2", str(rng.randint(38, 55)), "mmHg", "35-45"], xs)
    oxygen = "supplemental" if on_o2 else "room_air"
    fl = flow if on_o2 else None
    if rng.random() < 0.3:
        kpa = round(pao2 / 7.50062, 1)
        b.row([label, f"{kpa}", "kPa", "10.7-13.3"], xs)
        pao2 = round(kpa * 7.50062, 1)
    else:
        b.row([label, f"{pao2:.0f}", "mmHg", "80-100"], xs)
    b.row(["HCO3", str(rng.randint(22, 32)), "mmol/L", "22-26"], xs)
    b.row([rng.choice(["SaO2", "O2 Sat"]), f"{sao2:.0f}", "%", "95-100"], xs)
    truth["measurements"] += [_m("pao2", pao2, "rest", oxygen, "abg", d, fl),
                              _m("spo2", sao2, "rest", oxygen, "abg", d, fl)]
    if rng.random() < 0.4:
        hct = round(rng.uniform(45, 60), 1)
        b.row(["Hematocrit", f"{hct}", "%", "36-48"], xs)
        truth["measurements"].append(_m("hematocrit", hct, None, None, "lab", d))
    elif rng.random() < 0.3:
        hct = float(rng.randint(50, 62))
        b.gap()
        b.text(f"CBC same day: Hgb/Hct {rng.uniform(15, 19):.1f}/{hct:.0f}")
        truth["measurements"].append(_m("hematocrit", hct, None, None, "lab", d))
    b.gap()
    b.text(f"Reported {_fmt_date(test + dt.timedelta(days=1), style)} by laboratory staff.")
    return truth


def _overnight(rng: random.Random, b: _Builder, person: _Person, test: dt.date, style: int
               ) -> dict[str, Any]:
    performer = rng.choice(["idtf", "dme_supplier", "independent_lab"])
    truth = _base_truth(person, performer)
    _header(b, rng, "OVERNIGHT PULSE OXIMETRY REPORT", person, style,
            rng.choice(PERFORMER_TEXT[performer]))
    d = test.isoformat()
    b.text(f"Study date: {_fmt_date(test, style)}        Recorded on room air")
    b.text(f"Total recording time: {rng.randint(6, 8)} h {rng.randint(0, 59)} min")
    if rng.random() < 0.4:
        b.page_break()
        b.text("Oximetry summary", 11, True)
    base = float(rng.randint(90, 95))
    low = float(rng.randint(75, 86))
    minutes = float(rng.randint(3, 140))
    if rng.random() < 0.4:
        xs = [54.0, 260.0]
        b.row(["Baseline SpO2", f"{base:.0f} %"], xs)
        b.row([rng.choice(["Minimum SpO2", "Nadir SpO2"]), f"{low:.0f} %"], xs)
        b.row(["Mean SpO2", f"{rng.randint(88, 93)} %"], xs)
        b.row(["Time SpO2 <= 88%", f"{minutes:.1f} min"], xs)
        truth["measurements"] += [
            _m("spo2", base, "rest", "room_air", "oximetry", d),
            _m("spo2", low, "sleep", "room_air", "oximetry", d),
            _m("spo2", 88.0, "sleep", "room_air", "oximetry", d, minutes=minutes)]
        return truth
    b.text(f"Baseline SpO2 (awake): {base:.0f}%")
    truth["measurements"].append(_m("spo2", base, "rest", "room_air", "oximetry", d))
    b.text(f"Lowest SpO2: {low:.0f}%")
    truth["measurements"].append(_m("spo2", low, "sleep", "room_air", "oximetry", d))
    b.text(f"Mean SpO2: {rng.randint(88, 93)}%")
    form = rng.randint(0, 2)
    if form == 0:
        b.text(f"Time with SpO2 <= 88%: {minutes:.0f} min ({rng.uniform(1, 30):.1f}% of study)")
    elif form == 1:
        b.text(f"Patient spent {minutes:.0f} minutes with saturation at or below 88%.")
    else:
        b.text(f"T88: {minutes:.0f} min")
    truth["measurements"].append(_m("spo2", 88.0, "sleep", "room_air", "oximetry", d,
                                    minutes=minutes))
    b.text(f"ODI: {rng.randint(2, 30)} events/h")
    return truth


def _exercise(rng: random.Random, b: _Builder, person: _Person, test: dt.date, style: int
              ) -> dict[str, Any]:
    performer = rng.choice(["physician", "hospital_lab"])
    truth = _base_truth(person, performer)
    _header(b, rng, "EXERCISE OXIMETRY / 6 MINUTE WALK", person, style,
            rng.choice(PERFORMER_TEXT[performer]))
    d = test.isoformat()
    b.text(f"Date of test: {_fmt_date(test, style)}")
    if rng.random() < 0.4:
        b.page_break()
    rest = float(rng.randint(89, 95))
    ex = float(rng.randint(80, 88))
    o2 = float(rng.randint(90, 96))
    flow = float(rng.choice([1, 2, 3, 4]))
    if rng.random() < 0.4:
        xs = [54.0, 160.0, 270.0, 390.0]
        b.row(["", "Rest (RA)", "Walking (RA)", f"Walking ({flow:.0f} L O2)"], xs, bold=True)
        b.row(["SpO2", f"{rest:.0f}%", f"{ex:.0f}%", f"{o2:.0f}%"], xs)
        b.row(["Heart rate", str(rng.randint(70, 90)), str(rng.randint(100, 125)),
               str(rng.randint(95, 115))], xs)
    else:
        xs = [54.0, 250.0, 340.0]
        b.row(["Condition", "SpO2", "O2 flow"], xs, bold=True)
        b.row(["At rest, room air", f"{rest:.0f}%", "-"], xs)
        b.row(["Exercise, room air", f"{ex:.0f}%", "-"], xs)
        b.row(["Exercise, on oxygen", f"{o2:.0f}%", f"{flow:.0f} L/min"], xs)
    truth["measurements"] += [
        _m("spo2", rest, "rest", "room_air", "oximetry", d),
        _m("spo2", ex, "exercise", "room_air", "oximetry", d),
        _m("spo2", o2, "exercise", "supplemental", "oximetry", d, flow)]
    b.gap()
    b.text("Oxygen improved exercise desaturation.")
    _order(b, rng, truth)
    return truth


def _progress(rng: random.Random, b: _Builder, person: _Person, test: dt.date, style: int,
              pediatric: bool = False) -> dict[str, Any]:
    truth = _base_truth(person, "physician")
    _header(b, rng, "PEDIATRIC PULMONOLOGY PROGRESS NOTE" if pediatric else "PROGRESS NOTE",
            person, style, rng.choice(PERFORMER_TEXT["physician"]))
    d = test.isoformat()
    b.text(f"Date of service: {_fmt_date(test, style)}")
    b.text("Chief complaint: shortness of breath on exertion.")
    for line in rng.sample(FILLER, k=rng.choice([0, 3, 6, 10])):
        b.text(line)
    for line in _findings_text(rng, truth):
        b.text(line)
    if rng.random() < 0.4:
        b.page_break()
    rest = float(rng.randint(85, 94))
    ex = float(rng.randint(78, 88))
    label = rng.choice(["SpO2", "O2 sat", "Pulse ox"])
    b.text(f"Vitals: BP 132/84, HR {rng.randint(60, 100)}, {label} {rest:.0f}% on "
           f"{rng.choice(['room air', 'RA'])} at rest.")
    truth["measurements"].append(_m("spo2", rest, "rest", "room_air", "oximetry", d))
    if rng.random() < 0.7:
        flow = float(rng.choice([1, 2, 3]))
        o2 = float(rng.randint(90, 96))
        if rng.random() < 0.5:
            b.text(f"With ambulation sats dropped to {ex:.0f}% on RA, improved to {o2:.0f}% on "
                   f"{flow:.0f} L NC.")
        else:
            b.text(f"Walked 150 feet in the hall on room air and desaturated to {ex:.0f}%,")
            b.text(f"which improved to {o2:.0f}% on {flow:.0f} L/min of oxygen by nasal cannula.")
        truth["measurements"] += [_m("spo2", ex, "exercise", "room_air", "oximetry", d),
                                  _m("spo2", o2, "exercise", "supplemental", "oximetry", d,
                                     flow)]
    if pediatric and rng.random() < 0.6:
        sleep = float(rng.randint(86, 91))
        b.text(f"Home overnight oximetry showed SpO2 nadir of {sleep:.0f}% during sleep.")
        truth["measurements"].append(_m("spo2", sleep, "sleep", None, "oximetry", d))
    if not pediatric and rng.random() < 0.3:
        pao2 = float(rng.randint(48, 60))
        b.text(f"ABG on RA today: 7.4{rng.randint(0, 5)}/{rng.randint(40, 55)}/{pao2:.0f}/"
               f"{rng.randint(24, 32)}")
        truth["measurements"].append(_m("pao2", pao2, "rest", "room_air", "abg", d))
    b.text("Plan: titrate oxygen to keep SpO2 > 90%.")
    _order(b, rng, truth)
    return truth


def _discharge(rng: random.Random, b: _Builder, person: _Person, test: dt.date, style: int
               ) -> dict[str, Any]:
    truth = _base_truth(person, "hospital_lab")
    _header(b, rng, "DISCHARGE SUMMARY", person, style, rng.choice(PERFORMER_TEXT["hospital_lab"]))
    adm = test - dt.timedelta(days=rng.randint(2, 6))
    dis = test + dt.timedelta(days=rng.randint(0, 2))
    b.text(f"Admission date: {_fmt_date(adm, style)}        "
           f"Discharge date: {_fmt_date(dis, style)}")
    truth["facts"]["admission_date"] = adm.isoformat()
    truth["facts"]["discharge_date"] = dis.isoformat()
    b.text("Hospital course: admitted with COPD exacerbation, treated with steroids.")
    for line in rng.sample(FILLER, k=rng.choice([2, 5, 12])):
        b.text(line)
    for line in _findings_text(rng, truth):
        b.text(line)
    if rng.random() < 0.4:
        b.page_break()
    pao2 = float(rng.randint(48, 62))
    b.text(f"ABG on room air at rest {_fmt_date(test, style)}: pH 7.41, PaCO2 46, "
           f"PaO2 {pao2:.0f} mmHg.")
    truth["measurements"].append(_m("pao2", pao2, "rest", "room_air", "abg", test.isoformat()))
    _order(b, rng, truth)
    return truth


def _cmn(rng: random.Random, b: _Builder, person: _Person, test: dt.date, style: int
         ) -> dict[str, Any]:
    truth = _base_truth(person, None)
    _header(b, rng, "CERTIFICATE OF MEDICAL NECESSITY - OXYGEN", person, style,
            "Supplier: BreatheEasy Home Medical Equipment")
    # a CMN does not say who performed the test (the supplier only fills Section A)
    b.text("Section B: Information below may not be completed by the supplier.")
    value_kind = rng.choice(["pao2", "spo2"])
    value = float(rng.randint(48, 58) if value_kind == "pao2" else rng.randint(82, 89))
    label = "PaO2" if value_kind == "pao2" else "SaO2"
    unit = " mmHg" if value_kind == "pao2" else "%"
    b.text(f"1. Most recent arterial blood gas {label}: {value:.0f}{unit}    "
           f"Date of test: {_fmt_date(test, style)}")
    b.text("2. Test taken at rest, breathing room air.")
    truth["measurements"].append(_m(value_kind, value, "rest", "room_air", "abg",
                                    test.isoformat()))
    flow = float(rng.choice([1, 2, 3]))
    b.text(f"3. Oxygen flow rate prescribed: {flow:.0f} LPM")
    b.text("HCPCS: E1390 (stationary), E0431 (portable)")
    truth["facts"]["hcpcs"] = ["E0431", "E1390"]
    truth["facts"]["requested_equipment"] = ["stationary", "portable"]
    return truth


def generate(index: int, seed: int = 2026) -> SyntheticDoc:
    """Document number ``index`` of the corpus (same index and seed → same document)."""
    rng = random.Random(seed * 1000 + index)
    kinds = ["abg", "overnight", "exercise", "progress", "discharge", "cmn", "pediatric"]
    kind = kinds[index % len(kinds)]
    pediatric = kind == "pediatric"
    dob = dt.date(rng.randint(2010, 2019) if pediatric else rng.randint(1936, 1965),
                  rng.randint(1, 12), rng.randint(1, 28))
    person = _Person(rng.choice(FIRST), rng.choice(MIDDLE), rng.choice(LAST), dob)
    test = dt.date(2026, rng.randint(1, 10), rng.randint(13, 28))
    style = rng.choice([0, 0, 1, 2, 3, 4])
    b = _Builder()
    if kind == "abg":
        truth = _abg(rng, b, person, test, style)
    elif kind == "overnight":
        truth = _overnight(rng, b, person, test, style)
    elif kind == "exercise":
        truth = _exercise(rng, b, person, test, style)
    elif kind == "discharge":
        truth = _discharge(rng, b, person, test, style)
    elif kind == "cmn":
        truth = _cmn(rng, b, person, test, style)
    else:
        truth = _progress(rng, b, person, test, style, pediatric=pediatric)
    pages = [p for p in b.pages if p]
    rotate = len(pages) - 1 if index % 6 == 3 else None
    return SyntheticDoc(name=f"doc{index:03d}_{kind}", kind=kind, pages=pages, truth=truth,
                        fine_fax=rng.random() < 0.5, rotate_page=rotate,
                        rotate_turns=1 if index % 12 == 9 else 2,
                        skew=round(rng.uniform(-1.5, 1.5), 2), noise=rng.choice([0.0005, 0.002]),
                        serif=index % 5 == 2)


def corpus(count: int = 63, seed: int = 2026) -> list[SyntheticDoc]:
    return [generate(i, seed) for i in range(count)]


def write_text_pdf(doc: SyntheticDoc, path: Path) -> Path:
    path.write_bytes(text_pdf(doc.pages))
    return path


def _font(size_px: int, serif: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    paths = (SERIF_FONT, *FONT_PATHS) if serif else FONT_PATHS
    for candidate in paths:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size_px)
    return ImageFont.load_default(size=size_px)


def fax_images(doc: SyntheticDoc, seed: int = 0) -> tuple[list[Image.Image], tuple[int, int]]:
    """1-bit page images at fax resolution and the dpi pair (x, y)."""
    xdpi, ydpi = (204, 196) if doc.fine_fax else (204, 98)
    rng = np.random.default_rng(seed + sum(map(ord, doc.name)))
    images = []
    for index, items in enumerate(doc.pages):
        w, h = round(PAGE_W / 72 * xdpi), round(PAGE_H / 72 * xdpi)
        img = Image.new("L", (w, h), 255)
        draw = ImageDraw.Draw(img)
        scale = xdpi / 72
        draw.text((40, 20), f"FAX  from 555-0100   Page {index + 1}/{len(doc.pages)}",
                  font=_font(round(8 * scale)), fill=0)
        for it in items:
            draw.text((it.x * scale, it.top * scale), it.text,
                      font=_font(round(it.size * scale * 0.98), doc.serif), fill=0)
        img = img.rotate(doc.skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
        if index == doc.rotate_page:
            img = img.rotate(90 * doc.rotate_turns, expand=True)
        if ydpi != xdpi:
            img = img.resize((img.width, round(img.height * ydpi / xdpi)), Image.Resampling.BOX)
        arr = np.asarray(img) < 150
        arr ^= rng.random(arr.shape) < doc.noise
        images.append(Image.fromarray(np.where(arr, 0, 255).astype(np.uint8)).convert("1"))
    return images, (xdpi, ydpi)


def write_fax_tiff(doc: SyntheticDoc, path: Path) -> Path:
    images, dpi = fax_images(doc)
    images[0].save(path, format="TIFF", compression="group4", dpi=dpi, save_all=True,
                   append_images=images[1:])
    return path


def write_fax_pdf(doc: SyntheticDoc, path: Path) -> Path:
    """An image-only PDF; pixels are made square first, as fax gateways do."""
    images, (xdpi, ydpi) = fax_images(doc)
    square = [im.convert("L").resize((im.width, round(im.height * xdpi / ydpi)))
              for im in images] if ydpi != xdpi else images
    path.write_bytes(image_pdf(square, xdpi))
    return path
