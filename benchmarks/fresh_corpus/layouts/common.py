"""Pieces many layouts share: letterheads, patient banners, footers, signatures, O2 states."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime

from ..pen import Pen
from ..synth import Clinician, Org, Person, fmt_date, fmt_flow, fmt_time

W, H = 612.0, 792.0
LAND = (792.0, 612.0)
LEFT, RIGHT = 42.0, 570.0


def letterhead(pen: Pen, org: Org, style: str, y: float = 40.0, sub: str = "") -> float:
    """An organisation's heading in one of several styles; returns the y below it."""
    if style == "center":
        pen.text(W / 2, y, org.name, "Helvetica-Bold", 14, "center")
        y += 13
        if sub:
            pen.text(W / 2, y, sub, "Helvetica", 8.5, "center")
            y += 11
        pen.text(W / 2, y, f"{org.address}   Tel {org.phone}   Fax {org.fax}", "Helvetica", 7.5,
                 "center")
        pen.line(LEFT, y + 6, RIGHT, y + 6, 1.2)
        return y + 20
    if style == "left":
        pen.text(LEFT, y, org.name, "Times-Bold", 16)
        if sub:
            pen.text(LEFT, y + 13, sub, "Times-Italic", 9.5)
        pen.lines(RIGHT, y - 6, [org.street, f"{org.town}, {org.state} {org.zip}",
                                 f"Phone {org.phone}", f"Fax {org.fax}"], "Times-Roman", 7.5,
                  9, "right")
        pen.line(LEFT, y + 28, RIGHT, y + 28, 0.8)
        pen.line(LEFT, y + 30, RIGHT, y + 30, 0.4)
        return y + 46
    # "band": reversed white-on-black name band
    pen.rect(LEFT, y - 14, RIGHT - LEFT, 22, lw=0, fill=0.05, stroke=False)
    pen.c.setFillGray(1)
    pen.c.setFont("Helvetica-Bold", 13)
    pen.c.drawString(LEFT + 8, pen.h - y, org.name.upper())
    pen.c.setFillGray(0)
    pen.text(LEFT, y + 20, f"{org.address}  |  P {org.phone}  |  F {org.fax}"
             + (f"  |  {sub}" if sub else ""), "Helvetica", 7.5)
    return y + 36


def ehr_footer(pen: Pen, left: str, page: int, total: int, printed: datetime,
               user: str = "") -> None:
    """A print footer: who printed it when, page x of y."""
    pen.line(LEFT, H - 40, RIGHT, H - 40, 0.4)
    pen.text(LEFT, H - 30, left, "Helvetica", 6.8)
    stamp = f"Printed {fmt_date(printed.date(), 'mdy')} {fmt_time(printed.time())}"
    pen.text(W / 2, H - 30, stamp + (f" by {user}" if user else ""), "Helvetica", 6.8, "center")
    pen.text(RIGHT, H - 30, f"Page {page} of {total}", "Helvetica", 6.8, "right")


def signature(pen: Pen, x: float, y: float, who: Clinician, when: date, electronic: bool,
              label: str = "Signed") -> float:
    """A wet or electronic signature line; returns the y below it."""
    if electronic:
        pen.text(x, y, f"Electronically signed by {who.name} on {fmt_date(when, 'mdy')} "
                       f"{fmt_time(datetime(2000, 1, 1, 8 + who.npi.count('1') % 9, 14).time())}",
                 "Helvetica-Oblique", 8)
        return y + 14
    pen.scribble(x + 10, y + 4, 110)
    pen.line(x, y + 8, x + 170, y + 8, 0.5)
    pen.text(x, y + 17, f"{label}: {who.name}", "Helvetica", 7.5)
    pen.line(x + 200, y + 8, x + 290, y + 8, 0.5)
    pen.hand(x + 204, y + 5, fmt_date(when, "mdy_short"), 10)
    pen.text(x + 200, y + 17, "Date", "Helvetica", 7.5)
    return y + 30


