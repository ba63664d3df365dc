"""Fax cover sheets and multi-document fax packets for one patient.

A packet is a cover sheet followed by documents built by the other layouts with the same cast;
their truth is merged (pages shifted past the cover) and the fax header counts the cover."""

from __future__ import annotations

import random
from collections.abc import Callable
from copy import deepcopy
from datetime import date, datetime, time, timedelta

from ..context import Ctx
from ..pen import Pen
from ..synth import Org, clinician, fmt_date, fmt_time
from ..transmit import fax_overlay
from ..truth import Facts, M, Page, Part
from . import abg, cmn, discharge, exercise, notes, orders, oximetry
from .common import LEFT, RIGHT, W

CONFIDENTIAL = ("CONFIDENTIALITY NOTICE: The documents accompanying this facsimile contain "
                "confidential health information that is legally privileged. This information is "
                "intended only for the use of the individual or entity named above. If you are "
                "not the intended recipient, you are hereby notified that any disclosure, copying, "
                "distribution or action taken in reliance on the contents of these documents is "
                "strictly prohibited. If you have received this fax in error, please notify the "
                "sender immediately by telephone and destroy the documents.")


def cover_page(rng: random.Random, ctx: Ctx, sender: Org, to: Org, pages: int, when: datetime,
               re_line: str, note: str, hand_note: bool) -> Page:
    """A cover sheet: To/From grid, purpose boxes, a free-text note, confidentiality notice."""
    style = rng.choice(("grid", "lines"))
    person = clinician(rng, rng.choice(("RN", "MA", "CCM")), ctx.patient.last)

    def draw(pen: Pen) -> None:
        if style == "grid":
            pen.text(LEFT, 70, "FAX", "Helvetica-Bold", 40)
            pen.text(RIGHT, 50, sender.name, "Helvetica-Bold", 11, "right")
            pen.lines(RIGHT, 63, [sender.street, f"{sender.town}, {sender.state} {sender.zip}",
                                  f"Phone {sender.phone}  Fax {sender.fax}"], "Helvetica", 8, 10,
                      "right")
            rows = [["To:", to.name, "From:", f"{person.first} {person.last}, {person.creds}"],
                    ["Fax:", to.fax, "Fax:", sender.fax], ["Phone:", to.phone, "Phone:",
                                                           sender.phone],
                    ["Date:", fmt_date(when.date(), "mdy"), "Pages:",
                     f"{pages} (including cover)"], ["Re:", re_line, "", ""]]
            y = pen.table(LEFT, 110, [50, 214, 50, 214], rows, "Helvetica", 9.5, 22,
                          header=0, rules="grid")
        else:
            pen.text(W / 2, 60, sender.name, "Times-Bold", 16, "center")
            pen.text(W / 2, 74, f"{sender.address}  -  Tel {sender.phone}  -  Fax {sender.fax}",
                     "Times-Roman", 8.5, "center")
            pen.text(W / 2, 110, "FACSIMILE TRANSMITTAL SHEET", "Times-Bold", 14, "center")
            y = 140
            for k, v in (("TO:", to.name), ("FAX NUMBER:", to.fax), ("FROM:", person.name),
                         ("DATE:", fmt_date(when.date(), "long") + "  "
                          + fmt_time(when.time(), "ampm")),
                         ("TOTAL NO. OF PAGES INCLUDING COVER:", str(pages)), ("RE:", re_line)):
                pen.text(LEFT, y, k, "Times-Bold", 10)
                pen.line(LEFT + 210, y + 2, RIGHT, y + 2, 0.5)
                pen.text(LEFT + 214, y, v, "Times-Roman", 10.5)
                y += 22
        y += 20
        for i, o in enumerate(("URGENT", "FOR REVIEW", "PLEASE COMMENT", "PLEASE REPLY",
                               "PLEASE SIGN & RETURN")):
            x = LEFT + i * 106
            pen.checkbox(x, y - 8, "x" if i in (1, 4) else None)
            pen.text(x + 12, y, o, "Helvetica", 7.8)
        y += 30
        pen.text(LEFT, y, "Comments:", "Helvetica-Bold", 10)
        pen.rect(LEFT, y + 6, RIGHT - LEFT, 110, lw=0.6)
        if hand_note:
            yy = y + 28
            for chunk in _chunks(note, 58):
                pen.hand(LEFT + 10, yy, chunk, 13)
                yy += 20
        else:
            pen.para(LEFT + 8, y + 22, RIGHT - LEFT - 16, note, "Helvetica", 10)
        pen.para(LEFT, 690, RIGHT - LEFT, CONFIDENTIAL, "Helvetica", 7, 8.6)

    return Page(draw)


