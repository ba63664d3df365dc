"""Writes recorded pages as a text-layer PDF (the "text" rendering)."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from .page import Page


def pdf_bytes(pages: list[Page], title: str = "document") -> bytes:
    """Replay PAGES into one PDF; fixed metadata dates keep the output deterministic."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(pages[0].width, pages[0].height), invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("")
    c.setCreator("scanned document")
    for pg in pages:
        c.setPageSize((pg.width, pg.height))
        pg.replay(c)
        c.showPage()
    c.save()
    return buf.getvalue()
