"""The read stage's budgets: how much work and memory one page may cost.

Every page is checked against these before it is parsed or rendered (`extractors.read.pdf_guard`
for PDFs, `extractors.read.files` for image files). What is over a budget is scaled down with a
warning when it can be (a page image too large for OCR), read another way when there is one (a
text layer too heavy to parse goes to OCR), or refused with a one-line message. Together they
keep one read under about 1.5 GiB, OCR models included (`benchmarks/bounds.py` measures it).
"""

from __future__ import annotations

MiB = 1024 * 1024

MAX_RENDER_PIXELS = 16_000_000
"""Largest page image rendered or loaded for OCR (a 20 × 20 inch page at 200 dpi); a larger
page is read at a lower resolution, and its warning says so."""

MAX_DECODE_BYTES = 320 * MiB
"""Largest image the renderer or the image decoder may hold decoded in memory (one pixel
counted as 4 bytes in colour, 1 byte in gray or black and white, plus the gray copy made for
OCR). A page holding a larger image, or an image file frame larger than this, is refused.
One page at a time is decoded or rendered in a process, however many documents are read."""

MAX_STREAM_BYTES = 32 * MiB
"""Largest decoded size of one content, form or font stream; beyond it the page is refused
(a few kilobytes of compressed data can inflate to gigabytes)."""

MAX_CONTENT_BYTES = 96 * MiB
"""Largest amount of drawing instructions a page may make the renderer run, forms counted
each time they are drawn; beyond it the page is refused."""

MAX_TEXT_CONTENT_BYTES = 6 * MiB
"""Largest amount of drawing instructions whose text layer is parsed; a heavier page (a
vectorised drawing, a map) is read by OCR instead."""

MAX_DRAWS = 200_000
"""Largest number of forms and images a page may draw (repeats counted); beyond it the page
is refused."""

MAX_FORM_DEPTH = 64
"""Deepest nesting of forms whose text layer is parsed; a deeper page is read by OCR."""

MAX_TEXT_OBJECTS = 150_000
"""Largest number of characters, lines and shapes parsed from one page's text layer (about
1 KB each while parsed; a dense page of text has 3,000–6,000); when a page has more, its text
layer is dropped and the page is read by OCR."""
