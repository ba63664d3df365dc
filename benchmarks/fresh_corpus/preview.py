"""Render built documents to small PNGs for a visual check.

    python -m benchmarks.fresh_corpus.preview CORPUS_DIR PREVIEW_DIR [--dpi 70] [NAME ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageSequence


def pages_of(path: Path, dpi: int) -> list[Image.Image]:
    """Every page of a PDF, TIFF or PNG as a greyscale image at about ``dpi``."""
    if path.suffix == ".pdf":
        doc = pdfium.PdfDocument(str(path))
        imgs = [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
        doc.close()
        return imgs
    with Image.open(path) as im:
        out = []
        for frame in ImageSequence.Iterator(im):
            xdpi, ydpi = (float(v) for v in frame.info.get("dpi", (204, 196)))
            f = frame.convert("L")
            out.append(f.resize((round(f.width * dpi / xdpi), round(f.height * dpi / ydpi)),
                                Image.Resampling.LANCZOS))
        return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("names", nargs="*")
    ap.add_argument("--dpi", type=int, default=70)
    a = ap.parse_intermixed_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    files = [a.corpus / n for n in a.names] or sorted(
        p for p in a.corpus.iterdir() if p.suffix in (".pdf", ".tif", ".png"))
    for path in files:
        try:
            for i, img in enumerate(pages_of(path, a.dpi)):
                img.save(a.out / f"{path.stem}_p{i + 1}.png")
        except Exception as e:      # the bad files are meant to fail
            print(f"{path.name}: {e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
