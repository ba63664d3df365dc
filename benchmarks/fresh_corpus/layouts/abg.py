"""Blood-gas and laboratory reports: LIS single result, cumulative (landscape and transposed),
analyser slip, EHR results print in kPa, a venous/arterial mixed panel, a reference-lab CBC."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..context import Ctx
from ..pen import Pen
from ..synth import clinician, digits, fmt_date, fmt_time, rand_time, severinghaus
from ..truth import KPA_TO_MMHG, Facts, M, Page, Part
from .common import LAND, LEFT, O2, RIGHT, W, ehr_footer, letterhead, name_line, o2_for, patient_box


@dataclass
class Gas:
    """One blood-gas draw."""

    when: datetime
    specimen: str              # arterial | venous | capillary | mixed venous
    o2: O2
    ph: float
    pco2: int
    po2: int
    hco3: float
    be: float
    so2: float

    @property
    def arterial(self) -> bool:
        return self.specimen == "arterial"


def make_gas(rng: random.Random, when: datetime, o2: O2, specimen: str = "arterial") -> Gas:
    """Plausible values for a COPD-ish patient in this oxygen state."""
    if specimen == "arterial":
        base = {"ra": rng.randint(46, 64), "nc": 52 + 7 * (o2.flow or 2) + rng.randint(-6, 8),
                "venturi": 40 + o2.fio2 + rng.randint(-5, 6)}.get(o2.kind, rng.randint(64, 118))
        po2 = int(base)
    else:
        po2 = rng.randint(27, 42)
    pco2 = rng.randint(36, 62)
    ph = round(7.40 - (pco2 - 40) * 0.004 + rng.uniform(-0.03, 0.04), 2)
    hco3 = round(0.0307 * pco2 * 10 ** (ph - 6.1), 1)
    be = round(0.93 * (hco3 - 24.4 + 14.8 * (ph - 7.4)), 1)
    so2 = round(min(99.6, severinghaus(po2) + rng.uniform(-0.8, 0.8)), 1)
    return Gas(when, specimen, o2, ph, pco2, po2, hco3, be, so2)


def gas_truth(g: Gas, page: int, sat: str = "required", kpa: float | None = None) -> list[M]:
    """PaO2 (and measured SaO2) of an arterial draw; venous draws give nothing."""
    if not g.arterial:
        return []
    acc: dict[str, list[object]] = {"setting": [None]}
    if g.o2.accept_flow():
        acc["flow_lpm"] = list(g.o2.accept_flow())
    value = round(kpa * KPA_TO_MMHG, 1) if kpa is not None else g.po2
    out = [M("pao2", value, "rest", g.o2.oxygen, g.o2.truth_flow, "abg", g.when.date(), page,
             accept=dict(acc))]
    if sat != "none":
        out.append(M("spo2", g.so2, "rest", g.o2.oxygen, g.o2.truth_flow, "abg", g.when.date(),
                     page, optional=sat == "optional", accept=dict(acc)))
    return out


def flag(value: float, lo: float, hi: float, style: str) -> str:
    """Abnormal flags in the report's own convention."""
    if lo <= value <= hi:
        return ""
    low = value < lo
    crit = (value < lo * 0.75) if low else (value > hi * 1.3)
    return {"HL": ("LL" if crit else "L") if low else ("HH" if crit else "H"),
            "star": "**" if crit else "*",
            "crit": ("CRIT" if crit else "L") if low else "H",
            "bang": "!" + ("L" if low else "H")}[style]


def units(rng: random.Random) -> str:
    return rng.choice(("mmHg", "mm Hg", "torr", "mmHg"))


def fio2_text(o2: O2, frac: bool) -> str:
    return f"{o2.fio2 / 100:.2f}" if frac else f"{o2.fio2}"


