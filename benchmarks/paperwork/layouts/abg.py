"""ABG lab reports: LIS single result, cumulative (columns / transposed), analyser slip, EHR print.

Traps built in: several draws with their own oxygen state, venous and capillary panels, kPa and
torr, the calculated alveolar PAO2 beside PaO2, temperature-corrected twins, collected vs
received vs reported vs printed dates, critical-call comments, corrected reports, hematocrit
as % or L/L, trend columns with earlier results, a pulse-oximetry row named "arterial".
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from .. import marks, synth
from ..case import Case
from ..page import GREY, Page
from ..part import Builder, DocPart
from ..table import Cell, CellLike, draw_table
from .abg_values import (
    Draw,
    flag,
    hospital_course,
    make_draw,
    pco2_text,
    po2_text,
    record_draw,
)
from .common import ehr_footer, set_patient


def _draw_day(case: Case, rng: random.Random) -> dt.date:
    if case.discharge:
        return case.discharge - dt.timedelta(days=rng.choice([0, 1]))
    return case.anchor


def _units_label(unit: str) -> str:
    return {"mmHg": "mm Hg", "torr": "torr", "kPa": "kPa"}[unit]


# ------------------------------------------------------------------------------------------
def lis_single(rng: random.Random, case: Case, j: int) -> DocPart:
    """Single-result LIS report: header block, Test | Result | Flag | Units | Range table."""
    v = j % 4
    part = DocPart("abg_lab_report", "abg_lis_single")
    pg = part.new_page()
    pt = case.patient
    set_patient(part, case)
    font = rng.choice(["courier", "mono"])
    unit = ["mmHg", "kPa", "mmHg", "torr"][v]
    venous = v == 2
    lab = case.ref_lab if venous else case.hospital
    part.facts.performed_by = "independent_lab" if venous else "hospital_lab"
    day = _draw_day(case, rng)
    late = v == 0
    when = (
        dt.datetime(day.year, day.month, day.day, 23, rng.randint(30, 52))
        if late
        else synth.at(day, rng, 5, 14)
    )
    delivery = ["nc", "ra", "ra", "unknown"][v]
    if case.abg_in_packet and v != 2:
        delivery = "ra"
    d = make_draw(
        rng,
        when,
        delivery,
        specimen="venous" if venous else "arterial",
        level=rng.choice(["qualifying", "group2", "normalish"]),
        pediatric=pt.pediatric,
    )
    if late:
        d.received = dt.datetime(day.year, day.month, day.day, 23, 59) + dt.timedelta(
            minutes=rng.randint(6, 40)
        )
        d.reported = d.received + dt.timedelta(minutes=rng.randint(8, 30))
    printed = d.reported + dt.timedelta(days=rng.randint(1, 3), hours=rng.randint(1, 9))

    y = 42.0
    pg.text(306, y, lab.name.upper(), font + "-b", 11, align="center")
    y += 12
    pg.text(
        306,
        y,
        "DEPARTMENT OF LABORATORY MEDICINE" if not venous else "CLINICAL LABORATORY REPORT",
        font,
        8.5,
        align="center",
    )
    y += 10
    pg.text(
        306,
        y,
        f"{lab.street}, {lab.city_line}  Tel {lab.phone}  CLIA# {rng.randint(10, 52)}D0"
        f"{rng.randint(100000, 999999)}",
        font,
        7.5,
        align="center",
    )
    y += 8
    pg.hline(36, 576, y, 0.8)
    y += 13
    age = pt.age_on(day)
    rows = [
        (
            f"Patient: {pt.last_first}",
            f"MRN: {pt.mrn}",
            f"Acct: {rng.randint(100000000, 999999999)}",
        ),
        (
            f"DOB: {synth.fmt_date(pt.dob, 'us')} ({age}Y)",
            f"Sex: {pt.sex}",
            f"Location: {rng.choice(['4W', '5E', 'MICU', 'ED', 'PFT LAB', '3N'])}-"
            f"{rng.randint(1, 40):02d}",
        ),
        (f"Ordering: {case.physician.last_first}", f"Phys NPI: {case.physician.npi}", ""),
    ]
    if case.admission and v in (0, 3):
        rows[2] = (rows[2][0], rows[2][1], f"Adm: {synth.fmt_date(case.admission, 'us')}")
        part.facts.admission_date = case.admission
    for a, b, c in rows:
        pg.text(40, y, a, font, 8.5)
        pg.text(300, y, b, font, 8.5)
        pg.text(440, y, c, font, 8.5)
        y += 11
    pg.hline(36, 576, y - 4, 0.5)
    y += 8
    title = "VENOUS BLOOD GAS (VBG)" if venous else "ARTERIAL BLOOD GAS"
    pg.text(
        40,
        y,
        f"Accession: {day.strftime('%y')}-{day.timetuple().tm_yday:03d}-"
        f"{rng.randint(1000, 99999):05d}",
        font,
        8.5,
    )
    pg.text(250, y, f"Test: {title}", font + "-b", 8.5)
    status = "CORRECTED" if v == 3 else "FINAL"
    pg.text(576, y, f"Status: {status}", font, 8.5, align="right")
    y += 12
    spec = "Venous blood" if venous else "Arterial blood"
    site = "L antecubital" if venous else d.site
    pg.text(
        40,
        y,
        f"Specimen: {spec}   Site: {site}" + ("" if venous else "   Allen test: Positive"),
        font,
        8.5,
    )
    y += 11
    if d.delivery == "ra":
        o2_line = [
            "O2 Device: Room air   FiO2: 21 %   Pt Temp: 37.0 C",
            f"FiO2: 0.21   Drawn by: RT {rng.randint(1000, 1999)}",
            "O2 Device: Room air",
            "Delivery: RA",
        ][v]
    elif d.delivery == "nc":
        o2_line = (
            f"O2 Device: {d.device_label}   O2 Flow: {d.flow:g} L/min   "
            + (f"FiO2: {round(d.fio2 * 100)} %" if d.fio2 else "FiO2: ---")
            + "   Pt Temp: 37.0 C"
        )
    else:
        o2_line = ""
    if o2_line:
        pg.text(40, y, o2_line, font, 8.5)
        y += 11
    tfmt = "us"
    pg.text(
        40,
        y,
        f"Collected: {synth.fmt_dt(d.collected, tfmt)}   Received: "
        f"{synth.fmt_dt(d.received, tfmt)}   Reported: {synth.fmt_dt(d.reported, tfmt)}",
        font,
        8.5,
    )
    y += 18
    part.hard_if(late, "collected before midnight, received and reported the next day")

    u = _units_label(unit)
    fstyle = "star" if v == 1 else "HL"
    po2v = float(po2_text(d, unit))
    po2_lo, po2_hi = (10.5, 13.5) if unit == "kPa" else (80, 100)
    if venous:
        po2_lo, po2_hi = (4.0, 6.0) if unit == "kPa" else (30, 50)
    rows2: list[Sequence[CellLike]] = [
        ["pH", f"{d.ph:.2f}", flag(d.ph, 7.35, 7.45, 7.20, 7.60, fstyle), "", "7.35-7.45"],
        [
            "pCO2" if not venous else "pCO2 (ven)",
            pco2_text(d, unit),
            flag(d.pco2, 35, 45, None, 70, fstyle),
            u,
            "4.7-6.0" if unit == "kPa" else "35-45",
        ],
        [
            "pO2" if not venous else "pO2 (ven)",
            po2_text(d, unit),
            flag(po2v, po2_lo, po2_hi, 6.7 if unit == "kPa" else 50, None, fstyle)
            if not venous
            else "",
            u,
            f"{po2_lo:g}-{po2_hi:g}",
        ],
        ["HCO3", f"{d.hco3:.1f}", flag(d.hco3, 22, 26, None, None, fstyle), "mmol/L", "22-26"],
        ["Base excess", f"{d.be:+.1f}", flag(d.be, -2, 2, None, None, fstyle), "mmol/L", "-2 - +2"],
        [
            "sO2 (calc)" if not venous else "SvO2",
            f"{d.so2:.1f}",
            flag(d.so2, 94, 100, None, None, fstyle) if not venous else "",
            "%",
            "94-100" if not venous else "60-80",
        ],
    ]
    if v == 0 and d.pao2_alveolar:
        paa = d.pao2_alveolar
        rows2.append(["PAO2 (alveolar, calc)", f"{paa:.0f}", "", u, ""])
        rows2.append(["A-a gradient", f"{paa - d.po2:.0f}", "", u, ""])
        part.hard.append("calculated alveolar PAO2 printed beside PaO2")
    if v == 3:
        rows2[2] = [rows2[2][0], Cell(po2_text(d, unit) + " (C)"), *rows2[2][2:]]
    ruled = rng.choice(["none", "header", "rows"])
    tb = draw_table(
        pg,
        40,
        y,
        [150, 70, 40, 60, 110],
        rows2,
        header=["TEST", "RESULT", "FLAG", "UNITS", "REFERENCE RANGE"],
        font=font,
        size=8.5,
        ruled=ruled,
        header_fill=None,
        aligns=["left", "right", "center", "left", "left"],
    )
    y = tb.bottom + 14
    if not venous:
        record_draw(part, d, unit)
    else:
        part.hard.append("venous gas panel: pO2 is not arterial")
    if v == 1:
        part.hard.append("kPa units")
        part.hard.append("room air only as FiO2 0.21")
    if v == 3:
        part.hard.append("no oxygen state printed")
    # hematocrit
    if v in (0, 1, 2):
        hct = rng.randint(38, 61) if not pt.pediatric else rng.randint(31, 45)
        cbc_day = day
        pg.text(40, y, "HEMATOLOGY", font + "-b", 8.5)
        y += 12
        hct_txt = f"0.{hct:02d}" if v == 1 else f"{hct:.1f}"
        hct_units = "L/L" if v == 1 else "%"
        hrows = [
            ["WBC", f"{rng.uniform(5, 13):.1f}", "", "K/uL", "4.0-11.0"],
            ["Hemoglobin", f"{hct / 3:.1f}", "H" if hct > 52 else "", "g/dL", "13.5-17.5"],
            [
                "Hematocrit",
                hct_txt,
                flag(hct, 39, 52, None, None, fstyle),
                hct_units,
                "0.39-0.52" if v == 1 else "39.0-52.0",
            ],
            ["Platelets", str(rng.randint(150, 390)), "", "K/uL", "150-400"],
        ]
        tb = draw_table(
            pg,
            40,
            y,
            [150, 70, 40, 60, 110],
            hrows,
            font=font,
            size=8.5,
            ruled="none",
            aligns=["left", "right", "center", "left", "left"],
        )
        y = tb.bottom + 12
        part.add("hematocrit", float(hct), None, None, "lab", cbc_day)
        part.hard_if(v == 1, "hematocrit as an L/L fraction")
    # comments
    pg.text(40, y, "COMMENTS:", font + "-b", 8.5)
    y += 11
    if v == 3:
        old = int(d.po2) + rng.choice([-14, -9, 11, 17])
        y = pg.para(
            40,
            y,
            520,
            f"CORRECTED REPORT: pO2 previously reported as {old} {u} on "
            f"{synth.fmt_dt(d.reported, 'us')}; corrected to {po2_text(d, unit)} {u} after "
            "analyser QC review. Notified ordering provider.",
            font,
            8.5,
        )
        part.hard.append("corrected report repeats the old value")
    if not venous and po2v < (6.7 if unit == "kPa" else 50):
        call = d.reported + dt.timedelta(minutes=rng.randint(2, 15))
        reader = rng.choice(["J. SMITH RN", "K. LOPEZ RN", "DR. " + case.physician.last.upper()])
        y = pg.para(
            40,
            y,
            520,
            f"** CRITICAL RESULT ** pO2 {po2_text(d, unit)} {u} called to and read "
            f"back by {reader}"
            f" at {synth.fmt_time(call)} on {synth.fmt_date(call.date(), 'us')}.",
            font,
            8.5,
        )
        part.hard.append("critical-call comment repeats the value with a call time")
    elif venous:
        y = pg.para(
            40,
            y,
            520,
            "Venous specimen. pO2 and SvO2 do not reflect arterial oxygenation.",
            font,
            8.5,
        )
    else:
        y = pg.para(
            40,
            y,
            520,
            rng.choice(
                [
                    "Specimen received on ice.",
                    "No comment.",
                    "Results verified by second technologist.",
                ]
            ),
            font,
            8.5,
        )
    pg.text(40, 742, f"Printed: {synth.fmt_dt(printed, 'us')}   Page 1 of 1", font, 8)
    pg.text(576, 742, f"Performed at: {lab.name}", font, 7.5, align="right")
    pg.text(
        40,
        754,
        f"Verified by: {rng.choice(['MT(ASCP)', 'MLS'])} {rng.randint(100, 999)}",
        font,
        7.5,
    )
    return part


# ------------------------------------------------------------------------------------------
def _course(rng: random.Random, case: Case, n: int, venous_col: bool) -> list[Draw]:
    start_day = case.admission or (case.anchor - dt.timedelta(days=n))
    draws = hospital_course(
        rng, synth.at(start_day, rng, 1, 22), n, final_ra=True, pediatric=case.patient.pediatric
    )
    if venous_col:
        k = rng.randint(1, n - 1)
        vd = make_draw(
            rng,
            draws[k].collected - dt.timedelta(hours=rng.randint(2, 5)),
            draws[k].delivery,
            specimen="venous",
        )
        vd.flow, vd.fio2 = draws[k].flow, draws[k].fio2
        draws.insert(k, vd)
    return draws


def _po2_cell(d: Draw, unit: str, lo: float, hi: float) -> str:
    """pO2 with its flag appended (no flag on venous columns)."""
    txt = po2_text(d, unit)
    if d.specimen != "arterial":
        return txt
    return f"{txt} {flag(float(txt), lo, hi)}".strip()


def _delivery_cells(d: Draw, fio2_style: str) -> tuple[str, str]:
    fio2 = (
        ""
        if d.fio2 is None
        else (f"{d.fio2:.2f}" if fio2_style == "frac" else f"{round(d.fio2 * 100)}")
    )
    dev = d.short_device
    return fio2, dev


def cumulative_columns(rng: random.Random, case: Case, j: int) -> DocPart:
    """Landscape cumulative report: analytes down, one column per draw; wraps to page 2."""
    part = DocPart("abg_lab_report", "abg_cumulative_columns")
    set_patient(part, case)
    part.facts.performed_by = "hospital_lab"
    pt = case.patient
    n = 4 if j % 2 == 1 else rng.choice([2, 3])
    venous_col = j % 2 == 0 or rng.random() < 0.3
    draws = _course(rng, case, n, venous_col)
    reverse = j % 4 in (1, 2)
    shown = list(reversed(draws)) if reverse else draws
    per_page = 3 if len(shown) > 3 else len(shown)
    unit = "kPa" if j % 4 == 3 else "mmHg"
    fio2_style = rng.choice(["frac", "pct"])
    font = "helv"
    chunks = [shown[i : i + per_page] for i in range(0, len(shown), per_page)]
    printed = draws[-1].reported + dt.timedelta(days=rng.randint(1, 4), hours=3)
    part.hard_if(reverse, "draws in reverse chronological order")
    part.hard_if(len(chunks) > 1, "extra columns wrap onto page 2")
    part.hard_if(venous_col, "a venous column among arterial draws")
    part.hard_if(unit == "kPa", "kPa units")
    admitted = case.admission or draws[0].collected.date()
    printer = f"LAB{rng.randint(10, 99)}"
    part.facts.admission_date = admitted
    for ci, chunk in enumerate(chunks):
        pg = part.new_page(landscape=True)
        y = 36.0
        pg.text(40, y, case.hospital.name, font + "-b", 12)
        pg.text(752, y, "CUMULATIVE REPORT - BLOOD GASES", font + "-b", 11, align="right")
        y += 14
        pg.text(
            40,
            y,
            f"{pt.last_first}   MRN {pt.mrn}   DOB {synth.fmt_date(pt.dob, 'us')}   "
            f"Sex {pt.sex}   Admitted {synth.fmt_date(admitted, 'us')}   Attending "
            f"{case.physician.last_first}",
            font,
            8.5,
        )
        y += 10
        order = "newest first" if reverse else "oldest first"
        pg.text(
            40,
            y,
            f"Report period {synth.fmt_date(draws[0].collected.date(), 'us')} - "
            f"{synth.fmt_date(draws[-1].collected.date(), 'us')}  ({order})"
            + ("   -- continued --" if ci else ""),
            font,
            8,
            GREY,
        )
        y += 14
        u = _units_label(unit)
        header = ["Test", "Units", "Ref range"] + [
            f"{synth.fmt_date(d.collected.date(), 'us2')}\n{synth.fmt_time(d.collected)}"
            for d in chunk
        ]
        rows: list[Sequence[CellLike]] = []
        spec_row: list[CellLike] = [
            "Specimen",
            "",
            "",
            *({"arterial": "ART", "venous": "VEN", "capillary": "CAP"}[d.specimen] for d in chunk),
        ]
        rows.append(spec_row)
        rows.append(
            ["FiO2", "" if fio2_style == "frac" else "%", ""]
            + [_delivery_cells(d, fio2_style)[0] for d in chunk]
        )
        rows.append(["O2 Device", "", ""] + [_delivery_cells(d, fio2_style)[1] for d in chunk])
        rows.append(
            ["pH", "", "7.35-7.45"]
            + [f"{d.ph:.2f} {flag(d.ph, 7.35, 7.45, 7.2, 7.6)}".strip() for d in chunk]
        )
        rows.append(
            ["pCO2", u, "4.7-6.0" if unit == "kPa" else "35-45"]
            + [f"{pco2_text(d, unit)} {flag(d.pco2, 35, 45, None, 70)}".strip() for d in chunk]
        )
        lo, hi = (10.5, 13.5) if unit == "kPa" else (80, 100)
        rows.append(["pO2", u, f"{lo:g}-{hi:g}"] + [_po2_cell(d, unit, lo, hi) for d in chunk])
        rows.append(["HCO3", "mmol/L", "22-26"] + [f"{d.hco3:.1f}" for d in chunk])
        rows.append(["Base Excess", "mmol/L", "-2-2"] + [f"{d.be:+.1f}" for d in chunk])
        rows.append(["O2 Sat (calc)", "%", "94-100"] + [f"{d.so2:.1f}" for d in chunk])
        widths = [110, 52, 64] + [120] * len(chunk)
        tb = draw_table(
            pg,
            40,
            y,
            widths,
            rows,
            header=header,
            font=font,
            size=8.5,
            ruled="grid",
            aligns=["left", "left", "left"] + ["center"] * len(chunk),
        )
        for d in chunk:
            record_draw(part, d, unit)
        y = tb.bottom + 14
        pg.text(
            40,
            y,
            "ART = arterial, VEN = venous. FiO2 and device as charted by respiratory therapy "
            "at the time of the draw.",
            font,
            7.5,
            GREY,
        )
        ehr_footer(pg, printer, printed, ci + 1, len(chunks))
    return part


def cumulative_transposed(rng: random.Random, case: Case, j: int) -> DocPart:
    """Portrait cumulative report with draws as rows; multi-line cells; capillary rows."""
    part = DocPart("abg_lab_report", "abg_cumulative_transposed")
    set_patient(part, case)
    part.facts.performed_by = "hospital_lab"
    pt = case.patient
    n = rng.choice([2, 3, 4])
    draws = _course(rng, case, n, venous_col=False)
    if j % 2 == 0:  # a capillary gas among them (children's wards)
        k = rng.randint(0, len(draws) - 1)
        cd = make_draw(
            rng,
            draws[k].collected + dt.timedelta(hours=3),
            "nc",
            specimen="capillary",
            pediatric=pt.pediatric,
        )
        draws.insert(k + 1, cd)
        part.hard.append("capillary gas row (not arterial)")
    reverse = j % 4 in (0, 3)
    shown = list(reversed(draws)) if reverse else draws
    part.hard_if(reverse, "draws in reverse chronological order")
    unit = rng.choice(["mmHg", "torr"])
    pg = part.new_page()
    font = rng.choice(["helv", "sans"])
    y = 40.0
    pg.text(40, y, case.hospital.name + "  -  Clinical Laboratory", font + "-b", 12)
    y += 14
    pg.text(40, y, "BLOOD GAS SUMMARY (cumulative)", font + "-b", 10)
    y += 16
    draw_table(
        pg,
        40,
        y,
        [260, 272],
        [
            [f"Name: {pt.last_first_mixed}", f"MRN: {pt.mrn}"],
            [
                f"DOB: {synth.fmt_date(pt.dob, 'us')}   Sex: {pt.sex}",
                f"Ordering: {case.physician.signed}",
            ],
        ],
        font=font,
        size=8.5,
        ruled="grid",
        header_fill=None,
    )
    y += 40
    u = _units_label(unit)
    header = [
        "Collected",
        "Spec",
        "FiO2",
        "O2 delivery",
        "pH",
        f"pCO2\n{u}",
        f"pO2\n{u}",
        "HCO3\nmmol/L",
        "sO2\n%",
        "Comment",
    ]
    rows = []
    for d in shown:
        spec = {"arterial": "A", "venous": "V", "capillary": "C"}[d.specimen]
        fio2 = "" if d.fio2 is None else f"{round(d.fio2 * 100)}%"
        if d.delivery == "ra":
            deliv = "Room air"
        elif d.delivery in ("nc", "hfnc"):
            deliv = f"{d.device_label}\n{d.flow:g} L/min"
        else:
            deliv = d.device_label
        comment = "" if d.specimen == "arterial" else "capillary sample - heel/finger"
        if d.specimen == "arterial" and d.po2 < 50:
            comment = "critical value called"
        rows.append(
            [
                f"{synth.fmt_date(d.collected.date(), 'us')}\n{synth.fmt_time(d.collected)}",
                spec,
                fio2,
                deliv,
                f"{d.ph:.2f}",
                pco2_text(d, unit),
                po2_text(d, unit) + (" L" if d.specimen == "arterial" and d.po2 < 80 else ""),
                f"{d.hco3:.1f}",
                f"{d.so2:.1f}",
                comment,
            ]
        )
        record_draw(part, d, unit)
    tb = draw_table(
        pg,
        40,
        y,
        [62, 28, 32, 70, 34, 40, 44, 44, 34, 144],
        rows,
        header=header,
        font=font,
        size=8,
        ruled="grid",
        aligns=["left", "center", "center", "left"] + ["right"] * 5 + ["left"],
    )
    y = tb.bottom + 12
    pg.text(
        40,
        y,
        "Spec: A = arterial, V = venous, C = capillary.  FiO2 as entered by the operator.",
        font,
        7.5,
        GREY,
    )
    y += 24
    if rng.random() < 0.5 or case.in_packet:
        marks.stamp(
            pg,
            rng,
            400,
            y + 10,
            [
                "RECEIVED",
                synth.fmt_date(
                    draws[-1].collected.date() + dt.timedelta(days=rng.randint(2, 6)), "mon"
                ).upper(),
            ],
        )
        part.hard.append("RECEIVED stamp date")
    ehr_footer(pg, "interface", draws[-1].reported + dt.timedelta(days=2), 1, 1, font)
    return part


# ------------------------------------------------------------------------------------------
def _conv(mmhg: float, unit: str) -> str:
    """A pressure in the slip's unit, right-aligned."""
    return f"{mmhg / 7.50062:5.1f}" if unit == "kPa" else f"{mmhg:5.0f}"