def _chunks(s: str, n: int) -> list[str]:
    out, line = [], ""
    for w in s.split():
        if len(line) + len(w) + 1 > n:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return [*out, line] if line else out


def merge(parts: list[Part], cover: Page | None, hard: list[str]) -> tuple[list[Page], list[M],
                                                                           Facts]:
    """Concatenate parts after the cover, shifting pages; union facts, settle conflicts."""
    pages: list[Page] = [cover] if cover else []
    ms: list[M] = []
    facts = Facts()
    performers: list[str | None] = []
    for part in parts:
        off = len(pages)
        pages += part.pages
        for m in part.measurements:
            m2 = deepcopy(m)
            m2.page += off
            ms.append(m2)
        pf = part.facts
        facts.patient_name = facts.patient_name or pf.patient_name
        facts.date_of_birth = facts.date_of_birth or pf.date_of_birth
        facts.admission_date = facts.admission_date or pf.admission_date
        facts.discharge_date = facts.discharge_date or pf.discharge_date
        facts.findings |= pf.findings
        facts.negated_findings |= pf.negated_findings
        facts.findings_optional |= pf.findings_optional
        facts.requested_equipment |= pf.requested_equipment
        facts.hcpcs |= pf.hcpcs
        performers += [pf.performed_by, *pf.accept.get("performed_by", [])]
        hard += [f"{part.doc_type}: {h}" for h in part.hard[:2]]
    real = [x for x in performers if x]
    facts.performed_by = real[0] if real else None
    alts = sorted({x for x in performers if x != facts.performed_by}, key=str)
    if alts:
        facts.accept["performed_by"] = [*alts] if None in alts else [*alts, None]
    return pages, ms, facts


def _sent(parts: list[Part], anchor: date, rng: random.Random) -> datetime:
    days = [m.date for p in parts for m in p.measurements if m.date]
    days += [d for p in parts for d in (p.facts.discharge_date, p.last_date) if d]
    base = max([*days, anchor])
    return datetime.combine(base + timedelta(days=rng.randint(10, 16)),
                            time(rng.randint(8, 17), rng.randint(0, 59)))


def _packet(ctx: Ctx, builders: list[Callable[[Ctx], Part]], sender: Org, to: Org, re_line: str,
            note: str, hard: list[str], duplicate: bool = False) -> Part:
    rng = ctx.rng
    parts = [b(ctx) for b in builders]
    when = _sent(parts, ctx.anchor, rng)
    n = 1 + sum(len(p.pages) for p in parts) + (1 if duplicate else 0)
    cover = cover_page(rng, ctx, sender, to, n, when, re_line, note, rng.random() < 0.5)
    pages, ms, facts = merge(parts, cover, hard)
    if duplicate:
        src = rng.randrange(1, len(pages))
        pages.append(pages[src])
        for m in [m for m in ms if m.page == src + 1]:
            dup = deepcopy(m)
            dup.page = len(pages)
            dup.optional = True
            ms.append(dup)
        hard.append(f"page {src + 1} sent twice (copy at page {len(pages)}, optional)")
    hard.append("cover note quotes values that are not evidence")
    part = Part("fax_packet", pages, ms, facts, hard)
    part.overlays = fax_overlay(ctx, rng, sender, when, cover_counted=rng.random() < 0.7)
    return part


