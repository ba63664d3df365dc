"""Writes `sample_fax.tif`: the synthetic referral (`sample_referral.pdf`) as a fine-mode fax.

Run ``python -m desktop_app.samples.make_fax_sample`` to regenerate it. Each page of the text
PDF is rendered with pdfium (its built-in fonts, so no system font is needed), turned 1-bit
like a fax machine does (204×196 dpi, fixed threshold) and saved as a Group 4 multi-page TIFF.
It is deliberately clean (no speckle): it is a smoke test that the OCR path works in a frozen
build, not an accuracy test (the extractor's own corpus covers noisy faxes). The result has
no text layer, so reading it exercises the OCR path; `oxygen-intake --self-test` uses it.
Same pypdfium2 and Pillow versions, same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

SOURCE = Path(__file__).with_name("sample_referral.pdf")
SAMPLE = Path(__file__).with_name("sample_fax.tif")
FAX_DPI = (204, 196)
"""Fine-mode fax resolution (horizontal, vertical)."""
THRESHOLD = 160
"""Grey level below which a pixel becomes ink."""


def fax_pages(source: Path = SOURCE) -> list[Image.Image]:
    """The pages of ``source`` as 1-bit fax images."""
    xdpi, ydpi = FAX_DPI
    pages: list[Image.Image] = []
    doc = pdfium.PdfDocument(str(source))
    try:
        for index in range(len(doc)):
            gray = doc[index].render(scale=xdpi / 72.0, grayscale=True).to_pil().convert("L")
            gray = gray.resize((gray.width, round(gray.height * ydpi / xdpi)),
                               Image.Resampling.BOX)
            ink = np.asarray(gray) < THRESHOLD
            pages.append(Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)).convert("1"))
    finally:
        doc.close()
    return pages


def main(out: Path = SAMPLE) -> int:
    pages = fax_pages()
    pages[0].save(out, format="TIFF", compression="group4", dpi=FAX_DPI, save_all=True,
                  append_images=pages[1:])
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(pages)} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE))
