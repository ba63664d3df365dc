"""Written orders: supplier check-box SWO, free-text prescription, typed detailed written order.

Traps built in: every device printed with its HCPCS code but only marked boxes ordered, flow
notations (2 LPM, 2L, 1/2 L, <1 LPM, "2 L rest, 3 L sleep, 4 L exertion"), "titrate to
SpO2 >= 90 %" goals, non-oxygen codes (CPAP), quoted qualifying results, a parent's DOB.
"""

from __future__ import annotations

import datetime as dt
import random

from .. import marks, synth
from ..case import Case, Qual, random_qual
from ..page import GREY, Page, wrap
from ..part import Builder, DocPart
from ..table import Cell, CellLike, draw_table
from .common import letterhead, set_patient, signature_block
from .quotes import quote_text, record_quote

STATIONARY_CODES = {"E1390", "E0439", "E0424"}
PORTABLE_CODES = {"E1392", "E0431", "E0434", "K0738", "E0443", "E0444"}


def _qual(rng: random.Random, case: Case, order_day: dt.date) -> Qual:
    q = case.qual
    if q is None or q.date > order_day:
        q = random_qual(rng, case, order_day)
    return q


def _guarantor(part: DocPart, case: Case) -> str | None:
    pt = case.patient
    if pt.pediatric and pt.parent and pt.parent_dob:
        part.hard.append("a parent's date of birth beside the child's")
        return (
            f"Responsible party: {pt.parent.full} (parent)   DOB "
            f"{synth.fmt_date(pt.parent_dob, 'us')}"
        )
    return None


