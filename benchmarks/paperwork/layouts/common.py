"""Pieces shared by several layouts: letterheads, patient banners, signatures, print footers."""

from __future__ import annotations

import datetime as dt
import random

from .. import marks, synth
from ..case import Case
from ..page import GREY, Page
from ..part import DocPart
from ..synth import Clinician, Place


def set_patient(part: DocPart, case: Case, dob: bool = True) -> None:
    """The paper names the patient (and prints the date of birth when DOB)."""
    part.facts.patient_name = case.patient.full
    if dob:
        part.facts.date_of_birth = case.patient.dob


def letterhead(
    pg: Page,
    place: Place,
    y: float = 40,
    font: str = "helv",
    sub: str = "",
    center: bool = True,
    rule: bool = True,
) -> float:
    """Facility name, address and phone/fax lines; returns the y below them."""
    x = pg.width / 2 if center else 40
    al = "center" if center else "left"
    pg.text(
        x,
        y,
        place.name.upper() if font.startswith("courier") else place.name,
        font + "-b",
        13,
        align=al,
    )
    y += 13
    if sub:
        pg.text(x, y, sub, font, 8.5, align=al)
        y += 11
    pg.text(x, y, f"{place.street}, {place.city_line}", font, 8, align=al)
    y += 10
    pg.text(x, y, f"Phone {place.phone}   Fax {place.fax}", font, 8, align=al)
    y += 8
    if rule:
        pg.hline(36, pg.width - 36, y, 0.8)
    return y + 12


def ehr_footer(
    pg: Page, who: str, when: dt.datetime, page_no: int, pages: int, font: str = "helv"
) -> None:
    """'Printed by ... on ... Page n of m' along the bottom edge."""
    y = pg.height - 22
    pg.hline(36, pg.width - 36, y - 10, 0.4, GREY)
    pg.text(36, y, f"Printed by: {who}  {synth.fmt_dt(when, 'us_short', '12')}", font, 7, GREY)
    pg.text(pg.width - 36, y, f"Page {page_no} of {pages}", font, 7, GREY, align="right")


def signature_block(
    pg: Page,
    rng: random.Random,
    x: float,
    y: float,
    who: Clinician,
    signed_text: str | None,
    font: str = "helv",
    esig: bool = False,
) -> float:
    """A signature (scribble or 'Electronically signed by ...'); returns the y below it."""
    if esig:
        pg.text(
            x,
            y,
            f"Electronically signed by {who.signed}"
            + (f" on {signed_text}" if signed_text else ""),
            font + "-i" if font in ("helv", "times") else font,
            8,
        )
        return y + 14
    marks.signature(pg, rng, x, y)
    pg.hline(x, x + 170, y + 3, 0.5)
    pg.text(x, y + 13, who.signed + (f"   NPI {who.npi}" if who.npi else ""), font, 8)
    if signed_text:
        pg.text(x + 200, y + 3, "Date:", font, 8)
        marks.hand(pg, rng, x + 226, y + 1, signed_text, 10)
    return y + 28


def fax_line(
    sent: dt.datetime, sender_fax: str, sender: str, to_fax: str, page: int, pages: int, style: int
) -> str:
    """A transmission header as sending machines print it."""
    digits = "".join(ch for ch in to_fax if ch.isdigit())
    if style == 0:
        return (
            f"{synth.fmt_date(sent.date(), 'us')} {synth.fmt_time(sent, '12')}  FROM: {sender_fax}"
            f" {sender[:24].upper()}  TO: 1{digits}  P.{page}/{pages}"
        )
    if style == 1:
        return (
            f"{sent.strftime('%b-%d-%Y %H:%M')}  {sender[:28]}  {sender_fax}   "
            f"PAGE {page:03d} OF {pages:03d}"
        )
    return (
        f"{sent.strftime('%m/%d/%y %H:%M')} {sender_fax} -> {to_fax}  "
        f"pg {page} of {pages}  {sender[:20]}"
    )