# ---------------------------------------------------------------------------------------------
def lis_single(ctx: Ctx) -> Part:
    """Hospital LIS single-result ABG report with collected/received/reported stamps."""
    rng, p = ctx.rng, ctx.patient
    kind = rng.choice(("ra", "ra", "nc", "venturi"))
    when = datetime.combine(ctx.anchor, rand_time(rng, 4, 11))
    g = make_gas(rng, when, o2_for(rng, kind))
    recv = when + timedelta(minutes=rng.randint(8, 40))
    rept = recv + timedelta(minutes=rng.randint(4, 30))
    printed = rept + timedelta(days=rng.randint(1, 9), hours=rng.randint(1, 6))
    ds = rng.choice(("mdy", "mdy_short", "dmony", "mdy_dash"))
    u, fstyle = units(rng), rng.choice(("HL", "star", "crit"))
    dates_in_header = rng.random() < 0.5
    device_in_comment = rng.random() < 0.35
    pao2_alv = round(g.o2.fio2 / 100 * 713 - g.pco2 / 0.8)
    show_alv = rng.random() < 0.7
    temp_twin = rng.random() < 0.3
    pt_temp = round(rng.uniform(38.2, 39.4), 1)
    po2_t = round(g.po2 * (1 + 0.06 * (pt_temp - 37)))
    doc = clinician(rng, "MD", p.last)
    acc = f"{ctx.anchor.year % 100}-{ctx.anchor.timetuple().tm_yday:03d}-{digits(rng, 5)}"
    crit_call = g.po2 < 55 and rng.random() < 0.7
    sat_calc = rng.random() < 0.35
    m = gas_truth(g, 1, "optional" if sat_calc else "required")
    hard = ["collected vs received/reported/printed dates", f"flags style {fstyle}"]
    if show_alv:
        hard.append("calculated alveolar PAO2 row beside PaO2")
    if temp_twin:
        m.append(M("pao2", po2_t, "rest", g.o2.oxygen, g.o2.truth_flow, "abg", when.date(), 1,
                   optional=True, accept={"setting": [None]}))
        hard.append("temperature-corrected pO2 twin (optional)")
    if device_in_comment:
        hard.append("oxygen state only in the comment")
    if crit_call:
        hard.append("critical-call comment repeats the value with a call time")

    def when_s(t: datetime) -> str:
        return f"{fmt_date(t.date(), ds)} {fmt_time(t.time(), 'hm')}"

    def stamp(label: str, t: datetime) -> str:
        return f"{label}: {when_s(t)}"

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.hospital, rng.choice(("center", "left")),
                       sub="Department of Pathology & Laboratory Medicine")
        pen.text(RIGHT, y, "FINAL REPORT", "Helvetica-Bold", 9, "right")
        pen.text(LEFT, y, "LABORATORY REPORT", "Helvetica-Bold", 11)
        pairs = [("Patient:", name_line(p, rng)), ("MRN:", p.mrn),
                 ("DOB:", f"{fmt_date(p.dob, ds)}  ({p.age_on(ctx.anchor)}Y)  {p.sex}"),
                 ("Location:", f"{rng.choice(('4W', '5E', 'ICU', 'ED', 'PCU'))}-"
                               f"{rng.randint(101, 480)}"),
                 ("Ordering:", doc.name), ("Accession:", acc)]
        if dates_in_header:
            pairs += [("Collected:", when_s(when)), ("Received:", when_s(recv))]
        y = patient_box(pen, y + 8, pairs, 2)
        pen.text(LEFT, y + 4, "BLOOD GAS, ARTERIAL", "Helvetica-Bold", 10)
        pen.line(LEFT, y + 8, RIGHT, y + 8, 0.8)
        rows = [["Test", "Result", "Flag", "Units", "Reference Range"],
                ["Specimen Type", "Arterial", "", "", ""],
                ["Site", rng.choice(("Radial, L", "Radial, R", "Brachial", "A-line")), "", "", ""]]
        if not device_in_comment:
            rows += [["FiO2", fio2_text(g.o2, rng.random() < 0.4), "", "", ""],
                     ["O2 Device", g.o2.device(rng), "", "", ""]]
        if temp_twin:
            rows.append(["Patient Temp", f"{pt_temp}", "", "deg C", ""])
        rows += [["pH", f"{g.ph:.2f}", flag(g.ph, 7.35, 7.45, fstyle), "", "7.35-7.45"],
                 ["pCO2", str(g.pco2), flag(g.pco2, 35, 45, fstyle), u, "35-45"],
                 ["pO2", str(g.po2), flag(g.po2, 80, 100, fstyle), u, "80-100"]]
        if temp_twin:
            rows.append([f"pO2 @ {pt_temp} C", str(po2_t), "", u, ""])
        rows += [["HCO3", f"{g.hco3:.1f}", flag(g.hco3, 22, 26, fstyle), "mmol/L", "22-26"],
                 ["Base Excess", f"{g.be:+.1f}", "", "mmol/L", "-2 to +2"],
                 ["O2 Sat (calc)" if sat_calc else "sO2 (measured)", f"{g.so2:.1f}",
                  flag(g.so2, 94, 100, fstyle), "%", "94-100"]]
        if show_alv:
            rows += [["PAO2 (alveolar, calc)", str(pao2_alv), "", u, ""],
                     ["A-a Gradient", str(max(5, pao2_alv - g.po2)), "", u, "<20"]]
        y = pen.table(LEFT, y + 12, [150, 110, 40, 70, 100], rows, "Helvetica", 8.5, 14,
                      rules=rng.choice(("rows", "header")), aligns="lrcll")
        y += 16
        pen.text(LEFT, y, "Comments:", "Helvetica-Bold", 8.5)
        y += 12
        notes = []
        if device_in_comment:
            notes.append(f"Pt on {g.o2.device(rng)} per RT at time of draw.")
        if crit_call:
            call = rept + timedelta(minutes=rng.randint(1, 9))
            notes.append(f"CRITICAL VALUE: pO2 {g.po2} {u} called to and read back by "
                         f"{rng.choice(('RN', 'RT'))} {clinician(rng, 'RN', p.last).last} at "
                         f"{fmt_time(call.time(), 'mil')} on {fmt_date(call.date(), ds)}.")
        notes.append("Analyzer: Blood gas system BG-9 (POC lab). Reference ranges for adults at "
                     "sea level.")
        for n in notes:
            y = pen.para(LEFT + 10, y, 500, n, "Helvetica", 8.3)
        y += 10
        if not dates_in_header:
            pen.text(LEFT, y, "   ".join((stamp("Collected", when), stamp("Received", recv),
                                         stamp("Reported", rept))), "Helvetica", 8)
            y += 12
        pen.text(LEFT, y, f"Verified by: {rng.choice(('MLS', 'CLS', 'MT'))} "
                 f"{rng.choice('ABCDEFGHJKLM')}{rng.choice('ABCDEFGHJKLM')}  "
                 f"{fmt_date(rept.date(), ds)} {fmt_time(rept.time())}", "Helvetica", 8)
        pen.text(W / 2, 700, "*** END OF REPORT ***", "Helvetica", 8, "center")
        ehr_footer(pen, f"{ctx.hospital.name} Laboratory  CLIA {ctx.hospital.ident[:10]}", 1, 1,
                   printed)

    f = _facts(ctx, "hospital_lab")
    return Part("abg_report", [Page(draw)], m, f, hard)