def _slip(
    pg: Page,
    rng: random.Random,
    x: float,
    y: float,
    case: Case,
    d: Draw,
    unit: str,
    show_temp: bool,
    coox: bool,
    hct: float | None,
) -> float:
    """An analyser receipt in a narrow column; returns its bottom y."""
    pt = case.patient
    arterial = d.specimen == "arterial"
    f, s = "mono", 7.8
    lh = 10.0
    lines: list[tuple[str, str]] = []
    model = rng.choice(["BG-ANALYZER 500", "GASLAB cx", "POC BLOOD GAS SYS 3"])
    lines += [("c", model), ("c", case.hospital.name[:30]), ("c", "-" * 32)]
    lines += [
        ("l", f"Patient ID: {pt.mrn}"),
        ("l", f"Last name: {pt.last.upper()}"),
        ("l", f"First name: {pt.first.upper()}"),
        ("l", f"Sample type: {d.specimen.capitalize()}"),
        ("l", f"Sample site: {'R radial' if d.specimen == 'arterial' else 'Peripheral vein'}"),
        ("l", f"Operator: RT{rng.randint(100, 999)}"),
        (
            "l",
            f"{synth.fmt_date(d.collected.date(), 'dmon')}  {synth.fmt_time(d.collected, '24s')}",
        ),
    ]
    if d.fio2 is not None:
        lines.append(("l", f"FIO2: {d.fio2 * 100:.1f} %   (entered)"))
    if d.delivery not in ("ra", "unknown"):
        lines.append(("l", f"O2 device: {d.short_device}"))
    lines.append(("l", f"Pt temp: {d.temp:.1f} C"))
    u = _units_label(unit)
    lines += [("c", "--- Measured (37.0 C) ---")]

    def arrow(val: float, lo: float, hi: float) -> str:
        return flag(val, lo, hi, style="arrow")

    lo, hi = (10.5, 13.5) if unit == "kPa" else (80.0, 100.0)
    lines += [
        ("l", f"pH        {d.ph:.3f}  {arrow(d.ph, 7.35, 7.45)}"),
        ("l", f"pCO2      {pco2_text(d, unit):>5} {u} {arrow(d.pco2, 35, 45)}"),
        (
            "l",
            f"pO2       {po2_text(d, unit):>5} {u} "
            f"{arrow(float(po2_text(d, unit)), lo, hi) if d.specimen == 'arterial' else ''}",
        ),
    ]
    if show_temp:
        lines += [
            ("c", f"--- At pt temp {d.temp:.1f} C ---"),
            ("l", f"pH(T)     {d.ph_at_temp():.3f}"),
            (
                "l",
                f"pCO2(T)   {_conv(d.pco2_at_temp(), unit)} {u}",
            ),
            ("l", f"pO2(T)    {po2_text(d, unit, True):>5} {u}"),
        ]
    if coox:
        lines += [
            ("c", "--- CO-Oximetry ---"),
            ("l", f"tHb       {rng.uniform(11, 17):5.1f} g/dL"),
            (
                "l",
                f"FO2Hb     {d.so2:5.1f} %  {arrow(d.so2, 94, 99) if arterial else ''}",
            ),
            ("l", f"FCOHb     {rng.uniform(0.4, 3.5):5.1f} %"),
            ("l", f"FMetHb    {rng.uniform(0.2, 1.2):5.1f} %"),
        ]
    else:
        lines += [("l", f"sO2       {d.so2:5.1f} %")]
    if hct is not None:
        lines += [("l", f"Hct       {hct:5.0f} %")]
    lines += [
        ("c", "--- Calculated ---"),
        ("l", f"HCO3-     {d.hco3:5.1f} mmol/L"),
        ("l", f"BE(ecf)   {d.be:+5.1f} mmol/L"),
    ]
    if d.pao2_alveolar and d.specimen == "arterial":
        lines.append(
            (
                "l",
                f"pO2(A)    {_conv(d.pao2_alveolar, unit)} {u}",
            )
        )
    lines += [("c", "-" * 32), ("l", f"Printed {synth.fmt_time(d.reported, '24s')}")]
    w = 178.0
    h = len(lines) * lh + 16
    pg.rect(x, y, w, h, 0.4, GREY)
    yy = y + 14
    for al, txt in lines:
        if al == "c":
            pg.text(x + w / 2, yy, txt, f, s, align="center")
        else:
            pg.text(x + 8, yy, txt, f, s)
        yy += lh
    return y + h


