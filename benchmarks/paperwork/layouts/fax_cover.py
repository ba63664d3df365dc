"""Fax cover sheets: memo style, boxed form with check boxes, e-fax service cover.

A cover's note may quote values ("pt sats 87 % RA") - that is not evidence and never a
measurement. The Re: line may name the patient.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Protocol

from .. import marks, synth
from ..case import Case
from ..page import GREY, wrap
from ..part import Builder, DocPart
from ..table import draw_table
from .common import set_patient


class CoverBuilder(Protocol):
    """A cover layout; a packet passes its send time and page count."""

    def __call__(
        self,
        rng: random.Random,
        case: Case,
        j: int,
        sent: dt.datetime | None = ...,
        pages: int | None = ...,
    ) -> DocPart: ...


CONFIDENTIAL = (
    "CONFIDENTIALITY NOTICE: This facsimile contains protected health information that "
    "is privileged and confidential under federal and state law. It is intended only for "
    "the use of the recipient named above. If you are not the intended recipient, any "
    "review, disclosure, copying or distribution is prohibited. If you received this fax "
    "in error, please notify the sender by telephone and destroy the original."
)


def cover_note(rng: random.Random, case: Case) -> str:
    """A free-text note that may quote a value (not evidence)."""
    q = case.qual
    quote = ""
    if q is not None and rng.random() < 0.8:
        if q.kind == "pao2":
            quote = f"PaO2 {q.value:g} on RA. "
        elif q.setting == "sleep":
            quote = f"ONO nadir {q.value:g}%. "
        else:
            how = "w/ exertion" if q.setting == "exercise" else "at rest"
            quote = f"Pt sats {q.value:g}% RA {how}. "
    return quote + rng.choice(
        [
            "Please sign attached order/CMN and fax back.",
            "Records attached for oxygen qualification.",
            "Please review and return signed paperwork ASAP.",
            "Per your request - see attached.",
        ]
    )


def _sender(case: Case, j: int) -> tuple[synth.Place, synth.Place]:
    """(sender, recipient) of the fax."""
    return (case.hospital, case.supplier) if j % 2 == 0 else (case.clinic, case.supplier)


def cover_memo(
    rng: random.Random,
    case: Case,
    j: int,
    sent: dt.datetime | None = None,
    pages: int | None = None,
) -> DocPart:
    """Memo-style cover: big FAX title, To/From lines, urgency boxes, note, confidentiality."""
    part = DocPart("fax_cover", "cover_memo")
    sender, to = _sender(case, j)
    sent = sent or synth.at(case.anchor + dt.timedelta(days=rng.randint(3, 12)), rng, 8, 17)
    pages = pages or rng.randint(3, 6)
    pg = part.new_page()
    pg.text(40, 70, "FAX", "helv-b", 40)
    pg.text(572, 50, sender.name, "helv-b", 10, align="right")
    pg.text(572, 62, f"{sender.street}, {sender.city_line}", "helv", 8, align="right")
    pg.text(572, 72, f"Tel {sender.phone}  Fax {sender.fax}", "helv", 8, align="right")
    pg.hline(36, 576, 84, 1.5)
    y = 112.0
    pt = case.patient
    re = f"{pt.full}  DOB {synth.fmt_date(pt.dob, 'us')}"
    set_patient(part, case)
    fields = [
        ("To:", to.name),
        ("Fax:", to.fax),
        ("From:", f"{rng.choice(['Case Mgmt', 'Medical Records', 'Front desk'])} - {sender.name}"),
        ("Phone:", sender.phone),
        ("Date:", synth.fmt_dt(sent, "us", "12")),
        ("Re:", re),
        ("Pages:", f"{pages} (including cover)" if j % 2 == 0 else f"{pages - 1} + cover"),
    ]
    for a, b in fields:
        pg.text(40, y, a, "helv-b", 11)
        pg.text(110, y, b, "helv", 11)
        pg.hline(108, 572, y + 3, 0.3, GREY)
        y += 22
    y += 6
    x = 40.0
    chosen = rng.choice(["Urgent", "For Review", "Please Reply"])
    for opt in ("Urgent", "For Review", "Please Comment", "Please Reply", "Please Recycle"):
        marks.checkbox(pg, rng, x, y - 8, 9, "x" if opt == chosen else None)
        x += pg.text(x + 13, y, opt, "helv", 10) + 30
    y += 30
    pg.text(40, y, "Comments:", "helv-b", 11)
    y += 18
    note = cover_note(rng, case)
    for ln in _wrap_hand(note):
        marks.hand(pg, rng, 50, y, ln, 13)
        y += 20
    part.hard_if(
        any(ch.isdigit() for ch in note.split(".")[0]), "cover note quotes a value (not evidence)"
    )
    pg.para(40, 700, 530, CONFIDENTIAL, "helv", 7.5)
    return part


def _wrap_hand(s: str) -> list[str]:
    return wrap(s, 480, "hand", 13)


def cover_boxed(
    rng: random.Random,
    case: Case,
    j: int,
    sent: dt.datetime | None = None,
    pages: int | None = None,
) -> DocPart:
    """Boxed form: labels above hand-filled values, a grid of check boxes, a sticky note."""
    part = DocPart("fax_cover", "cover_boxed_form")
    sender, to = _sender(case, j + 1)
    sent = sent or synth.at(case.anchor + dt.timedelta(days=rng.randint(3, 12)), rng, 8, 17)
    pages = pages or rng.randint(3, 6)
    pg = part.new_page()
    pg.rect(36, 36, 540, 46, 1.2, fill=(0.15, 0.15, 0.15))
    pg.text(50, 66, "FACSIMILE TRANSMITTAL", "helv-b", 18, color=(1, 1, 1))
    pg.text(562, 66, sender.name, "helv-b", 9, color=(1, 1, 1), align="right")
    y = 100.0
    pt = case.patient
    name_in_re = j % 3 != 2
    if name_in_re:
        set_patient(part, case, dob=False)
    boxes = [
        [("TO", to.name), ("FROM", sender.name)],
        [("FAX NUMBER", to.fax), ("SENDER'S FAX", sender.fax)],
        [("PHONE", to.phone), ("DATE SENT", synth.fmt_date(sent.date(), "us_short"))],
        [
            ("RE", f"{pt.last}, {pt.first}" if name_in_re else "Oxygen paperwork"),
            ("TOTAL PAGES", str(pages)),
        ],
    ]
    for row in boxes:
        x = 36.0
        for label, val in row:
            pg.rect(x, y, 270, 38, 0.8)
            pg.text(x + 5, y + 10, label, "helv-b", 7)
            marks.hand(pg, rng, x + 10, y + 29, val, 12)
            x += 270
        y += 38
    y += 18
    grid = [
        ["URGENT", "PLEASE CALL", "ORIGINAL TO FOLLOW"],
        ["FOR REVIEW", "PLEASE REPLY", "AS REQUESTED"],
    ]
    marked = rng.choice([g for row in grid for g in row])
    for r, grow in enumerate(grid):
        for c, label in enumerate(grow):
            marks.checkbox(
                pg, rng, 50 + c * 180, y + r * 20 - 8, 9, "tick" if label == marked else None
            )
            pg.text(64 + c * 180, y + r * 20, label, "helv", 9)
    y += 50
    pg.text(40, y, "NOTES:", "helv-b", 9)
    pg.rect(36, y + 6, 540, 160, 0.8)
    yy = y + 30
    for ln in _wrap_hand(cover_note(rng, case)):
        marks.hand(pg, rng, 48, yy, ln, 12.5)
        yy += 22
    if j % 2 == 0:
        marks.sticky_note(pg, rng, 380, y + 190, 170, ["Attn: intake", "2nd request!"])
    pg.para(40, 720, 530, CONFIDENTIAL, "helv", 7)
    if not name_in_re:
        part.hard.append("cover names no patient")
    return part


def cover_efax(
    rng: random.Random,
    case: Case,
    j: int,
    sent: dt.datetime | None = None,
    pages: int | None = None,
) -> DocPart:
    """A fax server's generated cover: caller ID, job number, receive time, page count."""
    part = DocPart("fax_cover", "cover_efax_service")
    sender, to = _sender(case, j)
    sent = sent or synth.at(case.anchor + dt.timedelta(days=rng.randint(3, 12)), rng, 8, 17)
    pages = pages or rng.randint(3, 6)
    pg = part.new_page()
    pg.text(40, 60, "Fax Message Received", "sans-b", 18)
    pg.text(40, 78, "Delivered by your cloud fax service", "sans", 9, GREY)
    pg.hline(36, 576, 88, 0.8)
    recv = sent + dt.timedelta(seconds=rng.randint(40, 300))
    rows = [
        ["Received", recv.strftime("%Y-%m-%d %H:%M:%S") + " (local)"],
        ["Caller ID", sender.fax.replace("(", "").replace(") ", "-")],
        ["Sender CSID", sender.name[:20].upper()],
        ["Called number", to.fax],
        ["Pages", str(pages)],
        ["Transmission time", f"{rng.randint(40, 220)} s"],
        ["Resolution", rng.choice(["Fine (204x196)", "Standard (204x98)"])],
        ["Job ID", f"{rng.randint(10**9, 10**10 - 1)}"],
    ]
    y = draw_table(pg, 40, 104, [150, 300], rows, font="sans", size=9.5, ruled="rows").bottom + 20
    if j % 2 == 1:
        pg.text(40, y, "Subject:", "sans-b", 9.5)
        pg.text(100, y, f"Referral - {case.patient.full}", "sans", 9.5)
        set_patient(part, case, dob=False)
        y += 20
    else:
        part.hard.append("cover names no patient")
    pg.para(
        40,
        y + 10,
        530,
        "The pages that follow were received as an image. This cover page was "
        "generated by the fax service and is not part of the transmission.",
        "sans",
        8.5,
    )
    pg.para(40, 700, 530, CONFIDENTIAL, "sans", 7)
    return part


COVERS: dict[str, CoverBuilder] = {
    "cover_memo": cover_memo,
    "cover_boxed_form": cover_boxed,
    "cover_efax_service": cover_efax,
}
LAYOUTS: dict[str, Builder] = {
    "cover_memo": cover_memo,
    "cover_boxed_form": cover_boxed,
    "cover_efax_service": cover_efax,
}