def _facts(ctx: Ctx, performer: str | None, dob: bool = True) -> Facts:
    """Patient name and DOB as printed, and who performed the test."""
    return Facts(ctx.patient.truth_name, ctx.patient.dob if dob else None, None, None, performer)


# ---------------------------------------------------------------------------------------------
def _admission_draws(ctx: Ctx, n: int) -> list[Gas]:
    """An exacerbation: high FiO2 first, a venous gas, cannula, a room-air draw before discharge."""
    rng = ctx.rng
    t = datetime.combine(ctx.anchor, rand_time(rng, 1, 23))
    plan = ["bipap" if rng.random() < 0.5 else "nrb", "venous", "nc", "venturi", "nc", "ra"]
    plan = [*plan[:n - 1], "ra"] if n <= len(plan) else plan
    out = []
    for step in plan:
        if step == "venous":
            out.append(make_gas(rng, t, o2_for(rng, "nc"), "venous"))
        else:
            out.append(make_gas(rng, t, o2_for(rng, step)))
        t += timedelta(hours=rng.randint(6, 40), minutes=rng.randint(0, 59))
    return out


def cumulative_landscape(ctx: Ctx) -> Part:
    """Landscape cumulative report: analytes down, one column per draw; forward or reverse."""
    rng, p = ctx.rng, ctx.patient
    draws = _admission_draws(ctx, rng.randint(4, 6))
    reverse = rng.random() < 0.5
    cols = list(reversed(draws)) if reverse else draws
    u = units(rng)
    frac = rng.random() < 0.5
    printed = draws[-1].when + timedelta(hours=rng.randint(2, 30))
    m = [x for g in draws for x in gas_truth(g, 1)]
    hard = ["one column per draw; dates in column headers", "venous column among arterial ones",
            "early draws on BiPAP/NRB, later on cannula and room air"]
    if reverse:
        hard.append("columns in reverse chronological order")

    def draw(pen: Pen) -> None:
        pen.text(LEFT, 36, ctx.hospital.name.upper(), "Courier-Bold", 11)
        pen.text(750, 36, "CUMULATIVE REPORT", "Courier-Bold", 11, "right")
        adm = fmt_date(draws[0].when.date(), "mdy")
        pen.text(LEFT, 50, f"{p.name('last_first')}   MRN {p.mrn}   DOB "
                 f"{fmt_date(p.dob, 'mdy')}   {p.sex}   ADM {adm}", "Courier", 9)
        order = "MOST RECENT FIRST" if reverse else "OLDEST FIRST"
        pen.text(LEFT, 63, f"BLOOD GASES   {fmt_date(draws[0].when.date(), 'mdy')} - "
                 f"{fmt_date(draws[-1].when.date(), 'mdy')}   ({order})", "Courier", 9)
        header1 = ["", "UNITS", "REF"] + [fmt_date(g.when.date(), "mdy_2") for g in cols]
        header2 = ["", "", ""] + [fmt_time(g.when.time(), "mil") for g in cols]
        rows = [header1, header2,
                ["SPECIMEN", "", ""] + [("ART" if g.arterial else "VEN") for g in cols],
                ["FIO2", "%" if not frac else "", ""] + [fio2_text(g.o2, frac) for g in cols],
                ["O2 DEVICE", "", ""] + [g.o2.short() for g in cols],
                ["PH", "", "7.35-7.45"] + [f"{g.ph:.2f}" for g in cols],
                ["PCO2", u, "35-45"] + [f"{g.pco2}{' H' if g.pco2 > 45 else ''}" for g in cols],
                ["PO2", u, "80-100"] + [f"{g.po2}{' L' if g.po2 < 80 else ''}" for g in cols],
                ["HCO3", "mmol/L", "22-26"] + [f"{g.hco3:.1f}" for g in cols],
                ["BASE EXCESS", "mmol/L", "-2-2"] + [f"{g.be:.1f}" for g in cols],
                ["O2 SAT MEAS", "%", "94-100"] + [f"{g.so2:.1f}" for g in cols],
                ["LACTATE", "mmol/L", "0.5-2.2"] + [f"{rng.uniform(0.6, 2.9):.1f}" for _ in cols]]
        widths = [100, 50, 62] + [96] * len(cols)
        pen.table(LEFT, 76, widths, rows, "Courier", 8.8, 15, header=2, rules="header")
        y = 76 + 15 * len(rows) + 20
        pen.text(LEFT, y, "L=Low  H=High  C=Critical.  Times shown are collection times.",
                 "Courier", 7.5)
        pen.text(LEFT, 590, f"Printed {fmt_date(printed.date(), 'mdy')} "
                 f"{fmt_time(printed.time(), 'mil')}  {ctx.hospital.name} LIS  Page 1 of 1",
                 "Courier", 7.5)

    return Part("abg_cumulative", [Page(draw, LAND)], m, _facts(ctx, "hospital_lab"), hard)


