"""Overnight oximetry, home sleep tests and split-night polysomnograms.

Traps built in: <= 88 % and < 90 % side by side, minutes vs hh:mm:ss vs % of time, recording vs
analysed time, relative (elapsed) clocks, SpO2-band histograms, nights on oxygen shown only by a
hand-written "O2 2L", diagnostic vs titration phases with oxygen bled into CPAP.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .. import marks, synth
from ..case import Case
from ..page import GREY, Page
from ..part import Builder, DocPart
from ..table import draw_table
from .common import letterhead, set_patient, signature_block


@dataclass
class Night:
    start: dt.datetime
    end: dt.datetime
    artifact: float  # minutes excluded
    flow: float | None  # O2 during the night, None = room air
    baseline: int
    mean: int
    low: int
    low_elapsed: float  # minutes from the start
    t88: float
    t90: float
    odi: float
    events: int
    pr: tuple[int, int, int]
    longest88: float
    longest_start: float
    bands: list[tuple[str, float]] = field(default_factory=list)

    @property
    def recording(self) -> float:
        return (self.end - self.start).total_seconds() / 60

    @property
    def analysed(self) -> float:
        return self.recording - self.artifact

    @property
    def oxygen(self) -> str:
        return "supplemental" if self.flow else "room_air"


def make_night(
    rng: random.Random, day: dt.date, qualifying: bool, flow: float | None, pediatric: bool = False
) -> Night:
    start = dt.datetime(
        day.year, day.month, day.day, rng.randint(21, 23), rng.randint(0, 59), rng.randint(0, 59)
    )
    end = start + dt.timedelta(minutes=rng.randint(300, 540), seconds=rng.randint(0, 59))
    artifact = round(rng.uniform(2, 40), 1)
    analysed = (end - start).total_seconds() / 60 - artifact
    if qualifying:
        low = rng.randint(72, 86)
        t88 = round(rng.uniform(5.5, 0.25 * analysed), 1)
    else:
        low = rng.randint(84, 90)
        t88 = round(rng.uniform(0.2, 4.4), 1) if low <= 88 else 0.0
    t90 = round(t88 * rng.uniform(1.3, 2.6) + (rng.uniform(1, 8) if low < 90 else 0), 1)
    baseline = rng.randint(max(low + 5, 91), 96)
    mean = rng.randint(max(low + 3, 90), baseline - 1)
    t85 = 0.0 if low >= 85 else round(t88 * rng.uniform(0.2, 0.6), 1)
    t80 = 0.0 if low >= 80 else round(t85 * rng.uniform(0.1, 0.5), 1)
    t75 = 0.0 if low >= 75 else round(t80 * rng.uniform(0.1, 0.5), 1)
    above90 = analysed - t90
    t95 = round(above90 * rng.uniform(0.1, 0.6), 1)
    bands = [
        ("95-100", t95),
        ("90-94", round(above90 - t95, 1)),
        ("85-89", round(t90 - t85, 1)),
        ("80-84", round(t85 - t80, 1)),
        ("75-79", round(t80 - t75, 1)),
        ("< 75", t75),
    ]
    longest = round(min(t88, rng.uniform(0.5, 6)), 1)
    pr_low = rng.randint(48, 66) if not pediatric else rng.randint(70, 95)
    return Night(
        start,
        end,
        artifact,
        flow,
        baseline,
        mean,
        low,
        round(rng.uniform(30, analysed - 30), 1),
        t88,
        t90,
        round(rng.uniform(3, 35), 1),
        rng.randint(12, 220),
        (pr_low, pr_low + rng.randint(10, 25), pr_low + rng.randint(30, 60)),
        longest,
        round(rng.uniform(20, analysed - 60), 1),
        bands,
    )


def record_night(
    part: DocPart,
    n: Night,
    *,
    oxygen: str | None,
    page: int | None = None,
    t88_minutes: bool = True,
    t90: str = "minutes",
    bottom_band: bool = False,
    end_printed: bool = True,
    oxygen_printed: bool = True,
) -> None:
    """Truth for one night (see the annotation conventions in the package README).
    ``oxygen_printed`` False: the report never says room air or oxygen, so a reader that
    leaves the oxygen state unknown is right too."""
    d = n.start.date()
    acc = [n.end.date()] if end_printed and n.end.date() != d else []
    flow = n.flow if oxygen == "supplemental" else None
    accept = {} if oxygen_printed else {"oxygen": [None]}

    def add(
        value: float, setting: str, minutes: float | None = None, optional: bool = False
    ) -> None:
        part.add(
            "spo2",
            value,
            setting,
            oxygen,
            "oximetry",
            d,
            flow=flow,
            minutes=minutes,
            page=page,
            optional=optional,
            date_accept=acc,
            accept=dict(accept),
        )

    add(n.baseline, "rest")
    add(n.mean, "sleep", optional=True)
    add(n.low, "sleep")
    if t88_minutes:
        add(88, "sleep", minutes=n.t88)
    else:
        add(88, "sleep", optional=True)
    if t90 == "minutes":
        add(89, "sleep", minutes=n.t90, optional=True)
    elif t90 == "percent":
        add(89, "sleep", optional=True)
    if bottom_band and n.bands[-1][1] > 0:
        add(74, "sleep", minutes=n.bands[-1][1], optional=True)


def _performer(rng: random.Random, case: Case, j: int) -> tuple[str, str]:
    """(performer name, truth category) for a home oximetry study."""
    k = j % 4
    if k == 3:
        return case.supplier.name, "dme_supplier"
    if k == 2:
        return case.hospital.name + " Sleep Disorders Center", "hospital_lab"
    return case.idtf.name, "idtf"


def _oxygen_cue(
    pg: Page, rng: random.Random, x: float, y: float, n: Night, cue: str, font: str
) -> str | None:
    """Print how the night's oxygen is shown; return the truth oxygen state."""
    pg.text(x, y, "Oxygen:", font + "-b", 8.5)
    pg.hline(x + 42, x + 160, y + 2, 0.4)
    if cue == "typed":
        pg.text(
            x + 46, y, f"{n.flow:g} L/min via nasal cannula" if n.flow else "Room air", font, 8.5
        )
        return n.oxygen
    if cue == "hand":
        marks.hand(pg, rng, x + 48, y - 1, f"O2 {n.flow:g}L" if n.flow else "RA", 12)
        return n.oxygen
    return None