# ---------------------------------------------------------------------------------------------
def cover_only(ctx: Ctx) -> Part:
    """A lone cover sheet whose note quotes a saturation: no measurements at all."""
    rng, p = ctx.rng, ctx.patient
    when = datetime.combine(ctx.anchor, time(rng.randint(8, 17), rng.randint(0, 59)))
    sat = rng.randint(83, 88)
    earlier = ctx.anchor - timedelta(days=3)
    note = rng.choice((f"Pt sats {sat}% RA at rest per our RT. Please sign and return the CMN and "
                       f"order for home O2 2 LPM. Thank you!",
                       f"Re-sending: we still need the signed order. Last O2 sat {sat}% on room "
                       f"air with walking. Test date {fmt_date(earlier, 'mdy_short')}.",
                       f"Attached per your request. Patient desaturated to {sat}% during "
                       f"ambulation; pulmonary to review."))
    re_line = f"{p.first} {p.last}  DOB {fmt_date(p.dob, 'mdy')}"
    cover = cover_page(rng, ctx, ctx.supplier, ctx.clinic, rng.randint(3, 9), when, re_line,
                       note, rng.random() < 0.5)
    f = Facts(p.truth_name, p.dob, None, None, None,
              accept={"patient_name": [None], "date_of_birth": [None]})
    hard = ["cover note quotes a saturation (not a measurement)", "page count announces pages "
            "that are not in this file", "patient named only in the Re: line"]
    return Part("fax_cover", [cover], [], f, hard)


def packet_pulmonary_office(ctx: Ctx) -> Part:
    """Clinic -> supplier: cover, progress note, walk titration sheet, signed SWO."""
    p = ctx.patient
    return _packet(ctx, [notes.progress_note, exercise.titration_table, orders.swo_checkbox],
                   ctx.clinic, ctx.supplier,
                   f"Home O2 order - {p.name('Last_First')}",
                   "Attached: office note, ambulatory oximetry and signed SWO. Pt qualifies with "
                   "exertion; please deliver concentrator and portable. Call with questions.",
                   ["four documents of one patient, three kinds of test date"])


def packet_hospital_discharge(ctx: Ctx) -> Part:
    """Hospital -> supplier: cover, discharge summary, landscape cumulative ABG, one page twice."""
    p = ctx.patient
    return _packet(ctx, [discharge.summary, abg.cumulative_landscape], ctx.hospital,
                   ctx.supplier, f"DISCHARGE TODAY - {p.last.upper()}, {p.first.upper()} - home O2",
                   "Discharging today on 2L NC. ABGs and summary attached. Room-air ABG before "
                   "discharge was qualifying per MD. Please set up at home by 5 pm.",
                   ["discharge packet with a landscape cumulative report"], duplicate=True)


def packet_sleep_supplier(ctx: Ctx) -> Part:
    """Supplier -> physician: cover, IDTF oximetry, typed CMN for signature, SWO."""
    p = ctx.patient
    return _packet(ctx, [oximetry.idtf_percent, cmn.cmn_for_signature, orders.swo_checkbox],
                   ctx.supplier, ctx.clinic,
                   f"Signature needed: {p.full}",
                   "Overnight oximetry enclosed (nadir in the low 80s). Please sign the CMN and "
                   "order and fax back to our intake line. If SpO2 is not <= 88% for 5 min we "
                   "cannot bill.",
                   ["supplier packet to the physician"])


LAYOUTS = {
    "fax_cover_only": cover_only,
    "packet_pulmonary_office": packet_pulmonary_office,
    "packet_hospital_discharge": packet_hospital_discharge,
    "packet_sleep_supplier": packet_sleep_supplier,
}