def cumulative_transposed(ctx: Ctx) -> Part:
    """Transposed cumulative: one row per draw, analytes across, continued on page 2."""
    rng, p = ctx.rng, ctx.patient
    n = rng.randint(9, 12)
    t = datetime.combine(ctx.anchor, rand_time(rng, 0, 23))
    draws = []
    for i in range(n):
        spec = "arterial" if rng.random() < 0.75 else rng.choice(("venous", "capillary"))
        kind = rng.choice(("vent", "vent", "hfnc")) if i < n // 3 else rng.choice(
            ("nc", "nc", "venturi")) if i < n - 1 else "ra"
        draws.append(make_gas(rng, t, o2_for(rng, kind), "arterial" if i == n - 1 else spec))
        t += timedelta(hours=rng.randint(3, 20), minutes=rng.randint(0, 59))
    rows_desc = list(reversed(draws))           # most recent first
    split = rng.randint(5, 7)
    pages_rows = [rows_desc[:split], rows_desc[split:]]
    u = units(rng)
    m = []
    for pi, chunk in enumerate(pages_rows):
        for g in chunk:
            m += gas_truth(g, pi + 1)
    printed = draws[-1].when + timedelta(days=rng.randint(1, 3))
    hard = ["draws as rows, newest first", "table continues on page 2 under a repeated header",
            "venous and capillary rows mixed in", "ventilator and HFNC FiO2 rows (no flow)"]

    def page(pi: int, chunk: list[Gas]) -> Page:
        def draw(pen: Pen) -> None:
            pen.text(LEFT, 40, f"{ctx.hospital.name} - Respiratory Care Blood Gas Laboratory",
                     "Helvetica-Bold", 10)
            pen.text(LEFT, 53, f"Patient: {p.name('Last_First')}   MRN: {p.mrn}   "
                     f"DOB: {fmt_date(p.dob, 'mdy')}", "Helvetica", 8.5)
            pen.text(LEFT, 65, "Blood Gas Flowsheet" + (" (continued)" if pi else ""),
                     "Helvetica-Bold", 9)
            head = ["Collected", "Spec", "O2 / Mode", "FiO2", "pH", f"pCO2 {u}", f"pO2 {u}",
                    "HCO3", "BE", "sO2 %"]
            rows = [head]
            for g in chunk:
                rows.append([f"{fmt_date(g.when.date(), 'mdy_short')} "
                             f"{fmt_time(g.when.time())}",
                             {"arterial": "ART", "venous": "VEN", "capillary": "CAP"}[g.specimen],
                             g.o2.short(), f"{g.o2.fio2}%",
                             f"{g.ph:.2f}", str(g.pco2), str(g.po2), f"{g.hco3:.1f}",
                             f"{g.be:.1f}", f"{g.so2:.1f}"])
            pen.table(LEFT, 78, [82, 32, 92, 34, 36, 52, 48, 42, 40, 40], rows, "Helvetica", 7.8,
                      16, rules="grid", header_fill=0.88, aligns="lcllrrrrrr")
            if pi == 0:
                pen.text(LEFT, 90 + 16 * len(rows), "Continued on next page ...",
                         "Helvetica-Oblique", 8)
            else:
                pen.text(LEFT, 90 + 16 * len(rows), "Spec: ART arterial, VEN venous, CAP "
                         "capillary. sO2 measured by co-oximetry.", "Helvetica", 7.5)
            ehr_footer(pen, "Respiratory Care Services", pi + 1, 2, printed)
        return Page(draw)

    return Part("abg_cumulative", [page(i, c) for i, c in enumerate(pages_rows)], m,
                _facts(ctx, "hospital_lab"), hard)