def patient_box(pen: Pen, y: float, pairs: list[tuple[str, str]], cols: int = 2,
                font: str = "Helvetica", size: float = 8.5, box: bool = True) -> float:
    """Label/value pairs in ``cols`` columns, optionally boxed; returns the y below."""
    rows = (len(pairs) + cols - 1) // cols
    colw = (RIGHT - LEFT) / cols
    if box:
        pen.rect(LEFT, y, RIGHT - LEFT, rows * 12.5 + 8, lw=0.7)
    for i, (label, value) in enumerate(pairs):
        r, c = i % rows, i // rows
        pen.kv(LEFT + 6 + c * colw, y + 14 + r * 12.5, label, value, font, size,
               label_font=font + "-Bold" if font in ("Helvetica", "Courier") else "Times-Bold")
    return y + rows * 12.5 + 18


@dataclass
class O2:
    """An oxygen state at a test: room air, cannula, mask, high-flow, ventilator."""

    kind: str                  # ra, nc, venturi, nrb, hfnc, bipap, vent, poc_pulse
    flow: float | None = None
    fio2: int = 21

    @property
    def oxygen(self) -> str:
        return "room_air" if self.kind == "ra" else "supplemental"

    @property
    def truth_flow(self) -> float | None:
        """The flow a reader should report: litres of O2 for cannula/NRB, else none."""
        return self.flow if self.kind in ("nc", "nrb") else None

    def accept_flow(self) -> list[float | None]:
        """Debatable flows: HFNC total gas flow, a pulse-dose setting number."""
        return [self.flow] if self.kind in ("hfnc", "poc_pulse") and self.flow else []

    def short(self) -> str:
        """The abbreviation a cumulative LIS column uses."""
        f = fmt_flow(self.flow) if self.flow else ""
        return {"ra": "RA", "nc": f"NC {f}L", "venturi": f"VM {self.fio2}%", "nrb": f"NRB {f}L",
                "hfnc": f"HFNC {f}L/{self.fio2}%", "bipap": f"BiPAP {self.fio2}%",
                "vent": f"VENT {self.fio2}%", "poc_pulse": f"POC set {f}"}[self.kind]

    def device(self, rng: random.Random) -> str:
        """Device text for a report row or note."""
        f = fmt_flow(self.flow) if self.flow else ""
        return {
            "ra": rng.choice(("Room air", "RA", "Room Air", "None (RA)")),
            "nc": rng.choice((f"Nasal cannula {f} L/min", f"NC {f} L", f"{f} LPM NC",
                              f"N/C @ {f}L")),
            "venturi": f"Venturi mask {self.fio2}%",
            "nrb": f"Non-rebreather {f} L",
            "hfnc": f"HFNC {f} L/min FiO2 {self.fio2}%",
            "bipap": f"BiPAP 14/6 FiO2 {self.fio2}%",
            "vent": f"Vent AC 500x16 PEEP 5 FiO2 {self.fio2}%",
            "poc_pulse": f"POC pulse setting {f}",
        }[self.kind]


def o2_for(rng: random.Random, kind: str) -> O2:
    """An O2 state of the given kind with plausible flow and FiO2."""
    if kind == "ra":
        return O2("ra", None, 21)
    if kind == "nc":
        flow = float(rng.choice((1, 2, 2, 3, 4)))
        return O2("nc", flow, int(21 + 4 * flow))
    if kind == "venturi":
        return O2("venturi", None, rng.choice((28, 31, 35, 40)))
    if kind == "nrb":
        return O2("nrb", 15.0, 80)
    if kind == "hfnc":
        return O2("hfnc", float(rng.choice((30, 40, 50))), rng.choice((40, 50, 60)))
    if kind == "bipap":
        return O2("bipap", None, rng.choice((35, 40, 50)))
    return O2("vent", None, rng.choice((40, 50, 60)))


def name_line(p: Person, rng: random.Random) -> str:
    return p.name(rng.choice(("last_first", "Last_First", "full", "upper")))
