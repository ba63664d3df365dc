"""Three files a reader must refuse with a clear error: a truncated PDF, a password-protected
PDF, and a TIFF whose image data is cut off."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfgen.canvas import Canvas

from .synth import fmt_date, person


def _sample_pdf(rng: random.Random, encrypt: str | None = None) -> bytes:
    """A plausible two-page note, optionally encrypted with a user password."""
    from datetime import date
    p = person(rng, date(2025, 2, 3))
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(encrypt, canPrint=0) if encrypt else None
    c = Canvas(buf, invariant=1, encrypt=enc)
    for page in (1, 2):
        c.setFont("Helvetica-Bold", 13)
        c.drawString(50, 740, "PROGRESS NOTE")
        c.setFont("Helvetica", 10)
        c.drawString(50, 720, f"Patient: {p.full}   DOB: {fmt_date(p.dob, 'mdy')}")
        c.drawString(50, 700, f"Vitals: BP 128/74  HR 84  SpO2 {86 + page}% on room air at rest")
        c.drawString(50, 680, f"Page {page} of 2")
        c.showPage()
    c.save()
    return buf.getvalue()


def truncated_pdf(rng: random.Random) -> bytes:
    """The first kilobyte of a PDF: an interrupted download."""
    return _sample_pdf(rng)[:1024]


def encrypted_pdf(rng: random.Random) -> bytes:
    """A PDF that opens only with a password nobody sent."""
    return _sample_pdf(rng, encrypt="s3cr3t-" + str(rng.randint(1000, 9999)))


def truncated_tiff(rng: random.Random) -> bytes:
    """A fax TIFF cut off after its header and a sliver of image data."""
    img = Image.new("1", (1728, 2200), 1)
    buf = io.BytesIO()
    img.save(buf, format="TIFF", compression="group4", dpi=(204, 196))
    data = buf.getvalue()
    return data[:200] + bytes(rng.randrange(256) for _ in range(60))


BAD = (("broken_truncated_pdf", "pdf", truncated_pdf, "PDF cut after 1 KB: no xref, no pages"),
       ("broken_encrypted_pdf", "pdf", encrypted_pdf, "user password required to open"),
       ("broken_truncated_tiff", "tif", truncated_tiff, "TIFF header intact, strips missing"))


def write_all(out: Path, seed: int, first_number: int) -> list[list[str]]:
    """Write the bad files and their truth; returns their INDEX rows."""
    rows = []
    for i, (layout, ext, make, why) in enumerate(BAD):
        name = f"fc{first_number + i:03d}.{ext}"
        (out / name).write_bytes(make(random.Random(f"{seed}|{layout}")))
        rec = {"source": name, "expect_error": True, "pages": None, "measurements": [],
               "facts": {"patient_name": None, "date_of_birth": None, "admission_date": None,
                         "discharge_date": None, "performed_by": None, "findings": [],
                         "requested_equipment": [], "hcpcs": []},
               "meta": {"group": "bad", "layout": layout, "rendering": ext, "hard": [why]}}
        (out / f"{name}.truth.json").write_text(json.dumps(rec, indent=1) + "\n")
        rows.append([name, "bad", layout, ext, ""])
    return rows