def _trend(pg: Page, rng: random.Random, x: float, y: float, w: float, h: float, n: Night) -> None:
    """A small SpO2 trend graph (graphs do not survive a fax: decoration only)."""
    pg.rect(x, y, w, h, 0.5)
    for lvl in (100, 90, 80, 70):
        yy = y + h * (100 - lvl) / 35
        pg.line(x, yy, x + w, yy, 0.2, GREY, dash=(1, 2))
        pg.text(x - 4, yy + 2.5, str(lvl), "helv", 6, align="right")
    hours = int(n.recording // 60)
    for i in range(hours + 1):
        xx = x + w * (i * 60) / n.recording
        pg.text(
            xx,
            y + h + 8,
            (n.start + dt.timedelta(hours=i)).strftime("%H:%M"),
            "helv",
            5.5,
            align="center",
        )
    pts = []
    val = float(n.baseline)
    steps = 220
    for i in range(steps):
        val += rng.uniform(-0.7, 0.7) + (n.mean - val) * 0.08
        if rng.random() < 0.05:
            val -= rng.uniform(2, n.baseline - n.low)
        val = max(n.low, min(99.0, val))
        pts.append((x + w * i / (steps - 1), y + h * (100 - val) / 35))
    pg.polyline(pts, 0.5)
    pg.text(x, y - 3, "SpO2 (%) trend", "helv-b", 6.5)


def ono_vendor_summary(rng: random.Random, case: Case, j: int) -> DocPart:
    """Vendor software summary: boxed blocks, threshold table, trend, signed interpretation."""
    part = DocPart("overnight_oximetry", "ono_vendor_summary")
    set_patient(part, case)
    pt = case.patient
    qualifying = j % 3 != 2
    flow = case.flow if j % 4 == 1 else None
    n = make_night(rng, case.anchor, qualifying, flow, pt.pediatric)
    name, perf = _performer(rng, case, j)
    part.facts.performed_by = perf
    pg = part.new_page()
    font = "helv"
    y = 40.0
    pg.text(40, y, "Overnight Pulse Oximetry Report", font + "-b", 15)
    pg.text(572, y, "OxiView Analysis v4.2", font, 8, GREY, align="right")
    y += 14
    pg.text(40, y, f"Performed by: {name}", font, 8.5)
    y += 10
    pg.hline(36, 576, y, 1.0)
    y += 14
    cue = ["typed", "hand", "typed", "hand", "none"][j % 5]
    left = [
        ("Name", pt.full),
        ("DOB", synth.fmt_date(pt.dob, "us")),
        ("ID", pt.mrn),
        ("Sex", pt.sex),
        ("Referring", case.physician.signed),
    ]
    right = [
        ("Start", synth.fmt_dt(n.start, "us", "24s")),
        ("End", synth.fmt_dt(n.end, "us", "24s")),
        ("Recording time", synth.hms(n.recording)),
        ("Analyzed time", synth.hms(n.analysed)),
        ("Artifact / excluded", synth.hms(n.artifact)),
    ]
    for i, ((a, b), (c, d)) in enumerate(zip(left, right, strict=True)):
        pg.text(40, y + i * 12, a + ":", font + "-b", 8.5)
        pg.text(112, y + i * 12, b, font, 8.5)
        pg.text(310, y + i * 12, c + ":", font + "-b", 8.5)
        pg.text(410, y + i * 12, d, font, 8.5)
    y += 5 * 12 + 4
    oxygen = _oxygen_cue(pg, rng, 40, y, n, cue, font)
    part.hard_if(cue == "hand", "oxygen state only hand-written in the header")
    part.hard_if(cue == "none", "oxygen state not stated")
    part.hard_if(n.flow is not None, "recording on supplemental oxygen")
    y += 20
    minutes_style = "min" if j % 2 == 0 else "hms"

    def tm(v: float) -> str:
        return f"{v:.1f} min" if minutes_style == "min" else synth.hms(v)

    low_at = n.start + dt.timedelta(minutes=n.low_elapsed)
    # the second threshold the software was set to: < 90 % (T90) or <= 85 %
    alt_threshold = j % 4 in (1, 2)
    t85 = round(sum(t for b, t in n.bands if b in ("80-84", "75-79", "< 75")), 1)
    second, t_second = ("<= 85 %", t85) if alt_threshold else ("< 90 % (T90)", n.t90)
    blocks = [
        (
            "SpO2",
            [
                ("Baseline SpO2", f"{n.baseline} %"),
                ("Mean SpO2", f"{n.mean} %"),
                ("Lowest SpO2", f"{n.low} %"),
                ("Time of lowest", low_at.strftime("%H:%M:%S")),
            ],
        ),
        (
            "Time below threshold",
            [
                ("Time <= 88 %", tm(n.t88)),
                ("% of analyzed time <= 88 %", f"{100 * n.t88 / n.analysed:.1f} %"),
                (f"Time {second}", tm(t_second)),
                (f"% of analyzed time {second}", f"{100 * t_second / n.analysed:.1f} %"),
            ],
        ),
        (
            "Events",
            [
                ("Desaturations (>= 4 %)", str(n.events)),
                ("ODI 4 % (events/h)", f"{n.odi:.1f}"),
                ("Longest event <= 88 %", tm(n.longest88)),
                ("", ""),
            ],
        ),
        (
            "Pulse rate",
            [
                ("Low PR (bpm)", str(n.pr[0])),
                ("Mean PR (bpm)", str(n.pr[1])),
                ("High PR (bpm)", str(n.pr[2])),
                ("", ""),
            ],
        ),
    ]
    for bi, (title, rows) in enumerate(blocks):
        bx = 40 + (bi % 2) * 272
        by = y + (bi // 2) * 78
        pg.rect(bx, by, 260, 70, 0.6)
        pg.rect(bx, by, 260, 13, 0.6, fill=(0.85, 0.85, 0.85))
        pg.text(bx + 5, by + 9.5, title, font + "-b", 8.5)
        for ri, (a, b) in enumerate(rows):
            pg.text(bx + 6, by + 26 + ri * 12, a, font, 8.5)
            pg.text(bx + 254, by + 26 + ri * 12, b, font + "-b", 8.5, align="right")
    y += 2 * 78 + 14
    record_night(part, n, oxygen=oxygen, t90="none" if alt_threshold else "minutes")
    if alt_threshold:
        part.add(
            "spo2",
            85,
            "sleep",
            oxygen,
            "oximetry",
            n.start.date(),
            minutes=t85,
            optional=True,
            flow=n.flow if oxygen == "supplemental" else None,
            date_accept=[n.end.date()],
        )
        part.hard.append("<= 88 % and <= 85 % printed side by side")
    else:
        part.hard.append("<= 88 % and < 90 % printed side by side")
    part.hard_if(minutes_style == "hms", "times in hh:mm:ss")
    part.hard.append("longest single event <= 88 % (not cumulative)")
    _trend(pg, rng, 60, y + 8, 500, 120, n)
    y += 150
    pg.text(40, y, "Interpretation", font + "-b", 10)
    y += 13
    o2txt = f"on {n.flow:g} L/min supplemental oxygen" if n.flow else "on room air"
    if oxygen is None:
        o2txt = ""
    if n.t88 >= 5:
        txt = (
            f"Cumulative time at or below 88 % was {n.t88:.1f} minutes {o2txt} with a nadir of "
            f"{n.low} %. Findings consistent with nocturnal hypoxemia."
        )
    else:
        txt = (
            f"Nadir {n.low} %; cumulative time at or below 88 % {n.t88:.1f} minutes {o2txt}. "
            "No significant nocturnal hypoxemia."
        )
    y = pg.para(40, y, 530, txt.replace("  ", " "), font, 9)
    signed = n.end.date() + dt.timedelta(days=rng.randint(1, 6))
    signature_block(pg, rng, 40, y + 22, case.physician, synth.fmt_date(signed, "us"), font)
    return part


def ono_histogram(rng: random.Random, case: Case, j: int) -> DocPart:
    """Two-column print: statistics left, SpO2-band histogram right, elapsed-time clock."""
    part = DocPart("overnight_oximetry", "ono_histogram")
    set_patient(part, case, dob=j % 2 == 0)
    pt = case.patient
    qualifying = j % 3 != 1
    flow = case.flow if j % 4 in (0, 3) else None
    n = make_night(rng, case.anchor, qualifying, flow, pt.pediatric)
    name, perf = _performer(rng, case, j + 1)
    part.facts.performed_by = perf
    pg = part.new_page()
    font = rng.choice(["sans", "helv"])
    y = 38.0
    pg.text(306, y, "NOCTURNAL OXIMETRY - SUMMARY REPORT", font + "-b", 13, align="center")
    y += 13
    pg.text(306, y, name, font, 9, align="center")
    y += 8
    pg.hline(36, 576, y, 0.8)
    y += 16
    colx = [40, 318]
    # left column
    ly = y
    fields = [("Patient", pt.last_first_mixed)]
    if j % 2 == 0:
        fields.append(("Birth date", synth.fmt_date(pt.dob, "us")))
    fields += [
        ("Patient ID", pt.mrn),
        ("Ordering MD", case.physician.signed),
        ("Recorder", f"Wrist oximeter SN {rng.randint(100000, 999999)}"),
        ("Study date", synth.fmt_date(n.start.date(), "us")),
        ("Start time", n.start.strftime("%H:%M:%S")),
        ("Duration", synth.hms(n.recording)),
        ("Valid data", synth.hms(n.analysed)),
    ]
    for a, b in fields:
        pg.text(colx[0], ly, a, font + "-b", 8.5)
        pg.text(colx[0] + 82, ly, b, font, 8.5)
        ly += 12
    ly += 6
    pg.text(colx[0], ly, "Therapy:", font + "-b", 8.5)
    pg.hline(colx[0] + 82, colx[0] + 250, ly + 2, 0.4)
    cue = "hand" if n.flow else rng.choice(["typed", "hand"])
    if cue == "typed":
        pg.text(colx[0] + 84, ly, "None - room air", font, 8.5)
    else:
        marks.hand(
            pg, rng, colx[0] + 86, ly - 1, f"{n.flow:g} lpm O2" if n.flow else "room air", 11.5
        )
    part.hard_if(cue == "hand", "oxygen state only hand-written")
    ly += 22
    pg.text(colx[0], ly, "SpO2 statistics", font + "-b", 9.5)
    ly += 13
    stats = [
        ("Basal SpO2", f"{n.baseline} %"),
        ("Average SpO2", f"{n.mean} %"),
        ("Minimum SpO2", f"{n.low} %"),
        ("Minimum at", f"{synth.hms(n.low_elapsed)} (elapsed)"),
        ("Total duration below 90 %", synth.hms(n.t90)),
        ("Total duration 88 % & below", synth.hms(n.t88)),
        ("Events 88 % & below", str(max(1, n.events // 6)) if n.t88 else "0"),
        ("Longest event 88 % & below", synth.hms(n.longest88)),
        ("   Started at", f"{synth.hms(n.longest_start)} (elapsed)"),
        ("Desat index (4 %)", f"{n.odi:.1f} /hr"),
    ]
    for a, b in stats:
        pg.text(colx[0], ly, a, font, 8.5)
        pg.text(colx[0] + 250, ly, b, font + "-b", 8.5, align="right")
        ly += 12
    ly += 8
    pg.text(colx[0], ly, "Pulse rate", font + "-b", 9.5)
    ly += 13
    for a, pr in (("Minimum", n.pr[0]), ("Average", n.pr[1]), ("Maximum", n.pr[2])):
        pg.text(colx[0], ly, a, font, 8.5)
        pg.text(colx[0] + 250, ly, f"{pr} bpm", font, 8.5, align="right")
        ly += 12
    pg.line(300, y - 6, 300, max(ly, y + 300), 0.4, GREY)
    # right column: histogram
    ry = y
    pg.text(colx[1], ry, "SpO2 histogram (time in range)", font + "-b", 9.5)
    ry += 6
    rows = [[b, synth.hms(t), f"{100 * t / n.analysed:.1f}"] for b, t in n.bands]
    tb = draw_table(
        pg,
        colx[1],
        ry,
        [80, 86, 80],
        rows,
        header=["SpO2 %", "Time", "% of time"],
        font=font,
        size=8.5,
        ruled="grid",
        aligns=["left", "right", "right"],
    )
    ry = tb.bottom + 8
    # bars
    for i, (_b, t) in enumerate(n.bands):
        w = 230 * t / n.analysed
        pg.rect(colx[1] + 10, ry + 6 + i * 11, max(w, 0.5), 7, 0.3, fill=(0.4, 0.4, 0.4))
    ry += 6 * 11 + 20
    pg.text(colx[1], ry, "Pulse histogram (bpm)", font + "-b", 9.5)
    prow = [
        ["< 50", "00:00:00"],
        ["50-79", synth.hms(n.analysed * 0.7)],
        ["80-109", synth.hms(n.analysed * 0.28)],
        ["110+", synth.hms(n.analysed * 0.02)],
    ]
    draw_table(
        pg,
        colx[1],
        ry + 6,
        [80, 86],
        prow,
        header=["PR", "Time"],
        font=font,
        size=8.5,
        ruled="grid",
        aligns=["left", "right"],
    )
    oxygen = n.oxygen
    record_night(part, n, oxygen=oxygen, bottom_band=True, end_printed=False)
    part.hard.append("'88 % & below' and 'below 90 %' durations side by side")
    part.hard.append("elapsed (relative) clock times")
    part.hard.append("SpO2-band histogram rows are not threshold times")
    # comments
    cy = max(ly, ry + 80) + 20
    pg.hline(36, 576, cy - 12, 0.6)
    pg.text(40, cy, "Physician review:", font + "-b", 9)
    marks.hand(
        pg,
        rng,
        140,
        cy,
        rng.choice(["Reviewed.", "Agree - needs nocturnal O2.", "Reviewed - see note."])
        if n.t88 >= 5
        else "Reviewed - WNL",
        11,
    )
    signature_block(
        pg,
        rng,
        330,
        cy + 26,
        case.physician,
        synth.fmt_date(n.start.date() + dt.timedelta(days=rng.randint(2, 9)), "us2"),
        font,
    )
    return part


def psg_split_night(rng: random.Random, case: Case, j: int) -> DocPart:
    """Two-page split-night PSG report: diagnostic on room air, CPAP titration, O2 bleed-in."""
    part = DocPart("overnight_oximetry", "psg_split_night")
    set_patient(part, case)
    pt = case.patient
    lab = case.hospital
    in_hospital = j % 2 == 0
    part.facts.performed_by = "hospital_lab" if in_hospital else "idtf"
    center = lab.name + " Sleep Center" if in_hospital else case.idtf.name
    day = case.anchor
    lights_off = dt.datetime(day.year, day.month, day.day, 22, rng.randint(0, 45))
    split = lights_off + dt.timedelta(minutes=rng.randint(130, 200))
    pg = part.new_page()
    font = "times"
    place = synth.Place(center, lab.street, lab.town, lab.state, lab.zip, lab.phone, lab.fax)
    y = letterhead(pg, place, 42, "times", sub="Accredited Sleep Disorders Facility")
    pg.text(306, y, "POLYSOMNOGRAPHY REPORT - SPLIT NIGHT STUDY", "times-b", 12, align="center")
    y += 18
    rows = [
        [f"Patient: {pt.full}", f"DOB: {synth.fmt_date(pt.dob, 'us')}", f"MRN: {pt.mrn}"],
        [
            f"Study date: {synth.fmt_date(day, 'us')}",
            f"Referring: {case.physician.signed}",
            f"BMI: {rng.uniform(24, 44):.1f}",
        ],
        [
            f"Lights off: {lights_off.strftime('%H:%M')}",
            "Technologist: R. Vance, RPSGT",
            f"Interpreting: Dr. {case.physician.last}",
        ],
    ]
    tb = draw_table(pg, 40, y, [190, 190, 152], rows, font="times", size=9, ruled="none")
    y = tb.bottom + 10
    pg.text(40, y, "INDICATION", "times-b", 10)
    y = pg.para(
        40,
        y + 12,
        530,
        "Loud snoring, witnessed apneas and daytime sleepiness; evaluate "
        "for obstructive sleep apnea and nocturnal hypoxemia.",
        font,
        10,
    )
    y += 6
    pg.text(40, y, "DIAGNOSTIC PORTION", "times-b", 10)
    y += 12
    diag_low = rng.randint(74, 86)
    diag_base = rng.randint(89, 95)
    diag_mean = rng.randint(max(diag_low + 3, 86), min(diag_base - 1, 92))
    ahi = round(rng.uniform(18, 70), 1)
    diag_min = (split - lights_off).total_seconds() / 60
    tst = diag_min * 0.82
    t88 = round(rng.uniform(6, 0.3 * tst), 1)
    t90 = round(min(t88 * rng.uniform(1.3, 2.0), 0.6 * tst), 1)
    thr_words = rng.choice(["below 89 %", "at or below 88 %"])
    txt = (
        f"The diagnostic portion was recorded on room air for {diag_min:.0f} minutes. Total "
        f"sleep time was {tst:.0f} minutes with a sleep efficiency of 82 %. The apnea-"
        f"hypopnea index was {ahi} events per hour (supine {ahi * 1.3:.1f}). The baseline awake "
        f"SpO2 was {diag_base} %. Mean oxygen saturation during sleep was {diag_mean} % with a "
        f"minimum of {diag_low} %; time with saturations {thr_words} was {t88} minutes, and time "
        f"below 90 % was {t90} minutes."
    )
    y = pg.para(40, y, 530, txt, font, 10)
    d = day
    part.add("spo2", diag_base, "rest", "room_air", "oximetry", d)
    part.add("spo2", diag_mean, "sleep", "room_air", "oximetry", d, optional=True)
    part.add("spo2", diag_low, "sleep", "room_air", "oximetry", d)
    part.add("spo2", 88, "sleep", "room_air", "oximetry", d, minutes=t88)
    part.add("spo2", 89, "sleep", "room_air", "oximetry", d, minutes=t90, optional=True)
    part.hard_if(thr_words == "below 89 %", "'below 89 %' means <= 88 %")
    y += 8
    pg.text(40, y, "Sleep architecture", "times-b", 10)
    y += 6
    arch = [
        ["Stage", "N1", "N2", "N3", "REM"],
        [
            "% TST",
            f"{rng.randint(5, 15)}",
            f"{rng.randint(45, 60)}",
            f"{rng.randint(5, 15)}",
            f"{rng.randint(8, 20)}",
        ],
    ]
    draw_table(
        pg,
        40,
        y,
        [80, 60, 60, 60, 60],
        arch[1:],
        header=arch[0],
        font="times",
        size=9,
        ruled="grid",
    )
    pg.text(306, 760, "- continued on page 2 -", "times-i", 8.5, align="center")
    # page 2
    pg2 = part.new_page()
    y = 48.0
    pg2.text(40, y, f"{pt.full}  -  PSG {synth.fmt_date(day, 'us')}  (page 2)", "times-i", 9)
    y += 20
    pg2.text(40, y, "TITRATION PORTION", "times-b", 10)
    y += 12
    bleed_flow = float(rng.choice([1, 2, 2, 3])) if j % 4 != 3 else None
    pressures = sorted(rng.sample([5, 6, 7, 8, 9, 10, 11, 12, 13], 4))
    bleed_from = rng.randint(2, 3) if bleed_flow else 99
    intro = (
        f"CPAP was initiated at {split.strftime('%H:%M')} at {pressures[0]} cm H2O and titrated "
        f"to {pressures[-1]} cm H2O."
    )
    if bleed_flow:
        intro += (
            f" Because of persistent hypoxemia despite control of respiratory events, "
            f"supplemental oxygen was bled into CPAP at {bleed_flow:g} L/min beginning at "
            f"{pressures[bleed_from]} cm H2O."
        )
    y = pg2.para(40, y, 530, intro, font, 10) + 4
    rows = []
    for i, p in enumerate(pressures):
        on = bleed_flow is not None and i >= bleed_from
        nad = rng.randint(84, 91) if on else rng.randint(78, 88)
        mean = rng.randint(max(nad + 3, 90), 96)
        rows.append(
            [
                f"{p}",
                f"{rng.randint(12, 70)}",
                f"{rng.uniform(0, 25) if i < 3 else rng.uniform(0, 4):.1f}",
                f"{mean}",
                f"{nad}",
                f"{bleed_flow:g} L/min" if on else "-",
            ]
        )
        if on:
            part.add("spo2", nad, "sleep", "supplemental", "oximetry", d, flow=bleed_flow)
            part.add(
                "spo2", mean, "sleep", "supplemental", "oximetry", d, flow=bleed_flow, optional=True
            )
        else:
            part.add("spo2", nad, "sleep", "room_air", "oximetry", d, accept={"oxygen": [None]})
            part.add(
                "spo2",
                mean,
                "sleep",
                "room_air",
                "oximetry",
                d,
                optional=True,
                accept={"oxygen": [None]},
            )
    tb = draw_table(
        pg2,
        40,
        y,
        [80, 70, 60, 80, 80, 90],
        rows,
        header=[
            "CPAP\n(cm H2O)",
            "Time\n(min)",
            "AHI\n(/h)",
            "Mean SpO2\n(%)",
            "SpO2 nadir\n(%)",
            "O2 bleed-in",
        ],
        font="times",
        size=9,
        ruled="grid",
        aligns=["center"] * 6,
    )
    y = tb.bottom + 12
    part.hard.append("split night: diagnostic on room air, titration per pressure")
    if bleed_flow:
        t88o = round(rng.uniform(0.2, 4.5), 1)
        y = pg2.para(
            40,
            y,
            530,
            f"On CPAP with {bleed_flow:g} L/min oxygen, cumulative time at or "
            f"below 88 % was {t88o} minutes.",
            font,
            10,
        )
        part.add("spo2", 88, "sleep", "supplemental", "oximetry", d, flow=bleed_flow, minutes=t88o)
        part.hard.append("oxygen bled into CPAP changes every later value")
    y += 8
    pg2.text(40, y, "IMPRESSION", "times-b", 10)
    y += 12
    imp = [
        f"1. Obstructive sleep apnea, {'severe' if ahi >= 30 else 'moderate'} (AHI {ahi}).",
        f"2. Nocturnal hypoxemia: minimum SpO2 {diag_low} % on room air with {t88} minutes at or "
        "below 88 % during the diagnostic portion.",
    ]
    if bleed_flow:
        imp.append(
            f"3. Recommend CPAP {pressures[-1]} cm H2O with {bleed_flow:g} L/min oxygen "
            "bleed-in; clinical correlation advised."
        )
    else:
        imp.append(
            f"3. Recommend CPAP {pressures[-1]} cm H2O; consider overnight oximetry on CPAP."
        )
    for s in imp:
        y = pg2.para(40, y, 530, s, font, 10)
    y += 16
    signature_block(
        pg2,
        rng,
        40,
        y + 10,
        case.physician,
        synth.fmt_date(day + dt.timedelta(days=rng.randint(2, 8)), "us"),
        "times",
        esig=j % 3 == 0,
    )
    return part


def hst_report(rng: random.Random, case: Case, j: int) -> DocPart:
    """Home sleep apnea test: respiratory and oximetry tables, T88/T90 as % of monitoring time."""
    part = DocPart("overnight_oximetry", "hst_report")
    set_patient(part, case)
    pt = case.patient
    part.facts.performed_by = "idtf"
    qualifying = j % 2 == 0
    flow = case.flow if j % 4 == 3 else None
    n = make_night(rng, case.anchor, qualifying, flow, pt.pediatric)
    pg = part.new_page()
    y = letterhead(pg, case.idtf, 40, "helv", sub="Home Sleep Testing Services", center=False)
    pg.text(40, y, "HOME SLEEP APNEA TEST (Type III) - INTERPRETATION", "helv-b", 12)
    y += 16
    night = f"{synth.fmt_date(n.start.date(), 'us')} - {synth.fmt_date(n.end.date(), 'us')}"
    info = [
        [f"Patient: {pt.last_first_mixed}", f"DOB: {synth.fmt_date(pt.dob, 'us')}"],
        [f"Night of: {night}", f"Device: Type III, SN {rng.randint(10000, 99999)}"],
        [f"Ordering: {case.physician.signed}", f"Scored by: RPSGT {rng.randint(10, 99)}"],
    ]
    tb = draw_table(
        pg, 40, y, [270, 262], info, font="helv", size=8.5, ruled="grid", header_fill=None
    )
    y = tb.bottom + 10
    if flow:
        marks.hand(pg, rng, 400, y + 4, f"pt wore home O2 {flow:g}L", 11)
        part.hard.append("home oxygen during the test only in a hand-written note")
    y += 10
    pg.text(40, y, "Recording", "helv-b", 10)
    y += 4
    rec = [
        ["Total recording time", synth.hms(n.recording)],
        ["Monitoring time (flow evaluation)", synth.hms(n.analysed)],
        ["Excluded / artifact", synth.hms(n.artifact)],
    ]
    y = (
        draw_table(
            pg,
            40,
            y,
            [250, 100],
            rec,
            font="helv",
            size=8.5,
            ruled="rows",
            aligns=["left", "right"],
        ).bottom
        + 10
    )
    pg.text(40, y, "Respiratory events", "helv-b", 10)
    pahi = round(rng.uniform(6, 55), 1)
    resp = [
        ["pAHI 3 %", f"{pahi}", f"{pahi * 1.4:.1f}", f"{pahi * 0.6:.1f}"],
        ["pAHI 4 %", f"{pahi * 0.7:.1f}", f"{pahi:.1f}", f"{pahi * 0.4:.1f}"],
        ["Central index", f"{rng.uniform(0, 3):.1f}", "", ""],
    ]
    y = (
        draw_table(
            pg,
            40,
            y + 4,
            [150, 80, 80, 80],
            resp,
            header=["Index (/h)", "Total", "Supine", "Non-supine"],
            font="helv",
            size=8.5,
            ruled="grid",
            aligns=["left", "right", "right", "right"],
        ).bottom
        + 10
    )
    pg.text(40, y, "Oximetry", "helv-b", 10)
    pct88 = 100 * n.t88 / n.analysed
    pct90 = 100 * n.t90 / n.analysed
    minutes_given = j % 3 != 1
    ox = [
        ["Baseline SpO2 (awake)", f"{n.baseline} %"],
        ["Mean SpO2", f"{n.mean} %"],
        ["SpO2 nadir", f"{n.low} %"],
        [
            "Time SpO2 <= 88 %" if minutes_given else "T88 (% of monitoring time)",
            f"{n.t88:.1f} min ({pct88:.1f} %)" if minutes_given else f"{pct88:.1f} %",
        ],
        ["T90 (% of monitoring time)", f"{pct90:.1f} %"],
        ["ODI 4 % (/h)", f"{n.odi:.1f}"],
    ]
    y = (
        draw_table(
            pg,
            40,
            y + 4,
            [250, 120],
            ox,
            font="helv",
            size=8.5,
            ruled="grid",
            aligns=["left", "right"],
        ).bottom
        + 12
    )
    oxygen = n.oxygen
    record_night(part, n, oxygen=oxygen, t88_minutes=minutes_given, t90="percent",
                 oxygen_printed=flow is not None)
    part.hard.append("T90 only as a percentage of monitoring time")
    part.hard_if(not minutes_given, "T88 only as a percentage (no minutes)")
    pg.text(40, y, "Interpretation", "helv-b", 10)
    y += 12
    sev = "severe" if pahi >= 30 else "moderate" if pahi >= 15 else "mild"
    body = (
        f"This home sleep apnea test demonstrates {sev} obstructive sleep apnea with a pAHI of "
        f"{pahi} /h. The oxygen saturation nadir was {n.low} %"
        + (f" with {n.t88:.1f} minutes at or below 88 %." if minutes_given else ".")
        + " Recommend CPAP titration; if hypoxemia persists on PAP, consider nocturnal oxygen."
    )
    if rng.random() < 0.5:
        body += (
            " If the patient develops daytime hypoxemia (SpO2 < 88 %), refer for ambulatory "
            "testing."
        )
        part.hard.append("conditional plan with a threshold")
    y = pg.para(40, y, 530, body, "helv", 9)
    signature_block(
        pg,
        rng,
        40,
        y + 24,
        case.physician,
        synth.fmt_date(n.end.date() + dt.timedelta(days=rng.randint(2, 8)), "us"),
        "helv",
    )
    return part


LAYOUTS: dict[str, Builder] = {
    "ono_vendor_summary": ono_vendor_summary,
    "ono_histogram": ono_histogram,
    "psg_split_night": psg_split_night,
    "hst_report": hst_report,
}