def poc_slip(rng: random.Random, case: Case, j: int) -> DocPart:
    """Analyser/point-of-care slips pasted on a sheet: one value per line, arrows, pO2(T)."""
    part = DocPart("abg_lab_report", "abg_poc_slip")
    set_patient(part, case, dob=False)
    part.facts.performed_by = "hospital_lab"
    pg = part.new_page()
    day = _draw_day(case, rng)
    when = synth.at(day, rng, 6, 20)
    delivery = rng.choice(["ra", "ra", "nc", "venturi"])
    if case.abg_in_packet:
        delivery = "ra"
    d = make_draw(
        rng,
        when,
        delivery,
        level=rng.choice(["qualifying", "group2"]),
        pediatric=case.patient.pediatric,
    )
    show_temp = j % 2 == 0
    if show_temp:
        d.temp = round(rng.choice([rng.uniform(38.1, 39.6), rng.uniform(35.2, 36.3)]), 1)
        part.hard.append("temperature-corrected pO2(T) twin")
    unit = "kPa" if j % 4 == 3 else "mmHg"
    coox = rng.random() < 0.5
    hct = float(rng.randint(40, 60)) if j % 4 in (0, 1) else None
    pg.text(40, 40, f"{case.hospital.name} - Respiratory Care", "helv-b", 11)
    pg.text(40, 54, "Point-of-care blood gas printout (scanned to chart)", "helv", 8.5)
    pg.text(40, 66, f"Patient: {case.patient.full}    MRN {case.patient.mrn}", "helv", 8.5)
    bottom = _slip(pg, rng, 60, 84, case, d, unit, show_temp, coox, hct)
    record_draw(part, d, unit, temp_twin=show_temp)
    if hct is not None:
        part.add("hematocrit", hct, None, None, "lab", d.collected.date())
    if j % 2 == 1:  # a venous slip from the same hour beside it
        vd = make_draw(
            rng, when - dt.timedelta(minutes=rng.randint(20, 70)), delivery, specimen="venous"
        )
        vd.flow, vd.fio2 = d.flow, d.fio2
        bottom = max(bottom, _slip(pg, rng, 330, 84, case, vd, unit, False, False, None))
        part.hard.append("a venous slip beside the arterial one")
    marks.hand(
        pg,
        rng,
        260 if j % 2 == 0 else 60,
        bottom + 24,
        f"RT: {d.short_device or 'RA'} - results to Dr {case.physician.last}",
        10,
    )
    part.hard_if(unit == "kPa", "kPa units")
    part.hard.append("analyser slip: one value per line with arrows")
    return part


