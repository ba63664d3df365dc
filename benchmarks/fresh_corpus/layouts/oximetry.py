"""Overnight oximetry and sleep studies: vendor summary, IDTF report with % of time, a DME
relay of a device printout, a split-night polysomnogram, and a two-column home sleep test."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..context import Ctx
from ..pen import Pen
from ..synth import clinician, digits, fmt_date, fmt_flow, fmt_time, hm_words, hms
from ..truth import Facts, M, Page, Part
from .common import LEFT, O2, RIGHT, W, letterhead, name_line, o2_for, patient_box, signature


@dataclass
class Night:
    """One recorded night (synthetic numbers, internally consistent)."""

    start: datetime
    end: datetime
    valid: float                     # analysed minutes
    artifact: float
    baseline: int
    mean: float
    nadir: int
    nadir_elapsed: float             # minutes from recording start
    t88: float                       # minutes at or below 88 %
    t90: float                       # minutes below 90 %
    odi: float
    events: int
    pulse: tuple[int, int, int]
    o2: O2
    bands: list[tuple[str, float]] = field(default_factory=list)

    @property
    def total(self) -> float:
        return (self.end - self.start).total_seconds() / 60

    @property
    def pct88(self) -> float:
        return round(100 * self.t88 / self.valid, 1)

    @property
    def pct90(self) -> float:
        return round(100 * self.t90 / self.valid, 1)


def make_night(rng: random.Random, day: datetime, o2: O2) -> Night:
    """A night with time at or below 88 % between under a minute and two hours."""
    start = day.replace(hour=rng.randint(21, 23), minute=rng.randint(0, 59))
    total = rng.randint(330, 560)
    end = start + timedelta(minutes=total)
    artifact = round(rng.uniform(3, 40), 1)
    valid = round(total - artifact, 1)
    qualifying = rng.random() < 0.75
    t88 = round(rng.uniform(6, 140) if qualifying else rng.uniform(0.4, 4.6), 1)
    t90 = round(t88 + rng.uniform(5, 90), 1)
    nadir = rng.randint(72, 86) if qualifying else rng.randint(84, 86)
    mean = round(rng.uniform(89.1, 93.5), 1)
    baseline = rng.randint(max(90, round(mean)), 96)
    n90 = t90 - 0.0
    lo = t88 * rng.uniform(0.3, 0.7)
    bands = [("95-100", 0.0), ("90-94", 0.0), ("85-89", round(n90 - lo, 1)),
             ("80-84", round(lo * 0.7, 1)), ("75-79", round(lo * 0.25, 1)),
             ("< 75", round(lo * 0.05, 1))]
    upper = valid - n90
    b95 = round(upper * rng.uniform(0.05, 0.4), 1)
    bands[0] = ("95-100", b95)
    bands[1] = ("90-94", round(upper - b95, 1))
    events = rng.randint(12, 160)
    return Night(start, end, valid, artifact, baseline, mean, nadir,
                 round(rng.uniform(30, total - 30), 1), t88, t90,
                 round(events / (valid / 60), 1), events,
                 (rng.randint(48, 62), rng.randint(64, 82), rng.randint(96, 128)), o2, bands)


def night_truth(n: Night, page: int, t90_optional: bool = True) -> list[M]:
    """T88 with its minutes and the nadir are required; mean, baseline and T90 optional."""
    d, nxt = n.start.date(), [n.end.date()]
    kw = {"oxygen": n.o2.oxygen, "flow_lpm": n.o2.truth_flow, "method": "oximetry"}
    out = [M("spo2", 88, "sleep", date=d, page=page, minutes=n.t88, date_accept=nxt, **kw),
           M("spo2", n.nadir, "sleep", date=d, page=page, date_accept=nxt, **kw),
           M("spo2", n.mean, "sleep", date=d, page=page, date_accept=nxt, optional=True, **kw),
           M("spo2", n.baseline, "rest", date=d, page=page, date_accept=nxt, optional=True,
             accept={"setting": ["sleep", None]}, **kw)]
    if t90_optional:
        out.append(M("spo2", 89, "sleep", date=d, page=page, minutes=n.t90, date_accept=nxt,
                     optional=True, **kw))
    return out


def night_o2(rng: random.Random) -> O2:
    return o2_for(rng, "ra") if rng.random() < 0.7 else O2("nc", float(rng.choice((1, 2, 2, 3))))


def _day(ctx: Ctx) -> datetime:
    return datetime.combine(ctx.anchor, datetime.min.time())


# ---------------------------------------------------------------------------------------------
def vendor_summary(ctx: Ctx) -> Part:
    """Two-page vendor printout: header with hand-written O2 state, statistics, bands, graph."""
    rng, p = ctx.rng, ctx.patient
    n = make_night(rng, _day(ctx), night_o2(rng))
    m = night_truth(n, 1)
    reader = clinician(rng, "MD", p.last)
    hard = ["time <=88% in hh:mm:ss", "<90% and <=88% side by side",
            "oxygen state hand-written in the header", "recording spans two dates",
            "event list with per-event lows on page 2"]
    ds = rng.choice(("mdy", "mdy_short", "dmony"))
    performer = rng.choice(("idtf", "physician"))

    def page1(pen: Pen) -> None:
        pen.text(LEFT, 40, "NightTrace(TM) Overnight Oximetry Report", "Helvetica-Bold", 14)
        pen.text(RIGHT, 40, "Software v4.2.1", "Helvetica", 7.5, "right")
        pen.text(LEFT, 54, (ctx.idtf if performer == "idtf" else ctx.clinic).name, "Helvetica", 9)
        pen.line(LEFT, 60, RIGHT, 60, 1)
        fields = [("Patient Name", name_line(p, rng)), ("Patient ID", p.mrn),
                  ("Date of Birth", fmt_date(p.dob, ds)), ("Referring", ctx.physician.name),
                  ("Study Date", fmt_date(n.start.date(), ds)),
                  ("Device", f"Wrist oximeter S/N {digits(rng, 7)}")]
        for i, (label, value) in enumerate(fields):
            x, y = LEFT + (i % 2) * 270, 76 + (i // 2) * 14
            pen.text(x, y, label + ":", "Helvetica-Bold", 8.5)
            pen.text(x + 78, y, value, "Helvetica", 8.5)
        pen.text(LEFT, 76 + 3 * 14, "Oxygen:", "Helvetica-Bold", 8.5)
        pen.blank(LEFT + 78, 76 + 3 * 14, 120)
        o2s = "Room air" if n.o2.kind == "ra" else rng.choice(
            (f"O2 {fmt_flow(n.o2.flow or 0)} LPM", f"{fmt_flow(n.o2.flow or 0)}L NC"))
        pen.hand(LEFT + 82, 76 + 3 * 14 - 1, o2s, 12)
        y = 150
        pen.rect(LEFT, y, RIGHT - LEFT, 16, lw=0, fill=0.85, stroke=False)
        pen.text(LEFT + 5, y + 11.5, "Recording", "Helvetica-Bold", 9)
        rec = [("Start Time", f"{fmt_date(n.start.date(), 'mdy_short')} "
                              f"{fmt_time(n.start.time())}"),
               ("End Time", f"{fmt_date(n.end.date(), 'mdy_short')} {fmt_time(n.end.time())}"),
               ("Total Recording Time", hms(n.total)), ("Artifact / Excluded", hms(n.artifact)),
               ("Analyzed Time", hms(n.valid))]
        for i, (k, v) in enumerate(rec):
            pen.text(LEFT + 10, y + 30 + i * 13, k, "Helvetica", 8.5)
            pen.text(LEFT + 170, y + 30 + i * 13, v, "Helvetica", 8.5)
        y = 250
        pen.rect(LEFT, y, RIGHT - LEFT, 16, lw=0, fill=0.85, stroke=False)
        pen.text(LEFT + 5, y + 11.5, "Oxygen Saturation", "Helvetica-Bold", 9)
        pen.text(LEFT + 280, y + 11.5, "Pulse Rate", "Helvetica-Bold", 9)
        sat = [("Basal SpO2 (%)", str(n.baseline)), ("Average SpO2 (%)", f"{n.mean:.1f}"),
               ("Minimum SpO2 (%)", str(n.nadir)),
               ("Time of minimum", fmt_time((n.start + timedelta(minutes=n.nadir_elapsed)).time())),
               ("Total duration below 90%", hms(n.t90)),
               ("Total duration 88% & below", hms(n.t88)),
               ("Desaturation events (>=4%)", str(n.events)), ("ODI 4% (events/hr)", f"{n.odi}")]
        for i, (k, v) in enumerate(sat):
            pen.text(LEFT + 10, y + 30 + i * 13, k, "Helvetica", 8.5)
            pen.text(LEFT + 190, y + 30 + i * 13, v, "Helvetica-Bold" if "88" in k else "Helvetica",
                     8.5)
        for i, (k, v) in enumerate((("Low PR (bpm)", n.pulse[0]), ("Avg PR (bpm)", n.pulse[1]),
                                    ("High PR (bpm)", n.pulse[2]))):
            pen.text(LEFT + 290, y + 30 + i * 13, k, "Helvetica", 8.5)
            pen.text(LEFT + 400, y + 30 + i * 13, str(v), "Helvetica", 8.5)
        y = 400
        pen.text(LEFT, y, "Time spent in SpO2 ranges", "Helvetica-Bold", 9)
        rows = [["SpO2 %", "Time (hh:mm:ss)", "% of analyzed time"]] + [
            [b, hms(t), f"{100 * t / n.valid:.1f}"] for b, t in n.bands]
        y = pen.table(LEFT, y + 6, [110, 120, 130], rows, "Helvetica", 8.5, 14, rules="grid",
                      aligns="lrr")
        y += 26
        pen.text(LEFT, y, "Interpretation:", "Helvetica-Bold", 9)
        quals = n.t88 >= 5
        txt = (f"Overnight oximetry on {o2s.lower()} shows a mean saturation of {n.mean}% "
               f"with a nadir of {n.nadir}%. Cumulative time at or below 88% was "
               f"{round(n.t88)} minutes. " + (
                   "Findings consistent with nocturnal hypoxemia." if quals else
                   "Does not demonstrate significant nocturnal desaturation."))
        y = pen.para(LEFT, y + 13, 520, txt, "Times-Roman", 10)
        signature(pen, LEFT, y + 18, reader, n.end.date() + timedelta(days=rng.randint(1, 4)),
                  rng.random() < 0.5, "Interpreting physician")
        pen.text(W / 2, 760, "Page 1 of 2", "Helvetica", 7.5, "center")

    def page2(pen: Pen) -> None:
        pen.text(LEFT, 40, f"NightTrace(TM) - {p.name('Last_First')} - "
                 f"{fmt_date(n.start.date(), ds)}", "Helvetica-Bold", 10)
        x0, y0, gw, gh = LEFT + 30, 70, 490, 160
        pen.rect(x0, y0, gw, gh, lw=0.5)
        for v in (100, 90, 80, 70):
            yy = y0 + gh * (100 - v) / 35
            pen.text(x0 - 4, yy + 3, str(v), "Helvetica", 7, "right")
            pen.line(x0, yy, x0 + gw, yy, 0.3, 0.6)
        pts, r = [], random.Random(rng.random())
        val = float(n.baseline)
        for i in range(240):
            val += r.uniform(-1.2, 1.2) + (n.mean - val) * 0.1
            if r.random() < 0.04:
                val -= r.uniform(3, 9)
            val = max(n.nadir, min(99.0, val))
            pts.append((x0 + gw * i / 239, y0 + gh * (100 - val) / 35))
        pen.polyline(pts, 0.6, 0.35)
        pen.text(x0, y0 + gh + 12, "SpO2 trend (%), full night", "Helvetica", 7.5)
        pen.text(LEFT, 270, "Longest desaturation events", "Helvetica-Bold", 9)
        rows = [["#", "Start (elapsed)", "Duration (s)", "Low %"]]
        for i in range(8):
            rows.append([str(i + 1), hms(r.uniform(10, n.total - 10)), str(r.randint(20, 240)),
                         str(max(n.nadir, r.randint(n.nadir, 88)) if i else n.nadir)])
        pen.table(LEFT, 278, [30, 110, 90, 60], rows, "Helvetica", 8.3, 13, rules="header",
                  aligns="lrrr")
        pen.text(LEFT, 430, "Elapsed times are measured from the start of recording.",
                 "Helvetica-Oblique", 8)
        pen.text(W / 2, 760, "Page 2 of 2", "Helvetica", 7.5, "center")

    f = Facts(p.truth_name, p.dob, None, None, performer)
    return Part("overnight_oximetry", [Page(page1), Page(page2)], m, f, hard)


def idtf_percent(ctx: Ctx) -> Part:
    """IDTF report: narrative on top, a parameter table with % of analysed time, check boxes."""
    rng, p = ctx.rng, ctx.patient
    n = make_night(rng, _day(ctx), night_o2(rng))
    m = night_truth(n, 1)
    reader = clinician(rng, "MD", p.last)
    hard = ["time <=88% given only as % of analysed time", "analysed time as '6 h 42 min'",
            "nadir time on an elapsed clock", "room air / oxygen as check boxes",
            "plan to repeat on oxygen is not a result"]
    ds = rng.choice(("long", "mdy", "mon_d_y"))

    def draw(pen: Pen) -> None:
        y = letterhead(pen, ctx.idtf, "left", sub="Independent Diagnostic Testing Facility  "
                       f"- Medicare IDTF # {ctx.idtf.ident[:8]}")
        pen.text(W / 2, y + 4, "OVERNIGHT PULSE OXIMETRY - INTERPRETATION", "Times-Bold", 12,
                 "center")
        y = patient_box(pen, y + 14, [("Patient:", p.full), ("DOB:", fmt_date(p.dob, ds)),
                                      ("Study night:", fmt_date(n.start.date(), ds)),
                                      ("Ordering MD:", ctx.physician.name),
                                      ("Setting:", "Home, unattended"),
                                      ("Account:", digits(rng, 10))], 2, "Times-Roman", 9.5)
        pen.text(LEFT, y + 4, "Recorded on:", "Times-Bold", 10)
        pen.checkbox(LEFT + 75, y - 4, "x" if n.o2.kind == "ra" else None)
        pen.text(LEFT + 88, y + 4, "Room air", "Times-Roman", 10)
        pen.checkbox(LEFT + 150, y - 4, None if n.o2.kind == "ra" else "x")
        pen.text(LEFT + 163, y + 4, "Supplemental oxygen at", "Times-Roman", 10)
        pen.blank(LEFT + 268, y + 4, 30)
        if n.o2.kind != "ra":
            pen.hand(LEFT + 275, y + 3, fmt_flow(n.o2.flow or 0), 12)
        pen.text(LEFT + 302, y + 4, "L/min", "Times-Roman", 10)
        y += 24
        txt = (f"This home overnight oximetry was recorded for {hm_words(n.total)} of which "
               f"{hm_words(n.valid)} were analyzable. The average SpO2 was {n.mean}%. "
               f"Saturation was at or below 88% for {n.pct88}% of the analyzed time. The "
               f"oxygen desaturation index was {n.odi:.1f} per hour.")
        y = pen.para(LEFT, y, 528, txt, "Times-Roman", 10.5)
        rows = [["Parameter", "Result", "Reference"],
                ["Recording time", hm_words(n.total), ""],
                ["Analyzed time", hm_words(n.valid), "> 4 h"],
                ["Baseline (awake) SpO2", f"{n.baseline} %", ">= 95 %"],
                ["Mean SpO2", f"{n.mean:.1f} %", ">= 94 %"],
                ["Lowest SpO2 (nadir)", f"{n.nadir} %", ">= 90 %"],
                ["Nadir occurred at (elapsed)", hms(n.nadir_elapsed), ""],
                ["% analyzed time SpO2 <= 88%", f"{n.pct88} %", "< 1 %"],
                ["% analyzed time SpO2 < 90%", f"{n.pct90} %", "< 5 %"],
                ["ODI 3% (/h)", f"{n.odi * 1.2:.1f}", "< 5"],
                ["Pulse rate min / mean / max", "/".join(map(str, n.pulse)), ""]]
        y = pen.table(LEFT + 40, y + 10, [220, 120, 100], rows, "Times-Roman", 9.8, 15,
                      rules="grid", aligns="lrr")
        pen.text(LEFT, y + 22, "Impression:", "Times-Bold", 10.5)
        quals = n.t88 >= 5
        imp = ("Nocturnal hypoxemia on room air. Meets saturation criteria for nocturnal oxygen. "
               "Recommend repeat study on 2 L/min to confirm correction (goal SpO2 > 90%)."
               if quals and n.o2.kind == "ra" else
               "Nocturnal desaturation present on the stated oxygen flow." if quals else
               "No significant nocturnal hypoxemia. If symptoms persist, consider polysomnography.")
        y = pen.para(LEFT, y + 36, 528, imp, "Times-Roman", 10.5)
        signature(pen, LEFT, y + 20, reader, n.end.date() + timedelta(days=rng.randint(1, 6)),
                  rng.random() < 0.6, "Interpreting physician")
        pen.text(W / 2, 760, "This test was performed under the supervision of the IDTF. "
                 "The DME supplier delivered the sealed device only.", "Times-Italic", 8, "center")

    f = Facts(p.truth_name, p.dob, None, None, "idtf")
    if n.o2.kind == "ra":
        ctx.extra["sleep_result"] = (n.nadir, n.start.date())
    return Part("overnight_oximetry", [Page(draw)], m, f, hard)


def dme_relay(ctx: Ctx) -> Part:
    """Supplier cover letter quoting the result, then the raw device printout in Courier."""
    rng, p = ctx.rng, ctx.patient
    n = make_night(rng, _day(ctx), night_o2(rng))
    by_supplier = rng.random() < 0.4
    m = night_truth(n, 2)
    m.append(M("spo2", n.nadir, "sleep", n.o2.oxygen, n.o2.truth_flow, "oximetry",
               n.start.date(), 1, optional=True, date_accept=[n.end.date()]))
    hard = ["supplier letter quotes the nadir (a copy, optional)", "raw Courier device printout",
            "relative clock", "who performed it: " + ("the supplier (invalid)" if by_supplier
                                                     else "an IDTF, supplier only relays")]
    letter_day = n.end.date() + timedelta(days=rng.randint(2, 8))

    def letter(pen: Pen) -> None:
        y = letterhead(pen, ctx.supplier, "band", sub="Home Oxygen | CPAP | DME")
        pen.text(LEFT, y + 10, fmt_date(letter_day, "long"), "Helvetica", 10)
        y = pen.lines(LEFT, y + 36, [ctx.physician.name, ctx.clinic.name, ctx.clinic.street,
                                     f"{ctx.clinic.town}, {ctx.clinic.state} {ctx.clinic.zip}"],
                      "Helvetica", 10, 13)
        pen.text(LEFT, y + 14, f"RE: {p.full}   DOB {fmt_date(p.dob, 'mdy')}", "Helvetica-Bold",
                 10)
        body = [f"Dear {ctx.physician.dr},",
                f"Enclosed please find the overnight oximetry for the above patient recorded the "
                f"night of {fmt_date(n.start.date(), 'mdy')}"
                + (f" by {ctx.idtf.name}, an independent diagnostic testing facility." if not
                   by_supplier else " by our respiratory staff."),
                f"The lowest saturation recorded was {n.nadir}%. Please review the enclosed "
                f"report and, if you agree that home oxygen is indicated, sign and return the "
                f"enclosed order to our office at {ctx.supplier.fax}.",
                "Thank you for allowing us to serve your patient.", "Sincerely,"]
        y += 40
        for b in body:
            y = pen.para(LEFT, y, 520, b, "Helvetica", 10) + 8
        pen.hand(LEFT + 4, y + 10, clinician(rng, "RRT", p.last).first, 14)
        pen.text(LEFT, y + 26, "Intake Coordinator, " + ctx.supplier.name, "Helvetica", 9)
        pen.text(LEFT, 745, "Enclosure: overnight oximetry (1 page)", "Helvetica", 8)

    def printout(pen: Pen) -> None:
        perf = ctx.supplier if by_supplier else ctx.idtf
        lines = ["=" * 62, "      O X I M E T R Y   D A T A   S U M M A R Y", "=" * 62,
                 f"Patient .......... {p.name('last_first')}",
                 f"ID ............... {p.mrn}",
                 f"Study start ...... {fmt_date(n.start.date(), 'mdy')} {fmt_time(n.start.time())}",
                 f"Study end ........ {fmt_date(n.end.date(), 'mdy')} {fmt_time(n.end.time())}",
                 f"Performed by ..... {perf.name}",
                 f"Device ........... PO-{rng.randint(100, 999)}  S/N {digits(rng, 8)}",
                 "-" * 62,
                 f"Recording time ... {hms(n.total)}",
                 f"Valid data ....... {hms(n.valid)}",
                 "-" * 62, "SpO2 STATISTICS",
                 f"  Baseline ....... {n.baseline} %",
                 f"  Average ........ {n.mean:.1f} %",
                 f"  Lowest ......... {n.nadir} %   at {hms(n.nadir_elapsed)} (from start)",
                 f"  Time < 90% ..... {n.t90:.1f} min   ({n.pct90}%)",
                 f"  Time <= 88% .... {n.t88:.1f} min   ({n.pct88}%)",
                 f"  Events >= 4% ... {n.events}    ODI {n.odi:.1f}/h",
                 "PULSE", f"  Min/Avg/Max .... {n.pulse[0]} / {n.pulse[1]} / {n.pulse[2]} bpm",
                 "=" * 62]
        pen.lines(LEFT + 20, 70, lines, "Courier", 9.2, 12.5)
        pen.text(LEFT + 20, 70 + 12.5 * len(lines) + 14, "Tested on:", "Courier-Bold", 9.5)
        pen.checkbox(LEFT + 90, 70 + 12.5 * len(lines) + 5, "tick" if n.o2.kind == "ra" else None)
        pen.text(LEFT + 102, 70 + 12.5 * len(lines) + 14, "ROOM AIR", "Courier", 9.5)
        pen.checkbox(LEFT + 170, 70 + 12.5 * len(lines) + 5, None if n.o2.kind == "ra" else "tick")
        pen.text(LEFT + 182, 70 + 12.5 * len(lines) + 14, "O2 ____ LPM", "Courier", 9.5)
        if n.o2.kind != "ra":
            pen.hand(LEFT + 207, 70 + 12.5 * len(lines) + 12, fmt_flow(n.o2.flow or 0), 12)

    f = Facts(p.truth_name, p.dob, None, None, "dme_supplier" if by_supplier else "idtf")
    return Part("overnight_oximetry", [Page(letter), Page(printout)], m, f, hard)


def psg_split_night(ctx: Ctx) -> Part:
    """Three-page split-night polysomnogram: diagnostic oximetry, titration table with O2 bleed."""
    rng, p = ctx.rng, ctx.patient
    start = _day(ctx).replace(hour=22, minute=rng.randint(0, 50))
    split = start + timedelta(minutes=rng.randint(150, 200))
    end = start + timedelta(minutes=rng.randint(440, 500))
    diag_min = (split - start).total_seconds() / 60 - rng.randint(15, 40)
    t88 = round(rng.uniform(8, 60), 1)
    nadir, mean = rng.randint(74, 85), round(rng.uniform(89.1, 92.0), 1)
    ahi = round(rng.uniform(18, 70), 1)
    bleed = float(rng.choice((1, 2, 2, 3)))
    pressures = sorted(rng.sample(range(5, 16), 4))
    tit = []
    for i, cm in enumerate(pressures):
        low = rng.choice((rng.randint(80, 86), rng.randint(90, 93)))
        tit.append((cm, rng.randint(15, 70), round(max(0.0, ahi / (i + 2) - 3), 1), low, None))
    tit.append((pressures[-1], rng.randint(40, 90), round(rng.uniform(0, 4), 1),
                rng.randint(90, 94), bleed))
    d, nxt = start.date(), [end.date()]
    # the awake baseline printed on page 2 is a reading too (optional, as on every night);
    # its own generator, so that the rest of the document stays as it was
    awake = random.Random(f"{nadir}-{mean}-{t88}").randint(91, 95)
    m = [M("spo2", 88, "sleep", "room_air", None, "oximetry", d, 2, minutes=t88, date_accept=nxt),
         M("spo2", nadir, "sleep", "room_air", None, "oximetry", d, 2, date_accept=nxt),
         M("spo2", mean, "sleep", "room_air", None, "oximetry", d, 2, date_accept=nxt,
           optional=True),
         M("spo2", awake, "rest", "room_air", None, "oximetry", d, 2, date_accept=nxt,
           optional=True, accept={"setting": ["sleep", None]})]
    for _cm, _mins, _ahi, low, o2 in tit:
        if o2:
            m.append(M("spo2", low, "sleep", "supplemental", o2, "oximetry", d, 2,
                       date_accept=nxt, optional=True))
        else:
            m.append(M("spo2", low, "sleep", "room_air", None, "oximetry", d, 2, date_accept=nxt,
                       optional=True, accept={"oxygen": [None]}))
    sleep_doc = clinician(rng, "MD", p.last)
    hard = ["diagnostic vs titration portions", "titration nadirs per CPAP pressure (optional)",
            "oxygen bled into CPAP on the last titration row", "T88 in a per-phase table",
            "AHI/RDI numbers next to saturations"]

    def head(pen: Pen, page: int) -> float:
        y = letterhead(pen, ctx.sleep, "center", sub="AASM-accredited sleep facility")
        pen.text(LEFT, y, f"Patient: {p.full}   DOB: {fmt_date(p.dob, 'mdy')}   "
                 f"Study date: {fmt_date(d, 'mdy')}   Study: Split-night PSG (95810)",
                 "Helvetica", 8.5)
        pen.text(RIGHT, 765, f"Page {page} of 3", "Helvetica", 7.5, "right")
        return y + 16

    def p1(pen: Pen) -> None:
        y = head(pen, 1)
        pen.text(LEFT, y + 6, "POLYSOMNOGRAPHY REPORT", "Helvetica-Bold", 12)
        hist = (f"{p.first} {p.last} is a {p.age_on(d)}-year-old referred by "
                f"{ctx.physician.name} for loud snoring, witnessed apneas and daytime sleepiness "
                f"(Epworth {rng.randint(11, 20)}). History of COPD. No home oxygen at the time of "
                f"the study. The study was performed as a split night: diagnostic portion followed "
                f"by CPAP titration.")
        y = pen.para(LEFT, y + 26, 528, hist, "Helvetica", 9.5)
        rows = [["Sleep architecture", "Diagnostic", "Titration"],
                ["Total recording time (min)", f"{(split - start).total_seconds() / 60:.0f}",
                 f"{(end - split).total_seconds() / 60:.0f}"],
                ["Total sleep time (min)", f"{diag_min:.0f}",
                 f"{(end - split).total_seconds() / 60 - rng.randint(20, 50):.0f}"],
                ["Sleep efficiency (%)", f"{rng.uniform(62, 88):.1f}",
                 f"{rng.uniform(70, 92):.1f}"],
                ["N1 / N2 / N3 / REM (%)", f"{rng.randint(8, 20)}/{rng.randint(50, 65)}/"
                 f"{rng.randint(2, 12)}/{rng.randint(5, 18)}",
                 f"{rng.randint(5, 15)}/{rng.randint(45, 60)}/{rng.randint(5, 15)}/"
                 f"{rng.randint(12, 25)}"],
                ["Arousal index (/h)", f"{rng.uniform(15, 50):.1f}", f"{rng.uniform(5, 15):.1f}"]]
        pen.table(LEFT, y + 10, [220, 120, 120], rows, "Helvetica", 9, 16, rules="grid",
                  aligns="lrr", header_fill=0.9)

    def p2(pen: Pen) -> None:
        y = head(pen, 2)
        pen.text(LEFT, y + 6, "DIAGNOSTIC PORTION (room air)", "Helvetica-Bold", 10)
        rng.randint(91, 95)  # the draw that used to print the baseline: the rest stays as drawn
        rows = [["Respiratory", "Value", "Oximetry", "Value"],
                ["AHI (/h)", f"{ahi}", "Awake baseline SpO2", f"{awake} %"],
                ["RDI (/h)", f"{ahi + rng.uniform(2, 9):.1f}", "Mean SpO2 (sleep)", f"{mean} %"],
                ["Obstructive apneas", str(rng.randint(20, 120)), "SpO2 nadir", f"{nadir} %"],
                ["Hypopneas (4%)", str(rng.randint(20, 150)), "Time SpO2 <= 88% (min)", f"{t88}"],
                ["Central apneas", str(rng.randint(0, 6)), "Time SpO2 < 90% (% TST)",
                 f"{min(60.0, 100 * (t88 + rng.uniform(5, 30)) / diag_min):.1f}"]]
        y = pen.table(LEFT, y + 12, [130, 70, 170, 80], rows, "Helvetica", 9, 15, rules="grid",
                      aligns="lrlr", header_fill=0.9)
        pen.text(LEFT, y + 24, "TITRATION PORTION", "Helvetica-Bold", 10)
        rows = [["CPAP (cm H2O)", "Time (min)", "AHI (/h)", "SpO2 low (%)", "Supplemental O2"]]
        for cm, mins, a, low, o2 in tit:
            rows.append([str(cm), str(mins), f"{a}", str(low),
                         f"{fmt_flow(o2)} L/min bleed-in" if o2 else "none"])
        y = pen.table(LEFT, y + 30, [95, 80, 70, 90, 130], rows, "Helvetica", 9, 15, rules="grid",
                      aligns="rrrrl", header_fill=0.9)
        pen.para(LEFT, y + 16, 528, f"Oxygen was bled into the CPAP circuit at "
                 f"{fmt_flow(bleed)} L/min at {pressures[-1]} cm H2O for persistent desaturation "
                 f"after obstructive events were controlled.", "Helvetica", 9)

    def p3(pen: Pen) -> None:
        y = head(pen, 3)
        pen.text(LEFT, y + 6, "INTERPRETATION", "Helvetica-Bold", 11)
        items = [f"1. Severe obstructive sleep apnea (AHI {ahi}/h)." if ahi >= 30 else
                 f"1. Moderate obstructive sleep apnea (AHI {ahi}/h).",
                 f"2. Sleep-related hypoxemia on room air: nadir {nadir}%, {t88} minutes at or "
                 f"below 88% during the diagnostic portion.",
                 f"3. CPAP {pressures[-1]} cm H2O eliminated obstructive events; persistent "
                 f"desaturation required {fmt_flow(bleed)} L/min oxygen bleed-in.",
                 "RECOMMENDATIONS: CPAP " + str(pressures[-1]) + " cm H2O with heated humidifier "
                 f"and {fmt_flow(bleed)} L/min O2 bleed-in. If SpO2 remains below 88% on PAP, "
                 "repeat overnight oximetry on PAP with oxygen. Follow up in sleep clinic in 8 "
                 "weeks."]
        y += 26
        for it in items:
            y = pen.para(LEFT, y, 528, it, "Helvetica", 9.5) + 6
        signature(pen, LEFT, y + 20, sleep_doc, end.date() + timedelta(days=rng.randint(2, 9)),
                  True)

    f = Facts(p.truth_name, p.dob, None, None, "idtf",
              accept={"performed_by": ["hospital_lab", "physician"]})
    return Part("polysomnogram", [Page(p1), Page(p2), Page(p3)], m, f, hard)


def hst_two_column(ctx: Ctx) -> Part:
    """One-page home sleep test: respiratory column left, oximetry column right, prose below
    giving time '< 89%' in minutes (equivalent to <= 88% for integer readings)."""
    rng, p = ctx.rng, ctx.patient
    n = make_night(rng, _day(ctx), o2_for(rng, "ra"))
    ahi = round(rng.uniform(4, 45), 1)
    d, nxt = n.start.date(), [n.end.date()]
    m = [M("spo2", 88, "sleep", "room_air", None, "oximetry", d, 1, minutes=n.t88,
           date_accept=nxt),
         M("spo2", n.nadir, "sleep", "room_air", None, "oximetry", d, 1, date_accept=nxt),
         M("spo2", n.mean, "sleep", "room_air", None, "oximetry", d, 1, date_accept=nxt,
           optional=True),
         M("spo2", n.baseline, "rest", "room_air", None, "oximetry", d, 1, date_accept=nxt,
           optional=True, accept={"setting": ["sleep", None]})]
    hard = ["two-column page", "'below 89%' minutes in prose (= <=88%)",
            "T90 only as % of monitoring time (not annotated)",
            "REI/AHI values near saturations"]
    performer = rng.choice(("idtf", "physician"))
    org = ctx.idtf if performer == "idtf" else ctx.sleep

    def draw(pen: Pen) -> None:
        y = letterhead(pen, org, "band", sub="Home Sleep Apnea Test (HSAT) - Type III")
        y = patient_box(pen, y, [("Name", p.name("Last_First")), ("DOB", fmt_date(p.dob, "mdy")),
                                 ("Night of", fmt_date(d, "mdy")),
                                 ("Ordering", ctx.physician.name)], 2)
        col = (RIGHT - LEFT - 16) / 2
        xs = (LEFT, LEFT + col + 16)
        for x, title in zip(xs, ("RESPIRATORY EVENTS", "OXIMETRY"), strict=True):
            pen.rect(x, y, col, 16, lw=0.6, fill=0.88)
            pen.text(x + 6, y + 11.5, title, "Helvetica-Bold", 9)
        left = [("Monitoring time", hm_words(n.valid)), ("REI (events/h)", f"{ahi}"),
                ("Obstructive apneas", str(rng.randint(10, 160))),
                ("Hypopneas", str(rng.randint(20, 200))),
                ("Central apneas", str(rng.randint(0, 8))),
                ("Supine REI", f"{ahi * rng.uniform(1.1, 1.8):.1f}"),
                ("Snoring (% time)", f"{rng.randint(10, 60)}")]
        right = [("Baseline SpO2", f"{n.baseline}%"), ("Mean SpO2", f"{n.mean}%"),
                 ("Nadir SpO2", f"{n.nadir}%"), ("T90 (% of monitoring)", f"{n.pct90}%"),
                 ("ODI (3%)", f"{n.odi}"), ("Mean pulse", f"{n.pulse[1]} bpm")]
        for x, rows in zip(xs, (left, right), strict=True):
            for i, (k, v) in enumerate(rows):
                pen.text(x + 8, y + 32 + i * 14, k, "Helvetica", 9)
                pen.text(x + col - 8, y + 32 + i * 14, v, "Helvetica", 9, "right")
        y += 32 + 14 * 7 + 10
        pen.line(LEFT, y, RIGHT, y, 0.6)
        sev = "severe" if ahi >= 30 else "moderate" if ahi >= 15 else "mild" if ahi >= 5 else \
            "no significant"
        txt = (f"INTERPRETATION: This home sleep apnea test shows {sev} obstructive sleep apnea "
               f"with a respiratory event index of {ahi} per hour. The mean oxygen saturation was "
               f"{n.mean}% with a minimum of {n.nadir}%; time with saturations below 89% was "
               f"{n.t88} minutes. Patient breathed room air during the study.")
        y = pen.para(LEFT, y + 18, 528, txt, "Helvetica", 9.5)
        recs = ("RECOMMENDATIONS: Auto-PAP 5-15 cm H2O. Consider in-lab titration with oxygen if "
                "nocturnal hypoxemia persists on PAP. Target SpO2 88% or above during sleep.")
        y = pen.para(LEFT, y + 8, 528, recs, "Helvetica", 9.5)
        signature(pen, LEFT, y + 24, clinician(rng, "MD", p.last), n.end.date() + timedelta(
            days=rng.randint(1, 7)), rng.random() < 0.5)

    f = Facts(p.truth_name, p.dob, None, None, performer)
    return Part("home_sleep_test", [Page(draw)], m, f, hard)


LAYOUTS = {
    "ono_vendor_summary": vendor_summary,
    "ono_idtf_percent": idtf_percent,
    "ono_dme_relay": dme_relay,
    "psg_split_night": psg_split_night,
    "hst_two_column": hst_two_column,
}
