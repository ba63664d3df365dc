"""Draw a list of pages into a PDF with a text layer (reportlab, byte-for-byte repeatable)."""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from .pen import HAND_FONTS, Pen
from .truth import Overlay, Page


def render_pdf(pages: Sequence[Page], overlays: Sequence[Overlay] = (), seed: str = "",
               title: str = "") -> bytes:
    """Render ``pages`` then each overlay (fax headers, footers, stamps) on every page."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=pages[0].size, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("")
    c.setProducer("fresh_corpus")
    hand = random.Random(seed).choice(HAND_FONTS[:2])
    for i, page in enumerate(pages):
        c.setPageSize(page.size)
        pen = Pen(c, page.size[0], page.size[1], random.Random(f"{seed}:{i}"), hand)
        page.draw(pen)
        for overlay in overlays:
            overlay(pen, i + 1, len(pages))
        c.showPage()
    c.save()
    return buf.getvalue()