# ------------------------------------------------------------------------------------------
def ehr_results(rng: random.Random, case: Case, j: int) -> DocPart:
    """EHR results print: LOINC-style names, trend column, pulse-ox row named 'arterial'."""
    part = DocPart("abg_lab_report", "abg_ehr_results")
    set_patient(part, case)
    part.facts.performed_by = "hospital_lab"
    pt = case.patient
    day = _draw_day(case, rng)
    when = synth.at(day, rng, 5, 15)
    delivery = "ra" if (j % 2 == 0 or case.abg_in_packet) else "nc"
    d = make_draw(
        rng,
        when,
        delivery,
        level=rng.choice(["qualifying", "group2", "normalish"]),
        pediatric=pt.pediatric,
    )
    prev = make_draw(rng, when - dt.timedelta(days=rng.randint(2, 40)), "unknown")
    printed = d.reported + dt.timedelta(days=rng.randint(1, 5), hours=2)
    font = "helv"
    pages = 2

    def banner(pg: Page) -> float:
        pg.rect(36, 30, 540, 34, 0.5, fill=(0.93, 0.93, 0.93))
        pg.text(44, 44, f"{pt.last_first}", font + "-b", 10)
        pg.text(
            44,
            57,
            f"DOB: {synth.fmt_date(pt.dob, 'us_short')} ({pt.age_on(day)} y.o.)  "
            f"MRN: {pt.mrn}  Legal Sex: {'Male' if pt.sex == 'M' else 'Female'}  "
            f"PCP: {case.physician.signed}",
            font,
            8,
        )
        return 82.0

    pg = part.new_page()
    y = banner(pg)
    pg.text(40, y, "Results Review", font + "-b", 12)
    y += 16
    pg.text(
        40, y, f"BLOOD GAS, ARTERIAL (Order #{rng.randint(10000000, 99999999)})", font + "-b", 9.5
    )
    y += 12
    pg.text(
        40,
        y,
        f"Collected on {synth.fmt_dt(d.collected, 'us_short', '12')}  |  Resulted on "
        f"{synth.fmt_dt(d.reported, 'us_short', '12')}  |  Status: Final result",
        font,
        8,
    )
    y += 14
    rows: list[Sequence[CellLike]] = []

    def trend(val: str, when: dt.datetime) -> str:
        return f"{val} ({synth.fmt_date(when.date(), 'us_short')})"

    fi = "21" if d.delivery == "ra" else (f"{round(d.fio2 * 100)}" if d.fio2 else "")
    rows.append(["Inhaled oxygen concentration", fi, "%", "", ""])
    if d.delivery != "ra":
        rows.append(
            [
                "Oxygen delivery system",
                d.device_label + (f" {d.flow:g} L/min" if d.flow else ""),
                "",
                "",
                "",
            ]
        )
    rows.append(
        [
            "pH of Arterial blood",
            f"{d.ph:.2f}",
            "7.35 - 7.45",
            flag(d.ph, 7.35, 7.45),
            trend(f"{prev.ph:.2f}", prev.collected),
        ]
    )
    rows.append(
        [
            "Carbon dioxide [Partial pressure] in Arterial blood",
            f"{d.pco2:.0f}",
            "35 - 45 mm[Hg]",
            flag(d.pco2, 35, 45),
            trend(f"{prev.pco2:.0f}", prev.collected),
        ]
    )
    rows.append(
        [
            "Oxygen [Partial pressure] in Arterial blood",
            f"{d.po2:.0f}",
            "80 - 100 mm[Hg]",
            flag(d.po2, 80, 100, 50),
            trend(f"{prev.po2:.0f}", prev.collected),
        ]
    )
    rows.append(
        [
            "Bicarbonate [Moles/volume] in Arterial blood",
            f"{d.hco3:.1f}",
            "22 - 26 mmol/L",
            flag(d.hco3, 22, 26),
            "",
        ]
    )
    rows.append(
        [
            "Oxygen saturation in Arterial blood",
            f"{d.so2:.1f}",
            "94 - 100 %",
            flag(d.so2, 94, 100),
            trend(f"{prev.so2:.1f}", prev.collected),
        ]
    )
    tb = draw_table(
        pg,
        40,
        y,
        [200, 70, 90, 30, 142],
        rows,
        header=["Component", "Value", "Ref Range & Units", "Flag", "Previous (date)"],
        font=font,
        size=8,
        ruled="rows",
        header_fill=(0.9, 0.9, 0.9),
    )
    record_draw(part, d, "mmHg")
    part.add("pao2", prev.po2, "rest", None, "abg", prev.collected.date(), optional=True)
    part.add("spo2", prev.so2, "rest", None, "abg", prev.collected.date(), optional=True)
    part.hard.append("trend column with an earlier result and its own date")
    y = tb.bottom + 10
    pg.text(
        40,
        y,
        f"Specimen: Arterial blood, {d.site}.  Performing lab: {case.hospital.name}.",
        font,
        8,
    )
    y += 22
    # a flowsheet vital sign with the 'arterial by pulse oximetry' name
    vt = d.collected - dt.timedelta(minutes=rng.randint(10, 50))
    sp = float(rng.randint(84, 93))
    on_o2 = d.delivery != "ra" or j % 4 == 1
    flow = d.flow if d.flow else (2.0 if on_o2 else None)
    pg.text(40, y, "Flowsheet - Vital Signs", font + "-b", 9.5)
    y += 6
    vrows = [
        [
            "Oxygen saturation in Arterial blood by Pulse oximetry",
            f"{sp:.0f} %",
            synth.fmt_dt(vt, "us_short", "12"),
        ],
        ["O2 Device", "Nasal cannula" if on_o2 else "None (Room air)", ""],
        ["O2 Flow Rate (L/min)", f"{flow:g}" if on_o2 and flow else "", ""],
    ]
    tb = draw_table(
        pg,
        40,
        y + 4,
        [250, 110, 172],
        vrows,
        font=font,
        size=8,
        ruled="rows",
        header=["Flowsheet row", "Value", "Taken"],
        header_fill=(0.9, 0.9, 0.9),
    )
    part.add(
        "spo2",
        sp,
        "rest",
        "supplemental" if on_o2 else "room_air",
        "oximetry",
        vt.date(),
        flow=flow if on_o2 else None,
    )
    part.hard.append("pulse-oximetry row named 'Oxygen saturation in Arterial blood'")
    y = tb.bottom + 14
    pg.text(
        40,
        y,
        f"Electronically verified by {rng.choice(['MLS', 'MT'])} {rng.randint(100, 999)} on "
        f"{synth.fmt_dt(d.reported, 'us_short', '12')}",
        font + "-i",
        8,
    )
    ehr_footer(pg, f"{case.physician.first[0]}{case.physician.last.upper()[:6]}", printed, 1, pages)
    # page 2: CBC with hematocrit
    pg2 = part.new_page()
    y = banner(pg2)
    cbc_day = day - dt.timedelta(days=rng.choice([0, 1]))
    cbc = synth.at(cbc_day, rng, 4, 8)
    hct = round(rng.uniform(40, 60), 1)
    pg2.text(
        40, y, f"CBC WITH DIFFERENTIAL (Order #{rng.randint(10000000, 99999999)})", font + "-b", 9.5
    )
    y += 12
    pg2.text(
        40,
        y,
        f"Collected on {synth.fmt_dt(cbc, 'us_short', '12')}  |  Resulted on "
        f"{synth.fmt_dt(cbc + dt.timedelta(hours=1, minutes=12), 'us_short', '12')}  |  Final",
        font,
        8,
    )
    y += 14
    crow = [
        [
            "Leukocytes [#/volume] in Blood by Automated count",
            f"{rng.uniform(5, 12):.1f}",
            "4.0 - 11.0 10*3/uL",
            "",
        ],
        [
            "Hemoglobin [Mass/volume] in Blood",
            f"{hct / 3:.1f}",
            "13.0 - 17.0 g/dL",
            "H" if hct > 51 else "",
        ],
        [
            "Hematocrit [Volume Fraction] of Blood by Automated count",
            f"{hct:.1f}",
            "39.0 - 51.0 %",
            flag(hct, 39, 51),
        ],
        [
            "Platelets [#/volume] in Blood by Automated count",
            str(rng.randint(150, 400)),
            "150 - 400 10*3/uL",
            "",
        ],
    ]
    draw_table(
        pg2,
        40,
        y,
        [260, 70, 130, 40],
        crow,
        header=["Component", "Value", "Ref Range & Units", "Flag"],
        font=font,
        size=8,
        ruled="rows",
        header_fill=(0.9, 0.9, 0.9),
    )
    part.add("hematocrit", hct, None, None, "lab", cbc_day)
    part.hard.append("hematocrit on page 2 with its own collection date")
    ehr_footer(
        pg2, f"{case.physician.first[0]}{case.physician.last.upper()[:6]}", printed, 2, pages
    )
    return part


LAYOUTS: dict[str, Builder] = {
    "abg_lis_single": lis_single,
    "abg_cumulative_columns": cumulative_columns,
    "abg_cumulative_transposed": cumulative_transposed,
    "abg_poc_slip": poc_slip,
    "abg_ehr_results": ehr_results,
}
