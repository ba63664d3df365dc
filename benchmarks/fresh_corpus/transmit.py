"""What the wire adds: fax transmission header lines, e-fax footers, receipt stamps."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from .context import Ctx
from .pen import Pen
from .synth import Org, fmt_date, fmt_time
from .truth import Overlay


def fax_overlay(ctx: Ctx, rng: random.Random, sender: Org | None = None,
                sent: datetime | None = None, cover_counted: bool = True) -> list[Overlay]:
    """Header (and sometimes a second, older header or a receipt stamp) on every page."""
    org = sender or ctx.supplier
    when = sent or datetime.combine(ctx.anchor + timedelta(days=rng.randint(3, 30)),
                                    time(rng.randint(7, 18), rng.randint(0, 59)))
    style = rng.choice(("mon", "slash", "efax"))
    to_fax = f"555{rng.randint(100, 199):03d}{rng.randint(1000, 9999)}"
    overwrite = rng.random() < 0.4
    refax = rng.random() < 0.25
    stamp = rng.random() < 0.3
    stamp_day = when.date() + timedelta(days=rng.randint(0, 2))
    stamp_page = rng.randint(1, 2)

    def header(pen: Pen, page: int, total: int) -> None:
        shown, n = (page, total) if cover_counted else (page - 1, total - 1)
        if overwrite:
            pen.rect(0, 0, pen.w, 13, lw=0, fill=1.0, stroke=False)
        if style == "mon":
            s = (f"{when.strftime('%b').upper()}-{when.day:02d}-{when.year} "
                 f"{fmt_time(when.time())}   FROM: {org.name.upper()[:28]}  {org.fax}   "
                 f"TO: {to_fax}   P.{max(shown, 0):03d}/{n:03d}")
            pen.text(18, 10, s, "Courier", 7.2)
        elif style == "slash":
            pen.text(18, 10, f"{fmt_date(when.date(), 'mdy')}  {fmt_time(when.time(), 'ampm')}",
                     "Helvetica", 7.2)
            pen.text(pen.w / 2, 10, f"{org.fax}   {org.name[:30]}", "Helvetica", 7.2, "center")
            pen.text(pen.w - 18, 10, f"PAGE {max(shown, 0)} OF {n}", "Helvetica", 7.2, "right")
        else:
            pen.text(pen.w / 2, pen.h - 10,
                     f"Received {fmt_date(when.date(), 'mdy')} {fmt_time(when.time(), 'ampm')} "
                     f"via SecureFax from {org.fax} - Page {page}/{total}", "Helvetica", 6.8,
                     "center")
        if refax:
            old = when - timedelta(days=rng.randint(1, 9))
            pen.text(18, 21, f"{fmt_date(old.date(), 'mdy_short')} {fmt_time(old.time(), 'mil')}"
                     f"  {ctx.clinic.fax}  {ctx.clinic.name.upper()[:24]}  #{page}", "Courier",
                     6.8)
        if stamp and page == stamp_page:
            pen.stamp(pen.w - 200, pen.h - 64, f"RECEIVED {stamp_day.strftime('%b').upper()} "
                      f"{stamp_day.day:02d} {stamp_day.year}", 13, rng.uniform(-6, 6))

    return [header]
