"""Deliberately broken files (truth ``expect_error: true``): the reader must report an error."""

from __future__ import annotations

import random

from .case import make_case
from .layouts import abg
from .pdf_out import pdf_bytes

KINDS = ("truncated_pdf", "html_as_pdf", "corrupt_tiff")


def broken_file(kind: str, rng: random.Random) -> tuple[bytes, str]:
    """(content, extension) of a broken file of KIND."""
    if kind == "truncated_pdf":
        part = abg.lis_single(rng, make_case(rng), 0)
        data = pdf_bytes(part.pages)
        return data[: len(data) * 2 // 5], "pdf"
    if kind == "html_as_pdf":
        return (
            b"<!DOCTYPE html><html><head><title>Session expired</title></head><body>"
            b"<h1>Your fax portal session has expired.</h1><p>Please sign in again to "
            b"download document 55-0142.</p></body></html>\n"
        ), "pdf"
    # a TIFF header that promises an image directory that is not there
    return b"II*\x00" + (4096).to_bytes(4, "little") + bytes(
        rng.randrange(256) for _ in range(300)
    ), "tif"