def analyser_slip(ctx: Ctx) -> Part:
    """Receipt-style POC analyser slip: one value per line, arrows, temperature twins."""
    rng, p = ctx.rng, ctx.patient
    kind = rng.choice(("ra", "ra", "nc", "venturi"))
    when = datetime.combine(ctx.anchor, rand_time(rng, 5, 20))
    g = make_gas(rng, when, o2_for(rng, kind))
    temp = round(rng.choice((37.0, rng.uniform(35.6, 39.6))), 1)
    twin = temp != 37.0
    po2_t = round(g.po2 * math.exp(0.058 * (temp - 37)))
    hct = rng.randint(38, 60)
    m = gas_truth(g, 1)
    for truth in m:
        truth.flow_lpm = None  # the slip prints FiO2 only, and FiO2 is not a flow
    o2hb = round(g.so2 - rng.uniform(0.8, 2.0), 1)
    m.append(M("spo2", o2hb, "rest", g.o2.oxygen, None, "abg", when.date(), 1,
               optional=True, accept={"setting": [None]}))
    m.append(M("hematocrit", hct, None, None, None, "lab", when.date(), 1, optional=True))
    if twin:
        m.append(M("pao2", po2_t, "rest", g.o2.oxygen, None, "abg", when.date(), 1,
                   optional=True, accept={"setting": [None]}))
    handwritten_ra = kind == "ra" and rng.random() < 0.5
    hard = ["receipt layout, one value per line", "FO2Hb beside sO2 (optional)",
            "calculated Hct (optional)"]
    if twin:
        hard.append("pO2(T) temperature-corrected twin (optional)")
    if handwritten_ra:
        hard.append("FiO2 blank on the slip; 'RA' hand-written")
    ds = rng.choice(("dmony", "mdy", "iso"))

    def draw(pen: Pen) -> None:
        x0, y = 200.0, 70.0
        lines = [("BG-400  BLOOD GAS SYSTEM", ""), (f"{fmt_date(when.date(), ds)}  "
                                                    f"{fmt_time(when.time())}", ""),
                 (f"Sample #  {rng.randint(1000, 9999)}", ""), ("Sample type  Arterial", ""),
                 (f"Patient ID  {p.mrn}", ""), (f"Last name   {p.last.upper()}", ""),
                 (f"First name  {p.first.upper()}", ""), (f"Operator    RT{rng.randint(100, 999)}",
                                                          ""),
                 (f"Pt Temp     {temp:.1f} C", ""),
                 ("FiO2        " + ("____" if handwritten_ra else f"{g.o2.fio2:.1f} %"), ""),
                 ("", ""), ("-- Blood gas values (37.0 C) --", ""),
                 (f"pH          {g.ph:.3f}", ""), (f"pCO2        {g.pco2:>5} mmHg",
                                                   "^" if g.pco2 > 45 else ""),
                 (f"pO2         {g.po2:>5} mmHg", "v" if g.po2 < 80 else "")]
        if twin:
            lines += [("", ""), (f"-- Temperature corrected ({temp:.1f} C) --", ""),
                      (f"pH(T)       {g.ph - 0.015 * (temp - 37):.3f}", ""),
                      (f"pCO2(T)     {round(g.pco2 * (1 + 0.044 * (temp - 37))):>5} mmHg", ""),
                      (f"pO2(T)      {po2_t:>5} mmHg", "")]
        lines += [("", ""), ("-- Oximetry values --", ""),
                  (f"ctHb        {hct / 3:5.1f} g/dL", ""),
                  (f"sO2         {g.so2:5.1f} %", "v" if g.so2 < 94 else ""),
                  (f"FO2Hb       {o2hb:5.1f} %", "v" if o2hb < 94 else ""),
                  (f"FCOHb       {rng.uniform(0.4, 3.5):5.1f} %", ""),
                  (f"FMetHb      {rng.uniform(0.2, 1.2):5.1f} %", ""),
                  ("", ""), ("-- Calculated values --", ""),
                  (f"HCO3-(P)    {g.hco3:5.1f} mmol/L", ""), (f"BE(ecf)     {g.be:5.1f} mmol/L",
                                                             ""),
                  (f"Hct(c)      {hct:5d} %", ""), (f"p50(act)    {rng.uniform(24, 28):5.1f} mmHg",
                                                    ""),
                  ("", ""), ("Ref ranges on file. ^/v above/below range", "")]
        height = 14 + 11.5 * len(lines)
        pen.rect(x0 - 14, y - 16, 236, height + 12, lw=0.4)
        for i, (s, arrow) in enumerate(lines):
            pen.text(x0, y + i * 11.5, s, "Courier", 8.6)
            if arrow:
                pen.text(x0 + 185, y + i * 11.5, arrow, "Courier-Bold", 9)
        if handwritten_ra:
            pen.hand(x0 + 80, y + 9 * 11.5 - 1, "RA", 13)
        pen.text(LEFT, 44, f"Scanned to chart - {ctx.hospital.name}", "Helvetica", 7.5)
        pen.text(LEFT, 745, f"POC ABG slip  acct {digits(rng, 9)}", "Helvetica", 7)

    return Part("abg_slip", [Page(draw)], m, _facts(ctx, "hospital_lab", dob=False), hard)