def swo_checkbox(rng: random.Random, case: Case, j: int) -> DocPart:
    """Supplier form listing every device with its code; only the marked boxes are ordered."""
    part = DocPart("written_order", "swo_checkbox_form")
    set_patient(part, case)
    pt = case.patient
    pg = part.new_page()
    order_day = case.anchor + dt.timedelta(days=rng.randint(0, 6))
    y = letterhead(pg, case.supplier, 38, "helv", sub="Home Oxygen & Respiratory Equipment")
    pg.text(306, y, "STANDARD WRITTEN ORDER - HOME OXYGEN", "helv-b", 12.5, align="center")
    y += 16
    rows = [
        [f"Patient: {pt.full}", f"DOB: {synth.fmt_date(pt.dob, 'us')}", f"MBI: {pt.mbi}"],
        [
            f"Address: {pt.street}, {pt.city_line}",
            f"Phone: {pt.phone}",
            f"Order date: {synth.fmt_date(order_day, 'us')}",
        ],
    ]
    y = (
        draw_table(
            pg, 40, y, [230, 130, 172], rows, font="helv", size=8.5, ruled="grid", header_fill=None
        ).bottom
        + 4
    )
    g = _guarantor(part, case)
    if g:
        y += 10
        pg.text(40, y, g, "helv", 8.5)
    y += 14
    pg.text(40, y, "EQUIPMENT (check all that apply)", "helv-b", 9.5)
    y += 6
    items = [
        ("E1390", "Stationary oxygen concentrator"),
        ("E1392", "Portable oxygen concentrator (POC)"),
        ("E0431", "Portable gaseous oxygen system (E cylinders)"),
        ("E0443", "Portable oxygen contents, gaseous (cylinders)"),
        ("K0738", "Home transfill system"),
        ("E0439", "Stationary liquid oxygen system"),
        ("E0434", "Portable liquid oxygen system"),
    ]
    cpap = j % 3 == 0
    if cpap:
        items.append(("E0601", "CPAP device (non-oxygen; for O2 bleed-in)"))
    stat = "E1390" if rng.random() < 0.75 else "E0439"
    chosen = {stat}
    port_choice = {"E1390": rng.choice(["E1392", "E0431", "K0738", None]), "E0439": "E0434"}[stat]
    if j % 4 == 2:
        port_choice = None
    if port_choice:
        chosen.add(port_choice)
        if port_choice == "E0431":
            chosen.add("E0443")
    if cpap and rng.random() < 0.5:
        chosen.add("E0601")
    col_w = 266
    for i, (code, desc) in enumerate(items):
        cx = 40 + (i % 2) * col_w
        cy = y + 10 + (i // 2) * 15
        mark = rng.choice(["x", "tick"]) if code in chosen else None
        marks.checkbox(pg, rng, cx, cy, 8, mark)
        pg.text(cx + 13, cy + 7, f"{code}  {desc}", "helv", 8.5)
    y += 10 + ((len(items) + 1) // 2) * 15 + 10
    # only the marked codes are ordered (an unmarked printed code is not a request)
    part.facts.hcpcs |= {c for c in chosen if c != "E0601"}
    if chosen & STATIONARY_CODES:
        part.facts.requested_equipment.add("stationary")
    if chosen & PORTABLE_CODES:
        part.facts.requested_equipment.add("portable")
    part.hard.append("every device is printed; only the marked ones are ordered")
    part.hard_if(cpap, "a non-oxygen code (CPAP) on the form")
    # prescription details
    pg.text(40, y, "PRESCRIPTION", "helv-b", 9.5)
    y += 14
    flow = case.flow
    flow_txt = synth.fmt_flow(flow, "frac") if flow < 1 else f"{flow:g}"
    pg.text(40, y, "Liter flow:", "helv", 9)
    pg.hline(92, 140, y + 2, 0.5)
    marks.hand(
        pg,
        rng,
        96,
        y,
        flow_txt if flow >= 1 else ("<1" if j % 2 else flow_txt.replace(" L", "")),
        11,
    )
    pg.text(143, y, "LPM   via", "helv", 9)
    freq = rng.choice(
        [["Continuous"], ["Nocturnal", "With exertion"], ["Continuous"], ["With exertion"]]
    )
    x = 200.0
    for opt in ("Nasal cannula", "Mask"):
        marks.checkbox(pg, rng, x, y - 7, 8, "x" if opt == "Nasal cannula" else None)
        x += pg.text(x + 11, y, opt, "helv", 9) + 22
    y += 16
    pg.text(40, y, "Frequency:", "helv", 9)
    x = 100.0
    for opt in ("Continuous", "Nocturnal", "With exertion", "PRN"):
        marks.checkbox(pg, rng, x, y - 7, 8, rng.choice(["x", "tick"]) if opt in freq else None)
        x += pg.text(x + 11, y, opt, "helv", 9) + 22
    pg.text(420, y, "Hours/day:", "helv", 9)
    marks.hand(pg, rng, 470, y, "24" if "Continuous" in freq else rng.choice(["8", "10", "12"]), 11)
    y += 16
    pg.text(40, y, "Length of need:", "helv", 9)
    x = 120.0
    lon = rng.choice(["99 months (lifetime)", "12 months"])
    for opt in ("12 months", "99 months (lifetime)", "Other ____"):
        marks.checkbox(pg, rng, x, y - 7, 8, "x" if opt == lon else None)
        x += pg.text(x + 11, y, opt, "helv", 9) + 22
    y += 16
    pg.text(40, y, "Diagnosis (ICD-10):", "helv", 9)
    marks.hand(pg, rng, 135, y, ", ".join(c for c, _ in case.dx), 11)
    y += 16
    marks.checkbox(pg, rng, 40, y - 7, 8, "x")
    pg.text(53, y, "Titrate to maintain SpO2 >= 90 % (max 4 LPM)", "helv", 9)
    part.hard.append("'titrate to SpO2 >= 90 %' is a goal, not a result")
    y += 22
    # qualifying test block
    pg.rect(40, y, 532, 58, 0.6)
    pg.text(46, y + 11, "QUALIFYING TEST (optional - attach results)", "helv-b", 8.5)
    q = _qual(rng, case, order_day)
    filled = j % 2 == 0
    yy = y + 27
    pg.text(46, yy, "Test:", "helv", 8.5)
    x = 76.0
    for opt in ("ABG", "Oximetry"):
        sel = filled and ((opt == "ABG") == (q.kind == "pao2"))
        marks.checkbox(pg, rng, x, yy - 7, 8, "x" if sel else None)
        x += pg.text(x + 11, yy, opt, "helv", 8.5) + 20
    pg.text(220, yy, "Result:", "helv", 8.5)
    pg.hline(256, 300, yy + 2, 0.5)
    pg.text(303, yy, "mm Hg / %", "helv", 8)
    pg.text(370, yy, "Date:", "helv", 8.5)
    pg.hline(396, 470, yy + 2, 0.5)
    yy += 18
    x = 46.0
    for opt in ("Rest", "Exercise", "Sleep"):
        sel = filled and opt.lower() == q.setting
        marks.checkbox(pg, rng, x, yy - 7, 8, "x" if sel else None)
        x += pg.text(x + 11, yy, opt, "helv", 8.5) + 20
    x += 20
    for opt in ("Room air", "On ___ LPM"):
        marks.checkbox(pg, rng, x, yy - 7, 8, "x" if filled and opt == "Room air" else None)
        x += pg.text(x + 11, yy, opt, "helv", 8.5) + 20
    if filled:
        marks.hand(pg, rng, 260, y + 26, f"{q.value:g}", 11)
        marks.hand(pg, rng, 400, y + 26, synth.fmt_date(q.date, "us_short2"), 10.5)
        q_single = Qual(q.kind, q.value, q.setting, q.date, q.method, q.key)
        record_quote(part, q_single)
        part.hard.append("qualifying result copied onto the order")
    y += 72
    signature_block(
        pg, rng, 40, y + 10, case.physician, synth.fmt_date(order_day, "us_short2"), "helv"
    )
    pg.text(
        40,
        y + 50,
        f"Ordering practitioner: {case.physician.signed}   NPI {case.physician.npi}   "
        f"{case.clinic.name}, {case.clinic.phone}",
        "helv",
        8,
    )
    pg.text(
        306,
        770,
        f"Please fax completed order to {case.supplier.name} at {case.supplier.fax}",
        "helv-i",
        8,
        GREY,
        align="center",
    )
    return part


def rx_free_text(rng: random.Random, case: Case, j: int) -> DocPart:
    """Prescription pad: hand-written free text with the flow notation of the day."""
    part = DocPart("written_order", "rx_free_text")
    set_patient(part, case)
    pt = case.patient
    pg = part.new_page()
    day = case.anchor + dt.timedelta(days=rng.randint(0, 5))
    pg.rect(60, 50, 492, 400, 1.0)
    y = letterhead(pg, case.clinic, 72, "times", rule=False)
    pg.text(
        306,
        y - 4,
        f"{case.physician.signed}   DEA {rng.choice('AB')}{case.physician.last[0]}"
        f"{rng.randint(1000000, 9999999)}   NPI {case.physician.npi}",
        "times",
        8,
        align="center",
    )
    y += 10
    pg.hline(70, 542, y, 0.6)
    y += 18
    pg.text(76, y, "Name:", "times", 10)
    pg.hline(108, 330, y + 2, 0.4)
    marks.hand(pg, rng, 112, y, pt.full, 12)
    pg.text(340, y, "Date:", "times", 10)
    pg.hline(368, 530, y + 2, 0.4)
    marks.hand(pg, rng, 372, y, synth.fmt_date(day, "us_short"), 12)
    y += 20
    pg.text(76, y, "DOB:", "times", 10)
    pg.hline(104, 220, y + 2, 0.4)
    marks.hand(pg, rng, 108, y, synth.fmt_date(pt.dob, "us_short"), 12)
    y += 34
    pg.text(76, y + 8, "Rx", "times-b", 28)
    f = case.flow
    k = j % 4
    pcode = rng.choice(["E1392", "E0431"])
    if pt.pediatric:
        k = 2
    if k == 0:
        lines = [
            f"Home O2 {f:g} LPM via NC continuous,",
            "24 hr/day. Concentrator + portable",
            "tanks for ambulation.",
            "Dx " + ", ".join(c for c, _ in case.dx) + "   LON 99 mo",
        ]
        equip = {"stationary", "portable"}
    elif k == 1:
        lines = [
            f"O2 {max(f - 1, 1):g} L rest, {f:g} L sleep, {f + 1:g} L",
            "exertion via nasal cannula.",
            "Stationary concentrator & POC.",
            "Titrate to SpO2 >= 90%, max 4 L.",
        ]
        equip = {"stationary", "portable"}
        part.hard.append("three flows for rest, sleep and exertion")
        part.hard.append("'titrate to' goal")
    elif k == 2 and pt.pediatric:
        ft = "1/2 L" if f == 0.5 else ("<1 LPM" if f < 1 else f"{f:g} L")
        lines = [
            f"O2 {ft}/min NC during sleep",
            "and PRN with feeds.",
            "Concentrator; portable cylinders",
            "for transport. Goal SpO2 92-95%.",
        ]
        equip = {"stationary", "portable"}
        part.hard.append("fractional or <1 LPM flow")
    elif k == 2:
        ft = rng.choice(["1/2 L/min", "<1 LPM", "0.5 lpm"])
        lines = [
            f"O2 {ft} NC at night and",
            "PRN with exertion.",
            "Concentrator; portable cylinders",
            "for outings. Keep SpO2 88-92%.",
        ]
        equip = {"stationary", "portable"}
        part.hard.append("fractional or <1 LPM flow")
    else:
        lines = [
            f"Nocturnal O2 {f:g}L bled into CPAP",
            "via concentrator (E1390).",
            "No portable needed.",
            "Dx G47.33, J96.11",
        ]
        equip = {"stationary"}
        part.facts.hcpcs.add("E1390")
    for i, ln in enumerate(lines):
        marks.hand(pg, rng, 120, y + i * 22, ln, 13)
    y += len(lines) * 22 + 10
    if k == 0 and j % 8 == 0:
        marks.hand(pg, rng, 120, y, f"({pcode})", 12)
        part.facts.hcpcs.add(pcode)
        y += 22
    if k == 3 or j % 2 == 1:
        q = _qual(rng, case, day)
        txt = "Qualifying: " + quote_text(rng, q, j)
        y = _hand_para(pg, rng, 120, y, txt)
        record_quote(part, q)
        part.hard.append("qualifying result quoted on the prescription")
    part.facts.requested_equipment |= equip
    pg.text(76, 420, "Signature:", "times", 10)
    marks.signature(pg, rng, 140, 420)
    pg.text(360, 420, "Refills: 99   Substitution permitted", "times", 8.5)
    pg.text(
        306,
        440,
        "Valid only with the prescriber's signature.",
        "times-i",
        7.5,
        GREY,
        align="center",
    )
    part.hard.append("hand-written free-text order")
    return part


def _hand_para(pg: Page, rng: random.Random, x: float, y: float, txt: str) -> float:
    for ln in wrap(txt, 400, "hand", 12):
        marks.hand(pg, rng, x, y, ln, 12)
        y += 20
    return y


def dwo_typed(rng: random.Random, case: Case, j: int) -> DocPart:
    """Typed detailed written order with an items table, multi-line cells and quoted result."""
    part = DocPart("written_order", "dwo_typed_quoted_result")
    set_patient(part, case)
    pt = case.patient
    pg = part.new_page()
    day = case.anchor + dt.timedelta(days=rng.randint(1, 8))
    start = day + dt.timedelta(days=rng.randint(0, 3))
    y = letterhead(pg, case.clinic, 40, "sans", center=False)
    pg.text(40, y, "DETAILED WRITTEN ORDER - OXYGEN THERAPY", "sans-b", 12)
    y += 18
    info = [
        ["Beneficiary", pt.full, "Medicare ID", pt.mbi],
        ["Date of birth", synth.fmt_date(pt.dob, "us"), "Order date", synth.fmt_date(day, "us")],
        ["Start date", synth.fmt_date(start, "us"), "Ordering NPI", case.physician.npi],
    ]
    info_c: list[list[CellLike]] = [
        [Cell(r[0], font="sans-b"), r[1], Cell(r[2], font="sans-b"), r[3]] for r in info
    ]
    y = (
        draw_table(
            pg, 40, y, [90, 176, 90, 176], info_c, font="sans", size=8.5, ruled="grid"
        ).bottom
        + 12
    )
    g = _guarantor(part, case)
    if g:
        pg.text(40, y, g, "sans", 8.5)
        y += 14
    f = case.flow
    multi = j % 2 == 0 and f >= 2
    stat = rng.choice(["E1390", "E0439"])
    port = {"E1390": rng.choice(["E1392", "E0431"]), "E0439": "E0434"}[stat]
    with_port = j % 3 != 2
    items = [
        [
            "1",
            stat,
            "1",
            {
                "E1390": "Oxygen concentrator, single delivery port, capable of\n"
                "delivering 85 percent or greater oxygen concentration",
                "E0439": "Stationary liquid oxygen system, rental, includes\n"
                "container, contents, regulator, flowmeter",
            }[stat],
        ]
    ]
    if with_port:
        items.append(
            [
                "2",
                port,
                "1",
                {
                    "E1392": "Portable oxygen concentrator, rental",
                    "E0431": "Portable gaseous oxygen system, rental; includes\n"
                    "portable container, regulator, flowmeter, humidifier",
                    "E0434": "Portable liquid oxygen system, rental",
                }[port],
            ]
        )
    if j % 4 == 1:
        items.append([str(len(items) + 1), "E0601", "1", "CPAP (existing) - O2 bleed-in adapter"])
        part.hard.append("a non-oxygen code (CPAP) among the items")
    y = (
        draw_table(
            pg,
            40,
            y,
            [30, 60, 40, 402],
            items,
            header=["#", "HCPCS", "Qty", "Description"],
            font="sans",
            size=8.5,
            ruled="grid",
        ).bottom
        + 12
    )
    part.facts.hcpcs |= {r[1] for r in items if r[1] != "E0601"}
    part.facts.requested_equipment.add("stationary")
    if with_port:
        part.facts.requested_equipment.add("portable")
    flow_txt = (
        f"{max(f - 1, 1):g} L/min at rest\n{f:g} L/min during sleep\n{f + 1:g} L/min with exertion"
        if multi
        else synth.fmt_flow(f, rng.choice(["lpm", "lmin", "L"]))
        if f >= 1
        else synth.fmt_flow(f, "frac") + "/min"
    )
    details = [
        ["Flow rate", flow_txt],
        ["Route", "Nasal cannula"],
        [
            "Frequency / duration",
            "Continuous, 24 hours per day" if not multi else "Continuous; portable for ambulation",
        ],
        ["Length of need", rng.choice(["99 months (lifetime)", "12 months"])],
        ["Diagnosis", "\n".join(f"{c} {d}" for c, d in case.dx)],
        ["Goal", "Titrate to SpO2 >= 90 %; do not exceed 4 L/min without calling"],
    ]
    det: list[list[CellLike]] = [[Cell(a, font="sans-b"), b] for a, b in details]
    y = draw_table(pg, 40, y, [130, 402], det, font="sans", size=8.5, ruled="rows").bottom + 14
    part.hard_if(multi, "multi-line flow cell (rest / sleep / exertion)")
    q = _qual(rng, case, day)
    pg.text(40, y, "Qualifying data reviewed:", "sans-b", 9)
    y = pg.para(40, y + 12, 530, quote_text(rng, q, j + 1) + ".", "sans", 9)
    record_quote(part, q)
    part.hard.append("qualifying result quoted on the order")
    y += 16
    pg.para(
        40,
        y,
        530,
        "I have personally evaluated this patient within 30 days before this order; "
        "the medical record supports the medical necessity of the items ordered.",
        "sans",
        8,
    )
    signature_block(pg, rng, 40, y + 50, case.physician, synth.fmt_date(day, "us"), "sans")
    return part


LAYOUTS: dict[str, Builder] = {
    "swo_checkbox_form": swo_checkbox,
    "rx_free_text": rx_free_text,
    "dwo_typed_quoted_result": dwo_typed,
}
