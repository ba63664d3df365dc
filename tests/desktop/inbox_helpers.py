"""Helpers for the inbox tests: small distinct fax documents and a fax service that writes
them slowly, in bursts with pauses, the way e-fax software drops files into a folder."""

from __future__ import annotations

import hashlib
import io
import random
import threading
import time
from pathlib import Path

from PIL import Image, ImageDraw

from extractors.testing.pdf_writer import TextItem, text_pdf


def fax_pdf(n: int) -> bytes:
    """A small text PDF, different for every ``n`` (so its SHA-256 differs)."""
    return text_pdf([[TextItem(72, 72, f"Fax cover sheet {n}", 14, bold=True),
                      TextItem(72, 100, f"Synthetic test document number {n:04d}")],
                     [TextItem(72, 72, f"Page two of document {n}")]])


def fax_tiff(n: int, pages: int = 2) -> bytes:
    """A 1-bit Group 4 fax TIFF of ``pages`` pages, different for every ``n``."""
    frames = []
    for page in range(pages):
        img = Image.new("1", (1728, 400), 1)
        draw = ImageDraw.Draw(img)
        draw.text((40, 40 + 7 * (n % 40)), f"FAX {n} PAGE {page + 1}", fill=0)
        draw.rectangle((100 + n, 200, 300 + 3 * n, 260 + page), outline=0)
        frames.append(img)
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", compression="group4", save_all=True,
                   append_images=frames[1:], dpi=(204, 196))
    return out.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class SlowWriter(threading.Thread):
    """Writes ``files`` (name → bytes) into ``folder`` one after another, each in chunks with
    pauses, some pauses longer than the scanner's interval (so a half-written file sits still
    for several scans). Files start ``stagger_s`` apart. Deterministic for a ``seed``."""

    def __init__(self, folder: Path, files: dict[str, bytes], *, chunk: int = 700,
                 pauses: tuple[float, ...] = (0.0, 0.01, 0.03, 0.25),
                 stagger_s: float = 0.02, seed: int = 13) -> None:
        super().__init__(daemon=True)
        self.folder = folder
        self.files = files
        self.chunk = chunk
        self.pauses = pauses
        self.stagger_s = stagger_s
        self.rng = random.Random(seed)
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for name, data in self.files.items():
                with open(self.folder / name, "wb") as f:
                    for start in range(0, len(data), self.chunk):
                        f.write(data[start:start + self.chunk])
                        f.flush()
                        time.sleep(self.rng.choice(self.pauses))
                time.sleep(self.stagger_s)
        except BaseException as exc:  # reported by the test
            self.error = exc


def twenty_faxes() -> dict[str, bytes]:
    """Fourteen PDFs and six TIFFs, all different."""
    files = {f"fax-{n:02d}.pdf": fax_pdf(n) for n in range(14)}
    files.update({f"fax-{n:02d}.tif": fax_tiff(n) for n in range(14, 20)})
    return files