def ehr_results_kpa(ctx: Ctx) -> Part:
    """EHR results-review print with LOINC-style long names, kPa units and a trend column."""
    rng, p = ctx.rng, ctx.patient
    kind = rng.choice(("ra", "ra", "nc"))
    when = datetime.combine(ctx.anchor, rand_time(rng, 6, 16))
    g = make_gas(rng, when, o2_for(rng, kind))
    kpa = round(g.po2 / KPA_TO_MMHG, 1)
    kpa_co2 = round(g.pco2 / KPA_TO_MMHG, 1)
    prev = []
    t = when
    for _ in range(rng.randint(1, 3)):
        t -= timedelta(days=rng.randint(20, 200))
        prev.append(make_gas(rng, t, o2_for(rng, "ra")))
    pulse = round(min(99, severinghaus(g.po2) + rng.uniform(-2, 2)))
    m = gas_truth(g, 1, sat="none", kpa=kpa)
    m.append(M("spo2", pulse, "rest", g.o2.oxygen, g.o2.truth_flow, "oximetry", when.date(), 1,
               accept={"setting": [None]}))
    for pg in prev:
        pk = round(pg.po2 / KPA_TO_MMHG, 1)
        m.append(M("pao2", round(pk * KPA_TO_MMHG, 1), "rest", "room_air", None, "abg",
                   pg.when.date(), 1, optional=True, accept={"setting": [None]}))
    hard = ["kPa units", "LOINC-style long names", "'Alveolar gas' calculated row",
            "pulse-oximetry SpO2 named 'in Arterial blood by Pulse oximetry'",
            "previous results in trend columns (optional)"]
    ds = rng.choice(("iso", "dmony"))

    def draw(pen: Pen) -> None:
        pen.text(LEFT, 38, "Results Review", "Helvetica-Bold", 13)
        pen.text(RIGHT, 38, ctx.hospital.name, "Helvetica", 8.5, "right")
        pen.rect(LEFT, 46, RIGHT - LEFT, 30, lw=0, fill=0.92, stroke=False)
        pen.text(LEFT + 6, 58, f"{p.name('Last_First')}   DOB {fmt_date(p.dob, ds)}   "
                 f"MRN {p.mrn}   {p.sex}", "Helvetica-Bold", 9)
        pen.text(LEFT + 6, 70, f"Encounter: Outpatient   Attending: {ctx.physician.name}",
                 "Helvetica", 8)
        pen.text(LEFT, 96, f"Blood gas arterial panel - Collected {fmt_date(when.date(), ds)} "
                 f"{fmt_time(when.time())}   Status: Final", "Helvetica-Bold", 9)
        head = ["Component", f"{fmt_date(when.date(), 'dmony')}"] + [
            fmt_date(pg.when.date(), "dmony") for pg in prev] + ["Units", "Ref"]
        device = "Room air" if kind == "ra" else g.o2.device(rng)
        rows = [head,
                ["Oxygen [Partial pressure] in Arterial blood", f"{kpa:.1f} (L)"]
                + [f"{pg.po2 / KPA_TO_MMHG:.1f}" for pg in prev] + ["kPa", "10.5-13.5"],
                ["Carbon dioxide [Partial pressure] in Arterial blood", f"{kpa_co2:.1f}"]
                + [f"{pg.pco2 / KPA_TO_MMHG:.1f}" for pg in prev] + ["kPa", "4.7-6.0"],
                ["pH of Arterial blood", f"{g.ph:.2f}"] + [f"{pg.ph:.2f}" for pg in prev]
                + ["", "7.35-7.45"],
                ["Bicarbonate in Arterial blood", f"{g.hco3:.1f}"]
                + [f"{pg.hco3:.1f}" for pg in prev] + ["mmol/L", "22-29"],
                ["Oxygen [Partial pressure] in Alveolar gas (calc)",
                 f"{(g.o2.fio2 / 100 * 95 - kpa_co2 / 0.8):.1f}"] + ["" for _ in prev]
                + ["kPa", ""],
                ["Inhaled oxygen concentration", f"{g.o2.fio2}"] + ["21" for _ in prev]
                + ["%", ""],
                ["Oxygen delivery device", device] + ["" for _ in prev] + ["", ""],
                ["Oxygen saturation in Arterial blood by Pulse oximetry", f"{pulse}"]
                + ["" for _ in prev] + ["%", "95-100"]]
        widths = [205, 70] + [58] * len(prev) + [40, 60]
        pen.table(LEFT, 106, widths, rows, "Helvetica", 7.8, 17, rules="rows", aligns="l" +
                  "r" * (len(widths) - 1))
        y = 106 + 17 * len(rows) + 18
        pen.para(LEFT, y, 520, "Reference ranges apply to adults. Values in kPa; to convert to "
                 "mmHg multiply by 7.5. Previous results shown for comparison.", "Helvetica", 7.8)
        ehr_footer(pen, "CONFIDENTIAL - contains PHI", 1, 1,
                   when + timedelta(days=rng.randint(2, 20)), f"user{rng.randint(100, 999)}")

    return Part("abg_ehr", [Page(draw)], m, _facts(ctx, "hospital_lab"), hard)


def venous_arterial_panel(ctx: Ctx) -> Part:
    """Stacked result blocks: a venous gas first, then (maybe) an arterial one later."""
    rng, p = ctx.rng, ctx.patient
    t1 = datetime.combine(ctx.anchor, rand_time(rng, 2, 10))
    vbg = make_gas(rng, t1, o2_for(rng, "nc"), "venous")
    with_abg = rng.random() < 0.55
    t2 = t1 + timedelta(hours=rng.randint(2, 30))
    abg_ = make_gas(rng, t2, o2_for(rng, rng.choice(("ra", "nc"))))
    pulse = rng.randint(86, 93)
    m = gas_truth(abg_, 1) if with_abg else []
    m.append(M("spo2", pulse, "rest", vbg.o2.oxygen, vbg.o2.truth_flow, "oximetry", t1.date(), 1,
               accept={"setting": [None]}))
    hard = ["venous pO2 labelled plainly 'pO2' (not a PaO2)", "pulse-ox in specimen comment"]
    hard.append("arterial block collected on another day" if with_abg else
                "venous only: no PaO2 at all")
    ds = rng.choice(("mdy", "mdy_short"))

    def block(pen: Pen, y: float, g: Gas, title: str) -> float:
        pen.rect(LEFT, y, RIGHT - LEFT, 16, lw=0.6, fill=0.9)
        pen.text(LEFT + 6, y + 11.5, title, "Helvetica-Bold", 9)
        pen.text(RIGHT - 6, y + 11.5, f"Collected {fmt_date(g.when.date(), ds)} "
                 f"{fmt_time(g.when.time(), 'ampm')}", "Helvetica", 8.5, "right")
        rows = [["Analyte", "Value", "", "Units", "Normal"],
                ["pH", f"{g.ph:.2f}", "", "", "7.35-7.45" if g.arterial else "7.31-7.41"],
                ["pCO2", str(g.pco2), "", "mm Hg", "35-45" if g.arterial else "41-51"],
                ["pO2", str(g.po2), "L" if g.arterial and g.po2 < 80 else "", "mm Hg",
                 "80-100" if g.arterial else "30-40"],
                ["HCO3", f"{g.hco3:.1f}", "", "mEq/L", "22-26"],
                ["O2 Sat" if g.arterial else "SvO2", f"{g.so2:.1f}", "", "%",
                 "95-99" if g.arterial else "60-80"]]
        return pen.table(LEFT + 10, y + 22, [140, 70, 30, 70, 100], rows, "Helvetica", 8.5, 13,
                         rules="header", aligns="lrcll")

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.hospital, rng.choice(("band", "center")), sub="Core Laboratory")
        y = patient_box(pen, y, [("Name", name_line(p, rng)), ("DOB", fmt_date(p.dob, ds)),
                                 ("MRN", p.mrn), ("Physician", ctx.physician.name)], 2,
                        box=False)
        y = block(pen, y + 4, vbg, "VENOUS BLOOD GAS (VBG)")
        y = pen.para(LEFT + 10, y + 12, 500,
                     f"Specimen comment: peripheral venous sample. Pulse oximetry at time of draw "
                     f"{pulse}% on {vbg.o2.device(rng)}.", "Helvetica", 8.3)
        if with_abg:
            y = block(pen, y + 14, abg_, "ARTERIAL BLOOD GAS (ABG)")
            y = pen.para(LEFT + 10, y + 12, 500, f"Specimen: radial arterial. O2: "
                         f"{abg_.o2.device(rng)}.", "Helvetica", 8.3)
        pen.text(LEFT, y + 20, "Venous values are not interchangeable with arterial values.",
                 "Helvetica-Oblique", 8)
        ehr_footer(pen, ctx.hospital.name, 1, 1, t2 + timedelta(days=2))

    return Part("blood_gas_panel", [Page(draw)], m, _facts(ctx, "hospital_lab"), hard)


def reference_lab_cbc(ctx: Ctx) -> Part:
    """Independent reference-lab CBC with a hematocrit (percent or L/L), three-column header."""
    rng, p = ctx.rng, ctx.patient
    when = datetime.combine(ctx.anchor, rand_time(rng, 7, 11))
    hct = round(rng.choice((rng.uniform(56.5, 61.0), rng.uniform(44.0, 55.0))), 1)
    si = rng.random() < 0.35
    prev_hct = round(hct - rng.uniform(-2, 3), 1)
    prev_date = when.date() - timedelta(days=rng.randint(30, 150))
    m = [M("hematocrit", hct, None, None, None, "lab", when.date(), 1),
         M("hematocrit", prev_hct, None, None, None, "lab", prev_date, 1, optional=True)]
    f = _facts(ctx, "independent_lab")
    if hct > 56:
        f.finding("erythrocythemia", "optional")
    hard = ["hematocrit as fraction L/L" if si else "hematocrit in %",
            "previous result column (optional)", "three-column header: patient/specimen/client"]
    reported = when + timedelta(hours=rng.randint(10, 40))

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.lab, "left", sub="Clinical Reference Laboratory")
        cols = [("PATIENT INFORMATION", [p.name("last_first"), f"DOB: {fmt_date(p.dob, 'mdy')}",
                                         f"Sex: {p.sex}", f"Patient ID: {p.mrn}"]),
                ("SPECIMEN INFORMATION", [f"Specimen: {digits(rng, 3)}-{digits(rng, 4)}",
                                          f"Collected: {fmt_date(when.date(), 'mdy')} "
                                          f"{fmt_time(when.time())}",
                                          f"Received: {fmt_date(reported.date(), 'mdy')}",
                                          f"Reported: {fmt_date(reported.date(), 'mdy')} "
                                          f"{fmt_time(reported.time())}"]),
                ("CLIENT INFORMATION", [ctx.clinic.name[:30], ctx.physician.name,
                                        f"Acct: {digits(rng, 8)}", ctx.clinic.phone])]
        for i, (title, rows) in enumerate(cols):
            x = LEFT + i * 176
            pen.rect(x, y, 172, 62, lw=0.6)
            pen.rect(x, y, 172, 12, lw=0.6, fill=0.85)
            pen.text(x + 4, y + 9, title, "Helvetica-Bold", 7.5)
            pen.lines(x + 4, y + 23, rows, "Helvetica", 7.8, 10)
        y += 82
        pen.text(LEFT, y, "CBC WITH DIFFERENTIAL/PLATELET", "Helvetica-Bold", 10)
        head = ["TEST", "RESULT", "FLAG", "UNITS", "REFERENCE INTERVAL", "PREVIOUS"]
        hct_s = f"{hct / 100:.3f}" if si else f"{hct:.1f}"
        prev_s = (f"{prev_hct / 100:.3f}" if si else f"{prev_hct:.1f}") + \
            f" ({fmt_date(prev_date, 'mdy_short')})"
        rows = [head,
                ["WBC", f"{rng.uniform(5, 11):.1f}", "", "x10E3/uL", "3.4-10.8", ""],
                ["RBC", f"{hct / 8.6:.2f}", "H" if hct > 52 else "", "x10E6/uL", "4.14-5.80", ""],
                ["Hemoglobin", f"{hct / 2.95:.1f}", "H" if hct > 52 else "", "g/dL", "13.0-17.7",
                 ""],
                ["Hematocrit", hct_s, "H" if hct > 51 else "", "L/L" if si else "%",
                 "0.375-0.510" if si else "37.5-51.0", prev_s],
                ["MCV", f"{rng.uniform(84, 98):.0f}", "", "fL", "79-97", ""],
                ["Platelets", f"{rng.randint(150, 380)}", "", "x10E3/uL", "150-450", ""],
                ["Neutrophils", f"{rng.randint(48, 72)}", "", "%", "Not Estab.", ""]]
        y = pen.table(LEFT, y + 8, [120, 70, 40, 70, 110, 118], rows, "Helvetica", 8.5, 15,
                      rules="header", aligns="lrclll")
        pen.para(LEFT, y + 18, 520, "Performing site: " + ctx.lab.name + ", " + ctx.lab.address +
                 f". CLIA {ctx.lab.ident[:10]}. Lab Director: "
                 f"{clinician(rng, 'MD', p.last).name}.", "Helvetica", 7.5)
        pen.text(W / 2, 740, "FINAL REPORT  -  Page 1 of 1", "Helvetica", 7.5, "center")

    return Part("lab_report", [Page(draw)], m, f, hard)


LAYOUTS = {
    "abg_lis_single": lis_single,
    "abg_cumulative_landscape": cumulative_landscape,
    "abg_cumulative_transposed": cumulative_transposed,
    "abg_analyser_slip": analyser_slip,
    "abg_ehr_results_kpa": ehr_results_kpa,
    "abg_venous_arterial_panel": venous_arterial_panel,
    "lab_reference_cbc": reference_lab_cbc,
}
